"""footer-block's faster forms of regex tests find what the plain regexes found: the sentence
end at the end of a line (from the end, no regex), a sentence end inside a line (the regex
starting at the mark), a separator list (looked for where a separator is) and a count (its
bracketed form only on a line with a bracket)."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.rules import footer_block as fb

from test_footer_block_speed import LINES, _corpus_lines

# the plain forms
TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")
MID_SENTENCE_END = re.compile(r"\w[.!?][\"'”’)]*\s+[\"“‘(]?[A-Z]")
SEPARATORS = re.compile(r"\s[|•·»/]\s|\s[|•·»]|[|•·»]\s")
COUNT = re.compile(
    r"^[^\w$€£¥₩]*\d[\d.,]*\s*[kKmM]?\s*(?:[^\W\d]+\s*)?[^\w$€£¥₩]*$"
    r"|^\W*[^\W\d][^()\n]{0,40}?\s*\((?!(?:19|20)\d\d\))\d{1,5}\)\W*$"
)

_PIECES = [".", "!", "?", "…", ":", ";", "\"", "'", "”", "’", ")", "]", "“", "‘", "(", "[", " ", "  ", "\n", "\t",
           "\u00a0", "\u2028", "\u3000", "\x1c", "\x85", "a", "A", "The", "word", "1", "_", "é", "É", "|", "•",
           "·", "»", "/", "-", ",", "x.Y", "Mr. Smith", "U.S.", "e.g. This",
           "12", "7k", "1,024", "k", "shares", "WordPress", "(53)", "(1979)", "(", "$", "€", "٣", "\n"]
lines = st.lists(st.sampled_from(_PIECES), max_size=20).map("".join)


def _check(text):
    assert fb.ends_sentence(text) == bool(TERMINAL.search(text)), repr(text)
    assert bool(fb._MID_SENTENCE_END.search(text)) == bool(MID_SENTENCE_END.search(text)), repr(text)
    assert fb.has_separator(text) == bool(SEPARATORS.search(text)), repr(text)
    assert fb.is_count(text) == bool(COUNT.match(text)), repr(text)


def test_the_facts_ends_sentence_relies_on():
    space = re.compile(r"\s")
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        # str.rstrip() strips exactly what the regex's \s matches
        assert c.isspace() == bool(space.match(c)), hex(cp)
    marks = set("".join(fb._TERMINALS))
    assert not marks & set(fb._CLOSERS)
    assert not any(c.isspace() for c in marks | set(fb._CLOSERS))


def test_on_every_character_before_and_after_a_mark():
    for cp in range(0, sys.maxunicode + 1, 7):
        c = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        for text in (c, f"word.{c}", f"word{c}", f"a.”{c}", f"end{c} ", f"x{c} The", f"x {c} y", f"{c}.\n"):
            _check(text)


def test_on_real_lines(corpus):
    texts = LINES + _corpus_lines(corpus, news=200, blog=80)
    for text in texts:
        _check(text)
        _check(text.strip())
    assert sum(fb.ends_sentence(t) for t in texts) > 100
    assert sum(bool(fb._MID_SENTENCE_END.search(t)) for t in texts) > 100
    counts = ["7k SHARES", "12", "WordPress(53)", "Novembro (113)", "Alien (1979)", "1,024 comments", "— 3 —",
              "News (12) more", "(12)", "Tags (3)\n", "٣ votes"]
    for text in counts:
        _check(text)
    assert sum(map(fb.is_count, counts)) >= 5


@settings(max_examples=3000, deadline=None)
@given(lines)
def test_on_generated_lines(text):
    _check(text)
