"""Every fixture article of every rule: exact expected findings, clean ones quiet."""

import pytest

from harness import compare, fixture_files


@pytest.mark.parametrize("rule,path", fixture_files(), ids=lambda v: getattr(v, "name", v))
def test_fixture(rule, path):
    expected, actual = compare(path, rule)
    assert actual == expected, f"{path.name}: expected {expected}, found {actual}"
