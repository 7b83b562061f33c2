"""Grammar backends without a LanguageTool server: Harper in-process, the cache, the
grammar-backend rule's policy and failures, lazy imports, LanguageTool's faults (fake server
for timeouts, 413 and 500 only) and provisioning with a stand-in Maven."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lint.backends import BackendError, get_backend, reset_backends
from lint.backends.base import Match
from lint.backends.cache import ResultCache, cached_check
from lint.backends.languagetool_backend import _end_in_code_points, split_long_text
from lint.config import Config, GrammarConfig, LanguageToolConfig
from lint.engine import build_ruleset, lint_source
from lint.rule import Context

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@pytest.fixture(autouse=True)
def _fresh_backends():
    reset_backends()
    yield
    reset_backends()


def run_grammar(text: str, grammar: GrammarConfig, cache_dir: Path, path: str = "a.txt"):
    config = Config(select=("grammar",), grammar=grammar)
    ruleset = build_ruleset(config)
    os.environ["ARTICLELINT_CACHE_DIR"] = str(cache_dir)
    return lint_source(text, path, ruleset, Context(config=config))


# -- Harper -------------------------------------------------------------------------------

def test_harper_offsets_are_code_points_even_after_emoji():
    harper = get_backend("harper")
    text = "😀😀 Fine day. This is an test 🎉 of it."
    [matches] = harper.check([text])
    flagged = {m.rule_id: text[m.start : m.end] for m in matches}
    assert flagged["AnA"] == "an"


def test_harper_warm_up_builds_the_linter_in_the_background_with_the_same_answers():
    text = "He go to school. This is an test."
    [cold] = get_backend("harper", spelling=False).check([text])
    reset_backends()
    warm = get_backend("harper", spelling=False)
    warm.warm_up()
    thread = warm._warming
    assert thread is not None and thread.name == "harper-warm-up"
    warm.warm_up()  # once
    assert warm._warming is thread
    assert warm.check([text]) == [cold] and cold
    assert warm._warming is None and not thread.is_alive()
    warm.warm_up()  # built: nothing to start
    assert warm._warming is None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_fork_waits_for_the_warm_up_so_the_child_can_build_a_linter():
    from lint.backends import harper_backend

    backend = get_backend("harper", spelling=False)
    backend.warm_up()
    pid = os.fork()  # at once, while Harper's statics are being built (seen to hang without the wait)
    if pid == 0:
        code = 1
        try:
            fresh = harper_backend.HarperBackend(spelling=False)
            code = 0 if fresh.check(["This is an test."])[0] else 3
        finally:
            os._exit(code)
    waited = not harper_backend._WARMING  # the fork waited for the warm-up
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        pytest.fail(f"the child hung building a linter (fork waited: {waited})")
    assert waited and os.waitstatus_to_exitcode(status) == 0


def test_harper_missing_is_reported_by_check_after_a_warm_up(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_harper(name, *args, **kwargs):
        if name == "harper":
            raise ImportError("No module named 'harper'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "harper", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_harper)
    backend = get_backend("harper")
    backend.warm_up()
    with pytest.raises(BackendError, match="harper-py"):
        backend.check(["He go home."])


def test_rules_with_background_set_up_run_last():
    names = [r.name for r in build_ruleset(Config()).rules]
    assert names[-1] == "grammar-backend"
    assert names[:-1] == sorted(names[:-1], key=lambda n: next(
        r.code for r in build_ruleset(Config()).rules if r.name == n))


def test_harper_spelling_is_marked_and_dictionary_words_are_accepted():
    text = "The Zorblax engine is fast and it is the one we use every day."
    [plain] = get_backend("harper").check([text])
    assert any(m.spelling and text[m.start : m.end] == "Zorblax" for m in plain)
    [with_dict] = get_backend("harper", words=("Zorblax",)).check([text])
    assert not any(m.spelling for m in with_dict)


def test_spelling_off_by_default_and_on_with_project_dictionary(tmp_path):
    text = "The Zorblax engine is fast and the Quuxel one is not.\n"
    off = run_grammar(text, GrammarConfig(), tmp_path / "c1")
    assert not [d for d in off.diagnostics if d.code == "harper:SpellCheck"]
    on = run_grammar(text, GrammarConfig(spelling=True), tmp_path / "c2")
    assert {text[d.span.start : d.span.end] for d in on.diagnostics if d.code == "harper:SpellCheck"} == {
        "Zorblax", "Quuxel"}
    (tmp_path / "words.txt").write_text("# project words\nZorblax\n", encoding="utf-8")
    cfg = Config(select=("grammar",), grammar=GrammarConfig(spelling=True, dictionary=str(tmp_path / "words.txt")))
    os.environ["ARTICLELINT_CACHE_DIR"] = str(tmp_path / "c3")
    result = lint_source(text, "a.txt", build_ruleset(cfg), Context(config=cfg))
    assert {text[d.span.start : d.span.end] for d in result.diagnostics if d.code == "harper:SpellCheck"} == {"Quuxel"}


def test_backend_rules_can_be_disabled_and_taste_rules_enabled(tmp_path):
    text = "This is an test. We bought apples, pears and plums.\n"
    default = run_grammar(text, GrammarConfig(), tmp_path / "c")
    codes = {d.code for d in default.diagnostics}
    assert "harper:AnA" in codes and "harper:OxfordComma" not in codes
    tuned = run_grammar(text, GrammarConfig(disable=("harper:AnA",), enable=("harper:OxfordComma",)), tmp_path / "c")
    codes = {d.code for d in tuned.diagnostics}
    assert "harper:AnA" not in codes and "harper:OxfordComma" in codes


def test_findings_map_to_exact_source_positions(tmp_path):
    text = "Intro line.\n\n🎉 Party time. He go home now.\n"
    result = run_grammar(text, GrammarConfig(), tmp_path / "c")
    [d] = [d for d in result.diagnostics if d.code == "harper:PronounVerbAgreement"]
    assert text[d.span.start : d.span.end] == "go"


# -- the cache: a second run over unchanged text makes zero backend calls -----------------

def test_second_run_over_unchanged_text_makes_no_harper_call(tmp_path):
    text = "This is an test.\n\nHe go to school.\n"
    first = run_grammar(text, GrammarConfig(), tmp_path / "cache")
    harper = get_backend("harper", spelling=False)  # what the rule asks for by default
    calls = harper.calls
    assert calls == 2
    reset_backends()  # a new process: nothing in memory, only the cache on disk
    second = run_grammar(text, GrammarConfig(), tmp_path / "cache")
    assert get_backend("harper", spelling=False).calls == 0
    assert [d.code for d in second.diagnostics] == [d.code for d in first.diagnostics]
    # one paragraph changed: only that one is sent
    run_grammar(text.replace("school", "the school"), GrammarConfig(), tmp_path / "cache")
    assert get_backend("harper", spelling=False).calls == 1


def test_cli_cache_flags_reach_the_grammar_cache(tmp_path, monkeypatch):
    """--cache-dir puts the paragraph cache there; --no-cache keeps it off the disk (and
    the env var no longer has to say so)."""
    monkeypatch.delenv("ARTICLELINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("ARTICLELINT_NO_CACHE", raising=False)
    article = tmp_path / "project" / "a.txt"
    article.parent.mkdir()
    article.write_text("This is an test.\n", encoding="utf-8")
    (article.parent / ".articlelint.toml").write_text('[grammar]\nbackend = "harper"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARTICLELINT_")}

    def run(*args):
        return subprocess.run([PYTHON, "-m", "lint", "check", "--select", "grammar", *args, str(article)],
                              capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)

    chosen = tmp_path / "chosen"
    out = run("--cache-dir", str(chosen))
    assert "harper:AnA" in out.stdout, out.stderr
    assert (chosen / "grammar.sqlite3").exists()
    assert not (article.parent / ".articlelint_cache").exists()

    out = run("--no-cache")
    assert "harper:AnA" in out.stdout, out.stderr
    assert not (article.parent / ".articlelint_cache").exists()  # nothing written anywhere


class _Flaky:
    """A backend that is down until told otherwise."""

    name, version, options_key = "flaky", "1", ""

    def __init__(self):
        self.up, self.calls = False, 0

    def check(self, texts):
        self.calls += 1
        if not self.up:
            raise BackendError("flaky: connection refused")
        return [[] for _ in texts]


def test_a_failed_backend_is_tried_again_later_not_per_file(monkeypatch):
    from lint.rules import grammar_backend

    ctx = Context(config=Config(), services={"cache-settings": (False, None)})
    flaky = _Flaky()
    for text in ("One.", "Two.", "Three."):  # many files in one run: asked once
        with pytest.raises(BackendError):
            grammar_backend._check_cached(ctx, flaky, [text])
    assert flaky.calls == 1
    flaky.up = True
    monkeypatch.setattr(grammar_backend, "RETRY_AFTER", 0.0)  # the editor's server, later on
    assert grammar_backend._check_cached(ctx, flaky, ["Four."]) == [[]]
    assert ctx.services["grammar-failures"] == {}


def test_memory_of_the_result_cache_is_bounded(monkeypatch):
    from lint.backends import cache as cache_module

    monkeypatch.setattr(cache_module, "MEMORY_ENTRIES", 3)
    cache = ResultCache(None, enabled=False)
    for n in range(5):
        cache.put_many({f"k{n}": []})
    assert list(cache.memory) == ["k2", "k3", "k4"]
    assert cache.get_many(["k2"]) == {"k2": []}  # used: now the most recent
    cache.put_many({"k5": []})
    assert list(cache.memory) == ["k4", "k2", "k5"]


def test_cache_key_includes_backend_options(tmp_path):
    cache = ResultCache(tmp_path)
    a = get_backend("harper")
    b = get_backend("harper", words=("Zorblax",))
    cached_check(a, ["The Zorblax engine."], cache)
    cached_check(b, ["The Zorblax engine."], cache)
    assert a.calls == 1 and b.calls == 1


def test_cache_never_fails_a_run(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ResultCache(blocker / "sub")  # cannot be created: memory only
    harper = get_backend("harper")
    assert cached_check(harper, ["He go home."], cache)[0]
    assert cached_check(harper, ["He go home."], cache)[0]
    assert harper.calls == 1


# -- lazy imports -------------------------------------------------------------------------

def _modules_after_check(tmp_path: Path, args: list[str]) -> set[str]:
    article = tmp_path / "a.txt"
    article.write_text("This is an test.\n", encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import sys
        from click.testing import CliRunner
        from lint.cli import main
        CliRunner().invoke(main, {["check", "--isolated", *args, str(article)]!r})
        print(",".join(m for m in ("harper", "language_tool_python") if m in sys.modules))
        """
    )
    env = {**os.environ, "ARTICLELINT_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, env=env, check=True)
    return set(filter(None, out.stdout.strip().split(",")))


def test_run_without_grammar_imports_no_backend(tmp_path):
    assert _modules_after_check(tmp_path, ["--select", "boilerplate"]) == set()
    assert _modules_after_check(tmp_path, ["--select", "GR001,GR002"]) == set()


def test_default_run_imports_harper_only(tmp_path):
    assert _modules_after_check(tmp_path, []) == {"harper"}


# -- failures: one meta finding naming the cause, exit status 2 -----------------------------

def _cli(tmp_path: Path, config: str, text: str = "This is an test.\n") -> subprocess.CompletedProcess:
    (tmp_path / ".articlelint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "ARTICLELINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("LANGUAGETOOL_URL", None)
    return subprocess.run([PYTHON, "-m", "lint", "check", "a.txt"], cwd=tmp_path, capture_output=True,
                          text=True, env=env, timeout=120)


def test_languagetool_connection_refused_is_a_meta_finding_and_exit_2(tmp_path):
    from lint.backends.languagetool_server import free_port

    port = free_port()
    out = _cli(tmp_path, f'[grammar]\nbackend = "languagetool"\n[grammar.languagetool]\nurl = "http://127.0.0.1:{port}"\n')
    assert out.returncode == 2, out.stdout + out.stderr
    assert "AL200" in out.stdout and "connection refused" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_harper_missing_is_a_meta_finding(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "harper", None)  # import harper -> ImportError
    result = run_grammar("This is an test.\n", GrammarConfig(), tmp_path / "c")
    [d] = [d for d in result.diagnostics if d.code == "AL200"]
    assert "harper-py" in d.message
    assert result.has_error


def test_unknown_backend_name_in_config_is_rejected(tmp_path):
    out = _cli(tmp_path, '[grammar]\nbackend = "grammarly"\n')
    assert out.returncode == 2
    assert "Traceback" not in out.stdout + out.stderr


class _FaultyLanguageTool(BaseHTTPRequestHandler):
    """Answers /v2/languages; /v2/check misbehaves as ``server.mode`` says."""

    def log_message(self, *args):
        pass

    def _send(self, status: int, body: str, ctype: str = "text/plain") -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.startswith("/v2/languages"):
            self._send(200, json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"}]),
                       "application/json")
        else:
            self._send(404, "not found")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.server.last_body = self.rfile.read(length).decode()
        self.server.requests += 1
        mode = self.server.mode
        if mode == "slow":
            time.sleep(2.5)
            self._send(200, json.dumps({"matches": []}), "application/json")
        elif mode == "413":
            self._send(413, "Error: Your text exceeds the limit of 1000 characters (it's 5000 characters).")
        elif mode == "limit":  # a server configured with maxTextLength=3000
            from urllib.parse import parse_qs

            text = parse_qs(self.server.last_body).get("text", [""])[0]
            self.server.sizes.append(len(text))
            if len(text) > 3000:
                self._send(413, f"Error: Your text exceeds the limit of 3000 characters (it's {len(text)} characters).")
            else:
                self._send(200, json.dumps({"matches": []}), "application/json")
        else:
            self._send(500, "Error: Internal Server Error: java.lang.OutOfMemoryError")


@pytest.fixture
def faulty_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FaultyLanguageTool)
    server.mode = "500"
    server.requests = 0
    server.sizes = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "mode,cause",
    [("slow", "did not answer in time"), ("413", "too long (HTTP 413)"), ("500", "Internal Server Error")],
)
def test_languagetool_faults_become_backend_errors(faulty_server, mode, cause):
    faulty_server.mode = mode
    url = f"http://127.0.0.1:{faulty_server.server_address[1]}"
    backend = get_backend("languagetool", languagetool_url=url, timeout=1.0)
    with pytest.raises(BackendError) as info:
        backend.check(["This is an test."])
    assert cause in info.value.cause
    assert url in info.value.cause


