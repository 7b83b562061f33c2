"""What happens to findings after the rules ran, as pure steps:

suppress → ignore (finding-level selectors, per-file-ignores) → severity overrides →
baseline → dedupe → sort.

Each step takes and returns a list of :class:`~lint.diagnostic.Diagnostic`; none prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from lint.diagnostic import Diagnostic, Severity
from lint.document import Document
from lint.registry import selector_matches
from lint.suppress import Suppression


@dataclass(frozen=True)
class PipelineSettings:
    ignore: tuple[str, ...] = ()
    severity_overrides: tuple[tuple[str, Severity], ...] = ()
    #: selectors that are known (rule codes, names, prefixes, families, backend codes)
    is_known: Callable[[str], bool] = field(default=lambda s: True)
    #: rules that ran on this file: (code, name, family)
    ran: frozenset = frozenset()


def suppress(
    diags: list[Diagnostic], suppressions: list[Suppression], settings: PipelineSettings, meta
) -> list[Diagnostic]:
    """Drop suppressed findings; add findings for unknown and unused suppressions.

    ``meta`` maps a meta rule name to a Rule instance used to build those findings."""
    kept = []
    for d in diags:
        hidden = False
        for s in suppressions:
            if s.covers(d):
                s.used = True
                hidden = True
        if not hidden:
            kept.append(d)
    for s in suppressions:
        if s.used and s.parent is not None:
            s.root.used = True
    for s in suppressions:
        if s.parent is not None:
            continue  # judged with the comment it continues
        unknown = [c for c in s.codes if not settings.is_known(c)]
        if unknown:
            rule = meta["unknown-suppression"]
            kept.append(rule.report(s.comment, f"suppression names unknown rule(s): {', '.join(unknown)}"))
            continue
        if s.used:
            continue
        # only report as unused when every rule it names ran (or it names none and any ran)
        names_ran = all(
            any(selector_matches(c, code, name, fam) for code, name, fam in settings.ran) for c in s.codes
        ) if s.codes else bool(settings.ran)
        if names_ran:
            what = ", ".join(s.codes) if s.codes else "all rules"
            rule = meta["unused-suppression"]
            kept.append(rule.report(s.comment, f"unused suppression ({s.kind} {what}): it hides no finding"))
    return kept


def ignore(diags: Iterable[Diagnostic], selectors: Iterable[str]) -> list[Diagnostic]:
    selectors = tuple(selectors)
    if not selectors:
        return list(diags)
    return [d for d in diags if not any(selector_matches(s, d.code, d.name, d.family) for s in selectors)]


def override_severity(diags: Iterable[Diagnostic], overrides: tuple[tuple[str, Severity], ...]) -> list[Diagnostic]:
    if not overrides:
        return list(diags)
    out = []
    for d in diags:
        for selector, severity in overrides:
            if selector_matches(selector, d.code, d.name, d.family) and d.family != "meta":
                d = d.with_(severity=severity)
        out.append(d)
    return out


def dedupe(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    seen = set()
    out = []
    for d in diags:
        key = (d.path, d.code, d.span, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def sort(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: d.sort_key)


def run(
    diags: list[Diagnostic],
    doc: Document | None,
    suppressions: list[Suppression],
    settings: PipelineSettings,
    meta,
    baseline=None,
) -> list[Diagnostic]:
    diags = suppress(diags, suppressions, settings, meta)
    if doc is not None:  # findings about suppressions are made here, without a path
        diags = [d if d.path else d.with_(path=doc.path) for d in diags]
    diags = ignore(diags, settings.ignore)
    diags = override_severity(diags, settings.severity_overrides)
    if baseline is not None and doc is not None:
        diags = baseline.filter(doc.path, doc.source, diags)
    diags = dedupe(diags)
    return sort(diags)
