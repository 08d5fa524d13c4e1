"""The benchmark code at a tiny size: it runs, its results have the promised shape, and the stores agree.

No timing is asserted: performance is measured by `python -m bench`, never by tests. The Neo4j side runs
against the test server of tests/conftest.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.__main__ import main, parse_args
from bench.baselines import load_csv_statements
from bench.extract_bench import run_extract_bench
from bench.generate import GraphSpec, SyntheticGraph, chunks, whole, write_csv
from bench.load_bench import naive_sample, time_bulk_load, time_load_csv, time_naive_load
from bench.query_bench import cases, pick_samples, profile_plans, run_cases
from computekg.graph import neo4j_server
from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import Subgraph
from computekg.graph.neo4j_store import Neo4jStore
from computekg.graph.schema import RelType
from computekg.graph.settings import Settings
from computekg.queries.neighbourhood import neighbourhood
from computekg.queries.paths import shortest_paths
from computekg.queries.supply import suppliers_of, supply_paths

SPEC = GraphSpec(relations=1500, seed=3, chunk_relations=400)


@pytest.fixture(scope="module")
def graph() -> Subgraph:
    return whole(SPEC)


@pytest.fixture
def neo4j(neo4j_settings: Settings) -> Iterator[Neo4jStore]:
    store = Neo4jStore.from_settings(neo4j_settings)
    try:
        yield store
    finally:
        store.clear()
        store.close()


def test_the_generator_is_deterministic_and_consistent(graph: Subgraph) -> None:
    assert whole(SPEC) == graph
    assert len(graph.relations) == SPEC.relations == len({r.id for r in graph.relations})
    pieces = list(chunks(SPEC))
    assert all(len(p.entities) + len(p.relations) + len(p.sources) <= SPEC.chunk_relations for p in pieces)
    assert sum(len(p.relations) for p in pieces) == SPEC.relations
    MemoryStore().load(graph)  # every end, product and cited source exists
    degrees: dict[str, int] = {}
    for relation in graph.relations:
        for end in (relation.subject, relation.object):
            degrees[end] = degrees.get(end, 0) + 1
    ranked = sorted(degrees.values(), reverse=True)
    assert ranked[0] > 20 * ranked[len(ranked) // 2]  # a power law: hubs far above the median
    assert {r.type for r in graph.relations} >= {RelType.SUPPLIES, RelType.PROVIDES_COMPUTE_TO, RelType.DESIGNS}
    assert any(r.quantity for r in graph.relations) and any(r.amount for r in graph.relations)
    assert any(len(r.evidence) > 1 for r in graph.relations)


def test_the_csv_holds_the_same_graph(tmp_path: Path, graph: Subgraph) -> None:
    files = write_csv(SPEC, tmp_path)
    assert files.relation_count == SPEC.relations
    rows = sum(len(path.read_text(encoding="utf-8").splitlines()) - 1 for path in files.relations.values())
    assert rows == SPEC.relations
    statements = load_csv_statements(files, tmp_path)
    assert len(statements) == len(files.entities) + 1 + len(files.relations) + 1
    assert all(parameters["url"].startswith("file:///") for _, parameters in statements)


@pytest.mark.neo4j
def test_every_load_method_stores_the_same_graph(neo4j: Neo4jStore, neo4j_settings: Settings,
                                                 graph: Subgraph) -> None:
    ours = time_bulk_load(neo4j, SPEC, batch_size=300)
    assert ours.relations == SPEC.relations and ours.seconds > 0
    assert set(ours.summary()) >= {"method", "relations", "seconds", "relations_per_s", "python_peak_rss_mb"}
    expected = neo4j.snapshot()
    assert expected == graph.canonical()

    sample = naive_sample(SPEC, 60)
    naive = time_naive_load(neo4j, sample)
    assert naive.relations == 60
    assert neo4j.snapshot() == sample.canonical()

    if os.environ.get("COMPUTEKG_TEST_NEO4J_URI"):
        return  # LOAD CSV needs the import directory of a server this machine runs
    import_root = neo4j_server.import_dir(neo4j_settings)
    result, _ = time_load_csv(neo4j, SPEC, import_root)
    assert result.relations == SPEC.relations
    assert neo4j.snapshot() == expected
    assert not list(import_root.glob("bench-*"))  # the CSV is removed afterwards


@pytest.mark.neo4j
def test_query_bench_runs_on_both_stores_and_they_agree(neo4j: Neo4jStore, graph: Subgraph) -> None:
    memory = MemoryStore()
    memory.load(graph)
    neo4j.bulk_load(chunks(SPEC))
    samples = pick_samples(SyntheticGraph(SPEC), neo4j, count=4)
    assert len(samples.hubs) == 3 and samples.typical and samples.pairs and samples.supply_pairs

    hub, (giver, tenant), (a, b) = samples.hubs[0], samples.supply_pairs[0], samples.pairs[0]
    for store in (memory, neo4j):  # the same answers, through the Cypher paths on Neo4j
        assert neighbourhood(store, hub, hops=2, limit=40) == neighbourhood(memory, hub, hops=2, limit=40)
        assert suppliers_of(store, tenant) == suppliers_of(memory, tenant)
        assert _paths(supply_paths, store, giver, tenant) == _paths(supply_paths, memory, giver, tenant)
        assert _paths(shortest_paths, store, a, b, max_hops=3) == _paths(shortest_paths, memory, a, b, max_hops=3)

    short = [case for case in cases(samples) if case[0].startswith("neighbourhood")]
    for store in (neo4j, memory):
        results = run_cases(store, samples, timeout_s=3, repeats=1)
        assert len(results) == len(cases(samples))
        for result in results[: len(short)]:
            assert result.count + result.timeouts + result.skipped >= 1
            assert set(result.summary()) >= {"store", "question", "samples", "p50_ms", "p95_ms", "timeouts"}
    plans = profile_plans(neo4j, samples)
    assert plans and all(plan.operators for plan in plans)
    assert not [p for plan in plans for p in plan.problems if "Scan" in p]  # every lookup is an index seek


def _paths(question, store, a, b, **options):  # type: ignore[no-untyped-def]
    """A path question's answer, or the error it raised, so two stores can be compared either way."""
    try:
        return question(store, a, b, **options)
    except Exception as error:  # NoPath or EntityNotFound, compared by type
        return type(error)


