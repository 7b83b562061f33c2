"""The results cache: an unchanged file is not linted again (ruff's ``.ruff_cache`` is the model).

Where: ``.articlelint_cache/`` in the project root (the folder of the nearest config file, else
the git root, else the working folder), or ``--cache-dir`` / ``$ARTICLELINT_CACHE_DIR``. The
folder holds a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG``, so neither git nor backup tools
pick it up. ``--no-cache`` or ``ARTICLELINT_NO_CACHE=1`` turns it off.

What: for each linted file (by absolute path), the hash of its content and its findings. The
findings are valid for one *run key*: a hash of everything besides the content that decides
them (articlelint's version and code, the Python version, the effective config, the rules that
ran with their options and severities, pack files, a baseline, backend versions, and what each
rule adds through :meth:`lint.rule.Rule.cache_key`). Results of one run key live in their own
folder ``results-<key>/``, spread over 256 small JSON shards by path, so a one-file run reads
one shard and a 10,000-file run reads them all.

Rules whose findings depend on more than the file (``cacheable = False``, or scope
``CORPUS``, e.g. a paragraph shared with other files of the repository) are never cached: when
one runs, the cache keeps the *raw* findings of the other rules, and a hit re-parses the file,
runs only the uncacheable rules and the pipeline (suppressions, ignores, baseline).

Safety: a shard is written whole to a temporary file and renamed over the old one (atomic on
POSIX and Windows); two concurrent runs (pre-commit runs hooks in parallel) never see a torn
file, and at worst one run's new entries are lost, which only costs a re-lint. There are no
locks, so nothing can deadlock. A shard that cannot be read or parsed, or an entry of the wrong
shape, is ignored (a miss) and rewritten; the cache never fails a run. Results with an input
error, a crashed rule or an unavailable backend are not stored. JSON, not pickle: a cache
folder committed to a repository by mistake cannot run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from lint import __version__
from lint.diagnostic import Diagnostic, Edit, Fix, Related, Severity
from lint.document import Span

CACHE_DIR_NAME = ".articlelint_cache"
#: bump when the entry format changes
SCHEMA = 1
SHARDS = 256
#: result folders of other run keys unused for this long are removed
STALE_SECONDS = 30 * 24 * 3600

_FALSE = ("", "0", "false", "no")


def disabled_by_env() -> bool:
    return os.environ.get("ARTICLELINT_NO_CACHE", "").strip().lower() not in _FALSE


def project_root(config_root: Path | None, cwd: Path | None = None) -> Path:
    """The folder of the nearest config file, else the git root above ``cwd``, else ``cwd``."""
    if config_root is not None:
        return config_root
    cwd = (cwd or Path.cwd()).resolve()
    for folder in (cwd, *cwd.parents):
        if (folder / ".git").exists():
            return folder
    return cwd


def cache_folder(config_root: Path | None, explicit: Path | None = None) -> Path:
    if explicit is not None:
        return explicit
    env = os.environ.get("ARTICLELINT_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    return project_root(config_root) / CACHE_DIR_NAME


def content_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


# -- what a result depends on ------------------------------------------------------------

def is_cacheable(rule) -> bool:
    from lint.rule import Scope

    return bool(getattr(rule, "cacheable", True)) and rule.scope is not Scope.CORPUS


_code_stamp: str | None = None


def code_folders() -> list[Path]:
    """The folders of articlelint's code: ``lint`` and ``lint.rules`` (its own folder in an
    editable install)."""
    import lint

    folders = [Path(lint.__file__).resolve().parent]
    try:
        import lint.rules as rules_pkg

        folders += [Path(p).resolve() for p in rules_pkg.__path__]
    except ImportError:  # pragma: no cover - a broken install
        pass
    return folders


def code_stamp() -> str:
    """Size and mtime of articlelint's own modules: an edited checkout (editable install, same
    version number) must not reuse results of the old code."""
    global _code_stamp
    if _code_stamp is None:
        h = hashlib.blake2b(digest_size=16)
        for folder in code_folders():
            for dirpath, dirnames, filenames in os.walk(folder):
                dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
                for name in sorted(filenames):
                    if name.endswith((".py", ".yaml", ".yml")):
                        try:
                            st = os.stat(os.path.join(dirpath, name))
                        except OSError:
                            continue
                        h.update(f"{dirpath}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
        _code_stamp = h.hexdigest()
    return _code_stamp


def _file_digest(path: str | os.PathLike | None) -> str:
    if not path:
        return ""
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return "unreadable"


def _dist_version(name: str) -> str:
    """An installed distribution's version from its ``.dist-info`` folder name (importing
    importlib.metadata would cost more start-up than the whole lookup)."""
    prefix = name.replace("-", "_").lower() + "-"
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as it:
                for e in it:
                    low = e.name.lower()
                    if low.startswith(prefix) and low.endswith(".dist-info"):
                        return e.name[len(prefix):-len(".dist-info")]
        except OSError:
            continue
    return "absent"


def run_key(config, ruleset, ctx, extra_ignore: tuple[str, ...] = (), baseline=None) -> str:
    """A hash of everything besides a file's content that decides its findings."""
    parts: list[str] = [
        f"schema={SCHEMA}",
        f"articlelint={__version__}",
        f"code={code_stamp()}",
        f"python={sys.version_info[:2]}",
        f"config={config!r}",
        f"extra-ignore={extra_ignore!r}",
        f"per-file-ignores={ruleset.per_file_ignores!r}",
        f"root={ruleset.root}",
    ]
    grammar = getattr(config, "grammar", None)
    if grammar is not None and getattr(grammar, "dictionary", None):
        parts.append(f"dictionary={_file_digest(grammar.dictionary)}")
    families = set()
    for rule in ruleset.rules:
        families.add(rule.family)
        cls = type(rule)
        origin = getattr(cls, "origin", None)
        parts.append(
            f"rule={rule.code}|{rule.name}|{cls.__module__}.{cls.__qualname__}|{rule.options!r}"
            f"|{int(rule.effective_severity)}|{is_cacheable(rule)}"
            f"|{_file_digest(origin) if origin else ''}|{rule.cache_key(ctx) if hasattr(rule, 'cache_key') else ''}"
        )
    if "grammar" in families:
        # backends answer by their own version: a new Harper may find other things
        for dist in ("harper-py", "language-tool-python"):
            parts.append(f"{dist}={_dist_version(dist)}")
    if baseline is not None:
        parts.append(f"baseline={getattr(baseline, 'file', '')}:{_file_digest(getattr(baseline, 'file', None))}")
    return hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _stamp(path) -> str:
    """A file's size and modification time (what the quick key knows of a file)."""
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}:absent"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def quick_key(config, extra_ignore: tuple[str, ...] = (), baseline=None) -> str:
    """A hash of what :func:`run_key` is made from, without loading a rule: the code, the
    effective config, the stamps (size, mtime) of the files it reads (packs, the grammar
    dictionary, a baseline) and of the folders packages are installed in (installing or
    removing any package changes them), and the environment variables articlelint reads.
    The run key itself depends on these alone, so :class:`RunKeyMemo` maps this to it: an
    unchanged re-run whose files all hit the cache never imports a rule."""
    parts = [
        f"schema={SCHEMA}", f"articlelint={__version__}", f"code={code_stamp()}",
        f"python={sys.version}", f"executable={sys.executable}",
        f"config={config!r}", f"extra-ignore={extra_ignore!r}",
    ]
    grammar = getattr(config, "grammar", None)
    if grammar is not None and getattr(grammar, "dictionary", None):
        parts.append(f"dictionary={_stamp(grammar.dictionary)}")
    for folder in getattr(config, "packs", ()) or ():
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            names = []
        parts.append(f"pack={folder}:" + ",".join(_stamp(os.path.join(folder, n)) for n in names))
    for entry in sys.path:
        if entry and os.path.isdir(entry):
            parts.append(f"path={_stamp(entry)}")
    parts.extend(f"env={k}={v}" for k, v in sorted(os.environ.items())
                 if k.startswith("ARTICLELINT_") or k == "LANGUAGETOOL_URL")
    if baseline is not None:
        parts.append(f"baseline={_stamp(getattr(baseline, 'file', '') or '')}")
    return hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


