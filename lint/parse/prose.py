"""Collecting the prose of one block from pieces of source, shared by the Markdown, HTML and
plain-text parsers.

A parser appends pieces in source order: verbatim source ranges, replaced text (a decoded
entity standing for its source range) and *gaps* (a construct that was dropped: inline code,
an image, a URL, a tag). :meth:`Prose.build` then removes bare URLs, tidies the spaces a gap
leaves behind ("Run `make` now" becomes "Run now", not "Run  now") and builds the
:class:`~lint.document.Block`.
"""

from __future__ import annotations

import bisect
import re

from lint.document import Block, Run

# Bare URLs in prose: scheme URLs and www. hosts. Trailing punctuation is left in the prose
# ("see https://example.com." keeps the full stop), a closing bracket only if unbalanced.
BARE_URL = re.compile(r"(?:(?:https?|ftp)://|(?<![\w.-])www\.)[^\s<>\"'`]+", re.I)
_URL_TRAIL = ".,;:!?'\"’”*_"

_SPACE = " \t"
_PUNCT_AFTER_GAP = ".,;:!?)]}’”"


def url_ranges(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` ranges of bare URLs in ``text``."""
    # ("www." in the lower-cased text needs "w." or "W." in the text: only W lower-cases to w)
    if "://" not in text and not (("w." in text or "W." in text) and "www." in text.lower()):
        return []
    out = []
    for m in BARE_URL.finditer(text):
        a, b = m.span()
        while b > a:
            ch = text[b - 1]
            if ch in _URL_TRAIL:
                b -= 1
            elif ch == ")" and text.count("(", a, b) < text.count(")", a, b):
                b -= 1
            elif ch == "]" and text.count("[", a, b) < text.count("]", a, b):
                b -= 1
            else:
                break
        if b > a:
            out.append((a, b))
    return out


# Markdown left as text inside raw HTML blocks (CommonMark does not render it there, but
# authors write it anyway): links keep their text, code and images go.
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\s]*\)")
_MD_LINK = re.compile(r"\[[^\[\]\n]*\](\([^()\s]*\))")
_MD_CODE = re.compile(r"(`+)[^`\n]+?\1")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)[^\n]+?(?<=\S)\1")


def markdown_residue(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Ranges to remove and gap positions for Markdown syntax left in ``text``."""
    removed: list[tuple[int, int]] = []
    gaps: list[int] = []
    if "[" in text:
        for m in _MD_IMAGE.finditer(text):
            removed.append(m.span())
            gaps.append(m.start())
        for m in _MD_LINK.finditer(text):
            if text[m.start() - 1 : m.start()] != "!":
                removed.append((m.start(), m.start() + 1))
                removed.append((m.start(1) - 1, m.end(1)))
    if "`" in text:
        for m in _MD_CODE.finditer(text):
            removed.append(m.span())
            gaps.append(m.start())
    if "**" in text or "__" in text:
        for m in _MD_STRONG.finditer(text):
            k = len(m.group(1))
            removed.append((m.start(), m.start() + k))
            removed.append((m.end() - k, m.end()))
    return removed, gaps


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


class Prose:
    """Pieces of one block's prose: ``(text, source_start, source_end, verbatim)`` or gaps."""

    __slots__ = ("_source", "_pieces", "_gaps", "_content_gaps", "_length")

    def __init__(self, source: str) -> None:
        self._source = source
        self._pieces: list[tuple[int, str, int, int, bool]] = []  # (prose_start, text, s, e, verbatim)
        self._gaps: list[int] = []  # prose offsets where something was dropped
        self._content_gaps: list[int] = []  # ... something a reader sees (code, image, URL)
        self._length = 0

    def __bool__(self) -> bool:
        return self._length > 0

    @property
    def length(self) -> int:
        return self._length

    def ends_with(self, text: str) -> bool:
        return bool(self._pieces) and self._pieces[-1][1].endswith(text)

    def verbatim(self, start: int, end: int) -> None:
        if end > start:
            self._pieces.append((self._length, self._source[start:end], start, end, True))
            self._length += end - start

    def replaced(self, text: str, start: int, end: int) -> None:
        if text:
            self._pieces.append((self._length, text, start, end, False))
            self._length += len(text)

    def gap(self, content: bool = True) -> None:
        """Something was dropped here: ``content`` if it was part of the text a reader
        sees (inline code, an image, a URL), not if it was only markup (a tag, a comment).
        Both kinds tidy the spaces around them; content gaps end up in ``Block.gaps``."""
        self._gaps.append(self._length)
        if content:
            self._content_gaps.append(self._length)

    def text(self) -> str:
        return "".join(p[1] for p in self._pieces)

    def _one_run(self) -> bool:
        """Are the pieces verbatim and each right after the one before in the source?"""
        pieces = self._pieces
        return all(p[4] for p in pieces) and all(a[3] == b[2] for a, b in zip(pieces, pieces[1:]))

    def build(
        self, kind: str, index: int = 0, depth: int = 0, drop_urls: bool = True, markdown: bool = False
    ) -> Block | None:
        """The block (surrounding whitespace trimmed), or ``None`` if no prose is left.
        ``markdown``: also strip Markdown syntax left as text (raw HTML blocks in Markdown)."""
        if not self._pieces:
            return None
        if not self._gaps and not markdown and self._one_run():
            text = self.text()
            if not (drop_urls and url_ranges(text)):
                return one_run_block(kind, text, self._pieces[0][2], index, depth)
        pieces = [(t, s, e, v) for _, t, s, e, v in self._pieces]
        removed: list[tuple[int, int]] = []
        gaps = list(self._gaps)
        content_gaps = list(self._content_gaps)
        if drop_urls or markdown:
            text = self.text()
            if drop_urls:
                removed = url_ranges(text)
                gaps += [a for a, _ in removed]
                content_gaps += [a for a, _ in removed]
            if markdown:
                more, more_gaps = markdown_residue(text)
                removed = _merge(removed + more)
                gaps += more_gaps
                content_gaps += more_gaps
        if gaps or removed:
            removed = _tidy_gaps(self.text(), removed, sorted(set(gaps)))
        if removed:
            pieces = _cut(self._pieces, removed)
        if content_gaps:
            joined = "".join(t for t, _, _, _ in pieces)
            final_gaps = _final_gaps(content_gaps, removed, len(joined) - len(joined.lstrip()))
        else:
            final_gaps = ()
        # trim surrounding whitespace
        lo = 0
        while lo < len(pieces):
            t, s, e, v = pieces[lo]
            st = t.lstrip()
            if st:
                if len(st) < len(t):
                    pieces[lo] = (st, s + len(t) - len(st) if v else s, e, v)
                break
            lo += 1
        hi = len(pieces)
        while hi > lo:
            t, s, e, v = pieces[hi - 1]
            rt = t.rstrip()
            if rt:
                if len(rt) < len(t):
                    pieces[hi - 1] = (rt, s, s + len(rt) if v else e, v)
                break
            hi -= 1
        if hi <= lo:
            return None
        runs: list[Run] = []
        parts: list[str] = []
        pos = 0
        for t, s, e, v in pieces[lo:hi]:
            if v:
                last = runs[-1] if runs else None
                if last is not None and last.verbatim and last.source_end == s:
                    last.source_end = s + len(t)
                else:
                    runs.append(Run(pos, s, s + len(t), True))
            else:
                for k in range(len(t)):
                    runs.append(Run(pos + k, s, e, False))
            parts.append(t)
            pos += len(t)
        block = Block(kind, "".join(parts), runs, index=index, depth=depth)
        if final_gaps:
            block.gaps = tuple(g for g in final_gaps if 0 <= g <= pos)
        return block


def one_run_block(kind: str, text: str, start: int, index: int = 0, depth: int = 0) -> Block | None:
    """What :meth:`Prose.build` gives for ``text``, verbatim source from offset ``start`` with
    nothing to drop (no gap, no bare URL): the trimmed text as one run (None if blank)."""
    lo = len(text) - len(text.lstrip())
    hi = len(text.rstrip())
    if hi <= lo:
        return None
    return Block(kind, text[lo:hi], [Run(0, start + lo, start + hi, True)], index=index, depth=depth)


def _final_gaps(gaps: list[int], removed: list[tuple[int, int]], lead: int) -> tuple[int, ...]:
    """Gap positions (offsets before cutting and trimming) as offsets into the final text;
    ``lead`` is the whitespace trimmed from the start after cutting."""
    out = set()
    for g in gaps:
        shift = 0
        for a, b in removed:
            if a >= g:
                break
            shift += min(b, g) - a
        out.add(max(0, g - shift - lead))
    return tuple(sorted(out))


def _cut(pieces, removed: list[tuple[int, int]]) -> list[tuple[str, int, int, bool]]:
    """The pieces without the prose ranges in ``removed`` (sorted, disjoint)."""
    out = []
    k = 0
    for p0, piece, s, e, verbatim in pieces:
        p1 = p0 + len(piece)
        cur = p0
        while cur < p1:
            while k < len(removed) and removed[k][1] <= cur:
                k += 1
            if k < len(removed) and removed[k][0] <= cur:
                cur = min(p1, removed[k][1])
                continue
            stop = min(p1, removed[k][0]) if k < len(removed) else p1
            sub = piece[cur - p0 : stop - p0]
            if verbatim:
                out.append((sub, s + cur - p0, s + stop - p0, True))
            else:
                out.append((sub, s, e, False))
            cur = stop
    return out


def _tidy_gaps(text: str, removed: list[tuple[int, int]], gaps: list[int]) -> list[tuple[int, int]]:
    """Add to ``removed`` the doubled space a dropped construct leaves behind; return the
    merged, sorted ranges."""
    removed = _merge(removed)
    starts = [a for a, _ in removed]

    def skip(i: int, step: int) -> int:
        # move from i in direction step past removed characters
        while 0 <= i < n:
            k = bisect.bisect_right(starts, i) - 1
            if k >= 0 and removed[k][0] <= i < removed[k][1]:
                i = removed[k][1] if step > 0 else removed[k][0] - 1
            else:
                return i
        return i

    n = len(text)
    extra: list[tuple[int, int]] = []
    for g in gaps:
        p = skip(g - 1, -1)
        q = skip(g, 1)
        if p < 0 or text[p] not in _SPACE:
            continue
        if q >= n or text[q] == "\n" or text[q] in _PUNCT_AFTER_GAP:
            extra.append((p, p + 1))  # "see <url>." -> "see."
        elif text[q] in _SPACE:
            extra.append((q, q + 1))  # "Run `x` now" -> "Run now"
    return _merge(removed + extra) if extra else removed
