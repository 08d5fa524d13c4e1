"""The validated fact base kept under COMPUTEKG_HOME: the same answer as reading the files, and never a wrong one.

A warm cache answers without reading the YAML or checking quotes; a changed file, a damaged entry or a
cache folder that cannot be written falls back to validating; commands that write it at the same time
leave one good entry.
"""

from __future__ import annotations

import multiprocessing
import shutil
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest
from typer.testing import CliRunner

from computekg.app.cli import app
from computekg.loaders import catalog, facts
from computekg.loaders.bundle import FactBase, bundled_data_dir, read_fact_base
from computekg.loaders.bundle_cache import _Entry, cached_fact_base, fact_base_key


@pytest.fixture(scope="module")
def fresh() -> FactBase:
    return read_fact_base()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the bundled data directory, free to change."""
    copy = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), copy)
    return copy


def _same(a: FactBase, b: FactBase) -> bool:
    return (a.entities, a.articles, a.graph) == (b.entities, b.articles, b.graph)


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.json"))


def test_a_warm_cache_gives_what_validating_gives_without_validating(
    tmp_path: Path, fresh: FactBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    assert _same(cached_fact_base(bundled_data_dir(), cache_dir=cache), fresh)  # cold: validated, then kept

    def refuse(*_: object) -> None:
        raise AssertionError("the files were read again")

    monkeypatch.setattr(facts, "read_facts", refuse)
    monkeypatch.setattr(catalog, "read_catalog_files", refuse)
    warm = read_fact_base(cache_dir=cache)
    assert _same(warm, fresh)
    assert warm.aliases.resolve("台積電").id == "tsmc"


def test_a_changed_file_is_read_again(data_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = cached_fact_base(data_dir, cache_dir=cache)
    organizations = data_dir / "catalog" / "organizations.yaml"
    organizations.write_text(organizations.read_text(encoding="utf-8").replace("name: TSMC", "name: TSMC Ltd", 1),
                             encoding="utf-8")
    after = cached_fact_base(data_dir, cache_dir=cache)
    assert before.aliases.resolve("tsmc").name == "TSMC" and after.aliases.resolve("tsmc").name == "TSMC Ltd"
    assert len(_entries(cache)) == 1  # the stale entry of this data directory is gone


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"key": "x"}', None])
def test_a_damaged_entry_falls_back_to_validating(
    data_dir: Path, tmp_path: Path, fresh: FactBase, damage: bytes | None
) -> None:
    cache = tmp_path / "cache"
    cached_fact_base(data_dir, cache_dir=cache)
    (entry,) = _entries(cache)
    text = entry.read_bytes()
    # Truncated, not JSON, not an entry, or an entry made for another key.
    entry.write_bytes(text[: len(text) // 2] if damage is None else damage)
    assert _same(cached_fact_base(data_dir, cache_dir=cache), fresh)
    (rewritten,) = _entries(cache)
    assert rewritten.read_bytes() == text


def test_an_entry_for_another_key_is_not_used(data_dir: Path, tmp_path: Path, fresh: FactBase) -> None:
    cache = tmp_path / "cache"
    cached_fact_base(data_dir, cache_dir=cache)
    (entry,) = _entries(cache)
    key = fact_base_key(data_dir)
    entry.write_text(entry.read_text(encoding="utf-8").replace(key, "0" * len(key)), encoding="utf-8")
    assert _same(cached_fact_base(data_dir, cache_dir=cache), fresh)


def test_a_cache_that_cannot_be_written_costs_only_time(data_dir: Path, tmp_path: Path, fresh: FactBase) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert _same(cached_fact_base(data_dir, cache_dir=blocked / "cache"), fresh)


def _read_at_once(barrier: Barrier, data_dir: str, cache: str) -> None:
    barrier.wait()  # every process starts reading (and writing) at the same moment
    base = cached_fact_base(Path(data_dir), cache_dir=Path(cache))
    assert base.aliases.resolve("台积电").id == "tsmc"


def test_commands_writing_the_cache_at_once_leave_one_good_entry(data_dir: Path, tmp_path: Path,
                                                                 fresh: FactBase) -> None:
    cache = tmp_path / "cache"
    context = multiprocessing.get_context("forkserver")
    barrier = context.Barrier(4)
    workers = [context.Process(target=_read_at_once, args=(barrier, str(data_dir), str(cache))) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
    assert len(_entries(cache)) == 1 and not list(cache.glob(".*.tmp"))  # no half-written file left
    assert _same(cached_fact_base(data_dir, cache_dir=cache), fresh)


def test_check_validates_the_files_whatever_the_cache_holds(data_dir: Path, tmp_path: Path, fresh: FactBase,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Even an entry that lies (here: no facts at all) misleads no `computekg check`: it reads every file."""
    monkeypatch.setenv("COMPUTEKG_HOME", str(tmp_path / "home"))
    cache = tmp_path / "home" / "cache"
    cached_fact_base(data_dir, cache_dir=cache)
    (entry,) = _entries(cache)
    lying = _Entry.model_validate_json(entry.read_bytes())
    entry.write_text(lying.model_copy(update={"graph": lying.graph.model_copy(update={"relations": ()})})
                     .model_dump_json(), encoding="utf-8")
    checked = CliRunner().invoke(app, ["check", "--data-dir", str(data_dir)])
    assert checked.exit_code == 0, checked.output
    assert f"{len(fresh.graph.relations)} relationships" in checked.output
