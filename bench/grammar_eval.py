"""How well the grammar family separates erroneous from perfect sentences, and how fast it is.

Data: the GUG dev split (``../shared/corpus/grammar/gug-dev.tsv``: learner sentences with an
expert grammaticality rating 1-4; 1-3 erroneous, 4 perfect). For each backend (``harper``,
``languagetool``, ``both``) and spelling off/on it prints the share of erroneous sentences
flagged (want high) and of perfect sentences flagged (want low), under the default policy
(``lint/backends/policy.py`` plus the builtin GR001-GR004 slips), with every finding of the
backend ("all"), and with the default policy's grammar findings only ("grammar": no capitals,
spacing or punctuation, which GUG's raters let pass in sentences they rated perfect). Then a
two-fold check (a choice made on half the sentences, measured on the other half), tables per
backend category and per backend rule (sentences flagged among the erroneous and the perfect,
precision, whether the policy reports it), and timings: Harper's start and per-article time,
LanguageTool's start, first-check and per-article time, over articles of
``../shared/corpus/news``.

    python bench/grammar_eval.py                    # starts its own LanguageTool on loopback
    python bench/grammar_eval.py --lt-url http://127.0.0.1:8081
    python bench/grammar_eval.py --backends harper --data other-split.tsv
    python bench/grammar_eval.py --answers /tmp/gug-answers.json   # 2nd run: policy only, 1 s

Sentences go straight to the backends (no cache), so figures are the backends' own.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.backends import Match, builtin, get_backend  # noqa: E402
from lint.backends.policy import HARPER_PREFIX, LT_PREFIX, enabled_by_default, plausible  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_DATA = CORPUS / "grammar" / "gug-dev.tsv"
#: Mechanical (typographical) categories: capitals, spacing, punctuation marks. GUG's experts
#: rate grammaticality and rated sentences "perfect" that start in lower case or put a space
#: before a comma, so the "grammar" line of the table leaves these out to show how the
#: grammar findings alone fare; the default policy still reports them (they are real slips in
#: an article).
MECHANICS = {
    "languagetool": frozenset({"CASING", "TYPOGRAPHY", "PUNCTUATION"}),
    "harper": frozenset({"Capitalization", "Formatting", "Punctuation"}),
}
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


def _flags(texts, answers, members, idx, *, spelling: bool, policy: str, builtin_flags,
           categories=None) -> dict[int, bool]:
    """Sentence ``i`` flagged? ``policy``: "default" (lint/backends/policy.py plus the builtin
    slips), "all" (every finding of the backends), "grammar" (the default policy without
    mechanics: see MECHANICS), "chosen" (only the (backend, category) pairs in ``categories``).
    """
    prefix = {"harper": HARPER_PREFIX, "languagetool": LT_PREFIX}
    out = {}
    for i in idx:
        found = builtin_flags[i] if policy in ("default", "chosen") else False
        for name in members:
            if found:
                break
            for m in answers[name][i]:
                if policy == "all":
                    hit = spelling or not m.spelling
                else:
                    hit = enabled_by_default(prefix[name], m, spelling=spelling) and plausible(
                        prefix[name], m, texts[i])
                    if policy == "grammar":
                        hit = hit and m.category not in MECHANICS[name]
                    elif policy == "chosen":
                        hit = hit and (name, m.category) in categories
                if hit:
                    found = True
                    break
        out[i] = found
    return out


def shares_of(flags: dict[int, bool], erroneous: list[bool]) -> tuple[float, float]:
    idx = list(flags)
    return shares([flags[i] for i in idx], [erroneous[i] for i in idx])


def combos_of(backends: list[str]) -> list[tuple[str, list[str]]]:
    out = [(b, [b]) for b in backends]
    if {"harper", "languagetool"} <= set(backends):
        out.append(("both", ["harper", "languagetool"]))
    return out


def evaluate(texts, erroneous, answers: dict[str, list], backends: list[str]) -> list[tuple]:
    builtin_flags = [any(fn(t) for fn in BUILTIN) for t in texts]
    idx = range(len(texts))
    rows = []
    for combo, members in combos_of(backends):
        for spelling in (False, True):
            for policy in ("default", "all"):
                flags = _flags(texts, answers, members, idx, spelling=spelling, policy=policy,
                               builtin_flags=builtin_flags)
                rows.append((combo, spelling, policy, *shares_of(flags, erroneous)))
        flags = _flags(texts, answers, members, idx, spelling=False, policy="grammar",
                       builtin_flags=builtin_flags)
        rows.append((combo, False, "grammar", *shares_of(flags, erroneous)))
    rows.append(("builtin only", False, "default", *shares(builtin_flags, erroneous)))
    return rows


def rule_table(texts, erroneous, answers: dict[str, list], top: int, *, by: str = "rule") -> list[tuple]:
    """Per backend rule (``by="rule"``) or category (``by="category"``): sentences it flags
    among the erroneous and the perfect, and whether the default policy reports it (for a
    category: how many of its flagged sentences the policy keeps). Rows by total hits, ``top``
    per backend."""
    prefix = {"harper": HARPER_PREFIX, "languagetool": LT_PREFIX}
    rows = []
    for name, found in answers.items():
        counts: dict[tuple, list[int]] = {}
        for i, matches in enumerate(found):
            seen = set()
            for m in matches:
                on = enabled_by_default(prefix[name], m)
                key = ((name, m.category, m.rule_id, m.spelling, on) if by == "rule"
                       else (name, m.category, "", m.spelling, on))
                if key in seen:
                    continue
                seen.add(key)
                counts.setdefault(key, [0, 0])[0 if erroneous[i] else 1] += 1
        ranked = sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0][1:3]))[:top]
        rows += [(*key, err, ok) for key, (err, ok) in ranked]
    return rows


def categories_flagging(texts, erroneous, answers, members, idx) -> dict[tuple[str, str], list[int]]:
    """(backend, category) -> [erroneous, perfect] sentences of ``idx`` it flags under the
    default policy (spelling off)."""
    prefix = {"harper": HARPER_PREFIX, "languagetool": LT_PREFIX}
    counts: dict[tuple[str, str], list[int]] = {}
    for i in idx:
        seen = set()
        for name in members:
            for m in answers[name][i]:
                if enabled_by_default(prefix[name], m) and plausible(prefix[name], m, texts[i]):
                    seen.add((name, m.category))
        for key in seen:
            counts.setdefault(key, [0, 0])[0 if erroneous[i] else 1] += 1
    return counts


def two_fold(texts, erroneous, answers, backends, min_precision: float) -> list[tuple]:
    """Does a choice made on half the sentences hold on the other half? Halves: even and odd
    rows. Per half: the default policy's figures on both halves, and a data-driven choice made
    on one half (keep a default-on (backend, category) only where at least ``min_precision``
    of the sentences it flags there are erroneous, and at least 2) measured on the other."""
    builtin_flags = [any(fn(t) for fn in BUILTIN) for t in texts]
    halves = [[i for i in range(len(texts)) if i % 2 == k] for k in (0, 1)]
    rows = []
    for combo, members in combos_of(backends):
        for k in (0, 1):
            choose, measure = halves[k], halves[1 - k]
            counts = categories_flagging(texts, erroneous, answers, members, choose)
            kept = {key for key, (e, o) in counts.items() if e >= 2 and e / (e + o) >= min_precision}
            for label, part in (("choose", choose), ("measure", measure)):
                default = _flags(texts, answers, members, part, spelling=False, policy="default",
                                 builtin_flags=builtin_flags)
                chosen = _flags(texts, answers, members, part, spelling=False, policy="chosen",
                                builtin_flags=builtin_flags, categories=kept)
                rows.append((combo, "even" if k == 0 else "odd", label, *shares_of(default, erroneous),
                             *shares_of(chosen, erroneous), len(kept), len(counts)))
    return rows


def articles(n: int) -> list[str]:
    files = sorted((CORPUS / "news").glob("*.txt"))[:n]
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


def paragraphs(article: str) -> list[str]:
    return [p for p in article.split("\n") if p.strip()]


def time_harper(docs: list[str]) -> dict:
    started, cpu = time.perf_counter(), time.process_time()
    backend = get_backend("harper", spelling=False)  # as the rule runs it by default
    backend.check(["Warm up."])
    start, start_cpu = time.perf_counter() - started, time.process_time() - cpu
    per = []
    cpu = time.process_time()
    for doc in docs:
        t = time.perf_counter()
        backend.check(paragraphs(doc))
        per.append(time.perf_counter() - t)
    return {"start": start, "start_cpu": start_cpu, "median": statistics.median(per),
            "mean": statistics.mean(per), "cpu": (time.process_time() - cpu) / len(docs)}


def process_cpu(pid: int | None) -> float | None:
    """User + system CPU seconds of process ``pid`` (Linux ``/proc``), None if unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, TypeError):
        return None


