"""The language server: ``articlelint server`` speaks LSP over stdio (built on pygls).

What it does for an open Markdown, HTML or plain-text document:

- publishes diagnostics on open and save at once, and on change after a short debounce;
- finds the config as the CLI does (nearest ``.articlelint.toml`` / ``pyproject.toml`` above
  the document) and lints through :func:`lint.engine.build_ruleset` and
  :func:`lint.engine.lint_source`, so the editor and the CLI always agree;
- converts source offsets (code points) to the negotiated position encoding (UTF-16 unless the
  client offers another); lines break at ``\\r\\n``, ``\\r`` and ``\\n`` as the protocol says;
- offers code actions (a finding's own fix, "disable RULE for this line", "disable RULE in
  this file") and a hover with the rule's documentation.

Threading: linting runs in one worker thread, so a slow grammar backend never blocks the
event loop (typing, hovers, code actions) and backends are never used from two threads at
once. A newer change cancels a run that has not started yet and makes a running one's result
stale (it is dropped: a result is published only for the document version it was made from).
One ruleset and one :class:`~lint.rule.Context` per config file live as long as the server,
so services a rule builds (grammar backends, the repository's corpus index) are built once,
not per keystroke; they are rebuilt only when a config file changes.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from lint import __version__
from lint.config import CONFIG_FILES, Config, ConfigCache, ConfigError
from lint.diagnostic import Diagnostic, Severity

log = logging.getLogger("articlelint.server")

#: LSP languageId -> parser format; other documents are linted when their suffix is known.
LANGUAGE_FORMATS = {"markdown": "markdown", "html": "html", "plaintext": "text", "text": "text"}
#: seconds to wait after the last change before linting (open and save lint at once)
DEFAULT_DEBOUNCE = 0.3
SOURCE = "articlelint"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
#: codes of findings about the run itself: no "disable" actions for them
NO_DISABLE = {"AL100", "AL900", "config"}


# -- positions -----------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _units(text: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Positions:
    """Source offsets (code points) ↔ LSP positions in ``encoding`` (UTF-16 by default).

    Lines end at ``\\r\\n``, ``\\r`` or ``\\n`` (the protocol's definition; ``str.splitlines``
    also splits at U+2028, U+0085 and form feeds, which scraped text contains)."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0]
        self.ends: list[int] = []  # end of each line's content (before its break)
        for m in _LINE_BREAK.finditer(text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(text))

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        offset = min(offset, self.ends[line])  # never inside a line break
        return types.Position(line, _units(self.text[self.starts[line]:offset], self.encoding))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(self.position(start), self.position(end))

    def offset(self, position: types.Position) -> int:
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[position.line], self.ends[position.line]
        if self.encoding == types.PositionEncodingKind.Utf32:
            return min(start + position.character, end)
        units = 0
        for i in range(start, end):
            if units >= position.character:
                return i
            units += _units(self.text[i], self.encoding)
        return end

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, max(0, min(offset, len(self.text)))) - 1


# -- per-config state ----------------------------------------------------------------------

@dataclass
class _Setup:
    """What one config needs to lint: built once, kept for the server's life."""

    config: Config
    registry: Any
    ruleset: Any
    ctx: Any


@dataclass
class _Result:
    """The last diagnostics published for a document, with what made them."""

    version: int | None
    text: str
    path: str
    fmt: str
    findings: list[Diagnostic]
    lsp: list[types.Diagnostic]
    registry: Any = None
    error: str | None = None
    _doc: Any = None

    def document(self):
        """The parsed document (parsed on first use: only code actions need it)."""
        if self._doc is None:
            from lint.parse import parse

            self._doc = parse(self.text, self.path, self.fmt)
        return self._doc


@dataclass
class _Open:
    uri: str
    language_id: str
    task: asyncio.Task | None = None


