"""RD001 readability-score: the document's readability formula score against a target."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from lint.diagnostic import Diagnostic, Severity
from lint.document import Document
from lint.rule import Context, Rule, Scope
from lint.rules._readability import (
    METRICS, MetricName, block_prose, formula_inputs, language_of, prose_blocks, prose_fk_counts,
    prose_flesch_kincaid_grade, score, words_and_fk_counts,
)


class ReadabilityScore(Rule):
    """A document whose readability score (Flesch–Kincaid grade by default) misses the target.

    **What it does**

    Scores the document's running prose (paragraphs and list items that end like sentences;
    not headings, captions, tables or code) with one of textstat's readability formulas and
    reports once, at the first prose sentence, when the score is worse than the target:
    ``Flesch–Kincaid grade 14.2 (target ≤ 12)``. Scores are textstat's own, offline (see
    ``lint/syllables.py``); ``language`` in the config sets textstat's language.

    **Why**

    Long sentences full of long words lose readers. A grade is a blunt, document-wide number,
    so this rule only says *that* a piece reads hard; `hard-paragraph`, `long-sentence` and
    `long-paragraph` say *where*.

    The default, Flesch–Kincaid grade with a target of 12, suits news: the formula uses only
    sentence length and syllables per word (the two things an editor can change), its unit
    (a US school grade) is easy to read, and it is the most common formula in editors' tools.
    Wire copy aims at grades 8–11; a target of 12 leaves room for specialist vocabulary, so a
    finding means the piece is hard, not merely above the house style. On the project's
    benchmark the median rust-lang blog post scores grade 9.4 and the median scraped news
    article 10.8; 6 in 100 blog posts and 25 in 100 news articles miss grade 12.

    **Example**

    A 300-word press release whose sentences average 38 words of officialese scores grade
    20.4 and is reported on its first sentence.

    **Options**

    - `metric` (default `"flesch-kincaid-grade"`): one of `flesch-kincaid-grade`,
      `flesch-reading-ease` (higher is easier), `gunning-fog`, `smog-index`,
      `coleman-liau-index`, `automated-readability-index`, `dale-chall` (Dale–Chall's own
      scale: 9–9.9 is college level), `consensus-grade` (textstat's `text_standard`). The grade
      formulas are calibrated for English; for other languages `flesch-reading-ease` uses
      textstat's adapted constants (German, Spanish, French, Italian, Dutch, Russian).
    - `target` (default: per metric — grade 12, reading ease 45, fog 15, SMOG 14,
      Coleman–Liau 13, ARI 14, Dale–Chall 11.5, consensus 13): the worst acceptable score.
      Each default is missed by 3–6 in 100 posts of a well-edited blog and by 9–25 in 100
      scraped news articles (``bench/readability_quality.py``).
    - `min-words` (default 100): shorter documents are not scored; the formulas are noise
      on a few sentences.
    """

    code = "RD001"
    name = "readability-score"
    family = "readability"
    severity = Severity.INFO
    scope = Scope.DOCUMENT

    @dataclass(frozen=True)
    class Options:
        metric: MetricName = "flesch-kincaid-grade"
        target: float | None = None
        min_words: int = 100

    def cache_key(self, ctx: Context) -> str:
        return formula_inputs()

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        blocks = prose_blocks(doc)
        if not blocks:
            return
        # the score of prose_text(blocks): from each block's counts when the formula allows
        # (hard-paragraph counts the same blocks), else of the joined text
        texts = [block_prose(b) for b in blocks]
        opts = self.options
        fk = opts.metric == "flesch-kincaid-grade"
        language = language_of(ctx)
        words, counts = words_and_fk_counts(texts, language, opts.min_words, fk)
        if words < opts.min_words:
            return
        metric = METRICS[opts.metric]
        target = metric.default_target if opts.target is None else opts.target
        if fk:
            value = prose_flesch_kincaid_grade(counts or prose_fk_counts(texts, language))
        else:
            value = score(opts.metric, "\n".join(texts), language)
        if not metric.misses(value, target):
            return
        first = blocks[0]
        sentences = doc.sentences_of(first)
        span = sentences[0].span if sentences else first.span
        yield self.report(
            span,
            metric.describe(value, target),
            metric=opts.metric,
            score=round(value, 2),
            target=target,
            words=words,
        )
