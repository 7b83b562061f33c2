"""The document model every rule sees.

A parser turns source text into a :class:`Document`: a list of :class:`Block` objects, each a
unit of prose (paragraph, heading, list item, quote, table cell, line of a scraped dump) whose
``text`` is the extracted prose and whose run map turns any prose offset back into a source
offset. Rules match on prose and report :class:`Span` objects in *source* offsets; only
reporters turn offsets into 1-based lines and columns (:class:`LineIndex`).
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

BLOCK_KINDS = frozenset(
    {"paragraph", "heading", "list_item", "quote", "table_cell", "line", "html_block"}
)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open range ``[start, end)`` of 0-based character offsets into the source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start


def line_starts(source: str) -> list[int]:
    """Offsets of the first character of every line (lines end at ``\\n`` only)."""
    starts = [0]
    find = source.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


class LineIndex:
    """Offsets ↔ 1-based (line, column); columns count characters (code points)."""

    def __init__(self, source: str) -> None:
        # an array, not a list: a run over many files keeps one index per file with findings
        self._starts = array("q", line_starts(source))
        self._length = len(source)

    @classmethod
    def from_starts(cls, starts: list[int], length: int) -> "LineIndex":
        """An index rebuilt from :attr:`starts` and :attr:`length` (the results cache)."""
        index = cls.__new__(cls)
        index._starts = array("q", starts)
        index._length = length
        return index

    @property
    def starts(self):
        return self._starts

    @property
    def length(self) -> int:
        return self._length

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self._length))
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[max(0, min(line - 1, len(self._starts) - 1))]

    def offset(self, line: int, column: int) -> int:
        return min(self.line_start(line) + column - 1, self._length)


@dataclass(slots=True)
class Run:
    """A piece of prose copied from the source (``verbatim``) or standing for a source range
    (``not verbatim``: a decoded entity such as ``&amp;`` → ``&``; its prose length is 1)."""

    prose_start: int
    source_start: int
    source_end: int
    verbatim: bool


class Block:
    """A unit of prose with a map from prose offsets to source offsets."""

    __slots__ = ("kind", "text", "runs", "index", "depth", "gaps", "_prose_starts", "__dict__")

    def __init__(self, kind: str, text: str, runs: list[Run], index: int = 0, depth: int = 0):
        self.kind = kind
        self.text = text
        self.runs = runs
        self.index = index
        #: nesting depth for list items / quotes (0 = top level)
        self.depth = depth
        #: prose offsets where the parser dropped something a reader sees (inline code, an
        #: image, a URL): "types `Send`, `Sync`." has prose "types , ." with gaps before
        #: each comma; rules about adjacent characters should not join across a gap
        self.gaps: tuple[int, ...] = ()
        self._prose_starts = [r.prose_start for r in runs]

    def __repr__(self) -> str:
        return f"Block({self.kind!r}, {self.text[:40]!r}…, span={self.span})"

    def to_source(self, i: int) -> int:
        """Source offset of prose character ``i`` (``i == len(text)`` gives the end offset)."""
        if i >= len(self.text):
            return self.runs[-1].source_end if self.runs else 0
        k = bisect.bisect_right(self._prose_starts, i) - 1
        run = self.runs[k]
        if run.verbatim:
            return run.source_start + (i - run.prose_start)
        return run.source_start

    def _source_end_of(self, i: int) -> int:
        """Source offset just after prose character ``i``."""
        k = bisect.bisect_right(self._prose_starts, i) - 1
        run = self.runs[k]
        if run.verbatim:
            return run.source_start + (i - run.prose_start) + 1
        return run.source_end

    def source_span(self, start: int, end: int) -> Span:
        """Source span covering prose ``[start, end)``."""
        if end <= start:
            pos = self.to_source(start)
            return Span(pos, pos)
        return Span(self.to_source(start), self._source_end_of(end - 1))

    @cached_property
    def span(self) -> Span:
        return self.source_span(0, len(self.text)) if self.text else Span(0, 0)

    def gap_within(self, start: int, end: int) -> bool:
        """Did the parser drop something (inline code, an image, a URL) strictly inside
        prose ``[start, end)``, i.e. between two of its characters?"""
        gaps = self.gaps
        if not gaps:
            return False
        k = bisect.bisect_right(gaps, start)
        return k < len(gaps) and gaps[k] < end

    def is_verbatim(self, i: int) -> bool:
        k = bisect.bisect_right(self._prose_starts, i) - 1
        return self.runs[k].verbatim

    def lines(self) -> list[tuple[int, int]]:
        """Prose ranges of the block's lines (split at ``\\n``), without the newline."""
        out, start, text = [], 0, self.text
        while True:
            nl = text.find("\n", start)
            if nl == -1:
                out.append((start, len(text)))
                return out
            out.append((start, nl))
            start = nl + 1

    @cached_property
    def words(self) -> list[str]:
        return self.text.split()


