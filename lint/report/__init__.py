"""Reporters: pure functions ``(results) -> str``, one module per format."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "sarif", "github", "checkstyle", "rdjsonl")


def render(fmt: str, results, **context) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f"lint.report.{fmt}")
    return module.render(results, **context)


def located(results):
    """Yield ``(result, diagnostic, (line, col), (end_line, end_col))`` in output order."""
    for result in sorted(results, key=lambda r: r.path):
        li = result.line_index
        for d in result.diagnostics:
            yield result, d, li.line_col(d.span.start), li.line_col(d.span.end)
