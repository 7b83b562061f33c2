"""How well the grammar family separates erroneous from perfect sentences, and how fast it is.

Data: the GUG dev split (``../shared/corpus/grammar/gug-dev.tsv``: learner sentences with an
expert grammaticality rating 1-4; 1-3 erroneous, 4 perfect). For each backend (``harper``,
``languagetool``, ``both``) and spelling off/on it prints the share of erroneous sentences
flagged (want high) and of perfect sentences flagged (want low), under the default policy
(``lint/backends/policy.py`` plus the builtin GR001-GR004 slips) and with every finding of the
backend ("all"). Then timings: Harper's start and per-article time, LanguageTool's start,
first-check and per-article time, over articles of ``../shared/corpus/news``, and a table per
backend rule (hits on erroneous and on perfect sentences, whether the policy reports it).

    python bench/grammar_eval.py                    # starts its own LanguageTool on loopback
    python bench/grammar_eval.py --lt-url http://127.0.0.1:8081
    python bench/grammar_eval.py --backends harper --data other-split.tsv

Sentences go straight to the backends (no cache), so figures are the backends' own.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.backends import builtin, get_backend  # noqa: E402
from lint.backends.policy import HARPER_PREFIX, LT_PREFIX, enabled_by_default, plausible  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_DATA = CORPUS / "grammar" / "gug-dev.tsv"
BUILTIN = (
    builtin.missing_space_after_sentence,
    builtin.doubled_punctuation,
    builtin.unbalanced_brackets,
    builtin.unbalanced_quotes,
)


def load(path: Path) -> tuple[list[str], list[bool]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    texts = [r["Sentence"] for r in rows]
    erroneous = [int(r["Expert Judgement"]) < 4 for r in rows]
    return texts, erroneous


def shares(flags: list[bool], erroneous: list[bool]) -> tuple[float, float]:
    n_err = sum(erroneous)
    n_ok = len(erroneous) - n_err
    hit_err = sum(1 for f, e in zip(flags, erroneous) if f and e)
    hit_ok = sum(1 for f, e in zip(flags, erroneous) if f and not e)
    return hit_err / n_err, hit_ok / n_ok


def evaluate(texts, erroneous, answers: dict[str, list], backends: list[str]) -> list[tuple]:
    builtin_flags = [any(fn(t) for fn in BUILTIN) for t in texts]
    prefix = {"harper": HARPER_PREFIX, "languagetool": LT_PREFIX}
    combos = [b for b in backends] + (["both"] if {"harper", "languagetool"} <= set(backends) else [])
    rows = []
    for combo in combos:
        members = ["harper", "languagetool"] if combo == "both" else [combo]
        for spelling in (False, True):
            default = []
            everything = []
            for i in range(len(texts)):
                found_default = builtin_flags[i]
                found_all = False
                for name in members:
                    for m in answers[name][i]:
                        if spelling or not m.spelling:
                            found_all = True
                        if enabled_by_default(prefix[name], m, spelling=spelling) and plausible(
                            prefix[name], m, texts[i]
                        ):
                            found_default = True
                default.append(found_default)
                everything.append(found_all)
            rows.append((combo, spelling, "default", *shares(default, erroneous)))
            rows.append((combo, spelling, "all", *shares(everything, erroneous)))
    rows.append(("builtin only", False, "default", *shares(builtin_flags, erroneous)))
    return rows


def rule_table(texts, erroneous, answers: dict[str, list], top: int) -> list[tuple]:
    """Per backend rule (spelling off): sentences it flags among the erroneous and the perfect,
    and whether the default policy reports it. Rows by total hits, ``top`` per backend."""
    prefix = {"harper": HARPER_PREFIX, "languagetool": LT_PREFIX}
    rows = []
    for name, found in answers.items():
        counts: dict[tuple, list[int]] = {}
        for i, matches in enumerate(found):
            seen = set()
            for m in matches:
                key = (name, m.category, m.rule_id, m.spelling, enabled_by_default(prefix[name], m))
                if key in seen:
                    continue
                seen.add(key)
                counts.setdefault(key, [0, 0])[0 if erroneous[i] else 1] += 1
        ranked = sorted(counts.items(), key=lambda kv: -sum(kv[1]))[:top]
        rows += [(*key, err, ok) for key, (err, ok) in ranked]
    return rows


def articles(n: int) -> list[str]:
    files = sorted((CORPUS / "news").glob("*.txt"))[:n]
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


def paragraphs(article: str) -> list[str]:
    return [p for p in article.split("\n") if p.strip()]


def time_harper(docs: list[str]) -> dict:
    started = time.perf_counter()
    backend = get_backend("harper", spelling=False)  # as the rule runs it by default
    backend.check(["Warm up."])
    start = time.perf_counter() - started
    per = []
    for doc in docs:
        t = time.perf_counter()
        backend.check(paragraphs(doc))
        per.append(time.perf_counter() - t)
    return {"start": start, "median": statistics.median(per), "mean": statistics.mean(per)}


def time_languagetool(url: str | None, docs: list[str], started_in: float | None) -> dict:
    backend = get_backend("languagetool", languagetool_url=url, timeout=300)
    per = []
    for doc in docs:
        t = time.perf_counter()
        backend.check(paragraphs(doc))
        per.append(time.perf_counter() - t)
    return {"start": started_in, "first": per[0], "median": statistics.median(per[1:]),
            "mean": statistics.mean(per[1:])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--backends", default="harper,languagetool")
    parser.add_argument("--lt-url", help="a running LanguageTool server (default: start one on loopback)")
    parser.add_argument("--articles", type=int, default=30, help="news articles to time (0: no timing)")
    parser.add_argument("--rules", type=int, default=15, help="rows per backend in the per-rule table (0: none)")
    args = parser.parse_args(argv)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    texts, erroneous = load(args.data)
    print(f"{args.data.name}: {len(texts)} sentences, {sum(erroneous)} erroneous (rating 1-3), "
          f"{len(texts) - sum(erroneous)} perfect (rating 4)")

    server = None
    lt_url = args.lt_url
    lt_start = None
    if "languagetool" in backends and lt_url is None:
        from lint.backends.languagetool_server import LanguageToolServer, provision

        server = LanguageToolServer(provision()).start(timeout=300)
        lt_url, lt_start = server.url, server.start_seconds
    try:
        answers = {}
        docs = articles(args.articles) if args.articles else []
        timings = {}
        for name in backends:
            if name == "harper":
                if docs:
                    timings["harper"] = time_harper(docs)
                backend = get_backend("harper")
            else:
                if docs:  # timed before the sentences so that "first" is a cold server
                    timings["languagetool"] = time_languagetool(lt_url, docs, lt_start)
                backend = get_backend("languagetool", languagetool_url=lt_url, timeout=300)
            t = time.perf_counter()
            answers[name] = backend.check(texts)
            print(f"{name}: {len(texts)} sentences checked in {time.perf_counter() - t:.1f} s")

        print()
        print(f"{'backend':14} {'spelling':8} {'policy':8} {'erroneous flagged':>18} {'perfect flagged':>16}")
        for combo, spelling, policy, err, ok in evaluate(texts, erroneous, answers, backends):
            print(f"{combo:14} {'on' if spelling else 'off':8} {policy:8} {err:18.1%} {ok:16.1%}")

        if args.rules:
            n_err = sum(erroneous)
            print()
            print(f"per backend rule: sentences flagged among {n_err} erroneous / {len(texts) - n_err} perfect")
            print(f"{'backend':13} {'category':16} {'rule':36} {'spell':5} {'default':7} {'err':>4} {'perf':>4} {'prec':>5}")
            for name, cat, rule, spell, default, err, ok in rule_table(texts, erroneous, answers, args.rules):
                print(f"{name:13} {cat[:16]:16} {rule[:36]:36} {'yes' if spell else '':5} {'yes' if default else '':7} "
                      f"{err:4d} {ok:4d} {err / (err + ok):5.2f}")

        if timings:
            print()
            print(f"timing over {len(docs)} news articles (paragraphs sent as the rule sends them, no cache):")
            h = timings.get("harper")
            if h:
                print(f"  harper: start {h['start']:.2f} s; per article median {h['median'] * 1000:.0f} ms, "
                      f"mean {h['mean'] * 1000:.0f} ms")
            lt = timings.get("languagetool")
            if lt:
                start = f"start {lt['start']:.1f} s; " if lt["start"] is not None else ""
                print(f"  languagetool: {start}first article {lt['first']:.1f} s; then per article median "
                      f"{lt['median']:.2f} s, mean {lt['mean']:.2f} s")
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
