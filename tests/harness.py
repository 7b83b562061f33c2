"""Fixture harness: articles carry their expected findings.

- Markdown/HTML fixtures: ``<!-- expect: CODE -->`` at the end of a line expects a finding of
  CODE starting on that line; alone on a line, on the next non-blank line. Several codes:
  ``<!-- expect: RP001, RP003 -->``. A column: ``<!-- expect: RP004@12 -->`` (1-based).
- Plain-text fixtures keep expectations in a sidecar ``NAME.txt.expect``: one
  ``LINE[:COL] CODE`` per line (``#`` comments allowed).
- A fixture without expectations must stay quiet.

The harness runs only the rule under test (``select=[rule]``, no config files) and compares
(line, code[, column]) exactly, so a missing, extra or misplaced finding fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lint.config import Config
from lint.engine import build_ruleset, lint_source
from lint.rule import Context

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_SUFFIXES = {".md", ".markdown", ".txt", ".html", ".htm"}
_EXPECT = re.compile(r"<!--\s*expect:\s*(.*?)\s*-->")


@dataclass(frozen=True, order=True)
class Expected:
    line: int
    code: str
    column: int | None = None


def _items(spec: str, line: int) -> list[Expected]:
    out = []
    for item in re.split(r"[\s,]+", spec.strip()):
        if not item:
            continue
        code, _, col = item.partition("@")
        out.append(Expected(line, code, int(col) if col else None))
    return out


def expectations(path: Path) -> list[Expected]:
    source = path.read_text(encoding="utf-8")
    if path.suffix == ".txt":
        sidecar = path.with_name(path.name + ".expect")
        if not sidecar.exists():
            return []
        out = []
        for raw in sidecar.read_text(encoding="utf-8").splitlines():
            raw = raw.split("#", 1)[0].strip()
            if not raw:
                continue
            pos, code = raw.split()
            line, _, col = pos.partition(":")
            out.append(Expected(int(line), code, int(col) if col else None))
        return sorted(out)
    lines = source.splitlines()
    out = []
    for i, text in enumerate(lines, start=1):
        for m in _EXPECT.finditer(text):
            alone = not (text[: m.start()] + text[m.end():]).strip()
            target = i
            if alone:
                target = i + 1
                while target <= len(lines) and not lines[target - 1].strip():
                    target += 1
            out.extend(_items(m.group(1), target))
    return sorted(out)


def run_rule(path: Path, rule: str, options: dict | None = None, services: dict | None = None):
    """Lint ``path`` with only ``rule`` enabled; return the FileResult."""
    source = path.read_text(encoding="utf-8")
    rules = ((rule, tuple((options or {}).items())),) if options else ()
    config = Config(select=(rule,), rules=rules)
    ruleset = build_ruleset(config)
    return lint_source(source, str(path), ruleset, Context(config=config, services=services or {}), debug=True)


def found(result, with_columns: set[int] | None = None) -> list[Expected]:
    li = result.line_index
    out = []
    for d in result.diagnostics:
        line, col = li.line_col(d.span.start)
        out.append(Expected(line, d.code, col))
    return sorted(out)


def compare(path: Path, rule: str, **kwargs) -> tuple[list[Expected], list[Expected]]:
    """(expected, actual) with columns dropped where the expectation gives none."""
    expected = expectations(path)
    actual = found(run_rule(path, rule, **kwargs))
    # a column is compared only where the expectation names one
    want_cols = {(e.line, e.code) for e in expected if e.column is not None}
    actual = sorted(a if (a.line, a.code) in want_cols else Expected(a.line, a.code) for a in actual)
    return expected, actual


def fixture_files(rule_name: str | None = None) -> list[tuple[str, Path]]:
    out = []
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        if rule_name and folder.name != rule_name:
            continue
        for f in sorted(folder.iterdir()):
            if f.suffix in FIXTURE_SUFFIXES:
                out.append((folder.name, f))
    return out
