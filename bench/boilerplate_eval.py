"""Boilerplate detection measured on the ScrapingHub article-extraction pages.

    python bench/boilerplate_eval.py [--jsonl PATH] [--select boilerplate] [--show N]

For each page, ``full_text`` is written as a ``.txt`` file with a blank line between its lines
(one block per line, as scraped articles are usually stored) and, as a variant, with single
newlines; articlelint runs on it with the selected rules (default: the whole boilerplate
family). A labelled line counts as flagged when a finding's span overlaps it. Precision and
recall are character-weighted against the ``lines`` labels (``main`` / ``boilerplate``).
Separately, each ``main_text`` (the human-cleaned article) is linted alone and the share of its
paragraphs that any finding touches is reported: false flags on clean articles.

Anchors on this benchmark (all 181 pages, plain text): C4 line rules P 0.861 / R 0.784,
jusText P 0.727 / R 0.687, a footer-phrase regex P 0.948 / R 0.068.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import Config  # noqa: E402
from lint.engine import build_ruleset, lint_source  # noqa: E402
from lint.rule import Context  # noqa: E402

DEFAULT_JSONL = ROOT.parent / "shared" / "corpus" / "boilerplate" / "scrapinghub-dev.jsonl"


def page_source(lines: list[str], sep: str) -> tuple[str, list[tuple[int, int]]]:
    """The page as text with ``sep`` between lines, and each line's source range."""
    parts, ranges, pos = [], [], 0
    for i, line in enumerate(lines):
        if i:
            parts.append(sep)
            pos += len(sep)
        parts.append(line)
        ranges.append((pos, pos + len(line)))
        pos += len(line)
    return "".join(parts) + "\n", ranges


def flagged_ranges(diags) -> list[tuple[int, int]]:
    return sorted((d.span.start, max(d.span.end, d.span.start + 1)) for d in diags)


def overlaps(rng: tuple[int, int], spans: list[tuple[int, int]]) -> list[int]:
    a, b = rng
    return [k for k, (s, e) in enumerate(spans) if s < b and e > a]


def run(args) -> dict:
    rows = [json.loads(line) for line in open(args.jsonl, encoding="utf-8")]
    config = Config(select=tuple(args.select))
    ruleset = build_ruleset(config)
    report: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for variant, sep in (("blank-line", "\n\n"), ("single-newline", "\n")):
            tp = fp = fn = 0
            by_rule: collections.Counter = collections.Counter()
            misses: list[tuple[int, str, str]] = []
            started = time.perf_counter()
            for k, row in enumerate(rows):
                texts = [entry["text"] for entry in row["lines"]]
                source, ranges = page_source(texts, sep)
                path = folder / f"page-{k:03d}.txt"
                result = lint_source(source, str(path), ruleset, Context(config=config))
                diags = [d for d in result.diagnostics if d.family == "boilerplate"]
                spans = flagged_ranges(diags)
                for entry, rng in zip(row["lines"], ranges):
                    weight = len(entry["text"])
                    hit = overlaps(rng, spans)
                    is_bp = entry["label"] == "boilerplate"
                    if hit:
                        for h in {diags[i].name for i in hit}:
                            by_rule[(h, "tp" if is_bp else "fp")] += weight
                    if hit and is_bp:
                        tp += weight
                    elif hit:
                        fp += weight
                        misses.append((weight, "FP", f"{k}: {entry['text'][:120]}"))
                    elif is_bp:
                        fn += weight
                        misses.append((weight, "FN", f"{k}: {entry['text'][:120]}"))
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            report[variant] = {
                "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
                "seconds": round(time.perf_counter() - started, 2),
                "by_rule": {f"{n} {kind}": v for (n, kind), v in sorted(by_rule.items())},
            }
            if args.show and variant == "blank-line":
                fps = sorted((m for m in misses if m[1] == "FP"), reverse=True)[: args.show]
                fns = sorted((m for m in misses if m[1] == "FN"), reverse=True)[: args.show]
                report["worst_false_positives"] = [f"{w} {t}" for w, _, t in fps]
                report["worst_misses"] = [f"{w} {t}" for w, _, t in fns]

        # clean articles: main_text alone, paragraphs as blocks
        paragraphs = flagged = 0
        examples = []
        for k, row in enumerate(rows):
            paras = [p.strip() for p in row["main_text"].split("\n") if p.strip()]
            source, ranges = page_source(paras, "\n\n")
            path = folder / f"clean-{k:03d}.txt"
            result = lint_source(source, str(path), ruleset, Context(config=config))
            spans = flagged_ranges([d for d in result.diagnostics if d.family == "boilerplate"])
            for text, rng in zip(paras, ranges):
                paragraphs += 1
                if overlaps(rng, spans):
                    flagged += 1
                    examples.append(f"{k}: {text[:100]}")
        report["clean"] = {
            "paragraphs": paragraphs, "flagged": flagged,
            "share": round(flagged / paragraphs, 4) if paragraphs else 0.0,
        }
        if args.show:
            report["clean_flagged_examples"] = examples
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jsonl", default=str(DEFAULT_JSONL))
    ap.add_argument("--select", nargs="+", default=["boilerplate"])
    ap.add_argument("--show", type=int, default=0, help="list the N heaviest errors")
    args = ap.parse_args()
    print(json.dumps(run(args), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
