"""footer-block looks each unit's words up once (in the preferred language's cover table) for both
the page's stop-word list and each unit's count: the same list and counts as the plain form,
which sampled the words again for pick_stop_words and then counted each unit in the list."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.parse import parse
from lint.rules import footer_block as fb


def _plain(units, lowered, preferred, length_low):
    """The list and counts as FooterBlock.check found them before."""
    long_words = fb._first_words(lw for u, lw in zip(units, lowered) if len(u.text) >= length_low)
    stop = fb.pick_stop_words(long_words if len(long_words) >= 30 else fb._first_words(lowered),
                              preferred, lowered=True)
    return stop, [sum(map(stop.__contains__, lw)) for lw in lowered]


def _agree(units, preferred="en", length_low=50):
    lowered = [fb.lower_words(u.text) for u in units]
    stop, stops = fb.stop_words_and_counts(units, lowered, preferred, length_low)
    plain_stop, plain_stops = _plain(units, lowered, preferred, length_low)
    assert stop == plain_stop
    assert stops == plain_stops
    return stop


def _units(texts):
    return [fb.Unit(0, 0, t, "line") for t in texts]


def test_counts_on_real_pages(corpus):
    paths = sorted((corpus / "news").glob("*.txt"))[:200] + sorted((corpus / "blog").rglob("*.md"))[:150]
    if (corpus / "boilerplate").is_dir():
        paths += sorted(p for p in (corpus / "boilerplate").rglob("*") if p.is_file())[:80]
    other = 0
    for path in paths:
        units = fb.units_of(parse(path.read_text(encoding="utf-8", errors="replace"), str(path)))
        for preferred, length_low in (("en", 50), ("de", 50), ("en", 0), ("en", 10**6), ("xx", 50)):
            stop = _agree(units, preferred, length_low)
            other += stop != fb.stop_words_for(preferred)
    assert other > 0  # some pages are judged in another language than the preferred one


_WORDS = ["the", "and", "of", "der", "die", "und", "le", "la", "et", "и", "в", "не", "o", "de", "que",
          "Share", "Tweet", "2019", "it's", "don’t", "x", "news", "Home", "|", "—", "", " "]
_TEXT = st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join)


@settings(max_examples=800, deadline=None)
@given(st.lists(_TEXT, max_size=12), st.sampled_from(["en", "de", "fr", "xx"]), st.sampled_from([0, 5, 20, 50]))
def test_counts_on_generated_units(texts, preferred, length_low):
    _agree(_units(texts), preferred, length_low)


def test_counts_where_the_sample_ends_inside_a_unit():
    # 3000 words end inside a unit, at a unit's end, and after an empty unit
    for sizes in ([2999, 5], [1500, 1500, 7], [3000, 0, 4], [1000, 0, 1999, 1, 9], [2500, 600], [10, 20]):
        for word in ("the", "der", "и", "zzz"):
            texts = [" ".join([word] * n) + " x" * (n % 3) for n in sizes]
            for preferred in ("en", "de", "ru"):
                _agree(_units(texts), preferred, 0)
                _agree(_units(texts), preferred, 50)


def test_counts_on_a_page_of_another_language():
    german = "der die und ist nicht das mit dem für auf eine sich " * 8
    english = "the of and to in that is was for on with as " * 8
    units = _units([german, german, "Home | News", english[:40]])
    assert _agree(units, "en") == fb.stop_words_for("de")
    units = _units([english, german[:40]])
    assert _agree(units, "en") == fb.stop_words_for("en")
    assert _agree(_units([]), "en") == fb.stop_words_for("en")
    assert _agree(_units(["", "  "]), "en") == fb.stop_words_for("en")
