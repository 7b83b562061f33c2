"""lint.syllables.hyphen_point_counter raises levels from (position, value) pairs made the
first time a pattern is found: the counts stay pyphen's on a counter's first and later use of
each pattern, and for patterns whose values reach past their own characters (pyphen's slice
assignment drops those that fall past the end of the word; the counter keeps room for them)."""

from __future__ import annotations

import random

import pytest

from lint import syllables


def _pyphen(lang, **kw):
    import pyphen

    syllables.seed_pyphen(lang)
    return pyphen.Pyphen(lang=lang, **kw)


def _reaching(hyph):
    """Patterns whose values run past the position after their last character."""
    return [k for k, (offset, values) in hyph.hd.patterns.items() if offset + len(values) > len(k) + 1]


def _languages_with_reaching_patterns():
    import pyphen

    found = []
    for lang in sorted(set(pyphen.LANGUAGES.values()), key=str):
        name = next(n for n, p in pyphen.LANGUAGES.items() if p == lang)
        if _reaching(pyphen.Pyphen(lang=name)):
            found.append(name)
    return found


def test_some_dictionary_has_patterns_reaching_past_their_characters():
    # the case the counter's spill room is for exists (af_ZA's ".erf", for one)
    hyph = _pyphen("af_ZA")
    assert ".erf" in _reaching(hyph)


@pytest.mark.parametrize("left, right", [(2, 2), (0, 0), (1, 3)])
def test_reaching_patterns_count_as_pyphen_does(left, right):
    import pyphen

    langs = _languages_with_reaching_patterns()
    assert langs
    for lang in langs:
        hyph = pyphen.Pyphen(lang=lang, left=left, right=right)
        keys = _reaching(hyph)
        rnd = random.Random(lang)
        # each word holds a reaching pattern: at the start, the end (where its values fall past
        # the word) or the middle, alone or among others; a fresh counter meets each one first
        # in the middle of a word, a second pass meets them converted
        words = []
        for key in keys:
            core = key.strip(".")
            others = [k.strip(".") for k in rnd.sample(list(hyph.hd.patterns), 3)]
            words += [core, core[:-1], core + others[0], others[1] + core, others[0] + core + others[2],
                      core.upper(), core * 3]
        rnd.shuffle(words)
        try:
            for rounds in range(2):
                count = syllables.hyphen_point_counter(hyph)
                for _ in range(2):
                    wrong = [w for w in words if count(w) != len(hyph.positions(w))]
                    assert wrong == [], (lang, wrong[:10])
                words.reverse()
        finally:
            hyph.hd.cache.clear()


def test_first_and_later_uses_of_a_pattern_agree_over_random_words():
    hyph = _pyphen("en_US")
    keys = list(hyph.hd.patterns)
    rnd = random.Random(7)
    words = ["".join(rnd.choice(keys) for _ in range(rnd.randint(1, 5))).replace(".", "") for _ in range(20_000)]
    words += ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz'.-1É") for _ in range(rnd.randint(0, 40)))
              for _ in range(5_000)]
    count = syllables.hyphen_point_counter(hyph)
    try:
        first = [count(w) for w in words]
        assert first == [count(w) for w in words]  # every pattern converted by now
        assert first == [len(hyph.positions(w)) for w in words]
    finally:
        hyph.hd.cache.clear()
