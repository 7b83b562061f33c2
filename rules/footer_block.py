"""footer-block (BP002): runs of non-prose lines before or after the article body."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from typing import Iterator

from lint.document import Block, Document, Span
from lint.packs import has_unsafe_fold
from lint.rule import Context, Rule, Scope

# Unit classes (after jusText): GOOD article prose, NEAR prose-like but short, SHORT too
# short to judge alone, BAD non-prose on its own evidence.
GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"

# Markdown structure the author wrote: never furniture by shape alone. (In an HTML page a
# list may be the site's menu; in Markdown it is the writer's.)
_AUTHORED = frozenset({"heading", "list_item", "table_cell", "quote", "html_block"})
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
_CLOSERS = "\"'”’)]"  # the closing marks a terminal mark may have after it
_TERMINALS = (".", "!", "?", "…", ":", ";")


def ends_sentence(text: str) -> bool:
    """Does ``text`` end with a terminal mark, then closing marks and white space? (The plain
    regex is TERMINAL in tests/test_footer_block_regex_speed.py.) Found from the end, without
    a regex's scan of the whole text (the closing marks and the terminal ones are neither
    white space nor each other)."""
    return text.rstrip().rstrip(_CLOSERS).endswith(_TERMINALS)


# a number with at most a word: "7k SHARES", "12", "1,024 comments"
_COUNT_NUMBER = re.compile(r"^[^\w$€£¥₩]*\d[\d.,]*\s*[kKmM]?\s*(?:[^\W\d]+\s*)?[^\w$€£¥₩]*$")
# a category or archive entry with its number of posts: "WordPress(53)", "Novembro (113)"
# (not a year: "Alien (1979)" in a list of films)
_COUNT_ENTRY = re.compile(r"^\W*[^\W\d][^()\n]{0,40}?\s*\((?!(?:19|20)\d\d\))\d{1,5}\)\W*$")


def is_count(text: str) -> bool:
    """Either form matches ``text``; the entry form is tried only on a line with a ")", which
    its every match holds (most lines have none)."""
    return _COUNT_NUMBER.match(text) is not None or (")" in text and _COUNT_ENTRY.match(text) is not None)


_SENTENCE_END = re.compile(r"\w[.!?…][\"'”’)]*(?:\s+[\"“‘(]?[A-Z\d]|\s*$)")
_SEPARATORS = re.compile(r"\s[|•·»/]\s|\s[|•·»]|[|•·»]\s")
_SEPARATOR_CHAR = re.compile(r"[|•·»/]")  # in every match of _SEPARATORS: one C scan first


def has_separator(text: str) -> bool:
    """``_SEPARATORS.search(text)``, looked for only where one of its characters is."""
    return _SEPARATOR_CHAR.search(text) is not None and _SEPARATORS.search(text) is not None


@lru_cache(maxsize=None)
def stop_words_for(language: str) -> frozenset[str]:
    """The `stop-words` package's list for ``language`` (an empty set if it has none)."""
    from stop_words import StopWordError, get_stop_words

    try:
        return frozenset(map(str.lower, get_stop_words(language)))
    except StopWordError:
        return frozenset()


# Languages of the stop-words package written with spaces between words.
_LANGUAGES = (
    "english", "german", "french", "spanish", "portuguese", "italian", "dutch", "russian",
    "ukrainian", "polish", "czech", "slovak", "swedish", "danish", "norwegian", "finnish",
    "hungarian", "romanian", "turkish", "indonesian", "catalan", "bulgarian", "greek",
    "vietnamese", "arabic", "persian", "hebrew", "hindi",
)


def pick_stop_words(words: list[str], preferred: str = "en", lowered: bool = False) -> frozenset[str]:
    """The stop-word list that covers most of ``words`` (the configured language unless
    another covers clearly more), so non-English pages are judged in their language.
    ``lowered``: the words are lower-cased already."""
    best, cover_table = _preferred_lists(preferred)
    sample = words[:3000] if lowered else [w.lower() for w in words[:3000]]
    total = len(sample)
    if not total:
        return best

    # both counts below in one pass: _count_in(sample, best) and _count_in(sample, others)
    both = sum(map(cover_table.get, sample, repeat(0)))
    return _pick_from_counts(best, both, total, sample)


def _pick_from_counts(best: frozenset[str], both: int, total: int, sample) -> frozenset[str]:
    """:func:`pick_stop_words` once the sample's ``total`` words are counted: ``both`` their
    sum in the preferred language's cover table (``best``: its list). ``sample``: the words,
    or a function that gives them (needed only when another list may win)."""
    best_cover = (both & _LOW_COUNT) / total
    # No other list can beat the preferred one when all of them together cover too little:
    # each language's count is at most the count of the union of the lists that differ from
    # the preferred one (a list equal to it covers exactly as much, which never wins). The
    # same test the loop below makes, so the answer is the same; most pages stop here.
    if (both >> 32) / total <= best_cover + 0.05:
        return best
    if callable(sample):
        sample = sample()
    for lang in _LANGUAGES:
        stop = stop_words_for(lang)
        cover = _count_in(sample, stop) / total
        if cover > best_cover + 0.05:
            best, best_cover = stop, cover
    return best


def stop_words_and_counts(units: list["Unit"], lowered: list[list[str]], preferred: str,
                          length_low: int) -> tuple[frozenset[str], list[int]]:
    """The page's stop-word list and each unit's number of stop words: the list
    :func:`pick_stop_words` picks from the first 3000 words of the units of at least
    ``length_low`` characters (the language of the prose, not of the menus around it), or of
    all units when those have fewer than 30 words. (``lowered``: each unit's
    :func:`lower_words`.)

    Each unit's words are looked up once, in the preferred language's cover table: the sums
    give both the sample's counts and, when the preferred list is picked (most pages), each
    unit's count (tests/test_footer_block_counts_speed.py: as the plain form)."""
    best, table = _preferred_lists(preferred)
    both = [sum(map(table.get, lw, repeat(0))) for lw in lowered]
    chosen = [i for i, u in enumerate(units) if len(u.text) >= length_low]
    if sum(len(lowered[i]) for i in chosen) < 30:
        chosen = range(len(units))
    total = sample_sum = 0
    for i in chosen:
        lw = lowered[i]
        if total + len(lw) <= 3000:
            total += len(lw)
            sample_sum += both[i]
        else:  # the unit the sample's 3000 words end in
            sample_sum += sum(map(table.get, lw[: 3000 - total], repeat(0)))
            total = 3000
            break
    if not total:
        stop = best
    else:
        stop = _pick_from_counts(best, sample_sum, total, lambda: _first_words(lowered[i] for i in chosen)[:3000])
    if stop is best:
        return stop, [n & _LOW_COUNT for n in both]
    return stop, [sum(map(stop.__contains__, lw)) for lw in lowered]


