"""LanguageTool through its Python client, ``language-tool-python``.

Where text goes: the URL the user configured (``grammar.languagetool.url`` or
``LANGUAGETOOL_URL``), else a server this project provisions and starts on 127.0.0.1 (see
``languagetool_server``). Never the public API unless its URL is configured explicitly. The
client is always used in ``remote_server`` mode, so it never downloads anything; only
``grammar.languagetool.local = true`` lets the client fetch and start its own copy.

Nothing happens at construction: the server is reached (or started) on the first check of a
text that is not in the cache, so a fully cached run neither starts Java nor sends a request.
A server left running by ``articlelint languagetool serve`` is found through the state file
it writes in the LanguageTool folder and reused, so only the first run pays Java's start-up.

Offsets: LanguageTool counts UTF-16 code units. The client converts ``offset`` to code points
but leaves ``error_length`` in UTF-16 units, so a match that covers an emoji (or any astral
character) would end one unit too far per such character; ``_end_in_code_points`` fixes that.
"""

from __future__ import annotations

import atexit
import re
import threading
from typing import Any

from lint.backends.base import BackendError, Match

#: Separator between texts packed into one request: LanguageTool ends a paragraph there.
_SEPARATOR = "\n\n"
#: Characters per request. A server that answers HTTP 413 (text too long) gets requests half
#: as long, down to MIN_MAX_CHARS, before the run gives up.
DEFAULT_MAX_CHARS = 10_000
MIN_MAX_CHARS = 1_000


class _TooLong(Exception):
    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _end_in_code_points(text: str, start: int, utf16_length: int) -> int:
    """The code point offset where a match starting at ``start`` (code points) ends."""
    end = start
    remaining = utf16_length
    while remaining > 0 and end < len(text):
        remaining -= 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    return end


def _is_spelling(rule_id: str) -> bool:
    return rule_id.startswith(("MORFOLOGIK_RULE", "HUNSPELL_RULE", "SPELLING_RULE"))


