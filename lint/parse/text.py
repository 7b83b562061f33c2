"""Plain text: blocks are separated by blank lines.

Scraped text comes two ways: paragraphs separated by blank lines, and web-page dumps with one
block per line and single newlines. A chunk whose lines look like separate blocks (not a
hard-wrapped paragraph) is split into one ``line`` block per line, so that rules judging
paragraphs or lines see the units a reader sees.
"""

from __future__ import annotations

import re

from lint.document import Block, BlockBuilder, Document

_BLANK_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n")


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph wrapped at a fixed width (all but the last of similar length,
    each continuing the sentence of the line before)."""
    if len(lines) < 2:
        return True
    body = [len(l.rstrip()) for l in lines[:-1]]
    longest = max(body)
    if longest > 120 or longest < 30:
        return False
    # a wrapped paragraph's lines (but the last) fill most of the width
    if min(body) < 0.6 * longest:
        return False
    # and the next line mostly does not start a new sentence
    ends = sum(1 for l in lines[:-1] if l.rstrip().endswith((".", "!", "?", ":", '"', "”")))
    return ends <= len(lines) // 2


def parse_text(source: str, path: str = "-") -> Document:
    blocks: list[Block] = []
    pos = 0
    n = len(source)
    chunks: list[tuple[int, int]] = []
    for m in _BLANK_SPLIT.finditer(source):
        chunks.append((pos, m.start()))
        pos = m.end() - 1  # keep the final newline out of the next chunk
    chunks.append((pos, n))
    for start, end in chunks:
        chunk = source[start:end]
        if not chunk.strip():
            continue
        raw_lines = chunk.split("\n")
        lines = [l for l in raw_lines if l.strip()]
        split = not _looks_hard_wrapped(lines)
        offset = start
        if split:
            for raw in raw_lines:
                b = BlockBuilder()
                b.verbatim(source, offset, offset + len(raw))
                block = b.build("line", index=len(blocks))
                if block is not None:
                    blocks.append(block)
                offset += len(raw) + 1
        else:
            b = BlockBuilder()
            b.verbatim(source, start, end)
            block = b.build("paragraph", index=len(blocks))
            if block is not None:
                blocks.append(block)
    return Document(path=path, source=source, format="text", blocks=blocks)
