"""`computekg neo4j start|stop|status`: the local Neo4j as commands, mounted by `app/cli.py`.

Why a separate sub-app: the server's lifecycle (Maven build, detached JVM, pid file) is independent of
the graph commands, and `Neo4jServerError` messages already say what to do, so they are printed without
a traceback and the command exits with code 1.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Annotated

import typer

from computekg.app.cli_help import SERVE, Command, sub_app

if TYPE_CHECKING:
    from computekg.graph.neo4j_server import ServerStatus

__all__ = ["neo4j_app", "register"]

neo4j_app = sub_app(
    "Run the project's local Neo4j server: start, stop, status.\n\n"
    "Neo4j Community 5.26, embedded in a small Java launcher (needs Java 17+ and Maven). Bolt listens on "
    "127.0.0.1 only, without authentication; state lives under COMPUTEKG_HOME."
)


@neo4j_app.command(cls=Command)
def start(
    timeout: Annotated[
        float, typer.Option(help="Seconds to wait for Bolt to answer before giving up (excludes the build).")
    ] = 180.0,
) -> None:
    """Start Neo4j on 127.0.0.1:COMPUTEKG_NEO4J_PORT and wait until it answers.

    The first run compiles the launcher with Maven, which downloads about 160 MB into ~/.m2.
    Does nothing when the server already runs.
    """
    _report(lambda server: server.start(timeout=timeout))


@neo4j_app.command(cls=Command)
def stop(
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a clean shutdown before killing the JVM.")] = 60.0,
) -> None:
    """Stop Neo4j cleanly (SIGTERM, then SIGKILL after --timeout). Does nothing when it is not running."""
    _report(lambda server: server.stop(timeout=timeout))


@neo4j_app.command(cls=Command)
def status() -> None:
    """Show whether Neo4j runs, its pid, Bolt URI and data directory."""
    _report(lambda server: server.status())


def _report(action: Callable[[ModuleType], ServerStatus]) -> None:
    """Run `action` on `computekg.graph.neo4j_server` (imported only now) and print the status it returns."""
    from computekg.graph import neo4j_server
    from computekg.graph.neo4j_server import Neo4jServerError

    try:
        result = action(neo4j_server)
    except Neo4jServerError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(result.message)
    typer.echo(f"  running:  {'yes' if result.running else 'no'}")
    if result.pid is not None:
        typer.echo(f"  pid:      {result.pid}")
    typer.echo(f"  uri:      {result.uri}")
    typer.echo(f"  data dir: {result.data_dir}")


def register(app: typer.Typer) -> None:
    """Add `computekg neo4j start|stop|status` to the command line."""
    app.add_typer(neo4j_app, name="neo4j", rich_help_panel=SERVE)
