"""RD004 long-paragraph: a paragraph with more words or sentences than the limits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from lint.diagnostic import Diagnostic, Severity
from lint.document import Block, Document
from lint.rule import Context, Rule, Scope
from lint.rules._readability import RUNNING_PROSE, at_most_words, count_words


class LongParagraph(Rule):
    """A paragraph of more than `max-words` words (150) or `max-sentences` sentences (10).

    **What it does**

    Counts the words (as textstat counts them) and the sentences (shared segmenter) of each
    paragraph, list item and quote, and reports the paragraph when either is over its limit:
    ``Paragraph of 212 words (limit 150)`` or ``Paragraph of 12 sentences (limit 10)``.

    **Why**

    A wall of text is hard to scan, on a phone most of all. News paragraphs run one to three
    sentences; long ones usually hold two ideas and split cleanly.

    **Example**

    A 230-word paragraph that walks through a court case, its appeal and its consequences is
    reported; the same text split in three is not.

    **Options**

    - `max-words` (default 150): the most words a paragraph may have; 0 turns the check off.
    - `max-sentences` (default 10): the most sentences; 0 turns the check off. At 8,
      paragraphs of short, easy sentences were reported on the benchmark corpus.
    """

    code = "RD004"
    name = "long-paragraph"
    family = "readability"
    severity = Severity.INFO
    scope = Scope.BLOCK

    @dataclass(frozen=True)
    class Options:
        max_words: int = 150
        max_sentences: int = 10

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        # check_block on the blocks that may be long: a block of prose that surely has at most
        # max-words words (told without counting them) and at most max-sentences sentences is
        # one check_block passes, and needs no generator of its own
        opts = self.options
        for block in doc.blocks:
            if block.kind in RUNNING_PROSE and (
                (opts.max_words and not at_most_words(block.text, opts.max_words))
                or (opts.max_sentences and len(doc.sentences_of(block)) > opts.max_sentences)
            ):
                yield from self.check_block(doc, block, ctx)

    def check_block(self, doc: Document, block: Block, ctx: Context) -> Iterator[Diagnostic]:
        if block.kind not in RUNNING_PROSE:
            return
        opts = self.options
        words = count_words(block.text)
        if opts.max_words and words > opts.max_words:
            yield self.report(block.span, f"Paragraph of {words} words (limit {opts.max_words})", words=words)
            return
        sentences = len(doc.sentences_of(block))
        if opts.max_sentences and sentences > opts.max_sentences:
            yield self.report(
                block.span, f"Paragraph of {sentences} sentences (limit {opts.max_sentences})", sentences=sentences
            )
