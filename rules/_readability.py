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

textstat itself is imported only by :func:`score` for a metric other than the default
(Flesch–Kincaid grade, which :func:`flesch_kincaid_grade` computes as textstat does).
"""

from __future__ import annotations

import functools
import re
import string
from itertools import compress, filterfalse
from operator import not_
from dataclasses import dataclass
from typing import Iterable, Literal

from lint.document import Block, Document

RUNNING_PROSE = frozenset({"paragraph", "line", "list_item", "quote"})
_CLOSERS = "\"'”’)]}»"
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
    # the pieces that are not all letters and digits, less those with a word character: the
    # pieces that are not words (both filters run in C)
    return len(pieces) - len(list(filterfalse(_WORD_CHAR.search, filterfalse(str.isalnum, pieces))))


def at_most_words(text: str, limit: int) -> bool:
    """True when ``text`` surely has at most ``limit`` words (:func:`count_words`), found
    without counting them; False when they must be counted. Words are pieces between white
    space, and the only white space a printable string holds is the space (every other white
    space character is a separator or a control character), so a printable text has at most
    one piece more than it has spaces."""
    return text.count(" ") < limit and text.isprintable()


def _ends_with(text: str, marks: str) -> bool:
    """``re.search("[marks][closers]*$", text)`` for a text without a trailing newline (the
    one place ``$`` also matches): its last character that is not a closer is a mark."""
    core = text.rstrip(_CLOSERS)
    return core != "" and core[-1] in marks


def is_running_prose(block: Block) -> bool:
    # re.search("[.!?…:][closers]*$", block.text.rstrip())
    return block.kind in RUNNING_PROSE and _ends_with(block.text.rstrip(), ".!?…:")


def prose_blocks(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if is_running_prose(b)]


def block_prose(block: Block) -> str:
    """A block's text as textstat should see it: always ending a sentence."""
    return as_prose(block.text)


