"""`computekg export`: write the graph, or a part of it, in a format other tools read.

Thin on purpose: choosing the part is the query functions' job (`neighbourhood`, `shortest_paths`,
`run_cypher`), writing it is `computekg.queries.exports`'; this module parses options, joins the two
and reports what was written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from computekg.app.cli_common import (
    DataDirOption,
    StoreOption,
    fail,
    out,
    query_store,
    resolve_all_or_fail,
    resolve_or_fail,
)
from computekg.app.cli_help import EXPLORE, add_command
from computekg.graph.choices import StoreKind
from computekg.queries.export_formats import EXPORT_FORMAT_NAMES, format_for_output

if TYPE_CHECKING:
    from computekg.graph.model import Subgraph
    from computekg.graph.store import GraphStore
    from computekg.queries.exports.context import ReportContext

__all__ = ["export", "register"]


def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (for csv: a folder, or a .zip).")],
    format_: Annotated[
        str | None, typer.Option("--format", "-f", help=f"Export format: {', '.join(EXPORT_FORMAT_NAMES)}. "
                                                         "Default: what the file name's extension says, else json.")
    ] = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="Only the neighbourhood of this entity (id or any alias).")
    ] = None,
    hops: Annotated[int, typer.Option("--hops", min=1, max=6, help="With --entity: how many hops out.")] = 1,
    path: Annotated[
        tuple[str, str] | None,
        typer.Option("--path", metavar="FROM TO", help="Only the shortest paths between two entities."),
    ] = None,
    cypher: Annotated[
        str | None, typer.Option("--cypher", help="Only what this read-only Cypher query returns (Neo4j store).")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title of reports and pictures.")] = None,
    store: StoreOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Write the graph, or a neighbourhood, paths or a Cypher result, in a format other tools read.

    The whole graph by default; --entity for a neighbourhood, --path for the routes between two entities,
    --cypher for what a read-only Cypher query returns.
    """
    from computekg.graph.errors import GraphError
    from computekg.queries.exports import ExportError, export_format, export_subgraph
    from computekg.queries.exports.selection import with_cited_sources

    try:
        format_ = format_for_output(output, format_)
        export_format(format_)
    except ValueError as error:
        raise fail(str(error)) from error
    if sum(selector is not None for selector in (entity, path, cypher)) > 1:
        raise fail("choose one of --entity, --path and --cypher")
    target = query_store(store, data_dir)
    try:
        graph, default_title, context = _selection(target, entity=entity, hops=hops, path=path, cypher=cypher)
        if entity is not None or path is not None or cypher is not None:
            graph = with_cited_sources(graph, target.snapshot().sources)
    except GraphError as error:
        raise fail(str(error)) from error
    finally:
        target.close()
    try:
        written = export_subgraph(graph, format_, output, title=title or default_title, context=context)
    except ExportError as error:
        raise fail(str(error)) from error
    out.print(f"wrote {format_}: {len(graph.entities)} entities, {len(graph.relations)} relationships, "
              f"{len(graph.sources)} sources to {written}")


def _selection(
    store: GraphStore, *, entity: str | None, hops: int, path: tuple[str, str] | None, cypher: str | None
) -> tuple[Subgraph, str, ReportContext]:
    """The subgraph the options ask for, a title that says what it is, and what a report says about it."""
    from computekg.queries.cypher import run_cypher
    from computekg.queries.exports.context import ReportContext
    from computekg.queries.exports.selection import paths_subgraph
    from computekg.queries.neighbourhood import neighbourhood
    from computekg.queries.paths import shortest_paths

    if entity is not None:
        centre = store.entity(resolve_or_fail(store, entity))
        return (
            neighbourhood(store, centre.id, hops=hops),
            f"Neighbourhood of {centre.name} ({hops} hop{'' if hops == 1 else 's'})",
            ReportContext(centres=(centre.id,), filters=(("Hops", str(hops)), ("Direction", "both ways"))),
        )
    if path is not None:
        start, end = (store.entity(entity_id) for entity_id in resolve_all_or_fail(store, *path))
        return (paths_subgraph(shortest_paths(store, start.id, end.id)), f"Paths from {start.name} to {end.name}",
                ReportContext(centres=(start.id, end.id), filters=(("Paths", "shortest, any connection"),)))
    if cypher is not None:
        if store.name != StoreKind.NEO4J:
            raise fail("--cypher needs the Neo4j store: pass --store neo4j (after `computekg neo4j start`)")
        result = run_cypher(store, cypher)
        if result.subgraph is None:
            raise fail("the Cypher query returned no entities or relationships to export")
        return result.subgraph, "Cypher query result", ReportContext(filters=(("Cypher query", cypher),))
    return store.snapshot(), "The computekg graph", ReportContext(filters=(("Scope", "the whole graph"),))


def register(app: typer.Typer) -> None:
    """Add `computekg export` to the command line."""
    add_command(app, "export", export, panel=EXPLORE)
