"""The shortcuts behind the readability rules' syllable counts give what textstat's way gave.

- :func:`lint.syllables.hyphen_point_counter` counts pyphen's hyphenation points (textstat's
  syllables for a word the CMU table lacks are that number + 1) with fewer dictionary
  lookups: compared with ``len(Pyphen.positions(word))`` over the whole CMU word list, over
  random strings and over other languages' patterns (nonstandard hyphenation included).
- :meth:`lint.syllables.SyllableTable.count` is what textstat reads from ``cmu[word][0]``.
- a piece stripped of marks at its ends is what textstat's punctuation removal leaves.
"""

from __future__ import annotations

import random
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint import syllables
from lint.rules import _readability as R


def _chars():
    return (chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)


def _pyphen(lang, **kw):
    import pyphen

    syllables.seed_pyphen(lang)  # the patterns textstat gets (from our cache when it holds them)
    return pyphen.Pyphen(lang=lang, **kw)


def _cmu_words():
    return syllables.table().text.split()[::2]


# -- pyphen's points ----------------------------------------------------------------------

def test_hyphen_points_equal_pyphens_over_the_cmu_words():
    hyph = _pyphen("en_US")
    count = syllables.hyphen_point_counter(hyph)
    words = _cmu_words()
    assert len(words) > 100_000
    # pyphen keeps every word's points in a per-dictionary cache: empty it after use
    try:
        wrong = [w for w in words if count(w) != len(hyph.positions(w))]
    finally:
        hyph.hd.cache.clear()
    assert wrong == []


def _random_words(alphabet, n, seed):
    rnd = random.Random(seed)
    alphabet = sorted(set(alphabet))
    out = ["", ".", "..", "a", "ab", "abc", "İstanbul", "STRASSE", "straße", "ǅemal", "x" * 300,
           "a.b", "..a..", "'tis", "don't", "naïve", "e\u0301te\u0301", "ΟΔΟΣ", "ὈΔΥΣΣΕΎΣ", "١٢٣", "_"]
    for _ in range(n):
        size = rnd.choice((1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 60))
        out.append("".join(rnd.choice(alphabet) for _ in range(size)))
    return out


def _pattern_alphabet(hyph):
    return "".join({c for key in hyph.hd.patterns for c in key})


@pytest.mark.parametrize("left, right", [(2, 2), (1, 1), (0, 0), (3, 4), (1, 5), (2, 30)])
def test_hyphen_points_equal_pyphens_on_random_strings(left, right):
    hyph = _pyphen("en_US", left=left, right=right)
    count = syllables.hyphen_point_counter(hyph)
    alphabet = _pattern_alphabet(hyph) + "AEIOUSTİIßé\u0301'-1_. "
    try:
        for word in _random_words(alphabet, 20_000, seed=left * 100 + right):
            assert count(word) == len(hyph.positions(word)), repr(word)
    finally:
        hyph.hd.cache.clear()


# hu_HU carries nonstandard hyphenation (pyphen's DataInt levels); the others are plain
@pytest.mark.parametrize("lang", ["en_GB", "fr", "nl_NL", "ru_RU", "el_GR", "af_ZA", "hu_HU"])
def test_hyphen_points_equal_pyphens_in_other_languages(lang):
    hyph = _pyphen(lang)
    count = syllables.hyphen_point_counter(hyph)
    rnd = random.Random(lang)
    words = _random_words(_pattern_alphabet(hyph) + "AÉ", 5_000, seed=lang)
    # real-looking words too: pattern keys glued together, with the word dots removed
    keys = list(hyph.hd.patterns)
    words += ["".join(rnd.choice(keys) for _ in range(rnd.randint(1, 4))).replace(".", "") for _ in range(5_000)]
    try:
        wrong = [w for w in words if count(w) != len(hyph.positions(w))]
    finally:
        hyph.hd.cache.clear()
    assert wrong == []


def test_hyphen_points_catch_a_missing_prefix():
    # the walk from a start stops at the first substring that is no pattern and no prefix of
    # one: patterns only reachable through a longer prefix must still be found
    import pyphen

    hyph = _pyphen("en_US")
    longest = max(hyph.hd.patterns, key=len)
    assert len(longest) == hyph.hd.maxlen > 20
    word = longest.strip(".")
    try:
        assert syllables.hyphen_point_counter(hyph)(word) == len(hyph.positions(word))
    finally:
        hyph.hd.cache.clear()

    # and the test above can fail: a counter that stopped after four characters differs
    class Cut:
        left, right = hyph.left, hyph.right

        class hd:
            patterns = {k: v for k, v in hyph.hd.patterns.items() if len(k) <= 4}

    cut = syllables.hyphen_point_counter(Cut)
    assert any(cut(w) != len(hyph.positions(w)) for w in _cmu_words()[:5000])
    hyph.hd.cache.clear()
    assert isinstance(hyph, pyphen.Pyphen)


