"""A file's result: its findings, and what reports need of its text (kept light: an
unchanged re-run answered from the cache imports this, not the rule engine)."""

from __future__ import annotations

from dataclasses import dataclass

from lint.diagnostic import Diagnostic
from lint.document import LineIndex


@dataclass
class FileResult:
    path: str
    source: str | None
    diagnostics: list[Diagnostic]
    #: "binary" (skipped, a notice) or an input-error kind; None when linted
    skipped: str | None = None
    notice: str | None = None

    @property
    def line_index(self) -> LineIndex:
        if self.__dict__.get("_li") is None:
            self.__dict__["_li"] = LineIndex(self.source or "")
        return self.__dict__["_li"]

    def compact(self) -> None:
        """Keep what reports of positions need (the line index), not the whole text: a run
        over many files holds every result until it sorts them."""
        if self.source is not None:
            if self.diagnostics:
                self.__dict__["_li"] = LineIndex(self.source)
            self.source = None

    @property
    def has_error(self) -> bool:
        """An input error or a failed rule/backend: exit status 2."""
        return any(d.code in ERROR_CODES or d.extra.get("run_error") for d in self.diagnostics)


ERROR_CODES = {"AL100", "AL900"}
