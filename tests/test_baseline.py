"""Baselines: recorded findings are not reported again; fingerprints survive edits elsewhere
(rule + normalised flagged text + occurrence count, not lines)."""

from __future__ import annotations

import json

import pytest

from clihelp import run

ARTICLE = "The council met on Monday.\n\nLeave a Reply\n\nIt voted to rebuild the bridge.\n\nShare this story\n"


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def lines_of(r):
    return [(i["line"], i["code"]) for i in json.loads(r.stdout)]


def write_baseline(*paths):
    r = run("check", "--isolated", "--select", "template-footer", "--write-baseline", "bl.json", *(paths or ("a.txt",)))
    assert r.exit_code == 0, r.output
    assert "wrote 2 finding(s) to bl.json" in r.stderr
    return r


def check(*paths):
    return run("check", "--isolated", "--select", "template-footer", "--baseline", "bl.json", "--format", "json", *(paths or ("a.txt",)))


def test_baseline_hides_recorded_findings(here):
    write_baseline()
    data = json.loads((here / "bl.json").read_text())
    assert data["version"] == 1 and list(data["findings"]) == ["a.txt"]
    r = check()
    assert lines_of(r) == [] and r.exit_code == 0


def test_moved_lines_stay_hidden_and_new_findings_show(here):
    write_baseline()
    moved = "A new first paragraph.\n\nAnother one.\n\n" + ARTICLE.replace("Leave a Reply", "leave  a  reply")
    (here / "a.txt").write_text(moved + "\nPost a comment\n", encoding="utf-8")
    r = check()
    assert lines_of(r) == [(13, "BP001")]  # only the new finding
    assert r.exit_code == 1


def test_a_second_copy_of_a_recorded_finding_is_new(here):
    write_baseline()
    (here / "a.txt").write_text(ARTICLE + "\nLeave a Reply\n", encoding="utf-8")
    # occurrences are counted: the baseline knew one "Leave a Reply", the second is new
    assert lines_of(check()) == [(9, "BP001")]


def test_fixed_finding_then_reintroduced_elsewhere_is_hidden(here):
    write_baseline()
    text = ARTICLE.replace("Leave a Reply\n\n", "")
    (here / "a.txt").write_text("Leave a Reply\n\n" + text, encoding="utf-8")
    assert lines_of(check()) == []


def test_baseline_paths_are_relative_to_the_baseline_file(here, monkeypatch):
    write_baseline()
    sub = here / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    r = run("check", "--isolated", "--select", "template-footer", "--baseline", "../bl.json", "--format", "json", "../a.txt")
    assert lines_of(r) == []


def test_other_files_are_not_covered(here):
    write_baseline()
    (here / "b.txt").write_text(ARTICLE, encoding="utf-8")
    assert [i["path"] for i in json.loads(check("a.txt", "b.txt").stdout)] == ["b.txt", "b.txt"]


def test_missing_or_broken_baseline_is_exit_2(here):
    r = check()
    assert r.exit_code == 2 and "bl.json: baseline file does not exist" in r.stderr
    (here / "bl.json").write_text("{not json", encoding="utf-8")
    r = check()
    assert r.exit_code == 2 and "not a valid baseline file" in r.stderr
    (here / "bl.json").write_text('{"version": 99, "findings": {}}', encoding="utf-8")
    assert check().exit_code == 2


def test_input_errors_are_never_recorded(here):
    (here / "bad.txt").write_bytes(b"\xff")
    r = run("check", "--isolated", "--select", "template-footer", "--write-baseline", "bl.json", "a.txt", "bad.txt")
    assert r.exit_code == 2 and "bad.txt: invalid UTF-8" in r.stderr
    assert list(json.loads((here / "bl.json").read_text())["findings"]) == ["a.txt"]
    r = check("a.txt", "bad.txt")
    assert [i["code"] for i in json.loads(r.stdout)] == ["AL100"] and r.exit_code == 2
