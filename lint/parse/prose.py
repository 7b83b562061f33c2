"""Collecting the prose of one block from pieces of source, shared by the Markdown and HTML
parsers.

A parser appends pieces in source order: verbatim source ranges, replaced text (a decoded
entity standing for its source range) and *gaps* (a construct that was dropped: inline code,
an image, a URL, a tag). :meth:`Prose.build` then removes bare URLs, tidies the spaces a gap
leaves behind ("Run `make` now" becomes "Run now", not "Run  now") and builds the
:class:`~lint.document.Block`.
"""

from __future__ import annotations

import re

from lint.document import Block, Run

# Bare URLs in prose: scheme URLs and www. hosts. Trailing punctuation is left in the prose
# ("see https://example.com." keeps the full stop), a closing bracket only if unbalanced.
BARE_URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"'`]+", re.I)
_URL_TRAIL = ".,;:!?'\"’”*_"

_SPACE = " \t"
_PUNCT_AFTER_GAP = ".,;:!?)]}’”"


def url_ranges(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` ranges of bare URLs in ``text``."""
    if "://" not in text and "www." not in text.lower():
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


class Prose:
    """Pieces of one block's prose: ``(text, source_start, source_end, verbatim)`` or gaps."""

    __slots__ = ("_source", "_pieces", "_gaps", "_length")

    def __init__(self, source: str) -> None:
        self._source = source
        self._pieces: list[tuple[int, str, int, int, bool]] = []  # (prose_start, text, s, e, verbatim)
        self._gaps: list[int] = []  # prose offsets where something was dropped
        self._length = 0

    def __bool__(self) -> bool:
        return self._length > 0

    @property
    def length(self) -> int:
        return self._length

    def ends_with_space(self) -> bool:
        return bool(self._pieces) and self._pieces[-1][1][-1:].isspace()

    def verbatim(self, start: int, end: int) -> None:
        if end > start:
            self._pieces.append((self._length, self._source[start:end], start, end, True))
            self._length += end - start

    def replaced(self, text: str, start: int, end: int) -> None:
        if text:
            self._pieces.append((self._length, text, start, end, False))
            self._length += len(text)

    def gap(self) -> None:
        self._gaps.append(self._length)

    def text(self) -> str:
        return "".join(p[1] for p in self._pieces)

    def build(self, kind: str, index: int = 0, depth: int = 0, drop_urls: bool = True) -> Block | None:
        """The block (surrounding whitespace trimmed), or ``None`` if no prose is left."""
        if not self._pieces:
            return None
        pieces = [(t, s, e, v) for _, t, s, e, v in self._pieces]
        removed: list[tuple[int, int]] = []
        if drop_urls:
            removed = url_ranges("".join(t for t, _, _, _ in pieces))
        if self._gaps or removed:
            gaps = self._gaps + [a for a, _ in removed]
            removed = _tidy_gaps(self.text(), removed, sorted(set(gaps)))
        if removed:
            pieces = _cut(self._pieces, removed)
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
        return Block(kind, "".join(parts), runs, index=index, depth=depth)


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
    removed = sorted(removed)
    extra: list[tuple[int, int]] = []

    def is_removed(i: int) -> bool:
        return any(a <= i < b for a, b in removed) or any(a <= i < b for a, b in extra)

    n = len(text)
    for g in gaps:
        p = g - 1
        while p >= 0 and is_removed(p):
            p -= 1
        q = g
        while q < n and is_removed(q):
            q += 1
        if p < 0 or text[p] not in _SPACE:
            continue
        if q >= n or text[q] == "\n" or text[q] in _PUNCT_AFTER_GAP:
            extra.append((p, p + 1))  # "see <url>." -> "see."
        elif text[q] in _SPACE:
            extra.append((q, q + 1))  # "Run `x` now" -> "Run now"
    if not extra:
        return removed
    merged: list[tuple[int, int]] = []
    for a, b in sorted(removed + extra):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
