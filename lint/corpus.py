"""Cross-document facts: which paragraphs many files of a repository share.

Pre-commit passes only the changed files, so a rule that asks "is this paragraph a
template?" cannot look at the files on the command line: it reads a paragraph-fingerprint
index of the whole repository (the config's include/exclude globs, files under the nearest
git root, else the config's folder; at most MAX_FILES files, none over max-file-size). The
index lives in ``.articlelint_cache/corpus/`` (with its own ``.gitignore``), is refreshed incrementally — a file whose mtime and size are unchanged
is not opened; one whose content hash is unchanged is not parsed again — and is written with
a temporary file and a rename, so concurrent runs never see half an index. An unreadable or
corrupt index is rebuilt, never a crash.

A fingerprint is a hash of the paragraph's normalised text: lower case, words only, every
number replaced by ``0`` ("Many people came together to create Rust 1.79.0" and "… 1.80.0"
share one).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

INDEX_VERSION = 3
CACHE_DIR = Path(".articlelint_cache") / "corpus"
INDEX_NAME = "index.json"
#: blocks whose text can be a template paragraph (headings, table cells and pieces of raw
#: HTML are labels and structure: generated reports repeat them by design)
PARAGRAPH_KINDS = frozenset({"paragraph", "line", "quote", "list_item"})
MIN_WORDS = 8

_TOKEN = re.compile(r"\w+")
# a number, a version or a date as one token: "1.79.0", "2,500", "12:30", "2024-05-01"
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")


def normalise(text: str) -> str:
    """Lower-case words with every number (or version, date, time) as ``0``: the text a
    fingerprint is taken of."""
    return " ".join(_TOKEN.findall(_NUMBER.sub("0", text.lower())))


def fingerprint(text: str, min_words: int = MIN_WORDS) -> str | None:
    """Fingerprint of a paragraph, or ``None`` when it is too short to be a template."""
    norm = normalise(text)
    if norm.count(" ") + 1 < min_words:
        return None
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=10).hexdigest()


def paragraphs_of(doc) -> Iterable[tuple[str, int, object]]:
    """(fingerprint, 1-based line, block) for each paragraph of a parsed document."""
    for block in doc.blocks:
        if block.kind not in PARAGRAPH_KINDS:
            continue
        fp = fingerprint(block.text)
        if fp is not None:
            line, _ = doc.line_index.line_col(block.span.start)
            yield fp, line, block


def _parser_tag() -> str:
    """Fingerprints depend on what the parsers extract: a new parser invalidates the index."""
    import importlib.util

    have = [m for m in ("lint.parse.markdown", "lint.parse.html") if importlib.util.find_spec(m)]
    return f"v{INDEX_VERSION}:" + ",".join(have)


def find_root(path: str, config=None) -> Path | None:
    """The folder whose files form the corpus: the nearest git root above ``path``, else the
    config's folder when ``path`` is inside it, else ``path``'s own folder.

    (Not the config's folder first: ``--config /tmp/x.toml`` would make all of /tmp the
    repository.)"""
    if path in ("", "-"):
        return None
    start = Path(path).resolve().parent
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    if config is not None and getattr(config, "path", None):
        config_folder = Path(config.path).parent.resolve()
        if start == config_folder or config_folder in start.parents:
            return config_folder
    return start


#: the most files an index takes (the first ones in sorted order); the rest are left out
#: with a notice, so a root that is far larger than a repository never stalls a run
MAX_FILES = 20_000


@dataclass
class FileEntry:
    mtime_ns: int
    size: int
    sha: str
    paragraphs: list[tuple[str, int]]  # (fingerprint, line)


@dataclass
class RefreshStats:
    files: int = 0
    stat_only: int = 0  # unchanged mtime and size: not opened
    hashed: int = 0  # opened, content unchanged: not parsed
    parsed: int = 0  # new or changed: parsed
    removed: int = 0
    rebuilt: bool = False  # no usable index on disk
    too_large: int = 0  # over max-file-size: left out
    truncated: bool = False  # stopped at max_files


@dataclass
class CorpusIndex:
    """Paragraph fingerprints of every included file under ``root``."""

    root: Path
    files: dict[str, FileEntry] = field(default_factory=dict)
    stats: RefreshStats = field(default_factory=RefreshStats)
    _by_fp: dict[str, list[tuple[str, int]]] | None = None

    # -- queries -------------------------------------------------------------------
    def occurrences(self, fp: str) -> list[tuple[str, int]]:
        """(relative path, line) of every indexed paragraph with this fingerprint."""
        if self._by_fp is None:
            by: dict[str, list[tuple[str, int]]] = {}
            for rel, entry in self.files.items():
                for f, line in entry.paragraphs:
                    by.setdefault(f, []).append((rel, line))
            self._by_fp = by
        return self._by_fp.get(fp, [])

    def relative(self, path: str) -> str | None:
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except (ValueError, OSError):
            return None

    # -- building ------------------------------------------------------------------
    #: files larger than this are not indexed (config's max-file-size)
    max_file_size: int = 5 * 1024 * 1024
    max_files: int = MAX_FILES
    #: the folder exclude globs are relative to (the config's), when not ``root``
    base: Path | None = None

    @classmethod
    def load_or_build(cls, root: Path, include, exclude, cache_dir: Path | None = None,
                      max_file_size: int | None = None, max_files: int | None = None,
                      base: Path | None = None) -> "CorpusIndex":
        index = cls(root=root.resolve(), base=base)
        if max_file_size is not None:
            index.max_file_size = max_file_size
        if max_files is not None:
            index.max_files = max_files
        folder = cache_dir or index_folder(index.root)
        # parallel workers (--jobs) and concurrent runs take turns: the first refreshes and
        # writes, the next finds a fresh index and only stats the files
        with _locked(folder):
            index.files = _read_index(folder / INDEX_NAME, index.root)
            if not index.files:
                index.stats.rebuilt = True
            if index.refresh(include, exclude):
                _write_index(folder, index)
        return index

    def refresh(self, include, exclude) -> bool:
        """Bring the index up to date with the files on disk; True if anything changed."""
        from lint.files import iter_files

        changed = False
        seen: set[str] = set()
        for path in iter_files(self.root, include, exclude, self.base or self.root):
            if self.stats.files >= self.max_files:
                self.stats.truncated = True
                break
            rel = path.relative_to(self.root).as_posix()
            try:
                st = path.stat()
            except OSError:
                continue
            if st.st_size > self.max_file_size:
                self.stats.too_large += 1
                continue
            seen.add(rel)
            self.stats.files += 1
            old = self.files.get(rel)
            if old is not None and old.mtime_ns == st.st_mtime_ns and old.size == st.st_size:
                self.stats.stat_only += 1
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue
            sha = hashlib.blake2b(data, digest_size=16).hexdigest()
            if old is not None and old.sha == sha:
                self.stats.hashed += 1
                self.files[rel] = FileEntry(st.st_mtime_ns, st.st_size, sha, old.paragraphs)
                changed = True
                continue
            self.stats.parsed += 1
            self.files[rel] = FileEntry(st.st_mtime_ns, st.st_size, sha, _paragraphs_of_bytes(data, rel))
            changed = True
        for rel in list(self.files):
            if rel not in seen:
                del self.files[rel]
                self.stats.removed += 1
                changed = True
        self._by_fp = None
        return changed


def index_folder(root: Path) -> Path:
    """``ROOT/.articlelint_cache/corpus``, or a folder per repository under
    ``$ARTICLELINT_CACHE_DIR`` (for read-only working trees)."""
    env = os.environ.get("ARTICLELINT_CACHE_DIR")
    if env:
        tag = hashlib.blake2b(str(root).encode("utf-8"), digest_size=8).hexdigest()
        return Path(env).expanduser() / "corpus" / tag
    return root / CACHE_DIR


class _locked:
    """An advisory lock on ``folder/.lock`` (POSIX); without one, runs just do not wait."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fh = None

    def __enter__(self):
        try:
            import fcntl

            self.folder.mkdir(parents=True, exist_ok=True)
            self.fh = open(self.folder / ".lock", "a")
            fcntl.flock(self.fh.fileno(), fcntl.LOCK_EX)
        except (ImportError, OSError):
            if self.fh is not None:
                self.fh.close()
            self.fh = None
        return self

    def __exit__(self, *exc) -> None:
        if self.fh is not None:
            import fcntl

            try:
                fcntl.flock(self.fh.fileno(), fcntl.LOCK_UN)
            finally:
                self.fh.close()


