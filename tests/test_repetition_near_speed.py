"""near_matches' shortcuts (a unit without a shingle read before is passed over, the number
of distinct shingles read from a prefix, series sizes kept by the union-find) give the matches
the plain search gave, on documents made of a few sentences edited again and again."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import compress, count, repeat
from operator import is_not

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.rules import _repetition as rep


def _plain_near_matches(
    units: list, threshold: float, contain: bool = False, max_replaced: int | None = None
) -> list:
    """near_matches as it was (the oracle)."""
    from rapidfuzz.distance import Indel

    ids: dict[str, int] = defaultdict(count().__next__)  # word → number, in order of first use
    #: shingle (a word 3-gram) → the indexed units that have it: an int while there is one
    #: (most shingles occur once), a list from the second on (at most rep.MAX_POSTINGS long)
    postings: dict[tuple, int | list[int]] = {}
    seen_keys: set[str] = set()
    indexed: list[Unit] = []
    seqs: dict[int, list[int]] = {}  # unit → its words as numbers, for the units compared
    parent: list[int] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def seq_of(i: int) -> list[int]:
        # numbers, not strings, for rapidfuzz: the comparisons depend only on which words
        # are equal, so numbering on first use gives the same results whatever the order
        s = seqs.get(i)
        if s is None:
            s = seqs[i] = list(map(ids.__getitem__, indexed[i].words))
        return s

    found: list = []
    for u in units:
        if u.key in seen_keys:
            continue
        seen_keys.add(u.key)
        me = len(indexed)
        parent.append(me)
        indexed.append(u)
        words = u.words
        grams = list(zip(words, words[1:], words[2:]))  # word 3-grams (SHINGLE)
        # one look-up per shingle: a new one gets this unit; an earlier one is read below
        olds = list(map(postings.setdefault, grams, repeat(me)))
        # earlier units sharing a shingle, once per shared shingle; a shingle in rep.MAX_POSTINGS
        # units is too common to tell which earlier text is the source. This unit is added to
        # the postings as they are read (after the read: it is not counted)
        shared: list[int] = []
        for sh in set(compress(grams, map(is_not, olds, repeat(me)))):
            plist = postings[sh]
            if plist.__class__ is int:
                shared.append(plist)
                postings[sh] = [plist, me]
            elif len(plist) < rep.MAX_POSTINGS:
                shared += plist
                plist.append(me)
        if not shared:
            continue
        counts = Counter(shared)
        best = None
        need = 1 if len(set(grams)) < 6 else 2
        ranked = sorted(((c, j) for j, c in counts.items() if c >= need), reverse=True)
        if not ranked:
            continue
        for _, j in ranked[:rep.MAX_CANDIDATES]:
            other = indexed[j]
            la, lb = len(words), len(other.words)
            if (not contain or 3 * min(la, lb) < 2 * max(la, lb)) and 2 * min(la, lb) / (la + lb) < threshold:
                continue  # the lengths alone rule it out
            seq, oseq = seq_of(me), seq_of(j)
            s = rep.similarity(oseq, seq, cutoff=threshold, contain=contain)
            if s < threshold:
                continue
            if (la + lb - Indel.distance(oseq, seq)) // 2 < rep.MIN_SHARED:
                continue
            parent[find(j)] = find(me)  # similar: same series
            if rep._filled_template(other, oseq, u, seq):
                continue
            if max_replaced is not None and rep.replaced_words(oseq, seq) > max_replaced:
                continue
            if best is None or s > best.similarity:
                best = rep.Match(u, other, s)
        if best is not None:
            found.append((me, best))
    sizes: dict[int, int] = {}
    for i in range(len(indexed)):
        r = find(i)
        sizes[r] = sizes.get(r, 0) + 1
    return [m for i, m in found if sizes[find(i)] < rep.SERIES]




_VOCAB = ["the", "The", "court", "Court", "said", "a", "of", "3", "2024", "Smith", "new", "law", "it", "was"]


def _unit(words: list[str], order: int) -> rep.Unit:
    plain = " ".join(words)
    return rep.Unit(None, 0, len(plain), rep.normal_words(plain), plain, order=order)


@st.composite
def _documents(draw):
    # a few words only: long texts of few distinct shingles ("a b a b a b a b c")
    vocab = draw(st.sampled_from([_VOCAB, _VOCAB[:2], _VOCAB[4:7], ["a", "b", "Smith"]]))
    bases = draw(st.lists(st.lists(st.sampled_from(vocab), min_size=3, max_size=24), min_size=1, max_size=4))
    units = []
    for order in range(draw(st.integers(1, 40))):
        words = list(draw(st.sampled_from(bases)))
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.sampled_from(["replace", "insert", "delete"]))
            at = draw(st.integers(0, max(0, len(words) - 1)))
            if kind == "insert" or not words:
                words.insert(at, draw(st.sampled_from(vocab)))
            elif kind == "replace":
                words[at] = draw(st.sampled_from(vocab))
            else:
                del words[at]
        units.append(_unit(words, order))
    return units


def _matches(found):
    return [(m.later.order, m.earlier.order, m.similarity) for m in found]


@settings(max_examples=500, deadline=None)
@given(_documents(), st.sampled_from([0.5, 0.7, 0.8, 0.9, 1.0]))
def test_near_matches_same_as_plain(units, threshold):
    for kwargs in ({"contain": True}, {"max_replaced": 1}, {}):
        assert _matches(rep.near_matches(units, threshold, **kwargs)) == _matches(
            _plain_near_matches(units, threshold, **kwargs)
        )


def test_the_documents_have_matches_and_series():
    # the generated documents are not all without matches (the test above could not fail)
    base = "the court said a new law of the court was said to be new".split()
    units = [_unit(base[: 2 * k] + [w] + base[2 * k :], k) for k, w in enumerate(["very", "so", "quite", "truly"])]
    assert _matches(rep.near_matches(units[:2], 0.8)) == _matches(_plain_near_matches(units[:2], 0.8)) != []
    # three or more similar texts are a series: none reported
    assert rep.near_matches(units, 0.8) == [] == _plain_near_matches(units, 0.8)


def test_a_text_of_few_shingles_matches_on_one_shared_shingle():
    # fewer than six distinct shingles: one shared shingle makes a candidate
    cases = [
        # five distinct shingles, all among the first eight, one of them shared
        ("d a a a b b c b c a c b c d", "a a c a c a c c d", 0.5),
        # one place of the later text holds a shingle read before ("c c d")
        ("a x b x a x b x a x b x c c d", "a b a b a b a b c c d", 0.5),
    ]
    for first, second, threshold in cases:
        units = [_unit(first.split(), 0), _unit(second.split(), 1)]
        found = _matches(rep.near_matches(units, threshold))
        assert found == _matches(_plain_near_matches(units, threshold)) != []


def test_a_text_of_six_shingles_needs_two_shared():
    # fewer than six distinct shingles among the first eight, six in all: one shared shingle
    # is not enough, though the texts are similar
    units = [_unit("d b c c c a b c c b d b".split(), 0), _unit("d c d a b c d a b c b b d c b b".split(), 1)]
    assert rep.similarity(units[0].words, units[1].words) >= 0.5
    assert rep.near_matches(units, 0.5) == [] == _plain_near_matches(units, 0.5)
