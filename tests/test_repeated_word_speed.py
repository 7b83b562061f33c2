"""repeated-word's pre-check reads a text of ASCII letters (once its common quotes and dashes
are spaces) without a regular expression: the runs of letters it compares are exactly those
the regular expression finds."""

from __future__ import annotations

import re
import sys
from itertools import islice
from operator import eq

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.packs import UNSAFE_FOLD_RX
from lint.rules import repeated_word as rw


def _plain_may_repeat(text: str) -> bool:
    """_may_repeat as it was: the regular expression over the lower-cased text."""
    if not text.isascii() and UNSAFE_FOLD_RX.search(text):
        return True
    runs = rw._WORD.findall(text.lower())
    return any(map(eq, runs, islice(runs, 1, None)))


def test_the_common_marks_are_no_letters_and_the_table_keeps_ascii_letters():
    assert [c for c in rw._COMMON_MARKS if rw._WORD.match(c) or c.isascii()] == []
    for i in range(128):
        c = chr(i)
        assert rw._WORD.findall(c.lower()) == c.translate(rw._ASCII_LETTERS_LOWER).split(), hex(i)
    # İ ı ſ are not ASCII and not among the marks: an ASCII text holds none of them
    assert not any(UNSAFE_FOLD_RX.match(c) for c in rw._COMMON_MARKS)
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if UNSAFE_FOLD_RX.match(c) and c.isascii()] == []


_TEXTS = st.lists(st.sampled_from([
    "the", "The", "THE", "that", "a", " ", "  ", "\n", "\t", "İ", "i", "I", "ı", "ſ", "s", "'", "’", "‘", "“", "”",
    "—", "–", "…", "\u00a0", "-", ",", ".", "1", "_", "é", "É", "ß", "x", "(", ")", "«", "\u2028",
]), max_size=16).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_TEXTS)
def test_precheck_is_the_plain_precheck(text):
    assert rw._may_repeat(text) == _plain_may_repeat(text)


def test_precheck_examples():
    assert rw._may_repeat("said “the the” twice") and rw._may_repeat("so—so the\u00a0The")
    assert not rw._may_repeat("the’the one—two") or _plain_may_repeat("the’the one—two")
    assert not rw._may_repeat("a b c d") and not rw._may_repeat("“a” b—c…")
    assert re.search(r"\w", rw._COMMON_MARKS) is None
