"""The plain-text parser's short cut (a block that is one verbatim range of the source with
nothing to drop is built directly) and Prose.build's (pieces that make one verbatim range)
give the blocks the general way gives: same kinds, texts, runs, indexes, depths and gaps."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.parse import parse
from lint.parse import prose as prose_module
from lint.parse import text as text_module

ROOT = Path(__file__).resolve().parent.parent


def _blocks(source: str, path: str):
    doc = parse(source, path)
    return [(b.kind, b.text, [(r.prose_start, r.source_start, r.source_end, r.verbatim) for r in b.runs],
             b.index, b.depth, b.gaps) for b in doc.blocks]


def _both(source: str, path: str, monkeypatch):
    fast = _blocks(source, path)
    with monkeypatch.context() as m:
        # the general way: parse_text always collects Prose, Prose.build never takes its short cut
        m.setattr(text_module, "url_ranges", lambda text: [(0, 0)])
        m.setattr(prose_module.Prose, "_one_run", lambda self: False)
        plain = _blocks(source, path)
    return fast, plain


_PIECES = ["a", "b c", "Word.", "\n", "\r\n", "\r", " ", "  ", "\t", "\n\n", " \n", "\u2028", "\x0c", "\u00a0",
           "http://e.x/a)", "(https://x.y/z).", "WWW.x.y", "www.e.org", "://", "see", "x" * 40 + " ", "&amp;"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_generated_plain_text(source):
    mp = pytest.MonkeyPatch()
    try:
        fast, plain = _both(source, "gen.txt", mp)
    finally:
        mp.undo()
    assert fast == plain


def test_fixtures_examples_and_crlf_copies(monkeypatch):
    paths = sorted((ROOT / "tests" / "fixtures").rglob("*")) + sorted((ROOT / "examples").iterdir())
    n = 0
    for path in paths:
        if path.is_file() and path.suffix in {".txt", ".md", ".html"}:
            source = path.read_text(encoding="utf-8", errors="replace")
            for text, name in ((source, path.name), (source.replace("\n", "\r\n"), path.name)):
                fast, plain = _both(text, name, monkeypatch)
                assert fast == plain, path
                n += len(fast)
    assert n > 1000


def test_news_and_blog(corpus, monkeypatch):
    rng = random.Random(2)
    paths = sorted((corpus / "news").glob("*.txt"))[:120] + sorted((corpus / "blog").rglob("*.md"))[:60]
    for path in paths:
        source = path.read_text(encoding="utf-8")
        fast, plain = _both(source, path.name, monkeypatch)
        assert fast == plain, path
        mixed = source.replace(". ", rng.choice([". http://x.y/z ", ".\r\n", ". www.A.b "]), 3)
        assert _both(mixed, path.name, monkeypatch)[0] == _both(mixed, path.name, monkeypatch)[1], path


def test_url_precheck_is_the_lower_case_search():
    for text in ["www.x", "WWW.x", "wWw.x", "ww.x", "w.www", "İwww.", "x" * 5, "ẘww.", "://"]:
        assert bool(prose_module.url_ranges(text)) == bool(prose_module.BARE_URL.search(text)), text
