"""The app served as `computekg app` serves it, and a real Chromium to look at it (browser tests, page bench).

`serve_app(store)` runs `streamlit run` on a free port of 127.0.0.1 with `COMPUTEKG_STORE` set and yields
its base URL; `graph_drawn(tab)` waits until the page's graph widget has drawn its nodes.
"""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from computekg.app.cli_app import streamlit_command

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "GRAPH", "WAIT_MS", "AppFailedToStart", "free_port", "graph_drawn",
           "serve_app"]

CHROMIUM = os.environ.get("COMPUTEKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Every wait is for something to happen (a text, a drawn graph), never for time to pass; this bound only turns
# a page that never gets there into a failure, and no step comes near it even on a busy machine.
WAIT_MS = 600_000
# The graph widget's root once it has laid out and drawn its nodes (app/ui/graph_widget.js sets it).
GRAPH = "[data-graph-ready='1']"


class AppFailedToStart(RuntimeError):
    """`streamlit run` exited or did not answer in time; the message holds its log."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@contextmanager
def serve_app(store: str, env: dict[str, str] | None = None, script: Path | None = None) -> Iterator[str]:
    """The app (or another `script`) served by `streamlit run` on `store` (memory or neo4j, at `NEO4J_URI`);
    its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="ckg-served-") as folder:
        log_path = Path(folder) / "server.log"
        environment = {**os.environ, **(env or {}), "COMPUTEKG_STORE": store}
        with log_path.open("w") as log:
            command = streamlit_command(port) if script is None else streamlit_command(port, script=script)
            server = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)
        try:
            while not _healthy(base):  # however long it takes to start: only an exit is a failure
                if server.poll() is not None:
                    raise AppFailedToStart(f"the app did not start; its log:\n{log_path.read_text()}")
                time.sleep(0.5)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def graph_drawn(tab: Any, index: int = 0) -> Any:
    """The `index`-th graph widget of the page once it has drawn (a Playwright locator)."""
    widget = tab.locator(GRAPH).nth(index)
    widget.wait_for(timeout=WAIT_MS)
    return widget