class BlockBuilder:
    """Accumulates prose pieces with their source positions, then builds a :class:`Block`."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._runs: list[Run] = []
        self._length = 0

    def __bool__(self) -> bool:
        return self._length > 0

    @property
    def length(self) -> int:
        return self._length

    def verbatim(self, source: str, start: int, end: int) -> None:
        """Append ``source[start:end]`` as prose."""
        if end <= start:
            return
        last = self._runs[-1] if self._runs else None
        if last is not None and last.verbatim and last.source_end == start:
            last.source_end = end  # extend the previous run
        else:
            self._runs.append(Run(self._length, start, end, True))
        self._parts.append(source[start:end])
        self._length += end - start

    def replaced(self, text: str, start: int, end: int) -> None:
        """Append ``text`` (each character) standing for ``source[start:end]``."""
        for ch in text:
            self._runs.append(Run(self._length, start, end, False))
            self._parts.append(ch)
            self._length += 1

    def text(self) -> str:
        return "".join(self._parts)

    def build(self, kind: str, index: int = 0, depth: int = 0, strip: bool = True) -> Block | None:
        """Build the block, trimming surrounding whitespace; ``None`` if no prose is left."""
        text = "".join(self._parts)
        runs = self._runs
        if strip:
            lo = len(text) - len(text.lstrip())
            hi = len(text.rstrip())
            if hi <= lo:
                return None
            if lo or hi < len(text):
                text, runs = _slice_runs(text, runs, lo, hi)
        elif not text:
            return None
        return Block(kind, text, runs, index=index, depth=depth)


def _slice_runs(text: str, runs: list[Run], lo: int, hi: int) -> tuple[str, list[Run]]:
    out: list[Run] = []
    for k, run in enumerate(runs):
        p_end = runs[k + 1].prose_start if k + 1 < len(runs) else len(text)
        a, b = max(run.prose_start, lo), min(p_end, hi)
        if a >= b:
            continue
        if run.verbatim:
            s = run.source_start + (a - run.prose_start)
            out.append(Run(a - lo, s, s + (b - a), True))
        else:
            out.append(Run(a - lo, run.source_start, run.source_end, False))
    return text[lo:hi], out


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: prose offsets ``[start, end)`` inside ``block``."""

    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    @property
    def span(self) -> Span:
        return self.block.source_span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment in the source (``<!-- ... -->``): suppressions and test expectations."""

    span: Span
    body: str


@dataclass
class Document:
    """A parsed source file."""

    path: str
    source: str
    format: str  # "text" | "markdown" | "html"
    blocks: list[Block]
    comments: list[Comment] = field(default_factory=list)
    #: source span of front matter, if any (skipped, never linted)
    front_matter: Span | None = None

    @cached_property
    def line_index(self) -> LineIndex:
        return LineIndex(self.source)

    @cached_property
    def _sentences(self) -> list[list[Sentence]]:
        from lint.segment import split_sentences

        return [
            [Sentence(b, s, e) for s, e in split_sentences(b.text)] for b in self.blocks
        ]

    @property
    def sentences(self) -> Iterator[Sentence]:
        for per_block in self._sentences:
            yield from per_block

    def sentences_of(self, block: Block) -> list[Sentence]:
        return self._sentences[block.index]

    def text_of(self, span: Span) -> str:
        return self.source[span.start : span.end]
