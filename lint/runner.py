"""Linting many files: which files, with which config and rules, in what order.

The CLI calls :func:`collect_targets` then :func:`lint_targets`. The parent process reads
every file, answers what it can from the results cache (:mod:`lint.cache`) and lints the rest,
in-process for a few files, else in a pool of worker processes (``--jobs``). Each worker builds
its own rule sets from the (picklable) configs and its own services (grammar backends, corpus
index) on first use. Results come back sorted by path whatever the order of work, so the
output does not depend on ``--jobs``.
"""

from __future__ import annotations

import gc
import os
import posixpath
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from typing import TYPE_CHECKING

from lint.config import Config, ConfigCache, ConfigError
from lint.result import FileResult

if TYPE_CHECKING:  # the engine and the rules load only when a file is linted
    from lint.engine import RuleSet
    from lint.rule import Context

#: fewer files than this per worker are linted in-process: starting a worker (fork, rule set,
#: a grammar backend of its own) costs more than it saves on a handful of files
MIN_FILES_PER_WORKER = 8


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
            from lint.files import iter_files

            cfg = configs.for_path(p)
            before = len(targets)
            # config and displayed folder once per folder, not per file (resolve and relpath
            # were a third of an all-cached run over the news corpus)
            per_folder: dict[Path, tuple[str, Config]] = {}
            for f in _named_errors(iter_files(p, cfg.include, cfg.exclude, cfg.root), cfg):
                folder = per_folder.get(f.parent)
                if folder is None:
                    try:
                        shown_dir = os.path.relpath(f.parent)
                    except ValueError:
                        shown_dir = str(f.parent)
                    folder = per_folder[f.parent] = (shown_dir, configs.for_path(f))
                shown_dir, own = folder
                if own is not cfg and own.path != cfg.path and _excluded(f, own):
                    continue
                shown = f.name if shown_dir == "." else os.path.join(shown_dir, f.name)
                targets.append(Target(shown, own))
            if len(targets) == before:
                notice(f"{raw}: no files to lint (include: {' '.join(cfg.include)})")
        else:
            cfg = configs.for_path(p)
            if cfg.exclude and _excluded(p, cfg):
                continue
            targets.append(Target(raw, cfg))
    return _unique(targets)


def _excluded(path: Path, cfg: Config) -> bool:
    from lint.files import is_excluded

    try:
        return is_excluded(path, cfg.exclude, cfg.root)
    except ConfigError as exc:
        raise _in_file(exc, cfg) from None


def _named_errors(walk, cfg: Config):
    """``walk``, with the config file named in a bad-pattern error."""
    try:
        yield from walk
    except ConfigError as exc:
        raise _in_file(exc, cfg) from None


def _in_file(exc: ConfigError, cfg: Config) -> ConfigError:
    return ConfigError(f"{cfg.path}: {exc}") if cfg.path is not None else exc


def _unique(targets: list[Target]) -> list[Target]:
    """Each file once, however many arguments name it ("." and "a.md")."""
    seen: set = set()
    out = []
    for t in targets:
        key = t.path if t.path == "-" else _identity(t.path)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def load_registry(*packs):
    """lint.registry.load_registry, imported when a rule set is first built."""
    from lint.registry import load_registry as load

    return load(*packs)


def _abspath_from(cwd: str) -> Callable[[str], str]:
    """``os.path.abspath`` for a run that does not change folder: the working folder is asked
    once, not once per file (a tenth of an unchanged re-run's own time)."""
    if os.path is not posixpath or not os.path.isabs(cwd):
        return os.path.abspath
    join, normpath = posixpath.join, posixpath.normpath
    return lambda path: normpath(path if path.startswith("/") else join(cwd, path))


