"""`computekg app`: serve the Streamlit app on this machine.

Why `exec`: `streamlit run` owns its server and event loop. The command only chooses the store, the port and
whether the Cypher console may write, then becomes `streamlit run` in the same process, so the process a
user started is the one that serves: stopping it by its pid (SIGTERM, Ctrl+C) stops the server, and its exit
code is the server's. A child process would be orphaned instead, and go on serving.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from computekg.app.cli_common import StoreOption
from computekg.app.cli_help import SERVE, add_command

__all__ = ["STREAMLIT_APP", "register", "serve_command", "streamlit_command"]

# Beside this module both in the source tree (app/) and once installed (computekg/app/).
STREAMLIT_APP = Path(__file__).resolve().with_name("streamlit_app.py")


def streamlit_command(port: int, *, address: str = "127.0.0.1", script: Path = STREAMLIT_APP) -> list[str]:
    """The `streamlit run` command line: headless, local only, no usage statistics sent, no developer menu.

    `script` is the app's entrypoint unless a benchmark serves its baseline page the same way.
    """
    return [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true",
        "--server.address", address,
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "viewer",
    ]


def serve_command(
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to serve on (localhost only).")] = 8501,
    store: StoreOption = None,
    allow_writes: Annotated[
        bool, typer.Option("--allow-writes", help="Offer writes in the Cypher console (read-only otherwise).")
    ] = False,
) -> None:
    """Serve the app at http://127.0.0.1:PORT (on Neo4j when it answers, else the embedded store)."""
    from computekg.app.ui.connection import ALLOW_WRITES_ENV  # imports streamlit: only when serving

    env = dict(os.environ)
    if store is not None:
        env["COMPUTEKG_STORE"] = store.value
    if allow_writes:
        env[ALLOW_WRITES_ENV] = "1"
    else:
        env.pop(ALLOW_WRITES_ENV, None)
    typer.echo(f"computekg app on http://127.0.0.1:{port} (Ctrl+C stops it)", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    command = streamlit_command(port)
    os.execve(command[0], command, env)  # never returns: this process becomes the server


def register(app: typer.Typer) -> None:
    """Add `computekg app` to the command line."""
    add_command(app, "app", serve_command, panel=SERVE)
