"""GitHub Actions workflow commands: ``::warning file=…,line=…,col=…::message``."""

from __future__ import annotations

from lint.report import located

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(results, **_) -> str:
    out = []
    for _r, d, (line, col), (eline, ecol) in located(results):
        props = ",".join([
            f"file={_escape_prop(d.path)}", f"line={line}", f"col={col}",
            f"endLine={eline}", f"endColumn={ecol}", f"title={_escape_prop(f'{d.code} {d.name}')}",
        ])
        out.append(f"::{_LEVEL[str(d.severity)]} {props}::{_escape_data(d.message)}")
    return "\n".join(out) + ("\n" if out else "")