def time_languagetool(url: str | None, docs: list[str], started_in: float | None,
                      pid: int | None = None) -> dict:
    """Wall time per article, and the Java server's CPU time when this run started it."""
    backend = get_backend("languagetool", languagetool_url=url, timeout=300)
    per, cpu = [], [process_cpu(pid)]
    for doc in docs:
        t = time.perf_counter()
        backend.check(paragraphs(doc))
        per.append(time.perf_counter() - t)
        if len(per) == 1:
            cpu.append(process_cpu(pid))
    cpu.append(process_cpu(pid))
    known = None not in cpu
    return {"start": started_in, "first": per[0], "median": statistics.median(per[1:]),
            "mean": statistics.mean(per[1:]),
            "start_cpu": cpu[0] if known else None,
            "first_cpu": cpu[1] - cpu[0] if known else None,
            "cpu": (cpu[2] - cpu[1]) / (len(docs) - 1) if known else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--backends", default="harper,languagetool")
    parser.add_argument("--lt-url", help="a running LanguageTool server (default: start one on loopback)")
    parser.add_argument("--articles", type=int, default=30, help="news articles to time (0: no timing)")
    parser.add_argument("--rules", type=int, default=40, help="rows per backend in the per-rule table (0: none)")
    parser.add_argument("--answers", type=Path,
                        help="JSON file of the backends' raw answers: read if it exists (no backend runs), "
                             "else written after the run; lets the policy be re-measured in a second")
    parser.add_argument("--min-precision", type=float, default=0.85,
                        help="two-fold check: precision a category needs on the choosing half to be kept")
    args = parser.parse_args(argv)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    texts, erroneous = load(args.data)
    print(f"{args.data.name}: {len(texts)} sentences, {sum(erroneous)} erroneous (rating 1-3), "
          f"{len(texts) - sum(erroneous)} perfect (rating 4)")

    if args.answers and args.answers.exists():
        saved = json.loads(args.answers.read_text(encoding="utf-8"))
        if saved.get("texts") != texts:
            parser.error(f"{args.answers} holds answers for other sentences than {args.data}")
        missing = [name for name in backends if name not in saved.get("answers", {})]
        if missing:
            parser.error(f"{args.answers} holds no answers of {', '.join(missing)}")
        answers = {name: [[Match.from_json(m) for m in ms] for ms in saved["answers"][name]]
                   for name in backends}
        print(f"answers read from {args.answers} (no backend ran, no timing)")
        report(texts, erroneous, answers, backends, args)
        return 0

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
                    timings["languagetool"] = time_languagetool(
                        lt_url, docs, lt_start, server.process.pid if server is not None else None)
                backend = get_backend("languagetool", languagetool_url=lt_url, timeout=300)
            t = time.perf_counter()
            answers[name] = backend.check(texts)
            print(f"{name}: {len(texts)} sentences checked in {time.perf_counter() - t:.1f} s")
    finally:
        if server is not None:
            server.stop()
    if args.answers:
        args.answers.write_text(json.dumps({
            "texts": texts,
            "answers": {name: [[m.to_json() for m in ms] for ms in found] for name, found in answers.items()},
        }), encoding="utf-8")
    report(texts, erroneous, answers, backends, args)

    if timings:
        print()
        print(f"timing over {len(docs)} news articles (paragraphs sent as the rule sends them, no cache):")
        h = timings.get("harper")
        if h:
            print(f"  harper: start {h['start']:.2f} s ({h['start_cpu']:.2f} s CPU); per article median "
                  f"{h['median'] * 1000:.0f} ms, mean {h['mean'] * 1000:.0f} ms ({h['cpu'] * 1000:.0f} ms CPU)")
        lt = timings.get("languagetool")
        if lt:
            start = f"start {lt['start']:.1f} s; " if lt["start"] is not None else ""
            print(f"  languagetool: {start}first article {lt['first']:.1f} s; then per article median "
                  f"{lt['median']:.2f} s, mean {lt['mean']:.2f} s")
            if lt["cpu"] is not None:
                print(f"  languagetool's Java CPU: {lt['start_cpu']:.1f} s to start, {lt['first_cpu']:.1f} s "
                      f"for the first article, then {lt['cpu']:.2f} s per article")
    return 0


def report(texts, erroneous, answers, backends, args) -> None:
    print()
    print("default: lint/backends/policy.py plus GR001-GR004; all: every backend finding; grammar: the "
          "default without\nmechanical categories (capitals, spacing, punctuation), which GUG's "
          "raters let pass in 'perfect' sentences")
    print(f"{'backend':14} {'spelling':8} {'policy':8} {'erroneous flagged':>18} {'perfect flagged':>16}")
    for combo, spelling, policy, err, ok in evaluate(texts, erroneous, answers, backends):
        print(f"{combo:14} {'on' if spelling else 'off':8} {policy:8} {err:18.1%} {ok:16.1%}")

    print()
    print(f"two-fold check (spelling off; halves = even / odd rows): the default policy on each half, and "
          f"a data-driven\nchoice of categories (kept where >= {args.min_precision:.0%} of the sentences "
          "they flag on the choosing half are erroneous)")
    print(f"{'backend':14} {'chosen on':9} {'half':8} {'default err':>11} {'default ok':>10} "
          f"{'chosen err':>10} {'chosen ok':>9} {'kept':>9}")
    for combo, fold, half, d_err, d_ok, c_err, c_ok, kept, total in two_fold(
            texts, erroneous, answers, backends, args.min_precision):
        print(f"{combo:14} {fold:9} {half:8} {d_err:11.1%} {d_ok:10.1%} {c_err:10.1%} {c_ok:9.1%} "
              f"{kept:>4}/{total:<4}")

    if args.rules:
        n_err = sum(erroneous)
        for by in ("category", "rule"):
            print()
            print(f"per backend {by}: sentences flagged among {n_err} erroneous / {len(texts) - n_err} perfect "
                  f"(precision = err / (err + perf); {n_err / len(texts):.2f} of all sentences are erroneous)")
            print(f"{'backend':13} {'category':20} {'rule':36} {'spell':5} {'default':7} {'err':>4} {'perf':>4} "
                  f"{'prec':>5}")
            for name, cat, rule, spell, default, err, ok in rule_table(texts, erroneous, answers, args.rules, by=by):
                print(f"{name:13} {cat[:20]:20} {rule[:36]:36} {'yes' if spell else '':5} "
                      f"{'yes' if default else '':7} {err:4d} {ok:4d} {err / (err + ok):5.2f}")

if __name__ == "__main__":
    raise SystemExit(main())
