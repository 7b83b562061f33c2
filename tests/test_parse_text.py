"""Plain text: blank-line paragraphs, one block per line for scraped dumps."""

from __future__ import annotations

import textwrap

from lint.parse.text import parse_text
from parse_helpers import assert_exact, kinds, texts


def txt(source: str):
    doc = parse_text(source, "t.txt")
    assert_exact(doc)
    return doc


PROSE = (
    "The council voted on Tuesday to close the library for repairs. It will reopen in the "
    "spring, officials said, after the roof is fixed and the heating replaced. Residents were "
    "not pleased by the decision, which was taken without consultation."
)


def test_blank_line_paragraphs():
    doc = txt("First paragraph.\n\nSecond paragraph.\n\n\n  \nThird.\n")
    assert kinds(doc) == [("paragraph", "First paragraph."), ("paragraph", "Second paragraph."), ("paragraph", "Third.")]


def test_hard_wrapped_paragraph_stays_one_block():
    wrapped = textwrap.fill(PROSE, 72)
    doc = txt(wrapped + "\n\nNext.\n")
    assert kinds(doc)[0] == ("paragraph", wrapped)
    assert len(doc.blocks) == 2


def test_scraped_dump_one_block_per_line():
    src = "Home | News | Sport\nCouncil closes library\n" + PROSE + "\nShare this article\nLeave a Reply\n"
    doc = txt(src)
    assert [b.kind for b in doc.blocks] == ["line"] * 5
    assert texts(doc)[-1] == "Leave a Reply"


def test_heading_line_then_long_paragraph_line_is_split():
    # a title above a paragraph with a single newline: two blocks, not a wrapped paragraph
    doc = txt("Uncovering the Cover Up: Reddit Exposes Paul Combetta\n" + PROSE + "\n")
    assert [b.kind for b in doc.blocks] == ["line", "line"]


def test_crlf_lines_end_without_carriage_return():
    src = "Line one.\r\nLine two is longer than the first.\r\n\r\nPara.\r\n"
    doc = txt(src)
    assert texts(doc) == ["Line one.", "Line two is longer than the first.", "Para."]
    assert doc.line_index.line_col(doc.blocks[1].span.start) == (2, 1)
    wrapped = textwrap.fill(PROSE, 60).replace("\n", "\r\n")
    (b,) = txt(wrapped).blocks
    assert "\r" not in b.text and b.text == wrapped.replace("\r\n", "\n")


def test_bare_urls_left_out():
    doc = txt("Read more at https://example.com/story-1 today.\nhttps://only-a-url.example/x\n")
    assert texts(doc) == ["Read more at today."]


def test_empty_and_whitespace_only():
    assert txt("").blocks == []
    assert txt(" \n\t\n\n").blocks == []
