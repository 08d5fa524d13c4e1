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
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from served import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, graph_drawn, serve_app

from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import Subgraph
from computekg.queries.neighbourhood import neighbourhood

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


def _centred_on(page: Any, entity_id: str) -> None:
    """Wait until the graph is drawn around `entity_id`."""
    page.locator(f"[data-node='{entity_id}'][data-centre='1']").wait_for(timeout=WAIT_MS)
    graph_drawn(page)


def _neighbourhood_of(graph: Subgraph, entity_id: str, *, hops: int) -> Subgraph:
    """What the Explore page is asked to draw: the neighbourhood query on the bundled graph."""
    store = MemoryStore()
    store.load(graph, replace=True)
    return neighbourhood(store, entity_id, hops=hops)


def _row_centre(grid: Any, row: int) -> tuple[float, float]:
    """Where the selection box of data row `row` (0 = first) of a Streamlit data grid is on the page."""
    box = grid.bounding_box()
    return box["x"] + 12, box["y"] + 35 * (row + 1) + 17  # a 35 px header, then 35 px rows


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
    page.locator("mark[data-entity='tsmc']").first.wait_for(timeout=WAIT_MS)  # marked in the article's text


def test_the_nvidia_two_hop_view_merges_parallel_facts_and_sizes_by_degree(page: Any,
                                                                            seed_graph: Subgraph) -> None:
    page.goto(f"{page.base}/explore?entity=nvidia&hops=2")  # a bare /explore link works
    widget = graph_drawn(page)
    assert not page.get_by_text("Page not found").is_visible()
    nodes = _nodes(widget)
    asked = _neighbourhood_of(seed_graph, "nvidia", hops=2)
    assert set(nodes) == asked.entity_ids()
    parallel = [r for r in seed_graph.relations if (r.subject, r.object) == ("nvidia", "bytedance")]
    edge = _edge(widget, "edge:nvidia>bytedance")
    assert int(edge["count"]) == len(parallel) > 1  # one edge for every fact between the two
    assert widget.locator("[data-edge]").count() < len(asked.relations)  # parallel facts drawn as one edge
    assert max(nodes.values(), key=lambda n: n["r"]) == nodes["nvidia"]  # the hub is the biggest
    assert float(edge["width"]) > 1.5  # 10萬塊: wider than an edge with no quantity
    assert widget.locator("[data-edge][data-dashed='1']").count() > 0  # hedged or not plainly stated
    assert widget.locator("[data-node='nvidia'][data-centre='1']").count() == 1
    _shot(page, "explore-nvidia-2-hops.png")


def test_the_root_link_opens_explore_under_its_own_path(page: Any) -> None:
    """`/` is a front door: it shows Explore with the link's view, and the address becomes `/explore?…`, the
    path every Explore link names (served there directly, without a second run of the page)."""
    from urllib.parse import parse_qs, urlparse

    page.goto(f"{page.base}/?entity=tsmc")
    widget = graph_drawn(page)
    assert widget.locator("[data-node='tsmc'][data-centre='1']").count() == 1
    page.wait_for_url(re.compile(r"/explore\?"), timeout=WAIT_MS)
    address = urlparse(page.url)
    assert address.path == "/explore" and parse_qs(address.query)["entity"] == ["tsmc"]


def test_the_tier_layout_draws_supply_flowing_left_to_right(page: Any) -> None:
    """Equipment, then the foundry, then the designer, then the buyer: one column each, left to right; the
    link then opens the same layout."""
    page.goto(f"{page.base}/explore?entity=nvidia&hops=2")
    force = _nodes(graph_drawn(page))
    page.get_by_text("Supply tiers (left to right)", exact=True).click()
    page.wait_for_url(re.compile(r"layout=Supply"), timeout=WAIT_MS)
    flow = ["asml", "tsmc", "nvidia", "bytedance"]  # ASML's tools → TSMC's wafers → NVIDIA's chips → ByteDance

    def columns(nodes: dict[str, dict[str, float]]) -> list[float]:
        return [nodes[n]["x"] for n in flow]

    page.locator("[data-graph-ready='1'][data-layout='tiers']").wait_for(timeout=WAIT_MS)  # redrawn in tiers
    tiers = _nodes(graph_drawn(page))
    assert set(tiers) == set(force)
    assert columns(tiers) == sorted(set(columns(tiers)))  # four columns, in the order goods move
    shared = page.url
    page.goto(shared)
    page.locator("[data-graph-ready='1'][data-layout='tiers']").wait_for(timeout=WAIT_MS)
    assert columns(_nodes(graph_drawn(page))) == columns(tiers)


