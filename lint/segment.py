"""The one sentence segmenter every rule shares.

Splitting at every full stop breaks on "$1.", "U.S.", "No. 5", "3.20 p.m.", initials and
decimals. This segmenter splits after ``.``, ``!``, ``?`` or ``…`` (with closing quotes and
brackets) when the next word plausibly starts a sentence, and not after a known abbreviation
or an initial. A missing space after a full stop ("injuries.Isis") also ends a sentence when a
lower-case word is followed by a capitalised one, since scraped text loses spaces that way.
A line break inside a block that follows terminal punctuation ends a sentence too.
"""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence (lower-cased, without dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    messrs mme mlle
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vol vols pp p ch fig figs eq eqs art sec al approx est ca cf vs etc e.g i.e
    inc ltd co corp bros dept univ assn ave blvd rd hwy
    a.m p.m u.s u.k u.n e.u d.c u.s.a
    """.split()
)

# Abbreviations that usually precede a number or a name, so the next capital is not a new
# sentence ("No. 5", "Dr. Smith", "Fig. 3").
_TITLE_LIKE = frozenset(
    "mr mrs ms dr prof sr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres no nos vol pp p fig figs eq art sec vs cf approx ca".split()
)

_CLOSERS = "\"'”’)]}»"
_OPENERS = "\"'“‘([{«¡¿"

# Candidate sentence ends: terminal punctuation, optional closers, then whitespace or end
# (``(?:[.!?]+|…)[closers]*(?=\s|$)``), with the white space after it as group 1 (no match
# starts in white space), so that the loop need not walk over it (str.isspace and \s agree);
# written to start with a character set, which the regular expression engine scans for
_END_AND_SPACE = re.compile(r"[.!?…](?:(?<=…)|(?<=[.!?])[.!?]*)[" + re.escape(_CLOSERS) + r"]*(\s+|$)")
# the same for a text whose only terminal mark is the full stop (most): a literal first
# character is found faster still
_DOT_END_AND_SPACE = re.compile(r"\.\.*[" + re.escape(_CLOSERS) + r"]*(\s+|$)")
# A missing space after a full stop: "injuries.Isis" (a lower-case word, a dot, a capital
# followed by a lower-case letter), not "U.S.A", "e.g.The" is rare enough to accept.
# (the mark matched first and the two letters looked back at from after it: the same
# matches, found by scanning for the three marks instead of testing every position)
_GLUED = re.compile(r"[.!?](?<=[a-z\u00DF-\u00FF]{2}[.!?])(?=[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF’'])")
_DOT_GLUED = re.compile(r"\.(?<=[a-z\u00DF-\u00FF]{2}\.)(?=[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF’'])")
# the word and the token before a full stop are found by :func:`_word_before` and
# :func:`_token_before` walking back from the stop; they equal what the searches
# ``([\w.&'’-]+)$`` and ``(\S+)$`` from ``lo`` find (tests/test_segment_speed.py), which
# tried every start from ``lo``
_WORD_MARKS = frozenset("_.&'’-")


def _end_of_window(text: str, lo: int, end: int) -> int:
    # ``$`` matches at the end of the window and also before a newline that ends it
    return end - 1 if end > lo and text[end - 1] == "\n" else end


def _word_before(text: str, lo: int, end: int) -> str | None:
    """The match of ``([\\w.&'’-]+)$`` searched in ``text[lo:end]``, or None: the longest run of word
    characters (``\\w`` is str.isalnum or "_") and ``.&'’-`` that ends the window."""
    end = j = _end_of_window(text, lo, end)
    space = text.rfind(" ", lo, end)
    if space != -1 and text[space + 1 : end].isalnum():
        return text[space + 1 : end]  # letters and digits back to a space (most words)
    marks = _WORD_MARKS
    while j > lo and (text[j - 1].isalnum() or text[j - 1] in marks):
        j -= 1
    return text[j:end] if j < end else None


def _token_before(text: str, lo: int, end: int) -> str | None:
    """The match of ``(\\S+)$`` searched in ``text[lo:end]``, or None (``\\S``: not str.isspace)."""
    end = j = _end_of_window(text, lo, end)
    while j > lo and not text[j - 1].isspace():
        j -= 1
    return text[j:end] if j < end else None
# an enumerator that opens a list item: "1.", "12)", "a.", "iv."
_ENUMERATOR = re.compile(r"[(\[]?(?:\d{1,3}|[A-Za-z]|[ivxlcdm]{1,5})[.)]")
_ENUMERATOR_MAX = 7  # characters an enumerator can have


_LIST_MARK = re.compile(r"[a-z]\)\s")


def _looks_like_address(token: str) -> bool:
    """A URL, an e-mail address or a path: its dots are not full stops."""
    return "/" in token or "@" in token or token.lower().startswith("www.")


# How far back to look for the word before a full stop: searching from the block's start made
# splitting quadratic on long blocks (a 250 KB one-line document took 47 s); no abbreviation
# is longer than this, and a longer "word" is cut to this length, which is no abbreviation.
_LOOKBACK = 64
_FUNCTION_WORD = re.compile(r"(?:The|A|An|But|And|It|In|On|This|That|He|She|They|We|I)\b")


def _starts_sentence(text: str, i: int) -> bool:
    """Does a sentence plausibly start at ``text[i]`` (after skipping spaces)?"""
    n = len(text)
    while i < n and text[i] in _OPENERS:
        i += 1
    if i >= n:
        return False
    ch = text[i]
    if ch.islower() and _LIST_MARK.match(text, i):
        return True  # "a) Another item."
    return ch.isupper() or ch.isdigit() or not ch.isalpha() and ch not in ",;:)"


def _abbreviation(text: str, dot: int) -> str | None:
    """The word before the full stop at ``text[dot]`` (:func:`_word_before`) if the stop is
    part of an abbreviation or an initial, else None."""
    before = _word_before(text, max(0, dot - _LOOKBACK), dot)
    if before is None:
        return None
    word = before.lstrip("'’(-")
    low = word.lower().rstrip(".")
    if not low:
        return None
    if not (
        low in ABBREVIATIONS
        # single initials: "J. K. Rowling", "George W. Bush"
        or len(low) == 1 and word[0].isupper()
        # dotted abbreviations: "U.S", "e.g", "Ph.D" (not "example.com", "a.b.c" file names)
        or "." in low and _dotted(word)
    ):
        return None
    # the dots of a URL, an e-mail address or a path are not full stops (looked at last:
    # only the few stops that would otherwise be abbreviations need the token)
    tok = _token_before(text, max(0, dot - _LOOKBACK), dot)
    if tok is not None and _looks_like_address(tok):
        return None
    return before


def _dotted(word: str) -> bool:
    """Short letter groups between dots: "U.S", "Ph.D", "e.g" (capitalised or single letters)."""
    parts = word.rstrip(".").split(".")
    return all(p.isalpha() and len(p) <= 2 for p in parts) and (
        word[0].isupper() or all(len(p) == 1 for p in parts)
    )


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` prose offsets of the sentences in ``text``, trimmed."""
    # (cut, where the text after it starts): a sentence ends with its mark, and the next one
    # starts after the white space the pattern took (at a glued capital: at the cut)
    cuts: list[tuple[int, int]] = []
    n = len(text)
    last_cut = 0
    if "!" in text or "?" in text or "…" in text:
        ends, glued = _END_AND_SPACE, _GLUED
    else:
        ends, glued = _DOT_END_AND_SPACE, _DOT_GLUED
    for m in ends.finditer(text):
        end, nxt = m.span(1)
        if nxt >= n:
            continue
        newline_between = text.find("\n", end, nxt) != -1
        if not newline_between and end - last_cut <= _ENUMERATOR_MAX and _ENUMERATOR.fullmatch(text, last_cut, end):
            continue  # "1. First item." -- the number opens the sentence

        dot = m.start()
        if end - dot == 1 and text[dot] == ".":  # "no.’ They": a quote after the stop is not an abbreviation
            before = _abbreviation(text, dot)
            if before is not None:
                low = before.lower().rstrip(".")
                # "U.S. officials" vs. "in the U.S. The next": a capital after a title-like
                # abbreviation is a name; after others, a new sentence only at a line break
                # or when the abbreviation typically ends sentences (etc., a.m., p.m.).
                if low in _TITLE_LIKE or len(low) == 1:
                    if not newline_between:
                        continue
                elif low not in {"etc", "a.m", "p.m", "u.s", "u.k", "inc", "ltd", "co", "corp", "jr", "sr"}:
                    if not newline_between:
                        continue
                elif not (_starts_sentence(text, nxt) and text[nxt].isupper()) and not newline_between:
                    continue
                elif low in {"u.s", "u.k"} and not newline_between:
                    # "the U.S. Supreme Court": a capitalised word after U.S. is usually a name
                    # unless it is a function word that begins sentences.
                    if not _FUNCTION_WORD.match(text, nxt):
                        continue
        if newline_between or text[nxt].isupper() or _starts_sentence(text, nxt):  # (a capital starts one)
            cuts.append((end, nxt))
            last_cut = nxt
    for m in glued.finditer(text):
        tok_start = max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        tok_end = m.end()
        while tok_end < n and not text[tok_end].isspace():
            tok_end += 1
        if _looks_like_address(text[tok_start:tok_end]):
            continue
        cuts.append((m.end(), m.end()))
    cuts.sort()
    out: list[tuple[int, int]] = []
    start = 0
    while start < n and text[start].isspace():
        start += 1
    for cut, nxt in cuts:
        out.append((start, cut))  # neither end is white space: a mark ends it, none starts it
        start = nxt
    end = n
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
    return out
