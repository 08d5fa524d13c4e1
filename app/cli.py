"""The `computekg` command line: load, inspect, resolve, query and export the graph.

Commands run on the embedded networkx store by default (it loads the bundled graph at start);
`--store neo4j` or `COMPUTEKG_STORE=neo4j` runs them on Neo4j instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from computekg.app.cli_app import register as register_app_command
from computekg.app.cli_common import (
    DataDirOption,
    JsonOption,
    StoreOption,
    TypesOption,
    err,
    fail,
    out,
    print_json,
    query_store,
    read_fact_base_or_fail,
    resolve_all_or_fail,
    resolve_or_fail,
)
from computekg.app.cli_cypher import cypher_command
from computekg.app.cli_export import export
from computekg.app.cli_ingest import register as register_ingest_commands
from computekg.app.cli_neo4j import neo4j_app
from computekg.app.cli_supply import register as register_supply_commands
from computekg.graph.errors import EntityNotFound, GraphError, NoPath
from computekg.graph.model import GraphPath, Subgraph
from computekg.graph.schema import EntityKind
from computekg.graph.settings import get_settings
from computekg.graph.store import Direction
from computekg.graph.stores import open_store
from computekg.loaders.alias_index import AmbiguousName
from computekg.loaders.bundle import bundled_data_dir
from computekg.loaders.provenance import provenance_problems
from computekg.loaders.seed_articles import clean_seed_articles
from computekg.queries.neighbourhood import neighbourhood
from computekg.queries.node_link import to_node_link
from computekg.queries.paths import shortest_paths

__all__ = ["app", "main"]

app = typer.Typer(
    name="computekg",
    help="A knowledge graph of the AI compute supply chain, every edge traced to a sentence of a news article.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(neo4j_app, name="neo4j", help="Run the project's local Neo4j server (start, stop, status).")
app.command("cypher", help="Run a Cypher query on Neo4j (read-only unless --write).")(cypher_command)
app.command("export")(export)
register_supply_commands(app)
register_ingest_commands(app)
register_app_command(app)

@app.command()
def load(store: StoreOption = None, data_dir: DataDirOption = None) -> None:
    """Validate the fact base and load it into the store (replacing what it held), with progress."""
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err) as progress:
        task = progress.add_task("reading catalog, articles and facts", total=2)
        graph = read_fact_base_or_fail(data_dir).graph
        progress.update(task, advance=1, description=f"writing {len(graph.relations)} relationships")
        target = None
        try:
            target = open_store(store)
            target.load(graph, replace=True)
            counts = target.counts()
        except GraphError as error:
            raise fail(str(error)) from error
        finally:
            if target is not None:
                target.close()
        progress.update(task, advance=1, description="loaded")
    out.print(f"loaded into [bold]{target.name}[/bold]: {counts.nodes} nodes, {counts.relations} relationships "
              f"({len(graph.entities)} entities, {len(graph.relations)} facts, {len(graph.sources)} sources)")


@app.command()
def stats(store: StoreOption = None, data_dir: DataDirOption = None, json_output: JsonOption = False) -> None:
    """Counts by node label and relationship type, and facts per source article."""
    target = query_store(store, data_dir)
    counts = target.counts()
    target.close()
    if json_output:
        print_json(counts.model_dump())
        return
    for title, values in (("label", counts.nodes_by_label), ("relationship type", counts.relations_by_type),
                          ("source", counts.relations_by_source)):
        table = Table(title=f"by {title}")
        table.add_column(title)
        table.add_column("count", justify="right")
        for key, value in values.items():
            table.add_row(key, str(value))
        out.print(table)
    out.print(f"store: {target.name}; {counts.nodes} nodes, {counts.relations} relationships")


@app.command()
def resolve(
    name: Annotated[str, typer.Argument(help="Any name or alias: 台积电, TSMC, 台積電 …")],
    data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """Resolve a name in any script or case to its catalog entity; an ambiguous or unknown name lists candidates.

    Exits 0 with the entity or with a list of candidates, and 1 only when nothing resembles the name.
    """
    base = read_fact_base_or_fail(data_dir)
    try:
        entity = base.aliases.resolve(name)
    except EntityNotFound as error:
        label = "ambiguous" if isinstance(error, AmbiguousName) else "unknown"
        if json_output:
            print_json({"query": name, "status": label, "candidates": list(error.candidates)})
        else:
            out.print(f"{label} name {name!r}; candidates: {', '.join(error.candidates) or 'none'}")
        if not error.candidates:
            raise typer.Exit(code=1) from error
        return
    if json_output:
        print_json({"query": name, "status": "resolved", **entity.model_dump(mode="json", exclude_none=True)})
        return
    out.print(f"{entity.id}\t{entity.name}\t{entity.kind}\t{' / '.join(entity.all_names())}")


def _relation_rows(graph: Subgraph) -> Table:
    names = {e.id: e.name for e in graph.entities}
    table = Table(show_lines=False)
    for column in ("from", "relationship", "to", "details", "evidence"):
        table.add_column(column)
    for relation in graph.relations:
        details = ", ".join(x for x in (
            relation.product and f"product {relation.product}",
            relation.quantity and f"qty {relation.quantity.text}",
            relation.amount and f"amount {relation.amount.text}",
            relation.date and f"date {relation.date}",
            relation.status and str(relation.status),
        ) if x)
        first = relation.evidence[0]
        table.add_row(names.get(relation.subject, relation.subject), str(relation.type),
                      names.get(relation.object, relation.object), details,
                      f"[{first.source_id[:3]}] {first.quote}")
    return table


@app.command()
def neighbours(
    name: Annotated[str, typer.Argument(help="Entity id or any alias.")],
    hops: Annotated[int, typer.Option(min=1, max=6, help="How many hops out.")] = 1,
    direction: Annotated[Direction, typer.Option(help="Follow relationships downstream, upstream or both.")] =
        Direction.BOTH,
    type_: TypesOption = None,
    kind: Annotated[
        list[EntityKind] | None, typer.Option("--kind", "-k", help="Only neighbours of these kinds (repeatable).")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option(help="Drop relationships dated after this date (YYYY[-MM[-DD]]).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Drop relationships dated before this date (YYYY[-MM[-DD]]).")
    ] = None,
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0)] = 0.0,
    limit: Annotated[int, typer.Option(min=1, help="Cap on relationships returned.")] = 500,
    store: StoreOption = None,
    data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """The entities around NAME and the relationships (with evidence) that connect them."""
    target = query_store(store, data_dir)
    entity_id = resolve_or_fail(target, name)
    try:
        graph = neighbourhood(target, entity_id, hops=hops, direction=direction,
                              types=frozenset(type_) if type_ else None, kinds=kind, as_of=as_of, since=since,
                              min_confidence=min_confidence, limit=limit)
    except ValueError as error:
        raise fail(str(error)) from error
    target.close()
    if json_output:
        print_json(to_node_link(graph))
        return
    out.print(_relation_rows(graph))
    cut = " (truncated: raise --limit)" if graph.truncated else ""
    out.print(f"{len(graph.entities) - 1} neighbours of {entity_id} within {hops} hop(s), "
              f"{len(graph.relations)} relationships{cut}")


def _path_json(path: GraphPath) -> dict[str, Any]:
    return {
        "entities": [e.id for e in path.entities],
        "hops": [r.model_dump(mode="json", exclude_none=True) for r in path.relations],
    }


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="From: entity id or any alias.")],
    target_name: Annotated[str, typer.Argument(metavar="TO", help="To: entity id or any alias.")],
    max_hops: Annotated[int, typer.Option(min=1, max=8)] = 6,
    k: Annotated[int, typer.Option("-k", min=1, help="How many shortest paths.")] = 3,
    direction: Annotated[Direction, typer.Option(help="downstream: only follow relationships forwards.")] =
        Direction.BOTH,
    type_: TypesOption = None,
    store: StoreOption = None,
    data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """Shortest paths between two entities, hop by hop with the sentence behind each hop."""
    target = query_store(store, data_dir)
    try:
        found = shortest_paths(target, *resolve_all_or_fail(target, source, target_name),
                               max_hops=max_hops, direction=direction,
                               types=frozenset(type_) if type_ else None, limit=k)
    except NoPath as error:
        raise fail(str(error)) from error
    finally:
        target.close()
    if json_output:
        print_json([_path_json(p) for p in found])
        return
    for number, graph_path in enumerate(found, start=1):
        out.print(f"[bold]path {number}[/bold] ({graph_path.hops} hops): "
                  + " → ".join(e.name for e in graph_path.entities))
        for relation in graph_path.relations:
            evidence = relation.evidence[0]
            out.print(f"  {relation.subject} -{relation.type}-> {relation.object}   "
                      f"[dim][{evidence.source_id}] {evidence.quote}[/dim]")


@app.command()
def check(data_dir: DataDirOption = None) -> None:
    """Validate the catalog and fact base: every quote must occur verbatim in its article."""
    base = read_fact_base_or_fail(data_dir)
    graph = base.graph
    problems = provenance_problems(graph, base.articles)
    if problems:
        raise fail("provenance check failed:\n" + "\n".join(f"  {p}" for p in problems))
    evidence = sum(len(r.evidence) for r in graph.relations)
    out.print(f"ok: {len(graph.entities)} entities, {len(graph.relations)} relationships, {evidence} evidence "
              f"quotes verified against {len(base.articles)} articles")


@app.command("clean-seeds")
def clean_seeds(
    seeds: Annotated[Path, typer.Argument(help="Folder of raw seed pages (*.txt).", exists=True, file_okay=False)],
    data_dir: DataDirOption = None,
) -> None:
    """Re-clean raw seed pages into data/articles/ (spam, navigation and link lists removed)."""
    root = data_dir or bundled_data_dir()
    articles = clean_seed_articles(seeds, root / "articles", root / "seed_metadata.yaml")
    for article in articles:
        out.print(f"{article.id}: {article.title} ({article.publisher}, {article.date}, {article.script}, "
                  f"{len(article.body)} chars)")


def main() -> None:
    """Console entry point; settings are read once so a bad `.env` fails early and clearly."""
    get_settings()
    app()
