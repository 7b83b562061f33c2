"""reviewdog's rdjsonl: one Diagnostic JSON object per line.

reviewdog's Position.column counts UTF-8 bytes from 1, so columns are converted here."""

from __future__ import annotations

import json

_SEV = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _pos(result, offset: int) -> dict:
    li = result.line_index
    line, col = li.line_col(offset)
    start = li.line_start(line)
    byte_col = len((result.source or "")[start:offset].encode("utf-8")) + 1
    return {"line": line, "column": byte_col}


def render(results, **_) -> str:
    out = []
    for r in sorted(results, key=lambda r: r.path):
        for d in r.diagnostics:
            item = {
                "message": d.message,
                "location": {
                    "path": d.path,
                    "range": {"start": _pos(r, d.span.start), "end": _pos(r, d.span.end)},
                },
                "severity": _SEV[str(d.severity)],
                "source": {"name": "articlelint"},
                "code": {"value": d.code},
            }
            if d.fix is not None:
                item["suggestions"] = [
                    {"range": {"start": _pos(r, e.span.start), "end": _pos(r, e.span.end)}, "text": e.replacement}
                    for e in d.fix.edits
                ]
            out.append(json.dumps(item, ensure_ascii=False))
    return "\n".join(out) + ("\n" if out else "")
