"""Readability family over the shared corpus: score distributions, findings per 100 articles,
and a sample of findings to read and judge.

    python bench/readability_quality.py                 # news and blog, defaults
    python bench/readability_quality.py --sample 10 --seed 1
    python bench/readability_quality.py --sample 3 --per-rule --metrics flesch-kincaid-grade
    python bench/readability_quality.py --set long-sentence.max-words=40

Markdown files need ``lint/parse/markdown.py``; without it the blog is read as plain text with
its front matter and fenced code blocks removed (said in the output).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import Config  # noqa: E402
from lint.engine import build_ruleset, lint_document  # noqa: E402
from lint.parse import parse  # noqa: E402
from lint.rule import Context  # noqa: E402
from lint.rules._readability import METRICS, count_words, prose_blocks, prose_text, score  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
RULES = ("readability-score", "hard-paragraph", "long-sentence", "long-paragraph")


def have_markdown() -> bool:
    try:
        import lint.parse.markdown  # noqa: F401
    except ImportError:
        return False
    return True


_FRONT = re.compile(r"\A\+\+\+\n.*?\n\+\+\+\n|\A---\n.*?\n---\n", re.S)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)


def load(path: Path, markdown: bool):
    source = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".md" and not markdown:
        stripped = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), _FRONT.sub("", source))
        return parse(stripped, str(path), "text")
    return parse(source, str(path))


def percentiles(values: list[float]) -> str:
    if not values:
        return "-"
    qs = statistics.quantiles(values, n=10, method="inclusive")
    return (
        f"p10 {qs[0]:6.1f}  p25 {statistics.quantiles(values, n=4, method='inclusive')[0]:6.1f}  "
        f"median {statistics.median(values):6.1f}  p75 {statistics.quantiles(values, n=4, method='inclusive')[2]:6.1f}  "
        f"p90 {qs[8]:6.1f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", choices=("news", "blog", "both"), default="both")
    ap.add_argument("--sample", type=int, default=10, help="findings to print per corpus")
    ap.add_argument("--per-rule", action="store_true", help="sample that many findings of each rule")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--metrics", default="all", help="comma list of metrics for the distribution, or all")
    ap.add_argument("--set", action="append", default=[], help="rule.option=value (numbers only)")
    args = ap.parse_args()

    rules: dict[str, dict] = {}
    for item in args.set:
        key, _, value = item.partition("=")
        rule, _, opt = key.partition(".")
        rules.setdefault(rule, {})[opt] = float(value) if "." in value else int(value)
    config = Config(select=RULES, rules=tuple((r, tuple(o.items())) for r, o in rules.items()))
    ruleset = build_ruleset(config)
    markdown = have_markdown()
    metrics = list(METRICS) if args.metrics == "all" else args.metrics.split(",")

    corpora = {
        "news": sorted((CORPUS / "news").glob("*.txt")),
        "blog": sorted((CORPUS / "blog").rglob("*.md")),
    }
    for name, files in corpora.items():
        if args.corpus not in (name, "both"):
            continue
        note = "" if name == "news" or markdown else " (no Markdown parser: read as text, front matter and code fences removed)"
        print(f"\n== {name}: {len(files)} files{note}")
        scores: dict[str, list[float]] = {m: [] for m in metrics}
        per_rule: Counter[str] = Counter()
        files_with: Counter[str] = Counter()
        findings = []
        scored = 0
        for path in files:
            doc = load(path, markdown)
            blocks = prose_blocks(doc)
            text = prose_text(blocks)
            if count_words(text) >= 100:
                scored += 1
                for m in metrics:
                    scores[m].append(score(m, text, "en_US"))
            diags = lint_document(doc, ruleset, Context(config=config))
            seen = set()
            for d in diags:
                per_rule[d.name] += 1
                seen.add(d.name)
                findings.append((path, doc, d))
            for r in seen:
                files_with[r] += 1
        if not files:
            print("no files")
            continue
        print(f"document scores ({scored} documents with >= 100 words of running prose):")
        for m in metrics:
            print(f"  {m:29s} {percentiles(scores[m])}")
        print("findings per 100 articles (files with at least one finding, %):")
        for r in RULES:
            print(f"  {r:18s} {100 * per_rule[r] / len(files):7.1f}   ({100 * files_with[r] / len(files):.1f}% of files)")
        rng = random.Random(args.seed)
        if args.per_rule:
            sample = []
            for r in RULES:
                of_rule = [f for f in findings if f[2].name == r]
                sample += rng.sample(of_rule, min(args.sample, len(of_rule)))
        else:
            sample = rng.sample(findings, min(args.sample, len(findings)))
        print(f"sample of {len(sample)} findings (seed {args.seed}):")
        for path, doc, d in sample:
            line, col = doc.line_index.line_col(d.span.start)
            excerpt = doc.source[d.span.start : d.span.end].replace("\n", " ")
            if len(excerpt) > 400:
                excerpt = excerpt[:300] + " … " + excerpt[-80:]
            print(f"- {path.relative_to(CORPUS)}:{line}:{col}: {d.code} {d.message} [{d.name}]\n    {excerpt}")


if __name__ == "__main__":
    main()
