"""One registry for every rule: built-in Python rules, YAML packs and plug-ins.

- Built-in rules: every :class:`~lint.rule.Rule` subclass defined in a module of
  ``lint.rules`` (the ``rules/`` folder of the source tree).
- YAML packs: ``lint/rules/packs/*.yaml`` plus the pack folders a config names.
- Plug-ins: the entry-point group ``articlelint.rules``; each entry point loads a Rule
  subclass or a module whose Rule subclasses are taken.

A *selector* names rules: a code (``RP001``), a code prefix (``RP``), a rule name
(``repeated-paragraph``), a family (``repetition``) or ``ALL``.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from lint.rule import FAMILIES, Rule

ENTRY_POINT_GROUP = "articlelint.rules"


class RegistryError(ValueError):
    pass


class Registry:
    def __init__(self, rules: Iterable[type[Rule]]) -> None:
        self.rules: list[type[Rule]] = []
        self.by_code: dict[str, type[Rule]] = {}
        self.by_name: dict[str, type[Rule]] = {}
        for rule in rules:
            self.add(rule)

    def add(self, rule: type[Rule]) -> None:
        if not rule.code or not rule.name:
            raise RegistryError(f"{rule.__module__}.{rule.__name__} has no code or name")
        if rule.family not in FAMILIES:
            raise RegistryError(f"rule {rule.name} has unknown family {rule.family!r}")
        for table, key in ((self.by_code, rule.code), (self.by_name, rule.name)):
            other = table.get(key)
            if other is not None and other is not rule:
                raise RegistryError(
                    f"rule {key!r} is defined twice: {_where(other)} and {_where(rule)}"
                )
            table[key] = rule
        if rule not in self.rules:
            self.rules.append(rule)

    def __iter__(self):
        return iter(sorted(self.rules, key=lambda r: r.code))

    def get(self, key: str) -> type[Rule] | None:
        return self.by_code.get(key) or self.by_name.get(key) or self.by_code.get(key.upper())

    def is_selector(self, selector: str) -> bool:
        return selector == "ALL" or selector in FAMILIES or bool(self.match(selector))

    def match(self, selector: str) -> list[type[Rule]]:
        """Rules a selector names (empty if none)."""
        if selector == "ALL":
            return list(self.rules)
        if selector in FAMILIES:
            return [r for r in self.rules if r.family == selector]
        exact = self.get(selector)
        if exact is not None:
            return [exact]
        return [r for r in self.rules if r.code.startswith(selector.upper())]


def selector_matches(selector: str, code: str, name: str, family: str) -> bool:
    """Does ``selector`` name a finding with this code/name/family?

    Finding codes of backend rules (``LT:EN_A_VS_AN``) match by exact code or prefix too."""
    if selector == "ALL":
        return True
    return (
        selector == name
        or selector == family
        or code == selector
        or code.upper().startswith(selector.upper())
    )


def _where(rule: type[Rule]) -> str:
    return rule.origin or f"{rule.__module__}.{rule.__qualname__}"


def builtin_rules() -> list[type[Rule]]:
    import lint.rules as package

    found: list[type[Rule]] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"lint.rules.{info.name}")
        found.extend(rules_in_module(module))
    return found


def rules_in_module(module) -> list[type[Rule]]:
    return [
        obj
        for _, obj in inspect.getmembers(module, inspect.isclass)
        if issubclass(obj, Rule) and obj.__module__ == module.__name__ and obj.code
    ]


def _may_have_plugins() -> bool:
    """Does any installed distribution declare our entry-point group? A quick scan of the
    ``entry_points.txt`` files on ``sys.path``: importing importlib.metadata (and the email
    package it needs) costs tens of milliseconds of start-up, so it is done only if one does."""
    needle = ENTRY_POINT_GROUP.encode()
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as it:
                names = [e.name for e in it if e.name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
        for name in names:
            try:
                with open(os.path.join(entry or ".", name, "entry_points.txt"), "rb") as fh:
                    if needle in fh.read():
                        return True
            except OSError:
                continue
    return False


def plugin_rules() -> list[type[Rule]]:
    found: list[type[Rule]] = []
    if not _may_have_plugins():
        return found
    import importlib.metadata

    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plug-in must not hide the others
            raise RegistryError(f"plug-in {ep.name!r} ({ep.value}) failed to load: {exc}") from exc
        if inspect.isclass(obj) and issubclass(obj, Rule):
            found.append(obj)
        elif inspect.ismodule(obj):
            found.extend(rules_in_module(obj))
        else:
            raise RegistryError(f"plug-in {ep.name!r} ({ep.value}) is not a Rule class or module")
    return found


def builtin_pack_dir() -> Path:
    import lint.rules as package

    return Path(package.__path__[0]) / "packs"


@lru_cache(maxsize=16)
def load_registry(pack_dirs: tuple[str, ...] = (), plugins: bool = True) -> Registry:
    """The registry for a run: built-ins, built-in packs, ``pack_dirs`` and plug-ins."""
    from lint.packs import load_pack_dir

    registry = Registry(builtin_rules())
    for rule in load_pack_dir(builtin_pack_dir(), check_patterns=False):
        registry.add(rule)
    for folder in pack_dirs:
        for rule in load_pack_dir(Path(folder)):
            registry.add(rule)
    if plugins:
        for rule in plugin_rules():
            registry.add(rule)
    return registry
