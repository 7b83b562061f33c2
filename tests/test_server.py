"""The language server, driven over stdio by a real LSP client (pytest-lsp), plus unit tests
of its position conversion and its suppression edits."""

from __future__ import annotations

import asyncio
import functools
import sys
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pygls.protocol import default_converter
from pygls.uris import from_fs_path

from conftest import SEED
from lint.server import Positions, _Result, disable_file_edit, disable_line_edit

U16 = types.PositionEncodingKind.Utf16
U8 = types.PositionEncodingKind.Utf8
U32 = types.PositionEncodingKind.Utf32


# -- a client that keeps every publishDiagnostics -----------------------------------------

def _make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published = []

    def on_publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)

    client.registrations = []

    def on_register(ls: LanguageClient, params: types.RegistrationParams) -> None:
        ls.registrations.extend(params.registrations)

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = on_publish
    features[types.CLIENT_REGISTER_CAPABILITY] = on_register
    register_lsp_features(client, features)
    return client


SERVER = [sys.executable, "-m", "lint", "server", "--debounce", "0.05"]


# one server for the module (each test works in its own tmp folder): starting one costs seconds
@pytest_lsp.fixture(scope="module",
                    config=ClientServerConfig(server_command=SERVER, client_factory=_make_client))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    caps = pytest_lsp.client_capabilities("visual-studio-code")
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=caps, root_uri=from_fs_path(str(root)),
        workspace_folders=[types.WorkspaceFolder(from_fs_path(str(root)), "workspace")]))
    yield
    await lsp_client.shutdown_session()


on_shared_server = pytest.mark.asyncio(loop_scope="module")


async def published(client: LanguageClient, uri: str, where=lambda p: True, timeout: float = 30.0,
                    after: int = 0) -> types.PublishDiagnosticsParams:
    """The first publishDiagnostics for ``uri`` (from index ``after``) that satisfies ``where``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        for params in client.published[after:]:
            if params.uri == uri and where(params):
                return params
        await asyncio.sleep(0.02)
    got = [(p.uri, p.version, [(d.code, d.range.start.line) for d in p.diagnostics]) for p in client.published]
    raise AssertionError(f"no matching publishDiagnostics for {uri}; got {got}")


def open_doc(client: LanguageClient, path: Path, text: str, language: str, version: int = 1) -> str:
    uri = from_fs_path(str(path))
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


def change_doc(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) the way a client does: from the end."""
    def offset(pos: types.Position) -> int:
        lines = text.splitlines(keepends=True)
        start = sum(len(l) for l in lines[:pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units = 0
        for i, ch in enumerate(line):
            if units >= pos.character:
                return start + i
            units += len(ch.encode("utf-16-le")) // 2
        return start + len(line.rstrip("\r\n"))

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    edit = action.edit
    if edit.document_changes:
        return [e for dc in edit.document_changes if dc.text_document.uri == uri for e in dc.edits]
    return list(edit.changes[uri])


def bp001_lines(params: types.PublishDiagnosticsParams) -> list[int]:
    return [d.range.start.line for d in params.diagnostics if d.code == "BP001"]


# -- end to end ----------------------------------------------------------------------------

@on_shared_server
async def test_seed_article_open_change(client: LanguageClient, tmp_path, corpus):
    text = SEED.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    assert lines[19].strip() == "Leave a Reply"
    uri = open_doc(client, tmp_path / "seed-article.txt", text, "plaintext")

    first = await published(client, uri)
    assert first.version == 1
    leave = [d for d in first.diagnostics if d.code == "BP001" and d.range.start.line == 19]
    assert len(leave) == 1
    d = leave[0]
    assert d.range.start.character == 0 and d.range.end == types.Position(19, len("Leave a Reply"))
    assert d.severity == types.DiagnosticSeverity.Warning
    assert d.source == "articlelint" and "Leave a Reply" in d.message

    # the hover over the finding shows the rule's documentation
    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(19, 3)))
    assert "template-footer" in hover.contents.value and "**What it does**" in hover.contents.value

    # delete line 19: the finding goes, the one below moves up a line
    after = len(client.published)
    change_doc(client, uri, "".join(lines[:19] + lines[20:]), 2)
    second = await published(client, uri, lambda p: p.version == 2, after=after)
    assert 19 not in bp001_lines(second)
    assert sorted(bp001_lines(second)) == sorted(l - 1 for l in bp001_lines(first) if l != 19)


