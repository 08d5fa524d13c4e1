"""Loading a synthetic graph into the real Neo4j: computekg's bulk loader against two baselines.

- computekg: `Neo4jStore.bulk_load` of the graph as `Subgraph` chunks (generated before the clock starts,
  as LOAD CSV's files are written before its clock starts; `stream=True` generates them while loading).
- naive: one auto-commit MERGE per entity, source, fact and mention from Python, on a sample of the first
  `naive_relations` facts (and the entities and sources they need): at about a millisecond per statement
  it would take hours at 1M.
- LOAD CSV: the server reads the same graph from CSV files in its import directory.

Every method starts from an empty database with the store's constraints and indexes in place, and is
reported as fact relationships per second of its whole load (nodes, facts and MENTIONS links included).
"""

from __future__ import annotations

import itertools
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.baselines import load_csv, naive_load
from bench.generate import GraphSpec, SyntheticGraph, chunks, write_csv
from computekg.graph.model import Subgraph, article_evidence
from computekg.graph.neo4j_store import BULK_BATCH_SIZE, Neo4jStore

__all__ = ["LoadResult", "naive_sample", "time_bulk_load", "time_naive_load", "time_load_csv", "rss_mb"]


@dataclass(frozen=True)
class LoadResult:
    """One method's load: how many facts, in how long, and the memory it took."""

    method: str
    relations: int
    seconds: float
    python_peak_rss_mb: float | None = None
    note: str = ""

    @property
    def relations_per_s(self) -> float:
        return self.relations / self.seconds if self.seconds else 0.0

    def summary(self) -> dict[str, Any]:
        return asdict(self) | {"relations_per_s": round(self.relations_per_s, 1)}


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process now, in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def naive_sample(spec: GraphSpec, relations: int) -> Subgraph:
    """The first `relations` facts of the graph, with the entities and sources they need."""
    graph = SyntheticGraph(spec)
    facts = tuple(itertools.islice(graph.relations(), relations))
    ends = {end for r in facts for end in (r.subject, r.object, r.product) if end}
    cited = {ev.source_id for r in facts for ev in article_evidence(r)}
    return Subgraph(
        entities=tuple(e for e in graph.entities() if e.id in ends),
        relations=facts,
        sources=tuple(s for s in graph.sources() if s.id in cited),
    )


def time_naive_load(
    store: Neo4jStore, sample: Subgraph, *, progress: Callable[[int], None] | None = None
) -> LoadResult:
    store.clear()
    store.ensure_schema()
    began = time.perf_counter()
    naive_load(store.driver, sample, database=store.database, progress=progress)
    return LoadResult("naive per-row MERGE", len(sample.relations), time.perf_counter() - began,
                      note=f"sample of {len(sample.relations)} facts")


def time_bulk_load(
    store: Neo4jStore,
    spec: GraphSpec,
    *,
    batch_size: int = BULK_BATCH_SIZE,
    stream: bool = False,
    progress: Callable[[int], None] | None = None,
) -> LoadResult:
    """`bulk_load` the graph of `spec` into an emptied store; with `stream` the chunks are generated as it loads."""
    store.clear()
    store.ensure_schema()
    pieces = chunks(spec) if stream else list(chunks(spec))
    peak = rss_mb()

    def tick(report: Any) -> None:
        nonlocal peak
        peak = max(peak, rss_mb())
        if progress is not None:
            progress(report.relations)

    began = time.perf_counter()
    report = store.bulk_load(pieces, batch_size=batch_size, progress=tick)
    seconds = time.perf_counter() - began
    how = "chunks generated while loading" if stream else "chunks generated beforehand"
    return LoadResult("computekg bulk_load", report.relations, seconds, round(peak, 1),
                      note=f"batch size {batch_size}; {how}")


def time_load_csv(
    store: Neo4jStore,
    spec: GraphSpec,
    import_root: Path,
    *,
    progress: Callable[[str], None] | None = None,
) -> tuple[LoadResult, float]:
    """Write the graph as CSV under the server's import directory, then LOAD CSV it into an emptied store.

    Returns the result and the seconds spent writing the CSV (not part of the load).
    """
    directory = import_root / f"bench-{spec.label}-{spec.seed}"
    shutil.rmtree(directory, ignore_errors=True)
    began = time.perf_counter()
    files = write_csv(spec, directory)
    written = time.perf_counter() - began
    store.clear()
    store.ensure_schema()
    began = time.perf_counter()
    load_csv(store.driver, files, import_root, database=store.database, progress=progress)
    seconds = time.perf_counter() - began
    size_mb = sum(f.stat().st_size for f in directory.iterdir()) / 2**20
    shutil.rmtree(directory, ignore_errors=True)
    return LoadResult("LOAD CSV", files.relation_count, seconds,
                      note=f"{size_mb:.0f} MB of CSV, written in {written:.0f} s beforehand"), written
