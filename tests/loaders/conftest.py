"""Fixtures for the loader tests: the bundled fact base and its alias index, read once for every module."""

from __future__ import annotations

import pytest

from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.bundle import FactBase, read_fact_base


@pytest.fixture(scope="session")
def base() -> FactBase:
    return read_fact_base()


@pytest.fixture(scope="session")
def aliases(base: FactBase) -> AliasIndex:
    return base.aliases
