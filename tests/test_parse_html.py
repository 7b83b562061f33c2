"""HTML parser: blocks, skipped elements, entities, comments, broken markup."""

from __future__ import annotations

import pytest

from lint.document import Span
from lint.parse import parse
from lint.parse.html import parse_html
from parse_helpers import assert_exact, kinds, texts


def html(source: str):
    doc = parse_html(source, "t.html")
    assert_exact(doc)
    return doc


def test_dispatch_by_suffix():
    assert parse("<p>x</p>", "a.htm").format == "html"
    assert parse("<p>x</p>", "a.HTML").format == "html"


def test_block_kinds_and_depth():
    doc = html(
        "<h1>Title</h1><p>Para <b>bold</b> text.</p>"
        "<ul><li>one</li><li>two<ul><li>inner</li></ul></li></ul>"
        "<blockquote><p>Quoted.</p></blockquote>"
        "<table><tr><th>H</th><td>cell</td></tr></table>"
        "<div>div text</div>"
    )
    assert [(b.kind, b.text, b.depth) for b in doc.blocks] == [
        ("heading", "Title", 0),
        ("paragraph", "Para bold text.", 0),
        ("list_item", "one", 0),
        ("list_item", "two", 0),
        ("list_item", "inner", 1),
        ("quote", "Quoted.", 0),
        ("table_cell", "H", 0),
        ("table_cell", "cell", 0),
        ("paragraph", "div text", 0),
    ]


def test_text_runs_around_nested_blocks():
    doc = html("<div>before <p>inside</p> after</div>")
    assert texts(doc) == ["before", "inside", "after"]


def test_br_is_a_line_break():
    src = "<p>Line one<br>line two<br/>line three</p>"
    doc = html(src)
    (b,) = doc.blocks
    assert b.text == "Line one\nline two\nline three"
    nl = b.text.index("\n")
    assert b.source_span(nl, nl + 1) == Span(src.index("<br>"), src.index("<br>") + 4)
    assert len(b.lines()) == 3


def test_source_newlines_are_spaces():
    src = "<p>\n  Wrapped\n      text here.\n</p>"
    doc = html(src)
    assert texts(doc) == ["Wrapped text here."]


def test_entities_decode_to_their_character():
    src = "<p>Fish &amp; chips &mdash; &#8220;good&#x201D; &nbsp;x &bogus; AT&T</p>"
    doc = html(src)
    (b,) = doc.blocks
    assert b.text == "Fish & chips — “good” \xa0x &bogus; AT&T"
    dash = b.text.index("—")
    assert b.source_span(dash, dash + 1) == Span(src.index("&mdash;"), src.index("&mdash;") + 7)


def test_skipped_elements():
    doc = html(
        "<html><head><title>Page title</title><style>p{}</style></head><body>"
        "<script>var s = '<p>Leave a Reply</p>';</script>"
        "<p>Kept <code>skipped()</code> kept.</p><pre>pre text</pre>"
        "<noscript>Enable JS</noscript><template><p>tpl</p></template>"
        "<svg><text>svg text</text></svg><select><option>January</option></select>"
        "<p>End.</p></body></html>"
    )
    assert texts(doc) == ["Kept kept.", "End."]


def test_nav_footer_aside_are_prose():
    doc = html("<nav>Home | News</nav><article><p>Body.</p></article><aside>Related posts</aside><footer>© 2026 Site</footer>")
    assert texts(doc) == ["Home | News", "Body.", "Related posts", "© 2026 Site"]


def test_comments_collected():
    src = "<p>A <!-- articlelint: disable BP001 --> b</p><pre><!-- in pre --></pre><!--\nmulti\n-->"
    doc = html(src)
    assert [c.body for c in doc.comments] == [" articlelint: disable BP001 ", "\nmulti\n"]
    c = doc.comments[0]
    assert src[c.span.start : c.span.end] == "<!-- articlelint: disable BP001 -->"
    assert texts(doc) == ["A b"]


def test_attributes_and_alt_text_are_not_prose():
    doc = html('<p title="Leave a Reply">Text <img alt="a photo" src="x.png"> more <a href="https://x.com">link</a>.</p>')
    assert texts(doc) == ["Text more link."]


def test_bare_urls_dropped():
    assert texts(html("<p>Source: https://example.com/a?b=c</p>")) == ["Source:"]


def test_implied_end_tags():
    doc = html("<p>one<p>two<ul><li>a<li>b</ul><table><tr><td>x<td>y<tr><td>z</table>")
    assert texts(doc) == ["one", "two", "a", "b", "x", "y", "z"]


def test_unclosed_html():
    doc = html("<html><body><div><p>Unclosed paragraph <b>bold <i>italic\n<p>next")
    assert texts(doc) == ["Unclosed paragraph bold italic", "next"]


def test_unclosed_code_ends_with_its_block():
    doc = html("<p>A <code>unclosed</p><p>Visible.</p>")
    assert texts(doc) == ["A", "Visible."]


def test_crlf_positions():
    src = "<p>One\r\ntwo</p>\r\n<p>Three</p>\r\n"
    doc = html(src)
    assert texts(doc) == ["One two", "Three"]
    b = doc.blocks[1]
    assert src[b.span.start : b.span.end] == "Three"
    assert doc.line_index.line_col(b.span.start) == (3, 4)


def test_plain_text_without_tags():
    assert texts(html("Just text.\n")) == ["Just text."]


def test_empty():
    assert html("").blocks == []


@pytest.mark.parametrize(
    "src",
    [
        "<p", "<p>text</", "</p></div>stray end tags", "<!-- unclosed", "<![CDATA[x]]>",
        "<!DOCTYPE html><p>x", "<p>&", "<p>&#", "<p>&#xZZ;</p>", "<a href='x>bad quote</a>",
        "<script>never closed", "<p>a<br>", "<?php echo 1 ?><p>x</p>", "<p>a<![if x]>b</p>", "<![word]>",
    ],
)
def test_broken_html_never_raises(src):
    html(src)


def test_gaps_mark_dropped_code_not_tags():
    doc = html("<p>Use <code>x</code>, <code>y</code>. <b>Bold</b>, <img src=a.png> end.</p>")
    (b,) = doc.blocks
    assert b.text == "Use,. Bold, end."
    assert b.gap_within(3, 5)  # ",." had code between them
    assert not b.gap_within(6, 11)  # "Bold," only lost its tags
    assert len(b.gaps) == 3
