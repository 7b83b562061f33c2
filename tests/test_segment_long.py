"""The segmenter on one very long block (a scraped page on a single line)."""

from conftest import SEED
from lint.segment import split_sentences


def test_long_single_line_splits_like_its_parts(corpus):
    one = " ".join(SEED.read_text(encoding="utf-8").split())
    n = len(split_sentences(one))
    many = " ".join([one] * 200)  # ~650 KB on one line: quadratic lookback would take minutes
    assert len(split_sentences(many)) == 200 * n


def test_abbreviation_after_a_long_word_still_found():
    text = "x" * 500 + " met Dr. Smith today. Then he left."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans][-1] == "Then he left."
    assert len(spans) == 2
