"""RD003 long-sentence: a sentence with more words than the limit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from lint.diagnostic import Diagnostic, Severity
from lint.document import Document, Sentence
from lint.rule import Context, Rule, Scope
from lint.rules._readability import RUNNING_PROSE, at_most_words, count_words


class LongSentence(Rule):
    """A sentence of more than `max-words` words (35 by default).

    **What it does**

    Counts the words of each sentence (from the shared sentence segmenter) in paragraphs,
    list items and quotes, and reports a sentence with more than `max-words`:
    ``Sentence of 47 words (limit 35)``, located at the sentence. Words are counted as
    textstat counts them: "al-Sham" and "don't" are one word, numbers are words, dashes and
    other punctuation are not.

    **Why**

    Readers lose the thread of a long sentence, and readability formulas weigh sentence
    length most. News style guides put the comfortable average near 20 words and treat 35 or
    more as a sentence to split.

    **Example**

    "Probably the terrorists coordinate through the mobile command centers, which operate in
    the Badia al-Sham desert and which allow remote operations to be carried out from the
    strongholds, always remaining on the move to reduce the risk of being identified." has 40
    words and is reported.

    **Options**

    - `max-words` (default 35): the longest sentence that passes.
    """

    code = "RD003"
    name = "long-sentence"
    family = "readability"
    severity = Severity.INFO
    scope = Scope.SENTENCE

    @dataclass(frozen=True)
    class Options:
        max_words: int = 35

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        # check_sentence on the sentences that may be long: most are told short without
        # counting their words, all those of a block that is short itself (each piece of a
        # sentence lies in its own piece of the block), and need no generator of their own
        limit = self.options.max_words
        for block in doc.blocks:
            if block.kind in RUNNING_PROSE and not at_most_words(block.text, limit):
                for sentence in doc.sentences_of(block):
                    if not at_most_words(sentence.text, limit):
                        yield from self.check_sentence(doc, sentence, ctx)

    def check_sentence(self, doc: Document, sentence: Sentence, ctx: Context) -> Iterator[Diagnostic]:
        if sentence.block.kind not in RUNNING_PROSE:
            return
        text = sentence.text
        if at_most_words(text, self.options.max_words):
            return
        words = count_words(text)
        if words > self.options.max_words:
            yield self.report(
                sentence.span,
                f"Sentence of {words} words (limit {self.options.max_words})",
                words=words,
            )
