"""Findings: what a rule reports, in source offsets."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

from lint.document import Span


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r} (expected info, warning or error)"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Edit:
    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding points at (e.g. the first occurrence of a repeat)."""

    span: Span
    message: str
    path: str | None = None  # None: the same file
    #: 1-based position, given when ``path`` is another file (reporters cannot see its text)
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    name: str
    family: str
    severity: Severity
    span: Span
    message: str
    path: str = ""
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    #: for a baseline: a text that identifies the finding independent of its position
    #: (defaults to the flagged source text)
    fingerprint_text: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def with_(self, **changes) -> "Diagnostic":
        return replace(self, **changes)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.span.start, self.span.end, self.code, self.message)
