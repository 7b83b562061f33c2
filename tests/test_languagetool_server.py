"""Integration tests against a real LanguageTool server, provisioned and started by
``lint.backends.languagetool_server`` (the code ``articlelint languagetool serve`` runs).

Under ``CI=true`` a server that cannot be provisioned or started fails the run; elsewhere the
tests are skipped with the reason (no Java, no Maven, no network to Maven Central).
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request

import pytest

from conftest import IN_CI
from lint.backends import get_backend, reset_backends
from lint.backends.languagetool_server import LanguageToolServer, ProvisionError, provision
from lint.config import Config, GrammarConfig, LanguageToolConfig
from lint.engine import build_ruleset, lint_source
from lint.rule import Context


@pytest.fixture(scope="session")
def lt_server():
    try:
        home = provision()
        server = LanguageToolServer(home).start(timeout=180)
    except ProvisionError as exc:
        if IN_CI:
            pytest.fail(f"LanguageTool server could not be provisioned or started: {exc}")
        pytest.skip(f"LanguageTool server not available: {exc}")
    yield server
    server.stop()


@pytest.fixture
def lt(lt_server):
    reset_backends()
    backend = get_backend("languagetool", languagetool_url=lt_server.url)
    yield backend
    reset_backends()


def test_server_listens_on_loopback_only(lt_server):
    assert lt_server.host == "127.0.0.1"
    with urllib.request.urlopen(f"{lt_server.url}/v2/languages", timeout=10) as r:
        assert r.status == 200
    cmd = " ".join(lt_server.process.args)
    assert "--public" not in cmd and "--allow-origin" not in cmd


def test_finds_slips_with_codes_messages_and_suggestions(lt):
    text = "This is an test of the system. He go to school."
    [matches] = lt.check([text])
    by_rule = {m.rule_id: m for m in matches}
    a_an = by_rule["EN_A_VS_AN"]
    assert text[a_an.start : a_an.end] == "an" and "a" in a_an.replacements and a_an.message
    assert any(text[m.start : m.end] == "go" for m in matches)


def test_astral_characters_do_not_shift_or_stretch_matches(lt):
    # 𝒙 and the emoji are two UTF-16 units each; the client converts the offset only
    texts = ["😀😀 Fine. This is an test.", "Tehs𝒙wrd is a bad word 🎉 here."]
    first, second = lt.check(texts)
    [a_an] = [m for m in first if m.rule_id == "EN_A_VS_AN"]
    assert texts[0][a_an.start : a_an.end] == "an"
    [spell] = [m for m in second if m.spelling]
    assert texts[1][spell.start : spell.end] == "Tehs𝒙wrd"


def test_texts_are_packed_into_few_requests_and_split_back(lt):
    texts = [f"Paragraph {i} has an mistake." for i in range(30)]
    results = lt.check(texts)
    assert lt.requests == 1
    for text, matches in zip(texts, results):
        [m] = [m for m in matches if m.rule_id == "EN_A_VS_AN"]
        assert text[m.start : m.end] == "an"


def test_long_text_is_chunked_under_the_limit(lt_server):
    reset_backends()
    small = get_backend("languagetool", languagetool_url=lt_server.url, max_chars=400)
    text = " ".join(f"Sentence {i} is fine." for i in range(60)) + " This is an test."
    [matches] = small.check([text])
    assert small.requests > 1
    [m] = [m for m in matches if m.rule_id == "EN_A_VS_AN"]
    assert text[m.start : m.end] == "an"
    reset_backends()


def test_second_run_over_unchanged_text_sends_no_request(lt_server, tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path / "cache"))
    grammar = GrammarConfig(backend="languagetool", languagetool=LanguageToolConfig(url=lt_server.url))
    config = Config(select=("grammar-backend",), grammar=grammar)
    text = "This is an test.\n\nHe go to school.\n\nAll fine here.\n"
    reset_backends()
    first = lint_source(text, "a.txt", build_ruleset(config), Context(config=config))
    backend = get_backend("languagetool", languagetool_url=lt_server.url)
    assert backend.requests == 1
    assert {d.code for d in first.diagnostics} >= {"LT:EN_A_VS_AN"}
    reset_backends()  # as a new process would: only the on-disk cache remains
    second = lint_source(text, "a.txt", build_ruleset(config), Context(config=config))
    assert get_backend("languagetool", languagetool_url=lt_server.url).requests == 0
    assert second.diagnostics == first.diagnostics
    reset_backends()


def test_both_backends_report_the_same_words_once(lt_server, tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path / "cache"))
    grammar = GrammarConfig(backend="both", languagetool=LanguageToolConfig(url=lt_server.url))
    config = Config(select=("grammar-backend",), grammar=grammar)
    text = "This is an test.\n"
    result = lint_source(text, "a.txt", build_ruleset(config), Context(config=config))
    spans = [(d.span.start, d.span.end) for d in result.diagnostics]
    assert spans == [(8, 10)]
    assert result.diagnostics[0].code == "LT:EN_A_VS_AN"


def test_project_starts_its_own_loopback_server_when_no_url(lt_server, tmp_path):
    """No URL configured: the rule provisions (already done) and starts a server itself."""
    article = tmp_path / "a.txt"
    article.write_text("This is an test.\n", encoding="utf-8")
    (tmp_path / ".articlelint.toml").write_text('[grammar]\nbackend = "languagetool"\n', encoding="utf-8")
    env = {**os.environ, "ARTICLELINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("LANGUAGETOOL_URL", None)
    out = subprocess.run([sys.executable, "-m", "lint", "check", "a.txt"], cwd=tmp_path,
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "LT:EN_A_VS_AN" in out.stdout


def test_a_served_server_is_reused_by_later_runs(lt_server, tmp_path, monkeypatch):
    """`articlelint languagetool serve` records its URL; a run without URL uses it."""
    import lint.backends.languagetool_backend as ltb
    from lint.backends.languagetool_server import STATE_FILE, clear_state, running_server_url, write_state

    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LANGUAGETOOL_URL", raising=False)
    monkeypatch.setattr(ltb, "_shared_server", lambda port=None: pytest.fail("started a second server"))
    write_state(lt_server)
    try:
        assert running_server_url() == lt_server.url
        reset_backends()
        [matches] = get_backend("languagetool").check(["This is an test."])
        assert any(m.rule_id == "EN_A_VS_AN" for m in matches)
    finally:
        clear_state(lt_server)
        reset_backends()
    assert not (lt_server.home / STATE_FILE).exists()
    assert running_server_url() is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux only")
def test_server_stops_when_the_run_that_started_it_is_killed(lt_server):
    import signal
    import time

    code = ("from lint.backends.languagetool_server import LanguageToolServer\n"
            "s = LanguageToolServer().start(timeout=180)\n"
            "print(s.process.pid, flush=True)\n"
            "import time; time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        java_pid = int(parent.stdout.readline())
    finally:
        parent.send_signal(signal.SIGKILL)  # no atexit, no finally
        parent.wait(timeout=30)
    for _ in range(100):
        try:
            os.kill(java_pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(java_pid, signal.SIGKILL)
    pytest.fail("the LanguageTool server outlived the process that started it")


def test_findings_beside_dropped_inline_code_are_not_reported(lt_server, tmp_path, monkeypatch):
    """LanguageTool sees "after the, we" for "after the `match`, we": THE_PUNCT about text
    it never saw. The backend still flags it; the rule does not report it."""
    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path / "cache"))
    grammar = GrammarConfig(backend="languagetool", languagetool=LanguageToolConfig(url=lt_server.url))
    config = Config(select=("grammar-backend",), grammar=grammar)
    text = "The thing about the code is that after the `match`, we can not move it.\n\nThis is an test.\n"
    reset_backends()
    raw = get_backend("languagetool", languagetool_url=lt_server.url).check(
        ["The thing about the code is that after the, we can not move it."])
    assert "THE_PUNCT" in {m.rule_id for m in raw[0]}
    result = lint_source(text, "a.md", build_ruleset(config), Context(config=config))
    found = [(d.code, text.count("\n", 0, d.span.start) + 1) for d in result.diagnostics]
    assert found == [("LT:EN_A_VS_AN", 3)]
    reset_backends()