# -- the CMU table's count ------------------------------------------------------------------

def _textstat_cmu(table, word):
    """textstat's count_syllables for one word, the table lookup part (None: pyphen's turn)."""
    try:
        return sum(1 for p in table[word][0] if p[-1].isdigit())
    except (TypeError, IndexError, KeyError):
        return None


@pytest.mark.parametrize("indexed", [False, True])
def test_table_count_is_textstats_lookup(indexed):
    text = "".join(f"{w}\t{n}\n" for w, n in sorted({"a": 1, "ab": 0, "abc": 63, "abcd": 64, "zz": 99}.items()))
    table = syllables.SyllableTable(text)
    if indexed:
        table.index_now()
    for word in ["a", "ab", "abc", "abcd", "zz", "b", "", "a\tb", "a\n", "zzz"]:
        assert table.count(word) == _textstat_cmu(table, word), word
    assert table.count("abcd") is None and table.count("abc") == 63 and table.count("ab") == 0


def test_table_count_over_the_cmu_words():
    table = syllables.SyllableTable(syllables.table().text)
    words = _cmu_words()[::7] + ["qqqxz", "ŋ", "Abbe", ""]
    assert [table.count(w) for w in words] == [_textstat_cmu(table, w) for w in words]


# -- cleaning a piece -------------------------------------------------------------------------

def test_edge_marks_are_always_erased():
    # each mark stripped from a piece's ends is one textstat's punctuation removal erases
    # (no word character, no white space) and is not the apostrophe its other rule looks at
    assert "'" not in R._EDGE_MARKS
    for c in R._EDGE_MARKS:
        assert R._TS_PUNCT.fullmatch(c) and not re.match(r"[\w\s]", c), repr(c)
    # \w is str.isalnum or the underscore: a stripped core that is alphanumeric cleans to itself
    word = re.compile(r"\w")
    assert [c for c in _chars() if bool(word.match(c)) != (c.isalnum() or c == "_")] == []


_EDGE_PIECES = ["word", "Wörd", "ΣΑ", "1", "_", "'", "'s", "n't", "’", ",", ".", "(", ")", "“", "”", "—",
                "…", "-", "&", "a-b", "\u0301", "é", "٣", "½", "@", "«", "»", "!", "?", ":", "x"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_EDGE_PIECES), min_size=1, max_size=6).map("".join))
def test_stripped_piece_is_the_cleaned_piece(piece):
    core = piece.strip(R._EDGE_MARKS)
    if core.isalnum():
        assert core == R._ts_clean(piece)


def test_piece_values_equal_textstats_way():
    # each piece's value against the plain form it replaced (textstat's own loop)
    memo, fill = R._piece_values("en_US")
    cmu = syllables.table()
    hyph = _pyphen("en_US")
    pieces = sorted(set(" ".join(_EDGE_PIECES * 3).split())) + [
        "(Zyxwvut),", "“Qqqxz”", "'Tis", "straße.", "İstanbul'da", "ΟΔΟΣ", "..", "x" * 80, "Abbe's",
    ] + [w.capitalize() + "," for w in _cmu_words()[::50]]
    memo.clear()
    fill(pieces)
    for piece in pieces:
        word = R._ts_clean(piece).lower()
        if not word:
            expected = 0
        else:
            n = _textstat_cmu(cmu, word)
            expected = R.WORD + (len(hyph.positions(word)) + 1 if n is None else n)
        assert memo[piece] == expected, piece
    hyph.hd.cache.clear()
    memo.clear()


@pytest.mark.parametrize("keys", [[], [""], ["a"], ["abc", "ab", "abd", "b", "bcde", "bc"], ["xyz", "x"]])
def test_proper_prefixes(keys):
    assert syllables._proper_prefixes(keys) == {k[:i] for k in keys for i in range(1, len(k))}


def test_proper_prefixes_of_the_english_patterns():
    keys = list(_pyphen("en_US").hd.patterns)
    assert syllables._proper_prefixes(keys) == {k[:i] for k in keys for i in range(1, len(k))}


def test_a_piece_without_a_word_character_is_no_word_after_the_memo_starts_again(monkeypatch):
    monkeypatch.setattr(R, "_MEMO_LIMIT", 3)
    memo, fill = R._piece_values("en_US")
    memo.clear()
    for pieces in (["one", "two", "three"], ["—", ",", "four"], ["five", "six", "ten"], ["…", "(", "!"]):
        fill(pieces)
        assert [memo[p] for p in pieces] == [0 if p in "—,…(!" else R.WORD + 1 for p in pieces]
    memo.clear()
