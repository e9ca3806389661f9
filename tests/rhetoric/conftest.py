"""Fixtures for the tests of ``analysis.rhetoric``: the seed as a docs table and its markers."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus import read_corpus
from analysis.rhetoric import marker_table


@pytest.fixture(scope="session")
def seed_docs(seed_path) -> pd.DataFrame:
    return read_corpus(seed_path)


@pytest.fixture(scope="session")
def seed_markers(seed_docs) -> pd.DataFrame:
    return marker_table(seed_docs)
