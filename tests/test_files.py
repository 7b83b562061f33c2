"""Which files a folder walk yields: the include fast path agrees with gitignore matching,
and pathspec is imported only when a pattern needs it."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pathspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from lint import files
from lint.config import DEFAULT_INCLUDE

# file-name characters, with the ones gitignore treats specially
_NAME_CHARS = st.sampled_from(list("abcMD.-_ *?[]!#\\\t1é"))
_names = st.text(_NAME_CHARS, max_size=8)


@pytest.mark.filterwarnings("ignore::FutureWarning")  # pathspec compiling "[[" and the like
@settings(max_examples=400, deadline=None)
@given(suffixes=st.lists(_names, min_size=1, max_size=3), names=st.lists(_names, min_size=1, max_size=12))
def test_include_matching_equals_gitignore_matching(suffixes, names):
    patterns = ["*." + s for s in suffixes]
    try:
        theirs = pathspec.GitIgnoreSpec.from_lines(patterns)
    except (ValueError, re.error):  # not a valid pattern ("*.\\"): the fast path never sees those
        assert files._suffixes(patterns) is None
        return
    ours = files._name_spec(patterns)
    for name in names + [n + "." + s for n in names for s in suffixes]:
        if "/" in name or not name:
            continue
        assert ours.match_file(name) == theirs.match_file(name), (patterns, name)


def test_default_include_takes_the_fast_path():
    assert isinstance(files._name_spec(DEFAULT_INCLUDE), files._SuffixSpec)
    for unusual in (["*.md", "notes/*.txt"], ["*.[mM]d"], ["README"], ["!*.md"], ["*.md "], ["*.\\"], []):
        assert files._suffixes(unusual) is None, unusual


def test_walk_without_gitignore_or_excludes_does_not_import_pathspec(tmp_path):
    (tmp_path / "a.txt").write_text("A text.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("B text.\n", encoding="utf-8")
    (tmp_path / "sub" / "c.rst").write_text("C text.\n", encoding="utf-8")
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from lint.files import iter_files
        from lint.config import DEFAULT_INCLUDE
        root = Path({str(tmp_path)!r})
        found = [p.relative_to(root).as_posix() for p in iter_files(root, DEFAULT_INCLUDE, ())]
        print(found, "pathspec" in sys.modules)
        (root / ".gitignore").write_text("sub/\\n")
        found = [p.relative_to(root).as_posix() for p in iter_files(root, DEFAULT_INCLUDE, ())]
        print(found, "pathspec" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["['a.txt', 'sub/b.md'] False", "['a.txt'] True"]


def test_gitignores_of_the_folder_and_its_parents_up_to_the_git_root(tmp_path):
    repo = tmp_path / "repo"
    for name, text in {
        "outside.txt": "x", ".gitignore": "*.txt\n",  # above the git root: not applied
        "repo/.git/HEAD": "ref", "repo/.gitignore": "drafts/\nsecret.md\n",
        "repo/a.md": "x", "repo/secret.md": "x", "repo/drafts/b.md": "x",
        "repo/site/.gitignore": "*.html\n!keep.html\n", "repo/site/c.md": "x", "repo/site/d.html": "x",
        "repo/site/deep/secret.md": "x", "repo/site/deep/e.txt": "x", "repo/site/deep/f.html": "x",
    }.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    found = [p.relative_to(repo).as_posix() for p in files.iter_files(repo, DEFAULT_INCLUDE, ())]
    assert found == ["a.md", "site/c.md", "site/deep/e.txt"]
    found = [p.relative_to(repo).as_posix() for p in files.iter_files(repo, DEFAULT_INCLUDE, ("deep/",), base=repo / "site")]
    assert found == ["a.md", "site/c.md"]
