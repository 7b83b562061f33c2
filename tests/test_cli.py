"""The command line end to end: exit status, options, subcommands, colour, entry points."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clihelp import run
from conftest import ROOT, SEED
from lint import __version__

FOOTER = "The council met on Monday.\n\nLeave a Reply\n"
CLEAN = "The council met on Monday. It voted to rebuild the bridge.\n"


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "footer.txt").write_text(FOOTER, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_seed_article_lines_20_and_22(corpus):
    r = run("check", "--isolated", SEED)
    assert r.exit_code == 1
    lines = [l for l in r.stdout.splitlines() if " BP001 " in l]
    assert lines[0].startswith(f"{SEED}:20:1: BP001 ") and "Leave a Reply" in lines[0]
    assert lines[1].startswith(f"{SEED}:22:1: BP001 ") and "Your email address will not be published." in lines[1]
    assert all(l.endswith("[template-footer]") for l in lines)


def test_examples_clean_article_passes_and_scraped_one_fails():
    examples = ROOT / "examples"
    clean = [p for p in examples.iterdir() if p.name.startswith("clean")]
    assert clean
    for path in clean:
        r = run("check", "--isolated", path)
        assert r.exit_code == 0, r.output
    r = run("check", "--isolated", examples)
    assert r.exit_code == 1 and "BP001" in r.stdout


@pytest.mark.parametrize("fail_on,footer_status", [("info", 1), ("warning", 1), ("error", 0), ("never", 0)])
def test_exit_status_follows_fail_on(here, fail_on, footer_status):
    assert run("check", "--isolated", "--fail-on", fail_on, "footer.txt").exit_code == footer_status
    assert run("check", "--isolated", "--fail-on", fail_on, "clean.txt").exit_code == 0


def test_fail_on_with_severity_override(here):
    (here / ".articlelint.toml").write_text('[rules.template-footer]\nseverity = "error"\n')
    assert run("check", "--fail-on", "error", "footer.txt").exit_code == 1
    (here / ".articlelint.toml").write_text('[rules.template-footer]\nseverity = "info"\n')
    assert run("check", "footer.txt").exit_code == 0
    assert run("check", "--fail-on", "info", "footer.txt").exit_code == 1


def test_usage_errors_exit_2(here):
    assert run("check", "--format", "yaml", "footer.txt").exit_code == 2
    assert run("check", "--fail-on", "fatal", "footer.txt").exit_code == 2
    assert run("check", "--no-such-option").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_input_error_beats_findings(here):
    (here / "bad.txt").write_bytes(b"\xff")
    assert run("check", "--isolated", "--fail-on", "never", "bad.txt", "footer.txt").exit_code == 2


def test_output_file(here):
    r = run("check", "--isolated", "--format", "json", "--output", "out/report.json", "footer.txt")
    assert r.exit_code == 2  # the folder does not exist: a clear error, no traceback
    assert "out/report.json" in r.stderr and "Traceback" not in r.output
    r = run("check", "--isolated", "--format", "json", "-o", "report.json", "footer.txt")
    assert r.exit_code == 1 and r.stdout == ""
    assert [i["line"] for i in json.loads((here / "report.json").read_text())] == [3]
    assert not list(here.glob("*.tmp"))


def test_statistics(here):
    (here / "two.txt").write_text(FOOTER + "\nPost a comment\n")
    r = run("check", "--isolated", "--statistics", "footer.txt", "two.txt")
    assert r.stdout.split() == ["3", "BP001", "template-footer"]
    assert r.exit_code == 1


def test_quiet_prints_findings_only(here):
    r = run("check", "--isolated", "--quiet", "footer.txt")
    assert r.stdout.startswith("footer.txt:3:1: BP001") and r.stderr == ""
    r = run("check", "--isolated", "footer.txt")
    assert r.stderr == "Found 1 finding in 1 file.\n"


def test_folder_default_is_current_folder_and_output_is_sorted(here):
    (here / "b").mkdir()
    (here / "b" / "z.txt").write_text(FOOTER)
    (here / "a.txt").write_text(FOOTER)
    r = run("check", "--isolated")
    assert [l.split(":")[0] for l in r.stdout.splitlines()] == ["a.txt", os.path.join("b", "z.txt"), "footer.txt"]


def _run_in_pty(args, env):
    """Run articlelint with stdout on a pseudo-terminal; return what it printed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "lint", *args], stdout=slave, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode()


def test_colour_only_on_a_terminal_and_not_with_no_color(here):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    tty = _run_in_pty(["check", "--isolated", "footer.txt"], env)
    assert "\x1b[" in tty and "BP001" in tty
    no_color = _run_in_pty(["check", "--isolated", "footer.txt"], {**env, "NO_COLOR": "1"})
    assert "BP001" in no_color and "\x1b[" not in no_color
    piped = subprocess.run([sys.executable, "-m", "lint", "check", "--isolated", "footer.txt"],
                           capture_output=True, text=True, env=env)
    assert "BP001" in piped.stdout and "\x1b[" not in piped.stdout
    forced = run("check", "--isolated", "--color", "footer.txt")
    assert "\x1b[" in forced.stdout
    json_on_tty = _run_in_pty(["check", "--isolated", "--format", "json", "footer.txt"], env)
    assert "\x1b[" not in json_on_tty


def test_rules_table_and_json():
    r = run("rules")
    assert r.exit_code == 0
    header, *rows = r.stdout.splitlines()
    assert header.split()[:5] == ["CODE", "NAME", "FAMILY", "SEVERITY", "FIX"]
    assert any(row.split()[:4] == ["BP001", "template-footer", "boilerplate", "warning"] for row in rows)
    assert not any(row.startswith("AL") for row in rows)  # meta rules only with --all
    assert any(row.startswith("AL001") for row in run("rules", "--all").stdout.splitlines())
    items = json.loads(run("rules", "--format", "json").stdout)
    bp = next(i for i in items if i["code"] == "BP001")
    assert bp["name"] == "template-footer" and bp["fixable"] is False and bp["summary"].startswith("Template footer")


def test_explain_by_code_or_name_and_unknown():
    by_code, by_name = run("explain", "BP001"), run("explain", "template-footer")
    assert by_code.exit_code == 0 and by_code.stdout == by_name.stdout
    for section in ("What it does", "Why", "Example", "Options"):
        assert section in by_code.stdout
    assert "max-words = 30" in by_code.stdout
    r = run("explain", "template-fotter")
    assert r.exit_code == 2 and "did you mean 'template-footer'" in r.stderr


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"articlelint, version {__version__}"


def test_python_dash_m_lint(here):
    r = subprocess.run([sys.executable, "-m", "lint", "check", "--isolated", "footer.txt"],
                       capture_output=True, text=True)
    assert r.returncode == 1 and r.stdout.startswith("footer.txt:3:1: BP001")
    r = subprocess.run([sys.executable, "-m", "lint", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and __version__ in r.stdout


def test_console_script_is_installed(here):
    exe = shutil.which("articlelint", path=str(Path(sys.executable).parent))
    assert exe, "the articlelint console script is not installed next to this Python"
    r = subprocess.run([exe, "check", "--isolated", "clean.txt"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout == ""


def test_a_file_named_twice_is_linted_once(here):
    r = run("check", "--isolated", ".", "footer.txt", "./footer.txt")
    assert r.stdout.count("BP001") == 1
