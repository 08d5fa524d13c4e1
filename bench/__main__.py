"""`python -m bench`: run the load, query and extraction benchmarks, print tables and write results JSON.

See bench/README.md for what each benchmark measures and the latest results.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from bench.extract_bench import run_extract_bench
from bench.generate import SIZES, GraphSpec, SyntheticGraph, whole
from bench.load_bench import LoadResult, naive_sample, rss_mb, time_bulk_load, time_load_csv, time_naive_load
from bench.query_bench import CaseResult, cases, pick_samples, profile_plans, run_cases
from computekg.graph import neo4j_server
from computekg.graph.memory_store import MemoryStore
from computekg.graph.neo4j_store import BULK_BATCH_SIZE, Neo4jStore
from computekg.graph.settings import Settings

BENCHMARKS = ("load", "query", "extract")
_EXAMPLES = """\
examples:
  python -m bench --size 10k                 all three benchmarks on a 10k-relationship graph (about 3 min)
  python -m bench --size 1m --only load      only the load benchmark at 1M relationships
  python -m bench --size 1m --only query     queries on the 1M graph (loaded first if the store lacks it)
  python -m bench --only extract --extract-mb 4

The benchmarks start their own Neo4j (port 7795, state in /tmp/ckg-bench) unless --neo4j-uri is given,
and stop it at the end unless --keep-server. Results go to bench/results/<size>.json.
"""

console = Console()
err = Console(stderr=True)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark computekg: bulk loading into Neo4j (against naive per-row MERGE and LOAD CSV), "
        "query latency on Neo4j and the networkx store, and extraction throughput (against jieba.lcut).",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--size", default="100k", help=f"graph size: {', '.join(SIZES)} or a number of "
                        "relationships (default 100k)")
    parser.add_argument("--only", action="append", choices=BENCHMARKS, help="run only this benchmark "
                        "(repeatable; default: all)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--out", type=Path, help="results JSON (default bench/results/<size>.json)")
    server = parser.add_argument_group("Neo4j")
    server.add_argument("--neo4j-uri", help="use this running server instead of starting one (LOAD CSV is "
                        "skipped: its files must be in the server's import directory)")
    server.add_argument("--port", type=int, default=7795, help="Bolt port of the bench's own server (7795)")
    server.add_argument("--home", type=Path, default=Path(tempfile.gettempdir()) / "ckg-bench",
                        help="state directory of the bench's own server (default /tmp/ckg-bench)")
    server.add_argument("--heap", default="4g", help="its JVM heap (default 4g)")
    server.add_argument("--pagecache", default="6g", help="its page cache (default 6g)")
    server.add_argument("--keep-server", action="store_true", help="leave the bench's server running")
    load = parser.add_argument_group("load")
    load.add_argument("--batch-size", type=int, default=BULK_BATCH_SIZE,
                      help=f"rows per bulk-load transaction (default {BULK_BATCH_SIZE})")
    load.add_argument("--batch-sweep", help="also time bulk loads at these batch sizes, e.g. 1000,5000,20000")
    load.add_argument("--naive-relations", type=int, default=3000,
                      help="facts in the naive per-row MERGE sample (default 3000)")
    load.add_argument("--stream", action="store_true",
                      help="generate the chunks while loading (flat memory; generation is then timed too)")
    query = parser.add_argument_group("query")
    query.add_argument("--samples", type=int, default=20, help="typical entities and pairs per question (20)")
    query.add_argument("--timeout", type=float, default=10.0, help="seconds before a query is stopped (10)")
    query.add_argument("--memory-max", default="100k",
                       help="largest size also run on the networkx store (default 100k; 1m needs ~10 GB)")
    extract = parser.add_argument_group("extract")
    extract.add_argument("--extract-mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    spec = GraphSpec.of_size(args.size, seed=args.seed)
    chosen = args.only or list(BENCHMARKS)
    out = args.out or Path(__file__).with_name("results") / f"{spec.label}.json"
    began = time.perf_counter()
    results: dict[str, Any] = {"size": spec.label, "relations": spec.relations, "seed": spec.seed}
    with _progress() as progress:
        if "load" in chosen or "query" in chosen:
            with _neo4j(args) as (store, settings):
                results["machine"] = _machine(args, store)
                if "load" in chosen:
                    results["load"] = _load(args, spec, store, settings, progress)
                if "query" in chosen:
                    results["query"] = _query(args, spec, store, progress)
        if "extract" in chosen:
            results.setdefault("machine", _machine(args, None))
            results["extract"] = _extract(args, progress)
    results["wall_s"] = round(time.perf_counter() - began, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _print_tables(results)
    console.print(f"results written to {out} (total {results['wall_s']:.0f} s)")
    return 0


@contextmanager
def _progress() -> Iterator[Progress]:
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        yield progress


@contextmanager
def _neo4j(args: argparse.Namespace) -> Iterator[tuple[Neo4jStore, Settings | None]]:
    """The store under test: the bench's own server (started and stopped here) or the one at --neo4j-uri."""
    if args.neo4j_uri:
        store = Neo4jStore.from_settings(Settings(NEO4J_URI=args.neo4j_uri))  # type: ignore[call-arg]
        with store:
            yield store, None
        return
    settings = Settings(  # type: ignore[call-arg]
        NEO4J_URI=f"bolt://127.0.0.1:{args.port}", COMPUTEKG_NEO4J_PORT=args.port, COMPUTEKG_HOME=args.home,
        COMPUTEKG_NEO4J_HEAP=args.heap, COMPUTEKG_NEO4J_PAGECACHE=args.pagecache,
    )
    was_running = neo4j_server.status(settings).running
    err.print(neo4j_server.start(settings).message)
    try:
        with Neo4jStore.from_settings(settings) as store:
            yield store, settings
    finally:
        if not (was_running or args.keep_server):
            err.print(neo4j_server.stop(settings).message)


