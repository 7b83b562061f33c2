"""Seconds the repetition rules (RP001-RP005) take on long articles built from the news corpus.

Articles of ``corpus/news`` are concatenated (each paragraph once, in corpus order, so the
text has the repeats a scraped corpus has and no more) to about 100 KB, 1 MB and 5 MB, and
linted with the five rules; parsing and segmenting are timed apart. Work should grow about
linearly with size.

Run: ``python bench/repetition_speed.py [--corpus ../shared/corpus] [--sizes 0.1,1,5]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import Config  # noqa: E402
from lint.engine import build_ruleset, lint_document  # noqa: E402
from lint.parse import parse  # noqa: E402

RULES = ("RP001", "RP002", "RP003", "RP004", "RP005")


def article(corpus: Path, size: int) -> str:
    paras: list[str] = []
    total = 0
    files = sorted((corpus / "news").glob("*.txt"))
    k = 0
    while total < size:
        text = files[k % len(files)].read_text(encoding="utf-8")
        for p in text.split("\n\n"):
            p = p.strip()
            if p:
                if k >= len(files):  # second pass over the corpus: vary it, so it is no exact copy
                    p = f"({k // len(files)}) " + p
                paras.append(p)
                total += len(p) + 2
        k += 1
    return "\n\n".join(paras)[:size]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--sizes", default="0.1,1,5", help="sizes in MB")
    args = ap.parse_args()
    ruleset = build_ruleset(Config(select=RULES))
    print(f"{'size':>8} {'parse+segment s':>16} {'rules s':>8} {'s per MB':>9} findings")
    for mb in (float(x) for x in args.sizes.split(",")):
        text = article(Path(args.corpus), int(mb * 1_000_000))
        t0 = time.perf_counter()
        doc = parse(text, "bench.txt")
        sum(1 for _ in doc.sentences)
        t1 = time.perf_counter()
        diags = lint_document(doc, ruleset)
        t2 = time.perf_counter()
        by_code: dict[str, int] = {}
        for d in diags:
            by_code[d.code] = by_code.get(d.code, 0) + 1
        print(f"{len(text) / 1e6:7.2f}M {t1 - t0:16.2f} {t2 - t1:8.2f} {(t2 - t1) / (len(text) / 1e6):9.2f} {by_code}")


if __name__ == "__main__":
    main()
