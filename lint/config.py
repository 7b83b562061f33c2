"""Configuration: ``[tool.articlelint]`` in ``pyproject.toml`` or ``.articlelint.toml``.

The nearest config file above a linted file wins (``.articlelint.toml`` before
``pyproject.toml`` in the same folder; a ``pyproject.toml`` without the table is passed over).
Every key is validated: an unknown key or a wrong type is a :class:`ConfigError` naming the
file, the line and a did-you-mean.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lint.suggest import did_you_mean

CONFIG_FILES = (".articlelint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt", "*.html", "*.htm")
GRAMMAR_BACKENDS = ("harper", "languagetool", "both", "none")


class ConfigError(ValueError):
    """A config problem; the message names file and line where known."""


@dataclass(frozen=True)
class LanguageToolConfig:
    url: str | None = None  # a server the user runs (or LANGUAGETOOL_URL)
    local: bool = False  # allow language-tool-python's own download/launch
    port: int | None = None  # port for the server articlelint starts on loopback


@dataclass(frozen=True)
class GrammarConfig:
    backend: str = "harper"
    spelling: bool = False
    dictionary: str | None = None  # a file with one word per line, relative to the config
    disable: tuple[str, ...] = ()  # backend rule ids to switch off (e.g. "LT:OXFORD_SPELLING_Z_NOT_S")
    enable: tuple[str, ...] = ()  # backend rule ids to switch on (taste rules off by default)
    languagetool: LanguageToolConfig = LanguageToolConfig()


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file it came from (None: defaults)
    select: tuple[str, ...] | None = None  # None: the rules enabled by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()  # absolute folders
    rules: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()  # rule -> settings
    fail_on: str | None = None
    language: str = "en_US"
    #: larger files are an input error (measured: ~1 s per MB with template-footer alone)
    max_file_size: int = 5 * 1024 * 1024
    grammar: GrammarConfig = GrammarConfig()
    #: line of each key path in the file (keys relative to the articlelint table)
    key_lines: dict = field(default_factory=dict, compare=False, repr=False)

    def where(self, *keys: str) -> str:
        """``file:line`` of a key path (e.g. ``where("rules", "template-footer", "severity")``),
        the nearest enclosing key that has a line, or the file alone."""
        if self.path is None:
            return "command line"
        for n in range(len(keys), 0, -1):
            line = self.key_lines.get(tuple(keys[:n]))
            if line:
                return f"{self.path}:{line}"
        return str(self.path)

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path else None

    def rule_settings(self) -> dict[str, dict[str, Any]]:
        return {name: dict(items) for name, items in self.rules}

    def with_cli(self, **overrides: Any) -> "Config":
        """Apply command-line overrides (only those given)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **given) if given else self


# key -> (kind, help) ; kinds: list[str], str, bool, int, table
TOP_KEYS: dict[str, str] = {
    "select": "list",
    "extend-select": "list",
    "ignore": "list",
    "per-file-ignores": "table-of-lists",
    "include": "list",
    "exclude": "list",
    "packs": "list",
    "rules": "table-of-tables",
    "fail-on": "severity",
    "language": "str",
    "max-file-size": "int",
    "grammar": "grammar",
}
GRAMMAR_KEYS = {
    "backend": "str",
    "spelling": "bool",
    "dictionary": "str",
    "disable": "list",
    "enable": "list",
    "languagetool": "languagetool",
}
LT_KEYS = {"url": "str", "local": "bool", "port": "int"}


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a folder)."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file():
                if name == "pyproject.toml" and not _has_tool_table(path):
                    continue
                return path
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*articlelint\b", text, re.M) is not None


