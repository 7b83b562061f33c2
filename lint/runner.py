"""Linting many files: which files, with which config and rules, in what order.

The CLI calls :func:`collect_targets` then :func:`lint_targets`; the parallel runner and the
cache plug in here, not in the CLI. Results come back sorted by path whatever the order of
work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lint.config import Config, ConfigCache
from lint.engine import FileResult, RuleSet, build_ruleset, lint_path
from lint.registry import load_registry
from lint.rule import Context


class UsageError(Exception):
    """A problem with the command's arguments (exit status 2)."""


@dataclass
class Target:
    path: str  # as displayed ("-" for stdin)
    config: Config


def collect_targets(paths, configs: ConfigCache, stdin_filename: str | None = None,
                    on_notice: Callable[[str], None] | None = None) -> list[Target]:
    """Expand folders (include/exclude/.gitignore) and pair each file with its config.

    Each file's own (nearest) config decides whether its ``exclude`` skips it, also for files
    named explicitly (so a pre-commit hook honours the config). A path that does not exist
    becomes a target whose linting reports the input error; the rest of the run goes on."""
    import os

    from lint.files import is_excluded, iter_files

    notice = on_notice or (lambda message: None)
    targets: list[Target] = []
    for raw in paths:
        if raw == "-":
            anchor = Path(stdin_filename).parent if stdin_filename else Path.cwd()
            targets.append(Target("-", configs.for_path(anchor if anchor.is_dir() else Path.cwd())))
            continue
        p = Path(raw)
        if not p.exists():
            targets.append(Target(raw, configs.for_path(Path.cwd())))
            continue
        if p.is_dir():
            cfg = configs.for_path(p)
            before = len(targets)
            for f in iter_files(p, cfg.include, cfg.exclude, cfg.root):
                own = configs.for_path(f)
                if own is not cfg and own.path != cfg.path and is_excluded(f, own.exclude, own.root):
                    continue
                try:
                    shown = os.path.relpath(f)
                except ValueError:
                    shown = str(f)
                targets.append(Target(shown, own))
            if len(targets) == before:
                notice(f"{raw}: no files to lint (include: {' '.join(cfg.include)})")
        else:
            cfg = configs.for_path(p)
            if is_excluded(p, cfg.exclude, cfg.root):
                continue
            targets.append(Target(raw, cfg))
    return _unique(targets)


def _unique(targets: list[Target]) -> list[Target]:
    """Each file once, however many arguments name it ("." and "a.md")."""
    seen: set = set()
    out = []
    for t in targets:
        key = t.path if t.path == "-" else Path(t.path).resolve()
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


@dataclass
class RunOptions:
    extra_ignore: tuple[str, ...] = ()
    baseline: object = None
    debug: bool = False
    stdin_filename: str | None = None


@dataclass
class _PerConfig:
    ruleset: RuleSet
    ctx: Context


def lint_targets(targets: list[Target], options: RunOptions,
                 on_result: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Lint every target (raises ConfigError/PackError/RegistryError for bad config)."""
    prepared: dict[int, _PerConfig] = {}
    results: list[FileResult] = []
    for target in targets:
        cfg = target.config
        key = id(cfg)
        if key not in prepared:
            cfg_i = cfg.with_cli(ignore=tuple(cfg.ignore) + options.extra_ignore) if options.extra_ignore else cfg
            prepared[key] = _PerConfig(build_ruleset(cfg_i, load_registry(cfg.packs)), Context(config=cfg))
        per = prepared[key]
        result = lint_path(target.path, cfg, per.ctx, options.baseline, options.debug,
                           options.stdin_filename, per.ruleset)
        if on_result is not None:
            on_result(result)
        results.append(result)
    return sorted(results, key=lambda r: r.path)
