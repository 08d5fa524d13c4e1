"""`computekg cypher QUERY`: the Cypher console on the command line, mounted by `app/cli.py`.

Thin on purpose: the safety rules (read-only unless --write, timeout, row cap) live in
`computekg.queries.cypher`; this module parses options, prints, and turns every computekg error into
a message on stderr with exit code 1.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from computekg.app.cli_help import SERVE, add_command

if TYPE_CHECKING:
    from computekg.queries.cypher import CypherResult

__all__ = ["cypher_command", "parse_params", "register"]

_CELL_CHARS = 500


def cypher_command(
    query: Annotated[
        str, typer.Argument(metavar="QUERY", help="The Cypher query; pass values with --param, not in the text.")
    ],
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", "-p", metavar="KEY=VALUE",
            help="A query parameter (repeatable); VALUE is read as JSON when it parses, else as text."
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    write: Annotated[bool, typer.Option("--write", help="Allow queries that change the graph.")] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds before Neo4j stops the query.")] = 10.0,
    limit: Annotated[int, typer.Option("--limit", help="At most this many rows.")] = 1000,
) -> None:
    """Run a Cypher query on Neo4j (read-only unless --write) and print the rows."""
    from computekg.graph.errors import GraphError
    from computekg.graph.neo4j_store import Neo4jStore
    from computekg.graph.settings import get_settings
    from computekg.queries.cypher import CypherWriteRefused, run_cypher

    try:
        params = parse_params(param or [])
        with Neo4jStore.from_settings(get_settings()) as store:
            result = run_cypher(store, query, params=params, write=write, timeout_s=timeout, row_limit=limit)
    except CypherWriteRefused as error:
        typer.echo(f"error: {error}; add --write to run it", err=True)
        raise typer.Exit(code=1) from None
    except (GraphError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=1) from None
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if json_output:
        typer.echo(result.model_dump_json(include={"columns", "rows", "truncated"}, indent=2))
    else:
        _print_table(result, limit)


def parse_params(items: list[str]) -> dict[str, object]:
    """`KEY=VALUE` pairs as parameters: `n=5` is the number 5, `name=NVIDIA` the string 'NVIDIA'.

    Raises `CypherLimitExceeded` for a value nested too deeply to read.
    """
    from computekg.queries.cypher import parameter_value

    params: dict[str, object] = {}
    for item in items:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--param {item!r} is not KEY=VALUE")
        try:
            params[key.strip()] = parameter_value(text)
        except json.JSONDecodeError:
            params[key.strip()] = text
    return params


def _print_table(result: CypherResult, limit: int) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Text cells, not strings, so that brackets in the data are not read as rich markup.
    table = Table()
    for column in result.columns:
        table.add_column(Text(column))
    for row in result.rows:
        table.add_row(*(Text(_cell(row[column])) for column in result.columns))
    console = Console()
    console.print(table)
    count = f"{len(result.rows)} row{'' if len(result.rows) == 1 else 's'}"
    cut = f" (truncated at --limit {limit})" if result.truncated else ""
    console.print(Text(count + cut))


def _cell(value: Any) -> str:
    """Strings as they are, everything else as compact JSON; cut at `_CELL_CHARS` (a terminal table of a
    megabyte-long cell takes minutes to lay out and nobody reads it; --json prints everything)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if len(text) <= _CELL_CHARS:
        return text
    return f"{text[:_CELL_CHARS]}… ({len(text):,} characters; --json prints them all)"


def register(app: typer.Typer) -> None:
    """Add `computekg cypher` to the command line."""
    add_command(app, "cypher", cypher_command, panel=SERVE)
