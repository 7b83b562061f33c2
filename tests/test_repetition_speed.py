"""The shortcuts that make the repetition rules fast give what the plain code gave.

Each shortcut rests on a fact about Unicode or about a regular expression; the facts are
checked here over every code point, and the fast paths against the plain ones on tricky text.
"""

import random
import re
import sys
import unicodedata
from collections import Counter

import pytest

from lint.rules import _repetition as rep
from lint.rules import repeated_word, repetitive_document

_DIGIT = re.compile(r"\d")


def _chars():
    return (chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)


def test_unicode_facts_the_normalisation_relies_on():
    chars = list(_chars())
    # joined words split back into the same words: case folding never yields a space
    assert [c for c in chars if " " in c.casefold() and c != " "] == []
    # a letter folds to no digit (no digit substitution needed) and is no digit (a slot is
    # "upper or digit" for any word)
    assert [c for c in chars if c.isalpha() and (c.isdigit() or _DIGIT.search(c.casefold()))] == []
    # the URL pre-check looks for "w." and "W."
    assert list(filter(re.compile("(?i)w").match, chars)) == ["W", "w"]


def test_credit_precheck_letters():
    # strip_credit's pre-check lower-cases the end of the text instead of a (?i) search: each
    # character that (?i) matches a letter of the credit words lower-cases to that letter
    letters = sorted(set("gettyphotoimagepicturecredit"))
    any_letter = re.compile("(?i)" + "|".join(letters))
    for c in filter(any_letter.match, _chars()):
        matched = [x for x in letters if re.match("(?i)" + x, c)]
        assert c in "İı" or matched == [c.lower()], (hex(ord(c)), matched)


def _reference_tokens(text):
    """tokens() as it was, word by word."""
    text = rep._URL.sub(" ", unicodedata.normalize("NFKC", text))
    out = []
    for w in rep._WORD.findall(text):
        first = w[0]
        if w.isalpha():
            out.append((w.casefold(), first.isupper()))
        else:
            out.append((_DIGIT.sub("0", w.casefold()), first.isupper() or first.isdigit()))
    return out


TRICKY = [
    "",
    "   ",
    "The ﬁrst 3 results — “fine”, said Ｍr. Smith!",
    "İstanbul STRASSE straße ǅemal ΣΑΣ σς ſtrange KELVIN Ωmega",
    "١٢٣ ²³ Ⅻ 4th 1,349.80 $5 x_y snake_case",
    "see www.Example.com/path or WWW.SHOUT.COM, mail me@ex.com <b>bold</b> http://x.y/z",
    "Photo credit: NASA | Getty Images",
    "a\u0301 e\u0301 q\u0327\u0301 \u1100\u1161",
    "\u1fb7 a\u0345b \u1e96x, ΐ.",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tokens_match_word_by_word_normalisation(text):
    assert rep.tokens(text) == _reference_tokens(text)
    assert rep.normal_words(text) == [w for w, _ in _reference_tokens(text)]


_CREDIT_HINT_TEXTS = TRICKY + ["A caption | AP", "PHOTO: x", "ımage via AP", "İMAGE BY REUTERS", "plain words"]


@pytest.mark.parametrize("text", _CREDIT_HINT_TEXTS)
def test_strip_credit_same_as_regex_hint(text):
    base = max(0, len(text) - rep._CREDIT_WINDOW)
    expected = (text, False)
    if rep._CREDIT_HINT.search(text, base):
        m = rep._CREDIT_TAIL.search(text, base)
        if m:
            expected = (text[: m.start()], True)
    assert rep.strip_credit(text) == expected


_OLD_RUN = re.compile(r"(?<![\w'’-])([^\W\d_]+)((?:[ \t]*\n?[ \t]*(?<=\s)\1)+)(?![\w'’-])", re.IGNORECASE)


@pytest.mark.parametrize(
    "text",
    [
        "the the theory the the the, The THE that that. it's it's x-x x x ab ab\n ab",
        "a\u0345 \u0345 ι ι Duran Duran Walla  Walla\tWalla so\n\nso",
        "word word_ 3 3 the  the",
    ],
)
def test_repeated_word_regex_same_matches(text):
    old = [(m.span(), m.span(1), m.span(2)) for m in _OLD_RUN.finditer(text)]
    new = [(m.span(), m.span(1), m.span(2)) for m in repeated_word._RUN.finditer(text)]
    assert new == old


def _reference_top_ngram_chars(tokens, n):
    """_top_ngram_chars as it was: a Counter of every n-gram, most_common(1)."""
    if len(tokens) < n:
        return 0
    gram, count = Counter(zip(*(tokens[i:] for i in range(n)))).most_common(1)[0]
    return 0 if count < 2 else (sum(map(len, gram)) + n - 1) * count


def test_top_ngrams_same_as_counting_every_place():
    rng = random.Random(5)
    cases = [[], ["a"], "a b".split(), "a bb a bb cc d cc d e".split(), "x y x y x y".split()]
    for _ in range(400):
        vocab = ["a", "bb", "ccc", ",", ".", "the", "dddd"][: rng.randint(1, 7)]
        cases.append([rng.choice(vocab) for _ in range(rng.randint(0, 40))])
    for tokens in cases:
        expected = tuple(_reference_top_ngram_chars(tokens, n) for n in (2, 3, 4))
        assert repetitive_document._top_ngrams_chars(tokens) == expected, tokens


def test_whitespace_is_the_same_for_split_and_regex():
    spaces = [c for c in _chars() if c.isspace()]
    assert spaces == list(filter(re.compile(r"\s").match, _chars()))
    assert [c for c in spaces if len(f"a{c}b".split()) != 2] == []


@pytest.mark.parametrize("text", TRICKY + ["don't stop’n go -- x_y, (a) «b» 3.5% e-mail\u00a0nbsp\u2003em"])
def test_findall_between_spaces_same_as_regex(text):
    for pattern in (repetitive_document._TOKEN, rep._WORD):
        assert rep.findall_between_spaces(pattern, text) == pattern.findall(text)


PARAGRAPHS = [
    "The first sentence is here. The second one follows it! And a third? Yes.",
    "A ﬁrst ligature. Then Ｍr. Smith spoke. İstanbul was next, 3 times in 2024.",
    "Combining e\u0301 here. \u0301Starts with a mark. Ends with q\u0327\u0301.",
    "See www.example.com now. Then mail me@example.com. Then <b>bold</b>.",
    "A caption restating the lede of the story here. | Getty Images",
    "U.S. officials said so. The U.K. agreed. It was 3.5% lower, at $1,349.80.",
    "“Quoted,” she said. ‘Single’ too. — An attribution line.",
    "ᾷ the Greek ΐ letters. ΣΑΣ and σς. a\u0345b ends.",
    "no-break\u00a0space here. em\u2003space there. tab\there.",
    "“Quoted,” she said. ‘Single’ too — and 2 more.",
    "Ça va. Naïve café owners said so; STRASSE und Größe. ΣΑΣ and σς. İzmir 4.",
]


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_paragraph_from_sentences_same_as_whole(text):
    from lint.parse import parse

    for source in (text, text + "\n\n" + text, "Intro line here.\n\n" + text):
        doc = parse(source, "doc.txt")
        for block in doc.blocks:
            raw = rep._with_code(doc, block, 0, len(block.text))
            fast = rep._from_sentences(doc, block, raw, {})
            if fast is not None:
                whole = rep._normalised(raw, {})
                assert fast[0] == whole[0] and fast[1] == whole[1] and fast[3:] == whole[3:]
                assert fast[2] == whole[2]  # the text the slots are read from