@on_shared_server
async def test_utf16_positions_with_emoji_and_crlf(client: LanguageClient, tmp_path):
    text = "Intro line with a café.\r\n\r\n😀😀 Leave a Reply\r\nLast line.\r\n"
    uri = open_doc(client, tmp_path / "emoji.txt", text, "plaintext")
    params = await published(client, uri)
    found = [d for d in params.diagnostics if d.code == "BP001"]
    assert len(found) == 1
    # line 2 (CRLF counted as one break); two astral emoji are four UTF-16 code units
    line = "😀😀 Leave a Reply"
    assert found[0].range.start == types.Position(2, 0)
    assert found[0].range.end == types.Position(2, len(line.encode("utf-16-le")) // 2)
    assert found[0].range.end.character == 18 != len(line)


@pytest.mark.asyncio
async def test_rapid_changes_publish_once_for_the_last_version(tmp_path):
    """Changes inside the debounce window give one lint run, for the newest text."""
    config = ClientServerConfig(server_command=[*SERVER[:-1], "0.5"], client_factory=_make_client)
    client = await config.start()
    try:
        init = await client.initialize_session(types.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("neovim"), root_uri=from_fs_path(str(tmp_path))))
        encoding = init.capabilities.position_encoding  # Neovim offers utf-8 first
        assert encoding == U8
        uri = open_doc(client, tmp_path / "a.txt", "Fine text.\n", "plaintext")
        await published(client, uri)
        after = len(client.published)
        for version in range(2, 7):
            change_doc(client, uri, f"Fine text.\n\n😀 Leave a Reply\n{'x' * version}\n", version)
        last = await published(client, uri, after=after)
        assert last.version == 6 and bp001_lines(last) == [2]
        # positions in the negotiated encoding: the emoji is four UTF-8 bytes
        assert last.diagnostics[0].range.end == types.Position(2, len("😀 Leave a Reply".encode()))
        await asyncio.sleep(1.0)  # longer than the debounce: nothing else may arrive
        assert [p.version for p in client.published[after:]] == [6]
        await client.shutdown_session()
    finally:
        await client.stop()


@on_shared_server
async def test_broken_config_is_reported_and_recovers(client: LanguageClient, tmp_path):
    cfg = tmp_path / ".articlelint.toml"
    cfg.write_text('selec = ["BP001"]\n', encoding="utf-8")
    uri = open_doc(client, tmp_path / "a.txt", "Leave a Reply\n", "plaintext")
    params = await published(client, uri)
    assert [d.code for d in params.diagnostics] == ["config"]
    message = params.diagnostics[0].message
    assert ".articlelint.toml:1" in message and "did you mean 'select'" in message
    assert any(".articlelint.toml" in m.message for m in client.messages)

    # the server is alive: fixing the config (a watched-file event) re-lints the document
    watched = [r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert watched, "the server asks to watch config files"
    cfg.write_text('select = ["BP001"]\n', encoding="utf-8")
    after = len(client.published)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(from_fs_path(str(cfg)), types.FileChangeType.Changed)]))
    params = await published(client, uri, after=after)
    assert [d.code for d in params.diagnostics] == ["BP001"]


@on_shared_server
async def test_config_select_is_discovered_per_document(client: LanguageClient, tmp_path):
    quiet = tmp_path / "quiet"
    quiet.mkdir()
    (quiet / "pyproject.toml").write_text('[tool.articlelint]\nignore = ["BP001"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / ".articlelint.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")
    loud = open_doc(client, tmp_path / "a.txt", "Leave a Reply\n", "plaintext")
    silent = open_doc(client, quiet / "a.txt", "Leave a Reply\n", "plaintext")
    excluded = open_doc(client, tmp_path / "drafts" / "a.txt", "Leave a Reply\n", "plaintext")
    assert bp001_lines(await published(client, loud)) == [0]
    assert bp001_lines(await published(client, silent)) == []
    assert not (await published(client, excluded)).diagnostics


@on_shared_server
async def test_markdown_disable_actions_round_trip(client: LanguageClient, tmp_path, corpus):
    text = SEED.read_text(encoding="utf-8")
    uri = open_doc(client, tmp_path / "seed-article.md", text, "markdown")
    first = await published(client, uri)
    assert 21 in bp001_lines(first)
    diag = next(d for d in first.diagnostics if d.code == "BP001" and d.range.start.line == 21)

    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), diag.range, types.CodeActionContext([diag])))
    titles = [a.title for a in actions]
    line_action = next(a for a in actions if a.title.startswith("Disable BP001") and "line" in a.title)
    assert any(t.startswith("Disable BP001") and "file" in t for t in titles)

    fixed = apply_edits(text, edits_of(line_action, uri))
    assert "<!-- articlelint: disable-next-line BP001 -->" in fixed
    after = len(client.published)
    change_doc(client, uri, fixed, 2)
    second = await published(client, uri, lambda p: p.version == 2, after=after)
    codes = {d.code for d in second.diagnostics}
    assert "AL001" not in codes  # the suppression is used
    moved = [l for l in bp001_lines(first) if l != 21]
    assert sorted(bp001_lines(second)) == sorted(l + (l > 21) for l in moved)


