"""The repetition rules read most text with one ``str.translate`` (rules/_repetition.py:
_normalise_words, _from_translation): the words, texts and hits are those of the plain
normalisation (NFKC, URLs gone, regular-expression words, case folding, digits → 0) and of
strip_credit's regular expressions, whatever the text."""

from __future__ import annotations

import re
import sys
import unicodedata
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.parse import parse
from lint.rules import _repetition as rep

_DIGIT = re.compile(r"\d")


def _plain_normalise_words(text: str) -> tuple[str, list[str], str]:
    """_normalise_words as the plain regular expressions give it."""
    text = rep._URL.sub(" ", unicodedata.normalize("NFKC", text))
    key = _DIGIT.sub("0", " ".join(rep._WORD.findall(text)).casefold())
    return key, key.split(" ") if key else [], text


def _plain_strip_credit(text: str) -> tuple[str, bool]:
    base = max(0, len(text) - rep._CREDIT_WINDOW)
    if rep._CREDIT_HINT.search(text, base):
        m = rep._CREDIT_TAIL.search(text, base)
        if m:
            return text[: m.start()], True
    return text, False


def _plain_normalised(raw: str) -> tuple:
    """_normalised as the plain forms give it (the hit of one text, read on its own)."""
    text, credit = _plain_strip_credit(raw)
    if rep._ATTRIBUTION.match(text):
        return (None, None, "", credit, 0)
    key, words, plain = _plain_normalise_words(text)
    return (key, words, plain, credit, len(words) - sum(1 for w in words if w.isdigit()))


def test_the_ascii_table_gives_the_words_of_each_ascii_character():
    for i in range(128):
        c = chr(i)
        expected = [_DIGIT.sub("0", w.casefold()) for w in rep._WORD.findall(c)]
        assert c.translate(rep._ASCII_WORDS).split() == expected, hex(i)
        assert len(c.translate(rep._ASCII_WORDS)) == 1  # one character for one: positions stay


def test_the_common_marks_are_no_word_characters_and_change_under_nothing():
    for mark in rep._PUNCTUATION:
        assert not mark.isascii() and len(mark) == 1
        assert rep._WORD.search(mark) is None
        assert mark.lower() == mark and mark.casefold() == mark
        assert unicodedata.normalize("NFKC", mark) == mark
        assert unicodedata.combining(mark) == 0
    # no credit hint letter, URL marker or attribution dash among them
    assert not set("".join(rep._PUNCTUATION)) & set("gettyphotoimagepicturecredit|:/@<w.W")


def test_any_text_of_ascii_and_the_marks_is_its_own_nfkc_form():
    # every character is its own NFKC form and a starter: only a pair can compose
    alphabet = [chr(i) for i in range(128)] + list(rep._PUNCTUATION)
    for c in alphabet:
        assert unicodedata.normalize("NFKC", c) == c and unicodedata.combining(c) == 0
    for a, b in product(alphabet, repeat=2):
        assert unicodedata.is_normalized("NFKC", a + b), (a, b)
    assert unicodedata.is_normalized("NFKC", "".join(alphabet))


def test_credit_hints_only_in_ascii_letters_of_the_lowered_text():
    # _from_translation looks for the hint words in the translated paragraph (its letters
    # lower-cased, everything else a space), where they are exactly where text.lower() has
    # them: a text of ASCII and the marks has no İ or ı (strip_credit's other branch) and
    # lower() maps it character by character, so a part's lower-cased text is a part of the
    # whole's (test_credit_words_in_the_translation_* check the first half)
    assert all(c.isascii() for c in "gettyphotoimagepicturecredit|")
    assert not {"İ", "ı"} & set(rep._PUNCTUATION)


_PIECES = [
    "The", "the", "THE", "word", "Words", "a", "I", "x", "3", "1,349.80", "42nd", "U.S.", "e.g.",
    " ", " ", " ", "  ", "\n", "\t", ".", ". ", "! ", "? ", ",", ";", ":", "'", '"', "-", "--", "_",
    "’", "‘", "“", "”", "—", "–", "…", "«", "»", "\u00a0", "\u2003", "\u00ad", "\u200b",
    "é", "É", "ß", "ﬁ", "Ｍ", "²", "١", "İ", "ı", "ſ", "Σ", "e\u0301", "\u0301",
    "photo", "Photo", "Image", "credit:", "| Getty Images", "(AP Photo/Jane Doe)", "Getty",
    "www.", "w.", "W.", "http://x.y/z", "://", "me@ex.com", "@", "<b>", "</b>", "<",
    "— ", "– Senior editor", "-- ", "`code`", "`a`", "snake_case",
]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_normalise_words_same_as_plain(text):
    assert rep._normalise_words(text) == _plain_normalise_words(text)
    assert rep._normalised(text, {}) == _plain_normalised(text)


_SENTENCE_WORDS = [
    "The", "the", "court", "said", "Mr.", "U.S.", "officials", "3", "2024", "1,349.80", "it’s", "don't",
    "“quoted”", "‘single’", "—", "–", "-", "a", "A", "e.g.", "No.", "photo", "credit", "image",
    "Picture", "Getty", "|", "AP", "Reuters", "www.example.com", "me@ex.com", "<i>x</i>", "café", "İzmir", "ﬁne",
    "`code`", "x_y", "(AP", "Photo)", "...", "…", "\u00a0", "“", "”",
]
_ENDS = [".", "!", "?", ".”", "?’", "", ":", " —"]


