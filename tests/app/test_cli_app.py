"""`computekg app` as a person runs it: started from the shell, stopped by its pid.

A real `computekg app` process serves the app; SIGTERM to that pid (what `kill PID`, a process manager or
a container stop sends) must stop the server, not leave it serving without its parent.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

COMPUTEKG = Path(sys.executable).with_name("computekg")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _served(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_sigterm_to_the_app_stops_the_server(tmp_path: Path) -> None:
    if not COMPUTEKG.exists():
        pytest.fail(f"the computekg command is not installed beside {sys.executable}")
    port = _free_port()
    log = tmp_path / "app.log"
    with log.open("w") as output:
        # A session of its own, so that whatever it starts can be found and cleaned up by its group.
        app = subprocess.Popen([str(COMPUTEKG), "app", "--port", str(port), "--store", "memory"],
                               stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        while not _healthy(port):  # however long it takes to start: only an exit is a failure
            if app.poll() is not None:
                pytest.fail(f"the app did not start; its log:\n{log.read_text()}")
            time.sleep(0.5)
        app.send_signal(signal.SIGTERM)
        app.wait()
        assert not _served(port), "the server still answers after SIGTERM to the app's pid"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(app.pid, signal.SIGKILL)  # anything of its group left behind