def _identity(path: str):
    """The file a path names: device and inode (one stat; resolving a path costs one per
    folder on the way), else the resolved path for a file that does not exist."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return Path(path).resolve()
    return (st.st_dev, st.st_ino)


@dataclass
class RunOptions:
    extra_ignore: tuple[str, ...] = ()
    baseline: object = None
    debug: bool = False
    stdin_filename: str | None = None
    #: worker processes; None: the number of usable cores; 1: in-process
    jobs: int | None = None
    #: use the results cache (``--no-cache`` and ``ARTICLELINT_NO_CACHE=1`` turn it off)
    cache: bool = True
    cache_dir: Path | None = None
    #: a progress bar on stderr; None: only on a terminal, outside CI, for a long run
    progress: bool | None = None
    #: keep each file's text in its result (SARIF and rdjsonl reports and baselines read it);
    #: False keeps only a line index, so a run over many files holds less
    keep_sources: bool = True
    #: filled by the run: files, cached (answered from the cache), linted, workers, unsettled
    #: (linted files whose findings were not storable: a crashed rule, a backend that could not
    #: answer, rules that read other files), progress (a progress bar was drawn)
    stats: dict = field(default_factory=dict)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# -- per config: rule set, context, cache ------------------------------------------------

@dataclass
class _Prepared:
    config: Config  # as given (rules see it through ctx.config)
    #: None while the results were opened through the run-key memo (see _ensure)
    ruleset: RuleSet | None
    ctx: Context | None
    #: cacheable rules and the others; ``split`` when both kinds ran and the cache is on
    cached_rules: list = field(default_factory=list)
    fresh_rules: list = field(default_factory=list)
    cache: object = None  # lint.cache.ResultCache
    folder: Path | None = None  # of the cache
    quick: str | None = None  # lint.cache.quick_key, when opened through the memo

    @property
    def split(self) -> bool:
        return self.cache is not None and bool(self.fresh_rules)

    @property
    def split_when_cached(self) -> bool:
        return bool(self.fresh_rules)


def _cache_settings(options: "RunOptions") -> tuple[bool, Path | None]:
    """(use the caches, folder or None) as ``--no-cache``/``--cache-dir`` and the environment
    say: the results cache and the grammar backends' paragraph cache follow the same switch."""
    from lint.cache import disabled_by_env

    return options.cache and not disabled_by_env(), options.cache_dir


def _open(cfg: Config, options: "RunOptions", settings, caches: dict, memos: dict,
          warm_early: bool = False) -> _Prepared:
    """The rule set and results cache of one config. With the cache on and this config's
    quick key in the run-key memo, only the results cache is opened: building the rule set
    imports every rule module, and an unchanged re-run needs none of them."""
    use_cache = settings[0]
    if not use_cache:
        return _prepare(cfg, options.extra_ignore, settings, warm_early)
    from lint.cache import ResultCache, RunKeyMemo, cache_folder, quick_key, run_key

    folder = cache_folder(cfg.root, options.cache_dir)
    memo = memos.get(folder) or memos.setdefault(folder, RunKeyMemo(folder))
    quick = quick_key(cfg, options.extra_ignore, options.baseline)
    known = memo.get(quick)
    if known is not None and not known[1]:
        per = _Prepared(cfg, None, None)
        per.quick = quick
    else:
        per = _prepare(cfg, options.extra_ignore, settings, warm_early)
        key = run_key(cfg, per.ruleset, per.ctx, options.extra_ignore, options.baseline)
        memo.put(quick, key, per.split_when_cached)
        known = (key, False)
    per.cache = caches.get((folder, known[0])) or caches.setdefault((folder, known[0]), ResultCache(folder, known[0]))
    per.folder = folder
    return per


def _ensure(per: _Prepared, options: "RunOptions", settings, caches: dict, memos: dict,
            warm_early: bool = False) -> bool:
    """Build the rule set of a config opened through the memo. False if its run key is not
    the one the memo gave (something the quick key does not see changed): the results read
    under the old key must not be used."""
    if per.ruleset is not None:
        return True
    from lint.cache import ResultCache, run_key

    full = _prepare(per.config, options.extra_ignore, settings, warm_early)
    per.ruleset, per.ctx = full.ruleset, full.ctx
    per.cached_rules, per.fresh_rules = full.cached_rules, full.fresh_rules
    key = run_key(per.config, per.ruleset, per.ctx, options.extra_ignore, options.baseline)
    memos[per.folder].put(per.quick, key, full.split_when_cached)
    if key == per.cache.key and not per.fresh_rules:
        return True
    per.cache = caches.get((per.folder, key)) or caches.setdefault((per.folder, key), ResultCache(per.folder, key))
    return False


#: rules whose ``warm_up`` may start before the rule set is built, as (module, class): loading
#: the registry imports every rule module (about 60 ms), and Harper's linter, built in the
#: background, is what a one-file check waits for
EARLY_WARM_UP = (("lint.rules.grammar_backend", "GrammarBackend"),)


