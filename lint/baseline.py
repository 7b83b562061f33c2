"""Baselines: findings recorded once are not reported again.

A finding's fingerprint is its rule code plus its normalised flagged text (not its line), and
findings with the same fingerprint in a file are counted: a baseline that recorded two hides
the first two and reports a third. Edits elsewhere in the file move lines, not fingerprints.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

from lint.diagnostic import Diagnostic

VERSION = 1
#: errors about the run, not the text: a baseline must never hide them
_NOT_RECORDED = {"AL100", "AL900"}


class BaselineError(ValueError):
    pass


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def fingerprint(d: Diagnostic, source: str) -> str:
    text = d.fingerprint_text if d.fingerprint_text is not None else source[d.span.start : d.span.end]
    digest = hashlib.sha256(f"{d.code}\0{_norm(text)}".encode()).hexdigest()[:20]
    return digest


def _key_path(path: str, base: Path) -> str:
    if path == "-":
        return path
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:
        return Path(path).resolve().as_posix()


def write_baseline(file: Path, results) -> int:
    entries: dict[str, Counter] = {}
    total = 0
    for result in results:
        if not result.diagnostics or result.source is None:
            continue
        recorded = [d for d in result.diagnostics if d.code not in _NOT_RECORDED and not d.extra.get("run_error")]
        if not recorded:
            continue
        counts = entries.setdefault(_key_path(result.path, file.parent), Counter())
        for d in recorded:
            counts[(d.code, fingerprint(d, result.source))] += 1
            total += 1
    data = {
        "version": VERSION,
        "tool": "articlelint",
        "findings": {
            path: [{"code": c, "fingerprint": f, "count": n} for (c, f), n in sorted(counts.items())]
            for path, counts in sorted(entries.items())
        },
    }
    tmp = file.with_name(file.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    tmp.replace(file)
    return total


class Baseline:
    def __init__(self, file: Path):
        self.file = file
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{file}: baseline file does not exist (create it with --write-baseline)") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(f"{file}: not a valid baseline file: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), dict):
            raise BaselineError(f"{file}: not an articlelint baseline (version {VERSION})")
        self.counts: dict[str, Counter] = {}
        try:
            for path, items in data["findings"].items():
                self.counts[path] = Counter({(i["code"], i["fingerprint"]): int(i["count"]) for i in items})
        except (TypeError, KeyError, ValueError) as exc:
            raise BaselineError(f"{file}: malformed baseline entry: {exc}") from None

    def filter(self, path: str, source: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        counts = self.counts.get(_key_path(path, self.file.parent))
        if not counts:
            return diagnostics
        remaining = Counter(counts)
        kept = []
        for d in sorted(diagnostics, key=lambda d: d.sort_key):
            key = (d.code, fingerprint(d, source))
            if remaining[key] > 0:
                remaining[key] -= 1
                continue
            kept.append(d)
        return kept
