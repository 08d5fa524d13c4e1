"""The Cypher console: read-only by default, parameters as data, a server-side timeout, a row cap.

Runs against a real Neo4j holding the bundled seed graph (the `store` fixture of tests/conftest.py,
narrowed to its Neo4j side); the CLI is driven through typer's CliRunner.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from computekg.app.cli_cypher import cypher_command, parse_params
from computekg.app.ui.cypher_console import parse_params as parse_console_params
from computekg.graph.memory_store import MemoryStore
from computekg.graph.neo4j_store import Neo4jStore
from computekg.graph.settings import Settings
from computekg.graph.store import GraphStore
from computekg.queries.cypher import (
    MAX_NESTING,
    MAX_QUERY_CHARS,
    CypherError,
    CypherLimitExceeded,
    CypherTimeout,
    CypherWriteRefused,
    run_cypher,
)

ON_NEO4J = pytest.mark.parametrize(
    "empty_store", [pytest.param("neo4j", marks=pytest.mark.neo4j)], indirect=True
)
WRITES = [
    "CREATE (n:Scratch {v: 1})",
    "MERGE (n:Scratch {v: 1}) RETURN n",
    "MATCH (n:Entity) SET n.touched = true",
    "MATCH (n:Entity) WITH n LIMIT 1 DETACH DELETE n",
    "MATCH ()-[r:SUPPLIES]->() DELETE r",
    "MATCH (n:Entity) REMOVE n:Entity",
    "CALL db.createLabel('Scratch')",
    "CREATE INDEX scratch_v FOR (n:Scratch) ON (n.v)",
    "UNWIND [1, 2] AS x CALL (x) { CREATE (:Scratch {v: x}) } IN TRANSACTIONS",
    "CALL () { MATCH (n:Entity) RETURN n.id AS id } IN TRANSACTIONS RETURN id",
    "LOAD CSV FROM 'file:///etc/hostname' AS line RETURN line",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "CALL dbms.components()",
    "PROFILE CREATE (n:Scratch)",
]
# Reads, as Neo4j plans them, of what is not this graph: other sessions' queries, the server's settings
# and paths, query statistics; or calls that change how the server plans. Quoting and comments hide nothing.
OUTSIDE_THE_GRAPH = [
    "SHOW TRANSACTIONS",
    "SHOW SETTINGS YIELD name, value RETURN name, value",
    "CALL db.stats.retrieve('GRAPH COUNTS')",
    "CALL db.stats.collect('QUERIES')",
    "CALL db.stats.clear('QUERIES')",
    "CALL db.resampleOutdatedIndexes()",
    "CALL db.prepareForReplanning()",
    "CALL `db`.`stats`.`retrieve`('GRAPH COUNTS')",
    "CALL /* a comment */ db . stats . retrieve('GRAPH COUNTS') YIELD section RETURN section",
    "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'password' RETURN currentQuery",
    "MATCH (n:Entity) WITH n LIMIT 1 CALL (n) { CALL db.stats.retrieve('GRAPH COUNTS') YIELD section "
    "RETURN section } RETURN n.id, section",
    "USE system SHOW SETTINGS",
    "CALL db.info()",
]


@pytest.fixture
def neo4j_store(store: GraphStore) -> Neo4jStore:
    assert isinstance(store, Neo4jStore)
    return store


@ON_NEO4J
def test_a_read_returns_rows_and_the_subgraph_they_contain(neo4j_store: Neo4jStore) -> None:
    result = run_cypher(
        neo4j_store,
        "MATCH (a:Entity)-[r]->(b:Entity) WHERE type(r) <> 'MENTIONS' "
        "RETURN a.id AS subject, r, b ORDER BY r.id LIMIT 5",
    )
    assert result.columns == ("subject", "r", "b")
    assert len(result.rows) == 5 and not result.truncated
    stored = {r.id: r for r in neo4j_store.snapshot().relations}
    rows: list[dict[str, Any]] = list(result.rows)
    for row in rows:
        fact, far_end = row["r"], row["b"]
        assert fact["start"] == row["subject"] and fact["end"] == far_end["properties"]["id"]
        assert "Entity" in far_end["labels"]
        assert stored[fact["properties"]["id"]].type == fact["type"]
    assert result.subgraph is not None
    # The facts convert back exactly, and the entities they connect come along (`a` was not returned).
    assert all(stored[r.id] == r for r in result.subgraph.relations) and len(result.subgraph.relations) == 5
    assert {r.subject for r in result.subgraph.relations} <= result.subgraph.entity_ids()


@ON_NEO4J
def test_paths_and_plain_values(neo4j_store: Neo4jStore) -> None:
    path = run_cypher(neo4j_store, "MATCH p = (:Entity)-[:SUPPLIES]->(:Entity) RETURN p LIMIT 1")
    (steps,) = (row["p"] for row in path.rows)
    assert isinstance(steps, list) and len(steps) == 3  # node, relationship, node
    assert path.subgraph is not None and len(path.subgraph.relations) == 1

    plain = run_cypher(neo4j_store, "RETURN 1 AS one, 'x' AS s, date('2023-07-04') AS d, [1, null] AS l")
    assert plain.rows == ({"one": 1, "s": "x", "d": "2023-07-04", "l": [1, None]},)
    assert plain.subgraph is None


@ON_NEO4J
@pytest.mark.parametrize("query", WRITES)
def test_writes_are_refused_without_the_write_flag(neo4j_store: Neo4jStore, query: str) -> None:
    before = neo4j_store.counts()
    with pytest.raises(CypherWriteRefused, match="refused in read-only mode"):
        run_cypher(neo4j_store, query)
    assert neo4j_store.counts() == before


@ON_NEO4J
@pytest.mark.parametrize("query", OUTSIDE_THE_GRAPH)
def test_only_allow_listed_procedures_and_commands_run_read_only(neo4j_store: Neo4jStore, query: str) -> None:
    with pytest.raises(CypherWriteRefused, match="refused in read-only mode"):
        run_cypher(neo4j_store, query)


@ON_NEO4J
@pytest.mark.parametrize(
    ("query", "params", "column"),
    [
        ("CALL db.labels() YIELD label RETURN label", {}, "label"),
        ("SHOW INDEXES YIELD name RETURN name", {}, "name"),
        ("CALL db.index.fulltext.queryNodes('entity_names', $text) YIELD node RETURN node.id AS id",
         {"text": "TSMC"}, "id"),
    ],
)
def test_allow_listed_reads_of_the_graph_and_its_schema_run(
    neo4j_store: Neo4jStore, query: str, params: dict[str, Any], column: str
) -> None:
    result = run_cypher(neo4j_store, query, params=params)
    assert result.columns == (column,) and result.rows


@ON_NEO4J
@pytest.mark.parametrize(
    "query",
    [
        "MATCH (n:Entity) WHERE n.note = 'LOAD CSV; CREATE (x)' RETURN count(n) AS n",
        "WITH [1] AS transactions RETURN 1 IN transactions AS n",
        "// CALL dbms.components()\nRETURN 1 AS n",
        "PROFILE RETURN 1 AS n",
        "CYPHER 5 RETURN 1 AS n",
    ],
)
def test_reads_that_mention_write_keywords_run(neo4j_store: Neo4jStore, query: str) -> None:
    assert run_cypher(neo4j_store, query).columns == ("n",)


@ON_NEO4J
def test_writes_run_with_the_write_flag(neo4j_store: Neo4jStore) -> None:
    run_cypher(neo4j_store, "CREATE (:Scratch {v: 1})", write=True)
    run_cypher(neo4j_store, "MERGE (n:Scratch {v: 1}) SET n.w = 2", write=True)
    assert run_cypher(neo4j_store, "MATCH (n:Scratch) RETURN n.v AS v, n.w AS w").rows == ({"v": 1, "w": 2},)
    run_cypher(neo4j_store, "MATCH (n:Scratch) DELETE n", write=True)
    assert run_cypher(neo4j_store, "MATCH (n:Scratch) RETURN count(n) AS n").rows == ({"n": 0},)


@ON_NEO4J
def test_parameters_are_data_not_code(neo4j_store: Neo4jStore) -> None:
    hostile = "x' }) DETACH DELETE n //"
    before = neo4j_store.counts()
    found = run_cypher(
        neo4j_store, "MATCH (n:Entity) WHERE n.name = $name RETURN count(n) AS n", params={"name": hostile}
    )
    assert found.rows == ({"n": 0},)
    echoed = run_cypher(
        neo4j_store, "CREATE (n:Scratch {v: $v}) RETURN n.v AS v", params={"v": hostile}, write=True
    )
    assert echoed.rows == ({"v": hostile},)
    assert neo4j_store.counts() == before


@ON_NEO4J
def test_a_runaway_query_is_stopped_by_the_timeout(neo4j_store: Neo4jStore) -> None:
    # The server stops it (a billion rows take far longer than 1 s); how soon it says so is not asserted.
    with pytest.raises(CypherTimeout, match="1 s"):
        run_cypher(neo4j_store, "UNWIND range(1, 1000000000) AS x RETURN count(x)", timeout_s=1.0)


@ON_NEO4J
def test_the_row_cap_truncates_and_says_so(neo4j_store: Neo4jStore) -> None:
    capped = run_cypher(neo4j_store, "UNWIND range(1, 100000000) AS x RETURN x", row_limit=10)
    assert [row["x"] for row in capped.rows] == list(range(1, 11)) and capped.truncated
    whole = run_cypher(neo4j_store, "UNWIND range(1, 10) AS x RETURN x", row_limit=10)
    assert len(whole.rows) == 10 and not whole.truncated


@ON_NEO4J
def test_a_syntax_error_carries_neo4j_s_message_about_the_user_s_query(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(CypherError, match="Invalid input") as error:
        run_cypher(neo4j_store, "MATCH (n RETURN n")
    message = str(error.value)
    assert "EXPLAIN" not in message
    assert "(line 1, column 10 (offset: 9))" in message and '"MATCH (n RETURN n"\n          ^' in message
    with pytest.raises(CypherError, match=r"\(line 2, column 10 \(offset: 27\)\)"):
        run_cypher(neo4j_store, "PROFILE MATCH (n)\nRETURN n,, 1")


def _serves(store: Neo4jStore) -> bool:
    return run_cypher(store, "RETURN 1 AS one").rows == ({"one": 1},)


@ON_NEO4J
def test_a_query_that_needs_more_heap_than_the_server_has_fails_alone(neo4j_store: Neo4jStore) -> None:
    # A 1 GiB string, built where Neo4j does not track memory: it used to end the server (OutOfMemoryError).
    doubling = "RETURN size(reduce(s = 'xxxxxxxxxxxxxxxx', i IN range(1, 26) | s + s)) AS n"
    with pytest.raises(CypherLimitExceeded, match="more memory than the server allows"):
        run_cypher(neo4j_store, doubling)
    assert _serves(neo4j_store)


@ON_NEO4J
def test_a_query_over_the_transaction_memory_limit_fails_alone(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(CypherLimitExceeded, match="db.memory.transaction.max"):
        run_cypher(neo4j_store, "UNWIND range(1, 50000000) AS x RETURN size(collect(x)) AS n", timeout_s=60)
    assert _serves(neo4j_store)


@ON_NEO4J
@pytest.mark.parametrize(
    ("query", "limit"),
    [
        ("RETURN 1" + " + 1" * 50_000, f"at most {MAX_QUERY_CHARS:,}"),  # held a connection for minutes
        ("RETURN " + "(" * 1000 + "1" + ")" * 1000 + " AS n", f"at most {MAX_NESTING} levels"),  # overflowed
        ("RETURN " + "[" * (MAX_NESTING + 1) + "1" + "]" * (MAX_NESTING + 1) + " AS n", "levels"),
    ],
)
def test_a_query_too_long_or_too_deep_to_parse_safely_is_refused_unsent(
    neo4j_store: Neo4jStore, query: str, limit: str
) -> None:
    for write in (False, True):
        with pytest.raises(CypherLimitExceeded, match=limit):
            run_cypher(neo4j_store, query, write=write)
    assert _serves(neo4j_store)


@ON_NEO4J
def test_a_result_too_big_to_show_is_refused(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(CypherLimitExceeded, match="200,000 values"):
        run_cypher(neo4j_store, "RETURN range(1, 3000000) AS r")  # one row that took the CLI minutes to print
    with pytest.raises(CypherLimitExceeded, match="10,000,000 characters"):
        run_cypher(neo4j_store, "RETURN reduce(s = 'x', i IN range(1, 24) | s + s) AS s")  # 16 MiB of text
    assert len(run_cypher(neo4j_store, "RETURN range(1, 100000) AS r").rows[0]["r"]) == 100000  # type: ignore[arg-type]


@ON_NEO4J
def test_the_deepest_expression_within_the_limits_parses_on_the_server(neo4j_store: Neo4jStore) -> None:
    # About 1,200 chained operators: with a 1 MB thread stack, 400 overflowed the server's parser, which then
    # could not send the error back and left the client waiting.
    terms = (MAX_QUERY_CHARS - len("RETURN  AS n")) // 4
    query = "RETURN " + "+".join(['"a"'] * terms) + " AS n"
    assert len(query) <= MAX_QUERY_CHARS
    assert run_cypher(neo4j_store, query, timeout_s=60).rows == ({"n": "a" * terms},)
    assert _serves(neo4j_store)
    nested = "RETURN " + "[" * MAX_NESTING + "1" + "]" * MAX_NESTING + " AS n"
    assert len(run_cypher(neo4j_store, nested).rows) == 1


def test_the_memory_store_has_no_cypher_console() -> None:
    with pytest.raises(CypherError, match=r"needs Neo4j: run `computekg neo4j start` or set NEO4J_URI"):
        run_cypher(MemoryStore(), "RETURN 1")


def test_cli_parameters_are_json_when_they_parse() -> None:
    assert parse_params(["n=5", "name=NVIDIA", 's="5"', "ids=[1, 2]", "q=a=b"]) == {
        "n": 5,
        "name": "NVIDIA",
        "s": "5",
        "ids": [1, 2],
        "q": "a=b",
    }
    with pytest.raises(ValueError, match="KEY=VALUE"):
        parse_params(["novalue"])


@pytest.mark.parametrize("value", ["[" * 20_000, "[" * 20_000 + "]" * 20_000, '{"a": ' * 5_000 + "1" + "}" * 5_000])
def test_a_parameter_nested_too_deep_is_refused_in_words(value: str) -> None:
    """Python's JSON reader recurses once per level: 20,000 brackets ended the command with a RecursionError."""
    with pytest.raises(CypherLimitExceeded, match=f"at most {MAX_NESTING} levels"):
        parse_params([f"x={value}"])
    with pytest.raises(CypherLimitExceeded, match=f"at most {MAX_NESTING} levels"):
        parse_console_params(f'{{"x": {value}}}')