def _prepare(cfg: Config, extra_ignore: tuple[str, ...], cache_settings: tuple[bool, Path | None],
             warm_early: bool = False) -> _Prepared:
    """The rule set and context of a config. ``warm_early``: this process lints here, has a
    core to spare and will not fork (see _warm_up): start the rules of :data:`EARLY_WARM_UP`
    the config may enable before loading the registry."""
    from lint.engine import build_ruleset
    from lint.rule import Context

    cfg_i = cfg.with_cli(ignore=tuple(cfg.ignore) + extra_ignore) if extra_ignore else cfg
    ctx = Context(config=cfg, services={"cache-settings": cache_settings})
    if warm_early:
        _warm_up_early(cfg_i, ctx)
    # load_registry() and load_registry(()) are two lru_cache entries: the CLI asks for the
    # former, so ask the same way and build the registry (and compile packs) once
    ruleset = build_ruleset(cfg_i, load_registry(cfg.packs) if cfg.packs else load_registry())
    from lint.cache import is_cacheable

    cached = [r for r in ruleset.rules if is_cacheable(r)]
    fresh = [r for r in ruleset.rules if not is_cacheable(r)]
    return _Prepared(cfg, ruleset, ctx, cached, fresh)


def _warm_up_early(cfg: Config, ctx: "Context") -> None:
    import importlib

    from lint.engine import may_enable

    for module, name in EARLY_WARM_UP:
        try:
            rule = getattr(importlib.import_module(module), name)
            if may_enable(rule, cfg):
                rule().warm_up(ctx)  # its state lives in per-process services, not the instance
        except Exception:  # the rule set's own warm-up or check reports what is wrong
            pass


@dataclass
class _Job:
    index: int
    config_id: int
    path: str  # as displayed
    #: None once dropped in a run over many files: the worker reads ``source`` again
    text: str | None
    #: raw findings of the cacheable rules, from the cache (only the others must run)
    cached_raw: list | None = None
    source: str | None = None  # the path to read the text from
    size: int = 0  # characters


#: jobs after which the parent stops holding their texts (workers read the files again): a
#: run over 10,000 files would otherwise fork its workers with every text in memory
DROP_TEXTS_AFTER = 2 * MIN_FILES_PER_WORKER


def _run_job(job: _Job, per: _Prepared, options: RunOptions):
    """``_lint_job`` plus, for a job whose text the parent dropped or never read, the reading:
    ``(findings, raw, storable, line index or None, digest of what was read or None,
    (skipped kind, notice) of an input error or None)``."""
    if job.text is not None:
        return (*_lint_job(job, per, options), None, None, None)
    from lint.cache import content_digest
    from lint.document import LineIndex
    from lint.source import InputError, read_source

    try:
        src = read_source(job.source, per.config.max_file_size)
    except InputError as exc:  # a binary or unreadable file, or one changed since the parent read it
        from lint.engine import input_error_result

        result = input_error_result(job.path, exc, per.ruleset)
        return (result.diagnostics, None, False, LineIndex(exc.text or ""), None,
                (result.skipped, result.notice))
    job.text = src.text
    try:
        final, raw, ok = _lint_job(job, per, options)
        li = LineIndex(src.text) if final else None
        return final, raw, ok, li, content_digest(src.text), None
    finally:
        job.text = None


def _lint_job(job: _Job, per: _Prepared, options: RunOptions):
    """``(findings, raw findings of the cacheable rules to store or None, storable)``.

    Not storable: a rule crashed or a backend could not answer (checked on the raw findings,
    so an ignored AL200 does not cache a result without grammar)."""
    from lint.engine import finish_document, run_rules
    from lint.parse import parse

    rs, ctx, debug = per.ruleset, per.ctx, options.debug
    try:
        doc = parse(job.text, job.path)
    except Exception as exc:  # a parser bug must not stop the run nor pass the file silently
        if debug:
            raise
        import traceback

        from lint.document import Span

        diag = rs.meta["rule-crashed"].report(
            Span(0, 0),
            f"the parser failed on this file: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
            traceback=traceback.format_exc(),
        ).with_(path=job.path)
        return [diag], None, False
    if job.cached_raw is not None:
        raw = job.cached_raw + run_rules(doc, per.fresh_rules, rs, ctx, debug)
        return finish_document(doc, raw, rs, options.baseline), None, False
    if per.split:
        raw_cached = run_rules(doc, per.cached_rules, rs, ctx, debug)
        raw = raw_cached + run_rules(doc, per.fresh_rules, rs, ctx, debug)
        return finish_document(doc, raw, rs, options.baseline), raw_cached, _storable(raw_cached)
    raw = run_rules(doc, rs.rules, rs, ctx, debug)
    return finish_document(doc, raw, rs, options.baseline), None, _storable(raw)