def test_extract_bench_compares_with_jieba(tmp_path: Path) -> None:
    result = run_extract_bench(tmp_path, megabytes=0.05)
    assert result.files >= 2 and result.corpus_mb > 0
    assert result.pipeline_mb_s > 0 and result.jieba_mb_s > 0 and result.ratio > 0
    assert result.candidates > 0 and result.tokens > 0 and result.profile_top
    # The worker processes find exactly what one process finds.
    assert result.workers >= 1 and result.parallel_mb_s > 0 and result.parallel_candidates == result.candidates


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_args(["--size", "1m", "--only", "load"]).only == ["load"]
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    assert "python -m bench --size 1m --only load" in capsys.readouterr().out
    out = tmp_path / "results.json"
    assert main(["--only", "extract", "--extract-mb", "0.03", "--out", str(out)]) == 0
    assert '"extract"' in out.read_text(encoding="utf-8")


def test_the_command_benchmark_times_this_tree_against_a_baseline_commit() -> None:
    """One run of `--help` here and at HEAD (unpacked elsewhere and imported from there); never a timing."""
    from bench.cli_bench import time_commands

    (timing,) = time_commands(["--help"], runs=1, baseline="HEAD")
    assert timing.command == "--help" and len(timing.current) == 1 and len(timing.baseline) == 1
    assert set(timing.summary()) == {"command", "current_min_s", "current_median_s", "baseline_min_s",
                                     "baseline_median_s", "speedup"}
