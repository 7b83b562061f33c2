"""The prose→source map is exact on every file of the shared corpus and on generated input:
``source[block.to_source(i)] == block.text[i]`` for every verbatim prose character."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.document import Document
from lint.parse import parse
from lint.source import decode
from parse_helpers import assert_exact


def assert_runs_exact(doc: Document) -> None:
    """:func:`assert_exact`, checked run by run (the same property, fast enough for the
    whole corpus): each verbatim run's prose is the source range it maps to, ``to_source``
    agrees with the runs, and sentences lie inside their blocks."""
    source = doc.source
    for block in doc.blocks:
        text, runs = block.text, block.runs
        assert text and text == text.strip()
        for k, run in enumerate(runs):
            p_end = runs[k + 1].prose_start if k + 1 < len(runs) else len(text)
            if run.verbatim:
                assert source[run.source_start : run.source_start + (p_end - run.prose_start)] == text[run.prose_start : p_end], (
                    doc.path, block.kind, text[run.prose_start : p_end]
                )
                assert run.source_end - run.source_start >= p_end - run.prose_start
            # spot-check to_source on the run's first and last character
            for i in (run.prose_start, p_end - 1):
                if run.verbatim:
                    assert source[block.to_source(i)] == text[i]
        span = block.span
        for sentence in doc.sentences_of(block):
            s = sentence.span
            assert span.start <= s.start < s.end <= span.end
    starts = [b.span.start for b in doc.blocks]
    assert starts == sorted(starts)


def _corpus_files(corpus, pattern):
    files = sorted(corpus.glob(pattern))
    assert files, pattern
    return files


@pytest.mark.parametrize("pattern", ["blog/content/**/*.md", "news/*.txt", "seed-article.txt"])
def test_corpus_positions_exact(corpus, pattern):
    blocks = 0
    for path in _corpus_files(corpus, pattern):
        source = decode(path.read_bytes(), str(path))
        doc = parse(source, str(path))
        assert_runs_exact(doc)
        blocks += len(doc.blocks)
    assert blocks > 0


def test_blog_front_matter_skipped(corpus):
    files = _corpus_files(corpus, "blog/content/**/*.md")
    with_front = 0
    for path in files[:100]:
        source = path.read_text(encoding="utf-8")
        doc = parse(source, str(path))
        if source.startswith("+++"):
            with_front += 1
            assert doc.front_matter is not None
            assert all(b.span.start >= doc.front_matter.end for b in doc.blocks)
    assert with_front > 50


def test_corpus_markdown_per_character(corpus):
    """The slow, literal form of the property on a sample of blog posts."""
    for path in _corpus_files(corpus, "blog/content/**/*.md")[::25]:
        assert_exact(parse(path.read_text(encoding="utf-8"), str(path)))


def test_scraped_pages_as_text_and_html_positions(corpus):
    """The boilerplate benchmark's pages: full_text as plain text, and the same lines wrapped
    in HTML paragraphs."""
    import html as html_lib

    path = corpus / "boilerplate" / "scrapinghub-dev.jsonl"
    for raw in path.read_text(encoding="utf-8").splitlines()[:40]:
        page = json.loads(raw)
        text = page["full_text"]
        doc = parse(text, "page.txt")
        assert_runs_exact(doc)
        # one block per line: a dump with single newlines is not a wrapped paragraph
        lines = [l for l in text.split("\n") if l.strip()]
        assert len(doc.blocks) >= 0.9 * len(lines)
        markup = "".join(f"<p>{html_lib.escape(l)}</p>\n" for l in text.split("\n"))
        assert_runs_exact(parse(markup, "page.html"))


# --- generated input ---------------------------------------------------------------------

_MD_PIECES = [
    "word", "Word", " ", " ", "\n", "\n\n", "\r\n", ".", ",", "*", "**", "_", "`", "``", "\\", "\\*",
    "[", "]", "(", ")", "[a](b)", "![i](j)", "<", ">", "<b>", "</b>", "<!-- c -->", "&amp;", "&#42;",
    "# ", "## ", "- ", "1. ", "> ", "    ", "\t", "---", "+++", "```", "~~", "|", "| a | b |\n|---|---|\n",
    "https://x.org/a", "<https://y.org>", "[^1]", "[^1]: note", "[r]: /u", "é", "’", "\u00a0", "=",
    "<div>", "</div>", "<script>", "</script>", "<code>", "</code>", "<![", "]>", "i", "0", "<br>",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_MD_PIECES), max_size=60))
def test_generated_markdown_positions_exact(pieces):
    source = "".join(pieces)
    doc = parse(source, "gen.md")
    assert_exact(doc)


_HTML_PIECES = [
    "word", "Word", " ", "\n", "\r\n", ".", "<p>", "</p>", "<div>", "</div>", "<br>", "<br/>", "<li>", "</li>",
    "<ul>", "</ul>", "<h2>", "</h2>", "<b>", "</b>", "<td>", "<tr>", "<table>", "</table>", "<blockquote>",
    "&amp;", "&mdash;", "&#8220;", "&#x41;", "&bogus;", "&", "<", ">", "<!-- c -->", "<!--", "-->",
    "<script>", "</script>", "<code>", "</code>", "<pre>", "</pre>", '<a href="https://x.org">', "</a>",
    "https://z.org/p", "<img alt='alt'>", "é", "\u00a0", "<!DOCTYPE html>", "</", "<p", "'", '"', "<![", "]>", "if",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_HTML_PIECES), max_size=60))
def test_generated_html_positions_exact(pieces):
    source = "".join(pieces)
    assert_exact(parse(source, "gen.html"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["word", "Word.", " ", "\n", "\n\n", "\r\n", "\t", "https://u.org/x", "é"]), max_size=60))
def test_generated_text_positions_exact(pieces):
    assert_exact(parse("".join(pieces), "gen.txt"))