@pytest.fixture
def cli(neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A runner whose environment points `get_settings()` at the test server, with a wide terminal."""
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value())
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.neo4j_database)
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("cypher")(cypher_command)
    app.command("other")(lambda: None)  # two commands, so `cypher` is addressed by name as in the real CLI
    return app


@ON_NEO4J
def test_cli_prints_a_table_or_json(neo4j_store: Neo4jStore, cli: CliRunner) -> None:
    entity = neo4j_store.snapshot().entities[0]
    query = "MATCH (n:Entity {id: $id}) RETURN n.id AS id, n.name AS name"
    table = cli.invoke(_app(), ["cypher", query, "--param", f'id="{entity.id}"'])
    assert table.exit_code == 0, table.stderr
    assert "id" in table.stdout and "name" in table.stdout and entity.name in table.stdout
    assert "1 row" in table.stdout

    as_json = cli.invoke(_app(), ["cypher", query, "-p", f'id="{entity.id}"', "--json"])
    assert as_json.exit_code == 0, as_json.stderr
    assert json.loads(as_json.stdout) == {
        "columns": ["id", "name"],
        "rows": [{"id": entity.id, "name": entity.name}],
        "truncated": False,
    }

    capped = cli.invoke(_app(), ["cypher", "UNWIND range(1, 5) AS x RETURN x", "--limit", "2"])
    assert capped.exit_code == 0 and "2 rows (truncated at --limit 2)" in capped.stdout

    long_text = "RETURN reduce(s = 'x', i IN range(1, 11) | s + s) AS s"  # 2,048 characters
    clipped = cli.invoke(_app(), ["cypher", long_text])
    assert clipped.exit_code == 0 and "2,048 characters; --json prints them all" in clipped.stdout
    assert "x" * 600 not in clipped.stdout.replace("│", "").replace("\n", "").replace(" ", "")
    whole = cli.invoke(_app(), ["cypher", long_text, "--json"])
    assert json.loads(whole.stdout)["rows"] == [{"s": "x" * 2048}]


@ON_NEO4J
def test_cli_refuses_a_write_without_the_flag(neo4j_store: Neo4jStore, cli: CliRunner) -> None:
    refused = cli.invoke(_app(), ["cypher", "CREATE (:Scratch)"])
    assert refused.exit_code == 1
    assert "refused in read-only mode" in refused.stderr and "add --write to run it" in refused.stderr
    assert "write=True" not in refused.stderr
    assert "Traceback" not in refused.stderr + refused.stdout

    allowed = cli.invoke(
        _app(), ["cypher", "CREATE (n:Scratch) RETURN count(n) AS made", "--write", "--json"]
    )
    assert allowed.exit_code == 0, allowed.stderr
    assert json.loads(allowed.stdout)["rows"] == [{"made": 1}]


@ON_NEO4J
def test_cli_reports_neo4j_errors_without_a_traceback(neo4j_store: Neo4jStore, cli: CliRunner) -> None:
    failed = cli.invoke(_app(), ["cypher", "MATCH (n RETURN n"])
    assert failed.exit_code == 1 and "Invalid input" in failed.stderr
    assert failed.exception is None or isinstance(failed.exception, SystemExit)
