"""The local Neo4j lifecycle against a real JVM: start, Bolt, `cjk` full-text, second start, busy port, stop.

One server (own temporary state directory, free port) serves the whole module, so the JVM starts once.
The first run ever also compiles the launcher, which downloads the Neo4j jars into ~/.m2.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError
from typer.testing import CliRunner

from computekg.app.cli_neo4j import neo4j_app
from computekg.graph.neo4j_password import LOCAL_USER, password_file
from computekg.graph.neo4j_server import Neo4jServerError, ServerStatus, start, status, stop
from computekg.graph.settings import Settings, get_settings

pytestmark = pytest.mark.neo4j

START_GUARD_S = 900.0  # only a hang guard, as in tests/conftest.py


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _settings(home: Path, port: int) -> Settings:
    return get_settings().model_copy(
        update={"home": home, "neo4j_port": port, "neo4j_heap": "512m", "neo4j_pagecache": "128m"}
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, ServerStatus]]:
    if not (shutil.which("java") and shutil.which("mvn")):
        if os.environ.get("COMPUTEKG_REQUIRE_NEO4J") == "1":
            pytest.fail("Neo4j is required (COMPUTEKG_REQUIRE_NEO4J=1) but java or mvn is missing")
        pytest.skip("java/mvn not installed: local Neo4j server tests skipped")
    settings = _settings(tmp_path_factory.mktemp("neo4j-home"), _free_port())
    started = start(settings, timeout=START_GUARD_S)
    try:
        yield settings, started
    finally:
        stop(settings)


def _password(settings: Settings) -> str:
    return password_file(settings).read_text(encoding="ascii").strip()


@pytest.fixture(scope="module")
def driver(server: tuple[Settings, ServerStatus]) -> Iterator[Driver]:
    settings, started = server
    with GraphDatabase.driver(started.uri, auth=(LOCAL_USER, _password(settings))) as bolt:
        yield bolt


def test_the_password_is_generated_and_readable_by_its_owner_only(server: tuple[Settings, ServerStatus]) -> None:
    path = password_file(server[0])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(_password(server[0])) >= 24


@pytest.mark.parametrize("auth", [None, (LOCAL_USER, "neo4j"), (LOCAL_USER, "wrong-password")])
def test_a_connection_without_the_password_is_refused(server: tuple[Settings, ServerStatus],
                                                      auth: tuple[str, str] | None) -> None:
    """The server had no authentication: any local process could write to it on loopback (issue 16.10)."""
    with GraphDatabase.driver(server[1].uri, auth=auth) as bolt, pytest.raises(AuthError):
        bolt.execute_query("CREATE (:Intruder) RETURN 1")


def test_the_projects_commands_connect_with_the_password(server: tuple[Settings, ServerStatus],
                                                         monkeypatch: pytest.MonkeyPatch, driver: Driver) -> None:
    """`computekg load` and `computekg cypher` read the password from COMPUTEKG_HOME; no NEO4J_PASSWORD needed."""
    from computekg.app.cli import app

    settings, started = server
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    for name, value in (("COMPUTEKG_HOME", str(settings.home)), ("COMPUTEKG_NEO4J_PORT", str(settings.neo4j_port)),
                        ("NEO4J_URI", started.uri), ("COMPUTEKG_STORE", "neo4j")):
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    loaded = runner.invoke(app, ["load"])
    assert loaded.exit_code == 0, loaded.output
    asked = runner.invoke(app, ["cypher", "MATCH (n:Organization {id: 'tsmc'}) RETURN n.name AS name", "--json"])
    assert asked.exit_code == 0 and "TSMC" in asked.output
    assert driver.execute_query("MATCH (n:Intruder) RETURN count(n) AS n").records[0]["n"] == 0
    driver.execute_query("MATCH (n) DETACH DELETE n")


def test_bolt_answers(server: tuple[Settings, ServerStatus], driver: Driver) -> None:
    settings, started = server
    assert started.running and started.pid is not None
    assert started.uri == f"bolt://127.0.0.1:{settings.neo4j_port}"
    records = driver.execute_query("RETURN 1 AS one").records
    assert records[0]["one"] == 1


def test_cjk_analyzer_is_available(driver: Driver) -> None:
    records = driver.execute_query(
        "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer RETURN collect(analyzer) AS names"
    ).records
    assert "cjk" in records[0]["names"]


def test_cjk_fulltext_query_needs_no_apoc(driver: Driver) -> None:
    driver.execute_query(
        "CREATE FULLTEXT INDEX probe_text IF NOT EXISTS FOR (n:Probe) ON EACH [n.text] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
    )
    driver.execute_query("CREATE (:Probe {text: '台积电扩大在亚利桑那州的晶圆厂投资'})")
    driver.execute_query("CALL db.awaitIndexes(60)")
    hits = driver.execute_query(
        "CALL db.index.fulltext.queryNodes('probe_text', '台积电') YIELD node RETURN node.text AS text"
    ).records
    assert [hit["text"] for hit in hits] == ["台积电扩大在亚利桑那州的晶圆厂投资"]
    apoc = driver.execute_query("SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'apoc' RETURN count(*) AS n")
    assert apoc.records[0]["n"] == 0


def test_second_start_returns_the_running_server(server: tuple[Settings, ServerStatus]) -> None:
    settings, started = server
    again = start(settings)
    assert again.running and again.pid == started.pid


def test_status_reports_running(server: tuple[Settings, ServerStatus]) -> None:
    settings, started = server
    current = status(settings)
    assert current.running and current.pid == started.pid
    assert current.data_dir.is_dir()


def test_cli_status_prints_pid(server: tuple[Settings, ServerStatus], monkeypatch: pytest.MonkeyPatch) -> None:
    settings, started = server
    monkeypatch.setenv("COMPUTEKG_HOME", str(settings.home))
    monkeypatch.setenv("COMPUTEKG_NEO4J_PORT", str(settings.neo4j_port))
    result = CliRunner().invoke(neo4j_app, ["status"])
    assert result.exit_code == 0
    assert f"pid:      {started.pid}" in result.output


def test_busy_port_is_refused_with_its_number(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        with pytest.raises(Neo4jServerError, match=f"Port {port}.*COMPUTEKG_NEO4J_PORT"):
            start(_settings(tmp_path / "home", port))
        monkeypatch.setenv("COMPUTEKG_HOME", str(tmp_path / "home"))
        monkeypatch.setenv("COMPUTEKG_NEO4J_PORT", str(port))
        result = CliRunner().invoke(neo4j_app, ["start"])
    assert result.exit_code == 1
    assert f"Error: Port {port}" in result.output
    assert "Traceback" not in result.output


def test_stale_pid_file_is_cleared(tmp_path: Path) -> None:
    settings = _settings(tmp_path / "home", _free_port())
    gone = subprocess.Popen(["true"])
    gone.wait()
    pid_file = tmp_path / "home" / "neo4j" / "server.pid"
    pid_file.parent.mkdir(parents=True)
    pid_file.write_text(f'{{"pid": {gone.pid}, "port": {settings.neo4j_port}}}')
    assert not status(settings).running
    assert not pid_file.exists()
    assert not stop(settings).running


# Runs last in this module: it stops the shared server.
def test_stop_frees_the_port(server: tuple[Settings, ServerStatus]) -> None:
    settings, _ = server
    stopped = stop(settings)
    assert not stopped.running
    assert not status(settings).running
    assert _port_free(settings.neo4j_port)
    assert not stop(settings).running


def test_a_stopped_home_starts_again_with_its_password(server: tuple[Settings, ServerStatus]) -> None:
    """The second start of a home (after `stop`, or a machine restart) keeps its store and its password: the
    launcher sets the password at every start, and Neo4j refuses to set the one a user already has."""
    settings, _ = server
    stop(settings)
    again = start(settings, timeout=START_GUARD_S)
    try:
        with GraphDatabase.driver(again.uri, auth=(LOCAL_USER, _password(settings))) as bolt:
            assert bolt.execute_query("RETURN 1 AS one").records[0]["one"] == 1
    finally:
        stop(settings)
