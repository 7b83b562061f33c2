"""Packaging and integration with the real tools: a non-editable wheel, and the pre-commit
hook run by the real ``pre-commit`` in a throw-away git repository.

Both build from a snapshot of this working tree (tracked and untracked, not ignored files),
so they test what the rest of the suite tests, on a clean clone in CI as on a dirty tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SEED

pytestmark = pytest.mark.slow

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
    # fixed dates: the same tree gives the same commit, so pre-commit reuses its environment
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
}
CACHE = Path(os.environ.get("ARTICLELINT_TEST_CACHE", Path.home() / ".cache" / "articlelint-tests"))


def git(*args, cwd, check=True, env=None):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check,
                          env={**os.environ, **GIT_ENV, **(env or {})})


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> Path:
    """A git repository holding this working tree's files in one commit.

    It is stored by content (its tree hash) under the test cache: an unchanged tree gives the
    same path and commit, so pre-commit reuses the environment it built for it, and runs in
    other worktrees or processes never touch a snapshot another run is using."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    work = tmp_path_factory.mktemp("snapshot") / "articlelint"
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (work / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, work / rel)
    git("init", "-q", "-b", "main", cwd=work)
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "snapshot", cwd=work)
    tree = git("rev-parse", "HEAD^{tree}", cwd=work).stdout.strip()
    dest = CACHE / "snapshots" / tree[:16]
    if not (dest / ".git").is_dir():
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            work.rename(dest)
        except OSError:  # another run stored the same tree meanwhile
            if not (dest / ".git").is_dir():
                raise
    return dest


def test_wheel_installs_rules_as_lint_rules(snapshot, tmp_path):
    out = tmp_path / "wheels"
    src = tmp_path / "src"  # a build writes build/ and *.egg-info into its source: use a copy
    git("clone", "-q", str(snapshot), str(src), cwd=tmp_path)
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    (wheel,) = out.glob("articlelint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "lint/rules/__init__.py" in names
    assert "lint/rules/meta.py" in names
    assert "lint/rules/packs/template-footer.yaml" in names
    assert "lint/cli.py" in names and "lint/report/sarif.py" in names
    assert not [n for n in names if n.startswith("rules/")], "a top-level rules package would clash with django-rules"
    assert not [n for n in names if n.startswith("tests/")]
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "articlelint = lint.replay:main" in zipfile.ZipFile(wheel).read(entry_points).decode()

    # installed without the source tree (no editable path), the pack is found and works
    target = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = subprocess.run(
        [sys.executable, "-c", "import lint, lint.rules; from lint.registry import load_registry; "
         "print(lint.__file__); print(sorted(r.name for r in load_registry().rules))"],
        capture_output=True, text=True, env=env, cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.startswith(str(target)) and "template-footer" in probe.stdout
    (tmp_path / "a.txt").write_text("Intro.\n\nLeave a Reply\n")
    r = subprocess.run([sys.executable, "-m", "lint", "check", "--isolated", "a.txt"],
                       capture_output=True, text=True, env=env, cwd=tmp_path)
    assert r.returncode == 1 and r.stdout.startswith("a.txt:3:1: BP001"), r.stdout + r.stderr


def test_pre_commit_hook_blocks_the_seed_and_passes_a_clean_article(snapshot, tmp_path, corpus):
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if pre_commit is None:
        pytest.fail("pre-commit is not installed (it is in the [test] extra)")
    rev = git("rev-parse", "HEAD", cwd=snapshot).stdout.strip()
    repo = tmp_path / "articles"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {snapshot}\n    rev: {rev}\n    hooks:\n      - id: articlelint\n")
    env = {"PRE_COMMIT_HOME": str(CACHE / "pre-commit"), "PRE_COMMIT_COLOR": "never"}
    r = subprocess.run([pre_commit, "install"], cwd=repo, capture_output=True, text=True, env={**os.environ, **env})
    assert r.returncode == 0, r.stdout + r.stderr
    git("add", ".pre-commit-config.yaml", cwd=repo)
    git("commit", "-q", "-m", "config", cwd=repo, env=env)

    shutil.copy(SEED, repo / "seed-article.txt")
    git("add", "seed-article.txt", cwd=repo)
    r = git("commit", "-m", "add the seed", cwd=repo, check=False, env=env)
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    assert "seed-article.txt:20:1: BP001" in out and "seed-article.txt:22:1: BP001" in out
    assert git("log", "--oneline", cwd=repo).stdout.count("\n") == 1  # the commit was refused

    git("rm", "-q", "--cached", "seed-article.txt", cwd=repo)
    (repo / "seed-article.txt").unlink()
    shutil.copy(ROOT / "examples" / "clean-article.txt", repo / "story.txt")
    (repo / "script.py").write_text("# Leave a Reply\n")  # not an article: the hook skips it
    git("add", "story.txt", "script.py", cwd=repo)
    r = git("commit", "-m", "add a clean story", cwd=repo, check=False, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "articlelint" in r.stdout + r.stderr and "Passed" in r.stdout + r.stderr

    # the hook knows the repository: two posts may share a paragraph, the third that pastes
    # it in is refused although only that file is passed to the hook
    template = ("If you would like to help us test future releases, please try the beta channel "
                "and tell us what breaks before the next version ships.")
    for n, topic in enumerate(["the harbour wall", "the library hours", "the ferry timetable"]):
        (repo / f"post-{n}.txt").write_text(f"This week we wrote about {topic} and what changes for readers.\n\n{template}\n")
        git("add", f"post-{n}.txt", cwd=repo)
        r = git("commit", "-m", f"post {n}", cwd=repo, check=False, env=env)
        if n < 2:
            assert r.returncode == 0, r.stdout + r.stderr
    out = r.stdout + r.stderr
    assert r.returncode != 0 and "post-2.txt:3:1: BP005" in out and "shared by 3 files" in out, out
