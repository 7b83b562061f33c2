"""A flat JSON array of findings; offsets are 0-based into the (decoded) source text."""

from __future__ import annotations

import json


def _location(result, span) -> dict:
    li = result.line_index
    (line, col), (eline, ecol) = li.line_col(span.start), li.line_col(span.end)
    return {"line": line, "column": col, "end_line": eline, "end_column": ecol,
            "offset": span.start, "end_offset": span.end}


def finding(result, d) -> dict:
    item = {
        "path": d.path,
        "code": d.code,
        "rule": d.name,
        "family": d.family,
        "severity": str(d.severity),
        "message": d.message,
        **_location(result, d.span),
        "related": [related(result, d, r) for r in d.related],
        "fix": None if d.fix is None else {
            "description": d.fix.description,
            "edits": [{"offset": e.span.start, "end_offset": e.span.end, "replacement": e.replacement}
                      for e in d.fix.edits],
        },
    }
    return item


def related(result, d, r) -> dict:
    if r.path and r.path != d.path:
        return {"path": r.path, "message": r.message, "line": r.line, "column": r.column,
                "end_line": None, "end_column": None, "offset": r.span.start, "end_offset": r.span.end}
    return {"path": d.path, "message": r.message, **_location(result, r.span)}


def render(results, **_) -> str:
    items = [finding(r, d) for r in sorted(results, key=lambda r: r.path) for d in r.diagnostics]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
