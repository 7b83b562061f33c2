"""The README says what the tool does: its rule table, config keys, commands and editor
recipes are checked against the code."""

from __future__ import annotations

import json
import re

from clihelp import run
from conftest import ROOT
from lint.config import GRAMMAR_KEYS, LT_KEYS, TOP_KEYS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rules_table_matches_the_registry():
    block = re.search(r"<!-- rules-table:start -->\n(.*?)<!-- rules-table:end -->", README, re.S)
    assert block, "README lacks the rules table markers"
    expected = run("rules", "--format", "markdown", "--all").stdout
    assert block.group(1) == expected, (
        "README rules table is stale: run `python scripts/rules_table.py` "
        "(it writes `articlelint rules --format markdown --all` between the markers)")


def test_every_config_key_is_documented():
    for key in TOP_KEYS:
        if key in ("rules", "grammar"):
            assert f"[{key}" in README, key
        else:
            assert f"`{key}`" in README, f"config key {key} is not in the README"
    for key in list(GRAMMAR_KEYS) + list(LT_KEYS):
        assert re.search(rf"`(?:\[grammar\.)?{key}\b", README), f"grammar key {key} is not in the README"


def test_every_check_option_is_documented():
    from lint.cli import check

    for param in check.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert opt in README, f"{opt} is not in the README"


def test_two_setup_commands_and_ci_runs_the_test_command():
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, re.S)
    assert len(commands) == 2
    assert "articlelint check examples/" in commands[0] and "pip install ." in commands[0]
    assert commands[1] == "bash scripts/test.sh"
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_editor_patterns_match_the_text_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a b.txt").write_text("Intro.\n\nLeave a Reply\n")
    line = run("check", "--isolated", "--quiet", "a b.txt").stdout.splitlines()[0]
    task = next(b for b in re.findall(r"```json\n(.*?)\n```", README, re.S) if '"tasks"' in b)
    vscode = json.loads(task.replace("${", "$_{"))
    pattern = vscode["tasks"][0]["problemMatcher"]["pattern"]
    m = re.match(pattern["regexp"], line)
    assert m and (m.group(pattern["file"]), m.group(pattern["line"]), m.group(pattern["column"]),
                  m.group(pattern["code"])) == ("a b.txt", "3", "1", "BP001")
    assert "errorformat=%f:%l:%c:\\ %m" in README
    assert re.fullmatch(r"[^:]+:\d+:\d+: .*", line)  # what %f:%l:%c: %m reads
