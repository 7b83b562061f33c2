"""A small content-hash cache for backend results (the costly part of a run).

Key: (backend name, backend version, backend options, SHA-256 of the text). The value is the
backend's whole answer for that text, before any rule-level filtering, so changing which
backend rules are reported never invalidates it. An unchanged paragraph is never sent twice.

Storage: one SQLite file, ``grammar.sqlite3``, in the results cache's folder (see
``lint.cache``: ``$ARTICLELINT_CACHE_DIR``, else ``.articlelint_cache/`` in the project root). SQLite keeps
concurrent runs (pre-commit, editors) safe. ``ARTICLELINT_NO_CACHE=1`` turns it off. A cache
that cannot be opened or written degrades to memory only: it never fails a run.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

from lint.backends.base import Match

CACHE_FILE = "grammar.sqlite3"
#: paragraphs' answers kept in memory (the rest stay on disk)
MEMORY_ENTRIES = 20_000
_SCHEMA = 1


def cache_dir(root: Path | None = None, explicit: Path | None = None) -> Path:
    """The results cache's folder (``lint.cache.cache_folder``): ``explicit``, else
    ``$ARTICLELINT_CACHE_DIR``, else ``.articlelint_cache`` in the project root."""
    from lint.cache import cache_folder

    return cache_folder(root, Path(explicit) if explicit else None)


def text_key(backend: str, version: str, options: str, text: str) -> str:
    h = hashlib.sha256()
    for part in (str(_SCHEMA), backend, version, options, text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class ResultCache:
    def __init__(self, folder: Path | None = None, *, enabled: bool | None = None) -> None:
        if enabled is None:
            enabled = os.environ.get("ARTICLELINT_NO_CACHE", "").lower() not in ("1", "true", "yes")
        #: the most recently used answers (a language server lives for days: bounded)
        self.memory: OrderedDict[str, list[Match]] = OrderedDict()
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if enabled and folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                gitignore = folder / ".gitignore"
                if not gitignore.exists():
                    gitignore.write_text("*\n", encoding="utf-8")
                db = sqlite3.connect(folder / CACHE_FILE, timeout=30, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT)")
                db.commit()
                self._db = db
            except (OSError, sqlite3.Error):
                self._db = None

    def _remember(self, items: dict[str, list[Match]]) -> None:
        memory = self.memory
        for key, matches in items.items():
            memory[key] = matches
            memory.move_to_end(key)
        while len(memory) > MEMORY_ENTRIES:
            memory.popitem(last=False)

    def get_many(self, keys: list[str]) -> dict[str, list[Match]]:
        with self._lock:
            found = {k: self.memory[k] for k in keys if k in self.memory}
            for k in found:
                self.memory.move_to_end(k)
        missing = [k for k in keys if k not in found]
        if missing and self._db is not None:
            with self._lock:
                try:
                    for start in range(0, len(missing), 500):
                        part = missing[start : start + 500]
                        rows = self._db.execute(
                            f"SELECT key, value FROM results WHERE key IN ({','.join('?' * len(part))})",
                            part,
                        ).fetchall()
                        loaded = {key: [Match.from_json(m) for m in json.loads(value)] for key, value in rows}
                        self._remember(loaded)
                        found.update(loaded)
                except (sqlite3.Error, ValueError, KeyError):
                    pass
        return found

    def put_many(self, items: dict[str, list[Match]]) -> None:
        with self._lock:
            self._remember(items)
        if self._db is None or not items:
            return
        with self._lock:
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)",
                    [(k, json.dumps([m.to_json() for m in v])) for k, v in items.items()],
                )
                self._db.commit()
            except sqlite3.Error:
                pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def cached_check(backend, texts: list[str], cache: ResultCache) -> list[list[Match]]:
    """``backend.check(texts)`` answering from ``cache`` where it can; only misses are sent."""
    options = getattr(backend, "options_key", "")
    keys = [text_key(backend.name, backend.version, options, t) for t in texts]
    known = cache.get_many(sorted(set(keys)))
    todo: dict[str, str] = {}
    for key, text in zip(keys, texts):
        if key not in known and key not in todo:
            todo[key] = text
    if todo:
        answers = backend.check(list(todo.values()))
        fresh = dict(zip(todo.keys(), answers))
        cache.put_many(fresh)
        known.update(fresh)
    return [known[k] for k in keys]
