"""Which files a run lints: explicit files always; folders recursively, filtered by the
config's ``include`` globs, its ``exclude`` globs and every ``.gitignore`` on the way."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    import pathspec

ALWAYS_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".articlelint_cache", ".tox"}

#: when a list, every folder a walk lists is appended to it (:mod:`lint.replay` stamps them:
#: a file added to one of them changes what a run lints)
visited: list[str] | None = None


def _spec(patterns, where: str | None = None) -> "pathspec.PathSpec":
    """A gitignore-style matcher of ``patterns``. A pattern pathspec cannot compile is a
    config error naming ``where`` (the setting); with ``where`` None (a .gitignore) it is
    skipped, as git skips it."""
    import re

    import pathspec  # 10-15 ms to import: only for a .gitignore, excludes or unusual includes

    try:
        return pathspec.GitIgnoreSpec.from_lines(patterns)
    except (ValueError, re.error):
        pass
    good = []
    for pattern in patterns:
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except (ValueError, re.error) as exc:
            if where is not None:
                from lint.config import ConfigError

                raise ConfigError(f"{where}: invalid pattern {pattern!r} ({exc})") from None
            continue
        good.append(pattern)
    return pathspec.GitIgnoreSpec.from_lines(good)


#: characters that make a gitignore pattern more than a literal (escapes, globs, negation,
#: comments, folders); ``*.md`` is a star and a literal suffix
_GLOB_CHARS = frozenset("*?[]\\!#/ \t")


class _SuffixSpec:
    """``include`` patterns that are all ``*.<suffix>`` (the default): a file name matches
    if it ends with one of the suffixes, exactly as gitignore matching would say, since ``*``
    matches any run of characters but ``/`` and file names hold no ``/``."""

    def __init__(self, suffixes: tuple[str, ...]) -> None:
        self.suffixes = suffixes

    def match_file(self, name: str) -> bool:
        return name.endswith(self.suffixes)


def _suffixes(patterns) -> tuple[str, ...] | None:
    """The suffixes of patterns that are all ``*.<literal>``, else None."""
    if patterns and all(p.startswith("*.") and p == p.strip() and not _GLOB_CHARS.intersection(p[1:])
                        for p in patterns):
        return tuple(p[1:] for p in patterns)
    return None


def _name_spec(patterns):
    """A matcher of file names (no folders) for ``include`` patterns."""
    suffixes = _suffixes(list(patterns))
    return _spec(patterns, "include") if suffixes is None else _SuffixSpec(suffixes)


class _Ignores:
    """Stack of .gitignore specs from the walk's folders (and their parents up to the git root)."""

    def __init__(self) -> None:
        self._cache: dict[Path, pathspec.PathSpec | None] = {}
        self._chains: dict[Path, list] = {}

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

    def chain(self, folder: Path, stop: Path) -> list[tuple[Path, "pathspec.PathSpec"]]:
        """The .gitignore specs that apply in ``folder``: its own and its parents' up to
        ``stop`` or a git root, nearest first (one list per folder, not a walk per file)."""
        found = self._chains.get(folder)
        if found is None:
            spec = self.spec_for(folder)
            found = [(folder, spec)] if spec is not None else []
            if not (folder == stop or folder.parent == folder or (folder / ".git").exists()):
                found += self.chain(folder.parent, stop)
            self._chains[folder] = found
        return found


def _ignored_by(chain, path: Path, is_dir: bool) -> bool:
    for folder, spec in chain:
        if spec.match_file(path.relative_to(folder).as_posix() + ("/" if is_dir else "")):
            return True
    return False


def iter_files(root: Path, include, exclude, base: Path | None = None) -> Iterator[Path]:
    """Files under folder ``root`` matching ``include`` and not ``exclude`` or .gitignore.

    ``exclude`` globs are matched relative to ``base`` (the config's folder) when given."""
    include_spec = _name_spec(include)
    exclude_spec = _spec(exclude, "exclude") if exclude else None
    ignores = _Ignores()
    root = root.resolve()
    base = (base or root).resolve()
    stop = _git_root(root) or root
    for dirpath, dirnames, filenames in os.walk(root):
        if visited is not None:
            visited.append(dirpath)
        folder = Path(dirpath)
        chain = ignores.chain(folder, stop)
        keep = []
        for d in sorted(dirnames):
            if d in ALWAYS_SKIP_DIRS:
                continue
            if chain or exclude_spec is not None:
                p = folder / d
                if _ignored_by(chain, p, True) or _excluded(exclude_spec, p, base, True):
                    continue
            keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            if not include_spec.match_file(f):
                continue
            p = folder / f
            if chain or exclude_spec is not None:
                if _ignored_by(chain, p, False) or _excluded(exclude_spec, p, base, False):
                    continue
            yield p


def is_excluded(path: Path, exclude, base: Path | None) -> bool:
    if not exclude:
        return False
    return _excluded(_spec(exclude, "exclude"), path.resolve(), (base or Path.cwd()).resolve(), False)


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