class RunKeyMemo:
    """``quick key → (run key, split)`` of recent runs, in ``runkeys.json`` of a cache folder.

    A run whose quick key is known opens its results without building the rule set (which
    imports every rule module); when a file misses, the runner builds the rule set anyway and
    checks the run key it remembered (:meth:`lint.runner._Prepared.ensure`)."""

    FILE = "runkeys.json"
    KEEP = 64

    def __init__(self, folder: Path) -> None:
        self.file = folder / self.FILE
        self.folder = folder
        self.entries = _read_shard(self.file)

    def get(self, quick: str) -> tuple[str, bool] | None:
        entry = self.entries.get(quick)
        if (isinstance(entry, list) and len(entry) >= 2 and isinstance(entry[0], str)
                and isinstance(entry[1], bool)):
            return entry[0], entry[1]
        return None

    def put(self, quick: str, key: str, split: bool) -> None:
        if self.get(quick) == (key, split):
            return
        merged = _read_shard(self.file)  # what another run may have written since
        merged[quick] = [key, split, time.time()]
        if len(merged) > self.KEEP:
            newest = sorted(merged.items(), key=lambda kv: kv[1][2] if isinstance(kv[1], list)
                            and len(kv[1]) > 2 and isinstance(kv[1][2], (int, float)) else 0)
            merged = dict(newest[-self.KEEP:])
        self.entries = merged
        try:
            _prepare_folder(self.folder)
        except OSError:
            return
        _write_atomic(self.file, json.dumps(merged, separators=(",", ":")))