def _paragraphs_of_bytes(data: bytes, rel: str) -> list[tuple[str, int]]:
    from lint.parse import parse

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []
    try:
        doc = parse(text, rel)
    except Exception:  # a file our parsers cannot read contributes nothing
        return []
    return [(fp, line) for fp, line, _ in paragraphs_of(doc)]


def _read_index(path: Path, root: Path) -> dict[str, FileEntry]:
    """The stored entries, or {} when the file is missing, corrupt or from another version."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("parser") != _parser_tag() or raw.get("root") != str(root):
            return {}
        out = {}
        for rel, e in raw["files"].items():
            out[str(rel)] = FileEntry(
                int(e["mtime_ns"]), int(e["size"]), str(e["sha"]),
                [(str(fp), int(line)) for fp, line in e["paragraphs"]],
            )
        return out
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _write_index(folder: Path, index: CorpusIndex) -> None:
    """Write atomically (temporary file + rename); a read-only tree only loses the cache."""
    data = {
        "parser": _parser_tag(),
        "root": str(index.root),
        "files": {
            rel: {"mtime_ns": e.mtime_ns, "size": e.size, "sha": e.sha, "paragraphs": e.paragraphs}
            for rel, e in sorted(index.files.items())
        },
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# written by articlelint: the corpus index is a cache\n*\n", encoding="utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, separators=(",", ":"))
            os.replace(tmp, folder / INDEX_NAME)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        pass


def corpus_for(ctx, path: str, max_files: int = MAX_FILES) -> CorpusIndex | None:
    """The run's index for the repository holding ``path`` (built once per run and root)."""
    config = getattr(ctx, "config", None)
    root = find_root(path, config)
    if root is None:
        return None
    from lint.config import DEFAULT_INCLUDE

    include = getattr(config, "include", None) or DEFAULT_INCLUDE
    exclude = getattr(config, "exclude", None) or ()
    max_size = getattr(config, "max_file_size", None)

    def build() -> CorpusIndex:
        base = Path(config.path).parent.resolve() if getattr(config, "path", None) else None
        index = CorpusIndex.load_or_build(root, include, exclude, max_file_size=max_size,
                                          max_files=max_files, base=base)
        if index.stats.truncated:
            import sys

            print(f"articlelint: notice: shared-template indexed only the first {index.max_files:,} files "
                  f"under {root} (the repository's root: the git root, else the config's folder); "
                  "raise the rule's max-files or narrow include/exclude", file=sys.stderr)
        return index

    return ctx.service(f"corpus:{root}:{max_files}", build)