def _load(args: argparse.Namespace, spec: GraphSpec, store: Neo4jStore, settings: Settings | None,
          progress: Progress) -> dict[str, Any]:
    sample = naive_sample(spec, args.naive_relations)
    task = progress.add_task("load: naive per-row MERGE", total=len(sample.relations))
    naive = time_naive_load(store, sample, progress=lambda done: progress.update(task, completed=done))
    runs: list[LoadResult] = [naive]
    task = progress.add_task("load: computekg on the naive sample", total=len(sample.relations))
    on_sample = time_bulk_load(store, GraphSpec(relations=len(sample.relations), seed=spec.seed),
                               batch_size=args.batch_size,
                               progress=lambda done: progress.update(task, completed=done))
    runs.append(LoadResult("computekg bulk_load (naive sample)", on_sample.relations, on_sample.seconds,
                           note="the naive sample's size, first facts of the same generator"))
    csv_written = None
    if settings is not None:
        task = progress.add_task("load: LOAD CSV", total=None)
        load_csv, csv_written = time_load_csv(store, spec, neo4j_server.import_dir(settings),
                                              progress=lambda _: progress.advance(task))
        runs.append(load_csv)
    sweep = [int(size) for size in args.batch_sweep.split(",")] if args.batch_sweep else []
    for batch_size in [*(b for b in sweep if b != args.batch_size), args.batch_size]:  # the last one stays loaded
        task = progress.add_task(f"load: computekg bulk_load, batch {batch_size}", total=spec.relations)
        runs.append(time_bulk_load(store, spec, batch_size=batch_size, stream=args.stream,
                                   progress=functools.partial(_show, progress, task)))
    ours = runs[-1]
    ratios = {"computekg / naive": ours.relations_per_s / naive.relations_per_s}
    if settings is not None:
        ratios["computekg / LOAD CSV"] = ours.relations_per_s / runs[2].relations_per_s
    counts = store.counts()
    return {
        "runs": [run.summary() for run in runs],
        "ratios": {name: round(value, 2) for name, value in ratios.items()},
        "csv_write_s": None if csv_written is None else round(csv_written, 1),
        "stored": {"nodes": counts.nodes, "relationships": counts.relations},
        "neo4j_rss_mb": _neo4j_rss(settings),
        "store_size_mb": _store_size(settings),
    }


def _show(progress: Progress, task: TaskID, done: int) -> None:
    progress.update(task, completed=done)


def _query(args: argparse.Namespace, spec: GraphSpec, store: Neo4jStore, progress: Progress) -> dict[str, Any]:
    graph = SyntheticGraph(spec)
    if store.counts().relations_by_type.get("PROVIDES_COMPUTE_TO", 0) == 0 or not _holds(store, spec):
        task = progress.add_task("query: loading the graph first", total=spec.relations)
        time_bulk_load(store, spec, stream=True, progress=lambda done: progress.update(task, completed=done))
    samples = pick_samples(graph, store, count=args.samples)
    plans = profile_plans(store, samples)
    task = progress.add_task("query: Neo4j", total=len(cases(samples)))
    neo4j = run_cases(store, samples, timeout_s=args.timeout, advance=lambda _: progress.advance(task))
    memory_results: list[CaseResult] = []
    memory: dict[str, Any] = {}
    if spec.relations <= GraphSpec.of_size(args.memory_max).relations:
        task = progress.add_task("query: loading the networkx store", total=None)
        before = rss_mb()
        began = time.perf_counter()
        memory_store = MemoryStore()
        memory_store.load(whole(spec))
        memory = {"load_s": round(time.perf_counter() - began, 1), "rss_growth_mb": round(rss_mb() - before)}
        progress.update(task, total=1, completed=1)
        task = progress.add_task("query: networkx", total=len(cases(samples)))
        memory_results = run_cases(memory_store, samples, timeout_s=args.timeout,
                                   advance=lambda _: progress.advance(task))
        del memory_store
    else:
        memory = {"skipped": f"size above --memory-max {args.memory_max}"}
    return {
        "samples": {"hubs": samples.hubs, "typical": len(samples.typical), "pairs": len(samples.pairs)},
        "plans": [plan.__dict__ for plan in plans],
        "neo4j": [result.summary() for result in neo4j],
        "memory_store": memory,
        "memory": [result.summary() for result in memory_results],
        "timeout_s": args.timeout,
    }


