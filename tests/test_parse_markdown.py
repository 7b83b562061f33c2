"""Markdown parser: structure, what is skipped, exact positions."""

from __future__ import annotations

import pytest

from lint.document import Span
from lint.parse import parse
from lint.parse.markdown import find_front_matter, parse_markdown
from parse_helpers import assert_exact, kinds, texts


def md(source: str):
    doc = parse_markdown(source, "t.md")
    assert_exact(doc)
    return doc


def test_dispatch_by_suffix():
    assert parse("# Hi\n", "a.markdown").format == "markdown"
    assert parse("# Hi\n", "a.MD").format == "markdown"


def test_block_kinds():
    doc = md(
        "# Title\n\nA paragraph.\n\n- item one\n- item two\n\n> quoted text\n\n"
        "Setext\n======\n\n| a | b |\n|---|---|\n| c | d |\n"
    )
    assert kinds(doc) == [
        ("heading", "Title"),
        ("paragraph", "A paragraph."),
        ("list_item", "item one"),
        ("list_item", "item two"),
        ("quote", "quoted text"),
        ("heading", "Setext"),
        ("table_cell", "a"),
        ("table_cell", "b"),
        ("table_cell", "c"),
        ("table_cell", "d"),
    ]


def test_atx_heading_closing_sequence():
    doc = md("## Heading two ##\n### a # b\n")
    assert texts(doc) == ["Heading two", "a # b"]


def test_soft_break_is_the_source_newline():
    src = "First line\nsecond line\n  third line\n"
    doc = md(src)
    (b,) = doc.blocks
    assert b.text == "First line\nsecond line\nthird line"
    nl = b.text.index("\n")
    assert b.to_source(nl) == src.index("\n")
    assert b.lines() == [(0, 10), (11, 22), (23, 33)]


def test_inline_markup_removed_text_kept():
    doc = md("Some *emphasis*, __strong__, ~~gone~~ and \\*escaped\\* text.\n")
    assert texts(doc) == ["Some emphasis, strong, gone and *escaped* text."]


def test_links_keep_text_drop_destination():
    doc = md('See [the docs](https://example.com/x "Title") and [ref link][r] or [short].\n\n[r]: https://r.example\n[short]: /s\n')
    assert texts(doc) == ["See the docs and ref link or short."]


def test_nested_brackets_and_parens_in_links():
    doc = md("A [link [with] brackets](http://x.com/a_(b)) end.\n")
    assert texts(doc) == ["A link [with] brackets end."]


def test_autolinks_and_bare_urls_removed():
    doc = md("Visit <https://example.com> or https://www.example.org/a_b?x=1. Also www.example.net, fine.\n")
    assert texts(doc) == ["Visit or. Also, fine."]


def test_images_dropped_with_their_alt_text():
    doc = md("Before ![a screenshot of the page](shot.png \"t\") after.\n\n![only an image](x.png)\n")
    assert texts(doc) == ["Before after."]


def test_inline_code_dropped_without_doubled_space():
    doc = md("Run `cargo build --release` to compile, or ``a ` b`` here.\n")
    assert texts(doc) == ["Run to compile, or here."]


def test_code_blocks_skipped():
    doc = md("Intro.\n\n```rust\nfn main() {} // Leave a Reply\n```\n\n    indented code line\n\n~~~\ntilde\n~~~\n\nOutro.\n")
    assert texts(doc) == ["Intro.", "Outro."]


def test_yaml_front_matter():
    src = "---\ntitle: Leave a Reply\ntags: [a, b]\n---\n\n# Real heading\n"
    doc = md(src)
    assert doc.front_matter == Span(0, src.index("---\n\n") + 3)
    assert texts(doc) == ["Real heading"]


def test_toml_front_matter():
    src = '+++\ntitle = "Leave a Reply"\n+++\nBody text.\n'
    doc = md(src)
    assert doc.front_matter == Span(0, 31)
    assert texts(doc) == ["Body text."]


def test_front_matter_only_file():
    doc = md("---\ntitle: x\n---\n")
    assert doc.blocks == [] and doc.front_matter == Span(0, 16)