def load_config(path: Path) -> Config:
    """Read and validate a config file (raises :class:`ConfigError`)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_toml_error(path, exc)) from None
    lines = toml_key_lines(text)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("articlelint")
        prefix: tuple[str, ...] = ("tool", "articlelint")
        if table is None:
            return Config(path=path)
    else:
        table = data
        prefix = ()
    local = {k[len(prefix):]: v for k, v in lines.items() if k[: len(prefix)] == prefix and len(k) > len(prefix)}
    return _parse(table, path, local)


def _toml_error(path: Path, exc: Exception) -> str:
    """``file:line:col: invalid TOML: …`` from tomllib's "… (at line 3, column 5)"."""
    message = str(exc)
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
    if m:
        return f"{path}:{m.group(1)}:{m.group(2)}: invalid TOML: {message[: m.start()]}"
    m = re.search(r"\s*\(at end of document\)\s*$", message)
    if m:
        return f"{path}: invalid TOML at the end of the file: {message[: m.start()]}"
    return f"{path}: invalid TOML: {message}"


# -- where keys are: tomllib keeps no positions, so a small scanner finds each key's line --

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _parse_key(text: str, i: int) -> tuple[list[str] | None, int]:
    """A dotted key at ``i`` (bare or quoted parts); returns (parts, index after it)."""
    parts: list[str] = []
    n = len(text)
    while True:
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] in "\"'":
            q = text[i]
            j = i + 1
            buf = []
            while j < n and text[j] != q and text[j] != "\n":
                if q == '"' and text[j] == "\\" and j + 1 < n:
                    buf.append(text[j + 1])
                    j += 2
                    continue
                buf.append(text[j])
                j += 1
            if j >= n or text[j] != q:
                return None, j
            parts.append("".join(buf))
            i = j + 1
        else:
            m = _BARE.match(text, i)
            if not m:
                return None, i
            parts.append(m.group())
            i = m.end()
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] == ".":
            i += 1
            continue
        return parts, i


