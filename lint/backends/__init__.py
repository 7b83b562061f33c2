"""Grammar backends behind one interface (``base.Backend``), created once per process.

Backend modules, and the third-party packages they wrap, are imported only when a backend is
asked for: a run without grammar never imports ``harper`` or ``language_tool_python``.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from lint.backends.base import Backend, BackendError, Match

__all__ = ["Backend", "BackendError", "Match", "get_backend", "reset_backends", "BACKEND_NAMES"]

BACKEND_NAMES = ("harper", "languagetool")

_LOCK = threading.Lock()
_BACKENDS: dict[tuple[Any, ...], Backend] = {}


def languagetool_url(configured: str | None = None) -> str | None:
    """Config wins over the ``LANGUAGETOOL_URL`` environment variable; empty means unset."""
    return configured or os.environ.get("LANGUAGETOOL_URL") or None


def get_backend(
    name: str,
    *,
    words: tuple[str, ...] = (),
    spelling: bool = True,
    languagetool_url: str | None = None,
    languagetool_local: bool = False,
    languagetool_port: int | None = None,
    timeout: float = 60.0,
    max_chars: int | None = None,
) -> Backend:
    """The process-wide backend ``name`` ("harper" or "languagetool") for these options."""
    harper_spelling = spelling if name == "harper" else None  # only Harper is told
    key = (name, tuple(sorted(set(words))), harper_spelling, languagetool_url, languagetool_local,
           languagetool_port, timeout, max_chars)
    with _LOCK:
        backend = _BACKENDS.get(key)
        if backend is None:
            if name == "harper":
                from lint.backends.harper_backend import HarperBackend

                backend = HarperBackend(words=key[1], spelling=spelling)
            elif name == "languagetool":
                from lint.backends.languagetool_backend import (
                    DEFAULT_MAX_CHARS,
                    LanguageToolBackend,
                )

                backend = LanguageToolBackend(
                    languagetool_url,
                    words=key[1],
                    timeout=timeout,
                    max_chars=max_chars or DEFAULT_MAX_CHARS,
                    local_download=languagetool_local,
                    port=languagetool_port,
                )
            else:
                raise BackendError(
                    f"unknown grammar backend {name!r}; choose harper, languagetool, both or none"
                )
            _BACKENDS[key] = backend
        return backend


def reset_backends() -> None:
    """Forget the process-wide backends (tests)."""
    with _LOCK:
        _BACKENDS.clear()