def test_languagetool_requests_shrink_under_a_smaller_server_limit(faulty_server):
    faulty_server.mode = "limit"
    url = f"http://127.0.0.1:{faulty_server.server_address[1]}"
    backend = get_backend("languagetool", languagetool_url=url)
    texts = [f"Paragraph {i} is about the weather. " * 20 for i in range(12)]
    assert backend.check(texts) == [[] for _ in texts]
    assert max(faulty_server.sizes) > 3000 and faulty_server.sizes[-1] <= 3000
    assert backend.max_chars < 10_000


def test_languagetool_fault_reported_once_per_file_without_retrying_per_file(faulty_server, tmp_path):
    faulty_server.mode = "500"
    url = f"http://127.0.0.1:{faulty_server.server_address[1]}"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("This is an test.\n", encoding="utf-8")
    (tmp_path / ".articlelint.toml").write_text(
        f'[grammar]\nbackend = "languagetool"\n[grammar.languagetool]\nurl = "{url}"\n', encoding="utf-8")
    env = {**os.environ, "ARTICLELINT_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run([PYTHON, "-m", "lint", "check", "a.txt", "b.txt"], cwd=tmp_path,
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 2
    assert out.stdout.count("AL200") == 2
    assert faulty_server.requests <= 2  # the client retries once; the second file is not sent


# -- LanguageTool offsets and chunking (pure functions) ---------------------------------------

def test_utf16_length_converted_to_code_points():
    text = "Tehs𝒙wrd is bad."
    # LanguageTool: offset 0, length 9 UTF-16 units (𝒙 is two); in code points the word is 8
    assert _end_in_code_points(text, 0, 9) == 8
    assert text[0:8] == "Tehs𝒙wrd"
    assert _end_in_code_points("abc", 1, 1) == 2


def test_split_long_text_keeps_offsets_and_limit():
    text = " ".join(f"Sentence number {i} is here." for i in range(400)) + "\n\n" + "word " * 300
    pieces = split_long_text(text, 1000)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 1000 for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    assert all(p.endswith((". ", "\n", " ")) for _, p in pieces[:-1])


# -- provisioning with a stand-in Maven -----------------------------------------------------

FAKE_MVN = """#!/usr/bin/env python3
import os, sys, time
out = [a.split("=", 1)[1] for a in sys.argv if a.startswith("-DoutputDirectory=")][0]
with open(os.environ["FAKE_MVN_LOG"], "a") as log:
    log.write("run\\n")
time.sleep(1)
if os.environ.get("FAKE_MVN_FAIL"):
    print("[ERROR] Could not resolve dependencies"); sys.exit(1)
os.makedirs(out)
open(os.path.join(out, "languagetool-server-6.8.jar"), "w").close()
"""


@pytest.fixture
def fake_mvn(tmp_path, monkeypatch):
    mvn = tmp_path / "bin" / "mvn"
    mvn.parent.mkdir()
    mvn.write_text(FAKE_MVN)
    mvn.chmod(0o755)
    monkeypatch.setenv("ARTICLELINT_MVN", str(mvn))
    monkeypatch.setenv("FAKE_MVN_LOG", str(tmp_path / "mvn.log"))
    monkeypatch.setenv("ARTICLELINT_LT_HOME", str(tmp_path / "cache" / "languagetool-6.8"))
    return tmp_path


def test_two_processes_provision_once_and_atomically(fake_mvn):
    code = "from lint.backends.languagetool_server import provision; print(provision())"
    procs = [subprocess.Popen([PYTHON, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    home = Path(outs[0])
    assert outs[0] == outs[1] and (home / "jars" / "languagetool-server-6.8.jar").is_file()
    assert (fake_mvn / "mvn.log").read_text().count("run") == 1
    leftovers = [p.name for p in home.parent.iterdir() if ".tmp-" in p.name]
    assert leftovers == []


def test_failed_provisioning_leaves_nothing_half_done(fake_mvn, monkeypatch):
    from lint.backends.languagetool_server import ProvisionError, is_provisioned, lt_home, provision

    monkeypatch.setenv("FAKE_MVN_FAIL", "1")
    with pytest.raises(ProvisionError, match="Could not resolve"):
        provision()
    assert not is_provisioned() and not lt_home().exists()


def test_missing_maven_and_java_are_clear_errors(tmp_path, monkeypatch):
    from lint.backends.languagetool_server import LanguageToolServer, ProvisionError, provision

    monkeypatch.setenv("ARTICLELINT_LT_HOME", str(tmp_path / "lt"))
    with pytest.raises(ProvisionError, match="Maven"):
        provision(mvn="no-such-mvn-here")
    (tmp_path / "lt" / "jars").mkdir(parents=True)
    (tmp_path / "lt" / "jars" / "languagetool-server-6.8.jar").touch()
    (tmp_path / "lt" / "PROVISIONED").touch()
    with pytest.raises(ProvisionError, match="Java"):
        LanguageToolServer(java="no-such-java-here").start()


def test_both_with_languagetool_down_still_reports_harper(tmp_path):
    from lint.backends.languagetool_server import free_port

    grammar = GrammarConfig(backend="both",
                            languagetool=LanguageToolConfig(url=f"http://127.0.0.1:{free_port()}"))
    result = run_grammar("This is an test.\n", grammar, tmp_path / "c")
    codes = [d.code for d in result.diagnostics]
    assert "AL200" in codes and "harper:AnA" in codes
    assert result.has_error


def test_harper_space_before_a_symbol_is_not_a_slip(tmp_path):
    text = "Your email address will not be published. Required fields are marked *\n\nThe end is near .\n"
    result = run_grammar(text, GrammarConfig(), tmp_path / "c")
    spaces = [d for d in result.diagnostics if d.code == "harper:Spaces"]
    assert [text.count("\n", 0, d.span.start) + 1 for d in spaces] == [3]


def test_a_foreign_word_inside_an_english_sentence_is_not_a_wrong_negative(tmp_path):
    """Harper's WrongNegative reads the unknown word "des" as a misspelled negative: a
    dictionary check, reported only with spelling on."""
    text = "The head of the Bundesamt des Innern said the plan would work.\n"
    [raw] = get_backend("harper", spelling=False).check([text.strip()])
    assert "WrongNegative" in {m.rule_id for m in raw}
    assert run_grammar(text, GrammarConfig(), tmp_path / "c").diagnostics == []


def test_harper_leaves_paragraphs_that_are_not_english_alone(tmp_path):
    text = "Größe des Rats.\n\nDer Rat tagte heute.\n\nThis is an test.\n"
    result = run_grammar(text, GrammarConfig(), tmp_path / "c")
    assert [(d.code, text.count("\n", 0, d.span.start) + 1) for d in result.diagnostics] == [("harper:AnA", 5)]


def test_findings_beside_dropped_inline_code_are_not_reported(tmp_path):
    """Harper sees "an trait object" for "an `Any` trait object" and a sentence starting
    "needs" for "`cargo` needs": about text it never saw. The same slips without code stay."""
    text = ("Use an `Any` trait object here.\n\n"
            "It builds. `cargo` needs this for your crates.\n\n"
            "This is an test. then it fails.\n")
    result = run_grammar(text, GrammarConfig(), tmp_path / "c", path="a.md")
    found = [(d.code, text.count("\n", 0, d.span.start) + 1) for d in result.diagnostics]
    assert found == [("harper:AnA", 5), ("harper:SentenceCapitalization", 5)]


def test_lower_case_start_of_a_list_item_or_heading_is_a_fragment(tmp_path):
    item = "the hyper library has migrated to adopt standard Rust futures;"
    text = f"Changes:\n\n- {item}\n- {item}\n\n{item} then it goes on.\n"
    result = run_grammar(text, GrammarConfig(), tmp_path / "c", path="a.md")
    lines = [text.count("\n", 0, d.span.start) + 1 for d in result.diagnostics
             if d.code == "harper:SentenceCapitalization"]
    assert lines == [6]  # the paragraph, not the list items


def test_beside_gap_widens_over_spaces_only():
    from lint.backends.policy import beside_gap

    text = "Use an trait object."  # "an `Any` trait": the gap is at 7, after "an "
    assert beside_gap((7,), text, 4, 6)          # "an", then a space, then the gap
    assert not beside_gap((7,), text, 0, 3)      # "Use": a word away
    assert not beside_gap((), text, 4, 6)
    assert beside_gap((0,), "needs this.", 0, 5)  # a sentence start right after the gap


@pytest.mark.parametrize(("prefix", "match", "reported"), [
    ("LT", Match(0, 5, "AFTERWARDS_US", "", category="BRITISH_ENGLISH"), False),  # dialect
    ("LT", Match(0, 5, "ETC_PERIOD", "", category="AMERICAN_ENGLISH_STYLE"), False),
    ("LT", Match(0, 5, "EN_MULTITOKEN_SPELLING_TWO", "", category="MULTITOKEN_SPELLING"), False),
    ("LT", Match(0, 5, "NUMBERS_IN_WORDS", "", category="TYPOS"), False),  # "Ms2ger"
    ("LT", Match(0, 5, "CONSECUTIVE_SPACES", "", category="TYPOGRAPHY"), False),
    ("LT", Match(0, 5, "COMMA_PARENTHESIS_WHITESPACE", "", category="TYPOGRAPHY"), True),
    ("LT", Match(0, 5, "HE_VERB_AGR", "", category="GRAMMAR"), True),
    ("harper", Match(0, 2, "Dashes", "", category="Formatting"), False),
    ("harper", Match(0, 2, "HaveTakeALook", "", category="Regionalism"), False),
    ("harper", Match(0, 3, "WrongNegative", "", category="WordChoice"), False),  # unknown words
    ("harper", Match(0, 2, "PronounVerbAgreement", "", category="Agreement"), True),
])
def test_taste_dialect_and_dictionary_rules_are_off_by_default(prefix, match, reported):
    from lint.backends.policy import enabled_by_default

    assert enabled_by_default(prefix, match) is reported
    if match.category == "MULTITOKEN_SPELLING" or match.rule_id in ("NUMBERS_IN_WORDS", "WrongNegative"):
        assert enabled_by_default(prefix, match, spelling=True)  # spelling on: reported
