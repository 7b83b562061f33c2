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

    def __init__(self, kind: str, message: str, text: str | None = None, offset: int = 0):
        super().__init__(message)
        self.kind = kind
        self.message = message
        #: for an encoding error: the text decoded with replacement characters, and the
        #: character offset of the first bad byte in it (so the finding points at it)
        self.text = text
        self.offset = offset


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str


def decode(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16/32 text is full of NULs, yet not binary
        raise InputError("encoding", "the file is UTF-16 or UTF-32 (it starts with a byte-order mark); "
                                     "save it as UTF-8")
    if b"\x00" in data[:BINARY_PROBE]:
        raise InputError("binary", f"{path}: binary file, skipped")
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[bom : bom + exc.start].decode("utf-8")
        raise InputError(
            "encoding",
            f"invalid UTF-8 at byte offset {bom + exc.start} (byte 0x{data[bom + exc.start]:02x}); "
            "save the file as UTF-8",
            text=data[bom:].decode("utf-8", errors="replace"),
            offset=len(good),
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
        raise InputError("missing", "no such file or folder") from None
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
