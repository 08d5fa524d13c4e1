"""Query latency on a synthetic graph: neighbourhoods, shortest paths, supply paths and supplier tiers.

Each question is asked of sample entities (the hubs of the power law and typical entities) on a store that
holds the graph, and timed end to end through the public query functions (`computekg.queries`), so the
figures include building the pydantic answers. Reported per question and sample class: p50 and p95 in ms.

A call that runs longer than the timeout is stopped (on Neo4j by terminating its transaction; on the
networkx store by running the question in a forked child that is killed) and counted as a timeout; after
`MAX_TIMEOUTS` timeouts a question's remaining samples are skipped, so a run always ends.

`profile_plans` runs PROFILE on each statement the store uses for these questions and lists its operators,
flagging label scans, all-node scans and cartesian products other than of two unique index seeks.
"""

from __future__ import annotations

import gc
import multiprocessing
import random
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from neo4j import Driver
from neo4j.exceptions import Neo4jError

from bench.generate import SyntheticGraph
from computekg.graph import neo4j_cypher as cypher
from computekg.graph.errors import NoPath
from computekg.graph.neo4j_store import Neo4jStore
from computekg.graph.schema import RelType
from computekg.graph.store import Direction, GraphStore
from computekg.queries import supply
from computekg.queries.neighbourhood import neighbourhood
from computekg.queries.paths import shortest_paths
from computekg.queries.supply import HAPPENED, suppliers_of, supply_paths

__all__ = ["Samples", "CaseResult", "pick_samples", "cases", "run_cases", "profile_plans", "PlanCheck"]

MAX_TIMEOUTS = 2
_HUB_TIERS = ("cloud", "chip", "designer")
_TYPICAL_TIERS = ("tenant", "chip", "server_maker", "distributor", "cloud")


@dataclass(frozen=True)
class Samples:
    """Entities the questions are asked about, the same for every store of one graph."""

    hubs: list[str]
    typical: list[str]
    pairs: list[tuple[str, str]]  # typical -> typical
    supply_pairs: list[tuple[str, str]]  # equipment maker, foundry or designer -> tenant


