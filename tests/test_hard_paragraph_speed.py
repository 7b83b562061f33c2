"""hard-paragraph's check tests each block once and skips what cannot be reported without
counting it (rules/hard_paragraph.py): a block surely shorter than min-words, and, when every
sentence is surely within long-sentence's limit, the sentence-by-sentence count. Its findings
are those of the plain form (the rule as it was: every test in check_block, every sentence
counted), on the corpus and on adversarial text, for several options."""

from __future__ import annotations

import random
from itertools import product
from operator import attrgetter
from pathlib import Path

import pytest

from lint.parse import parse
from lint.rule import Context
from lint.rules._readability import (
    METRICS, as_prose, at_most_words, block_prose, count_words, is_running_prose, language_of,
    prose_fk_counts, prose_flesch_kincaid_grade, score, words_and_fk_counts,
)
from lint.rules.hard_paragraph import HardParagraph

HERE = Path(__file__).parent
CORPUS = HERE.parent.parent / "shared" / "corpus"

_text = attrgetter("text")


def _plain_check(rule: HardParagraph, doc, ctx) -> list:
    """The rule's check as it was: check_block of every block, each sentence counted."""
    out = []
    for block in doc.blocks:
        if not is_running_prose(block):
            continue
        opts = rule.options
        sentences = doc.sentences_of(block)
        if len(sentences) < opts.min_sentences:
            continue
        text = block_prose(block)
        limit = rule._long_sentence_words
        if limit is not None:
            kept = [t for t in map(_text, sentences) if at_most_words(t, limit) or count_words(t) <= limit]
            if len(kept) < len(sentences):
                sentences, text = kept, as_prose(" ".join(t.strip() for t in kept))
        if len(sentences) < opts.min_sentences:
            continue
        fk = opts.metric == "flesch-kincaid-grade"
        language = language_of(ctx)
        words, counts = words_and_fk_counts([text], language, opts.min_words, fk)
        if words < opts.min_words:
            continue
        metric = METRICS[opts.metric]
        target = metric.default_target if opts.target is None else opts.target
        margin = metric.default_margin if opts.margin is None else opts.margin
        if fk:
            value = prose_flesch_kincaid_grade(counts or prose_fk_counts([text], language))
        else:
            value = score(opts.metric, text, language)
        if metric.misses(value, target, margin):
            out.append(rule.report(
                block.span, "Paragraph reads at " + metric.describe(value, target),
                metric=opts.metric, score=round(value, 2), target=target, words=words,
            ))
    return out


_PIECES = [
    "a", "I", "word", "extraordinarily", "incomprehensibilities", "don't", "al-Sham", "3.5",
    "Dr.", "e.g.", "U.S.", "—", "-", "...", "!", "?", ".", "'", "\"", "(x)", "http://a.b/c",
    "www.EXAMPLE.com", "WWW.x.org", "me@x.org", "@", "naïve", "ΣΟΦΙΑΣ", "x\u00a0y", "\u2009",
    "\t", "\x0b", "\u2028", "a\u200bb", "12,000", "½", "_", "",
]


def _random_text(rng: random.Random) -> str:
    n = rng.choice([1, 3, 8, 20, 34, 35, 36, 39, 40, 41, 60, 120])
    parts = []
    for _ in range(n):
        parts.append(rng.choice(_PIECES))
        parts.append(rng.choice([" ", " ", " ", "  ", ". ", "? ", "\n", " \u00a0", "\t", ""]))
    text = "".join(parts)
    return text + rng.choice([".", "!", "?", ":", "", ".\"", ")"])


def _documents() -> list:
    rng = random.Random(7)
    docs = []
    for _ in range(300):
        paragraphs = [_random_text(rng) for _ in range(rng.randint(1, 4))]
        docs.append(parse("\n\n".join(paragraphs), "random.txt"))
    # boundary paragraphs: just under, at and over the limits, in spaces and in words
    for words in (33, 34, 35, 36, 38, 39, 40, 41, 45, 80):
        for sep in (" ", "  ", "\u00a0", "\t", " \x0b "):
            half = max(1, words // 2)
            body = sep.join(["encyclopaedia"] * half) + ". " + sep.join(["Photosynthesis"] * (words - half)) + "."
            docs.append(parse(body, "edge.txt"))
            docs.append(parse(body.replace(". ", ". http://example.com/x ", 1), "edge.txt"))
    for path in sorted((HERE / "fixtures").rglob("*"))[:300]:
        if path.is_file() and path.suffix in {".txt", ".md", ".html"}:
            docs.append(parse(path.read_text(encoding="utf-8", errors="replace"), str(path)))
    news = CORPUS / "news"
    if news.is_dir():
        for path in sorted(news.glob("*.txt"))[:120]:
            docs.append(parse(path.read_text(encoding="utf-8", errors="replace"), str(path)))
    return docs


_DOCS: list | None = None


def _docs() -> list:
    global _DOCS
    if _DOCS is None:
        _DOCS = _documents()
    return _DOCS


@pytest.mark.parametrize(
    "min_words,min_sentences,limit,metric",
    [
        *product((40, 0, 1, 2, 36), (2, 0, 1, 3), (35, None, 0, 1, 40), ("flesch-kincaid-grade",)),
        (40, 2, 35, "gunning-fog"),
        (10, 1, 5, "flesch-reading-ease"),
    ],
)
def test_findings_are_those_of_the_plain_check(min_words, min_sentences, limit, metric):
    rule = HardParagraph(HardParagraph.Options(
        metric=metric, min_words=min_words, min_sentences=min_sentences, margin=-30.0,
    ))
    rule._long_sentence_words = limit
    ctx = Context(config=None)
    found = 0
    for doc in _docs():
        fast = list(rule.check(doc, ctx))
        assert fast == _plain_check(rule, doc, ctx), doc.path
        # check_block, the engine's other way in, agrees too
        assert [d for b in doc.blocks for d in rule.check_block(doc, b, ctx)] == fast
        found += len(fast)
    if limit is None or limit >= 35:  # (a limit of 0 or 1 leaves every sentence out)
        assert found  # the margin makes most paragraphs findings: the comparison is not empty


def test_the_default_options_find_what_the_plain_check_finds():
    rule = HardParagraph()
    rule._long_sentence_words = 35
    ctx = Context(config=None)
    for doc in _docs():
        assert list(rule.check(doc, ctx)) == _plain_check(rule, doc, ctx)