def _holds(store: Neo4jStore, spec: GraphSpec) -> bool:
    """Whether the store holds exactly the synthetic graph of `spec` (by its fact count and one known id)."""
    counts = store.counts()
    facts = sum(n for t, n in counts.relations_by_type.items() if t != "MENTIONS")
    return facts == spec.relations and counts.nodes_by_label.get("Source", 0) == SyntheticGraph(spec).articles * 2


def _extract(args: argparse.Namespace, progress: Progress) -> dict[str, Any]:
    task = progress.add_task("extract: pipeline, then jieba", total=None)
    with tempfile.TemporaryDirectory(prefix="ckg-extract-") as directory:
        result = run_extract_bench(Path(directory), megabytes=args.extract_mb, advance=lambda: progress.advance(task))
    return result.summary()


def _neo4j_rss(settings: Settings | None) -> float | None:
    if settings is None:
        return None
    pid = neo4j_server.status(settings).pid
    return round(rss_mb(pid)) if pid else None


def _store_size(settings: Settings | None) -> dict[str, float] | None:
    """MB on disk of the store files and, apart, of the transaction logs (which every load and clear adds to)."""
    if settings is None:
        return None
    data = neo4j_server.status(settings).data_dir
    return {part: round(sum(p.stat().st_size for p in (data / part / "neo4j").rglob("*") if p.is_file()) / 2**20)
            for part in ("databases", "transactions")}


def _machine(args: argparse.Namespace, store: Neo4jStore | None) -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    info: dict[str, Any] = {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory_kb / 2**20, 1),
        "python": platform.python_version(), "neo4j_driver": metadata.version("neo4j"),
        "heap": args.heap, "pagecache": args.pagecache,
    }
    for package in ("neo4j-rust-ext", "opencc", "jieba"):  # the compiled codec and converter, and the baseline
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = None
    if store is not None:
        records, _, _ = store.driver.execute_query("CALL dbms.components() YIELD versions, edition "
                                                   "RETURN versions[0] AS version, edition")
        info["neo4j"] = f"{records[0]['version']} {records[0]['edition']}"
    return info


def _print_tables(results: dict[str, Any]) -> None:
    machine = results.get("machine", {})
    console.print(f"[bold]{results['size']} relationships[/bold] on {machine.get('cpu')} "
                  f"({machine.get('cores')} cores, {machine.get('memory_gb')} GB); Neo4j {machine.get('neo4j', '-')}, "
                  f"heap {machine.get('heap')}, page cache {machine.get('pagecache')}")
    if "load" in results:
        table = Table(title="load", title_justify="left")
        for column in ("method", "facts", "seconds", "facts/s", "note"):
            table.add_column(column, justify="right" if column in ("facts", "seconds", "facts/s") else "left")
        for run in results["load"]["runs"]:
            table.add_row(run["method"], f"{run['relations']:,}", f"{run['seconds']:.1f}",
                          f"{run['relations_per_s']:,.0f}", run["note"])
        console.print(table)
        console.print("ratios: " + ", ".join(f"{k} = {v:.2f}×" for k, v in results["load"]["ratios"].items()))
    if "query" in results:
        table = Table(title="query latency (ms)", title_justify="left")
        for column in ("store", "question", "samples", "n", "p50", "p95", "timeouts"):
            table.add_column(column)
        for row in results["query"]["neo4j"] + results["query"]["memory"]:
            table.add_row(row["store"], row["question"], row["samples"], str(row["count"]), _ms(row["p50_ms"]),
                          _ms(row["p95_ms"]), f"{row['timeouts']} (+{row['skipped']} skipped)" if row["timeouts"]
                          else "")
        console.print(table)
        bad = [plan for plan in results["query"]["plans"] if plan["problems"]]
        console.print("plans: " + ("no label scans or cartesian products" if not bad
                                   else "; ".join(f"{p['statement']}: {p['problems']}" for p in bad)))
    if "extract" in results:
        extract = results["extract"]
        console.print(f"extract: pipeline {extract['pipeline_mb_s']:.3f} MB/s in one process, "
                      f"{extract['parallel_mb_s']:.3f} MB/s with {extract['workers']} workers; jieba.lcut "
                      f"{extract['jieba_mb_s']:.3f} MB/s; ratios {extract['ratio']:.2f}× and "
                      f"{extract['parallel_ratio']:.2f}× on {extract['corpus_mb']} MB")


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}" if value >= 10 else f"{value:.1f}"


if __name__ == "__main__":
    sys.exit(main())
