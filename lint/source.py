"""Reading input safely: binary files, invalid UTF-8, a BOM, huge files, unreadable paths.

Text is decoded as UTF-8 (a leading BOM is dropped, so line 1 columns match what editors
show). CRLF is kept: offsets index the decoded text, and line/column stay exact because lines
are split at ``\\n`` only.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

BINARY_PROBE = 8192


class InputError(Exception):
    """A file cannot be linted; ``kind`` is one of: binary, encoding, unreadable, too-large,
    missing. ``binary`` is a notice (the file is skipped), the rest are errors."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str


def decode(data: bytes, path: str) -> str:
    if b"\x00" in data[:BINARY_PROBE]:
        raise InputError("binary", f"{path}: binary file, skipped")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            "encoding",
            f"invalid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8",
        ) from None


def read_source(path: str, max_size: int) -> SourceText:
    """Read ``path`` (``-`` is standard input) or raise :class:`InputError`."""
    if path == "-":
        data = sys.stdin.buffer.read(max_size + 1)
        if len(data) > max_size:
            raise InputError("too-large", f"standard input is larger than max-file-size ({_mb(max_size)})")
        return SourceText(path, decode(data, path))
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError("missing", f"{path}: no such file or folder") from None
    except OSError as exc:
        raise InputError("unreadable", f"cannot read file: {exc.strerror or exc}") from None
    if size > max_size:
        raise InputError(
            "too-large",
            f"file is {_mb(size)}, larger than max-file-size ({_mb(max_size)}); skipped "
            "(raise max-file-size in the config to lint it)",
        )
    try:
        with p.open("rb") as fh:
            data = fh.read(max_size + 1)
    except IsADirectoryError:
        raise InputError("unreadable", "is a folder, not a file") from None
    except OSError as exc:
        raise InputError("unreadable", f"cannot read file: {exc.strerror or exc}") from None
    return SourceText(path, decode(data, path))


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
