"""Suppression comments: disable/enable, disable-next-line, disable-file; unused (AL001) and
unknown (AL002) suppressions. Documents are built here with their comments, as the Markdown
and HTML parsers deliver them, so the logic is tested apart from any parser."""

from __future__ import annotations

import re

import pytest

from lint.config import Config
from lint.document import Comment, Span
from lint.engine import build_ruleset, lint_document
from lint.parse.text import parse_text

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)


def doc_of(source: str):
    doc = parse_text(source, "a.md")
    doc.comments = [Comment(Span(m.start(), m.end()), m.group(1)) for m in _COMMENT.finditer(source)]
    return doc


def lint(source: str, select=("template-footer",)) -> list[tuple[int, str]]:
    doc = doc_of(source)
    diags = lint_document(doc, build_ruleset(Config(select=select)), debug=True)
    return [(doc.line_index.line_col(d.span.start)[0], d.code) for d in diags]


def test_no_comments_all_reported():
    assert lint("Leave a Reply\n\nLeave a comment\n") == [(1, "BP001"), (3, "BP001")]


def test_disable_enable_region():
    src = ("Leave a Reply\n"
           "<!-- articlelint: disable BP001 -->\n"
           "Leave a Reply\n"
           "Post a comment\n"
           "<!-- articlelint: enable BP001 -->\n"
           "Leave a Reply\n")
    assert lint(src) == [(1, "BP001"), (6, "BP001")]


@pytest.mark.parametrize("selector", ["BP001", "template-footer", "boilerplate", "BP", "bp001"])
def test_selectors_in_comments(selector):
    src = f"<!-- articlelint: disable {selector} -->\nLeave a Reply\n"
    assert lint(src) == []


def test_disable_without_codes_and_without_enable_runs_to_the_end():
    src = "Leave a Reply\n<!-- articlelint: disable -->\nLeave a Reply\n\nLeave a Reply\n"
    assert lint(src) == [(1, "BP001")]


def test_enable_of_one_code_keeps_the_others_disabled():
    src = ("<!-- articlelint: disable BP001, repetition -->\n"
           "Leave a Reply\n"
           "<!-- articlelint: enable repetition -->\n"
           "Leave a Reply\n")
    # BP001 stays disabled after "enable repetition" (a family none of whose rules ran)
    assert lint(src) == []
    src = src.replace("enable repetition", "enable BP001")
    assert lint(src) == [(4, "BP001")]


def test_disable_next_line_only_covers_the_next_line_with_content():
    src = ("<!-- articlelint: disable-next-line BP001 -->\n"
           "\n"
           "Leave a Reply\n"
           "Leave a Reply\n")
    assert lint(src) == [(4, "BP001")]


def test_disable_next_line_at_end_of_a_line():
    src = "Intro. <!-- articlelint: disable-next-line template-footer -->\nLeave a Reply\nLeave a Reply\n"
    assert lint(src) == [(3, "BP001")]


def test_disable_file_anywhere():
    src = "Leave a Reply\n\nLeave a Reply\n\n<!-- articlelint: disable-file BP001 -->\n"
    assert lint(src) == []


def test_directive_is_case_and_space_tolerant():
    src = "<!--   ArticleLint:Disable-Next-Line   BP001  -->\nLeave a Reply\n"
    assert lint(src) == []


def test_ordinary_comments_are_not_directives():
    src = "<!-- a note: disable nothing -->\nLeave a Reply\n"
    assert lint(src) == [(2, "BP001")]


def test_unused_suppression_is_reported():
    src = "<!-- articlelint: disable-next-line BP001 -->\nA plain sentence.\n\nLeave a Reply\n"
    assert lint(src) == [(1, "AL001"), (4, "BP001")]


def test_unused_all_rules_suppression_is_reported():
    assert lint("<!-- articlelint: disable -->\nA plain sentence.\n") == [(1, "AL001")]


def test_suppression_of_a_rule_that_did_not_run_is_not_unused():
    src = "<!-- articlelint: disable-next-line readability -->\nA plain sentence.\n"
    assert lint(src) == []


def test_unknown_suppression_is_reported_with_its_location():
    src = "Intro.\n<!-- articlelint: disable BP999, template-fotter -->\nLeave a Reply\n"
    doc = doc_of(src)
    diags = lint_document(doc, build_ruleset(Config(select=("template-footer",))))
    (unknown,) = [d for d in diags if d.code == "AL002"]
    assert doc.source[unknown.span.start:unknown.span.end].startswith("<!-- articlelint: disable BP999")
    assert "BP999" in unknown.message and "template-fotter" in unknown.message
    assert [d.code for d in diags if d.code != "AL002"] == ["BP001"]  # unknown codes hide nothing


def test_backend_codes_are_known_selectors():
    src = "<!-- articlelint: disable-next-line LT:EN_A_VS_AN -->\nA apple.\n"
    assert lint(src) == []


def test_split_suppression_reported_once_when_unused():
    src = ("<!-- articlelint: disable BP001, template-footer -->\n"
           "A plain sentence.\n"
           "<!-- articlelint: enable BP001 -->\n"
           "Another plain one.\n")
    assert lint(src) == [(1, "AL001")]


def test_meta_findings_can_be_ignored():
    src = "<!-- articlelint: disable -->\nA plain sentence.\n"
    doc = doc_of(src)
    diags = lint_document(doc, build_ruleset(Config(select=("template-footer",), ignore=("AL001",))))
    assert diags == []


# -- end to end through the Markdown and HTML parsers ----------------------------------------

def check_file(tmp_path, name: str, text: str) -> list[tuple[int, str]]:
    import json

    from clihelp import run

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    r = run("check", "--isolated", "--format", "json", path)
    assert r.exit_code in (0, 1), r.output
    return [(i["line"], i["code"]) for i in json.loads(r.stdout)]


MARKDOWN = """\
---
title: Council notes
---
# Council notes

The council met on Monday.

<!-- articlelint: disable-next-line BP001 -->
Leave a Reply

<!-- articlelint: disable template-footer -->

Leave a Reply

<!-- articlelint: enable -->

Leave a Reply

```html
<!-- articlelint: disable-file -->
```

<!-- articlelint: disable-next-line boilerplate -->
The vote was eleven to four.

<!-- articlelint: disable BP999 -->
"""


def test_markdown_suppressions_end_to_end(tmp_path):
    assert check_file(tmp_path, "notes.md", MARKDOWN) == [
        (17, "BP001"),  # after "enable"
        (23, "AL001"),  # hides nothing
        (26, "AL002"),  # unknown code
    ]  # the comment inside the code block is not a directive


def test_markdown_disable_file(tmp_path):
    text = "Leave a Reply\n\n<!-- articlelint: disable-file template-footer -->\n\nLeave a comment\n"
    assert check_file(tmp_path, "a.md", text) == []


HTML = """\
<html><body>
<p>The council met on Monday.</p>
<!-- articlelint: disable-next-line BP001 -->
<p>Leave a Reply</p>
<p>Leave a Reply</p>
<script>var s = "<!-- articlelint: disable-file -->";</script>
<!-- articlelint: disable BP001 --><p>Post a comment</p><!-- articlelint: enable BP001 -->
<p>Share this story</p>
</body></html>
"""


def test_html_suppressions_end_to_end(tmp_path):
    assert check_file(tmp_path, "page.html", HTML) == [(5, "BP001"), (8, "BP001")]
