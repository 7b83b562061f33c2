"""Harper (``harper-py``): offline, in-process, fast. The default grammar backend.

``harper`` is imported on the first check, never at import time of this module, so a run that
does not use grammar never loads it. Harper's spans are already code points into the ``str``.
"""

from __future__ import annotations

import hashlib
import os
import threading
from importlib import metadata
from typing import Any

from lint.backends.base import BackendError, Match

#: Harper rules whose findings are about words missing from its dictionary (spelling): off
#: unless spelling is on. SplitWords splits an unknown word into known ones ("donot", but
#: also "successfull" -> "success full" and names), so it is a dictionary check too.
SPELLING_RULES = frozenset({"SpellCheck", "SplitWords"})
SPELLING_KINDS = frozenset({"Spelling"})

_DIALECTS = {"american": 0, "british": 1, "australian": 2, "canadian": 3, "indian": 4}


def harper_version() -> str:
    try:
        return metadata.version("harper-py")
    except metadata.PackageNotFoundError:
        return "missing"


#: warm-up threads still building a linter. A fork in the middle of one would leave the
#: child with Harper's half-initialised statics (a lazily built dictionary "being built" by
#: a thread the child does not have): a child's first linter would wait forever. So every
#: fork waits for them first.
_WARMING: set[threading.Thread] = set()


def _finish_warm_ups() -> None:
    for thread in list(_WARMING):
        thread.join()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_finish_warm_ups)


class HarperBackend:
    """Runs ``harper.Linter`` on plain text; one linter per backend (not thread-safe)."""

    name = "harper"

    def __init__(self, words: tuple[str, ...] = (), dialect: str = "american", spelling: bool = True) -> None:
        if dialect not in _DIALECTS:
            raise BackendError(
                f"unknown Harper dialect {dialect!r}; choose one of {', '.join(_DIALECTS)}"
            )
        self.words = tuple(sorted(set(words)))
        self.dialect = dialect
        # Spelling is Harper's costliest lint (suggestions for every unknown name): skip it
        # when nobody will read its findings.
        self.spelling = spelling
        self.version = harper_version()
        digest = hashlib.sha256("\n".join(self.words).encode("utf-8")).hexdigest()[:16]
        #: What besides the text decides the answer (part of the cache key).
        self.options_key = f"dialect={dialect};words={digest};spelling={spelling};english-only"
        self._linter: Any = None
        self._warming: threading.Thread | None = None
        self._warm_error: BaseException | None = None
        self.calls = 0  # texts actually linted (tests count them)

    def warm_up(self) -> None:
        """Build the linter in a background thread. Harper's constructor (its dictionary
        and rules: about 0.6 s, most of a one-file check) releases the GIL, so it runs
        while the rest of the run parses and runs the other rules; :meth:`check` waits for
        it. Never call this in a process that will fork."""
        if self._linter is None and self._warming is None:
            self._warming = threading.Thread(target=self._warm, name="harper-warm-up", daemon=True)
            _WARMING.add(self._warming)
            self._warming.start()

    def _warm(self) -> None:
        try:
            self._build()
        except BaseException as exc:  # check() raises it (or builds again) in the caller
            self._warm_error = exc
        finally:
            _WARMING.discard(threading.current_thread())

    def _get_linter(self) -> Any:
        if self._linter is None and self._warming is not None:
            self._warming.join()
            self._warming = None
            if self._linter is None and isinstance(self._warm_error, BackendError):
                raise self._warm_error
        if self._linter is None:
            self._build()
        return self._linter

    def _build(self) -> None:
        if self._linter is None:
            try:
                import harper
            except ImportError as exc:
                raise BackendError(
                    "the Harper backend needs the 'harper-py' package (pip install "
                    f"harper-py==0.2.0): {exc}"
                ) from exc
            linter = harper.Linter(harper.Dialect(_DIALECTS[self.dialect]))
            if self.words:
                linter.import_words(list(self.words))
            if not self.spelling:
                config = linter.get_lint_config()
                config.update({rule: False for rule in SPELLING_RULES if rule in config})
                linter.set_lint_config(config)
            self._linter = linter

    def check(self, texts: list[str]) -> list[list[Match]]:
        linter = self._get_linter()
        results: list[list[Match]] = []
        for text in texts:
            self.calls += 1
            try:
                if not linter.is_likely_english(text):
                    # Harper's rules are English rules: a German quote, a URL line or a
                    # date line gives only noise ("des" -> "Could one of these be…")
                    results.append([])
                    continue
                organized = linter.organized_lints(text, language="plaintext")
            except Exception as exc:  # a panic inside Harper surfaces as an exception
                raise BackendError(f"Harper failed on a text: {exc}") from exc
            matches = [
                Match(
                    start=lint.span.start,
                    end=lint.span.end,
                    rule_id=rule,
                    message=lint.message,
                    replacements=tuple(
                        s.replacement_text for s in lint.suggestions if s.replacement_text
                    ),
                    category=lint.lint_kind,
                    spelling=rule in SPELLING_RULES or lint.lint_kind in SPELLING_KINDS,
                )
                for rule, lints in organized.items()
                for lint in lints
            ]
            matches.sort(key=lambda m: (m.start, m.end, m.rule_id))
            results.append(matches)
        return results
