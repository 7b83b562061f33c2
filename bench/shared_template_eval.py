"""shared-template on a real repository: what it finds, and what indexing costs.

    python bench/shared_template_eval.py [--repo ../shared/corpus/blog] [--examples 10]

Copies the repository to a temporary folder (with an empty ``.articlelint.toml`` so it is the
corpus root), then:

1. lints every file with only shared-template, from a cold start (no index on disk): the
   first indexing;
2. edits one file and lints only that file in a new run, as pre-commit does: the index is
   refreshed by mtime/size, so only the changed file is read again (the index's counters
   show how many files were opened and parsed);
3. reports how many template paragraphs and files were found, and lists examples (distinct
   templates, one copy each) to check by hand: the largest, and a seeded random draw among
   templates with three to five copies.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import load_config  # noqa: E402
from lint.engine import build_ruleset, lint_path  # noqa: E402
from lint.files import iter_files  # noqa: E402
from lint.rule import Context  # noqa: E402

DEFAULT_REPO = ROOT.parent / "shared" / "corpus" / "blog"


def run(args) -> dict:
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(args.repo, repo)
        (repo / ".articlelint.toml").write_text('select = ["shared-template"]\n', encoding="utf-8")
        config = load_config(repo / ".articlelint.toml")
        ruleset = build_ruleset(config)
        files = list(iter_files(repo, config.include, config.exclude, repo))

        ctx = Context(config=config)
        started, cpu = time.perf_counter(), time.process_time()
        results = [lint_path(str(f), config, ctx, ruleset=ruleset) for f in files]
        first = time.perf_counter() - started
        out["first_run_cpu_seconds"] = round(time.process_time() - cpu, 2)
        index = next(v for k, v in ctx.services.items() if k.startswith("corpus:"))
        out["files"] = len(files)
        out["first_run_seconds"] = round(first, 2)
        out["first_run_index"] = vars(index.stats)

        diags = [d for r in results for d in r.diagnostics if d.name == "shared-template"]
        templates = collections.defaultdict(list)
        for r in results:
            for d in r.diagnostics:
                if d.name == "shared-template":
                    templates[d.fingerprint_text].append((r.path, d, r))
        out["template_paragraphs_flagged"] = len(diags)
        out["distinct_templates"] = len(templates)
        out["files_with_templates"] = len({r.path for r in results if any(d.name == "shared-template" for d in r.diagnostics)})
        biggest = sorted(templates.values(), key=len, reverse=True)
        # the largest templates, then a seeded random draw among the small ones (3-5 copies),
        # where a false template would most likely hide
        small = [g for g in biggest if len(g) <= 5]
        picked = biggest[: args.examples] + random.Random(4).sample(small, min(args.examples, len(small)))
        examples = []
        for group in picked:
            path, d, r = group[0]
            line, _ = r.line_index.line_col(d.span.start)
            text = " ".join(r.source[d.span.start : d.span.end].split())
            examples.append({
                "copies_flagged": len(group),
                "at": f"{Path(path).relative_to(repo)}:{line}",
                "message": d.message.replace(str(repo) + "/", ""),
                "text": text[:160],
            })
        out["examples"] = examples

        # the pre-commit case: one file changed, a new process lints only that file
        target = files[len(files) // 2]
        target.write_text(target.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
        ctx2 = Context(config=config)
        started, cpu = time.perf_counter(), time.process_time()
        lint_path(str(target), config, ctx2, ruleset=ruleset)
        second = time.perf_counter() - started
        out["one_changed_file_cpu_seconds"] = round(time.process_time() - cpu, 3)
        index2 = next(v for k, v in ctx2.services.items() if k.startswith("corpus:"))
        out["one_changed_file_seconds"] = round(second, 3)
        out["one_changed_file_index"] = vars(index2.stats)

        # and a run with nothing changed
        ctx3 = Context(config=config)
        started = time.perf_counter()
        lint_path(str(target), config, ctx3, ruleset=ruleset)
        out["unchanged_rerun_seconds"] = round(time.perf_counter() - started, 3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", default=str(DEFAULT_REPO))
    ap.add_argument("--examples", type=int, default=10)
    print(json.dumps(run(ap.parse_args()), indent=2, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