class ArticlelintServer(LanguageServer):
    def __init__(self, debounce: float = DEFAULT_DEBOUNCE, config: Path | None = None,
                 isolated: bool = False) -> None:
        super().__init__("articlelint", __version__,
                         # full sync: pygls applies incremental edits with str.splitlines(),
                         # which miscounts lines around U+2028/U+0085 in scraped text
                         text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.debounce = debounce
        self._config_args = (config, isolated)
        self.configs = ConfigCache(config, isolated)
        self._setups: dict[Path | None, _Setup] = {}
        self.open_docs: dict[str, _Open] = {}
        self.results: dict[str, _Result] = {}
        self._shown_errors: set[str] = set()
        # one worker: backends are not shared across threads, and runs queue in order
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="articlelint-lint")

    # -- scheduling (event loop) -----------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, cancelling a run that is pending for it."""
        state = self.open_docs.get(uri)
        if state is None:
            return
        if state.task is not None and not state.task.done():
            state.task.cancel()
        state.task = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        try:
            await self._lint_and_publish(uri, delay)
        except asyncio.CancelledError:
            raise
        except Exception:  # keep serving; the traceback goes to stderr (the client's log)
            log.exception("linting %s failed", uri)

    async def _lint_and_publish(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        state = self.open_docs.get(uri)
        if state is None:
            return
        document = self.workspace.get_text_document(uri)
        version, text = document.version, document.source
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        loop = asyncio.get_running_loop()
        # cancelling this await cancels the job if the worker has not started it
        try:
            result = await loop.run_in_executor(
                self.linter, self._lint_job, uri, state.language_id, version, text, encoding)
        except RuntimeError:  # the worker is shut down: the client is leaving
            return
        if self.open_docs.get(uri) is not state or self.workspace.get_text_document(uri).version != version:
            return  # closed or changed meanwhile: a newer run is on its way
        self.results[uri] = result
        if result.error and result.error not in self._shown_errors:
            self._shown_errors.add(result.error)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, result.error))
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=result.lsp))

    def forget(self, uri: str) -> None:
        state = self.open_docs.pop(uri, None)
        if state is not None and state.task is not None:
            state.task.cancel()
        self.results.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def configs_changed(self) -> None:
        """A config file changed: read configs again (in the worker, before the runs queued
        after this) and re-lint every open document."""
        self.linter.submit(self._reset)
        self._shown_errors.clear()
        for uri in list(self.open_docs):
            self.schedule(uri, 0)

    def _reset(self) -> None:
        # configs are read again; a setup whose config did not change is kept (with its
        # Context: the corpus index and backends are not rebuilt for an unrelated save)
        self.configs = ConfigCache(*self._config_args)

    # -- linting (worker thread) -----------------------------------------------------------
    def _refresh_corpus(self, uri: str) -> None:
        """A document was saved: bring the repository's corpus index up to date (an
        incremental refresh: unchanged files are only stat-ed). Typing never re-indexes."""
        try:
            setup = self._setups.get(self.configs.for_path(Path(self._path_of(uri))).path)
            if setup is None:
                return
            for name, service in list(setup.ctx.services.items()):
                if name.startswith("corpus") and hasattr(service, "refresh"):
                    service.refresh(setup.config.include, setup.config.exclude)
        except Exception:
            log.exception("refreshing the corpus index after saving %s failed", uri)

    def _path_of(self, uri: str) -> str:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path:
            return path
        root = self.workspace.root_path if self.workspace else None
        name = uri.rsplit("/", 1)[-1] or "untitled"
        return str(Path(root or os.getcwd()) / name)

    def _setup(self, path: Path) -> _Setup:
        from lint.engine import build_ruleset
        from lint.registry import load_registry
        from lint.rule import Context

        config = self.configs.for_path(path)
        setup = self._setups.get(config.path)
        if setup is None or setup.config != config:
            registry = load_registry(config.packs)
            ruleset = build_ruleset(config, registry)
            setup = _Setup(config, registry, ruleset, Context(config=config))
            self._setups[config.path] = setup
        return setup

    def _lint_job(self, uri: str, language_id: str, version: int | None, text: str,
                  encoding: str) -> _Result:
        from lint.engine import lint_source
        from lint.packs import PackError
        from lint.parse import format_for
        from lint.registry import RegistryError

        path = self._path_of(uri)
        fmt = LANGUAGE_FORMATS.get(language_id) or format_for(path)
        positions = Positions(text, encoding)
        try:
            setup = self._setup(Path(path))
        except (ConfigError, PackError, RegistryError) as exc:
            message = f"articlelint: config error: {exc}"
            return _Result(version, text, path, fmt, [], [_run_error(message, "config")], error=message)
        except Exception as exc:
            log.exception("loading the rules for %s failed", path)
            message = f"articlelint: cannot load the rules: {type(exc).__name__}: {exc}"
            return _Result(version, text, path, fmt, [], [_run_error(message, "AL900")], error=message)
        if _excluded(setup.config, path):
            return _Result(version, text, path, fmt, [], [], setup.registry)
        try:
            result = lint_source(text, path, setup.ruleset, setup.ctx, fmt=fmt)
        except Exception as exc:  # a bug must not take the editor's server down
            log.exception("linting %s failed", path)
            message = f"articlelint: could not lint {Path(path).name}: {type(exc).__name__}: {exc}"
            return _Result(version, text, path, fmt, [], [_run_error(message, "AL900")], error=message)
        lsp = [to_lsp(d, positions, uri) for d in result.diagnostics]
        return _Result(version, text, path, fmt, list(result.diagnostics), lsp, setup.registry)

    # -- requests --------------------------------------------------------------------------
    def current(self, uri: str) -> _Result | None:
        """The last result if it matches the document's current text (else None)."""
        result = self.results.get(uri)
        if result is None:
            return None
        document = self.workspace.get_text_document(uri)
        if document.version != result.version or document.source != result.text:
            return None
        return result


