"""The served app in a real headless Chromium (Debian's `chromium`, driven by Playwright), on both stores.

The app is served exactly as `computekg app` serves it (`streamlit run`, a free port of 127.0.0.1), once
on the embedded store and once on the project's real Neo4j holding the seed graph. What a person sees is
checked through the graph widget's own markup (`data-*` attributes on its nodes and edges: structure and
sizes, not pixels). No request may leave this machine. With `COMPUTEKG_REQUIRE_BROWSER=1` (CI) a missing
Chromium or Playwright fails the test instead of skipping it; with `COMPUTEKG_UPDATE_SCREENSHOT=1` the
screenshots also replace the ones in `docs/`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from served import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, graph_drawn, serve_app

from computekg.graph.model import Subgraph

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
REQUIRE_BROWSER = os.environ.get("COMPUTEKG_REQUIRE_BROWSER") == "1"
OOM_QUERY = "RETURN size(reduce(s = 'xxxxxxxxxxxxxxxx', i IN range(1, 26) | s + s)) AS n"


def _missing(reason: str) -> None:
    if REQUIRE_BROWSER:
        pytest.fail(f"a real browser is required (COMPUTEKG_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(f"{reason}: browser test skipped (set COMPUTEKG_REQUIRE_BROWSER=1 to fail instead)")


@pytest.fixture(scope="module", params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def served_app(request: pytest.FixtureRequest, seed_graph: Subgraph) -> Iterator[tuple[str, str]]:
    """(base URL, store) of the app served on each store."""
    env: dict[str, str] = {}
    if request.param == "neo4j":
        from computekg.graph.neo4j_store import Neo4jStore

        settings = request.getfixturevalue("neo4j_settings")
        with Neo4jStore.from_settings(settings) as store:
            store.load(seed_graph, replace=True)
        env = {"NEO4J_URI": settings.neo4j_uri, "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value()}
    with serve_app(request.param, env) as base:
        yield base, request.param


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        _missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed (pip install playwright; never `playwright install`)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, served_app: tuple[str, str]) -> Iterator[Any]:
    """A fresh tab; every request it makes is recorded, and none may leave 127.0.0.1."""
    base, _ = served_app
    tab = browser.new_page(viewport={"width": 1500, "height": 1100})
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.base = base
    yield tab
    outside = sorted({u for u in requested if not u.startswith((base, "data:", "blob:", "about:"))})
    tab.close()
    assert not outside, f"the app reached outside this machine: {outside}"


def _nodes(widget: Any) -> dict[str, dict[str, float]]:
    """Every drawn node: its position (model coordinates) and radius."""
    found = widget.locator("[data-node]").evaluate_all(
        "els => els.map(e => [e.dataset.node, +e.dataset.x, +e.dataset.y, +e.dataset.r])")
    return {node: {"x": x, "y": y, "r": r} for node, x, y, r in found}


def _edge(widget: Any, edge_id: str) -> dict[str, str]:
    return dict(widget.locator(f"[data-edge='{edge_id}']").evaluate(
        "e => ({count: e.dataset.count, width: e.dataset.width, dashed: e.dataset.dashed})"))


def _shot(page: Any, name: str) -> None:
    if os.environ.get("COMPUTEKG_UPDATE_SCREENSHOT") == "1":
        page.wait_for_timeout(500)
        page.screenshot(path=str(DOCS / name))


def test_a_shared_paths_link_shows_the_answer_first_and_the_sidebar_icons(page: Any) -> None:
    page.goto(f"{page.base}/paths?from=tsmc&to=%E6%99%BA%E8%B0%B1")
    page.get_by_text("3 paths from TSMC to Zhipu AI").wait_for(timeout=WAIT_MS)
    widget = graph_drawn(page)
    assert {"tsmc", "nvidia", "bytedance", "volcano-engine", "zhipu-ai"} <= set(_nodes(widget))
    chain = page.get_by_text("TSMC → NVIDIA → ByteDance → Volcano Engine → Zhipu AI").first
    assert chain.bounding_box()["y"] < 1100, "the path chain is on the first screen"
    # Material icons (a font Streamlit ships), not emoji that need a font the server may lack.
    icons = page.locator("[data-testid='stSidebarNav'] [data-testid='stIconMaterial']")
    assert icons.count() >= 6
    page.get_by_role("link", name="Sources").click()
    page.get_by_text("Facts taken from this article").wait_for(timeout=WAIT_MS)
    assert page.locator("mark[data-entity='tsmc']").count() > 0


def test_the_nvidia_two_hop_view_merges_parallel_facts_and_sizes_by_degree(page: Any,
                                                                            seed_graph: Subgraph) -> None:
    page.goto(f"{page.base}/explore?entity=nvidia&hops=2")  # a bare /explore link works
    widget = graph_drawn(page)
    assert not page.get_by_text("Page not found").is_visible()
    nodes = _nodes(widget)
    assert len(nodes) == 99
    parallel = [r for r in seed_graph.relations if (r.subject, r.object) == ("nvidia", "bytedance")]
    edge = _edge(widget, "edge:nvidia>bytedance")
    assert int(edge["count"]) == len(parallel) > 1  # one edge for every fact between the two
    assert widget.locator("[data-edge]").count() < 187  # 187 facts, fewer edges
    assert max(nodes.values(), key=lambda n: n["r"]) == nodes["nvidia"]  # the hub is the biggest
    assert float(edge["width"]) > 1.5  # 10萬塊: wider than an edge with no quantity
    assert widget.locator("[data-edge][data-dashed='1']").count() > 0  # hedged or not plainly stated
    assert widget.locator("[data-node='nvidia'][data-centre='1']").count() == 1
    _shot(page, "explore-nvidia-2-hops.png")


def test_expanding_by_double_click_keeps_every_node_where_it_was(page: Any) -> None:
    page.goto(f"{page.base}/explore?entity=tsmc")
    widget = graph_drawn(page)
    before = _nodes(widget)
    assert {"tsmc", "nvidia", "asml"} <= set(before) and len(before) == 11
    widget.locator("[data-node='nvidia'] circle").last.dblclick()
    page.get_by_text("1 expanded").first.wait_for(timeout=WAIT_MS)
    page.locator("[data-node='bytedance']").wait_for(timeout=WAIT_MS)
    widget = graph_drawn(page)
    after = _nodes(widget)
    assert set(before) < set(after) and {"bytedance", "jensen-huang"} <= set(after)
    for node, where in before.items():
        assert (after[node]["x"], after[node]["y"]) == (where["x"], where["y"]), f"{node} moved"
    assert page.get_by_role("heading", name="NVIDIA").is_visible()  # the evidence panel follows
    assert "expand=" in page.url and "entity=" in page.url


def test_full_screen_fits_the_graph_to_the_screen(page: Any) -> None:
    page.goto(f"{page.base}/explore?entity=tsmc")
    widget = graph_drawn(page)
    zoom = float(widget.get_attribute("data-zoom"))
    widget.get_by_role("button", name="Full screen").click()
    page.wait_for_function("z => { const w = document.querySelector('body') && [...document.querySelectorAll('*')]"
                           ".map(e => e.shadowRoot).filter(Boolean).map(r => r.querySelector('[data-zoom]'))"
                           ".find(Boolean); return w && +w.dataset.zoom !== z }", arg=zoom, timeout=WAIT_MS)
    assert float(widget.get_attribute("data-zoom")) != zoom


def test_a_node_menu_expands_by_one_relationship_type(page: Any) -> None:
    page.goto(f"{page.base}/explore?entity=tsmc")
    widget = graph_drawn(page)
    widget.locator("[data-node='nvidia'] circle").last.click(button="right")
    widget.locator("[data-menu='expand_type:SUPPLIES']").click()
    page.locator("[data-node='bytedance']").wait_for(timeout=WAIT_MS)
    after = _nodes(graph_drawn(page))
    assert "jensen-huang" not in after  # LEADS is not SUPPLIES
    assert "expand_by=nvidia%3ASUPPLIES" in page.url


@pytest.mark.neo4j
def test_a_cypher_link_runs_nothing_until_run_is_pressed(page: Any, served_app: tuple[str, str],
                                                         neo4j_settings: Any) -> None:
    if served_app[1] != "neo4j":
        pytest.skip("the Cypher console runs on Neo4j")
    from urllib.parse import quote

    page.goto(f"{page.base}/cypher?cypher={quote(OOM_QUERY)}")
    page.get_by_text("Press Run to run this query.").wait_for(timeout=WAIT_MS)
    assert page.locator("[data-testid='stDataFrame']").count() == 0
    from computekg.graph.neo4j_store import Neo4jStore

    with Neo4jStore.from_settings(neo4j_settings) as store:  # the server is alive and ran no such query
        assert store.counts().relations > 0