# -- (de)serialising findings --------------------------------------------------------------

class NotCacheable(ValueError):
    """A finding that would not come back identical from JSON."""


def _span(s: Span) -> list[int]:
    return [s.start, s.end]


def dump_diagnostic(d: Diagnostic) -> list:
    extra = d.extra
    if extra:
        # tuples come back as lists, objects not at all: store only what round-trips exactly
        try:
            if json.loads(json.dumps(extra)) != extra:
                raise NotCacheable(d.code)
        except (TypeError, ValueError):
            raise NotCacheable(d.code) from None
    related = [[_span(r.span), r.message, r.path, r.line, r.column] for r in d.related]
    fix = None
    if d.fix is not None:
        fix = [d.fix.description, [[_span(e.span), e.replacement] for e in d.fix.edits]]
    return [d.code, d.name, d.family, int(d.severity), _span(d.span), d.message,
            related, fix, d.fingerprint_text, extra]


_SEVERITIES = {int(s): s for s in Severity}


def load_diagnostic(item: list, path: str) -> Diagnostic:
    code, name, family, severity, span, message, related, fix, fingerprint_text, extra = item
    # positional, and no generator for the usual empty ``related``: an unchanged re-run
    # builds every finding of the project here
    return Diagnostic(
        str(code), str(name), str(family), _SEVERITIES[int(severity)],
        Span(int(span[0]), int(span[1])), str(message), path,
        tuple([Related(Span(int(r[0][0]), int(r[0][1])), str(r[1]), r[2], r[3], r[4]) for r in related]) if related else (),
        None if fix is None else Fix(str(fix[0]), tuple(Edit(Span(int(e[0][0]), int(e[0][1])), str(e[1])) for e in fix[1])),
        fingerprint_text,
        dict(extra) if extra else {},
    )


# -- the store ---------------------------------------------------------------------------