@dataclass
class CaseResult:
    """Timings of one question on one class of samples."""

    store: str
    question: str
    samples: str
    count: int = 0
    timeouts: int = 0
    skipped: int = 0
    no_path: int = 0
    answer_size: int = 0  # relationships (or paths, or tier members) in all answers together
    timings_ms: list[float] = field(default_factory=list)

    @property
    def p50_ms(self) -> float | None:
        return statistics.median(self.timings_ms) if self.timings_ms else None

    @property
    def p95_ms(self) -> float | None:
        if not self.timings_ms:
            return None
        ordered = sorted(self.timings_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def summary(self) -> dict[str, Any]:
        data = asdict(self)
        del data["timings_ms"]
        return data | {"p50_ms": self.p50_ms, "p95_ms": self.p95_ms}


def pick_samples(graph: SyntheticGraph, store: GraphStore, *, count: int = 20, seed: int = 11) -> Samples:
    """Hubs (the first, heaviest member of each hub tier) and `count` random typical entities that have facts.

    Pairs join typical entities; supply pairs join an upstream supplier to a typical tenant.
    """
    rng = random.Random(seed)
    typical: list[str] = []
    for attempt in range(100 * count):
        if len(typical) >= count:
            break
        ids = graph.tiers[_TYPICAL_TIERS[attempt % len(_TYPICAL_TIERS)]]
        candidate = ids[rng.randrange(len(ids))]
        if candidate not in typical and store.neighbourhood(candidate, hops=1, limit=1).relations:
            typical.append(candidate)
    upstream = [entity for tier in ("equipment", "foundry", "designer") for entity in graph.tiers[tier]]
    tenants = [entity for entity in typical if entity.startswith("tenant")] or typical
    pairs = [(typical[i], typical[(i * 7 + 3) % len(typical)]) for i in range(len(typical))]
    return Samples(
        hubs=[graph.tiers[tier][0] for tier in _HUB_TIERS],
        typical=typical,
        pairs=[(a, b) for a, b in pairs if a != b],
        supply_pairs=[(rng.choice(upstream), tenants[i % len(tenants)]) for i in range(count)],
    )


Question = Callable[[GraphStore, Any], int]


def _neighbourhood(hops: int) -> Question:
    return lambda store, entity: len(neighbourhood(store, entity, hops=hops).relations)


def _paths(limit: int) -> Question:
    return lambda store, pair: len(shortest_paths(store, *pair, limit=limit))


def _supply(limit: int) -> Question:
    return lambda store, pair: len(supply_paths(store, *pair, limit=limit))


def _suppliers(store: GraphStore, entity: str) -> int:
    return sum(len(tier.members) for tier in suppliers_of(store, entity, tiers=3))


def cases(samples: Samples) -> list[tuple[str, str, Question, list[Any]]]:
    """(question, sample class, question function, samples) for every timed case."""
    return [
        *((f"neighbourhood {hops}-hop", kind, _neighbourhood(hops), items)
          for hops in (1, 2, 3) for kind, items in (("hubs", samples.hubs), ("typical", samples.typical))),
        ("shortest path", "typical pairs", _paths(1), samples.pairs),
        ("5 shortest paths", "typical pairs", _paths(5), samples.pairs),
        ("supply path", "supplier -> tenant", _supply(1), samples.supply_pairs),
        ("5 supply paths", "supplier -> tenant", _supply(5), samples.supply_pairs),
        ("suppliers, 3 tiers", "hubs", _suppliers, samples.hubs),
        ("suppliers, 3 tiers", "typical", _suppliers, samples.typical),
    ]


def run_cases(
    store: GraphStore,
    samples: Samples,
    *,
    timeout_s: float = 10.0,
    repeats: int = 1,
    advance: Callable[[str], None] | None = None,
) -> list[CaseResult]:
    """Time every case on `store`; each sample is asked `repeats` times after one warm-up call per case.

    Python's cyclic collector would otherwise rescan everything this process holds (the generated
    graph, every imported module) in a full collection, a ~50 ms pause once in about twenty calls
    that belongs to the harness, not to the query; so what exists before timing starts is frozen
    (`gc.freeze`, as long-running Python servers do after start-up). Objects the queries create are
    still collected as usual.
    """
    results = []
    gc.collect()
    gc.freeze()
    try:
        for question, kind, ask, items in cases(samples):
            result = CaseResult(store=store.name, question=question, samples=kind)
            runner = _neo4j_runner if isinstance(store, Neo4jStore) else _forked_runner
            runner(store, ask, items * repeats, result, timeout_s=timeout_s)
            results.append(result)
            if advance is not None:
                advance(f"{question} ({kind})")
    finally:
        gc.unfreeze()
    return results


def _timed(store: GraphStore, ask: Question, item: Any) -> tuple[float, int, bool]:
    began = time.perf_counter()
    try:
        size, no_path = ask(store, item), False
    except NoPath:
        size, no_path = 0, True
    return (time.perf_counter() - began) * 1000, size, no_path


def _record(result: CaseResult, elapsed_ms: float, size: int, no_path: bool) -> None:
    result.count += 1
    result.timings_ms.append(elapsed_ms)
    result.answer_size += size
    result.no_path += no_path


def _neo4j_runner(store: GraphStore, ask: Question, items: list[Any], result: CaseResult, *, timeout_s: float) -> None:
    """Ask in this process; a watchdog terminates the server transaction of a call that overruns."""
    assert isinstance(store, Neo4jStore)
    # The first call is a warm-up (query plans compiled, pages cached) and is not recorded.
    for index, item in enumerate(items[:1] + items):
        if result.timeouts >= MAX_TIMEOUTS:
            result.skipped = len(items) - index + 1
            return
        fired = threading.Event()
        watchdog = threading.Timer(timeout_s, _terminate_transactions, args=(store.driver, store.database, fired))
        watchdog.start()
        try:
            timing = _timed(store, ask, item)
        except Neo4jError:
            if not fired.is_set():
                raise  # a real error, not our timeout
            result.timeouts += 1
            continue
        finally:
            watchdog.cancel()
        if index > 0:
            _record(result, *timing)


def _terminate_transactions(driver: Driver, database: str, fired: threading.Event) -> None:
    """Stop every running query of the bench's connection but this one (the bench runs one at a time).

    `fired` is set first, so the asking thread, woken by the termination, always knows the cause.
    """
    fired.set()
    records, _, _ = driver.execute_query(
        "SHOW TRANSACTIONS YIELD transactionId, currentQuery "
        "WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN transactionId",
        database_=database,
    )
    ids = [record["transactionId"] for record in records]
    if ids:
        driver.execute_query("TERMINATE TRANSACTIONS $ids", ids=ids, database_=database)


def _forked_runner(store: GraphStore, ask: Question, items: list[Any], result: CaseResult, *,
                   timeout_s: float) -> None:
    """Ask in a forked child (it shares the loaded graph copy-on-write) that is killed if a call overruns."""
    context = multiprocessing.get_context("fork")
    queue = context.SimpleQueue()

    def child() -> None:
        if items:
            _timed(store, ask, items[0])  # warm-up, as on Neo4j
        for item in items:
            queue.put(_timed(store, ask, item))
        queue.put(None)

    process = context.Process(target=child, daemon=True)
    process.start()
    try:
        done = 0
        deadline = time.monotonic() + 2 * timeout_s  # the warm-up call has its own allowance
        while done < len(items):
            while queue.empty():
                if time.monotonic() > deadline or not process.is_alive() and queue.empty():
                    result.timeouts += 1
                    result.skipped = len(items) - done - 1
                    return
                time.sleep(0.005)
            entry = queue.get()
            if entry is None:
                return
            _record(result, *entry)
            done += 1
            deadline = time.monotonic() + timeout_s
    finally:
        process.kill()
        process.join()


# --- plans ----------------------------------------------------------------------------------------

_BAD_OPERATORS = ("AllNodesScan", "NodeByLabelScan", "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan")


@dataclass(frozen=True)
class PlanCheck:
    """What PROFILE showed for one statement."""

    statement: str
    operators: list[str]
    db_hits: int
    rows: int
    problems: list[str]


def profile_plans(store: Neo4jStore, samples: Samples) -> list[PlanCheck]:
    """PROFILE each statement behind the timed questions, with parameters of a hub and a typical pair."""
    hub = samples.hubs[0]
    source, target = samples.pairs[0]
    giver, tenant = samples.supply_pairs[0]
    all_types = frozenset(RelType)
    forward = frozenset(t for t, o in supply.FLOW.items() if o is supply.Orientation.FORWARD)
    backward = frozenset(supply.FLOW) - forward
    statuses = {"no_status": None in HAPPENED, "statuses": [str(s) for s in HAPPENED if s is not None]}
    statements: list[tuple[str, str, dict[str, Any]]] = [
        ("entity by id", cypher.READ_ENTITY, {"id": hub}),
        ("neighbourhood group sizes (hubs)", cypher.group_sizes(Direction.BOTH, all_types)[0],
         {"frontier": samples.hubs}),
        ("neighbourhood groups (hub)", cypher.expand_groups(Direction.BOTH, frozenset({RelType.INVESTS_IN})),
         {str(RelType.INVESTS_IN): [hub]}),
        ("entities by id", cypher.READ_ENTITIES_BY_ID, {"ids": samples.typical}),
        ("best path", cypher.best_path(Direction.BOTH, all_types, 6),
         {"source": source, "target": target, "avoided": [], "not_first": []}),
        ("supply steps (upstream)", cypher.oriented_steps(forward, backward, upstream=True),
         {"ids": [tenant], **statuses}),
        ("supply path search layer", cypher.oriented_neighbours(forward, backward, upstream=True),
         {"ids": [tenant], **statuses}),
        ("supply path search step", cypher.oriented_neighbours(forward, backward, upstream=False),
         {"ids": [giver], **statuses}),
    ]
    checks = []
    for name, statement, parameters in statements:
        summary = store.driver.execute_query("PROFILE " + statement, parameters, database_=store.database).summary
        profile = summary.profile or {}
        operators: list[str] = []
        problems: list[str] = []
        db_hits = _walk(profile, operators, problems)
        checks.append(PlanCheck(name, operators, db_hits, int(profile.get("rows", 0)), problems))
    return checks


def _walk(plan: dict[str, Any], operators: list[str], problems: list[str]) -> int:
    operator = str(plan.get("operatorType", "?")).split("@")[0]
    operators.append(operator)
    children = plan.get("children", [])
    if operator in _BAD_OPERATORS:
        problems.append(operator)
    if operator == "CartesianProduct":
        kinds = {str(child.get("operatorType", "")).split("@")[0] for child in children}
        if not kinds <= {"NodeUniqueIndexSeek", "NodeUniqueIndexSeek(Locking)"}:
            problems.append(f"CartesianProduct of {sorted(kinds)}")
    return int(plan.get("dbHits", 0)) + sum(_walk(child, operators, problems) for child in children)