def test_a_bad_date_in_a_link_is_said_in_analyst_words(page: Any) -> None:
    page.goto(f"{page.base}/explore?entity=tsmc&as_of=yesterday")
    page.get_by_text("“yesterday” is not a date this filter understands").wait_for(timeout=WAIT_MS)
    shown = page.locator("[data-testid='stMain']").inner_text()
    assert "pattern" not in shown and "validation error" not in shown and "Traceback" not in shown


def _grid_rows(page: Any, index: int) -> list[list[str]]:
    """The data rows of the `index`-th table on the page, as its accessible grid renders them (the cells in
    view: a wide screen shows every column)."""
    grid = page.locator("[data-testid='stDataFrame']").nth(index)
    grid.locator("[role='gridcell']").first.wait_for(state="attached", timeout=WAIT_MS)  # a hidden, accessible copy
    rows = [[cell.inner_text() for cell in row.locator("[role='gridcell']").all()]
            for row in grid.locator("[role='row']").all()]
    return [row for row in rows if row]


def test_the_summaries_quote_what_supports_each_row_and_count_a_combined_total_once(page: Any) -> None:
    from urllib.parse import quote

    page.set_viewport_size({"width": 3000, "height": 1400})
    page.goto(f"{page.base}/supply_chain?entity=bytedance&question={quote('Suppliers and customers')}")
    graph_drawn(page)
    suppliers = {row[1]: row for row in _grid_rows(page, 0)}
    assert "A100與H800" in suppliers["NVIDIA"][5]  # the NVIDIA row quotes NVIDIA's GPUs, not Intel's CPUs
    assert "英特爾CPU" in suppliers["Intel"][5]
    assert "Chinese domestic AI chips (generic)" in suppliers  # the placeholder is marked as one…
    assert not {"Cambricon", "Biren"} & set(suppliers)  # …and no maker reaches ByteDance through it
    page.goto(f"{page.base}/supply_chain?question={quote('Chokepoints and rankings')}")
    chokepoints = _grid_rows(page, 0)
    assert chokepoints and not any("generic" in row[0] for row in chokepoints)
    holdings = _grid_rows(page, 3)
    bytedance = [row for row in holdings if row[0] == "ByteDance" and "A100與H800" in row[-1]]
    assert [row[1:4] for row in bytedance] == [["NVIDIA A100 + NVIDIA H800", "10萬塊", "100000"]]  # one total


def test_expanding_by_double_click_keeps_every_node_where_it_was(page: Any, seed_graph: Subgraph) -> None:
    page.goto(f"{page.base}/explore?entity=tsmc")
    widget = graph_drawn(page)
    before = _nodes(widget)
    assert {"tsmc", "nvidia", "asml"} <= set(before) == _neighbourhood_of(seed_graph, "tsmc", hops=1).entity_ids()
    widget.locator("[data-node='nvidia'] circle").last.dblclick()
    page.get_by_text("1 expanded").first.wait_for(timeout=WAIT_MS)
    page.locator("[data-node='bytedance']").wait_for(timeout=WAIT_MS)
    widget = graph_drawn(page)
    after = _nodes(widget)
    assert set(before) < set(after) and {"bytedance", "jensen-huang"} <= set(after)
    for node, where in before.items():
        assert (after[node]["x"], after[node]["y"]) == (where["x"], where["y"]), f"{node} moved"
    page.get_by_role("heading", name="NVIDIA").wait_for(timeout=WAIT_MS)  # the evidence panel (below) follows
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


def test_back_undoes_centre_on_it_and_forward_redoes_it(page: Any) -> None:
    page.goto(f"{page.base}/explore?entity=tsmc&focus=NVIDIA")
    _centred_on(page, "tsmc")
    page.get_by_role("button", name="Centre on it").click()
    _centred_on(page, "nvidia")
    page.wait_for_url(re.compile(r"entity=nvidia"), timeout=WAIT_MS)
    page.go_back()  # one step: the centre, the focus and the expansions all come back together
    page.wait_for_url(re.compile(r"entity=tsmc"), timeout=WAIT_MS)
    _centred_on(page, "tsmc")
    assert "focus=NVIDIA" in page.url
    assert page.get_by_role("textbox", name="Search an entity").input_value() == "tsmc"
    # The evidence for the focus, as before; it stands below the graph, so the run may still be drawing it.
    page.get_by_role("heading", name="NVIDIA").wait_for(timeout=WAIT_MS)
    page.go_forward()
    _centred_on(page, "nvidia")


def test_clicking_a_row_of_the_neighbours_table_focuses_that_entity(page: Any) -> None:
    page.goto(f"{page.base}/explore?entity=tsmc")
    graph_drawn(page)
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    page.mouse.click(*_row_centre(grid, 0))  # rows by name: ASML first
    page.get_by_role("heading", name="ASML").wait_for(timeout=WAIT_MS)
    page.wait_for_url(re.compile(r"focus=ASML"), timeout=WAIT_MS)


