"""`computekg app`: serve the Streamlit app on this machine.

Why a subprocess: `streamlit run` owns its server and event loop; the command only chooses the store,
the port and whether the Cypher console may write, then hands over (its exit code is the command's).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from computekg.app.cli_common import StoreOption

__all__ = ["STREAMLIT_APP", "register", "serve_command", "streamlit_command"]

# Beside this module both in the source tree (app/) and once installed (computekg/app/).
STREAMLIT_APP = Path(__file__).resolve().with_name("streamlit_app.py")


def streamlit_command(port: int, *, address: str = "127.0.0.1") -> list[str]:
    """The `streamlit run` command line: headless, local only, no usage statistics sent, no developer menu."""
    return [
        sys.executable, "-m", "streamlit", "run", str(STREAMLIT_APP),
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
    """Serve the app at http://127.0.0.1:PORT (Neo4j when it answers, else the embedded store)."""
    from computekg.app.ui.connection import ALLOW_WRITES_ENV  # imports streamlit: only when serving

    env = dict(os.environ)
    if store is not None:
        env["COMPUTEKG_STORE"] = store.value
    if allow_writes:
        env[ALLOW_WRITES_ENV] = "1"
    else:
        env.pop(ALLOW_WRITES_ENV, None)
    typer.echo(f"computekg app on http://127.0.0.1:{port} (Ctrl+C stops it)", err=True)
    completed = subprocess.run(streamlit_command(port), env=env, check=False)
    raise typer.Exit(code=completed.returncode)


def register(app: typer.Typer) -> None:
    """Add `computekg app` to the command line."""
    app.command("app")(serve_command)
