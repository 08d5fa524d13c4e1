"""Batches worked through here and in worker processes come back complete and in order."""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

import pytest

from computekg.loaders.ingest.shared_work import map_in_order


def _square_here(batch: list[int]) -> list[tuple[int, int]]:
    time.sleep(0.05)  # slower than a worker, so the worker surely takes some batches
    return [(n * n, os.getpid()) for n in batch]


def _square_in_worker(batch: list[int]) -> list[tuple[int, int]]:
    return [(n * n, os.getpid()) for n in batch]


def _mark_in_worker(batch: list[str]) -> list[str]:
    time.sleep(0.2)
    for name in batch:
        Path(name).touch()
    return batch


def _pool() -> Executor:
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))


def test_results_come_back_in_order_from_both_processes() -> None:
    batches = [[n, n + 1] for n in range(0, 80, 2)]
    results = [item for batch in map_in_order(_square_here, _square_in_worker, batches, workers=1, start_pool=_pool)
               for item in batch]
    assert [value for value, _ in results] == [n * n for n in range(80)]
    assert {pid == os.getpid() for _, pid in results} == {True, False}  # both processes did some


def test_a_pool_that_cannot_start_is_reported() -> None:
    def broken() -> Executor:
        raise OSError("no processes left")

    slow = [[n] for n in range(200)]
    with pytest.raises(OSError, match="no processes left"):
        list(map_in_order(_square_here, _square_in_worker, slow, workers=1, start_pool=broken))


def test_stopping_early_cancels_the_batches_not_started(tmp_path: Path) -> None:
    batches = [[str(tmp_path / f"{n}.done")] for n in range(40)]

    def here(batch: list[str]) -> list[str]:
        time.sleep(0.2)
        return batch

    results = map_in_order(here, _mark_in_worker, batches, workers=1, start_pool=_pool)
    next(results)
    results.close()  # waits for the batch a worker is on, cancels the rest
    assert len(list(tmp_path.glob("*.done"))) < 10