def as_prose(text: str) -> str:
    """Text as textstat should see it: no addresses, always ending a sentence."""
    text = without_addresses(text).strip()
    return text if _ends_with(text, ".!?") else text + "."  # re.search("[.!?][closers]*$", text)


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
    from textstat's own counts without importing textstat (the same float;
    ``tests/test_readability_fast.py`` compares the two)."""
    if metric == "flesch-kincaid-grade":
        return flesch_kincaid_grade(text, language)
    from lint.syllables import offline_textstat

    ts = offline_textstat(language)
    if metric == "consensus-grade":
        return float(ts.text_standard(text, float_output=True))
    return float(getattr(ts, METRICS[metric].function)(text))


# -- Flesch–Kincaid grade, textstat's formula without textstat -----------------------------
#
# textstat 0.7 (textstat.backend) computes the grade from three counts of the text:
# - words: ``len(list_words(text))``, the pieces between white space of the text with
#   punctuation removed (``remove_punctuation(text, rm_apostrophe=False)``: non-contraction
#   apostrophes, then every character but word characters, white space and apostrophes);
# - sentences: the matches of ``\b[^.!?]+[.!?]*``, less those of two words or fewer;
# - syllables: of each word of the lower-cased cleaned text, the CMU table's count (English),
#   else pyphen's hyphenation points + 1.
# Removing punctuation neither adds nor removes white space, and what it removes from a piece
# depends on that piece only (the apostrophe's look-ahead stops at white space), so it maps
# each piece of the text to at most one word; lower-casing it alone gives what lower-casing
# the whole text gives (the one context rule, final sigma, stops at white space). So each
# piece is worth the same, wherever it stands: :func:`_piece_values` keeps that, per piece.

# textstat.backend.utils.constants.RE_NONCONTRACTION_APOSTROPHE, copied so that the default
# metric never imports textstat (tests/test_readability_fast.py compares the two)
RE_NONCONTRACTION_APOSTROPHE = r"\'(?!" + r"[tsd]|ve|ll|re" + ")"
_TS_APOSTROPHE = re.compile(RE_NONCONTRACTION_APOSTROPHE)
_TS_PUNCT = re.compile(r"[^\w\s\']")
#: marks that textstat's punctuation removal always erases (no word characters, no white
#: space, no apostrophe): what :func:`_piece_values` strips from the ends of a piece
_EDGE_MARKS = "".join(sorted(set(string.punctuation + "“”‘’«»„‚‹›—–…•·¡¿") - {"_", "'"}))
_TS_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
# three pieces with a word character each, from the start: a sentence that matches has three
# words or more (a piece with a word character keeps it when punctuation goes), so it is
# not one of the short sentences textstat leaves out; the others are counted textstat's way
_THREE_WORDS = re.compile(r"[^\w\s]*\w\S*\s+[^\w\s]*\w\S*\s+[^\w\s]*\w")
#: a piece's value: ``WORD + syllables`` for a piece that is a word, 0 for one that is not;
#: a text's sum holds its words above this bit and its syllables below (a word has fewer
#: than 64 syllables in the CMU table and fewer than its length from pyphen, so the
#: syllables of any text that fits in memory stay below it)
_WORD_SHIFT = 40
WORD = 1 << _WORD_SHIFT
_SYLLABLE_MASK = WORD - 1
#: pieces remembered per language before the memo starts again (after the text that passes it)
_MEMO_LIMIT = 200_000


def _ts_clean(text: str) -> str:
    """textstat's ``remove_punctuation(text, rm_apostrophe=False)``: ``list_words`` with its
    defaults is this, split on whitespace."""
    return _TS_PUNCT.sub("", _TS_APOSTROPHE.sub("", text))


_piece_memos: dict[str, tuple[dict[str, int], object]] = {}


def _piece_values(language: str):
    """``(memo, fill)`` for ``language``: ``memo`` maps a piece of text (between white
    space) to its value (:data:`WORD` + its syllables if textstat counts it as a word, else
    0); ``fill(pieces)`` adds the pieces it lacks. Syllables are textstat's
    ``count_syllables`` loop, word for word, over the same table and pyphen dictionary that
    :func:`lint.syllables.offline_textstat` gives textstat; textstat is not imported."""
    found = _piece_memos.get(language)
    if found is not None:
        return found
    from lint import syllables

    lang = syllables.normalize_language(language)
    found = _piece_memos.get(lang)
    if found is not None:
        _piece_memos[language] = found
        return found
    import pyphen

    if not pyphen.language_fallback(lang):
        syllables.offline_textstat(lang)  # raises textstat's "not supported" error
    syllables.seed_pyphen(lang)
    # textstat's count_syllables, for one word, with what lint.syllables installs as textstat's
    # get_cmudict and textstat's get_pyphen: ``cmu[word][0]``'s stressed phones (English),
    # else pyphen's hyphenation points + 1 (SyllableTable.count gives the first as a number,
    # None where the lookup raises; hyphen_point_counter the second, with fewer lookups)
    cmu_count = syllables.table().count if lang.split("_")[0] == "en" else None
    points = syllables.hyphen_point_counter(pyphen.Pyphen(lang=lang))
    memo: dict[str, int] = {}
    # a cleaned, lower-cased word's value (pieces share words); "", what a piece without a
    # word character cleans to, is no word
    values: dict[str, int] = {"": 0}

    def fill(pieces: list[str]) -> None:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
            values.clear()
            values[""] = 0
        for piece in filterfalse(memo.__contains__, pieces):  # (lazy: each new piece once)
            # a piece of letters and digits between marks that are neither word characters
            # nor apostrophes (most pieces: "word", "word,", "(word)") cleans to those letters
            # and digits (\w is str.isalnum or "_"), as the two substitutions of _ts_clean would
            core = piece.strip(_EDGE_MARKS)
            word = (core if core.isalnum() else _ts_clean(piece)).lower()
            value = values.get(word)
            if value is None:
                n = cmu_count(word) if cmu_count is not None else None
                if n is None:
                    n = points(word) + 1
                value = values[word] = WORD + n
            memo[piece] = value

    found = _piece_memos[lang] = _piece_memos[language] = (memo, fill)
    return found


@functools.lru_cache(maxsize=4096)  # readability-score and hard-paragraph score the same blocks
def fk_counts(text: str, language: str) -> tuple[int, int, int, int]:
    """textstat's counts behind the Flesch–Kincaid grade of ``text``: words, sentences
    matched, those of them of two words or fewer, syllables. The counts of texts joined by
    newlines, each ending with ``. ! ?`` and closing marks (:func:`as_prose`), are the sums of
    their counts: no piece and no sentence runs from one into the next."""
    memo, fill = _piece_values(language)
    pieces = text.split()
    try:
        total = sum(map(memo.__getitem__, pieces))
    except KeyError:
        fill(pieces)
        total = sum(map(memo.__getitem__, pieces))
    sentences = _TS_SENTENCE.findall(text)
    unsure = compress(sentences, map(not_, map(_THREE_WORDS.match, sentences)))
    short = sum(1 for s in unsure if len(_ts_clean(s).split()) <= 2)
    return total >> _WORD_SHIFT, len(sentences), short, total & _SYLLABLE_MASK


def fk_grade(counts: tuple[int, int, int, int]) -> float:
    """textstat's ``flesch_kincaid_grade`` from :func:`fk_counts` (of a non-empty text)."""
    n_words, n_matched, n_short, syllables = counts
    if n_words == 0:
        return 0.0  # textstat's ZeroDivisionError guards
    sentence_length = n_words / max(1, n_matched - n_short)
    per_word = syllables / n_words
    if sentence_length == 0 or per_word == 0:
        return 0.0
    return (0.39 * sentence_length) + (11.8 * per_word) - 15.59


