"""Shared plumbing for the readability rules (not a rule module: leading underscore).

- *Running prose*: the blocks readability formulas are meant for. Paragraphs, lines of a
  plain-text dump, list items and quotes that end like a sentence (``. ! ? … :``, optionally
  followed by closing quotes or brackets). Headings, table cells, HTML blocks and unterminated
  fragments (captions, bylines, "Leave a Reply", short list entries) are not sentences, and
  counting them would make a formula see one long run-on sentence.
- :func:`prose_text` is the text textstat scores: running-prose blocks joined by newlines,
  each closed with a full stop if it does not already end with ``. ! ?``, so that textstat's
  sentence counter never runs one block into the next. A Markdown article and its plain-text
  twin give the same text, since Markdown syntax never reaches block text.
- Web and mail addresses are left out of both (parsers drop them from Markdown and HTML;
  plain text keeps them).
- :func:`count_words` counts words as textstat's ``lexicon_count`` does (whitespace-separated
  tokens with a letter or digit; "al-Sham" and "don't" are one word), without importing it.

textstat itself is imported only by :func:`score`, through :mod:`lint.syllables`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable, Literal

from lint.document import Block, Document

RUNNING_PROSE = frozenset({"paragraph", "line", "list_item", "quote"})
_CLOSERS = "\"'”’)]}»"
_SENTENCE_END = re.compile(r"[.!?…:][" + re.escape(_CLOSERS) + r"]*$")
_TEXTSTAT_END = re.compile(r"[.!?][" + re.escape(_CLOSERS) + r"]*$")
_WORD = re.compile(r"\S*\w\S*")
# Web and mail addresses left in prose by scraped text: nobody reads them as words, and
# textstat would count one as a single word of ten syllables.
_ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}'’”]"  # a URL, not the punctuation after it
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # a mail address
    re.I,
)


def without_addresses(text: str) -> str:
    return _ADDRESS.sub("", text) if ("://" in text or "www." in text or "@" in text) else text


_WORD_CHAR = re.compile(r"\w")


@functools.lru_cache(maxsize=8192)  # long-sentence and hard-paragraph count the same sentences
def count_words(text: str) -> int:
    """``len(_WORD.findall(...))``, faster: each match of ``_WORD`` is a piece between white
    space (str.split and ``\\s`` agree on what that is) with a word character in it, and a
    piece that is all letters and digits (most) has one (str.isalnum and ``\\w`` agree too)."""
    pieces = without_addresses(text).split()
    n = len(pieces)
    for piece in pieces:
        if not piece.isalnum() and not _WORD_CHAR.search(piece):
            n -= 1
    return n


def is_running_prose(block: Block) -> bool:
    return block.kind in RUNNING_PROSE and _SENTENCE_END.search(block.text.rstrip()) is not None


def prose_blocks(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if is_running_prose(b)]


def block_prose(block: Block) -> str:
    """A block's text as textstat should see it: always ending a sentence."""
    return as_prose(block.text)


def as_prose(text: str) -> str:
    """Text as textstat should see it: no addresses, always ending a sentence."""
    text = without_addresses(text).strip()
    return text if _TEXTSTAT_END.search(text) else text + "."


def prose_text(blocks: Iterable[Block]) -> str:
    return "\n".join(block_prose(b) for b in blocks)


MetricName = Literal[
    "flesch-kincaid-grade",
    "flesch-reading-ease",
    "gunning-fog",
    "smog-index",
    "coleman-liau-index",
    "automated-readability-index",
    "dale-chall",
    "consensus-grade",
]


@dataclass(frozen=True)
class Metric:
    label: str
    function: str  # the textstat method
    higher_is_harder: bool
    default_target: float  # the worst acceptable document score
    default_margin: float  # how far past the target a paragraph must be to be "hard"

    def misses(self, score: float, target: float, margin: float = 0.0) -> bool:
        score = round(score, 1)  # as reported: "12.0 (target ≤ 12)" is never a finding
        if self.higher_is_harder:
            return score > target + margin
        return score < target - margin

    def describe(self, score: float, target: float) -> str:
        op = "≤" if self.higher_is_harder else "≥"
        return f"{self.label} {score:.1f} (target {op} {target:g})"


