"""Shortcuts of the repetition rules checked against the plain forms they replace:

- sentence_units reads the sentences' hits _from_translation left for each paragraph
  instead of slicing and looking up each sentence again: the same units;
- _from_translation looks for a credit's words in the translated text, not in text.lower();
- near_matches passes over a unit that shares at most one shingle with each earlier unit
  (tests/test_repetition_near_speed.py compares near_matches with the plain search);
- repetitive-document splits "said," and "(the" without a regular expression (_tokens),
  and skips the bigram bounds when a coarser bound (top count times two longest tokens) is
  already under the limits.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.parse import parse
from lint.rules import _repetition as rep
from lint.rules import repetitive_document as rd
from lint.rules.repetitive_document import RepetitiveDocument

ROOT = Path(__file__).resolve().parent.parent


def _documents(corpus: Path | None):
    sources = []
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*")) + sorted((ROOT / "examples").iterdir()):
        if path.is_file() and path.suffix in {".txt", ".md", ".html"}:
            sources.append((path.read_text(encoding="utf-8", errors="replace"), str(path)))
    if corpus is not None:
        for sub in ("news", "blog"):
            for path in sorted((corpus / sub).glob("*"))[:250]:
                if path.is_file():
                    sources.append((path.read_text(encoding="utf-8", errors="replace"), str(path)))
    return sources


def _unit_fields(units):
    return [(u.block.index, u.start, u.end, u.words, u.plain, u.credit, u.key, u.order) for u in units]


def _plain_sentence_units(doc, min_words, skip):
    """sentence_units without the hits _from_translation left (each sentence sliced and
    looked up in the memo, or read)."""
    cache = rep._cache(doc)
    stored = cache.pop("sentence hits", None)
    try:
        return rep.sentence_units(doc, min_words, skip)
    finally:
        if stored is not None:
            cache["sentence hits"] = stored


def _check_sentence_units(source: str, name: str) -> int:
    doc = parse(source, name)
    rep.paragraph_units(doc, 8)  # what the paragraph rules run first
    reused = len(rep._cache(doc).get("sentence hits", {}))
    fresh = parse(source, name)  # no memo, no stored hits: every sentence read on its own
    for min_words, skip in ((8, set()), (1, set()), (8, {b.index for b in doc.blocks[::2]})):
        units = rep.sentence_units(doc, min_words, skip)
        assert _unit_fields(units) == _unit_fields(_plain_sentence_units(doc, min_words, skip)), name
        assert _unit_fields(units) == _unit_fields(rep.sentence_units(fresh, min_words, skip)), name
    return reused


def test_sentence_units_from_stored_hits_same_as_read_again(corpus):
    reused = sum(_check_sentence_units(source, name) for source, name in _documents(corpus))
    assert reused > 1000  # the stored hits are what runs on the corpus


_PIECES = [
    "The court said so.", "It’s 3.5% lower.", "“Quoted,” she said.", " ", "  ", "\n", "\n\n",
    "U.S. officials agreed.", "A café owner.", "`code` here.", "(AP Photo/Jane Doe)", "| Getty Images",
    "— Senior editor", "Write to me@ex.com now.", "George W. Bush.", "- a list item", "Same text again here.",
    "Same text again here.", "photo credit", "İzmir", "x_y", "1,349.80", "Mr. Smith said it.",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), st.sampled_from(["doc.txt", "doc.md"]))
def test_sentence_units_same_for_any_text(source, name):
    _check_sentence_units(source, name)


def _credit_words_lowered(text: str) -> bool:
    low = text.lower()
    return "getty" in low or "photo" in low or "image" in low or "picture" in low or "credit" in low


def _credit_words_translated(text: str) -> bool | None:
    ascii_text = rep._ascii_with_spaces(text)
    if ascii_text is None:
        return None
    t = ascii_text.translate(rep._ASCII_WORDS)
    return "getty" in t or "photo" in t or "image" in t or "picture" in t or "credit" in t


def test_credit_words_in_the_translation_where_in_the_lowered_text(corpus):
    texts = [b.text for source, name in _documents(corpus) for b in parse(source, name).blocks]
    rng = random.Random(5)
    alphabet = [chr(i) for i in range(128)] + list(rep._PUNCTUATION)
    words = ["getty", "Getty", "GETTY", "photo", "PHOTO", "phOto", "image", "Picture", "credit", "CREDIT"]
    for _ in range(4000):
        texts.append("".join(rng.choice(alphabet if rng.random() < 0.8 else words) for _ in range(rng.randint(0, 12))))
    # a word cut by a mark, a digit or a space is no word
    texts += ["ph’oto", "ph0to", "ge tty", "credi—t", "pictur e", "IMAGE", "Photo:", "x|Getty"]
    taken = 0
    for text in texts:
        fast = _credit_words_translated(text)
        if fast is not None:
            taken += 1
            assert fast == _credit_words_lowered(text), text
    assert taken > 3000


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["ph", "oto", "Ph", "OTO", "get", "ty", "IMA", "ge", "cred", "it", " ", "’",
                                 "—", "0", "x", "-", "Picture", "|"]), max_size=12).map("".join))
def test_credit_words_in_the_translation_for_any_pieces(text):
    fast = _credit_words_translated(text)
    assert fast is None or fast == _credit_words_lowered(text)


# -- repetitive-document ------------------------------------------------------------------

def _chars():
    return [chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF]


def test_tokens_same_as_regex_for_every_character_next_to_a_word():
    # (the shortcuts' pieces for every character; the rest for the Basic Multilingual Plane)
    for c in _chars():
        texts = (f"ab{c}", f"{c}ab") if ord(c) > 0xFFFF else (
            f"ab{c}", f"{c}ab", f"a{c}", f"{c}a", f"{c}", f"a{c}b", f"{c}{c}a", f"ab{c} x{c}", f"'a{c}"
        )
        for text in texts:
            assert rd._tokens(text) == rd._TOKEN.findall(text), (hex(ord(c)), text)


_TOKEN_PIECES = ["word", "Word", "a", "3", "x_y", "_", "'", "’", "''", "don't", "it’s", ",", ".", ";", "(", ")",
                 "“", "”", "—", "-", "é", "²", "…", "«", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "$", "%"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_TOKEN_PIECES), max_size=20).map("".join))
def test_tokens_same_as_regex(text):
    assert rd._tokens(text) == rd._TOKEN.findall(text)


def test_tokens_same_as_regex_on_the_corpus(corpus):
    taken = 0
    for source, _ in _documents(corpus):
        assert rd._tokens(source) == rd._TOKEN.findall(source)
        taken += sum(1 for p in source.split() if not p.isalnum() and (p[:-1].isalnum() or p[1:].isalnum()))
    assert taken > 10000  # the shortcut is taken, not only the regular expression


def _coarse(tokens):
    counts = Counter(zip(tokens, tokens[1:]))
    most = max(counts.values(), default=0) * (2 * max(map(len, tokens)) + 1)
    return counts, (most, 2 * most, 2 * most + most // 3)


def test_the_coarse_bound_is_above_the_bigram_bounds():
    rng = random.Random(3)
    cases = [["a"], ["a", "."], "a b".split(), "a b a b".split(), ["abcdefghij", "k"] * 30, "x y x y x y".split()]
    for _ in range(2000):
        vocab = ["a", "bb", "ccc", ",", ".", "the", "dddd", "eeeeeeeeeeee"][: rng.randint(1, 8)]
        cases.append([rng.choice(vocab) for _ in range(rng.randint(1, 60))])
    for tokens in cases:
        counts, coarse = _coarse(tokens)
        exact = (rd._top_chars(counts, 2), *rd._longer_ngram_bounds(counts))
        assert all(c >= e for c, e in zip(coarse, exact)), tokens


@pytest.mark.parametrize("limits", [(0.20, 0.18, 0.16), (0.01, 0.01, 0.01), (0.2,), (0.5, 0.5, 0.5)])
def test_quick_measure_agrees_with_full_measure_on_the_corpus(corpus, limits):
    # every document where the coarse bound says "nothing over a limit": measuring finds none
    rule = RepetitiveDocument(RepetitiveDocument.Options(max_top_ngram_char_fraction=limits))
    quick_none = 0
    for source, name in _documents(corpus):
        doc = parse(source, name)
        quick, full = rule.measure(doc, quick=True), rule.measure(doc)
        if quick is None:
            quick_none += full is not None
            assert full is None or not any(value > limit for _, value, limit in full), name
        else:
            assert quick == full, name
    if limits != (0.01, 0.01, 0.01):
        assert quick_none > 100


def test_a_document_of_one_token_is_measured():
    # no bigram at all: the coarse bound is 0 (min-words 1 lets a one-word text through)
    rule = RepetitiveDocument(RepetitiveDocument.Options(min_words=1))
    doc = parse("Word", "one.txt")
    assert rule.measure(doc, quick=True) is None
    assert [name for name, _, _ in rule.measure(doc)][-1] == "top 4-gram character fraction"
    assert list(rule.check(doc, None)) == []


def test_near_matches_same_as_plain_on_the_corpus(corpus):
    # the units that share at most one shingle with each earlier unit, passed over before
    # counting, are most of those that share any (tests/test_repetition_near_speed.py has
    # the plain search and the generated documents)
    from test_repetition_near_speed import _matches, _plain_near_matches

    found = 0
    for source, name in _documents(corpus):
        doc = parse(source, name)
        for units, kwargs in ((rep.paragraph_units(doc, 8), {"contain": True}),
                              (rep.sentence_units(doc, 8), {"max_replaced": 1}), (rep.sentence_units(doc, 3), {})):
            for threshold in (0.5, 0.8):
                got = _matches(rep.near_matches(units, threshold, **kwargs))
                assert got == _matches(_plain_near_matches(units, threshold, **kwargs)), name
                found += len(got)
    assert found > 50


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["a", "The", "3", "2024", "x3", "0", " ", "  ", ".", ",", "’", "—", "-- ", "1,349.80"]),
                max_size=16).map("".join))
def test_translated_hit_counts_the_words_that_are_not_numbers(text):
    # without a "0" in the translation no word is a number: the count is not read
    ascii_text = rep._ascii_with_spaces(text)
    hit = rep._translated_hit(text, ascii_text.translate(rep._ASCII_WORDS))
    if hit[1] is not None:
        assert hit[4] == len(hit[1]) - sum(1 for w in hit[1] if w.isdigit())


def test_paragraph_groups_are_the_exact_groups_of_the_paragraphs(corpus):
    for source, name in _documents(corpus)[:200]:
        doc = parse(source, name)
        for min_words in (8, 3):
            groups = rep.paragraph_groups(doc, min_words)
            assert groups == rep.exact_groups(rep.paragraph_units(doc, min_words))
            assert rep.paragraph_groups(doc, min_words) is groups


# -- URLs: "w." is the start of a check for "www.", not a reason to run _URL -----------------

def test_no_url_where_no_marker_for_every_character():
    for c in _chars():
        for text in (f"www{c}", f"{c}ww.", f"w{c}w.", f"ww{c}.", f"{c}://x", f"a{c}@b.c", f"<{c}>", f"<{c}a>", f"W{c}W.x",
                     f"now{c}. law.", f"x@{c}.y"):
            if not rep._may_have_url(text):
                assert rep._URL.search(text) is None, (hex(ord(c)), text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["w", "W", "ww", ".", "www.", "WwW.", "now.", "law", "x", " ", "/", ":", "://", "@", "<",
                                 ">", "a", "İ", "K", "é", "ß", "1", "-", "+"]), max_size=14).map("".join))
def test_no_url_where_no_marker(text):
    if not rep._may_have_url(text):
        assert rep._URL.search(text) is None
    assert rep._may_have_url(text) or "www." not in text.lower()
