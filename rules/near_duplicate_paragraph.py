"""RP002 near-duplicate-paragraph: a paragraph nearly the same as an earlier one."""

from __future__ import annotations

from dataclasses import dataclass

from lint.diagnostic import Related
from lint.rule import Rule, Scope

from . import _repetition as rep


class NearDuplicateParagraph(Rule):
    """A paragraph that is nearly the same as an earlier paragraph (light edits, a clause added
    or dropped).

    **What it does**: compares each prose paragraph with earlier ones by word-level similarity
    (1 − Indel distance over the normalised word sequences, computed by rapidfuzz; when one is
    at least two thirds as long as the other, also the share of the shorter one's words that
    the longer repeats in order, so a clause added or dropped does not hide a copy), so word
    order matters: "prices are going up while costs go down" and "prices are going down while
    costs go up" share every word and are not a match. Exact copies are left to
    `repeated-paragraph`. The message gives the similarity and the line of the earlier
    paragraph, which is also the related location.

    Long documents are not compared all against all: paragraphs are indexed by word 3-grams
    and each is compared with the few earlier paragraphs that share the most of them.
    Headings, list items and table cells are not paragraphs here (see `repeated-paragraph`).

    **Why**: a restated paragraph with a few words changed is a leftover of editing (two
    drafts kept) or of scraping (a teaser and the body, a caption and the lede); readers notice
    it as quickly as an exact copy, and exact matching misses it.

    **Example**: `article.txt:21:1: RP002 paragraph is 92% similar to the paragraph at line 8
    [near-duplicate-paragraph]`.

    **Options**:
    - `threshold` (default 0.8): minimum similarity, 0–1. Dropping a 6-word clause and changing
      two words of a 40-word paragraph gives about 0.85.
    - `min-words` (default 8): shorter paragraphs are not compared.
    - `collapse-after` (default 5): more near copies of one paragraph become one finding with
      the count.
    """

    code = "RP002"
    name = "near-duplicate-paragraph"
    family = "repetition"
    scope = Scope.DOCUMENT

    @dataclass(frozen=True)
    class Options:
        threshold: float = 0.8
        min_words: int = 8
        collapse_after: int = 5

        def __post_init__(self):
            if not 0 < self.threshold <= 1:
                raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")

    def check(self, doc, ctx):
        matches = rep.paragraph_near_matches(doc, self.options.min_words, self.options.threshold)
        best = {id(m.later): m for m in matches}
        pairs = [(m.later, m.earlier) for m in matches]
        for earlier, copies in rep.collapse(pairs, self.options.collapse_after):
            line = rep.line_of(doc, earlier)
            later = copies[0]
            pct = int(best[id(later)].similarity * 100)
            related = [rep.related_first(earlier, "paragraph")]
            if len(copies) == 1:
                message = _describe(earlier, later, pct, line)
                kind = rep.repeat_kind(doc, earlier, later)
                if kind:
                    message += f" ({kind})"
            else:
                message = (
                    f"paragraph nearly repeated {rep.count_words(len(copies))} after the"
                    f" paragraph at line {line} (this copy {pct}% similar)"
                )
                related += [Related(c.span, "near copy") for c in copies[1:10]]
            yield self.report(later.span, message, related=related, similarity=round(best[id(later)].similarity, 3))


def _describe(earlier: rep.Unit, later: rep.Unit, pct: int, line: int) -> str:
    """"N% similar to the paragraph at line L", and whether the copy was shortened or extended
    (then N is the share of the shorter paragraph's words that the longer repeats in order)."""
    from rapidfuzz.distance import Indel

    message = f"paragraph is {pct}% similar to the paragraph at line {line}"
    if int(Indel.normalized_similarity(earlier.words, later.words) * 100) >= pct:
        return message
    if len(later.words) < len(earlier.words):
        return message + " (a shortened copy)"
    return message + " (a copy with words added)"
