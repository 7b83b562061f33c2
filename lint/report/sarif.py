"""SARIF 2.1.0 (GitHub code scanning and other viewers)."""

from __future__ import annotations

import json
from pathlib import Path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _region(result, span) -> dict:
    li = result.line_index
    (line, col), (eline, ecol) = li.line_col(span.start), li.line_col(span.end)
    return {
        "startLine": line, "startColumn": col, "endLine": eline, "endColumn": ecol,
        "charOffset": span.start, "charLength": span.end - span.start,
    }


def _uri(path: str) -> str:
    """A URI reference: relative paths stay relative (code scanning resolves them against
    the repository), with spaces and the like percent-encoded."""
    from urllib.parse import quote

    if path == "-":
        return "stdin"
    p = Path(path)
    return quote(p.as_posix()) if not p.is_absolute() else p.as_uri()


def render(results, rules=None, **_) -> str:
    from lint import __version__

    results = sorted(results, key=lambda r: r.path)
    used = {}
    for r in results:
        for d in r.diagnostics:
            used.setdefault(d.code, d)
    doc_of = {}
    for rule in rules or ():
        doc_of[rule.code] = rule
    rule_items = []
    index = {}
    for code in sorted(used):
        d = used[code]
        rule = doc_of.get(code)
        item = {"id": code, "name": d.name, "properties": {"family": d.family}}
        if rule is not None:
            item["shortDescription"] = {"text": rule.summary() or rule.name}
            item["fullDescription"] = {"text": rule.doc() or rule.name}
            item["help"] = {"text": rule.doc() or rule.name, "markdown": rule.doc() or rule.name}
            item["defaultConfiguration"] = {"level": _LEVEL[str(rule.severity)]}
        index[code] = len(rule_items)
        rule_items.append(item)
    from collections import Counter

    from lint.baseline import fingerprint

    sarif_results = []
    for r in results:
        seen: Counter = Counter()
        for d in r.diagnostics:
            # the baseline's fingerprint (rule + normalised text, not the line) and its
            # occurrence: code scanning keeps tracking an alert when lines move
            key = fingerprint(d, r.source or "")
            seen[key] += 1
            res = {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": _LEVEL[str(d.severity)],
                "message": {"text": d.message},
                "partialFingerprints": {"articlelint/v1": f"{key}:{seen[key]}"},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(d.path)},
                        "region": _region(r, d.span),
                    }
                }],
            }
            if d.related:
                res["relatedLocations"] = [
                    {
                        "id": i,
                        "message": {"text": rel.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(rel.path or d.path)},
                            "region": _region(r, rel.span) if not rel.path or rel.path == d.path
                            else {"startLine": rel.line or 1, "startColumn": rel.column or 1},
                        },
                    }
                    for i, rel in enumerate(d.related)
                ]
            if d.fix is not None:
                res["fixes"] = [{
                    "description": {"text": d.fix.description},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _uri(d.path)},
                        "replacements": [{
                            "deletedRegion": {"charOffset": e.span.start, "charLength": e.span.end - e.span.start},
                            "insertedContent": {"text": e.replacement},
                        } for e in d.fix.edits],
                    }],
                }]
            sarif_results.append(res)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "articlelint",
                "version": __version__,
                "informationUri": "https://pypi.org/project/articlelint/",
                "rules": rule_items,
            }},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
