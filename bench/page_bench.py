"""`python -m bench.page_bench`: how long each page of the app takes on the server, and what the graph sends.

Each page is run with Streamlit's `AppTest` (the script in this process, as the server runs it) on the
seed graph: a first visit with every cache empty (cold), a first visit of a new session once another
session has filled the shared caches (warm), and a rerun of that session (what a click costs). Beside it
runs a trivial page (one `st.write`) in the same process, so each figure is also a ratio to what any page
costs at all. The graph widget's payload is the size of the serialized element the page sends to the
browser for it. The HTML report and the picture preview are timed as their download renders them.

    .venv/bin/python -m bench.page_bench                       # embedded store
    .venv/bin/python -m bench.page_bench --neo4j-uri bolt://127.0.0.1:7723   # the app on a running Neo4j
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

__all__ = ["PageCase", "PageResult", "CASES", "run_pages", "main"]

RESULTS = Path(__file__).with_name("results")
_TRIVIAL_PAGE = "import streamlit as st\nst.write('hello')\n"


@dataclass(frozen=True)
class PageCase:
    """A page as a link opens it: its name in the results, and the link's query parameters."""

    name: str
    params: dict[str, str | list[str]]
    neo4j_only: bool = False
    graph: bool = False  # the page draws a graph (timed in the browser too)


CASES = (
    PageCase("explore NVIDIA, 2 hops", {"page": "explore", "entity": "nvidia", "hops": "2"}, graph=True),
    PageCase("explore TSMC, 1 hop", {"page": "explore", "entity": "tsmc"}, graph=True),
    PageCase("paths TSMC → Zhipu", {"page": "paths", "from": "tsmc", "to": "zhipu-ai"}, graph=True),
    PageCase("supply: suppliers of ByteDance", {"page": "supply_chain", "entity": "bytedance",
                                                "question": "Suppliers and customers"}, graph=True),
    PageCase("supply: chokepoints and rankings", {"page": "supply_chain", "question": "Chokepoints and rankings"}),
    PageCase("sources", {"page": "sources"}),
    PageCase("export NVIDIA 2 hops", {"page": "export", "entity": "nvidia", "hops": "2"}),
    PageCase("cypher, first visit", {"page": "cypher"}, neo4j_only=True),
)


@dataclass(frozen=True)
class PageResult:
    name: str
    cold_s: float
    warm_s: float
    rerun_s: float
    trivial_s: float
    payload_bytes: int

    @property
    def warm_ratio(self) -> float:
        return self.warm_s / self.trivial_s


def _app_path() -> str:
    import computekg.app

    return str(Path(computekg.app.__file__).with_name("streamlit_app.py"))


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def _opened(script: str, params: dict[str, str | list[str]], *, from_file: bool) -> Any:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(script, default_timeout=300) if from_file else AppTest.from_string(script,
                                                                                             default_timeout=300)
    at.query_params.update(params)
    return at


def _visit(app: str, params: dict[str, str | list[str]]) -> Any:
    return _opened(app, params, from_file=True).run()


def _payload(at: Any) -> int:
    """Bytes of the custom-component elements on the page (the graph widget), as serialized for the browser."""
    total = 0
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is not None and kind in ("component_instance", "bidi_component", "unknown"):
            total += len(proto.SerializeToString())
    return total


