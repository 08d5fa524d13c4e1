"""Fixtures for the ingest tests: the bundled catalog, the offline extractor, small articles with known facts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ingest_samples import ENGLISH, HTML, SIMPLIFIED, TRADITIONAL

from computekg.loaders.bundle import FactBase, bundled_data_dir, read_fact_base
from computekg.loaders.ingest.extractor import OfflineExtractor


@pytest.fixture(scope="session")
def fact_base() -> FactBase:
    return read_fact_base()


@pytest.fixture(scope="session")
def extractor(fact_base: FactBase) -> OfflineExtractor:
    return OfflineExtractor.from_fact_base(fact_base)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled data directory that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), target)
    return target


@pytest.fixture
def article_files(tmp_path: Path) -> dict[str, Path]:
    """The test articles on disk, in the encodings news sites use."""
    files = {
        "english": ("english.txt", ENGLISH.encode("utf-8")),
        "traditional": ("traditional.txt", TRADITIONAL.encode("utf-8")),
        "big5": ("big5.txt", TRADITIONAL.encode("big5")),
        "simplified": ("simplified.md", SIMPLIFIED.encode("utf-8")),
        "gbk": ("gbk.txt", SIMPLIFIED.encode("gbk")),
        "html": ("page.html", HTML.encode("utf-8")),
    }
    folder = tmp_path / "articles"
    folder.mkdir()
    paths = {}
    for key, (name, data) in files.items():
        paths[key] = folder / name
        paths[key].write_bytes(data)
    return paths