def _count_in(sample: list[str], words: frozenset[str]) -> int:
    """How many of the sample's words (with repeats) are in ``words``."""
    return sum(map(words.__contains__, sample))


def _first_words(lists, limit: int = 3000) -> list[str]:
    """The words of ``lists`` one after the other, at least the first ``limit`` of them (all
    that pick_stop_words samples)."""
    out: list[str] = []
    for words in lists:
        out += words
        if len(out) >= limit:
            break
    return out


_LOW_COUNT = (1 << 32) - 1  # a sample has at most 3000 words: each count fits in 32 bits


@lru_cache(maxsize=None)
def _cover_table(preferred: str) -> dict[str, int]:
    """Each word of the preferred language's stop words or of :func:`_other_stop_words`:
    1 if it is one of the former, plus 2**32 if one of the latter. A sample's sum of these
    holds both counts (the low 32 bits and the rest) from one pass over it."""
    return _table_of(stop_words_for(preferred), _other_stop_words(preferred))


def _table_of(mine: frozenset[str], others: frozenset[str]) -> dict[str, int]:
    table = dict.fromkeys(mine - others, 1)
    table.update(dict.fromkeys(mine & others, 1 + (1 << 32)))
    table.update(dict.fromkeys(others - mine, 1 << 32))
    return table


@lru_cache(maxsize=None)
def _preferred_lists(preferred: str) -> tuple[frozenset[str], dict[str, int]]:
    """``(stop_words_for(preferred), _cover_table(preferred))``, read from a cache file when
    the stop-words package's files are the ones it was built from: reading the 28 lists and
    joining them costs about 20 ms (the package's import included) in every process that
    lints a page, the file about 4 ms."""
    from lint.syllables import cached_build

    folder = _stop_words_folder()
    if folder is None:
        return stop_words_for(preferred), _cover_table(preferred)
    try:
        stamps = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(folder))
    except OSError:
        return stop_words_for(preferred), _cover_table(preferred)
    key = f"{preferred} {','.join(_LANGUAGES)} {stamps}"

    def build() -> tuple[frozenset[str], frozenset[str]]:
        return stop_words_for(preferred), _other_stop_words(preferred)

    def dump(lists) -> str:  # the preferred list, a blank line, the others' words
        return "\n".join(sorted(lists[0])) + "\n\n" + "\n".join(sorted(lists[1])) + "\n"

    def load(body: str):
        mine, sep, others = body.partition("\n\n")
        if not sep or not body.endswith("\n"):
            return None
        return frozenset(mine.split("\n")) - {""}, frozenset(others.split("\n")) - {""}

    mine, others = cached_build(f"stopwords-{preferred}.txt", key, build, dump, load)
    return mine, _table_of(mine, others)


def _stop_words_folder():
    """The word-list folder of the installed stop-words package (found without importing
    it), or None."""
    import importlib.util
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("stop_words")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "stop-words"
    return folder if folder.is_dir() else None


@lru_cache(maxsize=None)
def _other_stop_words(preferred: str) -> frozenset[str]:
    """Every word of the lists in _LANGUAGES that differ from the preferred language's."""
    mine = stop_words_for(preferred)
    return frozenset().union(*(s for s in map(stop_words_for, _LANGUAGES) if s != mine))


@dataclass
class Unit:
    """One line (scraped dump) or block (paragraph, heading, list item) of the document."""

    start: int  # source span, when no block gives it (see span)
    end: int
    text: str
    kind: str
    cls: str = SHORT
    #: structure the author wrote in Markdown (heading, list item, table, raw HTML)
    authored: bool = False
    #: one of a run of counts of the same thing (see tally_runs)
    tally: bool = False
    #: the block the unit is: its source span is looked up only when the unit is reported
    block: Block | None = None

    @property
    def span(self) -> Span:
        return self.block.span if self.block is not None else Span(self.start, self.end)


def units_of(doc: Document) -> list[Unit]:
    out = []
    for block in doc.blocks:
        if not block.text.strip():
            continue
        authored = doc.format == "markdown" and block.kind in _AUTHORED
        out.append(Unit(0, 0, block.text, block.kind, authored=authored, block=block))
    return out


# The characters of _WORD's runs in lower-cased ASCII text: a run of them between other
# characters holds one word, from its first letter to its last \w (see lower_words).
_ASCII_RUN = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789_'-" else 32 for c in range(256))
_ASCII_LETTERS_AND_SPACE = b" abcdefghijklmnopqrstuvwxyz"
_NOT_LETTER = "0123456789_'-"  # the run characters a word cannot start with
_NOT_WORD = "'-"  # the run characters a word cannot end with (not \w)
# punctuation (no \w, no white space) a non-ASCII token may carry around a word of letters
_EDGE_PUNCTUATION = ".,;:!?\"'“”‘’„«»()[]{}-–—…/&*"


def lower_words(text: str) -> list[str]:
    """The words of ``text`` (``_WORD``), lower-cased: what stop-word densities count.

    The words of the lower-cased text: lower-casing keeps each character one character of
    the same kind for ``_WORD`` (checked over every code point) but for İ ı ſ.

    Found without the regex where that is exact (tests/test_footer_block_speed.py): a
    ``_WORD`` match holds no white space, so the words of a text are those of its
    white-space-separated tokens, in order, and a token of letters only is one word. In
    ASCII text every character outside ``[a-z0-9_'-]`` may become a space (none is in a
    match); each run left holds one word: from its first letter to its last word character."""
    if text.isascii():
        runs = text.lower().encode("ascii").translate(_ASCII_RUN)
        tokens = runs.decode("ascii").split()
        if not runs.translate(None, _ASCII_LETTERS_AND_SPACE):
            return tokens  # letters only
        words = [w if w.isalpha() else w.lstrip(_NOT_LETTER).rstrip(_NOT_WORD) for w in tokens]
        return [w for w in words if w] if "" in words else words
    if has_unsafe_fold(text):
        return [w.lower() for w in _WORD.findall(text)]
    words: list[str] = []
    append = words.append
    for w in text.lower().split():
        if w.isalpha():
            append(w)
        else:
            core = w.strip(_EDGE_PUNCTUATION)  # "“Hello,” → hello": a word between punctuation
            if core.isalpha():
                append(core)
            else:
                words.extend(_WORD.findall(w))
    return words


