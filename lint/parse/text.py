"""Plain text: blocks are separated by blank lines.

Scraped text comes two ways: paragraphs separated by blank lines, and web-page dumps with one
block per line and single newlines. A chunk whose lines look like separate blocks (not a
hard-wrapped paragraph) is split into one ``line`` block per line, so that rules judging
paragraphs or lines see the units a reader sees. Bare URLs are not prose and are left out;
CRLF line ends leave only their ``\n`` in the prose.
"""

from __future__ import annotations

import re

from lint.document import Block, Document
from lint.parse.prose import Prose, one_run_block, url_ranges

_BLANK_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n")


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Are these the lines of one paragraph wrapped at a fixed width?

    A wrapped paragraph's lines (but the last) are of similar length, none longer than a
    terminal is wide, the last is no longer than the others, and at each break the next
    line's first word would not have fitted on the line before. Scraped dumps (one block per
    line) fail these: their lines are as long as their paragraphs, or short headings and
    menu items followed by long lines.
    """
    if len(lines) < 2:
        return True
    lengths = [len(l.rstrip()) for l in lines]
    body = lengths[:-1]
    width = max(body)
    if width > 100 or width < 30 or lengths[-1] > width + 2:
        return False
    if min(body) < 0.6 * width:
        return False
    # at each break the next word did not fit: the line was full
    full = 0
    for k in range(len(lines) - 1):
        next_word = lines[k + 1].split(None, 1)[0] if lines[k + 1].strip() else ""
        if lengths[k] + 1 + len(next_word) > width:
            full += 1
    return full >= 0.8 * (len(lines) - 1)


def _add_lines(prose: Prose, source: str, start: int, end: int) -> None:
    """Append ``source[start:end]`` to ``prose``, leaving out the ``\r`` of CRLF line ends
    (the prose keeps the ``\n``, so a block's lines end where the source's do)."""
    pos = start
    while True:
        nl = source.find("\n", pos, end)
        if nl == -1:
            prose.verbatim(pos, end)
            return
        stop = nl - 1 if nl > pos and source[nl - 1] == "\r" else nl
        prose.verbatim(pos, stop)
        prose.verbatim(nl, nl + 1)
        pos = nl + 1


def parse_text(source: str, path: str = "-") -> Document:
    blocks: list[Block] = []
    pos = 0
    n = len(source)
    chunks: list[tuple[int, int]] = []
    for m in _BLANK_SPLIT.finditer(source):
        chunks.append((pos, m.start()))
        pos = m.end() - 1  # keep the final newline out of the next chunk
    chunks.append((pos, n))

    def add(kind: str, start: int, end: int) -> None:
        text = source[start:end]
        if "\r\n" not in text and not url_ranges(text):
            # the prose is the source range, nothing dropped: the block Prose would build
            block = one_run_block(kind, text, start, index=len(blocks))
        else:
            prose = Prose(source)
            _add_lines(prose, source, start, end)
            block = prose.build(kind, index=len(blocks))
        if block is not None:
            blocks.append(block)

    for start, end in chunks:
        chunk = source[start:end]
        if not chunk.strip():
            continue
        raw_lines = chunk.split("\n")
        lines = [l for l in raw_lines if l.strip()]
        if _looks_hard_wrapped(lines):
            add("paragraph", start, end)
            continue
        offset = start
        for raw in raw_lines:
            add("line", offset, offset + len(raw))
            offset += len(raw) + 1
    return Document(path=path, source=source, format="text", blocks=blocks)