def toml_key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The 1-based line of every key path in a TOML document (tables, dotted keys, keys of
    inline tables). Arrays of tables keep their first occurrence. Never raises."""
    lines: dict[tuple[str, ...], int] = {}
    n, i, line = len(text), 0, 1
    table: tuple[str, ...] = ()

    def skip_to_eol(i: int) -> int:
        j = text.find("\n", i)
        return n if j == -1 else j

    while i < n:
        c = text[i]
        if c in " \t\r":
            i += 1
        elif c == "\n":
            line += 1
            i += 1
        elif c == "#":
            i = skip_to_eol(i)
        elif c == "[":
            j = i + (2 if text.startswith("[[", i) else 1)
            keys, j = _parse_key(text, j)
            if keys:
                table = tuple(keys)
                for k in range(1, len(table) + 1):
                    lines.setdefault(table[:k], line)
            i = skip_to_eol(j)
        else:
            keys, j = _parse_key(text, i)
            if not keys or j >= n or text[j] != "=":
                i = skip_to_eol(max(j, i + 1))
                continue
            path = table + tuple(keys)
            for k in range(len(table) + 1, len(path) + 1):
                lines.setdefault(path[:k], line)
            i, line = _skip_value(text, j + 1, line, path, lines)
    return lines


def _skip_value(text: str, i: int, line: int, path: tuple[str, ...], lines: dict) -> tuple[int, int]:
    """Skip a value (strings, arrays and inline tables may span lines); record the keys of
    inline tables. Returns (index after the value's line, current line)."""
    n = len(text)
    stack: list[tuple[str, ...] | None] = []  # None: an array; a tuple: an inline table's path
    expect_key = False
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
            if not stack:
                return i, line
            continue
        if c in " \t\r":
            i += 1
            continue
        if c == "#":
            j = text.find("\n", i)
            i = n if j == -1 else j
            continue
        if expect_key and stack and stack[-1] is not None and c != "}":
            keys, j = _parse_key(text, i)
            if keys and j < n and text[j] == "=":
                sub = stack[-1] + tuple(keys)
                for k in range(len(stack[-1]) + 1, len(sub) + 1):
                    lines.setdefault(sub[:k], line)
                expect_key = False
                i = j + 1
                # an inline table as this key's value records its keys under this path
                k = i
                while k < n and text[k] in " \t":
                    k += 1
                if k < n and text[k] == "{":
                    stack.append(sub)
                    expect_key = True
                    i = k + 1
                continue
            expect_key = False
        if text.startswith('"""', i) or text.startswith("'''", i):
            q = text[i : i + 3]
            j = text.find(q, i + 3)
            j = n if j == -1 else j + 3
            while j < n and text[j] == q[0]:
                j += 1
            line += text.count("\n", i, j)
            i = j
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if (c == '"' and text[j] == "\\") else 1
            i = j + 1
            continue
        if c == "[":
            stack.append(None)
        elif c == "{":
            stack.append(path if not stack else None)
            expect_key = stack[-1] is not None
        elif c in "]}":
            if stack:
                stack.pop()
        elif c == "," and stack and stack[-1] is not None:
            expect_key = True
        i += 1
    return i, line


def _parse(table: dict, path: Path, key_lines: dict) -> Config:
    where = _Where(path, key_lines)
    if not isinstance(table, dict):
        raise where.error((), "must be a table")
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        kind = TOP_KEYS.get(key)
        if kind is None:
            raise where.error((key,), f"unknown key {key!r}" + did_you_mean(key, TOP_KEYS))
        attr = key.replace("-", "_")
        if kind == "list":
            kwargs[attr] = where.str_list((key,), value)
        elif kind == "str":
            kwargs[attr] = where.typed((key,), value, str)
        elif kind == "int":
            kwargs[attr] = where.typed((key,), value, int)
            if kwargs[attr] <= 0:
                raise where.error((key,), f"{key} must be a positive integer, got {value!r}")
        elif kind == "severity":
            value = where.typed((key,), value, str)
            if value not in FAIL_ON:
                raise where.error((key,), f"{key} must be info, warning, error or never, got {value!r}"
                                  + did_you_mean(value, FAIL_ON))
            kwargs[attr] = value
        elif kind == "table-of-lists":
            if not isinstance(value, dict):
                raise where.error((key,), f"{key} must be a table of glob = [codes], got {type(value).__name__}")
            kwargs[attr] = tuple((glob, where.str_list((key, glob), codes)) for glob, codes in value.items())
        elif kind == "table-of-tables":
            if not isinstance(value, dict):
                raise where.error((key,), f"{key} must be a table of rule tables, got {type(value).__name__}")
            rules = []
            for rule, settings in value.items():
                if not isinstance(settings, dict):
                    raise where.error((key, rule), f"{key}.{rule} must be a table of options, got {type(settings).__name__}")
                rules.append((rule, tuple(settings.items())))
            kwargs[attr] = tuple(rules)
        elif kind == "grammar":
            kwargs[attr] = _parse_grammar(value, where)
    if "packs" in kwargs:
        kwargs["packs"] = tuple(str((path.parent / p).resolve()) for p in kwargs["packs"])
    return Config(path=path, key_lines=key_lines, **kwargs)


FAIL_ON = ("info", "warning", "error", "never")


def _parse_grammar(value: Any, where: "_Where") -> GrammarConfig:
    if not isinstance(value, dict):
        raise where.error(("grammar",), f"grammar must be a table, got {type(value).__name__}")
    kwargs: dict[str, Any] = {}
    for key, item in value.items():
        kind = GRAMMAR_KEYS.get(key)
        at = ("grammar", key)
        if kind is None:
            raise where.error(at, f"unknown key grammar.{key}" + did_you_mean(key, GRAMMAR_KEYS))
        if kind == "list":
            kwargs[key] = where.str_list(at, item)
        elif kind == "str":
            kwargs[key] = where.typed(at, item, str)
        elif kind == "bool":
            kwargs[key] = where.typed(at, item, bool)
        elif kind == "languagetool":
            if not isinstance(item, dict):
                raise where.error(at, f"grammar.languagetool must be a table, got {type(item).__name__}")
            lt: dict[str, Any] = {}
            for k, v in item.items():
                lkind = LT_KEYS.get(k)
                if lkind is None:
                    raise where.error(at + (k,), f"unknown key grammar.languagetool.{k}" + did_you_mean(k, LT_KEYS))
                lt[k] = where.typed(at + (k,), v, {"str": str, "bool": bool, "int": int}[lkind])
            kwargs[key] = LanguageToolConfig(**lt)
    backend = kwargs.get("backend", "harper")
    if backend not in GRAMMAR_BACKENDS:
        raise where.error(("grammar", "backend"), f"grammar.backend must be one of {', '.join(GRAMMAR_BACKENDS)}, got {backend!r}" + did_you_mean(backend, GRAMMAR_BACKENDS))
    if kwargs.get("dictionary"):
        kwargs["dictionary"] = str((where.path.parent / kwargs["dictionary"]).resolve())
    return GrammarConfig(**kwargs)


@dataclass
class _Where:
    path: Path
    key_lines: dict

    def error(self, keys: tuple[str, ...], message: str) -> ConfigError:
        loc = Config(path=self.path, key_lines=self.key_lines).where(*keys)
        return ConfigError(f"{loc}: {message}")

    def typed(self, keys: tuple[str, ...], value: Any, want: type) -> Any:
        ok = isinstance(value, want) and not (want is int and isinstance(value, bool))
        if not ok:
            raise self.error(keys, f"{'.'.join(keys)} must be {_kind(want)}, got {_toml_type(value)} {value!r}")
        return value

    def str_list(self, keys: tuple[str, ...], value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(keys, f"{'.'.join(keys)} must be a list of strings, got {value!r}")
        return tuple(value)


def _toml_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    return {str: "string", int: "integer", float: "float", list: "array", dict: "table"}.get(type(value), type(value).__name__)


def _kind(want: type) -> str:
    return {str: "a string", bool: "true or false", int: "an integer"}.get(want, want.__name__)


class ConfigCache:
    """Finds and loads the config for each linted file, once per folder."""

    def __init__(self, explicit: Path | None = None, isolated: bool = False, overrides: dict | None = None):
        self.explicit = explicit
        self.isolated = isolated
        self.overrides = overrides or {}
        self._by_dir: dict[Path, Config] = {}
        self._by_file: dict[Path, Config] = {}

    def for_path(self, path: Path) -> Config:
        folder = (path if path.is_dir() else path.parent).resolve()
        if folder in self._by_dir:
            return self._by_dir[folder]
        if self.isolated:
            config = Config()
        elif self.explicit is not None:
            config = self._load(self.explicit.resolve())
        else:
            found = find_config(folder)
            config = self._load(found) if found else Config()
        overrides = dict(self.overrides)
        if overrides.get("extend_select"):  # adds to the config's list, as its name says
            overrides["extend_select"] = tuple(config.extend_select) + tuple(overrides["extend_select"])
        config = config.with_cli(**overrides)
        self._by_dir[folder] = config
        return config

    def _load(self, path: Path) -> Config:
        if path not in self._by_file:
            self._by_file[path] = load_config(path)
        return self._by_file[path]


STARTER = """\
# articlelint configuration (see `articlelint rules` and `articlelint explain RULE`).
# This file may also live in pyproject.toml as [tool.articlelint].

# Rules to run: codes (RP001), prefixes (RP), names (repeated-paragraph), families
# (repetition, boilerplate, grammar, readability) or ALL. Default: every rule on by default.
# select = ["repetition", "boilerplate", "grammar", "readability"]
# extend-select = []
ignore = []

# Files to lint when a folder is given, and files to skip (globs, .gitignore syntax).
include = ["*.md", "*.markdown", "*.txt", "*.html", "*.htm"]
exclude = []

# Lowest severity that makes the exit status 1: info, warning, error or never.
fail-on = "warning"

# Folders of your own YAML rule packs, relative to this file.
packs = []

# Larger files are an input error (exit status 2) and are never read.
# max-file-size = 5242880

[per-file-ignores]
# "drafts/*.md" = ["readability"]

[grammar]
backend = "harper"   # harper | languagetool | both | none
spelling = false
# dictionary = "words.txt"   # one word per line

# [grammar.languagetool]
# url = "http://localhost:8081"   # a server you run; articlelint never uses a public API unless told

# [rules.template-footer]
# severity = "error"
"""