# Defaults, measured with bench/readability_quality.py on the shared corpus: each target is
# missed by about 3-6 in 100 posts of the rust-lang blog (well-edited prose) and by 9-25 in 100
# scraped news articles; each margin puts about 1-3 blog paragraphs in 100 posts past it.
# consensus-grade tops out at 18 on a paragraph, hence its small margin.
METRICS: dict[str, Metric] = {
    # FK's margin is measured with long-sentence's sentences left out of the paragraph (as
    # hard-paragraph does when both run): 1.1 blog paragraphs in 100 posts, 3.2 in 100 news
    "flesch-kincaid-grade": Metric("Flesch–Kincaid grade", "flesch_kincaid_grade", True, 12, 6),
    "flesch-reading-ease": Metric("Flesch reading ease", "flesch_reading_ease", False, 45, 35),
    "gunning-fog": Metric("Gunning fog index", "gunning_fog", True, 15, 8),
    "smog-index": Metric("SMOG grade", "smog_index", True, 14, 6),
    "coleman-liau-index": Metric("Coleman–Liau index", "coleman_liau_index", True, 13, 5),
    "automated-readability-index": Metric("Automated Readability Index", "automated_readability_index", True, 14, 9),
    "dale-chall": Metric("Dale–Chall score", "dale_chall_readability_score", True, 11.5, 2.5),
    "consensus-grade": Metric("Consensus grade (textstat)", "text_standard", True, 13, 4),
}


def score(metric: str, text: str, language: str) -> float:
    """textstat's ``metric`` of ``text`` in ``language`` (offline; imports textstat once).

    The default metric, Flesch–Kincaid grade, is computed by :func:`flesch_kincaid_grade`
    from textstat's own counts with syllables memoised per word (about 3× faster, the same
    float; ``tests/test_readability_fast.py`` compares the two)."""
    from lint.syllables import offline_textstat

    ts = offline_textstat(language)
    if metric == "flesch-kincaid-grade":
        return flesch_kincaid_grade(text, language)
    if metric == "consensus-grade":
        return float(ts.text_standard(text, float_output=True))
    return float(getattr(ts, METRICS[metric].function)(text))


# textstat's word and sentence splitting (textstat.backend: list_words, remove_punctuation,
# count_sentences), compiled once; the apostrophe rule is textstat's own constant
_TS_PUNCT = re.compile(r"[^\w\s\']")
_TS_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_ts_apostrophe: re.Pattern | None = None


def _ts_clean(text: str) -> str:
    """textstat's ``remove_punctuation(text, rm_apostrophe=False)``: ``list_words`` with its
    defaults is this, split on whitespace."""
    global _ts_apostrophe
    if _ts_apostrophe is None:
        from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

        _ts_apostrophe = re.compile(RE_NONCONTRACTION_APOSTROPHE)
    return _TS_PUNCT.sub("", _ts_apostrophe.sub("", text))


def flesch_kincaid_grade(text: str, language: str) -> float:
    """textstat's ``flesch_kincaid_grade(text)``, the same float, computed from the same
    counts with syllables memoised per word (:func:`lint.syllables.syllable_counter`)."""
    from lint.syllables import offline_textstat, syllable_counter

    offline_textstat(language)  # installs the offline syllable table
    if not text:
        return 0.0
    cleaned = _ts_clean(text)
    n_words = len(cleaned.split())
    if n_words == 0:
        return 0.0
    sentences = _TS_SENTENCE.findall(text)
    n_sentences = max(1, len(sentences) - sum(1 for s in sentences if len(_ts_clean(s).split()) <= 2))
    # textstat lower-cases the cleaned text, then splits it
    syllables = syllable_counter(language).total(cleaned.lower().split())
    sentence_length = n_words / n_sentences
    per_word = syllables / n_words
    if sentence_length == 0 or per_word == 0:
        return 0.0
    return (0.39 * sentence_length) + (11.8 * per_word) - 15.59


@functools.lru_cache(maxsize=None)
def formula_inputs() -> str:
    """What scores depend on besides the text and the options, for the results cache key:
    textstat's and pyphen's versions and the CMU dictionary file (textstat is not imported)."""
    from lint.cache import _dist_version
    from lint.syllables import _source_key, dictionary_path

    try:
        dictionary = _source_key(dictionary_path())
    except (RuntimeError, OSError):
        dictionary = "absent"
    return f"textstat={_dist_version('textstat')}|pyphen={_dist_version('pyphen')}|cmudict={dictionary}"


def language_of(ctx) -> str:
    config = getattr(ctx, "config", None)
    return getattr(config, "language", None) or "en_US"
