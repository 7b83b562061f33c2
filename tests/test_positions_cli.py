"""Positions survive a UTF-8 BOM and CRLF line ends, end to end through the CLI's JSON:
``source[offset:end_offset]`` is the flagged text and line/column match it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.document import LineIndex
from lint.source import decode

ARTICLE = (
    "# Council closes library\n\nThe council voted on Tuesday to close the library for repairs.\n\n"
    "Leave a Reply\n\nYour email address will not be published.\n"
)
FLAGGED = {"Leave a Reply", "Your email address will not be published."}


def check(path):
    r = CliRunner().invoke(main, ["check", "--isolated", "--select", "template-footer", "--format", "json", str(path)])
    assert r.exit_code == 1, r.output
    source = decode(path.read_bytes(), str(path))
    index = LineIndex(source)
    items = json.loads(r.stdout)
    assert {source[i["offset"] : i["end_offset"]] for i in items} == FLAGGED
    for i in items:
        assert index.line_col(i["offset"]) == (i["line"], i["column"])
        # the line the report names holds the flagged text at that column
        line_text = source.split("\n")[i["line"] - 1]
        assert line_text[i["column"] - 1 :].startswith(source[i["offset"] : i["end_offset"]])
    return items


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html"])
@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_bom_and_crlf_round_trip(tmp_path, suffix, bom, newline):
    text = ARTICLE
    if suffix == ".html":
        text = "<h1>Council closes library</h1>\n<p>The council voted.</p>\n<p>Leave a Reply</p>\n<p>Your email address will not be published.</p>\n"
    data = text.replace("\n", newline).encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    path = tmp_path / f"article{suffix}"
    path.write_bytes(data)
    items = check(path)
    lines = sorted(i["line"] for i in items)
    assert lines == ([3, 4] if suffix == ".html" else [5, 7])
    assert all(i["column"] == (4 if suffix == ".html" else 1) for i in items)


def test_empty_file_is_clean(tmp_path):
    for name in ("empty.md", "empty.html", "empty.txt"):
        (tmp_path / name).write_text("")
        r = CliRunner().invoke(main, ["check", "--isolated", str(tmp_path / name)])
        assert r.exit_code == 0 and r.stdout == ""


def test_front_matter_only_file_is_clean(tmp_path):
    path = tmp_path / "front.md"
    path.write_text("---\ntitle: Leave a Reply\n---\n")
    r = CliRunner().invoke(main, ["check", "--isolated", "--select", "template-footer", str(path)])
    assert r.exit_code == 0 and r.stdout == ""


def test_unclosed_html_is_linted(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><p>Some text <b>bold\n<p>Leave a Reply\n")
    r = CliRunner().invoke(main, ["check", "--isolated", "--select", "template-footer", "--format", "json", str(path)])
    assert r.exit_code == 1
    (item,) = json.loads(r.stdout)
    assert path.read_text()[item["offset"] : item["end_offset"]] == "Leave a Reply"
