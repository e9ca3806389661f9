"""Shared fixtures: the seed corpus and the read-only ``../shared`` material.

Tests that need ``../shared`` use the ``shared_dir`` fixture (or one built on
it). When the folder is absent, as in a user's fresh clone, they skip with a
reason; when ``CI=true`` they fail instead, so CI can never pass by skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "000_bc67b9ca0fc0fcf9.txt"


def _find_shared() -> Path:
    """``$RHETORIC_SHARED``, else the first ``shared/`` beside the repo or an ancestor."""
    if os.environ.get("RHETORIC_SHARED"):
        return Path(os.environ["RHETORIC_SHARED"]).resolve()
    for parent in ROOT.parents:
        if (parent / "shared" / "corpora").is_dir():
            return (parent / "shared").resolve()
    return (ROOT.parent / "shared").resolve()


SHARED = _find_shared()


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def root_dir() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED_FILE


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpora").is_dir():
        message = f"shared material not found at {SHARED} (set RHETORIC_SHARED to its path)"
        if _in_ci():
            pytest.fail(message + "; CI=true, so this test must not skip")
        pytest.skip(message)
    return SHARED


@pytest.fixture(scope="session")
def mfa_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpora" / "mfa_2018"


@pytest.fixture(scope="session")
def state_union_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpora" / "state_union"


@pytest.fixture(scope="session")
def inaugural_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpora" / "inaugural"
