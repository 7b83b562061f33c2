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
    max_file_size: int = 10 * 1024 * 1024
    grammar: GrammarConfig = GrammarConfig()

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
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("articlelint")
        prefix = "tool.articlelint"
        if table is None:
            return Config(path=path)
    else:
        table = data
        prefix = ""
    return _parse(table, path, text, prefix)


def _parse(table: dict, path: Path, text: str, prefix: str) -> Config:
    where = _Where(path, text, prefix)
    if not isinstance(table, dict):
        raise where.error("", "must be a table")
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        kind = TOP_KEYS.get(key)
        if kind is None:
            raise where.error(key, f"unknown key {key!r}" + did_you_mean(key, TOP_KEYS))
        attr = key.replace("-", "_")
        if kind == "list":
            kwargs[attr] = where.str_list(key, value)
        elif kind == "str":
            kwargs[attr] = where.typed(key, value, str)
        elif kind == "int":
            kwargs[attr] = where.typed(key, value, int)
        elif kind == "severity":
            value = where.typed(key, value, str)
            if value not in ("info", "warning", "error", "never"):
                raise where.error(key, f"{key} must be info, warning, error or never, got {value!r}")
            kwargs[attr] = value
        elif kind == "table-of-lists":
            if not isinstance(value, dict):
                raise where.error(key, f"{key} must be a table of glob = [codes]")
            kwargs[attr] = tuple(
                (glob, where.str_list(f"{key}.{glob}", codes, at=glob)) for glob, codes in value.items()
            )
        elif kind == "table-of-tables":
            if not isinstance(value, dict):
                raise where.error(key, f"{key} must be a table of rule tables")
            rules = []
            for rule, settings in value.items():
                if not isinstance(settings, dict):
                    raise where.error(rule, f"{key}.{rule} must be a table of options")
                rules.append((rule, tuple(settings.items())))
            kwargs[attr] = tuple(rules)
        elif kind == "grammar":
            kwargs[attr] = _parse_grammar(value, where)
    if "packs" in kwargs:
        kwargs["packs"] = tuple(str((path.parent / p).resolve()) for p in kwargs["packs"])
    return Config(path=path, **kwargs)


def _parse_grammar(value: Any, where: "_Where") -> GrammarConfig:
    if not isinstance(value, dict):
        raise where.error("grammar", "grammar must be a table")
    kwargs: dict[str, Any] = {}
    for key, item in value.items():
        kind = GRAMMAR_KEYS.get(key)
        if kind is None:
            raise where.error(key, f"unknown key grammar.{key}" + did_you_mean(key, GRAMMAR_KEYS))
        if kind == "list":
            kwargs[key] = where.str_list(f"grammar.{key}", item, at=key)
        elif kind == "str":
            kwargs[key] = where.typed(f"grammar.{key}", item, str, at=key)
        elif kind == "bool":
            kwargs[key] = where.typed(f"grammar.{key}", item, bool, at=key)
        elif kind == "languagetool":
            if not isinstance(item, dict):
                raise where.error(key, "grammar.languagetool must be a table")
            lt: dict[str, Any] = {}
            for k, v in item.items():
                lkind = LT_KEYS.get(k)
                if lkind is None:
                    raise where.error(k, f"unknown key grammar.languagetool.{k}" + did_you_mean(k, LT_KEYS))
                lt[k] = where.typed(f"grammar.languagetool.{k}", v, {"str": str, "bool": bool, "int": int}[lkind], at=k)
            kwargs[key] = LanguageToolConfig(**lt)
    backend = kwargs.get("backend", "harper")
    if backend not in GRAMMAR_BACKENDS:
        raise where.error("backend", f"grammar.backend must be one of {', '.join(GRAMMAR_BACKENDS)}, got {backend!r}" + did_you_mean(backend, GRAMMAR_BACKENDS))
    if kwargs.get("dictionary"):
        kwargs["dictionary"] = str((where.path.parent / kwargs["dictionary"]).resolve())
    return GrammarConfig(**kwargs)


@dataclass
class _Where:
    path: Path
    text: str
    prefix: str

    def line_of(self, key: str) -> int | None:
        """Best-effort line of ``key`` (TOML parsers do not keep positions)."""
        if not key:
            return None
        pattern = re.compile(r"^\s*(?:\[+[^\]]*\b)?[\"']?" + re.escape(key) + r"[\"']?\s*(?:=|\]|\.)", re.M)
        m = pattern.search(self.text)
        if m is None:
            return None
        return self.text.count("\n", 0, m.start()) + 1

    def error(self, key: str, message: str) -> ConfigError:
        line = self.line_of(key)
        loc = f"{self.path}:{line}" if line else f"{self.path}"
        return ConfigError(f"{loc}: {message}")

    def typed(self, key: str, value: Any, want: type, at: str | None = None) -> Any:
        ok = isinstance(value, want) and not (want is int and isinstance(value, bool))
        if not ok:
            raise self.error(at or key, f"{key} must be {_kind(want)}, got {type(value).__name__} {value!r}")
        return value

    def str_list(self, key: str, value: Any, at: str | None = None) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(at or key, f"{key} must be a list of strings, got {value!r}")
        return tuple(value)


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
        config = config.with_cli(**self.overrides)
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