# -- units: positions ----------------------------------------------------------------------

def test_positions_count_utf16_code_units():
    text = "a😀b\nc"
    p = Positions(text)
    assert p.position(text.index("b")) == types.Position(0, 3)
    assert p.position(text.index("c")) == types.Position(1, 0)
    assert p.offset(types.Position(0, 3)) == text.index("b")
    assert Positions(text, U32).position(text.index("b")) == types.Position(0, 2)
    assert Positions(text, U8).position(text.index("b")) == types.Position(0, 5)
    assert Positions(text, U8).offset(types.Position(0, 5)) == text.index("b")


def test_positions_line_breaks_are_the_protocols():
    text = "one\r\ntwo\rthree\u2028same\x85line\x0cstill\nfour"
    p = Positions(text)
    assert p.position(text.index("two")) == types.Position(1, 0)
    assert p.position(text.index("three")) == types.Position(2, 0)
    assert p.position(text.index("still")).line == 2  # U+2028, NEL, form feed do not break lines
    assert p.position(text.index("four")) == types.Position(3, 0)
    # an offset inside a CRLF is clamped to the end of the line's content
    assert p.position(text.index("\n")) == types.Position(0, 3)
    assert p.position(len(text)) == types.Position(3, 4)
    assert p.offset(types.Position(0, 99)) == 3 and p.offset(types.Position(9, 0)) == len(text)


# -- units: suppression edits --------------------------------------------------------------

def _result(text: str, fmt: str) -> _Result:
    return _Result(1, text, "/tmp/x." + {"markdown": "md", "html": "html"}[fmt], fmt, [], [])


def _insert(text: str, fmt: str, needle: str) -> str:
    result = _result(text, fmt)
    positions = Positions(text)
    return apply_edits(text, [disable_line_edit(result, text.index(needle), "BP001", positions)])


def test_disable_line_goes_above_a_block_start():
    text = "# Title\n\n  Leave a Reply\n"
    assert _insert(text, "markdown", "Leave") == (
        "# Title\n\n  <!-- articlelint: disable-next-line BP001 -->\n  Leave a Reply\n")
    crlf = "First.\r\n\r\nLeave a Reply\r\n"
    assert _insert(crlf, "markdown", "Leave") == (
        "First.\r\n\r\n<!-- articlelint: disable-next-line BP001 -->\r\nLeave a Reply\r\n")
    assert _insert("Leave a Reply\n", "markdown", "Leave").startswith("<!-- articlelint: disable-next-line BP001 -->\n")


def test_disable_line_inside_a_paragraph_does_not_split_it():
    text = "A paragraph goes on\nLeave a Reply\n"
    assert _insert(text, "markdown", "Leave") == (
        "A paragraph goes on <!-- articlelint: disable-next-line BP001 -->\nLeave a Reply\n")
    items = "- one\n- Leave a Reply\n"
    assert _insert(items, "markdown", "Leave") == (
        "- one <!-- articlelint: disable-next-line BP001 -->\n- Leave a Reply\n")
    # a closing fence or a heading cannot take text after it: own line
    fence = "```\ncode\n```\nLeave a Reply\n"
    assert "```\n<!-- articlelint: disable-next-line BP001 -->\nLeave" in _insert(fence, "markdown", "Leave")
    html = "<p>One</p>\n<p>Leave a Reply</p>\n"
    assert _insert(html, "html", "Leave") == (
        "<p>One</p>\n<!-- articlelint: disable-next-line BP001 -->\n<p>Leave a Reply</p>\n")


def test_disable_file_after_front_matter_and_merged():
    text = "---\ntitle: x\n---\nLeave a Reply\n"
    result = _result(text, "markdown")
    edit = disable_file_edit(result, "BP001", Positions(text))
    once = apply_edits(text, [edit])
    assert once == "---\ntitle: x\n---\n<!-- articlelint: disable-file BP001 -->\nLeave a Reply\n"
    again = apply_edits(once, [disable_file_edit(_result(once, "markdown"), "RP001", Positions(once))])
    assert "<!-- articlelint: disable-file BP001, RP001 -->" in again and again.count("disable-file") == 1


