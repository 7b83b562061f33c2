"""repetitive-document's quick check gives what measuring every statistic gave: the 3- and
4-gram bounds are never below the counted values, and the quick check says "nothing over a
limit" only when measuring finds nothing over a limit."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from lint.parse import parse
from lint.rules import repetitive_document as rd
from lint.rules.repetitive_document import RepetitiveDocument

ROOT = Path(__file__).resolve().parent.parent


def _token_lists():
    rng = random.Random(11)
    cases = [[], ["a"], "a b".split(), "a b a b".split(), "a bb a bb cc d cc d e".split(), "x y x y x y".split(),
             "the cat sat on the mat the cat sat on the mat".split(), ["abcdefghij", "k"] * 30]
    for _ in range(600):
        vocab = ["a", "bb", "ccc", ",", ".", "the", "dddd", "eeeeeeeeeeee"][: rng.randint(1, 8)]
        cases.append([rng.choice(vocab) for _ in range(rng.randint(0, 60))])
    return cases


def test_longer_ngram_bounds_are_bounds():
    for tokens in _token_lists():
        _, top3, top4 = rd._top_ngrams_chars(tokens)
        bound3, bound4 = rd._longer_ngram_bounds(Counter(zip(tokens, tokens[1:])))
        assert top3 <= bound3 and top4 <= bound4, tokens


def test_bounds_are_tight_enough_to_matter():
    # the comparison above can fail: the bounds are not trivially huge. The bigram with the
    # most characters is "seven eight", 11 characters 3 times: M = 33
    tokens = "one two three four five six seven eight nine ten".split() * 3
    counts = Counter(zip(tokens, tokens[1:]))
    assert rd._longer_ngram_bounds(counts) == (2 * 33, 2 * 33 + 33 // 3)
    assert rd._top_ngrams_chars(tokens) == (21, 39, 54)


def _check(doc, rule):
    quick = rule.measure(doc, quick=True)
    full = rule.measure(doc)
    if quick is None:
        assert full is None or not any(value > limit for _, value, limit in full), doc.path
    else:
        assert quick == full, doc.path
    return quick, full


REPETITIVE = [
    "Buy now and save. " * 80,
    "\n\n".join(["The same paragraph here, with a few words in it to count."] * 30),
    "\n".join(f"Line {i}: click here to subscribe to our newsletter today" for i in range(60)),
    " ".join(f"word{i} of the day" for i in range(120)),
]


@pytest.mark.parametrize("options", [{}, {"max_top_ngram_char_fraction": (0.01, 0.01, 0.01)},
                                     {"max_top_ngram_char_fraction": (0.2,)}, {"min_words": 10}])
def test_quick_measure_agrees_with_measure(options):
    rule = RepetitiveDocument(RepetitiveDocument.Options(**options))
    docs = [parse(t, f"r{i}.txt") for i, t in enumerate(REPETITIVE)]
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*")) + sorted((ROOT / "examples").iterdir()):
        if path.is_file() and path.suffix in {".txt", ".md", ".html"}:
            docs.append(parse(path.read_text(encoding="utf-8", errors="replace"), str(path)))
    outcomes = Counter()
    for doc in docs:
        quick, full = _check(doc, rule)
        outcomes["short" if full is None else "skipped" if quick is None else "measured"] += 1
    assert outcomes["measured"] >= 3  # the repetitive texts are measured in full


def test_quick_measure_agrees_on_the_news(corpus):
    rule = RepetitiveDocument()
    skipped = 0
    for path in sorted((corpus / "news").glob("*.txt"))[:200]:
        quick, full = _check(parse(path.read_text(encoding="utf-8"), str(path)), rule)
        skipped += quick is None and full is not None
    assert skipped > 100  # the quick check is what runs on most articles
