"""Checkstyle XML (read by Jenkins, reviewdog, many CI dashboards)."""

from __future__ import annotations

import re
from xml.sax.saxutils import quoteattr as _quoteattr

# characters XML 1.0 does not allow at all, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def quoteattr(value: str) -> str:
    return _quoteattr(_NOT_XML.sub("\ufffd", value))


def render(results, **_) -> str:
    from lint import __version__

    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<checkstyle version="articlelint-{__version__}">']
    for r in sorted(results, key=lambda r: r.path):
        if not r.diagnostics:
            continue
        out.append(f"  <file name={quoteattr(r.path)}>")
        li = r.line_index
        for d in r.diagnostics:
            line, col = li.line_col(d.span.start)
            out.append(
                f"    <error line=\"{line}\" column=\"{col}\" severity={quoteattr(str(d.severity))} "
                f"message={quoteattr(d.message)} source={quoteattr(f'articlelint.{d.code}.{d.name}')}/>"
            )
        out.append("  </file>")
    out.append("</checkstyle>")
    return "\n".join(out) + "\n"
