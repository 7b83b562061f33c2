"""Which files a run lints: explicit files always; folders recursively, filtered by the
config's ``include`` globs, its ``exclude`` globs and every ``.gitignore`` on the way."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pathspec

ALWAYS_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".articlelint_cache", ".tox"}


def _spec(patterns) -> pathspec.PathSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


class _Ignores:
    """Stack of .gitignore specs from the walk's folders (and their parents up to the git root)."""

    def __init__(self) -> None:
        self._cache: dict[Path, pathspec.PathSpec | None] = {}

    def spec_for(self, folder: Path) -> pathspec.PathSpec | None:
        if folder not in self._cache:
            gi = folder / ".gitignore"
            spec = None
            if gi.is_file():
                try:
                    spec = _spec(gi.read_text(encoding="utf-8", errors="replace").splitlines())
                except OSError:
                    spec = None
            self._cache[folder] = spec
        return self._cache[folder]

    def ignored(self, path: Path, is_dir: bool, stop: Path) -> bool:
        folder = path.parent
        while True:
            spec = self.spec_for(folder)
            if spec is not None:
                rel = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
                if spec.match_file(rel):
                    return True
            if folder == stop or folder.parent == folder or (folder / ".git").exists():
                return False
            folder = folder.parent


def iter_files(root: Path, include, exclude, base: Path | None = None) -> Iterator[Path]:
    """Files under folder ``root`` matching ``include`` and not ``exclude`` or .gitignore.

    ``exclude`` globs are matched relative to ``base`` (the config's folder) when given."""
    include_spec = _spec(include)
    exclude_spec = _spec(exclude) if exclude else None
    ignores = _Ignores()
    root = root.resolve()
    base = (base or root).resolve()
    stop = _git_root(root) or root
    for dirpath, dirnames, filenames in os.walk(root):
        folder = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            p = folder / d
            if d in ALWAYS_SKIP_DIRS or ignores.ignored(p, True, stop) or _excluded(exclude_spec, p, base, True):
                continue
            keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            p = folder / f
            if not include_spec.match_file(f):
                continue
            if ignores.ignored(p, False, stop) or _excluded(exclude_spec, p, base, False):
                continue
            yield p


def is_excluded(path: Path, exclude, base: Path | None) -> bool:
    if not exclude:
        return False
    return _excluded(_spec(exclude), path.resolve(), (base or Path.cwd()).resolve(), False)


def _excluded(spec, path: Path, base: Path, is_dir: bool) -> bool:
    if spec is None:
        return False
    try:
        rel = path.relative_to(base).as_posix()
    except ValueError:
        rel = path.name
    return spec.match_file(rel + ("/" if is_dir else ""))


def _git_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None
