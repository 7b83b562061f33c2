"""RD002 hard-paragraph: a paragraph that scores far worse than the target."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Iterator

from lint.diagnostic import Diagnostic, Severity
from lint.document import Block, Document
from lint.rule import Context, Rule, Scope
from lint.rules._readability import (
    METRICS, MetricName, as_prose, at_most_words, block_prose, count_words, formula_inputs, is_running_prose, language_of,
    prose_fk_counts, prose_flesch_kincaid_grade, score, words_and_fk_counts,
)

_text = attrgetter("text")


class HardParagraph(Rule):
    """A paragraph whose own readability score is far past the target.

    **What it does**

    Scores each paragraph of running prose that has at least `min-words` words with the
    chosen textstat formula, and reports the paragraph when its score is past the target by
    more than `margin`: ``Paragraph reads at Flesch–Kincaid grade 22.3 (target ≤ 12)``.

    **Why**

    A document score hides where the difficulty is. One dense paragraph in an easy article is
    the one to rewrite, and the writer needs to be pointed at it.

    **Example**

    A paragraph of two 45-word sentences of five-syllable words reads at grade 25 and is
    reported at its first line, while the short paragraphs around it are not.

    **Options**

    - `metric` (default `"flesch-kincaid-grade"`): as for `readability-score`.
    - `target` (default: the metric's default target, grade 12 for Flesch–Kincaid).
    - `margin` (default: per metric — 6 grades for Flesch–Kincaid, 35 points of reading
      ease, fog 8, SMOG 6, Coleman–Liau 5, ARI 9, Dale–Chall 2.5, consensus 4): how far past
      the target a paragraph must be. Paragraph scores swing widely, so only clear outliers
      are reported: with the defaults, about 1 paragraph in 100 blog posts and 3 in 100
      news articles.
    - `min-words` (default 40): shorter paragraphs are skipped (formulas on one sentence
      measure that sentence's length; `long-sentence` already covers it).
    - `min-sentences` (default 2): a one-sentence paragraph is `long-sentence`'s business.

    When `long-sentence` runs too, the sentences it reports are left out of the paragraph's
    score (they are reported already, and sentence length drives most formulas): a paragraph
    is reported only when what remains still scores past the target by the margin, with at
    least `min-sentences` sentences and `min-words` words.
    """

    code = "RD002"
    name = "hard-paragraph"
    family = "readability"
    severity = Severity.INFO
    scope = Scope.BLOCK

    @dataclass(frozen=True)
    class Options:
        metric: MetricName = "flesch-kincaid-grade"
        target: float | None = None
        margin: float | None = None
        min_words: int = 40
        min_sentences: int = 2

    #: long-sentence's limit when that rule runs: its sentences are left out of the score
    _long_sentence_words: int | None = None

    def bind(self, rules):
        self._long_sentence_words = next((r.options.max_words for r in rules if r.code == "RD003"), None)

    def cache_key(self, ctx: Context) -> str:
        return formula_inputs()

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        # check_block's two tests, here, once: no generator for the blocks they leave out
        least = self.options.min_sentences
        sentences_of = doc.sentences_of
        for block in doc.blocks:
            sentences = sentences_of(block)
            if len(sentences) >= least and is_running_prose(block):
                yield from self._check_prose(block, sentences, ctx)

    def check_block(self, doc: Document, block: Block, ctx: Context) -> Iterator[Diagnostic]:
        if not is_running_prose(block):
            return
        sentences = doc.sentences_of(block)
        if len(sentences) < self.options.min_sentences:
            return  # (leaving sentences out below never adds one)
        yield from self._check_prose(block, sentences, ctx)

    def _check_prose(self, block: Block, sentences: list, ctx: Context) -> Iterator[Diagnostic]:
        """check_block for a block of running prose with at least min-sentences sentences."""
        opts = self.options
        # a block of running prose surely shorter than min-words (its words are at most its
        # pieces between spaces, and leaving out addresses or sentences never adds one)
        if at_most_words(block.text, opts.min_words - 1):
            return
        text = block_prose(block)
        limit = self._long_sentence_words
        # a sentence is a piece of the block: when the block surely has at most ``limit``
        # words (fewer spaces, all printable), so has each sentence, and none is left out
        if limit is not None and not at_most_words(block.text, limit):
            kept = [t for t in map(_text, sentences) if at_most_words(t, limit) or count_words(t) <= limit]
            if len(kept) < len(sentences):
                sentences, text = kept, as_prose(" ".join(t.strip() for t in kept))
        if len(sentences) < opts.min_sentences:
            return
        fk = opts.metric == "flesch-kincaid-grade"
        language = language_of(ctx)
        words, counts = words_and_fk_counts([text], language, opts.min_words, fk)  # as readability-score's
        if words < opts.min_words:
            return
        metric = METRICS[opts.metric]
        target = metric.default_target if opts.target is None else opts.target
        margin = metric.default_margin if opts.margin is None else opts.margin
        if fk:
            value = prose_flesch_kincaid_grade(counts or prose_fk_counts([text], language))
        else:
            value = score(opts.metric, text, language)
        if metric.misses(value, target, margin):
            yield self.report(
                block.span,
                "Paragraph reads at " + metric.describe(value, target),
                metric=opts.metric,
                score=round(value, 2),
                target=target,
                words=words,
            )