def split_long_text(text: str, max_chars: int) -> list[tuple[int, str]]:
    """Cut a text longer than ``max_chars`` into (offset, piece) at paragraph, line, sentence or
    word boundaries, in that order of preference; never inside a word unless it has no space.
    """
    pieces: list[tuple[int, str]] = []
    pos = 0
    while len(text) - pos > max_chars:
        window = text[pos : pos + max_chars]
        cut = -1
        for pattern in (r"\n\s*\n", r"\n", r"[.!?][\"'”’)\]]*\s", r"\s"):
            found = [m.end() for m in re.finditer(pattern, window)]
            found = [f for f in found if f > max_chars // 4]
            if found:
                cut = found[-1]
                break
        if cut <= 0:
            cut = max_chars
        pieces.append((pos, text[pos : pos + cut]))
        pos += cut
    pieces.append((pos, text[pos:]))
    return pieces


class LanguageToolBackend:
    """One LanguageTool client (and, if needed, one local server) per process."""

    name = "LT"

    def __init__(
        self,
        url: str | None = None,
        *,
        language: str = "en-US",
        words: tuple[str, ...] = (),
        timeout: float = 60.0,
        max_chars: int = DEFAULT_MAX_CHARS,
        local_download: bool = False,
        port: int | None = None,
    ) -> None:
        from lint.backends.languagetool_server import LT_VERSION

        self.url = _normalise_url(url) if url else None
        self.language = language
        self.words = frozenset(words)
        self.timeout = timeout
        self.max_chars = max_chars
        self.local_download = local_download
        self.port = port  # for the server articlelint starts (None: any free port)
        # A configured server may run another version; its URL stands in for the version.
        self.version = LT_VERSION if self.url is None else f"server {self.url}"
        self.options_key = f"language={language};words={hash_words(self.words)}"
        self._tool: Any = None
        self._server: Any = None
        self._lock = threading.Lock()
        self.requests = 0  # HTTP check requests sent (tests count them)

    # -- connection -------------------------------------------------------------------------
    def _connect(self) -> Any:
        if self._tool is not None:
            return self._tool
        try:
            import language_tool_python
        except ImportError as exc:
            raise BackendError(
                f"the LanguageTool backend needs the 'language-tool-python' package: {exc}"
            ) from exc
        url = self.url
        if url is None and not self.local_download:
            url = self._start_local_server()
        try:
            if url is None:
                tool = language_tool_python.LanguageTool(self.language)
            else:
                tool = language_tool_python.LanguageTool(self.language, remote_server=url)
        except Exception as exc:  # the client raises LanguageToolError, OSError, ValueError
            raise BackendError(f"LanguageTool at {url or 'local'} {_describe(exc)}") from exc
        tool._TIMEOUT = self.timeout  # the client's only timeout knob (class constant, 300 s)
        self._tool = tool
        return tool

    def _start_local_server(self) -> str:
        from lint.backends import languagetool_server as lts

        running = lts.running_server_url() if self.port is None else None
        if running:  # `articlelint languagetool serve` is up: no start-up cost
            return running
        try:
            server = _shared_server(self.port)
        except lts.ProvisionError as exc:
            raise BackendError(f"local LanguageTool could not start: {exc}") from exc
        return server.url

    # -- checking ---------------------------------------------------------------------------
    def check(self, texts: list[str]) -> list[list[Match]]:
        if not any(t.strip() for t in texts):
            return [[] for _ in texts]
        with self._lock:
            tool = self._connect()
            while True:
                try:
                    results = self._check_all(tool, texts)
                    break
                except _TooLong as exc:
                    # the server's limit is below ours: halve the request size and start over
                    if self.max_chars <= MIN_MAX_CHARS:
                        raise BackendError(f"LanguageTool at {tool.url} {exc.description}") from exc
                    self.max_chars = max(MIN_MAX_CHARS, self.max_chars // 2)
        for matches in results:
            matches.sort(key=lambda m: (m.start, m.end, m.rule_id))
        return results

    def _check_all(self, tool: Any, texts: list[str]) -> list[list[Match]]:
        results: list[list[Match]] = [[] for _ in texts]
        for batch in self._batches(texts):
            request_text = "".join(piece for _, _, piece in batch)
            self.requests += 1
            try:
                found = tool.check(request_text)
            except Exception as exc:
                description = _describe(exc)
                if "HTTP 413" in description:
                    raise _TooLong(description) from exc
                raise BackendError(f"LanguageTool at {tool.url} {description}") from exc
            self._distribute(request_text, batch, found, results, texts)
        return results

    def _batches(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """Pack texts into requests under ``max_chars``: (text index, offset in text, piece).

        Pieces are joined by a blank line; the separator is part of each piece but the last.
        """
        units: list[tuple[int, int, str]] = []
        for index, text in enumerate(texts):
            if not text.strip():
                continue
            for offset, piece in split_long_text(text, self.max_chars - len(_SEPARATOR)):
                units.append((index, offset, piece))
        batches: list[list[tuple[int, int, str]]] = []
        current: list[tuple[int, int, str]] = []
        size = 0
        for unit in units:
            extra = len(unit[2]) + len(_SEPARATOR)
            if current and size + extra > self.max_chars:
                batches.append(current)
                current, size = [], 0
            current.append(unit)
            size += extra
        if current:
            batches.append(current)
        return [
            [(i, off, piece + (_SEPARATOR if n < len(b) - 1 else "")) for n, (i, off, piece) in enumerate(b)]
            for b in batches
        ]

    def _distribute(self, request_text, batch, found, results, texts) -> None:
        starts = []
        pos = 0
        for _, _, piece in batch:
            starts.append(pos)
            pos += len(piece)
        for m in found:
            start = int(m.offset)
            end = _end_in_code_points(request_text, start, int(m.error_length))
            # the piece holding the start; matches reaching over a separator are clipped
            k = max(n for n, s in enumerate(starts) if s <= start)
            index, offset, piece = batch[k]
            body_len = len(piece.rstrip("\n")) if k < len(batch) - 1 else len(piece)
            local_start = start - starts[k]
            local_end = min(end - starts[k], body_len)
            if local_start >= body_len or local_end <= local_start:
                continue
            rule_id = str(m.rule_id)
            spelling = _is_spelling(rule_id)
            flagged = texts[index][offset + local_start : offset + local_end]
            if spelling and (flagged in self.words or flagged.lower() in self.words):
                continue
            results[index].append(
                Match(
                    start=offset + local_start,
                    end=offset + local_end,
                    rule_id=rule_id,
                    message=str(m.message),
                    replacements=tuple(str(r) for r in m.replacements[:5]),
                    category=str(m.category),
                    spelling=spelling,
                )
            )


def hash_words(words: frozenset[str]) -> str:
    import hashlib

    return hashlib.sha256("\n".join(sorted(words)).encode("utf-8")).hexdigest()[:16]


def _normalise_url(url: str) -> str:
    """Accept ``http://host:8081``, ``…/`` and ``…/v2[/]``; the client appends ``v2/``."""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    url = re.sub(r"/v2/?$", "", url.rstrip("/"))
    return url + "/"


def _describe(exc: BaseException) -> str:
    """One clause for a failed request: refused, timed out, too long, server error."""
    text = " ".join(str(exc).split())
    lowered = text.lower()
    if "exceeds the limit" in lowered or "413" in lowered or "too large" in lowered:
        return f"refused the text as too long (HTTP 413): {text[:200]}"
    if "timed out" in lowered or "timeout" in lowered:
        return f"did not answer in time: {text[:200]}"
    if "connection refused" in lowered or "failed to establish" in lowered:
        return "is not reachable (connection refused); is the server running?"
    if "max retries" in lowered or "connectionerror" in lowered or "name or service" in lowered:
        return f"is not reachable: {text[:200]}"
    return f"failed: {text[:200] or type(exc).__name__}"


_SERVER_LOCK = threading.Lock()
_SERVER: Any = None


def _shared_server(port: int | None = None) -> Any:
    """The one local server of this process, provisioned and started on first use."""
    global _SERVER
    from lint.backends import languagetool_server as lts

    with _SERVER_LOCK:
        if _SERVER is None or _SERVER.process is None or _SERVER.process.poll() is not None:
            home = lts.provision()
            server = lts.LanguageToolServer(home, port=port).start()
            atexit.register(server.stop)
            _SERVER = server
        return _SERVER