# -- worker processes ---------------------------------------------------------------------

_WORKER: dict = {}


def _worker_init(configs: dict[int, Config], options: RunOptions, cache_on: dict[int, bool]) -> None:
    _expect_many_files()
    _collect_less()  # (a worker lives for one run: nothing to restore)
    _WORKER.clear()
    _WORKER["configs"] = configs
    _WORKER["options"] = options
    _WORKER["cache_on"] = cache_on
    _WORKER["prepared"] = {}


def _worker_run(jobs: list[_Job]) -> list[tuple]:
    options: RunOptions = _WORKER["options"]
    prepared: dict[int, _Prepared] = _WORKER["prepared"]
    out = []
    for job in jobs:
        per = prepared.get(job.config_id)
        if per is None:
            per = _prepare(_WORKER["configs"][job.config_id], options.extra_ignore, _cache_settings(options))
            if _WORKER["cache_on"].get(job.config_id):
                per.cache = True  # only ``split`` is read in workers
            prepared[job.config_id] = per
            _warm_up(per)
        out.append((job.index, *_run_job(job, per, options)))
    return out


def _expect_many_files() -> None:
    """Tell per-process tables that this process lints many files (importing lint.syllables
    loads no table, textstat or pyphen: those come with the first readability score)."""
    from lint import syllables

    syllables.expect_many_words()


#: gen-0 threshold and older-generation ratios while linting many files. Linting a file makes
#: tens of thousands of objects, nearly all freed by reference counting when the file is done;
#: Python's default (700, 10, 10) still runs ~230 collections over the 496 news files, and the
#: older ones walk every table loaded at start. Measured with -j1 over news: 65 ms of
#: collections → 25 ms (gc.callbacks timing), the same findings.
_MANY_FILES_GC = (7000, 10, 10)


def _collect_less() -> tuple[int, int, int]:
    """Collect garbage less often, leaving out of collections every object alive now (the
    modules, rule tables, compiled patterns: none is garbage); returns the old thresholds."""
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*_MANY_FILES_GC)
    return old


def _collect_as_before(old: tuple[int, int, int]) -> None:
    gc.set_threshold(*old)
    gc.unfreeze()


def _warm_up(per: _Prepared) -> None:
    """Let the rules start slow set-up in the background (Harper's linter): see Rule.warm_up."""
    for rule in per.ruleset.rules:
        try:
            rule.warm_up(per.ctx)
        except Exception:  # a failure shows when the rule checks, where it is reported
            pass


