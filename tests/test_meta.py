"""Invariants of the rule set: unique codes, documented rules, fixtures for every rule."""

import dataclasses

from harness import FIXTURES, expectations, fixture_files
from lint.registry import builtin_pack_dir, load_registry
from lint.packs import load_pack_dir

REQUIRED_SECTIONS = ("What it does", "Why", "Example", "Options")


def test_codes_and_names_unique():
    registry = load_registry()
    codes = [r.code for r in registry.rules]
    names = [r.name for r in registry.rules]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))


def test_every_rule_documented():
    for rule in load_registry().rules:
        doc = rule.doc()
        assert doc, f"{rule.name} has no docstring"
        for section in REQUIRED_SECTIONS:
            assert section in doc, f"{rule.name}: docstring lacks '{section}'"


def test_every_rule_has_positive_and_negative_fixture():
    for rule in load_registry().rules:
        if rule.family == "meta":
            continue
        files = [p for _, p in fixture_files(rule.name)]
        assert files, f"{rule.name}: no fixture folder tests/fixtures/{rule.name}/"
        assert any(expectations(p) for p in files), f"{rule.name}: no fixture with expected findings"
        assert any(not expectations(p) for p in files), f"{rule.name}: no clean fixture"


def test_fixture_folders_name_rules():
    names = {r.name for r in load_registry().rules}
    for folder in FIXTURES.iterdir():
        if folder.is_dir():
            assert folder.name in names, f"fixture folder {folder.name} names no rule"


def test_builtin_packs_validate():
    rules = load_pack_dir(builtin_pack_dir())
    assert rules
    for rule in rules:
        rule()  # options build


def test_options_are_frozen_dataclasses():
    for rule in load_registry().rules:
        assert dataclasses.is_dataclass(rule.Options)
        assert rule.Options.__dataclass_params__.frozen, rule.name
