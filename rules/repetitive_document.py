"""RP005 repetitive-document: Gopher repetition statistics over the whole document."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import compress
from operator import add, and_, itemgetter, mul

from lint.document import Span
from lint.rule import Rule, Scope


_PARAGRAPH_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# Words and punctuation marks as separate tokens, close to NLTK's word_tokenize.
_HAS_WORD = re.compile(r"[^\W_]")
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


class RepetitiveDocument(Rule):
    """A document made mostly of repeated paragraphs, lines or phrases (Gopher rules).

    **What it does**: computes the repetition statistics of the Gopher quality filter (Rae et
    al. 2021, table A1) as datatrove's `GopherRepetitionFilter` implements them, and reports one
    finding at the start of the document naming each statistic over its limit and its value:
    - duplicate-paragraph fraction > 0.30: paragraphs (split at blank lines) equal to an
      earlier paragraph, over all paragraphs; their characters over all characters > 0.20;
    - duplicate-line fraction > 0.30 and duplicate-line character fraction > 0.20, the same
      for lines;
    - top 2-, 3-, 4-gram character fraction > 0.20, 0.18, 0.16: characters covered by the
      most frequent word n-gram (its length times its count) over all characters.

    Differences from datatrove, each deliberate: blank lines and lines without a letter or
    digit ("." or "***" between paragraphs) are not lines (datatrove counts every empty line
    between paragraphs as a duplicate line, which would flag every article written with blank
    lines between paragraphs); paragraphs are split at blank lines with
    spaces too; an n-gram that occurs once is not a "top" repeat; words are split by a regular
    expression close to NLTK's `word_tokenize` (NLTK is not a dependency). The duplicate 5- to
    10-gram statistics of the paper are not computed. Plain text is measured as written;
    Markdown and HTML as their prose blocks, one paragraph each. Documents under `min-words`
    words are not measured: in a short text one phrase is a large fraction by chance.

    **Why**: spun, generated or badly scraped pages repeat themselves at a scale no single
    repeated paragraph shows; a web-scale data pipeline drops such documents with these rules,
    and a writer wants to know before publishing.

    **Example**: `page.txt:1:1: RP005 repetitive document: duplicate-paragraph fraction 0.99
    (limit 0.30), duplicate-paragraph character fraction 0.99 (limit 0.20) [repetitive-document]`.

    **Options**:
    - `min-words` (default 200): shorter documents are not measured.
    - `max-duplicate-paragraph-fraction` (0.30), `max-duplicate-paragraph-char-fraction`
      (0.20), `max-duplicate-line-fraction` (0.30), `max-duplicate-line-char-fraction` (0.20):
      the limits above.
    - `max-top-ngram-char-fraction` (default [0.20, 0.18, 0.16]): the limits for the top 2-,
      3- and 4-gram.
    """

    code = "RP005"
    name = "repetitive-document"
    family = "repetition"
    scope = Scope.DOCUMENT

    @dataclass(frozen=True)
    class Options:
        min_words: int = 200
        max_duplicate_paragraph_fraction: float = 0.30
        max_duplicate_paragraph_char_fraction: float = 0.20
        max_duplicate_line_fraction: float = 0.30
        max_duplicate_line_char_fraction: float = 0.20
        max_top_ngram_char_fraction: tuple[float, ...] = (0.20, 0.18, 0.16)

    def check(self, doc, ctx):
        if not doc.blocks:
            return
        stats = self.measure(doc, quick=True)
        if stats is None:
            return
        over = [f"{name} {value:.2f} (limit {limit:.2f})" for name, value, limit in stats if value > limit]
        if not over:
            return
        first = doc.blocks[0]
        start = first.span.start
        end = doc.source.find("\n", start)
        span = Span(start, end if end != -1 else len(doc.source))
        yield self.report(
            span,
            "repetitive document: " + ", ".join(over),
            fingerprint_text="repetitive-document",
            statistics={name: round(value, 4) for name, value, _ in stats},
        )

    def measure(self, doc, quick: bool = False) -> list[tuple[str, float, float]] | None:
        """(statistic, value, limit) for every statistic; None for a short document, and with
        ``quick`` also when no statistic can be over its limit (the 3- and 4-grams are then
        bounded, not counted: :func:`_longer_ngram_bounds`)."""
        o = self.options
        if doc.format == "text":
            text = doc.source
            if doc.front_matter is not None:
                text = text[doc.front_matter.end :]
            text = text.strip()
        else:
            text = "\n\n".join(b.text for b in doc.blocks)
        tokens = _tokens(text)
        if _words(tokens, max(1, o.min_words)) < max(1, o.min_words) or not text:
            return None
        total = len(text)
        stats = []
        paragraphs = list(filter(str.strip, _PARAGRAPH_SPLIT.split(text)))
        dup, chars = _duplicates(paragraphs)
        stats.append(("duplicate-paragraph fraction", dup / len(paragraphs), o.max_duplicate_paragraph_fraction))
        stats.append(("duplicate-paragraph character fraction", chars / total, o.max_duplicate_paragraph_char_fraction))
        lines = list(filter(_HAS_WORD.search, text.splitlines()))
        dup, chars = _duplicates(lines)
        # (a text of "_" or "__" tokens has words but no line with a letter or digit)
        stats.append(("duplicate-line fraction", dup / len(lines) if lines else 0.0, o.max_duplicate_line_fraction))
        stats.append(("duplicate-line character fraction", chars / total, o.max_duplicate_line_char_fraction))
        limits = o.max_top_ngram_char_fraction
        bigrams = Counter(zip(tokens, tokens[1:]))
        if quick and all(value <= limit for _, value, limit in stats):
            # a bound of the bounds below first: every bigram's characters times its count
            # are at most those of two of the longest tokens and a space, times the top count
            most = max(bigrams.values(), default=0) * (2 * max(map(len, tokens)) + 1)
            if all(chars / total <= limit for chars, limit in zip((most, 2 * most, 2 * most + most // 3), limits)):
                return None  # nothing over a limit: no finding
            top2 = _top_chars(bigrams, 2)
            bounds = (top2, *_longer_ngram_bounds(bigrams))
            if all(chars / total <= limit for chars, limit in zip(bounds, limits)):
                return None  # nothing over a limit: no finding
        for n, chars, limit in zip((2, 3, 4), _top_ngrams_chars(tokens, bigrams), limits):
            stats.append((f"top {n}-gram character fraction", chars / total, limit))
        return stats


def _tokens(text: str) -> list[str]:
    """``_TOKEN.findall(text)``, read piece by piece between white space as
    ``_repetition.findall_between_spaces`` does, and with no regular expression for a run of
    letters and digits with one mark before or after it ("said," "(the"): a mark that is
    not a word character (``_``) or an apostrophe is a token of its own, and the run is one
    (most pieces with a mark)."""
    out: list[str] = []
    add, extend, find = out.append, out.extend, _TOKEN.findall
    for piece in text.split():
        if piece.isalnum():
            add(piece)
        elif piece[:-1].isalnum() and piece[-1] not in _NOT_A_MARK:
            add(piece[:-1])
            add(piece[-1])
        elif piece[1:].isalnum() and piece[0] not in _NOT_A_MARK:
            add(piece[0])
            add(piece[1:])
        else:
            extend(find(piece))
    return out


#: the characters besides letters and digits that a run of _TOKEN can hold
_NOT_A_MARK = "_'’"


def _words(tokens: list[str], enough: int) -> int:
    """The word tokens (not punctuation) among ``tokens``, or at least ``enough`` of them: the
    count stops early when the first tokens have that many (tokens of letters and digits
    only, counted without a Python loop, are words)."""
    head = tokens[: 2 * enough]
    plain = sum(map(str.isalnum, head))
    if plain >= enough:
        return plain
    words = sum(1 for t in head if t[0].isalnum() or t[0] == "_")
    if words < enough and len(head) < len(tokens):
        words += sum(1 for t in tokens[len(head) :] if t[0].isalnum() or t[0] == "_")
    return words


def _duplicates(items: list[str]) -> tuple[int, int]:
    """Items equal to an earlier item: their number and their characters (datatrove's
    ``find_duplicates``)."""
    seen: set[str] = set()
    count = chars = 0
    for item in items:
        if item in seen:
            count += 1
            chars += len(item)
        else:
            seen.add(item)
    return count, chars


def _top_ngrams_chars(tokens: list[str], counts: Counter | None = None) -> tuple[int, int, int]:
    """For n = 2, 3, 4: the characters of the most frequent n-gram (joined by spaces) times its
    count; 0 if no n-gram occurs twice. Of n-grams with the same count, the first counted (as
    ``Counter.most_common(1)`` picks it).

    Only the 3- and 4-grams that can occur twice are counted: those whose every bigram occurs
    twice (about one place in ten in news). Every place of an n-gram found twice is among
    them, in the same order, so its count and the first n-gram with the top count are those
    of counting every place. ``counts``: the bigrams' Counter, if already made."""
    bigrams = list(zip(tokens, tokens[1:]))
    if counts is None:
        counts = Counter(bigrams)
    repeated = list(map((1).__lt__, map(counts.__getitem__, bigrams)))  # per place
    repeated3 = list(map(and_, repeated, repeated[1:]))
    trigrams = Counter(compress(zip(tokens, tokens[1:], tokens[2:]), repeated3))
    fourgrams = Counter(compress(zip(tokens, tokens[1:], tokens[2:], tokens[3:]), map(and_, repeated3, repeated[2:])))
    return _top_chars(counts, 2), _top_chars(trigrams, 3), _top_chars(fourgrams, 4)


