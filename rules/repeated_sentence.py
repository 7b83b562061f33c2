"""RP003 repeated-sentence: a sentence that repeats or nearly repeats an earlier sentence."""

from __future__ import annotations

from dataclasses import dataclass

from lint.diagnostic import Related
from lint.rule import Rule, Scope

from . import _repetition as rep
from .near_duplicate_paragraph import NearDuplicateParagraph
from .repeated_paragraph import RepeatedParagraph


class RepeatedSentence(Rule):
    """A sentence that repeats, or nearly repeats, an earlier sentence anywhere in the document.

    **What it does**: compares every sentence (from the shared segmenter) of the prose
    paragraphs with every earlier sentence, in the same paragraph or another one, after the
    normalisation of `repeated-paragraph`; near repeats are found by order-sensitive word
    similarity (rapidfuzz Indel, as `near-duplicate-paragraph`) over a 3-gram index, so long
    documents are not compared all against all. Flags the later sentence; the related location
    is the earlier one. Sentences of a paragraph that repeats or nearly repeats as a whole are
    left to `repeated-paragraph` and `near-duplicate-paragraph` (one finding, not one per
    sentence). The message says when the repeat looks like a photo caption or a pull quote.

    The threshold separates restating from paraphrasing. "For Daesh, maintaining control of the
    Badia al-Sham desert up to Homs is vital for survival." and, later, "For IS, maintaining
    control of the Badia al-Sham desert is vital for survival." are 83% similar: the same
    sentence with a name swapped and a phrase dropped, flagged. "Analysts believe that the
    ambushes are only just beginning." and "Analysts, however, believe that Isis raids against
    Damascus soldiers in Syria are just beginning." share the frame but only half their words
    (52%): a paraphrase that adds who raids whom, left to the writer, not flagged. Lines
    that open with a dash ("— Team lead at an automotive company") are attributions, repeated
    under every quote by the same person, and not compared.

    **Why**: a sentence said twice is a leftover of editing (a sentence moved and not deleted,
    two drafts merged) and a sign of padding; it is easier to miss than a repeated paragraph.

    **Example**: `seed-article.txt:10:351: RP003 sentence nearly repeats the sentence at line 8
    (83% similar) [repeated-sentence]`.

    **Options**:
    - `threshold` (default 0.8): minimum similarity for a near repeat, 0–1; 1 flags exact
      repeats only.
    - `min-words` (default 8, as for paragraphs; numbers do not count): shorter sentences ("Read
      more.", "See the release notes for more.", "We have so much work to do.") are formulas
      more often than slips, and are not compared.
    - `max-replaced-words` (default 1): a near repeat is the earlier sentence with words added
      or dropped and at most this many words replaced. Sentences that differ in two or more
      replaced words are parallel statements ("The rustc book is a guide for users of the
      compiler." / "The rustc-guide is a guide for developers of the compiler."), not repeats.
    - `collapse-after` (default 5): more copies of one sentence become one finding with the
      count.
    """

    code = "RP003"
    name = "repeated-sentence"
    family = "repetition"
    scope = Scope.DOCUMENT

    @dataclass(frozen=True)
    class Options:
        threshold: float = 0.8
        min_words: int = 8
        max_replaced_words: int = 1
        collapse_after: int = 5

        def __post_init__(self):
            if not 0 < self.threshold <= 1:
                raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")

    #: the paragraph rules this run has (None when off): a sentence inside a paragraph they
    #: report is theirs; when they are off, RP003 reports it
    _exact = RepeatedParagraph.Options()
    _near = NearDuplicateParagraph.Options()

    def bind(self, rules):
        self._exact = next((r.options for r in rules if isinstance(r, RepeatedParagraph)), None)
        self._near = next((r.options for r in rules if isinstance(r, NearDuplicateParagraph)), None)

    def check(self, doc, ctx):
        skip = _repeated_blocks(doc, self._exact, self._near)
        units = rep.sentence_units(doc, self.options.min_words, skip)
        pairs: list[tuple[rep.Unit, rep.Unit]] = []
        sims: dict[int, float] = {}
        for group in rep.exact_groups(units):
            for later in group[1:]:
                pairs.append((later, group[0]))
                sims[id(later)] = 1.0
        if self.options.threshold < 1:
            for m in rep.near_matches(units, self.options.threshold, max_replaced=self.options.max_replaced_words):
                pairs.append((m.later, m.earlier))
                sims[id(m.later)] = m.similarity
        pairs.sort(key=lambda p: p[0].order)
        for earlier, copies in rep.collapse(pairs, self.options.collapse_after):
            line = rep.line_of(doc, earlier)
            later = copies[0]
            sim = sims[id(later)]
            related = [rep.related_first(earlier, "sentence")]
            if len(copies) == 1:
                if sim >= 1.0:
                    message = f"sentence repeats the sentence at line {line}"
                else:
                    message = f"sentence nearly repeats the sentence at line {line} ({int(sim * 100)}% similar)"
                kind = rep.repeat_kind(doc, earlier, later)
                if kind:
                    message += f" ({kind})"
            else:
                message = (
                    f"sentence repeated {rep.count_words(len(copies))} after its first"
                    f" occurrence at line {line}"
                )
                related += [Related(c.span, "copy") for c in copies[1:10]]
            yield self.report(later.span, message, related=related, similarity=round(sim, 3))


def _repeated_blocks(doc, exact, near) -> set[int]:
    """Blocks that repeat an earlier paragraph as a whole, by the paragraph rules' options."""
    out: set[int] = set()
    if exact is not None:
        out |= {u.block.index for g in rep.paragraph_groups(doc, exact.min_words) for u in g[1:]}
    if near is not None:
        out |= {m.later.block.index for m in rep.paragraph_near_matches(doc, near.min_words, near.threshold)}
    return out
