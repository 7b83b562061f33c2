import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = CORPUS / "seed-article.txt"

sys.path.insert(0, str(Path(__file__).parent))

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        if IN_CI:
            pytest.fail(f"shared corpus missing at {CORPUS}")
        pytest.skip("shared corpus not available")
    return CORPUS


@pytest.fixture(autouse=True, scope="session")
def _backend_cache_outside_the_tree(tmp_path_factory):
    """Grammar results are cached on disk; tests keep that cache out of the work tree."""
    os.environ.setdefault("ARTICLELINT_CACHE_DIR", str(tmp_path_factory.mktemp("articlelint-cache")))