def _longer_ngram_bounds(bigrams: Counter) -> tuple[int, int]:
    """Upper bounds of :func:`_top_ngrams_chars`'s 3- and 4-gram characters, from the bigram
    counts alone. Let M be the largest ``(len(a) + len(b) + 1) * count`` of a bigram ``a b``
    counted twice or more. A 3-gram ``a b c`` counted ``c >= 2`` times holds ``a b`` and ``b c``
    as often, so ``(len(a) + len(b) + 1) * c <= M`` and ``(len(b) + len(c) + 1) * c <= M``:
    its characters, ``(len(a) + len(b) + len(c) + 2) * c``, are at most 2M. A 4-gram ``a b c d``
    holds ``a b`` and ``c d``: at most 2M + c, and ``c <= M // 3`` (tokens are never empty)."""
    values = bigrams.values()
    repeated = list(map((1).__lt__, values))
    grams = list(compress(bigrams, repeated))
    if not grams:
        return 0, 0
    counts = list(compress(values, repeated))
    lengths = map(add, map(len, map(itemgetter(0), grams)), map(len, map(itemgetter(1), grams)))
    most = max(map(add, map(mul, lengths, counts), counts))
    return 2 * most, 2 * most + most // 3


def _top_chars(counts: Counter, n: int) -> int:
    """Characters of the first n-gram counted with the highest count, times that count (0 if
    under 2); as ``counts.most_common(1)`` picks it, without building (n-gram, count) pairs."""
    count = max(counts.values(), default=0)
    if count < 2:
        return 0
    gram = next(compress(counts, map(count.__eq__, counts.values())))
    return (sum(map(len, gram)) + n - 1) * count