def test_a_stale_focus_leaves_the_url_and_the_evidence_box(page: Any) -> None:
    page.goto(f"{page.base}/explore?entity=tsmc&focus=NVIDIA")
    _centred_on(page, "tsmc")
    box = page.get_by_role("textbox", name="Search an entity")
    box.fill("zhipu-ai")
    box.press("Enter")
    _centred_on(page, "zhipu-ai")  # NVIDIA is not in Zhipu AI's neighbourhood
    page.wait_for_url(lambda url: "entity=zhipu-ai" in url and "focus=" not in url, timeout=WAIT_MS)
    # The evidence box stands below the graph: the run may still be drawing it when the URL has changed.
    from playwright.sync_api import expect

    expect(page.get_by_role("combobox", name="Evidence for")).to_have_value("Zhipu AI", timeout=WAIT_MS)


def test_the_type_ahead_list_finds_an_entity_by_a_few_characters(page: Any) -> None:
    page.goto(f"{page.base}/explore")
    finder = page.get_by_role("combobox", name="Search an entity: type to find")
    finder.click()
    finder.fill("臺積")  # Traditional characters of TSMC's name
    page.get_by_role("option", name=re.compile(r"^TSMC")).click()
    _centred_on(page, "tsmc")
    assert page.get_by_role("textbox", name="Search an entity").input_value() == "tsmc"


def test_a_node_menu_asks_for_the_paths_from_the_centre_to_it(page: Any) -> None:
    page.goto(f"{page.base}/explore?entity=tsmc")
    widget = graph_drawn(page)
    widget.locator("[data-node='nvidia'] circle").last.click(button="right")
    widget.locator("[data-menu='paths_to']").click()
    page.get_by_text(re.compile(r"\d+ paths? from TSMC to NVIDIA")).wait_for(timeout=WAIT_MS)
    assert "from=tsmc" in page.url and "to=nvidia" in page.url


# Curators' shorthand: fact ids ("see 000-018"), article numbers ("unnamed in 003"), article lines ("line 15").
CURATOR_SHORTHAND = re.compile(r"\b\d{3}-\d{3}\b|\b(?:in|from) \d{3}\b|\bline \d+\b")


def test_the_report_is_named_after_the_view_and_reads_as_a_document(page: Any, browser: Any,
                                                                     seed_graph: Subgraph) -> None:
    asked = _neighbourhood_of(seed_graph, "nvidia", hops=2)
    page.goto(f"{page.base}/export?entity=nvidia&hops=2")
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Report (HTML)").first  # the report section
    with page.expect_download(timeout=WAIT_MS) as download:
        button.click()
    assert download.value.suggested_filename == "computekg-nvidia-2hop.html"
    html = Path(download.value.path()).read_text(encoding="utf-8")
    report = browser.new_page(viewport={"width": 1500, "height": 1500})
    requested: list[str] = []
    report.on("request", lambda request: requested.append(request.url))
    report.set_content(html)
    assert report.locator("h1").inner_text() == "Explore: NVIDIA (2 hops; both ways)"
    assert report.locator(".meta").inner_text().startswith("Generated by computekg on ")
    scope = report.locator(".scope").inner_text()
    assert re.search(r"Centre\s+NVIDIA", scope) and re.search(r"Hops\s+2", scope)
    assert re.search(r"Relationship types\s+all", scope)
    assert report.locator("figure svg #centre-nvidia").count() == 1  # the centre is marked
    # Readable: the figure fits the page and its entity labels are drawn at 10 px or more on screen.
    sizes = report.evaluate("""() => { const svg = document.querySelector('figure svg');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return { scale, overflow: svg.getBoundingClientRect().right > document.documentElement.clientWidth,
                 names: [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize))
                   .filter(size => size === 10 || size === 12).map(size => size * scale) }; }""")
    assert not sizes["overflow"] and len(sizes["names"]) >= len(asked.entities)  # every name (10 pt, centre 12 pt)
    assert min(sizes["names"]) >= 10, sizes
    rows = report.locator("tbody tr[id^='r']")
    assert rows.count() == len(asked.relations)
    assert report.locator("tbody tr[id^='r']:not(:has(blockquote))").count() == 0  # every row, its quotes
    caveats = report.locator("blockquote .caveat").all_inner_texts()
    assert any("stripped" in c for c in caveats) and any("machine-reworded" in c for c in caveats)
    assert not CURATOR_SHORTHAND.findall(report.locator("body").inner_text())
    assert report.locator("ol.sources > li").count() >= 3
    assert not requested, "the report needs nothing from anywhere"
    if os.environ.get("COMPUTEKG_UPDATE_SCREENSHOT") == "1":
        report.screenshot(path=str(DOCS / "report-nvidia-2-hops.png"))
    report.close()
