"""A built-in pack comes from a cache of its checked data (plain JSON), not from YAML: the
rule built from the cache equals the one built from the YAML, a damaged cache file is
rebuilt, a run that reads the cache never imports yaml, and a bad pack is still an error
with its line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lint import packs
from lint.rules import footer_block as fb

PACKS = Path(fb.__file__).parent / "packs"


def _shape(rule) -> tuple:
    """Everything a pack rule class carries, as comparable values."""
    cats = tuple(
        (c.name, c.label, c.message, tuple((m.source, m.key, m.words) for m in c.matchers))
        for c in rule.categories
    )
    options = rule.Options()
    return (rule.__name__, rule.__doc__, rule.code, rule.name, rule.family, rule.severity, rule.scope,
            rule.default_enabled, rule.origin, rule.message_template, rule.pack_scope,
            options.min_coverage, options.max_words, cats)


def _fresh_unchecked_load(path: Path):
    packs._UNCHECKED.clear()
    return packs.load_pack(path, check_patterns=False)


@pytest.mark.parametrize("path", sorted(PACKS.glob("*.yaml")), ids=lambda p: p.name)
def test_cached_pack_equals_the_yaml_one(path, tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path))
    from_yaml = packs.load_pack(path)  # checked: always from the YAML
    built = _fresh_unchecked_load(path)  # no cache file yet: parsed, then saved
    (cached_file,) = tmp_path.glob(f"pack-{path.stem}-*.json")
    loaded = _fresh_unchecked_load(path)  # from the cache file
    assert _shape(from_yaml) == _shape(built) == _shape(loaded)
    assert loaded is not built
    # a damaged cache file is ignored and written again
    header, _, body = cached_file.read_text(encoding="utf-8").partition("\n")
    cached_file.write_text(header + "\n" + body[: len(body) // 2], encoding="utf-8")
    assert _shape(_fresh_unchecked_load(path)) == _shape(from_yaml)
    assert cached_file.read_text(encoding="utf-8").partition("\n")[2] == body
    packs._UNCHECKED.clear()


def test_edited_pack_text_is_not_answered_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path / "cache"))
    src = (PACKS / "template-footer.yaml").read_text(encoding="utf-8")
    pack = tmp_path / "template-footer.yaml"
    pack.write_text(src, encoding="utf-8")
    before = _fresh_unchecked_load(pack)
    pack.write_text(src.replace("code: BP001", "code: BP901"), encoding="utf-8")
    after = _fresh_unchecked_load(pack)
    assert (before.code, after.code) == ("BP001", "BP901")
    packs._UNCHECKED.clear()


def test_bad_pack_unchecked_is_still_an_error_with_its_line(tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path / "cache"))
    src = (PACKS / "template-footer.yaml").read_text(encoding="utf-8")
    pack = tmp_path / "bad.yaml"
    pack.write_text(src.replace("family: boilerplate", "family: nonsense"), encoding="utf-8")
    line = next(i for i, text in enumerate(src.splitlines(), 1) if text.startswith("family:"))
    for _ in range(2):  # nothing is cached for a bad pack: the second load fails the same way
        packs._UNCHECKED.clear()
        with pytest.raises(packs.PackError, match=rf"bad.yaml:{line}: unknown family 'nonsense'"):
            packs.load_pack(pack, check_patterns=False)
    assert not list((tmp_path / "cache").glob("pack-bad-*"))


def test_a_run_with_the_cache_never_imports_yaml(tmp_path):
    code = ("import sys\nfrom lint.registry import load_registry\nload_registry()\n"
            "print('yaml' in sys.modules)")
    env = {**os.environ, "ARTICLELINT_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    assert [r.stdout.strip() for r in runs] == ["True", "False"]  # parsed and saved, then read
