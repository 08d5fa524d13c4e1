"""The served app in a real headless Chromium (Debian's `chromium`, driven by Playwright).

The app is served exactly as `computekg app` serves it (`streamlit run`, on a free port, the embedded
store). A person's session: open a shared link, search an entity, double-click a node to expand it,
see the graph and the page change. No request may leave this machine: the graph widget's JavaScript
ships inside its wheel. With `COMPUTEKG_REQUIRE_BROWSER=1` (CI) a missing Chromium or Playwright fails
the test instead of skipping it; with `COMPUTEKG_UPDATE_SCREENSHOT=1` the screenshot also replaces
`docs/screenshot.png`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from computekg.app.cli_app import streamlit_command

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "screenshot.png"
CHROMIUM = os.environ.get("COMPUTEKG_CHROMIUM", "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("COMPUTEKG_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Every wait below is for something to happen (a text, a drawn node), never for time to pass; this bound only
# turns a page that never gets there into a failure, and no step comes near it even on a busy machine.
HANG_GUARD_MS = 600_000
GRAPH_FRAME = "iframe[title*='st_link_analysis']"
CYTOSCAPE = "document.getElementById('cy')._cyreg.cy"


def _missing(reason: str) -> None:
    if REQUIRE_BROWSER:
        pytest.fail(f"a real browser is required (COMPUTEKG_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(f"{reason}: browser test skipped (set COMPUTEKG_REQUIRE_BROWSER=1 to fail instead)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.fixture(scope="module")
def served_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by `streamlit run` on the embedded store; its base URL."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = {**os.environ, "COMPUTEKG_STORE": "memory"}
    with log_path.open("w") as log:
        server = subprocess.Popen(streamlit_command(port), env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        while not _healthy(base):  # however long it takes to start: only an exit is a failure
            if server.poll() is not None:
                pytest.fail(f"the app did not start; its log:\n{log_path.read_text()}")
            time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


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
def page(browser: Any, served_app: str) -> Iterator[Any]:
    """A fresh tab; every request it makes is recorded in `page.requested`."""
    tab = browser.new_page(viewport={"width": 1500, "height": 1100})
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    yield tab
    tab.close()


def _graph(page: Any) -> Any:
    """The graph widget's frame, once Cytoscape has drawn at least one node."""
    handle = page.locator(GRAPH_FRAME).first.element_handle(timeout=HANG_GUARD_MS)
    frame = handle.content_frame()
    frame.wait_for_function(f"() => {{ try {{ return {CYTOSCAPE}.nodes().length > 0 }} catch (e) {{ return false }} }}",
                            timeout=HANG_GUARD_MS)
    return frame


def _node_ids(frame: Any) -> set[str]:
    return set(frame.evaluate(f"() => {CYTOSCAPE}.nodes().map(n => n.id())"))


def _assert_stayed_local(page: Any, base: str) -> None:
    outside = sorted({url for url in page.requested if not url.startswith((base, "data:", "blob:", "about:"))})
    assert not outside, f"the app reached outside this machine: {outside}"


def test_a_shared_deep_link_opens_its_page_on_a_fresh_server(page: Any, served_app: str) -> None:
    # First request to the server on purpose: a deep link must still go through the app's navigation.
    page.goto(f"{served_app}/paths?from=tsmc&to=%E6%99%BA%E8%B0%B1")
    page.get_by_text("3 paths from TSMC to Zhipu AI").wait_for(timeout=HANG_GUARD_MS)
    assert page.get_by_text("Store: embedded networkx store", exact=False).is_visible()
    assert {"tsmc", "nvidia", "bytedance", "volcano-engine", "zhipu-ai"} <= _node_ids(_graph(page))
    page.get_by_role("link", name="Sources").click()
    page.get_by_text("Facts taken from this article").wait_for(timeout=HANG_GUARD_MS)
    assert page.locator("mark[data-entity='tsmc']").count() > 0
    _assert_stayed_local(page, served_app)


def _double_click_node(page: Any, frame: Any, node: str, *, attempts: int = 10) -> None:
    """Double-click `node` where Cytoscape draws it, as a person would, and make sure the click hit it.

    The drawing can still shift after the first paint (the frame is resized once its content is there), so a
    click may land where the node was: the browser says which node, if any, took the double-click, and a
    miss is tried again at the node's new place. Nothing here waits for time to pass.
    """
    listen = f"""() => {{
        window.__dblclicked = false; window.__hit = null;
        const done = () => {{ window.__dblclicked = true }};
        document.getElementById('cy').addEventListener('dblclick', done, {{once: true}});
        {CYTOSCAPE}.one('dblclick', 'node', (event) => {{ window.__hit = event.target.id() }});
    }}"""
    for _ in range(attempts):
        frame.evaluate(listen)
        where = frame.evaluate(f"() => {CYTOSCAPE}.getElementById('{node}').renderedPosition()")
        canvas = frame.locator("#cy").bounding_box()
        page.mouse.dblclick(canvas["x"] + where["x"], canvas["y"] + where["y"])
        frame.wait_for_function("() => window.__dblclicked", timeout=HANG_GUARD_MS)
        hit = frame.evaluate("() => window.__hit")
        if hit == node:
            return
        assert hit is None, f"the double-click meant for {node} hit {hit}"
    raise AssertionError(f"{attempts} double-clicks missed {node}")


def test_search_then_expand_a_node_by_double_click(page: Any, served_app: str, tmp_path: Path) -> None:
    page.goto(served_app)
    box = page.get_by_role("textbox", name="Search an entity")
    box.fill("台积电")
    box.press("Enter")
    page.get_by_text("11 entities · 11 relationships").wait_for(timeout=HANG_GUARD_MS)
    frame = _graph(page)
    before = _node_ids(frame)
    assert {"tsmc", "nvidia", "asml"} <= before and len(before) == 11

    # Double-click NVIDIA where Cytoscape drew it: the widget sends "expand" back to Python.
    _double_click_node(page, frame, "nvidia")

    page.get_by_text("1 expanded").first.wait_for(timeout=HANG_GUARD_MS)
    after = _node_ids(_graph(page))
    assert before < after and {"bytedance", "jensen-huang"} <= after
    assert page.get_by_role("heading", name="NVIDIA").is_visible()  # the evidence panel follows the click
    assert "expand=NVIDIA" in page.url and "entity=" in page.url  # the view is in the link

    shot = tmp_path / "explore.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 50_000
    if os.environ.get("COMPUTEKG_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
    _assert_stayed_local(page, served_app)


def test_the_export_page_downloads_the_report_of_a_shared_view(page: Any, served_app: str) -> None:
    page.goto(f"{served_app}/export?entity=tsmc&types=MANUFACTURES")
    page.get_by_text("8 entities · 7 relationships").wait_for(timeout=HANG_GUARD_MS)
    with page.expect_download(timeout=HANG_GUARD_MS) as download:
        page.get_by_role("button", name="Report (HTML)").first.click()
    report = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "computekg-subgraph.html"
    assert "TSMC" in report and "其中D1芯片由台积电代工,采用7nm工艺" in report
    _assert_stayed_local(page, served_app)