def density_of(text: str, stop: frozenset[str], lowered: list[str] | None = None) -> float:
    words = lower_words(text) if lowered is None else lowered
    return sum(map(stop.__contains__, words)) / len(words) if words else 0.0


def density_scale(texts: list[str], stop: frozenset[str], opts: "FooterBlock.Options",
                  lowered: list[list[str]] | None = None, stops: list[int] | None = None) -> float:
    """How the thresholds scale to this page's stop-word list: stop-word lists differ in
    length (English 1,333 words, German 263), so prose of another language has a lower
    density. The upper quartile of long lines' densities stands for this page's prose.
    ``lowered``: each text's :func:`lower_words`, if known; ``stops``: how many of those
    are in ``stop``."""
    if lowered is None:
        lowered = [None] * len(texts)
    if stops is not None:
        dens = sorted(n / len(lw) if lw else 0.0
                      for t, lw, n in zip(texts, lowered, stops) if len(t) >= opts.length_good)
    else:
        dens = sorted(density_of(t, stop, lw) for t, lw in zip(texts, lowered) if len(t) >= opts.length_good)
    if len(dens) < 3:
        return 1.0
    ref = dens[(3 * len(dens)) // 4]
    return max(0.5, min(1.0, ref / PROSE_DENSITY))


# Stop-word density of ordinary English prose with the `stop-words` list (0.5-0.6).
PROSE_DENSITY = 0.5


def classify(text: str, stop: frozenset[str], opts: "FooterBlock.Options", scale: float = 1.0,
             lowered: list[str] | None = None, stops: int | None = None) -> str:
    """A unit's class from its own text: length, stop-word density, punctuation.
    ``lowered``: the text's :func:`lower_words`, if known; ``stops``: how many are in ``stop``."""
    stripped = text.strip()
    n = len(stripped)
    words = lower_words(stripped) if lowered is None else lowered
    if not words:
        return BAD
    if stops is None:
        stops = sum(map(stop.__contains__, words))
    density = stops / len(words) / scale
    separators = len(_SEPARATORS.findall(stripped)) if _SEPARATOR_CHAR.search(stripped) else 0
    if separators >= 2 and separators * 4 >= len(words):
        return BAD  # "Home | News | Sport", "Privacy Policy • Terms"
    if n >= opts.length_good and density >= opts.stop_words_good:
        return GOOD
    if n >= opts.length_low:
        if density >= opts.stop_words_near and ends_sentence(stripped):
            return NEAR
        if density < opts.stop_words_bad:
            return BAD
        return SHORT if density >= opts.stop_words_near else BAD
    if _DATE_LINE.match(stripped):
        return BAD  # "Tuesday November 19, 2019", "Nov 19, 2019, 10:31 pm CST"
    if len(words) <= 3 and not ends_sentence(stripped):
        return BAD  # "Share", "Tweet", "Sports", "7k SHARES"
    if is_count(stripped):
        return BAD
    return SHORT


@lru_cache(maxsize=1)
def _footer_phrases():
    """The built-in template-footer pack's (BP001) phrases: known furniture phrases."""
    from lint.packs import PackIndex, load_pack
    from lint.registry import builtin_pack_dir

    try:
        # as the registry loads it (patterns compiled on first use): the same rule class, so
        # the same index, whose regexes template-footer has compiled already
        rule = load_pack(builtin_pack_dir() / "template-footer.yaml", check_patterns=False)
    except Exception:  # the pack is validated by its own tests; never crash this rule
        return PackIndex(())
    return rule.index()


@lru_cache(maxsize=4096)
def known_phrase(text: str) -> bool:
    """Does a template-footer phrase cover most of this line?"""
    from lint.packs import covered_alnum

    if len(text.split(None, 30)) > 30:  # more than 30 words (the split stops at the 31st)
        return False
    found = _footer_phrases().hits(text)
    if not found:
        return False
    alnum = sum(map(str.isalnum, text))
    return bool(alnum) and covered_alnum(text, [h for spans in found.values() for h in spans]) >= 0.6 * alnum


_ATTRIBUTION = re.compile(r"^[—–-]\s*\w")  # "— Jane Doe (@jane) May 2, 2019"
_CLAUSE_MARK = re.compile(r"[,:;]")
_MINOR = frozenset("a an and as at by for from in into of on or the to vs via with & - – —".split())
_QUANTITY = re.compile(r"^\W*(?:\d+(?:[./,-]\d+)*|[½¼¾⅓⅔]|one|two|three|half)\s+[^\W\d]", re.IGNORECASE)


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}})"
_TIME = r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
# a line that is only a date (and time): a byline or a listing's date, never prose
_DATE_LINE = re.compile(
    rf"^\W*(?:(?:updated|published|posted)(?:\s+on)?:?\s+)?(?:{_WEEKDAY}\s+)?{_DATE}(?:,?\s*(?:at\s+)?{_TIME}(?:\s*[A-Z]{{2,4}})?)?\W*$"
    # an archive widget's entries: "October 2019", "2019", "November" (a line of its own)
    rf"|^\W*(?:{_MONTH}\s+(?:19|20)\d\d|(?:19|20)\d\d|(?:january|february|march|april|may|june|july|august|september|october|november|december))(?:\s*\(\d+\))?\W*$",
    re.IGNORECASE,
)
# "Alex on September 17, 2018 at 6:34 am said:", "Jane says:", "November 19, 2019 at 9:45 am"
# (the header of one reader comment: each match has a time, "6:34", or ends with a colon)
_COMMENTER_SOURCE = (
    rf"^(?:.{{1,60}}?\s+(?:on\s+)?)?{_DATE}\s*(?:at|@|-|,)?\s*{_TIME}\s*(?:said|says|wrote)?\s*:?\s*$"
    rf"|^.{{1,60}}?\s+(?:said|says|wrote)\s*:\s*$"
)
# the other markers: each match holds one of _COMMENT_STEMS
_COMMENT_WORDS_SOURCE = (
    rf"^\W*(?:\d+\s+)?(?:comments?|responses?|replies)\W*$"
    # WordPress's heading of a thread: "10 thoughts on “Business Focus: …”", "3 responses to …"
    rf"|^\W*\d+\s+(?:thoughts?|comments?|responses?|replies)\s+(?:on|to)\s+\W?\w.{{0,200}}$"
    rf"|^\W*(?:view|show|load|hide|loading|read)\s+(?:all\s+)?(?:\d+\s+)?comments\W*$"
    rf"|^\W*(?:leave|post|add|write)\s+a\s+(?:reply|comment|response)\b.{{0,40}}$"
    rf"|^\W*reply\W*$"
)
_COMMENT_HEADER = re.compile(_COMMENTER_SOURCE + "|" + _COMMENT_WORDS_SOURCE, re.IGNORECASE)
#: _COMMENT_HEADER without the alternatives that need a time or a final colon (each of its
#: alternatives starts with ^: it matches where one of them does)
_COMMENT_WORDS = re.compile(_COMMENT_WORDS_SOURCE, re.IGNORECASE)


