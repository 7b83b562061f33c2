"""The cross-document paragraph index (lint/corpus.py) and shared-template on a small repo."""

import json
import os
import threading
from pathlib import Path

from lint.config import Config, load_config
from lint.corpus import CACHE_DIR, INDEX_NAME, CorpusIndex, _write_index, find_root, fingerprint, normalise
from lint.engine import build_ruleset, lint_path
from lint.rule import Context

TEMPLATE = "If you'd like to help us test future releases, please try the beta channel of version {v} and tell us what breaks."


import pytest


@pytest.fixture(autouse=True)
def default_cache_location(monkeypatch):
    # the suite points ARTICLELINT_CACHE_DIR elsewhere; these tests check the default place
    monkeypatch.delenv("ARTICLELINT_CACHE_DIR", raising=False)


SUBJECTS = ["apples", "bridges", "comets", "dialects", "engines", "forests"]


def make_repo(root: Path, n: int = 4) -> list[Path]:
    (root / ".articlelint.toml").write_text('select = ["shared-template"]\n', encoding="utf-8")
    files = []
    for i in range(n):
        f = root / "posts" / f"post-{i}.txt"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(
            f"This post talks about {SUBJECTS[i]}, a subject of its own, in words that no other post uses.\n\n"
            + TEMPLATE.format(v=f"1.{70 + i}.0") + "\n",
            encoding="utf-8",
        )
        files.append(f)
    return files


def build(root: Path) -> CorpusIndex:
    cfg = load_config(root / ".articlelint.toml")
    return CorpusIndex.load_or_build(root, cfg.include, cfg.exclude)


def test_normalise_numbers_and_punctuation():
    assert normalise("Many people came together to create Rust 1.79.0!") == normalise(
        "Many people came together to create Rust 1.80.0."
    )
    assert normalise("Going up while costs go down") != normalise("Going down while costs go up")
    assert fingerprint("Thanks for reading!") is None  # too short to be a template
    assert fingerprint(TEMPLATE.format(v="1.0")) == fingerprint(TEMPLATE.format(v="2.31"))