class ResultCache:
    """Entries of one run key in one cache folder. Not shared between processes: workers send
    their results to the parent, which reads and writes the cache."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self.results = folder / f"results-{key}"
        self._shards: dict[str, dict[str, Any]] = {}
        self._dirty: dict[str, dict[str, Any]] = {}
        self.hits = 0
        self.misses = 0

    @staticmethod
    def _shard_of(path: str) -> str:
        return hashlib.blake2b(path.encode("utf-8", "surrogatepass"), digest_size=1).hexdigest()

    def _load(self, shard: str) -> dict[str, Any]:
        data = self._shards.get(shard)
        if data is None:
            data = _read_shard(self.results / f"{shard}.json")
            self._shards[shard] = data
        return data

    def get(self, path: str, digest: str, display: str = "") -> tuple[str, list[Diagnostic]] | None:
        """``(kind, findings)`` for ``path`` with content ``digest``, or None. ``kind`` is
        ``final`` (the file's findings, reported as ``display``) or ``raw`` (cacheable rules'
        findings, before the pipeline)."""
        entry = self._load(self._shard_of(path)).get(path)
        try:
            if entry is not None and entry[0] == digest:
                kind = entry[1]
                if kind in ("final", "raw"):
                    diags = [load_diagnostic(item, display) for item in entry[2]]
                    self.hits += 1
                    return kind, diags
        except (TypeError, ValueError, IndexError, KeyError):
            pass  # a malformed entry is a miss, rewritten by put()
        self.misses += 1
        return None

    def knows(self, path: str) -> bool:
        """Is anything stored for ``path`` (whatever its content)? If not, :meth:`get` can
        only miss, and the file need not be read to ask."""
        return path in self._load(self._shard_of(path))

    def get_unchanged(self, path: str, stamp: tuple[int, int], display: str = ""):
        """``(findings, line index)`` of a file whose size and mtime are the ones recorded
        with its final findings, or None (then read the file and use :meth:`get`).

        A stamp is recorded only for a file last modified well before it was read (see
        :func:`trusted_stamp`), so a write in the same clock tick cannot go unseen."""
        entry = self._load(self._shard_of(path)).get(path)
        try:
            if (entry is None or len(entry) < 5 or entry[1] != "final" or entry[3] is None
                    or list(entry[3]) != list(stamp)):
                return None
            diags = [load_diagnostic(item, display) for item in entry[2]]
            index = None
            if entry[4] is not None:
                from lint.document import LineIndex

                starts, length = entry[4]
                index = LineIndex.from_starts([int(x) for x in starts], int(length))
            self.hits += 1
            return diags, index
        except (TypeError, ValueError, IndexError, KeyError):
            return None

    def restamp(self, path: str, stamp: tuple[int, int] | None, index) -> None:
        """Record a file's (new) stamp with the findings it already has (a touched file)."""
        if stamp is None:
            return
        shard = self._shard_of(path)
        entry = self._load(shard).get(path)
        if isinstance(entry, list) and len(entry) >= 3 and entry[1] == "final":
            if len(entry) < 5 or entry[3] is None or list(entry[3]) != list(stamp):
                self._dirty.setdefault(shard, {})[path] = [*entry[:3], list(stamp), _index_item(index)]

    def put(self, path: str, digest: str, kind: str, diags: list[Diagnostic],
            stamp: tuple[int, int] | None = None, index=None) -> bool:
        """Store findings; with ``stamp`` (final findings only) and the file's line index an
        unchanged file is answered next time without being read (:meth:`get_unchanged`)."""
        try:
            items = [dump_diagnostic(d) for d in diags]
        except NotCacheable:
            return False
        shard = self._shard_of(path)
        if kind == "final" and stamp is not None:
            entry = [digest, kind, items, list(stamp), _index_item(index)]
        else:
            entry = [digest, kind, items]
        self._dirty.setdefault(shard, {})[path] = entry
        return True

    def save(self) -> None:
        """Write the changed shards (merged with what another run may have written since)."""
        if not self._dirty:
            return
        try:
            _prepare_folder(self.folder)
            self.results.mkdir(exist_ok=True)
        except OSError:
            return
        for shard, entries in self._dirty.items():
            file = self.results / f"{shard}.json"
            merged = _read_shard(file)
            merged.update(entries)
            _write_atomic(file, json.dumps(merged, ensure_ascii=False, separators=(",", ":")))
        self._dirty.clear()
        _prune(self.folder, keep=self.results.name)


def _index_item(index) -> list | None:
    """A line index as JSON (``[line starts, length]``), None for none."""
    if index is None:
        return None
    return [list(index.starts), index.length]


#: a file modified less than this before it was read may be written again within the same
#: mtime tick (2 s on FAT, 1 s on older ext and HFS+): its stamp is not trusted
RACY_NS = 2_000_000_000


def trusted_stamp(st: os.stat_result, stat_time_ns: int) -> tuple[int, int] | None:
    """``(size, mtime_ns)`` of a file stat'ed at ``stat_time_ns``, or None when it was
    modified too recently for an unchanged stamp to prove unchanged content."""
    if st.st_mtime_ns + RACY_NS >= stat_time_ns:
        return None
    return st.st_size, st.st_mtime_ns


def _read_shard(file: Path) -> dict[str, Any]:
    try:
        data = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_atomic(file: Path, data: str | bytes) -> bool:
    """Write ``data`` to a temporary file and rename it over ``file``; False if that failed."""
    tmp = file.with_name(f".{file.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding="utf-8", errors="surrogatepass")
        os.replace(tmp, file)
        return True
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return False


def _prepare_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    gitignore = folder / ".gitignore"
    if not gitignore.exists():
        _write_atomic(gitignore, "# Created by articlelint automatically.\n*\n")
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        _write_atomic(tag, "Signature: 8a477f597d28d172789f06886806bc55\n"
                           "# This file is a cache directory tag created by articlelint.\n")


def _prune(folder: Path, keep: str) -> None:
    """Remove result folders of other run keys that no run has written for a month."""
    import shutil

    now = time.time()
    try:
        children = list(os.scandir(folder))
    except OSError:
        return
    for entry in children:
        if entry.name.startswith("results-") and entry.name != keep and entry.is_dir():
            try:
                if now - entry.stat().st_mtime > STALE_SECONDS:
                    shutil.rmtree(entry.path, ignore_errors=True)
            except OSError:
                pass
