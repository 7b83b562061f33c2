"""Inline suppression comments (Markdown and HTML).

``<!-- articlelint: disable CODE[,CODE] -->`` … ``<!-- articlelint: enable [CODE] -->``,
``<!-- articlelint: disable-next-line CODE -->`` and ``<!-- articlelint: disable-file [CODE] -->``.
No codes means every rule. Codes are selectors: codes, prefixes, names or families.
A suppression that hides nothing, or names an unknown rule, is reported (meta family).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lint.document import Document, Span
from lint.registry import selector_matches

_DIRECTIVE = re.compile(
    r"^\s*articlelint\s*:\s*(disable-next-line|disable-file|disable|enable)\b\s*(.*?)\s*$",
    re.S | re.I,
)


@dataclass
class Suppression:
    kind: str
    codes: tuple[str, ...]
    comment: Span
    regions: list[Span] = field(default_factory=list)
    used: bool = False
    #: a ``disable A,B`` that ``enable A`` split: the part still disabling B points here
    parent: "Suppression | None" = None

    @property
    def root(self) -> "Suppression":
        return self.parent.root if self.parent is not None else self

    def covers(self, d) -> bool:
        if self.codes and not any(selector_matches(c, d.code, d.name, d.family) for c in self.codes):
            return False
        return any(r.start <= d.span.start < r.end or (r.start == d.span.start == r.end) for r in self.regions)


def _codes(text: str) -> tuple[str, ...]:
    text = text.strip().rstrip("-").strip()
    return tuple(c for c in re.split(r"[\s,]+", text) if c)


def parse_suppressions(doc: Document) -> list[Suppression]:
    out: list[Suppression] = []
    open_: list[Suppression] = []
    n = len(doc.source)
    for comment in doc.comments:
        m = _DIRECTIVE.match(comment.body)
        if not m:
            continue
        kind, codes = m.group(1).lower(), _codes(m.group(2))
        if kind == "enable":
            still_open = []
            for s in open_:
                named = {c.upper() for c in codes}
                if codes and s.codes and not named & {c.upper() for c in s.codes}:
                    still_open.append(s)  # enables other rules: this one stays open
                    continue
                start = s.regions[0].start
                s.regions = [Span(start, comment.span.start)]
                rest = tuple(c for c in s.codes if c.upper() not in named) if codes else ()
                if rest:  # "disable A,B" … "enable A": B stays disabled
                    part = Suppression("disable", rest, s.comment, [Span(comment.span.end, n)], parent=s)
                    out.append(part)
                    still_open.append(part)
            open_ = still_open
            continue
        sup = Suppression(kind, codes, comment.span)
        if kind == "disable":
            sup.regions = [Span(comment.span.end, n)]
            open_.append(sup)
        elif kind == "disable-file":
            sup.regions = [Span(0, n)]
        else:  # disable-next-line: the next line with content after the comment's line
            src = doc.source
            nl = src.find("\n", comment.span.end)
            while nl != -1:
                line_end = src.find("\n", nl + 1)
                line_end = n if line_end == -1 else line_end
                if src[nl + 1 : line_end].strip():
                    sup.regions = [Span(nl + 1, line_end)]
                    break
                nl = src.find("\n", nl + 1) if line_end < n else -1
        out.append(sup)
    return out