def _pool_context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    # fork starts a worker in milliseconds with every module already imported; the parent has
    # run no rule yet (no backend threads or sockets to inherit). Elsewhere: spawn.
    if sys.platform.startswith("linux") and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _chunks(jobs: list[_Job], workers: int) -> list[list[_Job]]:
    # big files first so that no worker is left with a big one at the end
    ordered = sorted(jobs, key=lambda j: j.size, reverse=True)
    size = max(1, min(32, len(ordered) // (workers * 8)))
    return [ordered[i:i + size] for i in range(0, len(ordered), size)]


def _run_parallel(jobs: list[_Job], prepared: dict[int, _Prepared], options: RunOptions,
                  workers: int, done: Callable[..., None]) -> None:
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    configs = {cid: per.config for cid, per in prepared.items()}
    cache_on = {cid: per.cache is not None for cid, per in prepared.items()}
    chunks = _chunks(jobs, workers)
    finished: set[int] = set()
    # frozen before the fork, what the workers inherit is never walked by their collections,
    # which would otherwise write to (and so copy) every page of it
    old_gc = _collect_less()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(),
                                 initializer=_worker_init,
                                 initargs=(configs, options, cache_on)) as pool:
            futures = [pool.submit(_worker_run, chunk) for chunk in chunks]
            for fut in as_completed(futures):
                for index, *answer in fut.result():
                    finished.add(index)
                    done(index, *answer)
    except BrokenProcessPool:
        # a worker died (killed, out of memory): lint what is left here, where an error
        # surfaces with a traceback instead of a hang
        for job in jobs:
            if job.index not in finished:
                done(job.index, *_run_job(job, prepared[job.config_id], options))
    finally:
        _collect_as_before(old_gc)


# -- progress -----------------------------------------------------------------------------

class Progress:
    """A one-line progress bar on stderr, drawn only once a run has taken a second."""

    DELAY = 1.0
    INTERVAL = 0.1

    def __init__(self, total: int, stream=None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.count = 0
        self.start = time.monotonic()
        self.last = 0.0
        self.drawn = False

    @staticmethod
    def wanted(stream=None) -> bool:
        stream = stream or sys.stderr
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            return False
        ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
        return tty and not ci and os.environ.get("TERM") != "dumb"

    def advance(self, n: int = 1) -> None:
        self.count += n
        now = time.monotonic()
        if now - self.start < self.DELAY or (now - self.last < self.INTERVAL and self.count < self.total):
            return
        self.last = now
        width = 30
        filled = int(width * self.count / max(1, self.total))
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total} files")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()


# -- the run ------------------------------------------------------------------------------

def _storable(diags) -> bool:
    from lint.engine import ERROR_CODES

    return not any(d.code in ERROR_CODES or d.extra.get("run_error") for d in diags)


def lint_targets(targets: list[Target], options: RunOptions,
                 on_result: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Lint every target (raises ConfigError/PackError/RegistryError for bad config)."""
    from lint.source import InputError, read_source

    use_cache, _ = settings = _cache_settings(options)

    prepared: dict[int, _Prepared] = {}
    caches: dict[tuple, object] = {}
    memos: dict[Path, object] = {}
    #: config id -> indices answered from a cache opened through the run-key memo
    served: dict[int, list[int]] = {}
    config_ids: dict[int, int] = {}
    results: list[FileResult | None] = [None] * len(targets)
    jobs: list[_Job] = []
    keys: dict[int, tuple] = {}  # job index -> (cache path, content digest, stamp or None)
    hits = 0
    abspath = _abspath_from(os.getcwd()) if use_cache else os.path.abspath
    jobs_n = options.jobs if options.jobs and options.jobs > 0 else default_jobs()
    # so few files are linted here, never in workers: with a core to spare, slow set-up may
    # start before the rule set is built (see _warm_up)
    warm_early = jobs_n >= 2 and len(targets) < 2 * MIN_FILES_PER_WORKER

    def admit(index: int, target: Target) -> None:
        """Read a target: an input error, an answer from the cache, or a job."""
        nonlocal hits
        cfg = target.config
        cid = config_ids.setdefault(id(cfg), len(config_ids))
        per = prepared.get(cid)
        if per is None:
            per = prepared[cid] = _open(cfg, options, settings, caches, memos, warm_early)
        display = options.stdin_filename if target.path == "-" and options.stdin_filename else target.path
        stamp = st = None
        # an unchanged file (same size and mtime as recorded) is answered without reading it;
        # reports that quote the text (SARIF, rdjsonl, baselines) read every file
        if per.cache is not None and target.path != "-" and not per.split and not options.keep_sources:
            from lint.cache import trusted_stamp

            try:
                now = time.time_ns()
                st = os.stat(target.path)
                stamp = trusted_stamp(st, now)
            except OSError:
                stamp = None
            if stamp is not None:
                unchanged = per.cache.get_unchanged(abspath(target.path), stamp, display)
                if unchanged is not None:
                    diags, line_index = unchanged
                    results[index] = result = FileResult(display, None, diags)
                    if line_index is not None:
                        result.__dict__["_li"] = line_index
                    hits += 1
                    if per.ruleset is None:
                        served.setdefault(cid, []).append(index)
                    return
        cache_path = abspath(target.path) if per.cache is not None and target.path != "-" else None
        if target.path != "-" and not options.keep_sources and (
                per.cache is None or not per.cache.knows(cache_path)):
            # nothing to look up (no cache, or nothing cached for this path): the file is read
            # once, where it is linted (in a worker, when there are many); its size only orders
            # the work. The worker sends back the digest of what it read; the stamp, taken
            # before that read, is stored with it (see done)
            try:
                size = (st or os.stat(target.path)).st_size
            except OSError:
                size = None  # read_source says what is wrong
            if size is not None:
                jobs.append(_Job(index, cid, display, None, source=target.path, size=size))
                if per.cache is not None:
                    keys[index] = (cache_path, None, stamp)
                return
        try:
            src = read_source(target.path, cfg.max_file_size)
        except InputError as exc:
            from lint.engine import input_error_result

            if exc.kind != "binary":
                ensure(cid)  # the input-error rule's severity and ignores come from the rule set
            results[index] = input_error_result(display, exc, per.ruleset)
            return
        job = _Job(index, cid, display, src.text)
        if per.cache is not None and target.path != "-":
            from lint.cache import content_digest

            digest = content_digest(src.text)
            hit = per.cache.get(cache_path, digest, display)
            if hit is not None:
                kind, diags = hit
                if kind == "final" and not per.split:
                    results[index] = FileResult(display, src.text, diags)
                    if not options.keep_sources:
                        results[index].compact()
                        per.cache.restamp(cache_path, stamp, results[index].__dict__.get("_li"))
                    hits += 1
                    if per.ruleset is None:
                        served.setdefault(cid, []).append(index)
                    return
                if kind == "raw" and per.split:
                    job.cached_raw = diags
            if job.cached_raw is None:
                keys[index] = (cache_path, digest, stamp)
        job.size = len(src.text)
        jobs.append(job)
        if not options.keep_sources and target.path != "-":
            job.source = target.path
            if len(jobs) >= DROP_TEXTS_AFTER:  # many files: workers will read them again
                for j in jobs if len(jobs) == DROP_TEXTS_AFTER else (job,):
                    if j.source is not None:
                        j.text = None

    def ensure(cid: int) -> None:
        """Build the rules of a config opened through the run-key memo; if its run key is
        not the remembered one, read again the files the old key answered."""
        nonlocal hits
        if not _ensure(prepared[cid], options, settings, caches, memos, warm_early):
            again = served.pop(cid, [])
            hits -= len(again)
            for index in again:
                results[index] = None
                admit(index, targets[index])

    for index, target in enumerate(targets):
        admit(index, target)
    # a file to lint under a config opened through the memo needs its rules
    for cid in sorted({job.config_id for job in jobs}):
        ensure(cid)

    progress = None
    want = options.progress if options.progress is not None else Progress.wanted()
    if want and jobs:
        progress = Progress(len(targets))
        progress.advance(len(targets) - len(jobs))

    def done(index: int, final, raw, ok: bool, li=None, digest: str | None = None,
             skipped: tuple[str | None, str | None] | None = None) -> None:
        target_job = by_index[index]
        results[index] = FileResult(target_job.path, target_job.text, final)
        if skipped is not None:  # read where it was linted: an input error
            results[index].skipped, results[index].notice = skipped
        if li is not None:  # read by the worker: positions come with its line index
            results[index].__dict__["_li"] = li
        if not options.keep_sources:
            results[index].compact()
            target_job.text = None  # sent or linted: the parent needs it no more
        key = keys.get(index)
        if key is not None and digest is not None and digest != key[1]:
            # the worker read the file: its content digest. If the parent read it too, the
            # worker read other content (the file changed): no stamp for it
            key = (key[0], digest, key[2] if key[1] is None else None)
        per = prepared[target_job.config_id]
        if not ok or per.split or skipped is not None:
            options.stats["unsettled"] += 1  # findings another run may not get again
        if key is not None and per.cache is not None and ok:
            if raw is not None:
                per.cache.put(key[0], key[1], "raw", raw)
            elif not per.split:
                per.cache.put(key[0], key[1], "final", final, key[2], results[index].__dict__.get("_li"))
        if progress is not None:
            progress.advance()

    by_index = {job.index: job for job in jobs}
    workers = min(jobs_n, len(jobs) // MIN_FILES_PER_WORKER)
    options.stats.update(files=len(targets), cached=hits, linted=len(jobs), unsettled=0, progress=False,
                         partly_cached=sum(1 for j in jobs if j.cached_raw is not None),
                         workers=workers if workers >= 2 else 1)
    try:
        if workers >= 2:
            _run_parallel(jobs, prepared, options, workers, done)
        else:
            if jobs_n >= 2:  # a core for background set-up (not with -j1); nothing forks from here
                for cid in sorted({job.config_id for job in jobs}):
                    _warm_up(prepared[cid])
            many = len(jobs) >= DROP_TEXTS_AFTER
            if many:  # (a language server runs here too: its collector is put back after)
                _expect_many_files()
                old_gc = _collect_less()
            try:
                for job in jobs:
                    done(job.index, *_run_job(job, prepared[job.config_id], options))
            finally:
                if many:
                    _collect_as_before(old_gc)
    finally:
        if progress is not None:
            options.stats["progress"] = progress.drawn
            progress.close()
    for cache in caches.values():
        cache.save()
    options.stats["cache_folders"] = sorted({str(folder) for folder, _ in caches})

    out = [r for r in results if r is not None]
    if on_result is not None:
        for r in out:
            on_result(r)
    return sorted(out, key=lambda r: r.path)
