"""The one small interface every grammar backend satisfies.

A backend receives prose only (markup already stripped by the parsers) and answers, for each
text, the matches it found with offsets in Python code points into that text. The grammar rule
maps those offsets back to source spans through the block's segment map; a backend never sees
or guesses source positions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Match:
    """One finding of a backend: ``text[start:end]`` is the flagged text (code points)."""

    start: int
    end: int
    rule_id: str
    message: str
    replacements: tuple[str, ...] = ()
    category: str = ""
    #: True for spelling findings (unknown words), which are off by default.
    spelling: bool = False

    def to_json(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "rule_id": self.rule_id,
            "message": self.message,
            "replacements": list(self.replacements),
            "category": self.category,
            "spelling": self.spelling,
        }

    @classmethod
    def from_json(cls, data: dict) -> Match:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            rule_id=str(data["rule_id"]),
            message=str(data["message"]),
            replacements=tuple(data.get("replacements", ())),
            category=str(data.get("category", "")),
            spelling=bool(data.get("spelling", False)),
        )


class BackendError(Exception):
    """A backend is missing, down, slow or refused a request.

    ``cause`` is one sentence for the user: what failed and, where we know it, what to do.
    """

    def __init__(self, cause: str) -> None:
        super().__init__(cause)
        self.cause = cause


@runtime_checkable
class Backend(Protocol):
    """What the grammar rule needs from a backend."""

    #: Short stable name used in finding codes and cache keys: "harper", "LT".
    name: str
    #: Version of the checker itself (cache key: a new version may find other things).
    version: str

    def check(self, texts: list[str]) -> list[list[Match]]:
        """Check each text independently; one list of matches per text, in order.

        Raises BackendError when the backend cannot answer.
        """
        ...