def test_unclosed_front_matter_is_not_front_matter():
    assert find_front_matter("---\ntitle: x\n\nText\n") is None
    assert find_front_matter("Text\n---\na: b\n---\n") is None


def test_empty_and_blank_files():
    assert md("").blocks == []
    assert md("\n\n   \n").blocks == []


def test_html_comments_collected_not_in_code():
    src = (
        "<!-- articlelint: disable BP001 -->\n\nText <!-- inline --> more.\n\n"
        "```\n<!-- in a fence -->\n```\n\n    <!-- indented code -->\n\n`<!-- in code span -->`\n"
    )
    doc = md(src)
    assert [c.body for c in doc.comments] == [" articlelint: disable BP001 ", " inline "]
    assert texts(doc) == ["Text more."]
    first = doc.comments[0]
    assert src[first.span.start : first.span.end] == "<!-- articlelint: disable BP001 -->"


def test_multiline_comment_inside_paragraph():
    src = "Text <!-- a\ncomment --> more.\n"
    doc = md(src)
    assert texts(doc) == ["Text more."]
    (c,) = doc.comments
    assert src[c.span.start : c.span.end] == "<!-- a\ncomment -->"


def test_raw_html_tags_script_and_style_skipped():
    src = (
        "Some <b>bold</b> and <span class=\"x\">span</span> text.\n\n"
        "<script>\nvar leave = 'Leave a Reply';\n</script>\n\n"
        "<style>\np { color: red }\n</style>\n\n"
        "<div align=\"center\">\n<p>Inside a <em>div</em> &amp; more</p>\n</div>\n\n"
        "Inline <code>skip this</code> done.\n"
    )
    doc = md(src)
    assert kinds(doc) == [
        ("paragraph", "Some bold and span text."),
        ("html_block", "Inside a div & more"),
        ("paragraph", "Inline done."),
    ]


def test_entities_decode_and_map_to_the_whole_entity():
    src = "Fish &amp; chips &copy; &#8212; &#x41;.\n"
    doc = md(src)
    (b,) = doc.blocks
    assert b.text == "Fish & chips © — A."
    amp = b.text.index("&")
    assert not b.is_verbatim(amp)
    assert b.source_span(amp, amp + 1) == Span(5, 10)


def test_reference_definitions_skipped():
    doc = md("Text [x].\n\n[x]: https://example.com \"A title\"\n")
    assert texts(doc) == ["Text x."]


def test_footnotes():
    doc = md("Claim[^1] here.\n\n[^1]: The footnote text.\n")
    assert texts(doc) == ["Claim here.", "The footnote text."]


def test_list_item_paragraphs_and_depth():
    src = "- top\n  - nested *one*\n    - deeper\n\n1. first\n\n   second paragraph\n"
    doc = md(src)
    assert [(b.kind, b.text, b.depth) for b in doc.blocks] == [
        ("list_item", "top", 0),
        ("list_item", "nested one", 1),
        ("list_item", "deeper", 2),
        ("list_item", "first", 0),
        ("list_item", "second paragraph", 0),
    ]


def test_quote_continuation_prefixes_stripped():
    src = "> line one\n> line two\nlazy line\n>\n> > nested quote\n"
    doc = md(src)
    assert [(b.kind, b.text, b.depth) for b in doc.blocks] == [
        ("quote", "line one\nline two\nlazy line", 0),
        ("quote", "nested quote", 1),
    ]


def test_deeply_nested_lists_and_quotes():
    src = "".join("  " * i + "- level %d\n" % i for i in range(30))
    src += "\n" + "".join(">" * (i + 1) + " quote %d\n" % i for i in range(30))
    doc = md(src)
    assert len(doc.blocks) >= 30
    assert any(b.kind == "quote" for b in doc.blocks)


def test_table_cells_with_escaped_pipe_and_code():
    src = "| Name | Note |\n|------|------|\n| a \\| b | `x` y |\n"
    doc = md(src)
    assert texts(doc) == ["Name", "Note", "a | b", "y"]
    cell = doc.blocks[2]
    assert src[cell.span.start : cell.span.end] == "a \\| b"


