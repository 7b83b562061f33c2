"""The lint format: ``path:line:col: CODE message [rule-name]`` (1-based, columns in characters)."""

from __future__ import annotations

from lint.report import located

_COLORS = {"error": "31", "warning": "33", "info": "36"}


def render(results, color: bool = False, show_source: bool = False, **_) -> str:
    lines = []
    for _result, d, (line, col), _end in located(results):
        code = d.code
        if color:
            code = f"\x1b[1;{_COLORS.get(str(d.severity), '0')}m{code}\x1b[0m"
            loc = f"\x1b[1m{d.path}:{line}:{col}:\x1b[0m"
        else:
            loc = f"{d.path}:{line}:{col}:"
        message = " ".join(d.message.split())
        lines.append(f"{loc} {code} {message} [{d.name}]")
    return "\n".join(lines) + ("\n" if lines else "")