def _walk(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _failed(at: Any) -> list[str]:
    return [str(e.value) for e in [*at.exception, *at.error]]


def run_pages(cases: Sequence[PageCase], *, repeats: int = 3, neo4j: bool = False) -> list[PageResult]:
    """Time each case `repeats` times (cold, warm, rerun), keeping the fastest of each."""
    app = _app_path()
    results = []
    for case in cases:
        if case.neo4j_only and not neo4j:
            continue
        cold, warm, rerun, trivial = [], [], [], []
        payload = 0
        params = case.params
        for _ in range(repeats):
            _clear_caches()
            seconds, at = _timed(functools.partial(_visit, app, params))
            cold.append(seconds)
            if _failed(at):
                raise RuntimeError(f"{case.name}: the page failed: {_failed(at)}")
            seconds, at = _timed(functools.partial(_visit, app, params))
            warm.append(seconds)
            payload = _payload(at)
            seconds, _ = _timed(at.run)
            rerun.append(seconds)
            seconds, _ = _timed(lambda: _opened(_TRIVIAL_PAGE, {}, from_file=False).run())
            trivial.append(seconds)
        results.append(PageResult(case.name, min(cold), min(warm), min(rerun), min(trivial), payload))
    return results


def time_renders(repeats: int = 3) -> dict[str, float]:
    """Seconds (fastest of `repeats`) to render the NVIDIA 2-hop view as the HTML report and as the PNG preview."""
    from computekg.app.ui.exporting import export_bytes
    from computekg.graph.memory_store import MemoryStore
    from computekg.loaders.bundle import load_bundled_graph
    from computekg.queries.exports.selection import with_cited_sources
    from computekg.queries.neighbourhood import neighbourhood

    store = MemoryStore()
    whole = load_bundled_graph()
    store.load(whole)
    view = with_cited_sources(neighbourhood(store, "nvidia", hops=2), whole.sources)
    timings = {}
    for fmt in ("html", "png"):
        timings[f"render {fmt}, NVIDIA 2 hops"] = min(
            _timed(functools.partial(export_bytes, view, fmt, "NVIDIA, 2 hops"))[0] for _ in range(repeats))
    return timings


def time_in_browser(cases: Sequence[PageCase], *, neo4j: bool, repeats: int = 3) -> dict[str, float]:
    """Seconds (fastest of `repeats`) from opening each graph page's link in headless Chromium to its graph drawn,
    and the same for a one-line Streamlit page served the same way (what any Streamlit page costs here).

    Each link is timed twice over: in a new browser profile (nothing cached: a first visit ever, Streamlit's
    2 MB of JavaScript fetched and compiled) and in a browser that has opened the app before (its cache holds
    Streamlit's files, as an analyst's does when a colleague's link arrives). The app is served by
    `streamlit run` as `computekg app` serves it; every visit is a new tab, so a new session.
    Drawn: the graph widget says it has laid out and drawn its nodes.
    """
    from playwright.sync_api import sync_playwright

    from tests.app.served import CHROMIUM, CHROMIUM_ARGS, graph_drawn, serve_app

    timings: dict[str, float] = {}
    store = "neo4j" if neo4j else "memory"
    with serve_app(store) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for case in cases:
            if case.graph:
                query = "&".join(f"{k}={v}" for k, v in case.params.items() if k != "page")
                timings.update(_visits(browser, f"{base}/{case.params['page']}?{query}", graph_drawn,
                                       case.name, repeats))
        browser.close()
    timings.update(_trivial_in_browser(repeats))
    return timings


def _visits(browser: Any, url: str, arrived: Callable[[Any], object], name: str,
            repeats: int) -> dict[str, float]:
    """Fastest of `repeats` visits to `url` until `arrived(tab)`, in a new profile each time and in one profile
    that has opened it before. The first visit of each kind is not counted: it also warms the server."""
    viewport = {"width": 1500, "height": 1100}

    def visit(context: Any) -> float:
        tab = context.new_page()
        started = time.perf_counter()
        tab.goto(url)
        arrived(tab)
        seconds = time.perf_counter() - started
        tab.close()
        return seconds

    fresh = []
    for _ in range(repeats + 1):
        context = browser.new_context(viewport=viewport)
        fresh.append(visit(context))
        context.close()
    used = browser.new_context(viewport=viewport)
    cached = [visit(used) for _ in range(repeats + 1)]
    used.close()
    return {f"browser: {name}": min(fresh[1:]), f"browser, cache warm: {name}": min(cached[1:])}


def _trivial_in_browser(repeats: int) -> dict[str, float]:
    """`_visits` of a one-line Streamlit page until its text shows."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from tests.app.served import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, serve_app

    with tempfile.TemporaryDirectory(prefix="ckg-bench-") as folder:
        script = Path(folder) / "trivial.py"
        script.write_text(_TRIVIAL_PAGE, encoding="utf-8")
        with serve_app("memory", script=script) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            timings = _visits(browser, base, lambda tab: tab.get_by_text("hello").wait_for(timeout=WAIT_MS),
                              "trivial page (baseline)", repeats)
            browser.close()
    return timings


def _print(results: Sequence[PageResult], renders: dict[str, float]) -> None:
    print(f"{'page':36} {'cold s':>7} {'warm s':>7} {'rerun s':>8} {'× trivial':>9} {'graph KB':>9}")
    for r in results:
        print(f"{r.name:36} {r.cold_s:7.2f} {r.warm_s:7.2f} {r.rerun_s:8.2f} {r.warm_ratio:9.1f} "
              f"{r.payload_bytes / 1024:9.1f}")
    if results:
        print(f"{'(trivial page)':36} {statistics.median(r.trivial_s for r in results):7.3f}")
    for name, seconds in renders.items():
        print(f"{name:36} {seconds:7.2f}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.page_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--neo4j-uri", help="run the app on this running Neo4j (holding the seed graph); "
                        "default: the embedded store")
    parser.add_argument("--repeats", type=int, default=3, help="runs per page; the fastest counts (default 3)")
    parser.add_argument("--out", type=Path, help="results JSON (default bench/results/pages-<store>.json)")
    parser.add_argument("--browser", action="store_true", help="also time each graph page in headless Chromium "
                        "(served by `streamlit run`)")
    args = parser.parse_args(argv)
    if args.neo4j_uri:
        os.environ.update({"COMPUTEKG_STORE": "neo4j", "NEO4J_URI": args.neo4j_uri})
    else:
        os.environ["COMPUTEKG_STORE"] = "memory"
    store = "neo4j" if args.neo4j_uri else "memory"
    results = run_pages(CASES, repeats=args.repeats, neo4j=bool(args.neo4j_uri))
    renders = time_renders(args.repeats)
    if args.browser:
        renders.update(time_in_browser(CASES, neo4j=bool(args.neo4j_uri), repeats=args.repeats))
    _print(results, renders)
    out = args.out or RESULTS / f"pages-{store}.json"
    out.write_text(json.dumps({"store": store, "pages": [asdict(r) for r in results], "renders": renders},
                              indent=2) + "\n")
    print(f"results: {out}")


if __name__ == "__main__":
    main()