def test_table_inside_quote():
    src = "> | a | b |\n> |---|---|\n> | c | d |\n"
    assert texts(md(src)) == ["a", "b", "c", "d"]


def test_hard_breaks():
    src = "Line one  \nline two\\\nline three\n"
    doc = md(src)
    assert texts(doc) == ["Line one\nline two\nline three"]


def test_crlf_positions():
    src = "# Title\r\n\r\nFirst line\r\nsecond *line*\r\n"
    doc = md(src)
    assert texts(doc) == ["Title", "First line\nsecond line"]
    b = doc.blocks[1]
    assert src[b.to_source(b.text.index("second"))] == "s"
    assert doc.line_index.line_col(b.to_source(b.text.index("second"))) == (4, 1)


def test_lone_carriage_return_does_not_crash():
    doc = md("One\rTwo\n\nThree\n")
    assert "Three" in texts(doc)


def test_bom_left_in_string_is_not_prose():
    doc = md("\ufeff# Title\n\nText.\n")
    assert texts(doc) == ["Title", "Text."]


def test_tabs_in_indentation():
    src = "-\titem with tab\n\tcontinued\n\n>\tquoted with tab\n"
    doc = md(src)
    assert texts(doc) == ["item with tab\ncontinued", "quoted with tab"]


def test_nul_character():
    doc = parse_markdown("Nul \x00 here.\n", "t.md")
    assert doc.blocks[0].text.startswith("Nul")


@pytest.mark.parametrize(
    "src",
    [
        "[unclosed link(http://x",
        "*unclosed emphasis",
        "<div>\nunclosed html block\n",
        "```\nunclosed fence\n",
        "<!-- unclosed comment\n\ntext",
        "| a |\n|---|\n| b | c | d |\n",
        "[^missing]\n",
        "![img](",
        "<http://unclosed",
    ],
)
def test_broken_markdown_never_raises(src):
    md(src)


def test_html_blocks_inside_containers_drop_the_prefix():
    doc = md("> <div>quoted html</div>\n\n- <div>\n  block in item\n  </div>\n")
    assert kinds(doc) == [("html_block", "quoted html"), ("html_block", "block in item")]


def test_lone_comment_html_block():
    src = "Text.\n\n<!-- expect: BP001 -->\nLeave a Reply\n\n  <!-- articlelint: disable-file -->\n"
    doc = md(src)
    assert [c.body for c in doc.comments] == [" expect: BP001 ", " articlelint: disable-file "]
    for c in doc.comments:
        assert src[c.span.start : c.span.end].startswith("<!--") and src[c.span.end - 3 : c.span.end] == "-->"


def test_markdown_written_inside_raw_html_blocks():
    src = (
        "<details>\n<summary>Goal</summary>\n"
        "See [Niko](https://x.org/a) and `cargo` **now** ![i](p.png) end, openedhttps://x.org/1 to fix.\n"
        "</details>\n"
    )
    assert kinds(md(src)) == [("html_block", "Goal"), ("html_block", "See Niko and now end, opened to fix.")]


def test_gaps_mark_dropped_code_images_and_urls():
    doc = md("Traits: `Send`, `Sync`.\n\nA ![pic](p.png) and https://x.org/a, *em* [link](u) <b>b</b>.\n")
    a, b = doc.blocks
    assert a.text == "Traits:,."
    # the comma and the full stop were never next to each other in what a reader sees
    assert a.gap_within(a.text.index(","), a.text.index(".") + 1)
    assert not a.gap_within(0, a.text.index(":") + 1)
    assert b.text == "A and, em link b."
    # an image and a URL were dropped; emphasis, link syntax and tags are markup only
    assert [b.text[g - 1 : g + 1] for g in b.gaps] == [" a", "d,"]


def test_inline_br_is_a_line_break():
    src = "First line<br>second line<br/>third\n"
    (b,) = md(src).blocks
    assert b.text == "First line\nsecond line\nthird"
    nl = b.text.index("\n")
    assert src[b.source_span(nl, nl + 1).start :].startswith("<br>")


def test_br_before_a_newline_is_one_break():
    (b,) = md("First line<br>\nsecond line\n").blocks
    assert b.text == "First line\nsecond line"