def _excluded(config: Config, path: str) -> bool:
    if not config.exclude:
        return False
    from lint.files import is_excluded

    return is_excluded(Path(path), config.exclude, config.root)


def _run_error(message: str, code: str) -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        code=code,
        source=SOURCE,
    )


def to_lsp(d: Diagnostic, positions: Positions, uri: str) -> types.Diagnostic:
    """One finding as an LSP diagnostic (range in the client's position encoding)."""
    related = []
    for r in d.related:
        if r.path is None:
            location = types.Location(uri, positions.range(r.span.start, r.span.end))
        else:
            location = types.Location(from_fs_path(str(Path(r.path).resolve())) or r.path,
                                      _other_file_range(r, positions.encoding))
        related.append(types.DiagnosticRelatedInformation(location, r.message))
    return types.Diagnostic(
        range=positions.range(d.span.start, d.span.end),
        message=d.message,
        severity=SEVERITIES.get(d.severity, types.DiagnosticSeverity.Warning),
        code=d.code,
        source=SOURCE,
        related_information=related or None,
        data={"name": d.name, "fixable": d.fix is not None},
    )


def _other_file_range(r, encoding: str) -> types.Range:
    """Where a related place in another file is. Its 1-based ``line``/``column`` (code points)
    win when given (rules that only know the line pass ``Span(0, 0)``); the file is read to
    count code units, and the range runs to the end of that line so editors show something."""
    try:
        text = Path(r.path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        line, col = max((r.line or 1) - 1, 0), max((r.column or 1) - 1, 0)
        return types.Range(types.Position(line, col), types.Position(line, col))
    other = Positions(text, encoding)
    if r.line is None:
        return other.range(r.span.start, r.span.end)
    line = min(max(r.line - 1, 0), len(other.starts) - 1)
    start = min(other.starts[line] + max((r.column or 1) - 1, 0), other.ends[line])
    return other.range(start, other.ends[line])


# -- code actions --------------------------------------------------------------------------

_DISABLE = "<!-- articlelint: {kind} {code} -->"
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_SETEXT_OR_BREAK = re.compile(r"^\s{0,3}([-=_*+])(\s*\1)*\s*$")
_ATX = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
_DOCTYPE = re.compile(r"\A\s*<!doctype[^>]*>[^\S\r\n]*(\r\n|\r|\n)?", re.I)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _wants_quickfix(kind) -> bool:
    """``only`` lists kind prefixes: "" and "quickfix" both ask for quick fixes."""
    kind = str(getattr(kind, "value", kind))
    quickfix = types.CodeActionKind.QuickFix.value
    return kind == "" or kind == quickfix or quickfix.startswith(kind + ".")


def code_actions(server: ArticlelintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    result = server.current(uri)
    if result is None:
        return []
    if params.context.only and not any(_wants_quickfix(k) for k in params.context.only):
        return []
    document = server.workspace.get_text_document(uri)
    positions = Positions(result.text, server.workspace.position_encoding or types.PositionEncodingKind.Utf16)
    actions: list[types.CodeAction] = []
    disables: list[types.CodeAction] = []
    seen: set[tuple[str, str]] = set()
    for finding, diag in zip(result.findings, result.lsp):
        if not _overlaps(diag.range, params.range):
            continue
        if finding.fix is not None and finding.fix.edits:
            edits = [types.TextEdit(positions.range(e.span.start, e.span.end), e.replacement)
                     for e in finding.fix.edits]
            actions.append(types.CodeAction(
                title=finding.fix.description,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diag],
                is_preferred=True,
                edit=_workspace_edit(server, uri, document.version, edits),
            ))
        if result.fmt not in ("markdown", "html") or finding.code in NO_DISABLE:
            continue
        line_key = (finding.code, f"line{positions.line_of(finding.span.start)}")
        if line_key not in seen and _line_can_be_disabled(result, finding.span.start):
            seen.add(line_key)
            edit = disable_line_edit(result, finding.span.start, finding.code, positions)
            disables.append(types.CodeAction(
                title=f"Disable {finding.code} ({finding.name}) for this line",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diag],
                edit=_workspace_edit(server, uri, document.version, [edit]),
            ))
        if (finding.code, "file") not in seen:
            seen.add((finding.code, "file"))
            edit = disable_file_edit(result, finding.code, positions)
            disables.append(types.CodeAction(
                title=f"Disable {finding.code} ({finding.name}) in this file",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diag],
                edit=_workspace_edit(server, uri, document.version, [edit]),
            ))
    return actions + disables


