"""The command line end to end on the seed article (through click's runner)."""

import json

from click.testing import CliRunner

from conftest import SEED
from lint.cli import main


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_seed_template_footer_lines(corpus):
    r = run("check", "--isolated", "--select", "template-footer", str(SEED))
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert any(l.startswith(f"{SEED}:20:1: BP001 ") and l.endswith("[template-footer]") for l in lines)
    assert any(l.startswith(f"{SEED}:22:1: BP001 ") for l in lines)


def test_json_positions_round_trip(corpus):
    r = run("check", "--isolated", "--format", "json", str(SEED))
    source = SEED.read_text(encoding="utf-8")
    items = json.loads(r.stdout)
    assert items
    for item in items:
        assert item["offset"] <= item["end_offset"]
        text = source[item["offset"]:item["end_offset"]]
        if item["code"] == "BP001":
            assert text in ("Leave a Reply", "Your email address will not be published.")


def test_clean_stdin_exits_zero():
    r = run("check", "--isolated", "--select", "template-footer", "-", input="A plain sentence that is fine.\n")
    assert r.exit_code == 0
    assert r.stdout == ""


def test_missing_path_is_usage_error(tmp_path):
    r = run("check", str(tmp_path / "nope.md"))
    assert r.exit_code == 2
    assert "no such file" in r.stderr


def test_unknown_rule_selector(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Hello there.\n")
    r = run("check", "--isolated", "--select", "template-foter", str(f))
    assert r.exit_code == 2
    assert "did you mean 'template-footer'" in r.stderr


def test_explain_prints_docs():
    r = run("explain", "BP001")
    assert r.exit_code == 0
    assert "What it does" in r.stdout and "template-footer" in r.stdout