# the header of one reader comment: "Alex on September 17, 2018 at 6:34 am said:",
# "Cherie McCluney August 17, 2019 - 2:19 pm", "Jane says:"
_COMMENTER = re.compile(_COMMENTER_SOURCE, re.IGNORECASE)
# what closes a thread: "Reply", "Comments are closed.", "Leave a Comment", "Cancel reply"
_THREAD_END = re.compile(
    r"^\W*(?:reply|cancel\s+reply|comments?\s+are\s+closed\W*|(?:leave|post|add|write)\s+a\s+(?:reply|comment|response)\b.*)$",
    re.IGNORECASE,
)
#: units a comment may run over after its header
COMMENT_UNITS = 12


def comment_thread(units: list[Unit], start: int) -> tuple[int, int] | None:
    """[first, last] of a thread of reader comments after unit ``start``: from the first of
    at least two comment headers (or a "2 comments" marker just before it) to the end of the
    last comment (its "Reply" line, or the line before the next furniture)."""
    headers = [i for i in range(start, len(units))
               if _may_be_commenter(units[i].text) and _COMMENTER.match(units[i].text.strip())]
    if len(headers) < 2:
        return None
    first = headers[0]
    for k in range(first - 1, max(start, first - 3) - 1, -1):
        if comment_marker(units[k].text):
            first = k
    last = headers[-1]
    for j in range(headers[-1] + 1, min(len(units), headers[-1] + 1 + COMMENT_UNITS)):
        text = units[j].text.strip()
        if _THREAD_END.match(text):
            last = j
            break
        if strong_furniture(units[j]) or (units[j].cls == BAD and furniture_score(units[j]) >= 1.0):
            break
        last = j
    return first, last


_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_CONSENT = re.compile(
    r"\b(?:website|site|browser|browsing|experience|consent|accept|opt[- ]?(?:in|out)|privacy|"
    r"personali[sz]ed?|analytics|third[- ]party|preferences|tracking|settings)\b",
    re.IGNORECASE,
)


def _may_match(text: str, stems: tuple[str, ...]) -> bool:
    """False only when a ``re.IGNORECASE`` pattern each of whose matches holds one of the
    lower-case ``stems`` cannot match ``text``: one ``str.lower`` and an ``in`` per stem (C
    scans) instead of the pattern's own scan, which an alternation of words makes slow.
    Exact because every character IGNORECASE matches to an ASCII letter lower-cases to that
    letter, except İ, ı and ſ (:data:`lint.packs.UNSAFE_FOLD_RX`): with one of those the
    answer is yes."""
    return _has_stem(_stem_text(text), stems)


def _stem_text(text: str) -> str | None:
    """``text.lower()`` for :func:`_has_stem`, or None when the text holds İ, ı or ſ."""
    if not text.isascii() and has_unsafe_fold(text):
        return None
    return text.lower()


def _has_stem(low: str | None, stems: tuple[str, ...]) -> bool:
    """:func:`_may_match` on the text :func:`_stem_text` made (None: yes)."""
    if low is None:
        return True
    for stem in stems:
        if stem in low:
            return True
    return False


_PROMO = re.compile(
    r"\b(?:subscribe|subscription|newsletters?|sign\s+up|unsubscribe|no\s+spam|follow\s+us|"
    r"join\s+our|inbox|e-?mail\s+(?:updates|alerts)|delivered\s+(?:to|through)\s+your)\b",
    re.IGNORECASE,
)
# every match of _PROMO holds one of these
_PROMO_STEMS = ("subscri", "newsletter", "sign", "spam", "follow", "join", "inbox", "mail", "deliver")


@lru_cache(maxsize=8192)
def promo_notice(text: str) -> bool:
    """A newsletter or follow prompt written as a sentence: "Sign up for e-mail newsletters…
    No spam, we promise. You can unsubscribe at any time" (two of the words such prompts
    are made of, in at most 60 words)."""
    if len(text.split(None, 60)) > 60 or not _may_match(text, _PROMO_STEMS):
        return False
    return _promo_words(text)


def _promo_words(text: str) -> bool:
    """:func:`promo_notice` once its cheap conditions hold (at most 60 words, a stem)."""
    return len({m.group().lower() for m in _PROMO.finditer(text)}) >= 2


_ADDRESS = re.compile(r"\b(?:we|our|us|you|your)\b", re.IGNORECASE)


def reader_consent_notice(text: str) -> bool:
    """A cookie banner that speaks to the reader ("We use cookies…", "you consent to…"): page
    furniture wherever it stands, even between two paragraphs. (An article about cookie
    rules reports on banners; it does not address the reader as "you" and "our site".)"""
    return consent_notice(text) and bool(_ADDRESS.search(text))


