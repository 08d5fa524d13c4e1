"""Batches worked through here and in worker processes come back complete and in order.

Nothing here depends on how fast either side is: where a test needs both sides to work, or the worker to
be held back, it says so with events (a worker cannot finish a batch before the test lets it), never
with sleeps, so a busy machine changes how long a test takes, not what it finds.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest

from computekg.loaders.ingest.shared_work import map_in_order

_CONTEXT = multiprocessing.get_context("forkserver")
_worker_event: Event | None = None  # in a worker: the event the test shares with it


def _keep_event(event: Event) -> None:
    global _worker_event
    _worker_event = event


def _square(batch: list[int]) -> list[int]:
    return [n * n for n in batch]


def _square_and_say_so(batch: list[int]) -> list[int]:
    """In a worker: square, then tell the test that a worker finished a batch."""
    assert _worker_event is not None
    _worker_event.set()
    return _square(batch)


def _mark_when_let(batch: list[str]) -> list[str]:
    """In a worker: wait until the test lets workers go, then leave a file per item to show it ran."""
    assert _worker_event is not None
    _worker_event.wait()
    for name in batch:
        Path(name).touch()
    return batch


class _PoolSharingAnEvent(ProcessPoolExecutor):
    """One forkserver worker that shares `event` with the test; started only once `ready` is set.

    Waiting for `ready` before the pool exists makes sure this process claims the first batch (the feeder
    claims nothing before its pool is up). With `release_on_shutdown` the event is set when the pool is
    shut down, so workers held back by it finish the batches they were given and nothing else.
    """

    def __init__(self, event: Event, *, release_on_shutdown: bool = False) -> None:
        super().__init__(1, mp_context=_CONTEXT, initializer=_keep_event, initargs=(event,))
        self._event = event
        self._release_on_shutdown = release_on_shutdown

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._release_on_shutdown:
            self._event.set()
        super().shutdown(wait=wait, cancel_futures=cancel_futures)


def _starter(ready: threading.Event, make: Callable[[], Executor]) -> Callable[[], Executor]:
    def start() -> Executor:
        ready.wait()
        return make()

    return start


def _wait_for_a_worker(worker_done: Event) -> None:
    """Until a worker has finished a batch, or the feeder has ended without one doing so.

    A feeder that ended (its pool could not start, or every batch it gave failed) will never see a worker
    finish: this process then goes on, and reading the results raises the pool's error instead of waiting
    for ever. The half-second is only how often it looks; no outcome depends on it.
    """
    while not worker_done.wait(0.5):
        if not any(thread.name == "computekg-feeder" for thread in threading.enumerate()):
            return


def test_results_come_back_complete_and_in_order_when_both_processes_work() -> None:
    """This process does the first batch only once a worker has finished one, so both contribute."""
    worker_done = _CONTEXT.Event()
    local_started = threading.Event()

    def here(batch: list[int]) -> list[int]:
        if not local_started.is_set():
            local_started.set()
            _wait_for_a_worker(worker_done)
        return _square(batch)

    batches = [[n, n + 1] for n in range(0, 80, 2)]
    start = _starter(local_started, lambda: _PoolSharingAnEvent(worker_done))
    results = list(map_in_order(here, _square_and_say_so, batches, workers=1, start_pool=start))
    assert results == [[n * n, (n + 1) ** 2] for n in range(0, 80, 2)]


def test_results_come_back_complete_and_in_order_from_a_real_pool() -> None:
    """However the batches happen to be shared out, each comes back once, in order."""
    batches = [[n, n + 1] for n in range(0, 80, 2)]

    def pool() -> Executor:
        return ProcessPoolExecutor(1, mp_context=_CONTEXT)

    results = list(map_in_order(_square, _square, batches, workers=1, start_pool=pool))
    assert results == [[n * n, (n + 1) ** 2] for n in range(0, 80, 2)]


def test_a_pool_that_cannot_start_is_reported() -> None:
    def broken() -> Executor:
        raise OSError("no processes left")

    def here(batch: list[int]) -> list[int]:
        # Until the feeder has given up on its pool, this process keeps claiming batches; finishing
        # them all first would leave nothing to report the failure on.
        feeder = next((t for t in threading.enumerate() if t.name == "computekg-feeder"), None)
        if feeder is not None:
            feeder.join()
        return _square(batch)

    with pytest.raises(OSError, match="no processes left"):
        list(map_in_order(here, _square, [[n] for n in range(200)], workers=1, start_pool=broken))


def test_stopping_early_cancels_the_batches_not_started(tmp_path: Path) -> None:
    """Workers are held back until the pool shuts down: only the batches already handed to them run."""
    let_workers_go = _CONTEXT.Event()
    local_started = threading.Event()

    def here(batch: list[str]) -> list[str]:
        local_started.set()
        return batch

    batches = [[str(tmp_path / f"{n}.done")] for n in range(40)]
    start = _starter(local_started, lambda: _PoolSharingAnEvent(let_workers_go, release_on_shutdown=True))
    results = map_in_order(here, _mark_when_let, batches, workers=1, start_pool=start)
    assert next(results) == batches[0]
    results.close()  # waits for the batches the worker was given, cancels the rest
    ran = sorted(int(p.stem) for p in tmp_path.glob("*.done"))
    assert len(ran) <= 2, ran  # the feeder hands a worker at most two batches ahead
    assert 0 not in ran  # this process did the first batch