def flesch_kincaid_grade(text: str, language: str) -> float:
    """textstat's ``flesch_kincaid_grade(text)`` in ``language``, the same float."""
    _piece_values(language)  # an unsupported language is an error, as in textstat
    if not text:
        return 0.0
    return fk_grade(fk_counts(text, language))


def prose_fk_counts(texts: list[str], language: str) -> list[tuple[int, int, int, int]]:
    """:func:`fk_counts` of each text (memoised)."""
    _piece_values(language)  # an unsupported language is an error, as in textstat
    return [fk_counts(t, language) for t in texts]


def words_and_fk_counts(texts: list[str], language: str, min_words: int, fk: bool):
    """``(prose_words(texts), counts)``: ``counts`` are the texts' :func:`prose_fk_counts`
    when ``fk`` (the metric is Flesch–Kincaid grade) and the texts are long enough to be
    scored (at ten characters a word; the words come with the counts), else None, as for
    shorter texts (their words are counted alone: a short file needs no syllable table) and
    for a language textstat does not support (an error only where a score is needed)."""
    counts = None
    if fk and sum(map(len, texts)) >= 10 * min_words:
        try:
            counts = prose_fk_counts(texts, language)
        except Exception:
            pass
    return prose_words(texts, counts), counts


def prose_flesch_kincaid_grade(counts: list[tuple[int, int, int, int]]) -> float:
    """:func:`flesch_kincaid_grade` of ``"\\n".join(texts)`` for texts made by
    :func:`as_prose` (at least one), from their :func:`prose_fk_counts`."""
    return fk_grade(tuple(map(sum, zip(*counts))))  # type: ignore[arg-type]


def prose_words(texts: list[str], counts: list[tuple[int, int, int, int]] | None = None) -> int:
    """:func:`count_words` of ``"\\n".join(texts)``, from each text's own (memoised) count,
    or, given each text's :func:`fk_counts`, its words for a text without addresses.

    Addresses never span a newline, so the sum is the same, but for a text that only the
    joined text's address check would search (an upper-case "WWW." and no other mark, in a
    document with marks elsewhere): then the joined text is counted. A text that
    :func:`without_addresses` leaves alone has textstat's number of words: both count the
    pieces between white space with a word character (removing punctuation keeps word
    characters and erases a piece without one)."""
    marked = [("://" in t or "www." in t or "@" in t) for t in texts]
    if any(marked) and not all(marked):
        if any("www." in t.lower() for t, m in zip(texts, marked) if not m):
            return count_words("\n".join(texts))
    if counts is None:
        return sum(map(count_words, texts))
    return sum(count_words(t) if m else c[0] for t, m, c in zip(texts, marked, counts))


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