# A photo credit that ends a line: "(Photo by Kevin Mazur/Getty Images)", "(Image: GETTY)",
# "Credit: NASA", "© Reuters / David Mercado", "Photo: Jane Doe", "Sakib Ali/Hindustan
# Times/Getty Images" (a picture agency after a slash, on a short line of its own).
_CREDIT = re.compile(
    r"(?:\((?:ap\s+)?(?:photo|image|picture|photograph|illustration|video|credit)s?(?:\s+credit)?(?:\s+by|\s*:)[^()]{2,80}\)"
    # unbracketed, the keyword starts the line or follows a sentence or a dash
    r"|(?:^|[.!?)\]]\s+|\s[-–—|]\s*)(?:photo|image|picture|photograph|illustration)s?(?:\s+credit)?(?:\s+by|\s*:)\s*[A-Z][^.!?]{0,59}[^.!?:\s]"
    r"|(?:^|[.!?)\]]\s+|\s[-–—|]\s*)credits?\s*:\s*[A-Z][^.!?]{0,59}[^.!?:\s]"
    r"|©\s*[^.!?©]{1,59}[^.!?©:\s])[\s.)\]]*$",
    re.IGNORECASE,
)
# every credit form holds one of these (in any case): a cheap test before the long pattern
_CREDIT_STEMS = ("photo", "image", "picture", "illustration", "credit", "video", "©", "/")
_AGENCY = re.compile(
    r"/\s*(?:getty\s+images|afp|reuters|ap(?:\s+photo)?|epa|shutterstock|istock(?:photo)?|alamy)(?:\s+file)?\W*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def photo_credit(text: str) -> bool:
    """A photo credit or a caption ending in one. Every credit form names who took or owns
    the picture after a keyword ("Photo by", "Image:", "Credit:", "©") or a picture agency
    after a slash on a short line; a line of more than 60 words is prose, not a caption."""
    words = len(text.split(None, 60))  # the number of words, or 61 for more than 60
    if words > 60 or not _may_match(text, _CREDIT_STEMS):
        return False
    return _credit_forms(text, words)


def _credit_forms(text: str, words: int) -> bool:
    """:func:`photo_credit` once its cheap conditions hold (``words``: at most 60, a stem)."""
    if _CREDIT.search(text):
        return True
    return words <= 12 and not ends_sentence(text) and bool(_AGENCY.search(text))


@lru_cache(maxsize=8192)
def self_evident(text: str) -> bool:
    """Furniture written as prose, known by its own words: a cookie or newsletter notice,
    a teaser card, a photo caption with its credit, a comment header or a known phrase.

    Each test runs only when the cheap condition it starts with holds (the same condition,
    so the answer is the same): the text is lower-cased once for all of them, and its words
    are counted only for a test that needs the number."""
    low = _stem_text(text)
    if _has_stem(low, ("cookie",)) and consent_notice(text):
        return True
    words = -1  # not counted yet; then the number of words, or 61 for more than 60
    if _has_stem(low, _PROMO_STEMS):
        words = len(text.split(None, 60))
        if words <= 60 and _promo_words(text):
            return True
    if glued_teaser(text):
        return True
    if _has_stem(low, _CREDIT_STEMS):
        if words < 0:
            words = len(text.split(None, 60))
        if words <= 60 and _credit_forms(text, words):
            return True
    if _comment_marker(text, low):
        return True
    if words < 0:
        # k words take at least 2k - 1 characters: 60 characters hold at most 30 words
        words = len(text.split(None, 30)) if len(text) > 60 else 0  # 31: more than 30
    return words <= 30 and known_phrase(text)


@lru_cache(maxsize=8192)
def notice_kind(text: str) -> str | None:
    """"cookie notice" or "photo credit" when the line is one (flagged even inside the body).
    (Each test runs only when its first cheap condition holds, on a text lower-cased once.)"""
    low = _stem_text(text)
    if _has_stem(low, ("cookie",)) and reader_consent_notice(text):
        return "cookie notice"
    if _has_stem(low, _CREDIT_STEMS) and photo_credit(text):
        return "photo credit"
    return None


@lru_cache(maxsize=8192)
def consent_notice(text: str) -> bool:
    """A cookie or consent banner: "This website uses cookies to improve your experience…"
    (the word cookie, and three of the words such banners are made of)."""
    if not _may_match(text, ("cookie",)) or not _COOKIE.search(text):
        return False
    return len({m.group().lower() for m in _CONSENT.finditer(text)}) >= 3


# a headline glued to its teaser sentence by a scraper: "…Poached In Northern MichiganMichigan
# Department of Natural Resources conservation officers…", "Is Violence In Sports On The
# Rise?Violence is part of the game…"
# (after three lower-case letters: "McChrystal", "MacBook", "YouTube" are names, not glue)
# (a quote or bracket only when it closes something: 'on MSNBC's "The 11th Hour' is not glue)
# (written to start with the capital it consumes, so that the regex engine skips from capital
# to capital instead of trying every position, its lookbehinds including that capital: its
# matches start where those of the plain zero-width form do, tests/test_regex_speed.py)
_GLUE_AT_CAPITAL = re.compile(
    r"[A-Z](?:(?<=[a-z]{3}[A-Z])|(?<=[\d?!.][A-Z])|(?<=\S[’'\"”)\]][A-Z]))(?=[a-z]|(?<=A)\s[a-z\d])"
)


@lru_cache(maxsize=8192)
def glued_teaser(text: str) -> bool:
    """A teaser card: a Title Case headline of 3-20 words glued, without a space, to a
    sentence of at least 8 words."""
    # a headline of at most 20 words ends within the first few hundred characters: looking
    # further would make a long line of camel case cost its length squared
    for m in _GLUE_AT_CAPITAL.finditer(text, 0, min(len(text), 300)):
        head, rest = text[: m.start()], text[m.start() :]
        words = head.split()
        if not 3 <= len(words) <= 20:
            continue
        long_words = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
        if not long_words or sum(w[:1].isupper() for w in long_words) < 0.8 * len(long_words):
            continue
        tail = rest.split()
        if len(tail) >= 8 and sum(w[:1].islower() for w in tail) >= 0.5 * len(tail):
            return True
    return False


#: a list of other articles' headlines: this many headline-like lines in a row
HEADLINE_RUN = 8
# a sentence ending inside the line: "…word. The", "…said.” He"; written to start with the
# mark, a lookbehind for the word character before it, so that the engine skips from mark to
# mark instead of trying every word character: it finds a match where "\w[.!?]…" does
_MID_SENTENCE_END = re.compile(r"[.!?](?<=\w[.!?])[\"'”’)]*\s+[\"“‘(]?[A-Z]")


def headline_like(unit: Unit) -> bool:
    """One line of 4-25 words that reads as a headline: no closing punctuation, one
    sentence at most, not starting in lower case, not structure the author marked up."""
    if unit.authored:
        return False
    text = unit.text.strip()
    if text[:1].islower() or ends_sentence(text):
        return False  # (a sentence's end first: most paragraphs have one, and it is cheap)
    n = len(text.split(None, 25))  # the number of words, or 26 for more than 25
    return 4 <= n <= 25 and not _MID_SENTENCE_END.search(text)


_NOT_SHAPE = re.compile(r"[\w\s]+")


def _structured(lines: list[str]) -> bool:
    """Lines of one template: a content list ("June 9 -- Arena, City, FL", "Spain (Group F):
    11th appearance"), not a list of other articles' headlines, whose punctuation varies.
    True when half the lines or more have the same non-empty punctuation, and more lines
    have it than have no punctuation at all. (Ties used to fall to the order of a set, which
    changes with the hash seed: the same page could be flagged in one run and not the next.)"""
    shapes = Counter(_NOT_SHAPE.sub("", t) for t in lines)
    bare = shapes.pop("", 0)
    if not shapes:
        return False
    best = max(shapes.values())
    return best > bare and best * 2 >= len(lines)


# the heading of a list of other articles: "Related coverage from Money:", "Most read in
# World", "More from NBC News", "You may also like", "Don't miss", "Further reading"
_LIST_HEADING = re.compile(
    r"^\W*(?:related\b|more\s+(?:from|on|in|stories|news|articles)\b|most\s+(?:read|popular|viewed|shared)\b"
    r"|(?:recommended|suggested)\s+(?:for\s+you|reading|stories|articles|posts)\b|you\s+may\s+(?:also\s+)?(?:like|enjoy)\b"
    r"|(?:read|see)\s+(?:more|next|also)\b|popular\s+(?:posts|stories|articles)\b|trending\b|latest\s+(?:news|stories|videos|posts)\b"
    r"|don'?t\s+miss\b|top\s+stories\b|further\s+reading\b).{0,50}$",
    re.IGNORECASE,
)
#: a shorter run counts when such a heading introduces it
HEADED_RUN = 3


def _dek(unit: Unit) -> bool:
    """The one-sentence summary a list of headlines may carry under each headline."""
    text = unit.text.strip()
    return not unit.authored and 4 <= len(text.split()) <= 40 and not _MID_SENTENCE_END.search(text)


def headline_runs(units: list[Unit]) -> list[bool]:
    """Units inside a run of at least HEADLINE_RUN headline-like lines, or HEADED_RUN right
    under a list heading ("Most read", "More from", "Related coverage"), where each headline
    may carry a one-sentence summary: furniture when they stand outside the article body."""
    like = [headline_like(u) for u in units]
    out = [False] * len(units)
    i = 0
    while i < len(units):
        if not like[i]:
            i += 1  # no run starts here, headed or not (most units): no heading to look for
            continue
        j = i
        headed = i > 0 and bool(_LIST_HEADING.match(units[i - 1].text.strip()))
        while j < len(units) and (like[j] or (headed and j > i and like[j - 1] and _dek(units[j]))):
            j += 1
        need = HEADED_RUN if headed else HEADLINE_RUN
        if j - i >= need and not _structured([units[k].text for k in range(i, j) if like[k]]):
            out[i - headed : j] = [True] * (j - i + headed)  # with its heading
        i = max(j, i + 1)
    return out


#: counts of one thing in a row that make a table of results, not a widget
TALLY_RUN = 5
# a number, then the thing it counts: "%165 голосов", "12 votes", "7k SHARES"
_COUNT_OF = re.compile(r"^\W*\d[\d.,]*\s*[kKmM]?\s+([^\W\d_]{3,})")


def tally_runs(units: list[Unit]) -> list[bool]:
    """Units in a run of at least TALLY_RUN count lines that count the same thing ("%165
    голосов", "%61 голос", … under a poll; "12 votes", "9 votes"): a poll's or a table's
    results are the article's data. Widgets count different things ("7k SHARES", "3
    Comments") or list different names with their counts ("WordPress (53)", "News (12)").
    The thing counted is the first word after the number, up to its first four letters, so
    inflected forms count as one."""
    keys: list[str | None] = []
    for u in units:
        text = u.text.strip()
        m = _COUNT_OF.match(text) if is_count(text) else None
        keys.append(m.group(1).lower()[:4] if m else None)
    out = [False] * len(units)
    i = 0
    while i < len(units):
        j = i
        while j < len(units) and keys[j] is not None and keys[j] == keys[i]:
            j += 1
        if j - i >= TALLY_RUN:
            out[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    return out


@lru_cache(maxsize=8192)
def comment_marker(text: str) -> bool:
    """A line that opens or structures a reader-comment section."""
    return _comment_marker(text, _stem_text(text))


def _comment_marker(text: str, low: str | None) -> bool:
    """:func:`comment_marker` (``low``: :func:`_stem_text` of ``text``). A line without a
    time and without a final colon can only be one of the markers of words, each with one
    of _COMMENT_STEMS: the long pattern of a commenter's header (up to 60 characters tried
    before a date) is run only on a line that may be one."""
    if _may_be_commenter(text):
        return _COMMENT_HEADER.match(text.strip()) is not None
    return _has_stem(low, _COMMENT_STEMS) and _COMMENT_WORDS.match(text.strip()) is not None


# every match of _COMMENT_HEADER holds one of these, or a time ("6:34": a colon and a digit
# after it), or ends with a colon ("Jane says:")
_COMMENT_STEMS = ("comment", "respons", "repl", "thought")
_COLON_DIGIT = re.compile(r":\d")


def _may_be_comment_marker(text: str, low: str | None) -> bool:
    """False only when _COMMENT_HEADER cannot match ``text.strip()`` (``low``:
    :func:`_stem_text` of ``text``)."""
    return _has_stem(low, _COMMENT_STEMS) or _may_be_commenter(text)


def _may_be_commenter(text: str) -> bool:
    """False only when _COMMENTER cannot match ``text.strip()``: each of its matches has a
    time ("6:34": a colon and a digit after it) or ends with a colon ("Jane says:")."""
    return ":" in text and (text.rstrip().endswith(":") or _COLON_DIGIT.search(text) is not None)




def furniture_score(unit: Unit) -> float:
    """Evidence that a line outside the article body is page furniture (> 0) or content
    such as a list item, a table row or a heading introducing one (< 0)."""
    text = unit.text.strip()
    if unit.tally:
        return -0.5  # one of a run of counts of one thing: a poll's or a table's results
    if self_evident(text):  # a known phrase, comment header, cookie notice, teaser, credit, prompt
        return 1.0
    if unit.authored:
        return -0.5  # a heading, list item or table cell the author marked up is content
    if unit.cls == BAD and (has_separator(text) or is_count(text) or _DATE_LINE.match(text)):
        return 1.0
    if text.endswith(":") or _QUANTITY.match(text):
        return -1.0  # "Ingredients:", "1 tsp cinnamon", "8-9 ripe pears"
    if unit.cls == GOOD:
        return 0.0  # a teaser or a comment: position decides
    words = text.split()
    letters = [w for w in words if w[:1].isalpha()]
    digits = sum(map(str.isdigit, text))
    if digits >= 3 and digits * 5 >= len(text):
        return -1.0  # table rows, results, schedules
    if _ATTRIBUTION.match(text):
        return -0.5  # "— Jane Doe (@jane) May 2, 2019": an attribution under a quote
    if text[:1].islower():
        return -0.5  # a continuation or a list item, not a menu entry
    if ends_sentence(text) and len(words) >= 5:
        return -0.75  # a sentence
    if not ends_sentence(text) and letters and not digits:
        caps = sum(1 for w in letters if w[:1].isupper() or w.lower() in _MINOR)
        if caps == len(letters) and len(letters) <= 15:
            return 1.0  # "Privacy Policy", "Ten Things We Learned From the Budget"
    return -0.25


# Site-navigation entries: a whole line that is one of these is a menu item. Evidence for a
# run of furniture only, never reported line by line (a heading "News" is fine on its own).
_NAV = re.compile(
    r"^\W*(?:home(?:\s*page)?|news|latest(?:\s+news)?|sports?|business|politics|world|local|weather"
    r"|opinion|entertainment|lifestyle|tech(?:nology)?|science|health|travel|culture|videos?"
    r"|podcasts?|photos?|galleries|search|menu|main\s+menu|sign\s*in|sign\s*up|log\s*in|log\s*out"
    r"|register|subscribe|subscriptions?|newsletters?|about(?:\s+us)?|contact(?:\s+us)?|privacy"
    r"|privacy\s+(?:policy|notice|settings)|cookie\s+(?:policy|settings)|terms(?:\s+(?:of\s+(?:use|service)|and\s+conditions|&\s+conditions))?"
    r"|advertise(?:\s+with\s+us)?|careers|jobs|sitemap|site\s+map|rss(?:\s+feeds?)?|help|faq|more"
    r"|trending|popular|most\s+(?:popular|read)|topics|sections|archives?|categories|tags|events"
    r"|shop|store|donate|my\s+account|account|facebook|twitter|instagram|youtube|linkedin|pinterest)\W*$",
    re.IGNORECASE,
)


def strong_furniture(unit: Unit) -> bool:
    """Furniture on its own evidence: a known phrase, a navigation entry, a comment header,
    a separator list, a count or a date line."""
    text = unit.text.strip()
    if (unit.authored or unit.tally) and not known_phrase(text):
        return False
    return self_evident(text) or bool(_NAV.match(text)) or (
        unit.cls == BAD and bool(has_separator(text) or is_count(text) or _DATE_LINE.match(text))
    )


def menu_like(unit: Unit) -> bool:
    """Unmistakable furniture even between paragraphs: a known phrase, a comment header,
    a separator list, a count or a date line, or a menu entry (at most four capitalised
    words, no comma or colon)."""
    if unit.cls == GOOD:
        # (most units of the body: furniture_score gives a prose unit 1.0 only when it is
        # self-evident furniture and not one of a tally)
        if unit.tally or not self_evident(unit.text.strip()):
            return False
    elif furniture_score(unit) < 1.0:
        return False
    text = unit.text.strip()
    words = text.split()
    if len(words) <= 4 and not _CLAUSE_MARK.search(text) and not unit.authored:
        return True
    return strong_furniture(unit)


def best_run(scores: list[float], from_end: bool) -> int:
    """Length of the suffix (or prefix) with the highest total score (0 if none is positive)."""
    best, best_len, total = 0.0, 0, 0.0
    seq = reversed(scores) if from_end else scores
    for k, sc in enumerate(seq, start=1):
        total += sc
        if total > best:
            best, best_len = total, k
    return best_len


def content_region(units: list[Unit], opts: "FooterBlock.Options") -> tuple[int, int] | None:
    """Index range [first, last] of the article body: the heaviest cluster of GOOD units
    (clusters break at more than ``max-gap`` non-prose units) plus every cluster at least
    ``cluster-share`` as heavy. ``None`` when the document has no article body."""
    clusters: list[list[int]] = []  # [first, last, weight, non-prose units before it]
    gap = 0
    for i, u in enumerate(units):
        if u.cls == GOOD:
            weight = len(u.text)
            if clusters and gap <= opts.max_gap:
                clusters[-1][1] = i
                clusters[-1][2] += weight
            else:
                clusters.append([i, i, weight, gap])
            gap = 0
        elif u.cls != NEAR:  # prose-like lines neither break nor weigh
            gap += 1
    if not clusters:
        return None
    top = max(range(len(clusters)), key=lambda k: clusters[k][2])
    heaviest = clusters[top][2]
    if heaviest < opts.min_body:
        return None

    def joins(c: list[int], gap_units: int) -> bool:
        # a heavy run of prose anywhere is body; a lighter one joins when it is close
        return c[2] >= opts.cluster_share * heaviest or c[2] >= opts.gap_cost * gap_units

    lo, hi = top, top
    while lo > 0 and joins(clusters[lo - 1], clusters[lo][3]):
        lo -= 1
    while hi + 1 < len(clusters) and joins(clusters[hi + 1], clusters[hi + 1][3]):
        hi += 1
    # heavy runs further out (a second part of the article after a long list) are body too
    for k in range(len(clusters)):
        if clusters[k][2] >= opts.cluster_share * heaviest:
            lo, hi = min(lo, k), max(hi, k)
    return clusters[lo][0], clusters[hi][1]


def comment_section_start(units: list[Unit], first: int, last: int, opts) -> int:
    """End of the body when reader comments follow the article inside the prose region:
    the last prose unit before the first comment marker ("3 Comments", "Leave a Reply",
    "Alex on May 2, 2018 at 6:34 am said:") that follows most of the prose and has another
    marker after it, or that starts a run of four markers."""
    # (a comment marker is self-evident furniture, whose cached answer rules most lines out)
    markers = [i for i in range(first, len(units))
               if self_evident(units[i].text.strip()) and comment_marker(units[i].text)]
    total = sum(len(units[i].text) for i in range(first, last + 1) if units[i].cls == GOOD)
    prose = 0
    k = 0
    for i in range(first, last + 1):
        while k < len(markers) and markers[k] < i:
            k += 1
        # two markers after most of the prose, or a run of comment headers after a body
        if k < len(markers) and markers[k] == i and prose >= opts.min_body and (
            (len(markers) - k >= 2 and prose >= 0.5 * total) or len(markers) - k >= 4
        ):
            j = i - 1
            while j > first and units[j].cls not in (GOOD, NEAR):
                j -= 1
            return j
        if units[i].cls == GOOD:
            prose += len(units[i].text)
    return last


class FooterBlock(Rule):
    """A run of non-prose lines before or after the article body (page furniture).

    **What it does**: finds the article body (the heaviest run of prose lines: long enough,
    with a normal share of stop words from the `stop-words` package, in the language of the
    page's longer lines) and flags the run of lines after it (and, for a long enough run,
    before it) when those lines are not article prose: short lines without sentence
    punctuation, link and menu lists ("Home | News | Sport"), counts ("7k SHARES",
    "WordPress (53)"), share buttons, archive widgets ("October 2019"), cookie banners,
    newsletter and follow prompts written as sentences, teaser cards (a Title Case headline
    glued to its first sentence by the scraper), lists of other articles' headlines (eight or
    more, or three under a "Related…", "Most read", "More from…" heading; a list of one
    template, such as tour dates, is content), and a thread of reader comments (two or more
    "Alex on May 2, 2018 at 6:34 am said:" headers, or a "3 thoughts on …" heading, to the
    last "Reply"). One finding covers the whole run. Two kinds of line are flagged alone,
    even between paragraphs: a cookie banner that speaks to the reader ("We use cookies…
    you consent…") and a photo credit ("(Photo by …)", "Credit: NASA", "© Reuters",
    "Jane Doe/Getty Images"). A run of five or more counts of one thing ("165 votes",
    "61 votes", …: a poll's results) is data, not a widget. Like jusText, a short line is judged by its neighbours: inside the body
    it is a heading or list item, outside it is furniture. Documents without an article body
    (notes, lists, short texts) are left alone.

    **Why**: scraped and pasted articles carry the page around them: navigation, related
    headlines, share buttons, newsletter boxes, copyright lines. No phrase list names them
    all; their position and shape give them away.

    **Example**:

        …the ministry said in a statement on Tuesday.

        Share                   <- BP002 (one finding for these five lines)
        Tweet
        Related
        Ten Things We Learned From the Budget
        © 2019 Example Media

    **Options**: `min-run` (2): lines in a tail run before it is flagged; `min-head-run` (4):
    the same before the body (a title and a byline alone are not furniture); `max-gap` (3):
    non-prose lines that may sit between two paragraphs of one body; `length-good` (80) and
    `stop-words-good` (0.4): a line at least this long with this share of stop words is prose;
    `length-low` (50), `stop-words-near` (0.3), `stop-words-bad` (0.2); `min-body` (200):
    characters of prose needed before anything is judged; `cluster-share` (0.3): a separate
    run of prose this heavy relative to the main one is body too; `gap-cost` (100): a run of
    prose joins the body when it has this many characters per non-prose line between them; `head` (true): also flag
    the run before the body.
    """

    code = "BP002"
    name = "footer-block"
    family = "boilerplate"
    scope = Scope.TAIL

    @dataclass(frozen=True)
    class Options:
        min_run: int = 2
        min_head_run: int = 4
        min_inner_run: int = 4
        min_evidence: float = 0.0
        max_gap: int = 2
        length_good: int = 80
        stop_words_good: float = 0.4
        length_low: int = 50
        stop_words_near: float = 0.3
        stop_words_bad: float = 0.2
        min_body: int = 200
        cluster_share: float = 0.3
        gap_cost: int = 100
        head: bool = True
        spare_sentences: int = 99

    def check(self, doc: Document, ctx: Context) -> Iterator:
        units = units_of(doc)
        if len(units) < 2:
            return
        opts = self.options
        language = getattr(getattr(ctx, "config", None), "language", "en_US") or "en_US"
        # each unit's words once (no word spans two units: white space ends every word)
        lowered = [lower_words(u.text) for u in units]
        stop, stops = stop_words_and_counts(units, lowered, language[:2], opts.length_low)
        scale = density_scale([u.text for u in units], stop, opts, lowered, stops)
        for u, tally, lw, n in zip(units, tally_runs(units), lowered, stops):
            u.cls = classify(u.text, stop, opts, scale, lw, n)
            u.tally = tally
            if u.cls == GOOD and not u.authored and self_evident(u.text.strip()):
                u.cls = BAD  # prose-like furniture (a cookie policy, a teaser) is not body
        region = content_region(units, opts)
        if region is None:
            return
        first, last = region
        last = comment_section_start(units, first, last, opts)
        flags = [False] * len(units)
        headlines = headline_runs(units)
        tail = units[last + 1 :]
        tail_scores = [1.0 if headlines[last + 1 + k] else furniture_score(u) for k, u in enumerate(tail)]
        n_tail = best_run([sc - opts.min_evidence for sc in tail_scores], from_end=True)
        if n_tail >= opts.min_run and any(strong_furniture(u) for u in tail[len(tail) - n_tail :]):
            for i in range(len(units) - n_tail, len(units)):
                flags[i] = True
        head = units[:first]
        n_head = best_run([1.0 if headlines[k] else furniture_score(u) for k, u in enumerate(head)], from_end=False)
        if opts.head and n_head >= opts.min_head_run and any(strong_furniture(u) for u in head[:n_head]):
            for i in range(n_head):
                flags[i] = True
        # reader comments after the body: a thread of two or more comment headers
        thread = comment_thread(units, last + 1)
        if thread is not None:
            for i in range(thread[0], thread[1] + 1):
                flags[i] = True
        # inside the body, only a long run of unmistakable furniture (a menu, a share bar)
        run: list[int] = []
        for i in range(first, last + 2):
            if i <= last and menu_like(units[i]):
                run.append(i)
                continue
            # a list of names is content; a menu shows itself by at least one known phrase
            if len(run) >= opts.min_inner_run and any(strong_furniture(units[j]) for j in run):
                for j in run:
                    flags[j] = True
            run = []
        # a cookie banner speaking to the reader and a photo credit are never the article,
        # wherever they stand
        # (a notice is self-evident furniture: the cached answer rules most lines out)
        for i in range(len(units)):
            if not units[i].authored:
                text = units[i].text.strip()
                if self_evident(text) and notice_kind(text):
                    flags[i] = True
        for i, u in enumerate(units):
            # a paragraph of several sentences is never furniture, wherever it stands
            if flags[i] and u.cls == GOOD and len(_SENTENCE_END.findall(u.text)) >= opts.spare_sentences:
                flags[i] = False
        i = 0
        while i < len(units):
            if not flags[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(units) and flags[j + 1]:
                j += 1
            if all(known_phrase(u.text.strip()) for u in units[i : j + 1]):
                i = j + 1  # template-footer (BP001) names every line of this run already
                continue
            where = "after" if i > last else "before" if j < first else "inside"
            yield self._finding(doc, units[i : j + 1], where)
            i = j + 1

    def _finding(self, doc: Document, run: list[Unit], where: str):
        span = Span(run[0].span.start, run[-1].span.end)
        n = len(run)
        what = "line" if run[0].kind == "line" else "block"
        first = " ".join(run[0].text.split())
        if len(first) > 40:
            first = first[:39] + "…"
        kind = notice_kind(run[0].text.strip()) if n == 1 else None
        if kind:
            return self.report(span, f"{kind} {where} the article body: “{first}”",
                               fingerprint_text=f"{where}:{first}", lines=n)
        message = (
            f"{n} {what}{'s' if n != 1 else ''} of page furniture {where} the article body "
            f"(not prose: short, unpunctuated or list-like), starting “{first}”"
        )
        return self.report(span, message, fingerprint_text=f"{where}:{first}", lines=n)
