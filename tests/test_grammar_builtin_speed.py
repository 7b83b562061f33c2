"""The grammar-slip patterns written to start with a mark find what their plain forms found:
same spans, same groups, on generated strings, the fixtures and the news."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.backends import builtin
from lint.parse import parse

ROOT = Path(__file__).resolve().parent.parent

# the plain forms, as they were
_MISSING_SPACE_PLAIN = re.compile(
    r"(?=[.!?…])(?:(?<=[a-z][a-z])|(?<=[0-9])|(?<=[0-9][a-z])|(?<=[a-z][)\]\"”’']))(?P<stop>(?:[.!?]+|…)[)\]\"”’]?)(?P<next>[A-Z][a-z’']\w*)"
)
_DOUBLED_PLAIN = re.compile(
    r"(?=[,;:.])"
    r"(?P<p>"
    r",\s*,"
    r"|;\s*;"
    r"|,\.(?!\.|\d)"
    r"|,\s+\.(?![.\w])"
    r"|[,;:]\s*;|;\s*[,:]"
    r"|(?<=[\w)\]\"”’'])\.\.(?![.=\d])"
    r"|(?<!:):(?=\s)\s*:(?!:)"
    r")"
)

_PIECES = ["a", "ab", "A", "Ab", "Is", "I’", "I'", "z", "1", "9", "1a", ".", "..", "...", "!", "?", "?!", "…", ",", ";",
           ":", "::", " ", "  ", "\n", "\t", ")", "]", '"', "”", "’", "'", "_", "=", "é", "É", "\u00a0", ".NET", "www."]
texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


def _found(pattern, text):
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def _missing(text):
    fast = builtin._MISSING_SPACE if any(c in text for c in "!?…") else builtin._MISSING_SPACE_DOT
    return _found(fast, text), _found(_MISSING_SPACE_PLAIN, text)


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_same_matches_as_the_plain_patterns(text):
    fast, plain = _missing(text)
    assert fast == plain
    assert _found(builtin._MISSING_SPACE, text) == plain  # the general pattern on any text
    assert _found(builtin._DOUBLED, text) == _found(_DOUBLED_PLAIN, text)


def test_same_matches_on_every_short_string():
    alphabet = ["a", "B", "1", ".", "!", "…", ",", ";", ":", " ", ")", "’", "\n"]
    for n in range(1, 6):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars) + "Ab"
            fast, plain = _missing(text)
            assert fast == plain, text
            assert _found(builtin._DOUBLED, text) == _found(_DOUBLED_PLAIN, text), text


def test_same_matches_on_random_strings():
    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 20)))
        fast, plain = _missing(text)
        assert fast == plain, text
        assert _found(builtin._DOUBLED, text) == _found(_DOUBLED_PLAIN, text), text


def test_same_matches_on_fixtures_and_news(corpus):
    paths = sorted((ROOT / "tests" / "fixtures").rglob("*")) + sorted((corpus / "news").glob("*.txt"))[:150]
    found = 0
    for path in paths:
        if path.is_file() and path.suffix in {".txt", ".md", ".html"}:
            for block in parse(path.read_text(encoding="utf-8", errors="replace"), str(path)).blocks:
                fast, plain = _missing(block.text)
                assert fast == plain, block.text[:80]
                doubled = _found(builtin._DOUBLED, block.text)
                assert doubled == _found(_DOUBLED_PLAIN, block.text), block.text[:80]
                found += len(plain) + len(doubled)
    assert found > 10  # the comparison can fail: the patterns do match


def test_prechecks_name_every_mark_the_scans_look_for():
    # _scan_quotes and unbalanced_brackets return at once when none of these is in the text
    import sys

    chars = [chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]
    assert [c for c in chars if builtin._QUOTE_MARK.match(c)] == sorted('"“”„')
    assert [c for c in chars if builtin._BRACKET.match(c)] == sorted("()[]{}")
    assert builtin._scan_quotes("no marks here") == ([], [])
    assert builtin._scan_quotes("an “open one") == ([3], [])
    assert builtin.unbalanced_brackets("none") == [] and len(builtin.unbalanced_brackets("one (open")) == 1
