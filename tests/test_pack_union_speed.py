"""The union of a pack's always-run patterns, with their shared start ``^\\W*`` factored out,
matches exactly where the plain union of the patterns (and so one of the patterns) does."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lint import packs
from lint.parse import parse
from lint.rules import footer_block as fb

PACK_DIR = packs.Path(fb.__file__).parent / "packs"


def _plain_union(matchers):
    """union_regex as it was: each source in a group of its own, one after the other."""
    return re.compile("|".join(f"(?:{m.rx.pattern})" for m in matchers), re.IGNORECASE)


def _indexes():
    return [rule.index() for rule in packs.load_pack_dir(PACK_DIR)]


def _lines(corpus):
    paths = sorted((corpus / "news").glob("*.txt"))[:200] + sorted((corpus / "blog").rglob("*.md"))[:100]
    out = []
    for path in paths:
        doc = parse(path.read_text(encoding="utf-8", errors="replace"), str(path))
        out += [b.text[s:e] for b in doc.blocks for s, e in b.lines()]
    return out


TRICKY = ["", " ", "—", "Share", "share", "  Share  ", "Share | Tweet | Email", "3 Comments", "Comments (12)",
          "© 2019 Example Media", "(c) 2019 x", "Copyright 2020 Foo", "Related", "— Related —", "Click here to read",
          "Tags: a, b", "Posted in News", "Posted on May 2, 2019", "12 votes", "Poll", "7k shares", "İ", "ſhare",
          "Subscribe to The Daily for free", "Author:", "This article was published: May 2019",
          "Name *", "Email *", "Website", "...Share...", "\u00a0Share\u00a0", "Share\n", "x\nShare"]
_PIECES = ["share", "Share", "tweet", "email", "comments", "3", "12", "k", " ", "  ", "|", "—", "(", ")", "©",
           "2019", "related", "click here", "tags", ":", "posted", "in", "on", "votes", "poll", "*", "\n", ".",
           "subscribe to", "for free", "author", "x", "İ", "ſ"]


def _check(union, plain, matchers, text):
    found = union.search(text) is not None
    assert found == (plain.search(text) is not None), (union.pattern, text)
    assert found == any(m.rx.search(text) is not None for m in matchers), text


def test_builtin_packs_factor_their_shared_start():
    factored = 0
    for index in _indexes():
        union = packs.union_regex([m for _, m in index.always])
        if union is not None and union.pattern.startswith(packs._SHARED_START + "(?:"):
            factored += 1
    assert factored >= 1  # template-footer's patterns all start with ^\W*


def test_factored_union_matches_where_the_plain_one_does(corpus):
    texts = TRICKY + _lines(corpus)
    for index in _indexes():
        matchers = [m for _, m in index.always]
        union = packs.union_regex(matchers)
        if union is None:
            continue
        plain = _plain_union(matchers)
        for text in texts:
            _check(union, plain, matchers, text)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_factored_union_on_generated_lines(text):
    for index in _indexes():
        matchers = [m for _, m in index.always]
        union = packs.union_regex(matchers)
        if union is not None:
            _check(union, _plain_union(matchers), matchers, text)


def test_only_sources_that_read_as_the_start_then_the_rest_are_factored():
    yes = ["a", "(?:a|b)c", "[|)(]x", r"\|x", r"\(a", "(a)(b)", "[]|]", "[^]|]", ""]
    no = ["*a", "+a", "?a", "{2}a", "a|b", "(a))(", "(a", "a)", "[a", "(?#(|)a", "x(?#)|y"]
    assert [packs._sequence_rest(r) for r in yes] == [True] * len(yes)
    assert [packs._sequence_rest(r) for r in no] == [False] * len(no)
    # a union that cannot be factored is the plain one
    mixed = [packs.Matcher(r"^\W*a"), packs.Matcher(r"^\W*?b"), packs.Matcher(r"^\W*c|d")]
    assert packs.union_regex(mixed).pattern == r"(?:^\W*a)|(?:^\W*?b)|(?:^\W*c|d)"
    both = [packs.Matcher(r"^\W*a"), packs.Matcher(r"^\W*(?:b|c)\W*$")]
    union = packs.union_regex(both)
    assert union.pattern == r"^\W*(?:(?:a)|(?:(?:b|c)\W*$))"
    for text in ["a", " - a", "c", "-- b --", "b x", "x", "", "ab"]:
        _check(union, _plain_union(both), both, text)