def test_index_is_refreshed_incrementally(tmp_path):
    files = make_repo(tmp_path)
    first = build(tmp_path)
    assert first.stats.rebuilt and first.stats.parsed == 4
    index_file = tmp_path / CACHE_DIR / INDEX_NAME
    assert index_file.is_file()
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    assert not [p for p in (tmp_path / CACHE_DIR).iterdir() if p.suffix == ".tmp"]

    again = build(tmp_path)  # nothing changed: no file is opened
    assert (again.stats.stat_only, again.stats.hashed, again.stats.parsed) == (4, 0, 0)

    files[1].write_text(files[1].read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    os.utime(files[2], ns=(files[2].stat().st_atime_ns, files[2].stat().st_mtime_ns + 10**9))
    changed = build(tmp_path)
    assert changed.stats.parsed == 1  # the edited file
    assert changed.stats.hashed == 1  # touched, same content: hashed, not parsed
    assert changed.stats.stat_only == 2

    files[3].unlink()
    removed = build(tmp_path)
    assert removed.stats.removed == 1
    assert len(removed.occurrences(fingerprint(TEMPLATE.format(v="1")))) == 3


def test_corrupt_index_is_rebuilt(tmp_path):
    make_repo(tmp_path)
    build(tmp_path)
    index_file = tmp_path / CACHE_DIR / INDEX_NAME
    for garbage in ("{not json", "[]", '{"parser": 3}', json.dumps({"parser": "x", "files": {"a": 1}})):
        index_file.write_text(garbage, encoding="utf-8")
        index = build(tmp_path)
        assert index.stats.rebuilt and index.stats.parsed == 4
        assert len(index.occurrences(fingerprint(TEMPLATE.format(v="1")))) == 4


def test_concurrent_writers_leave_a_valid_index(tmp_path):
    make_repo(tmp_path)
    index = build(tmp_path)
    folder = tmp_path / CACHE_DIR
    threads = [threading.Thread(target=_write_index, args=(folder, index)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    json.loads((folder / INDEX_NAME).read_text(encoding="utf-8"))
    assert build(tmp_path).stats.parsed == 0


def test_one_changed_file_sees_the_whole_repository(tmp_path):
    """The pre-commit case: only one file is passed, the others come from the index."""
    files = make_repo(tmp_path)
    cfg = load_config(tmp_path / ".articlelint.toml")
    ruleset = build_ruleset(cfg)
    result = lint_path(str(files[0]), cfg, Context(config=cfg), ruleset=ruleset)
    [diag] = result.diagnostics
    assert diag.code == "BP005"
    assert "shared by 4 files" in diag.message and "posts/post-1.txt:3" in diag.message
    assert diag.related[0].path.endswith("posts/post-1.txt") and diag.related[0].line == 3
    # a second run of one file opens only that file if it changed, nothing otherwise
    ctx = Context(config=cfg)
    lint_path(str(files[0]), cfg, ctx, ruleset=ruleset)
    [index] = [v for k, v in ctx.services.items() if k.startswith("corpus:")]
    assert index.stats.parsed == 0 and index.stats.hashed == 0


def test_below_threshold_and_excluded_files_are_not_templates(tmp_path):
    files = make_repo(tmp_path, n=3)
    (tmp_path / ".articlelint.toml").write_text(
        'select = ["shared-template"]\nexclude = ["posts/post-2.txt"]\n', encoding="utf-8"
    )
    cfg = load_config(tmp_path / ".articlelint.toml")
    result = lint_path(str(files[0]), cfg, Context(config=cfg), ruleset=build_ruleset(cfg))
    assert result.diagnostics == []  # two files share it: below min-files (3)


def test_root_is_the_git_root_not_an_outside_config_folder(tmp_path):
    """--config /tmp/x.toml must not make all of /tmp the repository."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    article = repo / "posts" / "a.txt"
    article.parent.mkdir()
    article.write_text("x\n", encoding="utf-8")
    outside = tmp_path / "elsewhere" / "x.toml"
    outside.parent.mkdir()
    outside.write_text("", encoding="utf-8")
    assert find_root(str(article), load_config(outside)) == repo.resolve()
    # not in git: the config's folder when the file is under it, else the file's own folder
    loose = tmp_path / "loose" / "sub" / "b.txt"
    loose.parent.mkdir(parents=True)
    loose.write_text("x\n", encoding="utf-8")
    (tmp_path / "loose" / ".articlelint.toml").write_text("", encoding="utf-8")
    assert find_root(str(loose), load_config(tmp_path / "loose" / ".articlelint.toml")) == (tmp_path / "loose").resolve()
    assert find_root(str(loose), load_config(outside)) == loose.parent.resolve()
    assert find_root(str(loose), Config()) == loose.parent.resolve()


def test_a_folder_without_git_or_config_is_its_own_corpus(tmp_path):
    files = make_repo(tmp_path)
    (tmp_path / ".articlelint.toml").unlink()
    cfg = Config(select=("shared-template",))
    result = lint_path(str(files[0]), cfg, Context(config=cfg), ruleset=build_ruleset(cfg))
    assert [d.code for d in result.diagnostics] == ["BP005"]


def test_index_caps_files_and_skips_large_ones(tmp_path, capsys):
    files = make_repo(tmp_path, n=6)
    files[5].write_text(files[5].read_text(encoding="utf-8") + "x " * 600, encoding="utf-8")
    cfg = load_config(tmp_path / ".articlelint.toml")
    index = CorpusIndex.load_or_build(tmp_path, cfg.include, cfg.exclude, max_file_size=1000, max_files=4)
    assert sorted(index.files) == [f"posts/post-{i}.txt" for i in range(4)]
    assert index.stats.truncated
    big = CorpusIndex.load_or_build(tmp_path, cfg.include, cfg.exclude, max_file_size=1000, max_files=100)
    assert "posts/post-5.txt" not in big.files and big.stats.too_large == 1 and not big.stats.truncated
    # the rule says so once, on stderr, and still works on what it indexed
    cfg = Config(select=("shared-template",), rules=(("shared-template", (("max-files", 4),)),))
    ctx = Context(config=cfg)
    result = lint_path(str(files[0]), cfg, ctx, ruleset=build_ruleset(cfg))
    assert [d.code for d in result.diagnostics] == ["BP005"]
    assert "indexed only the first 4 files" in capsys.readouterr().err


def test_unwritable_cache_is_not_an_error(tmp_path):
    make_repo(tmp_path)
    cache = tmp_path / ".articlelint_cache"
    cache.write_text("a file where the cache folder should be", encoding="utf-8")
    index = build(tmp_path)  # cannot write: still answers from memory
    assert len(index.occurrences(fingerprint(TEMPLATE.format(v="1")))) == 4


def test_index_folder_from_environment(tmp_path, monkeypatch):
    make_repo(tmp_path)
    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path / "elsewhere"))
    index = build(tmp_path)
    assert index.stats.parsed == 4
    assert not (tmp_path / CACHE_DIR).exists()
    assert list((tmp_path / "elsewhere" / "corpus").glob("*/" + INDEX_NAME))
    assert build(tmp_path).stats.parsed == 0


def test_parallel_processes_build_once(tmp_path):
    """Workers of a parallel run take turns: one indexes, the others find the index fresh."""
    import multiprocessing

    make_repo(tmp_path)
    with multiprocessing.get_context("fork").Pool(3) as pool:
        parsed = pool.map(_parsed_count, [str(tmp_path)] * 3)
    assert sorted(parsed) == [0, 0, 4]


def _parsed_count(root: str) -> int:
    return build(Path(root)).stats.parsed