def test_disable_file_after_html_doctype():
    text = "<!DOCTYPE html>\n<p>Leave a Reply</p>\n"
    edit = disable_file_edit(_result(text, "html"), "BP001", Positions(text))
    assert apply_edits(text, [edit]) == (
        "<!DOCTYPE html>\n<!-- articlelint: disable-file BP001 -->\n<p>Leave a Reply</p>\n")


# -- units: findings as LSP diagnostics ----------------------------------------------------

def test_to_lsp_maps_severity_code_and_related(tmp_path):
    from lint.diagnostic import Diagnostic, Related, Severity
    from lint.document import Span
    from lint.server import to_lsp

    text = "😀 The same paragraph.\r\n\r\nThe same paragraph.\r\n"
    other = tmp_path / "other.md"
    other.write_text("x\n😀😀 The same paragraph.\n", encoding="utf-8")
    first, second = text.index("The"), text.rindex("The")
    d = Diagnostic("RP001", "repeated-paragraph", "repetition", Severity.INFO,
                   Span(second, second + 19), "repeated paragraph",
                   related=(Related(Span(first, first + 19), "first occurrence"),
                            Related(Span(0, 0), "also in", str(other), 2, 4)))
    lsp = to_lsp(d, Positions(text), "file:///a.md")
    assert lsp.code == "RP001" and lsp.severity == types.DiagnosticSeverity.Information
    assert lsp.range == types.Range(types.Position(2, 0), types.Position(2, 19))
    same, elsewhere = lsp.related_information
    assert same.location.uri == "file:///a.md" and same.message == "first occurrence"
    assert same.location.range.start == types.Position(0, 3)  # the emoji is two UTF-16 units
    assert elsewhere.location.uri == from_fs_path(str(other.resolve()))
    # line 2, column 4 (code points) of the other file; the emoji there are four UTF-16 units
    assert elsewhere.location.range == types.Range(types.Position(1, 5), types.Position(1, 24))


def _has_rule(name: str) -> bool:
    from lint.registry import load_registry

    return load_registry().get(name) is not None


@pytest.mark.skipif(not _has_rule("repeated-word"), reason="the repeated-word rule is not on this branch yet")
@on_shared_server
async def test_code_action_applies_the_findings_fix(client: LanguageClient, tmp_path):
    text = "Intro.\n\n😀 It was the the best of times.\n"
    uri = open_doc(client, tmp_path / "w.txt", text, "plaintext")
    first = await published(client, uri, lambda p: any(d.data and d.data.get("name") == "repeated-word"
                                                        for d in p.diagnostics))
    diag = next(d for d in first.diagnostics if d.data.get("name") == "repeated-word")
    assert diag.range.start.line == 2
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), diag.range, types.CodeActionContext([diag])))
    fix = next(a for a in actions if a.is_preferred)
    fixed = apply_edits(text, edits_of(fix, uri))
    assert fixed == "Intro.\n\n😀 It was the best of times.\n"
    after = len(client.published)
    change_doc(client, uri, fixed, 2)
    second = await published(client, uri, lambda p: p.version == 2, after=after)
    assert not [d for d in second.diagnostics if d.data.get("name") == "repeated-word"]


def test_readme_problem_matcher_reads_the_cli_output(corpus):
    """The VS Code problem matcher in the README parses what `articlelint check` prints."""
    import json
    import re as _re

    from click.testing import CliRunner

    from conftest import ROOT
    from lint.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split('"problemMatcher"', 1)[1]
    regexp = json.loads('"' + _re.search(r'"regexp": "((?:[^"\\]|\\.)*)"', block).group(1) + '"')
    out = CliRunner().invoke(main, ["check", "--isolated", "--no-color", "--select", "BP001", str(SEED)]).stdout
    lines = out.splitlines()
    assert lines
    for line in lines:
        m = _re.match(regexp, line)
        assert m, line
        assert m.group(1) == str(SEED) and m.group(4) == "BP001" and "template footer" in m.group(5)
    assert any(_re.match(regexp, l).group(2) == "20" for l in lines)


# -- grammar backends: suggestions as fixes, and a slow backend never blocks the server -------

needs_grammar = pytest.mark.skipif(not _has_rule("grammar-backend"),
                                   reason="the grammar backends are not on this branch yet")