def _workspace_edit(server: ArticlelintServer, uri: str, version: int | None,
                    edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    caps = server.client_capabilities
    versioned = bool(caps and caps.workspace and caps.workspace.workspace_edit
                     and caps.workspace.workspace_edit.document_changes)
    if versioned:  # the client refuses the edit if the document changed meanwhile
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
            edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def _newline(text: str) -> str:
    m = _LINE_BREAK.search(text)
    return m.group(0) if m else "\n"


def _line_can_be_disabled(result: _Result, offset: int) -> bool:
    """A Markdown table row has no place for a comment: one above ends the table, one after
    the last pipe is not part of the table (the parser drops it). Such findings get only the
    file-wide action."""
    if result.fmt != "markdown":
        return True
    for block in result.document().blocks:
        if block.kind == "table_cell" and block.span.start <= offset <= block.span.end:
            return False
    return True


def disable_line_edit(result: _Result, offset: int, code: str, positions: Positions) -> types.TextEdit:
    """Insert ``disable-next-line CODE`` so that it covers the line of ``offset``.

    The comment goes on its own line above, indented like the line. In Markdown, when the line
    above is prose of the same block (a paragraph or list item goes on), a comment line there
    would split the block, so the comment is appended to the end of that line instead
    (``disable-next-line`` covers the next line either way)."""
    text = result.text
    comment = _DISABLE.format(kind="disable-next-line", code=code)
    line = positions.line_of(offset)
    start = positions.starts[line]
    target = text[start:positions.ends[line]]
    indent = target[: len(target) - len(target.lstrip())]
    if line > 0 and result.fmt == "markdown":
        prev = text[positions.starts[line - 1]:positions.ends[line - 1]]
        prev_indent = len(prev) - len(prev.lstrip())
        structural = (
            not prev.strip()
            or _FENCE.match(prev) or _SETEXT_OR_BREAK.match(prev) or _ATX.match(prev)
            or prev.lstrip().startswith("<")
            or prev.strip() in ("+++", "---")
            or prev_indent >= len(indent) + 4  # indented code
        )
        if not structural:
            at = positions.position(positions.ends[line - 1])
            return types.TextEdit(types.Range(at, at), " " + comment)
    at = positions.position(start)
    return types.TextEdit(types.Range(at, at), indent + comment + _newline(text))


def disable_file_edit(result: _Result, code: str, positions: Positions) -> types.TextEdit:
    """Add ``disable-file CODE`` at the top (after front matter or a doctype), or add the code
    to a ``disable-file`` comment that is already there."""
    from lint.suppress import parse_suppressions

    text = result.text
    doc = result.document()
    for sup in parse_suppressions(doc):
        if sup.kind == "disable-file" and sup.codes:
            merged = _DISABLE.format(kind="disable-file", code=", ".join((*sup.codes, code)))
            return types.TextEdit(positions.range(sup.comment.start, sup.comment.end), merged)
    at = 0
    if doc.front_matter is not None:
        at = doc.front_matter.end
        m = _LINE_BREAK.match(text, at)
        at = m.end() if m else at
    elif result.fmt == "html":
        m = _DOCTYPE.match(text)
        at = m.end() if m else 0
    newline = _newline(text)
    insert = _DISABLE.format(kind="disable-file", code=code) + newline
    if at > 0 and not text[:at].endswith(("\n", "\r")):
        insert = newline + insert
    pos = positions.position(at)
    return types.TextEdit(types.Range(pos, pos), insert)


# -- hover ---------------------------------------------------------------------------------

def hover(server: ArticlelintServer, params: types.HoverParams) -> types.Hover | None:
    result = server.current(params.text_document.uri)
    if result is None or result.registry is None:
        return None
    point = types.Range(params.position, params.position)
    parts: list[str] = []
    shown: set[str] = set()
    for finding, diag in zip(result.findings, result.lsp):
        if not _overlaps(diag.range, point) or finding.name in shown:
            continue
        shown.add(finding.name)
        rule = result.registry.get(finding.code) or result.registry.get(finding.name)
        header = f"**{finding.code}** `{finding.name}` ({finding.family}, {finding.severity})"
        parts.append(header + ("\n\n" + rule.doc() if rule is not None else ""))
    if not parts:
        return None
    return types.Hover(contents=types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(parts)))