def _paragraph(parts):
    sentences = []
    for words, end, glue in parts:
        sentences.append(" ".join(words) + end)
        sentences.append(glue)
    return "".join(sentences).strip()


_PARAGRAPHS = st.lists(
    st.tuples(
        st.lists(st.sampled_from(_SENTENCE_WORDS), min_size=1, max_size=14),
        st.sampled_from(_ENDS),
        st.sampled_from([" ", "  ", "", "\n", " — ", "’ "]),
    ),
    min_size=1,
    max_size=5,
).map(_paragraph)


def _check_document(source: str, name: str) -> int:
    """Every hit _from_translation gives or leaves in the memo is the plain one; how many
    paragraphs took the translation."""
    doc = parse(source, name)
    taken = 0
    for block in doc.blocks:
        raw = rep._with_code(doc, block, 0, len(block.text))
        memo: dict = {}
        hit = rep._from_translation(doc, block, raw, memo)
        if hit is None:
            assert memo == {}
            continue
        taken += 1
        assert hit == _plain_normalised(raw)
        for part, part_hit in memo.items():
            assert part_hit == _plain_normalised(part), part
        assert set(memo) == {block.text[s.start : s.end] for s in doc.sentences_of(block)}
    return taken


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARAGRAPHS, min_size=1, max_size=4), st.sampled_from(["doc.txt", "doc.md"]))
def test_from_translation_same_as_plain(paragraphs, name):
    _check_document("\n\n".join(paragraphs), name)


@pytest.mark.parametrize(
    "source",
    [
        "The first sentence is here. The second one follows it! And a third? Yes.",
        "“Quoted,” she said. ‘Single’ too — and 2 more. It’s 3.5% lower, at $1,349.80.",
        "U.S. officials said so. The U.K. agreed.\nA new line here.",
        "One sentence without an end",
        "— Senior engineer at a large company. Then a sentence after it.",
        "Two  spaces.  Between   them.\tAnd a tab.",
    ],
)
def test_from_translation_takes_common_prose(source):
    assert _check_document(source, "doc.txt") == 1


@pytest.mark.parametrize(
    "source",
    [
        "A café owner said so.",  # not ASCII once the marks are spaces
        "A caption of the lede here. | Getty Images",  # a credit hint
        "Write to me@example.com today.",  # an e-mail address
        "George W. Bush said so.",  # "W.": maybe "www."
        "Use `std::ffi` here, they said in the thread today.",  # inline code
    ],
)
def test_from_translation_leaves_the_rest_to_the_plain_path(source):
    assert _check_document(source, "doc.md" if "`" in source else "doc.txt") == 0


def test_paragraph_words_are_the_sentences_words_object_for_object():
    # the joined paragraph reuses its sentences' word strings (one split, not two)
    doc = parse("The first sentence is here. The second one follows it.", "doc.txt")
    block = doc.blocks[0]
    memo: dict = {}
    hit = rep._from_translation(doc, block, block.text, memo)
    sentence_words = [w for s in doc.sentences_of(block) for w in memo[block.text[s.start : s.end]][1]]
    assert hit[1] == sentence_words and all(map(lambda a, b: a is b, hit[1], sentence_words))


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(["The", "word", "a", "x3", "7", " ", "  ", ".", "’", "—", "| AP", "-"]), max_size=14).map("".join),
    st.data(),
)
def test_from_translation_same_as_plain_for_any_sentence_spans(text, data):
    # sentence spans as the segmenter never gives them too: overlapping, out of order, empty,
    # inside a word, with words between them: the joined words must then be refused
    position = st.integers(0, len(text))
    # in order (with or without gaps, maybe inside words), or anyhow
    in_order = st.lists(position, max_size=8).map(sorted).map(lambda p: list(zip(p[::2], p[1::2])))
    spans = data.draw(st.one_of(in_order, st.lists(st.tuples(position, position), max_size=5)))
    _check_spans(text, spans)


@pytest.mark.parametrize(
    "text, spans",
    [
        ("— word", [(2, 6)]),  # an attribution before the first sentence
        ("The word x", [(0, 3), (9, 10)]),  # a word between sentences
        ("The word x", [(0, 3), (5, 10)]),  # a sentence starting inside a word
        ("The word x", [(0, 5), (5, 10)]),  # a boundary inside a word
        ("The word x", [(0, 6)]),  # a sentence ending inside a word, then nothing
        ("The word x", [(0, 4), (0, 10)]),  # overlapping
        ("The word x", [(0, 4), (4, 4), (4, 10)]),  # an empty one
        ("The word x", [(4, 10), (0, 4)]),  # out of order
        ("The word ", [(0, 4), (4, 0), (0, 9)]),  # one ending before it starts
    ],
)
def test_from_translation_same_as_plain_for_odd_sentence_spans(text, spans):
    _check_spans(text, spans)


def _check_spans(text, spans):
    from lint.document import Sentence

    doc = parse("placeholder", "doc.txt")
    block = doc.blocks[0]
    block.text = text
    doc.__dict__["_sentences"] = [[Sentence(block, a, b) for a, b in spans]]
    memo: dict = {}
    hit = rep._from_translation(doc, block, text, memo)
    if hit is not None:
        assert hit == _plain_normalised(text)
        for part, part_hit in memo.items():
            assert part_hit == _plain_normalised(part), part
