"""Faster forms of a few hot regular expressions and word counts give exactly what the plain
forms gave: the facts each rests on are checked over every code point, the forms against each
other on generated and real text."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint import segment
from lint.rules import _readability, footer_block
from plain_forms import GLUE as _GLUE_PLAIN
from plain_forms import TOKEN_BEFORE, WORD_BEFORE

# the plain forms, as they were
_GLUED_PLAIN = re.compile(r"(?<=[a-z\u00DF-\u00FF]{2})[.!?](?=[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF’'])")
_WORDS_PLAIN = re.compile(r"\S*\w\S*")

# characters the patterns care about, and some they do not
_PIECES = ["a", "ab", "abc", "A", "Ab", "AB", "z", "ß", "À", "Þ", "àÿ", ".", "!", "?", "…", " ", "  ",
           "’", "'", '"', "”", ")", "]", "1", "9", "\t", "\n", "|", "•", "·", "»", "/", "_", "-", "é",
           "\u00a0", "\u2028", "\x1c", "½", "٣", "\u0301", "www.", "a@b.cd", "http://x.y/z"]
texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


def _chars():
    return (chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)


def test_unicode_facts_count_words_relies_on():
    # str.split splits where \s matches, and str.isalnum is \w without the underscore
    space, word = re.compile(r"\s"), re.compile(r"\w")
    for c in _chars():
        assert c.isspace() == bool(space.match(c)), hex(ord(c))
        assert (c.isalnum() or c == "_") == bool(word.match(c)), hex(ord(c))


@settings(max_examples=500, deadline=None)
@given(texts)
def test_count_words_equals_the_regex(text):
    _readability.count_words.cache_clear()
    plain = _WORDS_PLAIN.findall(_readability.without_addresses(text))
    assert _readability.count_words(text) == len(plain)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_reordered_patterns_find_the_same_matches(text):
    spans = lambda p: [m.span() for m in p.finditer(text)]  # noqa: E731
    assert _glue_starts(text) == _plain_glue_starts(text)
    assert spans(segment._GLUED) == spans(_GLUED_PLAIN)
    assert (len(footer_block._SEPARATORS.findall(text)) > 0) == bool(footer_block._SEPARATOR_CHAR.search(text)
                                                                    and footer_block._SEPARATORS.search(text))


def _glue_starts(text):
    # footer-block's pattern consumes the capital its zero-width plain form stands before
    return [m.start() for m in footer_block._GLUE_AT_CAPITAL.finditer(text)]


def _plain_glue_starts(text):
    return [m.start() for m in _GLUE_PLAIN.finditer(text)]


def test_reordered_patterns_on_every_short_string():
    # every string of up to six characters over the characters that decide a match
    import itertools

    for n in range(7):
        for chars in itertools.product("aA .1’\t", repeat=n):
            text = "".join(chars)
            assert _glue_starts(text) == _plain_glue_starts(text), text
        for chars in itertools.product("aAß .’À", repeat=n):
            text = "".join(chars)
            assert [m.span() for m in segment._GLUED.finditer(text)] == [m.span() for m in _GLUED_PLAIN.finditer(text)], text


def test_on_real_text(corpus):
    for path in sorted((corpus / "news").glob("*.txt"))[:60]:
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            assert _glue_starts(line) == _plain_glue_starts(line)
            assert [m.span() for m in segment._GLUED.finditer(line)] == [m.span() for m in _GLUED_PLAIN.finditer(line)]
            assert _readability.count_words(line) == len(_WORDS_PLAIN.findall(_readability.without_addresses(line)))


# -- footer-block's pre-checks: str.lower and "in" before an IGNORECASE pattern -------------

_CREDIT_HINT_PLAIN = re.compile(r"photo|image|picture|illustration|credit|video|©|/", re.IGNORECASE)
_PRECHECKED = [
    (footer_block._PROMO, footer_block._PROMO_STEMS),
    (_CREDIT_HINT_PLAIN, footer_block._CREDIT_STEMS),
    (footer_block._COOKIE, ("cookie",)),
]


def test_unicode_fact_the_prechecks_rely_on():
    from lint.packs import UNSAFE_FOLD_RX

    letters = "abcdefghijklmnopqrstuvwxyz"
    any_letter = re.compile("(?i)[a-z]")
    for c in filter(any_letter.match, _chars()):
        matched = [x for x in letters if re.match("(?i)" + x, c)]
        assert UNSAFE_FOLD_RX.match(c) or matched == [c.lower()], (hex(ord(c)), matched)


_WORDY = st.lists(st.sampled_from([
    "Sign", "sIGN", " up", "\t", "NO", " spam", "News", "letter", "s", "Subscri", "be", "ption", "e-", "MAIL",
    " updates", "Follow", " us", "Join", " our", "inbox", "Delivered", " to", " your", "Photo", "IMAGE", "pic",
    "ture", "Credit", "video", "©", "/", "Cookie", "cookies", " ", ".", "ı", "İ", "ſ", "\u212a", "é", "x",
]), max_size=12).map("".join)


@settings(max_examples=800, deadline=None)
@given(_WORDY)
def test_prechecks_never_hide_a_match(text):
    for pattern, stems in _PRECHECKED:
        if pattern.search(text):
            assert footer_block._may_match(text, stems), (pattern.pattern[:30], text)


def test_prechecks_on_real_lines(corpus):
    for path in sorted((corpus / "news").glob("*.txt"))[:120]:
        for line in path.read_text(encoding="utf-8").splitlines():
            for pattern, stems in _PRECHECKED:
                if pattern.search(line):
                    assert footer_block._may_match(line, stems), line
    for text in ("SİGN UP for our newsletter", "ſubſcribe and follow us", "PHOTO: AP", "Cookıe policy"):
        assert all(footer_block._may_match(text, stems) for _, stems in _PRECHECKED if _.search(text))


@pytest.mark.parametrize("phrase", [
    "subscribe", "subscription", "newsletter", "newsletters", "sign up", "unsubscribe", "no spam",
    "follow us", "join our", "inbox", "email updates", "e-mail alerts", "delivered to your",
    "delivered through your", "photo", "image", "picture", "illustration", "credit", "video", "©", "/",
    "cookie", "cookies",
])
def test_every_alternative_passes_its_precheck(phrase):
    # each alternative of each pattern, in three cases and inside a sentence
    matched = 0
    for text in (phrase, phrase.upper(), phrase.title(), f"Read this: {phrase.title()} now."):
        for pattern, stems in _PRECHECKED:
            if pattern.search(text):
                matched += 1
                assert footer_block._may_match(text, stems), (text, stems)
    assert matched >= 4


def test_word_and_token_before_a_stop_equal_the_searches():
    import itertools

    def plain(pattern, text, lo, end):
        m = pattern.search(text, lo, end)
        return m.group(1) if m else None

    alphabet = ["a", "B", ".", "'", "-", " ", "\n", "/", "_", "1", "é", "(", "\u00a0"]
    for n in range(5):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars) + "."
            for end in range(len(text)):
                for lo in range(end + 1):
                    assert segment._word_before(text, lo, end) == plain(WORD_BEFORE, text, lo, end), (text, lo, end)
                    assert segment._token_before(text, lo, end) == plain(TOKEN_BEFORE, text, lo, end), (text, lo, end)


# -- repeated-word's pre-check -----------------------------------------------------------------

def test_back_references_compare_letters_as_str_lower_does():
    # IGNORECASE makes a back-reference equal to a text when the letters' (simple) lower cases
    # are equal; str.lower gives the same lower case but for İ ı ſ, where _may_repeat searches
    from lint.packs import UNSAFE_FOLD_RX
    from lint.rules.repeated_word import _WORD

    same = re.compile(r"(?i)(.)\1", re.DOTALL)
    for c in filter(str.isalpha, _chars()):
        orbit = {x for x in (c, c.lower(), c.upper(), c.title(), c.casefold(), c.upper().lower(),
                             c.lower().upper(), c.casefold().upper()) if len(x) == 1}
        for a in orbit:
            for b in orbit:
                if same.fullmatch(a + b) and not (UNSAFE_FOLD_RX.match(a) or UNSAFE_FOLD_RX.match(b)):
                    assert a.lower() == b.lower(), (hex(ord(a)), hex(ord(b)))
        if not UNSAFE_FOLD_RX.match(c):  # lower-casing keeps a run of letters one run
            assert _WORD.fullmatch(c.lower()) is not None, hex(ord(c))


_DOUBLES = st.lists(st.sampled_from([
    "the", "The", "THE", "that", " ", "  ", "\n", "\t", " \n ", "İ", "i", "I", "ı", "ſ", "s", "S", "'", "’",
    "-", ",", ".", "1", "é", "É", "ß", "ẞ", "ǅ", "ǆ", "K", "k", "x", "(", ")",
]), max_size=14).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_DOUBLES)
def test_repeated_word_precheck_never_hides_a_run(text):
    from lint.rules.repeated_word import _RUN, _may_repeat

    if _RUN.search(text):
        assert _may_repeat(text), text


def test_repeated_word_precheck_on_real_blocks(corpus):
    from lint.parse import parse
    from lint.rules.repeated_word import _RUN, _may_repeat

    paths = sorted((corpus / "news").glob("*.txt"))[:150] + sorted((corpus / "blog").rglob("*.md"))[:150]
    runs = 0
    for path in paths:
        for block in parse(path.read_text(encoding="utf-8"), str(path)).blocks:
            if _RUN.search(block.text):
                runs += 1
                assert _may_repeat(block.text), block.text
    assert runs >= 10
    for text in ("the The", "THE\nthe", "İ i", "İs is", "THİS this", "ſo so", "Ǆ ǆ", "ẞ ß"):
        assert _may_repeat(text) or not _RUN.search(text), text
    assert _RUN.search("İs is")  # what the İ guard is for


def test_lower_casing_keeps_the_words_of_footer_block():
    from lint.packs import UNSAFE_FOLD_RX

    kinds = [re.compile(r"\w"), re.compile(r"[^\W\d_]"), re.compile(r"['’-]")]
    for c in _chars():
        if UNSAFE_FOLD_RX.match(c):
            continue
        low = c.lower()
        assert len(low) == 1, hex(ord(c))
        assert [bool(k.match(c)) for k in kinds] == [bool(k.match(low)) for k in kinds], hex(ord(c))
    for text in ("İstanbul'da IS big", "ſome Thing-Else’s", "ΟΔΟΣ ΣΟΦΙΑΣ", "Straße STRASSE", "A1b2 Ⅻ x"):
        assert footer_block.lower_words(text) == [w.lower() for w in footer_block._WORD.findall(text)]