# -- wiring --------------------------------------------------------------------------------

def _lintable(language_id: str, uri: str) -> bool:
    if language_id in LANGUAGE_FORMATS:
        return True
    from lint.config import DEFAULT_INCLUDE
    from fnmatch import fnmatch

    name = uri.rsplit("/", 1)[-1]
    return any(fnmatch(name, glob) for glob in DEFAULT_INCLUDE)


def _is_config(uri: str) -> bool:
    return uri.rsplit("/", 1)[-1] in CONFIG_FILES


def create_server(debounce: float = DEFAULT_DEBOUNCE, config: Path | None = None,
                  isolated: bool = False) -> ArticlelintServer:
    server = ArticlelintServer(debounce, config, isolated)

    @server.feature(types.INITIALIZED)
    def initialized(ls: ArticlelintServer, params: types.InitializedParams) -> None:
        caps = ls.client_capabilities
        watch = caps.workspace and caps.workspace.did_change_watched_files
        if watch and watch.dynamic_registration:
            ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
                id="articlelint-config",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=[
                    types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES
                ]),
            )]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArticlelintServer, params: types.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        if not _lintable(doc.language_id, doc.uri):
            return
        ls.open_docs[doc.uri] = _Open(doc.uri, doc.language_id)
        ls.schedule(doc.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArticlelintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ArticlelintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _is_config(uri):
            ls.configs_changed()
        elif uri in ls.open_docs:
            ls.linter.submit(ls._refresh_corpus, uri)  # before the run queued next
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArticlelintServer, params: types.DidCloseTextDocumentParams) -> None:
        if params.text_document.uri in ls.open_docs:
            ls.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: ArticlelintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(_is_config(change.uri) for change in params.changes):
            ls.configs_changed()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def on_code_action(ls: ArticlelintServer, params: types.CodeActionParams):
        return code_actions(ls, params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: ArticlelintServer, params: types.HoverParams):
        return hover(ls, params)

    @server.feature(types.SHUTDOWN)
    def on_shutdown(ls: ArticlelintServer, params: None) -> None:
        ls.linter.shutdown(wait=False, cancel_futures=True)

    return server


def serve(debounce: float = DEFAULT_DEBOUNCE, config: Path | None = None, isolated: bool = False) -> None:
    """Run the server on stdin/stdout until the client says exit.

    The protocol keeps private copies of file descriptors 0 and 1; the process's own stdin
    and stdout are pointed at /dev/null and stderr, so a stray ``print`` in a rule or a
    backend's child process (a LanguageTool server) cannot corrupt the stream."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="articlelint-server %(levelname)s %(name)s: %(message)s")
    proto_in = os.fdopen(os.dup(sys.stdin.fileno()), "rb")
    proto_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout.flush()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(sys.stderr.fileno(), 1)
    sys.stdout = sys.stderr
    create_server(debounce, config, isolated).start_io(proto_in, proto_out)
