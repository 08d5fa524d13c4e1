"""The shared copies of the published datasets (`../shared/datasets`, never inside the project), and the catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.bundle import read_fact_base

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "datasets"


@pytest.fixture(scope="session")
def catalog_index() -> AliasIndex:
    return read_fact_base().aliases


@pytest.fixture(scope="session")
def epoch_copy() -> Path:
    return SHARED / "epoch-ai-chip-counts"


@pytest.fixture(scope="session")
def eto_copy() -> Path:
    return SHARED / "eto-chip-explorer"
