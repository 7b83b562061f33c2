"""Parser speed on the shared corpus: CPU seconds per 100 files (parse + sentences).

    python bench/parse_speed.py [--repeat N]

CPU time (``time.process_time``) is reported beside wall time: on a shared machine the wall
clock measures the neighbours too. The markdown-it-py tokenizer alone is timed for
comparison, since it is most of the Markdown figure.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from lint.parse import parse

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def timed(fn, repeat: int) -> tuple[float, float]:
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return best_cpu, best_wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    sets = {
        "blog (.md)": sorted(CORPUS.glob("blog/content/**/*.md")),
        "news (.txt)": sorted(CORPUS.glob("news/*.txt")),
    }
    for name, files in sets.items():
        sources = [(str(p), p.read_text(encoding="utf-8")) for p in files]
        mb = sum(len(s) for _, s in sources) / 1e6

        def run():
            for path, source in sources:
                doc = parse(source, path)
                for _ in doc.sentences:
                    pass

        cpu, wall = timed(run, args.repeat)
        print(f"{name}: {len(files)} files, {mb:.1f} M chars: {cpu:.2f} s CPU ({cpu / len(files) * 100:.3f} s per 100 files), {wall:.2f} s wall")
        if name.startswith("blog"):
            from lint.parse.markdown import _markdown

            md = _markdown()
            cpu, wall = timed(lambda: [md.parse(s) for _, s in sources], args.repeat)
            print(f"  markdown-it-py tokens alone: {cpu:.2f} s CPU ({cpu / len(files) * 100:.3f} s per 100 files)")


if __name__ == "__main__":
    main()