@needs_grammar
@on_shared_server
async def test_code_action_applies_a_backend_suggestion(client: LanguageClient, tmp_path):
    (tmp_path / ".articlelint.toml").write_text('select = ["grammar-backend"]\n', encoding="utf-8")
    text = "😀 This is an test.\r\n"
    uri = open_doc(client, tmp_path / "g.txt", text, "plaintext")
    first = await published(client, uri)
    diag = next(d for d in first.diagnostics if d.data and d.data.get("fixable"))
    start = text.index("an test")
    assert diag.range.start == types.Position(0, start + 1)  # the emoji is two UTF-16 units
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), diag.range, types.CodeActionContext([diag])))
    fix = next(a for a in actions if a.is_preferred)
    fixed = apply_edits(text, edits_of(fix, uri))
    assert fixed == "😀 This is a test.\r\n"
    after = len(client.published)
    change_doc(client, uri, fixed, 2)
    second = await published(client, uri, lambda p: p.version == 2, after=after)
    assert not [d for d in second.diagnostics if d.code == diag.code]


class _SlowLanguageTool(BaseHTTPRequestHandler):
    """A LanguageTool server that takes ``server.delay`` seconds per check and finds nothing."""

    def log_message(self, *args):
        pass

    def _send(self, body: str) -> None:
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._send('[{"name": "English (US)", "code": "en", "longCode": "en-US"}]')

    def do_POST(self):
        import time

        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.requests += 1
        time.sleep(self.server.delay)
        self._send('{"matches": []}')


@needs_grammar
@pytest.mark.asyncio
async def test_slow_backend_blocks_neither_requests_nor_newer_versions(tmp_path):
    import os
    import threading
    from http.server import ThreadingHTTPServer

    lt = ThreadingHTTPServer(("127.0.0.1", 0), _SlowLanguageTool)
    lt.delay, lt.requests = 2.0, 0
    threading.Thread(target=lt.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{lt.server_address[1]}"
    (tmp_path / ".articlelint.toml").write_text(
        f'select = ["grammar-backend", "BP001"]\n[grammar]\nbackend = "languagetool"\n'
        f'[grammar.languagetool]\nurl = "{url}"\n', encoding="utf-8")
    env = {**os.environ, "ARTICLELINT_CACHE_DIR": str(tmp_path / "cache")}
    config = ClientServerConfig(server_command=SERVER, client_factory=_make_client, server_env=env)
    client = await config.start()
    loop = asyncio.get_running_loop()
    try:
        await client.initialize_session(types.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
            root_uri=from_fs_path(str(tmp_path))))
        uri = open_doc(client, tmp_path / "a.txt", "First words here.\n", "plaintext")
        while lt.requests == 0:  # the worker is now waiting on the slow backend
            await asyncio.sleep(0.02)
        started = loop.time()
        await client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(0, 0)))
        assert loop.time() - started < lt.delay / 2, "a request waited for the backend"
        change_doc(client, uri, "Other words now.\n\nLeave a Reply\n", 2)
        last = await published(client, uri, timeout=60)
        assert last.version == 2 and bp001_lines(last) == [2]
        await asyncio.sleep(0.5)
        assert [p.version for p in client.published] == [2]  # version 1's result was dropped
        await client.shutdown_session()
    finally:
        await client.stop()
        lt.shutdown()
        lt.server_close()


SUPPRESS_CASES = {
    "paragraph goes on": ("A paragraph goes on\nLeave a Reply\n", "md"),
    "list item": ("- one\n- Leave a Reply\n", "md"),
    "after a fence": ("```\ncode\n```\nLeave a Reply\n", "md"),
    "after a heading": ("# Title\nLeave a Reply\n", "md"),
    "quote": ("> quoted text\n> Leave a Reply\n", "md"),
    "after a blank line": ("Text.\n\nLeave a Reply\n", "md"),
    "nested in a list item": ("- item\n\n  Leave a Reply\n", "md"),
    "crlf": ("Text.\r\n\r\nLeave a Reply\r\n", "md"),
    "yaml front matter": ("---\ntitle: x\n---\nLeave a Reply\n", "md"),
    "toml front matter": ("+++\ntitle = 'x'\n+++\n\nLeave a Reply\n", "md"),
    "html": ("<p>One</p>\n<p>Leave a Reply</p>\n", "html"),
    "html doctype": ("<!DOCTYPE html>\n<p>Leave a Reply</p>\n", "html"),
}


