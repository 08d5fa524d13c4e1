"""Shared fixtures: the bundled fact base, and a `store` fixture run against both stores.

The Neo4j side uses a real server: the one in `NEO4J_URI` when `COMPUTEKG_TEST_NEO4J_URI`
is set, otherwise the project's own local server, started once per session on a test port.
With `COMPUTEKG_REQUIRE_NEO4J=1` (set by `.ci/run`) a server that cannot be reached fails
the run instead of skipping the Neo4j tests.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from pydantic import SecretStr

from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import Subgraph
from computekg.graph.settings import Settings
from computekg.graph.store import GraphStore
from computekg.loaders.bundle import load_bundled_graph

REQUIRE_NEO4J = os.environ.get("COMPUTEKG_REQUIRE_NEO4J") == "1"
TEST_PORT = int(os.environ.get("COMPUTEKG_TEST_NEO4J_PORT", "7688"))
# Only turns a server that never comes up into a failure: a JVM starting on a busy machine may take minutes.
NEO4J_START_GUARD_S = 900.0

# No property test has a per-example deadline: on a busy machine any example can be slow (Hypothesis's
# default of 200 ms would fail a correct test), and speed is measured in bench/, not here.
hypothesis_settings.register_profile("computekg", deadline=None)
hypothesis_settings.load_profile("computekg")


@pytest.fixture(autouse=True)
def _keep_main_module() -> Iterator[None]:
    """Put back the `__main__` module a test replaced: Streamlit's script runner (AppTest) installs the page
    script as `__main__` and leaves it there, and every worker process started later in this run would then
    run the Streamlit page as its main module and die before doing any work."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture(scope="session")
def seed_graph() -> Subgraph:
    """The bundled catalog and fact base, validated and resolved."""
    return load_bundled_graph()


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings pointing at a real, running Neo4j (started here when none is given)."""
    external = os.environ.get("COMPUTEKG_TEST_NEO4J_URI")
    if external:
        yield Settings(NEO4J_URI=external)  # type: ignore[call-arg]
        return
    if not (shutil.which("java") and shutil.which("mvn")):
        if REQUIRE_NEO4J:
            pytest.fail("Neo4j is required (COMPUTEKG_REQUIRE_NEO4J=1) but java or mvn is missing")
        pytest.skip("java/mvn not installed: Neo4j tests skipped (set COMPUTEKG_REQUIRE_NEO4J=1 to fail)")
    from computekg.graph import neo4j_server

    home = Path(os.environ.get("COMPUTEKG_TEST_HOME", ".computekg/test")).resolve()
    settings = Settings(  # type: ignore[call-arg]
        NEO4J_URI=f"bolt://127.0.0.1:{TEST_PORT}", COMPUTEKG_NEO4J_PORT=TEST_PORT, COMPUTEKG_HOME=home
    )
    already_running = neo4j_server.status(settings).running
    try:
        neo4j_server.start(settings, timeout=NEO4J_START_GUARD_S)
    except neo4j_server.Neo4jServerError as error:
        if REQUIRE_NEO4J:
            pytest.fail(f"Neo4j is required but could not start: {error}")
        pytest.skip(f"Neo4j could not start: {error}")
    from computekg.graph.neo4j_password import credentials

    # The password the server was started with, in these settings and in the environment, as a user of their
    # own server would set NEO4J_PASSWORD: tests that point NEO4J_URI at the server (for the CLI, the app or a
    # child process) then reach it as the project's commands reach the local one.
    auth = credentials(settings)
    password = auth[1] if auth else ""
    before = os.environ.get("NEO4J_PASSWORD")
    os.environ["NEO4J_PASSWORD"] = password
    try:
        yield settings.model_copy(update={"neo4j_password": SecretStr(password)})
    finally:
        if before is None:
            os.environ.pop("NEO4J_PASSWORD", None)
        else:
            os.environ["NEO4J_PASSWORD"] = before
    if not already_running:  # leave a server someone else started to them
        neo4j_server.stop(settings)


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def empty_store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """An empty store of each kind; the Neo4j one is wiped before and after the test."""
    if request.param == "memory":
        yield MemoryStore()
        return
    from computekg.graph.neo4j_store import Neo4jStore

    store = Neo4jStore.from_settings(request.getfixturevalue("neo4j_settings"))
    store.load(Subgraph(), replace=True)
    try:
        yield store
    finally:
        store.load(Subgraph(), replace=True)
        store.close()


@pytest.fixture
def store(empty_store: GraphStore, seed_graph: Subgraph) -> GraphStore:
    """A store of each kind holding the bundled seed graph."""
    empty_store.load(seed_graph, replace=True)
    return empty_store
