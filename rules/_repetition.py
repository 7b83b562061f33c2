"""Shared machinery of the repetition rules (RP001–RP003): which blocks count as paragraphs,
text normalisation, exact grouping, an indexed near-duplicate search and the "kind of repeat"
wording. Not a rule module (the leading underscore keeps the registry out).

Everything here is linear in the size of the document (up to small constant caps): units are
grouped by a normalised key for exact repeats, and near repeats are found through an inverted
index of word 3-gram shingles, comparing each unit only with the few earlier units that share
the most shingles. Shingles found in very many units carry no signal and are not followed.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, count, repeat
from operator import is_not
from typing import Iterable, Sequence

from lint.diagnostic import Related
from lint.document import Block, Document, Span

#: blocks that are prose paragraphs for these rules. Headings, list items and table cells are
#: not: they repeat by design ("Summary" under every section, "1 cup flour", "Read more",
#: release-note bullets, the same question asked of each interviewee).
PARAGRAPH_KINDS = frozenset({"paragraph", "line", "quote", "html_block"})

_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W_]+")

# A photo credit at the end of a caption: "… | Getty", "… (Photo: Reuters/…)", "Credit: NASA".
# Stripped before comparing, so a caption that restates the lede is seen as the same text.
_CREDIT_TAIL = re.compile(
    r"""(?ix)
    (?: \s*\|\s*(?:getty|ap|afp|reuters|shutterstock|epa|pa|bloomberg|corbis|alamy|istock)\b[^|]*
      | \s*\((?:ap\s+|afp\s+|reuters\s+)?(?:photo|image|picture|file\s+photo)s?\b[^()]*\)
      | \s*(?:(?:photo|image|picture)\s+)?credit\s*:.*
      | \s*(?:featured\s+)?(?:photo|image|picture)\s*(?:via|by|:).*
      | (?<=[.!?"”])\s*[^!?|]{0,60}/getty\s+images\.?
    )\s*$"""
)


_CREDIT_HINT = re.compile(r"(?i)getty|photo|image|picture|credit|\|")
_CREDIT_WINDOW = 200  # a credit is short: look only at the end of the text


def strip_credit(text: str) -> tuple[str, bool]:
    """``text`` without a trailing photo credit, and whether there was one (a text that is
    only a credit becomes empty: credits repeat under every picture by design)."""
    base = max(0, len(text) - _CREDIT_WINDOW)
    tail = text[base:]
    if "ı" in tail or "İ" in tail:
        if not _CREDIT_HINT.search(text, base):
            return text, False
    else:
        # _CREDIT_HINT without a regular expression: every character besides "ı" and "İ"
        # that (?i) matches to a letter of these words lower-cases to that letter (checked
        # over all of Unicode)
        low = tail.lower()
        if not (
            "getty" in low or "photo" in low or "image" in low or "picture" in low
            or "credit" in low or "|" in low
        ):
            return text, False
    m = _CREDIT_TAIL.search(text, base)
    if m:
        return text[: m.start()], True
    return text, False


_ATTRIBUTION = re.compile(r"\s*(?:--|[—―–-])\s*\w")


_CODE = re.compile(r"`+\s*([^`]+?)\s*`+")


def _with_code(doc: Document, block: Block, start: int, end: int) -> str:
    """The prose ``[start, end)`` with a placeholder word for each inline code span the parser
    left out, so "stable in `std::ffi`" and "stable in `std::os::raw`" stay different texts
    (the placeholder is a capitalised word: like a name, a slot of a template)."""
    runs = block.runs
    if len(runs) < 2 or "`" not in doc.source:
        return block.text[start:end]
    parts: list[str] = []
    for k, run in enumerate(runs):
        p_end = runs[k + 1].prose_start if k + 1 < len(runs) else len(block.text)
        a, b = max(run.prose_start, start), min(p_end, end)
        if a < b:
            parts.append(block.text[a:b])
        if k + 1 < len(runs) and start <= p_end < end:
            gap = doc.source[run.source_end : runs[k + 1].source_start]
            for code in _CODE.findall(gap):
                parts.append(" Code" + "".join(chr(97 + int(c, 16)) for c in f"{zlib.crc32(code.encode()):08x}") + " ")
    return "".join(parts)


def _hit(doc: Document, block: Block, start: int, end: int, raw: str, memo: dict[str, "_Hit"]) -> "_Hit":
    """:func:`_normalised` of ``raw``, the text ``[start, end)`` of ``block``, not in ``memo``
    yet: a whole paragraph's from one translation or from its sentences' where that is exact."""
    if start == 0 and end == len(block.text):
        hit = _from_translation(doc, block, raw, memo) or _from_sentences(doc, block, raw, memo)
        if hit is not None:
            memo[raw] = hit
            return hit
    return _normalised(raw, memo)


#: what _normalised gives for a text: normalised key (None for a byline), words, the text the
#: words were read from, whether a photo credit was stripped, words that are not numbers
_Hit = tuple  # (str | None, list[str] | None, str, bool, int)


def _normalised(raw: str, memo: dict[str, _Hit]) -> _Hit:
    """The normalised words of a paragraph's or a sentence's text, computed once per text of
    the document (a sentence that is a whole paragraph, a repeated text)."""
    hit = memo.get(raw)
    if hit is None:
        text, credit = strip_credit(raw)
        if _ATTRIBUTION.match(text):
            hit = (None, None, "", credit, 0)  # "— Senior engineer at …": a byline
        else:
            key, words, plain = _normalise_words(text)
            hit = (key, words, plain, credit, len(words) - sum(map(str.isdigit, words)))
        memo[raw] = hit
    return hit


def _from_translation(doc: Document, block: Block, raw: str, memo: dict[str, _Hit]) -> _Hit | None:
    """The paragraph's :func:`_normalised` hit, and each of its sentences' put in ``memo``,
    from one ``translate`` of the paragraph; None (and nothing done) unless that is exact.

    It is for a paragraph of ASCII and the common punctuation of :data:`_PUNCTUATION` only,
    without code placeholders, URL, e-mail or tag (none of :func:`_normalise_words`'s
    markers) and without a word of a photo credit anywhere (none of :func:`strip_credit`'s
    hints, so no text in it has a credit). Such text is its own NFKC form, and so is each
    part of it; :func:`_normalise_words` of any part ``[a, b)`` then gives the words of the
    part ``[a, b)`` of the paragraph translated once (a replacement and a translation map
    each character to one character: positions stay)."""
    text = block.text
    if raw != text:
        return None
    ascii_text = _ascii_with_spaces(text)
    if ascii_text is None:
        return None
    if "://" in text or "@" in text or "<" in text or "w." in text or "W." in text or "|" in text:
        return None
    translated = ascii_text.translate(_ASCII_WORDS)
    # a word of a credit in ``text.lower()`` is in ``translated`` at the same place, and back:
    # both hold the lower case of the text's letters where it has them and no letter elsewhere
    # (the text is ASCII but for marks without case)
    if (
        "getty" in translated or "photo" in translated or "image" in translated
        or "picture" in translated or "credit" in translated
    ):
        return None
    # The paragraph's words are its sentences' one after the other (no need to split it
    # again) when the sentences come in order, only spaces lie outside them and no word runs
    # over the end of one (``translated`` holds only letters, "0" and spaces); nor over the
    # start of one: that is the end of the one before, or a space of the gap before it.
    joined = True
    keys: list[str] = []
    words: list[str] = []
    content = 0
    prev = 0
    # each sentence's (start, end, hit), for sentence_units (the hits are memo's)
    hits: list[tuple[int, int, _Hit]] = []
    _cache(doc).setdefault("sentence hits", {})[block.index] = hits
    for sentence in doc.sentences_of(block):
        a, b = sentence.start, sentence.end
        part = text[a:b]
        hit = memo.get(part)
        if hit is None:
            hit = memo[part] = _translated_hit(part, translated[a:b])
        hits.append((a, b, hit))
        if joined:
            if (
                hit[0] is None or a < prev or b <= a
                or (a > prev and not translated[prev:a].isspace())
                or (b < len(text) and translated[b - 1] != " " and translated[b] != " ")
            ):
                joined = False
            else:
                if hit[0]:
                    keys.append(hit[0])
                    words += hit[1]
                    content += hit[4]
                prev = b
    if joined and (prev == len(text) or translated[prev:].isspace()) and not _ATTRIBUTION.match(text):
        return (" ".join(keys), words, text, False, content)
    return _translated_hit(text, translated)


def _translated_hit(text: str, translated: str) -> _Hit:
    """:func:`_normalised` of ``text`` (without a credit) whose translation is ``translated``."""
    if _ATTRIBUTION.match(text):
        return (None, None, "", False, 0)
    words = translated.split()
    # (a word of digits is a run of "0" there: without one, every word is a word)
    numbers = sum(map(str.isdigit, words)) if "0" in translated else 0
    return (" ".join(words), words, text, False, len(words) - numbers)


def _from_sentences(doc: Document, block: Block, raw: str, memo: dict[str, _Hit]) -> _Hit | None:
    """The paragraph's normalised words put together from its sentences' (which
    repeated-sentence needs too), or None where that could give other words than reading
    the paragraph whole: inline code (placeholders), text that NFKC changes, URLs, a photo
    credit or a byline, a word between two sentences or a sentence boundary inside a word.
    Otherwise every word of the paragraph is a word of exactly one sentence, and case
    folding and the digit substitution work character by character. ``raw`` is the
    paragraph's text with code placeholders: if it has none, no sentence has."""
    text = block.text
    if raw != text:
        return None
    if unicodedata.normalize("NFKC", text) is not text:  # (the same object when unchanged)
        return None
    if _may_have_url(text):
        return None
    if strip_credit(text)[1] or _ATTRIBUTION.match(text):
        return None
    keys: list[str] = []
    words: list[str] = []
    content = 0
    prev = 0
    for sentence in doc.sentences_of(block):
        a, b = sentence.start, sentence.end
        if a < prev or b <= a or _WORD.search(text, prev, a):
            return None
        if a and text[a - 1].isalnum() and text[a].isalnum():
            return None
        if b < len(text) and text[b - 1].isalnum() and text[b].isalnum():
            return None
        raw = text[a:b]
        key, sentence_words, plain, credit, sentence_content = _normalised(raw, memo)
        if key is None or credit or plain != raw:
            return None  # its words are not those of its text as it is (NFKC changed it)
        if key:
            keys.append(key)
            words += sentence_words
            content += sentence_content
        prev = b
    if _WORD.search(text, prev):
        return None
    return (" ".join(keys), words, text, False, content)


_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+|\S+@\S+\.\w+|</?[a-z][^<>]*>")


def _may_have_url(text: str) -> bool:
    """False only when :data:`_URL` matches nowhere in ``text``: every match holds "://",
    "@", "<" or a "www." in any case ("W" and "w" are the only characters that (?i)w
    matches; the lower case of a text holds the lower case of each part of it). Checked for
    "w." first: "www." is rare, "now." and "law." are not."""
    return (
        "://" in text or "@" in text or "<" in text
        or (("w." in text or "W." in text) and "www." in text.lower())
    )


def normal_words(text: str) -> list[str]:
    """Words after Unicode NFKC, case folding, every digit → 0; punctuation, spacing, URLs,
    e-mail addresses and HTML tags gone (a link's slug repeats its title by construction;
    inline markup is not prose)."""
    key, _ = _normalise(text)
    return key.split(" ") if key else []


def tokens(text: str) -> list[tuple[str, bool]]:
    """``(normalised word, is_slot)`` pairs; a slot is a capitalised word or a number, the parts
    a template fills in ("Connecticut — There is no early voting in Connecticut")."""
    key, plain = _normalise(text)
    return list(zip(key.split(" "), _slots(plain))) if key else []




def _normalise(text: str) -> tuple[str, str]:
    """The normalised words of ``text`` joined by single spaces (the key of a :class:`Unit`),
    and the text they were found in (NFKC, URLs and tags gone: :func:`_slots` reads it)."""
    key, _, text = _normalise_words(text)
    return key, text


#: ASCII → its normalised form: a letter or digit → lower case, every digit → 0, any other
#: character → a space (the ASCII characters _WORD matches are exactly the letters and digits)
_ASCII_WORDS = str.maketrans(
    {c: (chr(c).lower() if chr(c).isalpha() else "0") if chr(c).isalnum() else " " for c in range(128)}
)
#: the non-ASCII characters most frequent in English prose; none is a character of a word
#: (_WORD), so a space in their place leaves the words as they are
_PUNCTUATION = ("’", "“", "”", "—", "–", "‘")


def _ascii_with_spaces(text: str) -> str | None:
    """``text`` with a space for each mark of :data:`_PUNCTUATION`, if that is ASCII."""
    if not text.isascii():
        for mark in _PUNCTUATION:
            text = text.replace(mark, " ")
        if not text.isascii():
            return None
    return text


def _normalise_words(text: str) -> tuple[str, list[str], str]:
    """:func:`_normalise`'s key, its words (``key.split(" ")``, none for an empty key) and
    its text.

    The same words as normalising word by word: case folding maps each character on its own
    and never yields a space or, from a letter, a digit, so one ``casefold`` and one digit
    substitution over the joined words give each word's own. Text that is ASCII once common
    punctuation is a space (most prose) takes one ``translate``: there the words are the runs
    of ASCII letters and digits, case folding is ``lower``, and the digits are 0-9."""
    text = unicodedata.normalize("NFKC", text)
    if _may_have_url(text):
        text = _URL.sub(" ", text)
    ascii_text = _ascii_with_spaces(text)
    if ascii_text is not None:
        words = ascii_text.translate(_ASCII_WORDS).split()
        return " ".join(words), words, text
    key = _DIGIT.sub("0", " ".join(findall_between_spaces(_WORD, text)).casefold())
    return key, key.split(" ") if key else [], text


def findall_between_spaces(pattern: re.Pattern, text: str) -> list[str]:
    """``pattern.findall(text)``, faster, for a pattern without look-around whose matches
    never hold white space and that finds a string of letters and digits alone as one match
    (a word pattern). Then the matches are those of the pieces between white space
    (str.split and regular expressions agree on what that is), and a piece of letters and
    digits only (most of them) needs no regular expression."""
    out: list[str] = []
    add, extend, find = out.append, out.extend, pattern.findall
    for piece in text.split():
        if piece.isalnum():
            add(piece)
        else:
            extend(find(piece))
    return out


def _slots(plain: str) -> list[bool]:
    """Per word of :func:`_normalise`'s text: a slot (capitalised, or a number)? A letter is
    never a digit, so a word of letters is a slot when it is capitalised."""
    return [w[0].isupper() or w[0].isdigit() for w in _WORD.findall(plain)]


def content_count(words: Sequence[str]) -> int:
    """Words that are not numbers: "$1,349.80" is no words towards a minimum length."""
    return sum(1 for w in words if not w.isdigit())


_LIST_MARK = re.compile(r"\s*(?:[-*•·▪◦‣–]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")


def list_like(text: str) -> bool:
    """A line that starts with a list marker ("- ", "• ", "3. "): a list item in a plain-text
    dump, where the parser cannot tell lists from paragraphs."""
    return _LIST_MARK.match(text) is not None


def heading_like(text: str) -> bool:
    """A short block in Title Case or capitals without a closing full stop (a heading, a
    product name or a link title in a plain-text dump), or a short lead-in ending with a
    colon ("Who should apply for this project:"): structure, repeated by design."""
    stripped = text.rstrip()
    if stripped.endswith((".", ",", ";")):
        return False
    words = _WORD.findall(stripped)
    if not words or len(words) > 16:
        return False
    if stripped.endswith(":") and "\n" not in stripped:
        return True
    long_words = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    if not long_words:
        return False
    return sum(1 for w in long_words if w[0].isupper()) >= 0.75 * len(long_words)


@dataclass(eq=False)
class Unit:
    """A paragraph or a sentence: prose ``[start, end)`` of ``block`` and its normalised words."""

    block: Block
    start: int
    end: int
    words: list[str]
    plain: str = ""  # the text the words were read from (:func:`_normalise`)
    credit: bool = False  # a photo credit was stripped: a caption
    key: str = ""
    order: int = 0

    def __post_init__(self) -> None:
        if not self.key:
            self.key = " ".join(self.words)

    @cached_property
    def slots(self) -> list[bool]:
        """Per word: a capitalised word or a number (see :func:`tokens`); needed only for
        the few pairs that are compared, so read on demand."""
        return _slots(self.plain)

    @property
    def span(self) -> Span:
        return self.block.source_span(self.start, self.end)

    @property
    def whole_block(self) -> bool:
        return self.start == 0 and self.end == len(self.block.text)


def _cache(doc: Document) -> dict:
    return doc.__dict__.setdefault("_repetition_cache", {})


def paragraph_units(doc: Document, min_words: int) -> list[Unit]:
    """Prose blocks with at least ``min_words`` normalised words, in document order."""
    cache = _cache(doc)
    key = ("paragraphs", min_words)
    if key not in cache:
        memo = cache.setdefault("normalised", {})
        out: list[Unit] = []
        for block in _prose_blocks(doc):
            end = len(block.text)
            raw = _with_code(doc, block, 0, end)
            hit = memo.get(raw) or _hit(doc, block, 0, end, raw, memo)
            if hit[0] is not None and hit[4] >= min_words:
                out.append(Unit(block, 0, end, hit[1], hit[2], hit[3], hit[0], len(out)))
        cache[key] = out
    return cache[key]


def paragraph_groups(doc: Document, min_words: int) -> list[list[Unit]]:
    """:func:`exact_groups` of :func:`paragraph_units`, computed once per document
    (repeated-paragraph reports them; repeated-sentence leaves those paragraphs alone)."""
    cache = _cache(doc)
    key = ("paragraph groups", min_words)
    if key not in cache:
        cache[key] = exact_groups(paragraph_units(doc, min_words))
    return cache[key]


def sentence_units(doc: Document, min_words: int, skip_blocks: set[int] = frozenset()) -> list[Unit]:
    """Sentences (from the shared segmenter) of prose blocks, with at least ``min_words`` words."""
    cache = _cache(doc)
    memo = cache.setdefault("normalised", {})
    stored = cache.get("sentence hits", {})
    code = "`" in doc.source
    out: list[Unit] = []
    for block in _prose_blocks(doc):
        if block.index in skip_blocks:
            continue
        text = block.text
        sliced = not code or len(block.runs) < 2  # then _with_code gives the slice
        hits = stored.get(block.index) if sliced else None
        if hits is not None:
            # the sentences' hits read by _from_translation (memo's, for these same slices)
            for a, b, hit in hits:
                if hit[0] is not None and hit[4] >= min_words:
                    out.append(Unit(block, a, b, hit[1], hit[2], hit[3], hit[0], len(out)))
            continue
        for sentence in doc.sentences_of(block):
            a, b = sentence.start, sentence.end
            raw = text[a:b] if sliced else _with_code(doc, block, a, b)
            # (a hit is a tuple of five: never false)
            hit = memo.get(raw) or _hit(doc, block, a, b, raw, memo)
            if hit[0] is not None and hit[4] >= min_words:
                out.append(Unit(block, a, b, hit[1], hit[2], hit[3], hit[0], len(out)))
    return out


def _prose_blocks(doc: Document) -> list[Block]:
    cache = _cache(doc)
    if "prose" not in cache:
        cache["prose"] = [b for b in doc.blocks if _is_prose(doc, b)]
    return cache["prose"]


def _is_prose(doc: Document, block: Block) -> bool:
    if block.kind not in PARAGRAPH_KINDS:
        return False
    if len(block.text) < 200 and heading_like(block.text):
        return False
    # plain text has no list syntax the parser knows: a bulleted line is a list item
    return not (doc.format == "text" and list_like(block.text))


def exact_groups(units: Sequence[Unit]) -> list[list[Unit]]:
    """Units with the same normalised text, each group in document order (only groups ≥ 2)."""
    groups: dict[str, list[Unit]] = {}
    for u in units:
        groups.setdefault(u.key, []).append(u)
    return [g for g in groups.values() if len(g) > 1]


# -- near duplicates ---------------------------------------------------------------------

SHINGLE = 3  # word n-grams indexed (the zip in near_matches builds 3-grams)
#: a shingle shared by this many units ("one of the", "according to the") says nothing about
#: which pair is a copy: it is no longer followed
MAX_POSTINGS = 32
#: earlier units (most shared shingles first) compared with each unit
MAX_CANDIDATES = 8


@dataclass(frozen=True)
class Match:
    later: Unit
    earlier: Unit
    similarity: float


def similarity(a: Sequence, b: Sequence, cutoff: float = 0.0, contain: bool = False) -> float:
    """Order-sensitive word similarity, 0–1: ``2·LCS / (len a + len b)`` over the longest
    common subsequence of words (1 − normalised Indel distance, by rapidfuzz).

    Two texts made of exactly the same words in another order ("prices going up while costs
    go down" / "prices going down while costs go up") say something else: 0. With ``contain``,
    the result is at least ``LCS / len shorter`` when the shorter text is at least two thirds
    as long as the longer: how much of it the longer one repeats, in order, so that a clause
    added or dropped does not hide a copy (see :func:`containment`).
    """
    from rapidfuzz.distance import Indel

    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    if la == lb and sorted(a) == sorted(b) and list(a) != list(b):
        return 0.0
    if not contain or 3 * min(la, lb) < 2 * max(la, lb):
        return Indel.normalized_similarity(a, b, score_cutoff=cutoff)
    return max(Indel.normalized_similarity(a, b), containment(a, b))


def containment(a: Sequence, b: Sequence) -> float:
    """Share of the shorter text's words that the longer repeats in order (LCS / shorter)."""
    from rapidfuzz.distance import Indel

    la, lb = len(a), len(b)
    return (la + lb - Indel.distance(a, b)) / 2 / min(la, lb)


#: a near repeat shares at least this many words, in order: below it, two short sentences
#: that differ by a word ("It's so sad." / "I mean, it's so sad.") are a speaker's habit
MIN_SHARED = 8


def _filled_template(a: Unit, sa: Sequence[int], b: Unit, sb: Sequence[int]) -> bool:
    """Do ``a`` and ``b`` differ only by names and numbers put in the same places? Then they are
    one template filled twice (a per-state line, a price line, a table of contents), not a
    copy. A name only added or only dropped ("Source: …", "AP") is not a filled template."""
    from rapidfuzz.distance import Indel

    deleted = inserted = 0
    for op in Indel.editops(sa, sb):
        if op.tag == "delete":
            if not a.slots[op.src_pos]:
                return False
            deleted += 1
        elif op.tag == "insert":
            if not b.slots[op.dest_pos]:
                return False
            inserted += 1
    return deleted > 0 and inserted > 0


#: this many or more mutually similar texts are a series made on purpose (a list of states, a
#: price per day, one disclaimer per section), not a copy
SERIES = 3


def replaced_words(a: Sequence, b: Sequence) -> int:
    """Words replaced (not added or dropped) between ``a`` and ``b`` by a Levenshtein alignment."""
    from rapidfuzz.distance import Levenshtein

    return sum(1 for op in Levenshtein.editops(a, b) if op.tag == "replace")


def paragraph_near_matches(doc: Document, min_words: int, threshold: float) -> list[Match]:
    """:func:`near_matches` of the paragraphs, computed once per document and parameters
    (near-duplicate-paragraph reports them; repeated-sentence leaves those paragraphs alone)."""
    cache = _cache(doc)
    key = ("near-paragraphs", min_words, threshold)
    if key not in cache:
        cache[key] = near_matches(paragraph_units(doc, min_words), threshold, contain=True)
    return cache[key]


def near_matches(
    units: Sequence[Unit], threshold: float, contain: bool = False, max_replaced: int | None = None
) -> list[Match]:
    """For each unit, the most similar earlier unit if at least ``threshold`` similar.

    A unit whose text equals an earlier unit's is an exact repeat and left out; only the first
    unit of each exact group is indexed. A pair must also share :data:`MIN_SHARED` words in
    order and differ in more than names and numbers (and, with ``max_replaced``, by at most that
    many replaced words: the rest added or dropped); and texts that belong to a series of
    :data:`SERIES` or more similar texts are not reported (a template filled many times)."""
    from rapidfuzz.distance import Indel

    ids: dict[str, int] = defaultdict(count().__next__)  # word → number, in order of first use
    #: shingle (a word 3-gram) → the indexed units that have it: an int while there is one
    #: (most shingles occur once), a list from the second on (at most MAX_POSTINGS long)
    postings: dict[tuple, int | list[int]] = {}
    seen_keys: set[str] = set()
    indexed: list[Unit] = []
    seqs: dict[int, list[int]] = {}  # unit → its words as numbers, for the units compared
    parent: list[int] = []  # union-find of the units found similar (a series)
    size: list[int] = []  # a root's number of units

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def seq_of(i: int) -> list[int]:
        # numbers, not strings, for rapidfuzz: the comparisons depend only on which words
        # are equal, so numbering on first use gives the same results whatever the order
        s = seqs.get(i)
        if s is None:
            s = seqs[i] = list(map(ids.__getitem__, indexed[i].words))
        return s

    found: list[tuple[int, Match]] = []
    for u in units:
        if u.key in seen_keys:
            continue
        seen_keys.add(u.key)
        me = len(indexed)
        parent.append(me)
        size.append(1)
        indexed.append(u)
        words = u.words
        grams = list(zip(words, words[1:], words[2:]))  # word 3-grams (SHINGLE)
        # one look-up per shingle: a new one gets this unit; an earlier one is read below
        olds = list(map(postings.setdefault, grams, repeat(me)))
        # earlier units sharing a shingle, once per shared shingle; a shingle in MAX_POSTINGS
        # units is too common to tell which earlier text is the source. This unit is added to
        # the postings as they are read (after the read: it is not counted)
        if olds.count(me) == len(olds):
            continue  # no shingle read before: nothing shared (the common case)
        shared: list[int] = []
        for sh in set(compress(grams, map(is_not, olds, repeat(me)))):
            plist = postings[sh]
            if plist.__class__ is int:
                shared.append(plist)
                postings[sh] = [plist, me]
            elif len(plist) < MAX_POSTINGS:
                shared += plist
                plist.append(me)
        if not shared:
            continue
        # (six distinct shingles among the first eight are six distinct ones in all)
        need = 2 if len(set(grams[:8])) >= 6 or len(set(grams)) >= 6 else 1
        if need == 2 and len(set(shared)) == len(shared):
            continue  # no earlier unit shares two shingles with this one (the common case)
        counts = Counter(shared)
        best: Match | None = None
        ranked = sorted(((c, j) for j, c in counts.items() if c >= need), reverse=True)
        if not ranked:
            continue
        for _, j in ranked[:MAX_CANDIDATES]:
            other = indexed[j]
            la, lb = len(words), len(other.words)
            if (not contain or 3 * min(la, lb) < 2 * max(la, lb)) and 2 * min(la, lb) / (la + lb) < threshold:
                continue  # the lengths alone rule it out
            seq, oseq = seq_of(me), seq_of(j)
            s = similarity(oseq, seq, cutoff=threshold, contain=contain)
            if s < threshold:
                continue
            if (la + lb - Indel.distance(oseq, seq)) // 2 < MIN_SHARED:
                continue
            rj, rme = find(j), find(me)
            if rj != rme:  # similar: same series
                parent[rj] = rme
                size[rme] += size[rj]
            if _filled_template(other, oseq, u, seq):
                continue
            if max_replaced is not None and replaced_words(oseq, seq) > max_replaced:
                continue
            if best is None or s > best.similarity:
                best = Match(u, other, s)
        if best is not None:
            found.append((me, best))
    return [m for i, m in found if size[find(i)] < SERIES]


# -- wording -----------------------------------------------------------------------------

def line_of(doc: Document, unit: Unit) -> int:
    return doc.line_index.line_col(unit.block.to_source(unit.start))[0]


def count_words(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n:,} times"


def repeat_kind(doc: Document, earlier: Unit, later: Unit) -> str:
    """What kind of repeat a scraped page shows, when the page tells: '' if it cannot tell."""
    if earlier.credit or later.credit:
        return "a photo caption restating the text"
    if "quote" in (earlier.block.kind, later.block.kind) or (
        earlier.whole_block != later.whole_block and _standalone(earlier if earlier.whole_block else later)
    ):
        return "a pull quote?"
    n = len(doc.source)
    if (
        earlier.whole_block and later.whole_block and len(_prose_blocks(doc)) >= 6
        and earlier.span.end <= n / 3 and later.span.start >= 2 * n / 3
    ):
        return "it opens and closes the document: a promo or template text?"
    return ""


def _standalone(unit: Unit) -> bool:
    """A block that is a single sentence: how pull quotes appear in scraped text."""
    return unit.whole_block and len(unit.words) <= 60


def related_first(earlier: Unit, what: str) -> Related:
    return Related(earlier.span, f"first occurrence of this {what}")


def collapse(matches: Iterable[tuple[Unit, Unit]], limit: int) -> list[tuple[Unit, list[Unit]]]:
    """Group (later, earlier) pairs by ``earlier``: a group of at most ``limit`` copies keeps one
    finding per copy, a larger one becomes a single finding (its first copy, with the count)."""
    groups: dict[int, tuple[Unit, list[Unit]]] = {}
    for later, earlier in matches:
        groups.setdefault(id(earlier), (earlier, []))[1].append(later)
    out: list[tuple[Unit, list[Unit]]] = []
    for earlier, copies in groups.values():
        if len(copies) > limit:
            out.append((earlier, copies))
        else:
            out.extend((earlier, [c]) for c in copies)
    return out
