"""Grammar slips found without a backend: pure functions over prose, code point offsets.

The rules in ``rules/`` (missing-space-after-sentence, doubled-punctuation, unbalanced-quotes,
unbalanced-brackets) wrap these; ``bench/grammar_eval.py`` calls them directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Slip:
    start: int
    end: int
    message: str
    replacement: str | None = None


# --- missing space after a sentence end -----------------------------------------------------

# "injuries.Isis’s": a sentence end (a word of 2+ lowercase letters, a number, or a closing
# quote/bracket, then . ! ? or an ellipsis) glued to a capitalised word. What it leaves alone:
# initials and "U.S." (an uppercase letter before the stop), "e.g."/"i.e." (one letter),
# decimals and "No.5" (a digit after), file names "index.html" and domains (lowercase after),
# "Amazon.Com"-style domains (a top-level domain after), and tokens that hold a URL or path.
# The pattern starts with the stop's first mark, a character set the regular expression engine
# scans for, and looks behind it for what precedes the stop (each look-behind ends with "." for
# the mark just matched); a text whose only mark is the full stop (most) is searched with a
# pattern that starts with a literal "." (faster still). Both find what the plain form
# ``_MISSING_SPACE_PLAIN`` (tests) finds.
_BEFORE_STOP = r"(?:(?<=[a-z][a-z].)|(?<=[0-9].)|(?<=[0-9][a-z].)|(?<=[a-z][)\]\"”’'].))"
_MISSING_SPACE = re.compile(
    r"(?P<stop>[.!?…]" + _BEFORE_STOP + r"(?:(?<=…)|(?<=[.!?])[.!?]*)[)\]\"”’]?)(?P<next>[A-Z][a-z’']\w*)"
)
_MISSING_SPACE_DOT = re.compile(r"(?P<stop>\." + _BEFORE_STOP + r"\.*[)\]\"”’]?)(?P<next>[A-Z][a-z’']\w*)")
_TLDS = frozenset({"com", "org", "net", "io", "gov", "edu", "co", "uk", "de", "fr", "info", "biz", "us"})
_ABBREVIATIONS = frozenset(
    {"mrs", "mr", "ms", "dr", "jr", "sr", "st", "vs", "etc", "approx", "gov", "sen", "rep", "gen",
     "capt", "prof", "inc", "ltd", "corp", "co", "no", "fig", "vol", "ch", "pp", "jan", "feb",
     "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "lt", "col"}
)


def _token_around(text: str, start: int, end: int) -> str:
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right]


def missing_space_after_sentence(text: str) -> list[Slip]:
    slips = []
    pattern = _MISSING_SPACE if ("!" in text or "?" in text or "…" in text) else _MISSING_SPACE_DOT
    for m in pattern.finditer(text):
        nxt = m.group("next")
        if nxt.lower() in _TLDS:
            continue
        token = _token_around(text, m.start(), m.end())
        if "://" in token or token.lower().startswith("www.") or "/" in token or "@" in token:
            continue
        word = re.search(r"[A-Za-z]+$", text[: m.start()])
        if word and word.group().lower() in _ABBREVIATIONS:
            continue
        stop = m.group("stop")
        slips.append(
            Slip(
                m.start("stop"),
                m.end("stop") + 1,
                f"Missing space after {stop!r} before {nxt!r}",
                f"{stop} {nxt[0]}",
            )
        )
    return slips


# --- doubled punctuation --------------------------------------------------------------------

# The plain form's branches (``_DOUBLED_PLAIN`` in the tests) grouped by the mark they start
# with, in their order: ",\s*,", ",.", ", .", ",;" / ";;", ";,", ";:" / ":;", ": :" / "..".
# The branches that can match at a mark are the same, tried in the same order, so the matches
# and the group are the same; a pattern whose every branch starts with a literal is scanned
# for those characters, not tried at every position.
_DOUBLED = re.compile(
    r"(?P<p>"
    r",(?:\s*,|\.(?!\.|\d)|\s+\.(?![.\w])|\s*;)"  # ",," ",." (not ",..." or ",.5") ", ." (not ", .NET") ",;"
    r"|;(?:\s*;|\s*[,:])"  # ";;" ";," ";:"
    r"|:(?:\s*;|(?<!::)(?=\s)\s*:(?!:))"  # ":;" ": :"
    r"|\.(?<=[\w)\]\"”’']\.)\.(?![.=\d])"  # exactly two full stops after a word: "others.."
    # (not a range: "0..2", "1..=12")
    r")"
)


def doubled_punctuation(text: str) -> list[Slip]:
    slips = []
    for m in _DOUBLED.finditer(text):
        matched = m.group("p")
        if matched == ".." and text[max(0, m.start() - 1) : m.start()] == ".":
            continue
        # keep the last mark: ",." -> "." ; ".." -> "."
        keep = matched.rstrip()[-1]
        slips.append(Slip(m.start(), m.end(), f"Doubled punctuation {matched!r}", keep))
    return slips


# --- unbalanced brackets --------------------------------------------------------------------

_PAIRS = {")": "(", "]": "[", "}": "{"}
# "1) first 2) second", "a) …": an enumerator closes a bracket nobody opened on purpose.
_ENUMERATOR = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\)$")
# ":)", ";-)", ":(" are faces, not brackets
_SMILEY = re.compile(r"[:;=8][-^']?$")


_BRACKET = re.compile(r"[()\[\]{}]")


def unbalanced_brackets(text: str) -> list[Slip]:
    if not ("(" in text or ")" in text or "[" in text or "]" in text or "{" in text or "}" in text):
        return []
    stack: list[tuple[str, int]] = []
    slips = []
    for m in _BRACKET.finditer(text):  # the brackets only, not every character
        i, ch = m.start(), m.group()
        if ch in "([{":
            if ch == "(" and _SMILEY.search(text[max(0, i - 2) : i]):
                continue
            stack.append((ch, i))
        elif ch in _PAIRS:
            if ch == ")" and (_SMILEY.search(text[max(0, i - 2) : i]) or _ENUMERATOR.search(text[max(0, i - 6) : i + 1])):
                if not stack or stack[-1][0] != "(":
                    continue
            if stack and stack[-1][0] == _PAIRS[ch]:
                stack.pop()
            elif any(open_ == _PAIRS[ch] for open_, _ in stack):
                # close the matching one; whatever was opened inside it stays unclosed
                while stack and stack[-1][0] != _PAIRS[ch]:
                    open_, pos = stack.pop()
                    slips.append(Slip(pos, pos + 1, f"Unclosed {open_!r}"))
                stack.pop()
            else:
                slips.append(Slip(i, i + 1, f"{ch!r} closes a bracket that was never opened"))
    for open_, pos in stack:
        slips.append(Slip(pos, pos + 1, f"Unclosed {open_!r} in this paragraph"))
    return sorted(slips, key=lambda s: s.start)


# --- unbalanced double quotes ---------------------------------------------------------------

_OPENING = "“„"
_CLOSING = "”"
_QUOTE_MARK = re.compile('["“„”]')


def _starts_with_opening_quote(text: str | None) -> bool:
    if not text:
        return False
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in _OPENING + '"'


def _scan_quotes(text: str) -> tuple[list[int], list[int]]:
    """Pair the double quotes of one paragraph: (positions left open, closers never opened)."""
    if not ('"' in text or "“" in text or "”" in text or "„" in text):
        return [], []  # most paragraphs (four searches for a character are faster than one scan for any)
    stack: list[tuple[str, int]] = []
    closers: list[int] = []
    for m in _QUOTE_MARK.finditer(text):  # the quote marks only, not every character
        i, ch = m.start(), m.group()
        if ch == '"':
            if i > 0 and text[i - 1].isdigit() and not (stack and stack[-1][0] == '"'):
                continue  # 5'10" (inches), unless it closes a straight quotation: "Rust 2018"
            if stack:  # closes the open quotation, curly or straight (mixed marks are common)
                stack.pop()
            else:
                stack.append((ch, i))
        elif ch in _OPENING:
            stack.append((ch, i))
        elif ch in _CLOSING:
            if stack:
                stack.pop()
            else:
                closers.append(i)
    return [pos for _, pos in stack], closers


#: how many paragraphs a quotation may run over before its opening mark counts as a slip
QUOTE_SPAN_PARAGRAPHS = 6


def unbalanced_quotes_in(paragraphs: list[str]) -> list[list[Slip]]:
    """The slips of each paragraph of one document, pairing quotes across paragraphs.

    Double quotes only (a single ’ is usually an apostrophe). Curly quotes nest (“the
    “White Desert” neutralized…” is balanced); a straight ``"`` closes whatever quotation is
    open (“mixed," as scraped text often has), else opens one. A quotation that runs over
    several paragraphs is not reported, written either way: each paragraph but the last left
    open and the next opening with a quote mark (the typographic convention), or one opening
    mark and one closing mark a few paragraphs later (a speech scraped as several
    paragraphs, or a paragraph break that fell inside a quote).
    """
    slips: list[list[Slip]] = [[] for _ in paragraphs]
    carried: list[tuple[int, int]] = []  # (paragraph, position) of quotations still open

    def expire(before: int) -> None:
        while carried and carried[0][0] < before:
            k, pos = carried.pop(0)
            slips[k].append(Slip(pos, pos + 1, "Quotation opened here is not closed in this paragraph"))

    for i, text in enumerate(paragraphs):
        expire(i - QUOTE_SPAN_PARAGRAPHS)
        if carried and _starts_with_opening_quote(text):
            carried.pop()  # "“…" reopens the quotation left open (the typographic convention)
        opened, closers = _scan_quotes(text)
        for pos in closers:
            if carried:
                carried.pop()  # closes the quotation an earlier paragraph left open
            else:
                slips[i].append(Slip(pos, pos + 1, "Closing quotation mark without an opening one"))
        carried.extend((i, pos) for pos in opened)
    expire(len(paragraphs))
    return [sorted(found, key=lambda s: s.start) for found in slips]


def unbalanced_quotes(text: str, next_paragraph: str | None = None) -> list[Slip]:
    """The slips of one paragraph, given the paragraph after it (see unbalanced_quotes_in)."""
    return unbalanced_quotes_in([text] if next_paragraph is None else [text, next_paragraph])[0]
