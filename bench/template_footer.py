"""template-footer on real data (run on demand, not a test):

    python bench/template_footer.py [--list]

1. ../shared/corpus/news/: how many findings and articles it flags (``--list`` prints each
   finding with its neighbouring lines, for checking by hand).
2. ../shared/corpus/boilerplate/scrapinghub-dev.jsonl: each flagged line against the page's
   line labels (main / boilerplate): precision, and recall over all boilerplate lines.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from lint.config import Config
from lint.engine import build_ruleset, lint_path, lint_source

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def news(show: bool) -> None:
    config = Config(select=("template-footer",))
    ruleset = build_ruleset(config)
    flagged, total = {}, 0
    files = sorted((CORPUS / "news").glob("*.txt"))
    for path in files:
        result = lint_path(str(path), config, ruleset=ruleset)
        if not result.diagnostics:
            continue
        flagged[path.name] = len(result.diagnostics)
        total += len(result.diagnostics)
        if show:
            lines = result.source.split("\n")
            for d in result.diagnostics:
                line = result.line_index.line_col(d.span.start)[0]
                print(f"{path.name}:{line}: {d.message}")
                for k in range(max(1, line - 2), min(len(lines), line + 2) + 1):
                    print(f"   {'>' if k == line else ' '}{k}: {lines[k - 1][:150]}")
    print(f"news: {total} findings in {len(flagged)} of {len(files)} articles")


def scrapinghub() -> None:
    ruleset = build_ruleset(Config(select=("template-footer",)))
    right = wrong = boilerplate = 0
    for raw in (CORPUS / "boilerplate" / "scrapinghub-dev.jsonl").open(encoding="utf-8"):
        page = json.loads(raw)
        labels: dict[str, str] = {}
        for item in page["lines"]:
            labels.setdefault(item["text"].strip(), item["label"])
        boilerplate += sum(1 for item in page["lines"] if item["label"] == "boilerplate")
        result = lint_source(page["full_text"], "page.txt", ruleset)
        lines = page["full_text"].split("\n")
        for d in result.diagnostics:
            text = lines[result.line_index.line_col(d.span.start)[0] - 1].strip()
            if labels.get(text) == "boilerplate":
                right += 1
            else:
                wrong += 1
    flags = right + wrong
    print(f"scrapinghub: {flags} flagged lines, {right} labelled boilerplate, {wrong} labelled main: "
          f"precision {right / max(flags, 1):.3f}, line recall {right / max(boilerplate, 1):.3f} "
          f"of {boilerplate} boilerplate lines")


if __name__ == "__main__":
    news("--list" in sys.argv)
    scrapinghub()