@functools.cache
def _footer_ruleset():
    from lint.config import Config
    from lint.engine import build_ruleset

    return build_ruleset(Config(select=("BP001", "AL")))


@pytest.mark.parametrize("kind", ["line", "file"])
@pytest.mark.parametrize("case", list(SUPPRESS_CASES))
def test_suppression_edits_suppress_and_keep_the_blocks(case, kind):
    """Each edit, applied, silences the finding (no unused/unknown suppression either) and
    leaves the document's blocks as they were (no paragraph or list split by a comment)."""
    from lint.engine import lint_source
    from lint.parse import parse

    text, suffix = SUPPRESS_CASES[case]
    path = f"/tmp/case.{suffix}"
    fmt = "markdown" if suffix == "md" else "html"
    ruleset = _footer_ruleset()
    before = lint_source(text, path, ruleset)
    assert [d.code for d in before.diagnostics] == ["BP001"]
    result = _Result(1, text, path, fmt, [], [])
    if kind == "line":
        edit = disable_line_edit(result, before.diagnostics[0].span.start, "BP001", Positions(text))
    else:
        edit = disable_file_edit(result, "BP001", Positions(text))
    fixed = apply_edits(text, [edit])
    assert lint_source(fixed, path, ruleset).diagnostics == []
    blocks = lambda t: [(b.kind, b.text) for b in parse(t, path).blocks]  # noqa: E731
    assert blocks(fixed) == blocks(text)


def test_table_rows_get_only_the_file_action():
    from lint.config import Config
    from lint.engine import build_ruleset, lint_source
    from lint.server import _line_can_be_disabled

    text = "| a | b |\n|---|---|\n| x | y |\n| Leave a Reply | z |\n\nLeave a Reply\n"
    found = lint_source(text, "/tmp/t.md", build_ruleset(Config(select=("BP001",)))).diagnostics
    assert len(found) == 2
    result = _Result(1, text, "/tmp/t.md", "markdown", [], [])
    assert [_line_can_be_disabled(result, d.span.start) for d in found] == [False, True]


# -- repeats and the repository index ------------------------------------------------------

TEMPLATE = ("If you would like to help us test future releases, please consider updating "
            "to the beta channel and reporting any bugs you find.")


@on_shared_server
async def test_repeats_point_at_the_first_occurrence(client: LanguageClient, tmp_path):
    (tmp_path / ".articlelint.toml").write_text('select = ["repeated-paragraph"]\n', encoding="utf-8")
    text = f"# 😀 Notes\n\n{TEMPLATE}\n\nSomething else entirely here.\n\n{TEMPLATE}\n"
    uri = open_doc(client, tmp_path / "r.md", text, "markdown")
    params = await published(client, uri)
    (d,) = params.diagnostics
    assert d.code == "RP001" and d.range.start == types.Position(6, 0)
    (first,) = d.related_information
    assert first.location.uri == uri
    assert first.location.range == types.Range(types.Position(2, 0), types.Position(2, len(TEMPLATE)))


@on_shared_server
async def test_shared_template_index_is_refreshed_on_save_not_per_keystroke(client: LanguageClient, tmp_path):
    (tmp_path / ".articlelint.toml").write_text('select = ["shared-template"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(f"# A\n\nFirst post.\n\n{TEMPLATE}\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("# C\n\nDraft.\n", encoding="utf-8")
    text = f"# C\n\nDraft.\n\n{TEMPLATE}\n"
    uri = open_doc(client, tmp_path / "c.md", text, "markdown")
    first = await published(client, uri)
    assert not first.diagnostics  # two files (a.md and this one) are not a template yet

    # a third file gets the paragraph on disk: typing does not re-index the repository ...
    (tmp_path / "b.md").write_text(f"# B\n\n{TEMPLATE}\n", encoding="utf-8")
    after = len(client.published)
    change_doc(client, uri, text + "\nMore.\n", 2)
    typed = await published(client, uri, lambda p: p.version == 2, after=after)
    assert not typed.diagnostics
    # ... saving does (an incremental refresh), and the finding names another copy
    after = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
    saved = await published(client, uri, after=after)
    (d,) = saved.diagnostics
    assert d.code == "BP005" and d.range.start == types.Position(4, 0) and "3 files" in d.message
    (other,) = d.related_information
    copies = {from_fs_path(str((tmp_path / n).resolve())): line for n, line in (("a.md", 4), ("b.md", 2))}
    assert other.location.uri in copies
    assert other.location.range.start == types.Position(copies[other.location.uri], 0)
