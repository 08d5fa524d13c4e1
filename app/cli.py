"""The `computekg` command line: load, inspect, resolve, query and export the graph.

Commands run on the embedded networkx store by default (it loads the bundled graph at start);
`--store neo4j` or `COMPUTEKG_STORE=neo4j` runs them on Neo4j instead.

Every command module imports only Typer, Rich and plain enums at the top, and the rest where a command
uses it: `computekg --help` loads no driver, no pydantic models, no networkx (bench/cli_bench.py measures it).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from computekg.app import cli_app, cli_cypher, cli_export, cli_import, cli_ingest, cli_neo4j, cli_supply
from computekg.app.cli_common import (
    DataDirOption,
    JsonOption,
    LayerOption,
    PathsOption,
    StoreOption,
    TypesOption,
    cited,
    description_column,
    err,
    fail,
    graph_with_layers_or_fail,
    out,
    print_json,
    query_store,
    read_fact_base_or_fail,
    resolve_all_or_fail,
    resolve_or_fail,
)
from computekg.app.cli_help import EXPLORE, FACT_BASE, Group, add_command
from computekg.graph.choices import Direction, StoreKind
from computekg.graph.schema import EntityKind

if TYPE_CHECKING:
    from rich.table import Table

    from computekg.graph.model import GraphPath, Subgraph

__all__ = ["app", "main"]

app = typer.Typer(
    name="computekg",
    cls=Group,
    help="A knowledge graph of the AI compute supply chain, every edge traced to a sentence of a news article.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

def load(store: StoreOption = None, data_dir: DataDirOption = None) -> None:
    """Validate the fact base and load it into the store, with the imported dataset layers, replacing what it held.

    Every file is read and every quote checked again (no cache), with progress.
    """
    from rich.progress import Progress, SpinnerColumn, TimeElapsedColumn

    from computekg.graph.errors import GraphError
    from computekg.graph.stores import open_store

    # Transient: the bar is gone when the load ends, so a failure is the last thing on the screen.
    columns = (SpinnerColumn(), description_column(), TimeElapsedColumn())
    failure: GraphError | None = None
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("reading catalog, articles and facts", total=2)
        graph = graph_with_layers_or_fail(read_fact_base_or_fail(data_dir, validate=True).graph)
        progress.update(task, advance=1, description=f"writing {len(graph.relations)} relationships")
        target = None  # stays None only when opening the store failed
        try:
            target = open_store(store)
            target.load(graph, replace=True)
            counts = target.counts()
        except GraphError as error:
            failure = error
        finally:
            if target is not None:
                target.close()
    if failure is not None or target is None:
        raise fail(str(failure)) from failure
    out.print(Text.assemble(
        "loaded into ", (target.name, "bold"), f": {counts.nodes} nodes, {counts.relations} relationships "
        f"({len(graph.entities)} entities, {len(graph.relations)} facts, {len(graph.sources)} sources)"))


def stats(store: StoreOption = None, data_dir: DataDirOption = None, json_output: JsonOption = False) -> None:
    """Counts by node label and relationship type, and facts per source article."""
    from rich.table import Table

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


def resolve(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Any name or alias: 台积电, TSMC, 台積電 …")],
    store: StoreOption = None,
    data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """Find the entity a name means, in any script or case; a near miss lists candidates.

    Exits 0 with the entity or with candidates (by name and id), and 1 when no entity's name resembles it.
    """
    from computekg.graph.errors import EntityNotFound
    from computekg.graph.settings import get_settings
    from computekg.loaders.alias_index import AmbiguousName
    from computekg.queries.resolve import alias_index_of, describe_unresolved, entity_label

    if (store or get_settings().store) is StoreKind.MEMORY:
        index = read_fact_base_or_fail(data_dir).aliases
    else:
        target = query_store(store, data_dir)
        try:
            index = alias_index_of(target)
        finally:
            target.close()
    try:
        entity = index.resolve(name)
    except EntityNotFound as error:
        if json_output:
            candidates = [index.resolve(c) for c in error.candidates]
            print_json({"query": name, "status": "ambiguous" if isinstance(error, AmbiguousName) else "unknown",
                        "candidates": [{"id": c.id, "name": c.name, "name_zh": c.name_zh, "kind": c.kind,
                                        "label": entity_label(c)} for c in candidates]})
        else:
            out.print(describe_unresolved(error, index.resolve))
        if not error.candidates:
            raise typer.Exit(code=1) from error
        return
    if json_output:
        print_json({"query": name, "status": "resolved", **entity.model_dump(mode="json", exclude_none=True)})
        return
    out.print(f"{entity.id}\t{entity.name}\t{entity.kind}\t{' / '.join(entity.all_names())}")


def _relation_rows(graph: Subgraph) -> Table:
    from rich.table import Table

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
        table.add_row(names.get(relation.subject, relation.subject), str(relation.type),
                      names.get(relation.object, relation.object), details, cited(relation.evidence[0]))
    return table


def neighbours(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Entity id or any alias.")],
    hops: Annotated[int, typer.Option(min=1, max=6, help="How many hops out.")] = 1,
    direction: Annotated[
        Direction,
        typer.Option(metavar="DIRECTION", show_choices=False,
                     help="Which relationships to follow: downstream (from subject to object), upstream or both."),
    ] = Direction.BOTH,
    type_: TypesOption = None,
    kind: Annotated[
        list[EntityKind] | None,
        typer.Option("--kind", metavar="KIND", show_choices=False,
                     help=f"Only neighbours of this kind (repeatable): {', '.join(EntityKind)}."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option(metavar="DATE", help="Leave out relationships dated after DATE (YYYY[-MM[-DD]]).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Leave out relationships dated before DATE (YYYY[-MM[-DD]]).")
    ] = None,
    min_confidence: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Leave out facts whose confidence is lower (0 to 1).")
    ] = 0.0,
    limit: Annotated[int, typer.Option(min=1, help="At most this many relationships.")] = 500,
    layer: LayerOption = None,
    store: StoreOption = None,
    data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """The entities around NAME and the relationships, with evidence, that connect them."""
    from computekg.queries.neighbourhood import neighbourhood
    from computekg.queries.node_link import to_node_link

    target = query_store(store, data_dir, layer=layer)
    try:
        entity_id = resolve_or_fail(target, name)
        graph = neighbourhood(target, entity_id, hops=hops, direction=direction,
                              types=frozenset(type_) if type_ else None, kinds=kind, as_of=as_of, since=since,
                              min_confidence=min_confidence, limit=limit)
    except ValueError as error:
        raise fail(str(error)) from error
    finally:
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
        "hops": [{"from": here.id, "to": there.id,
                  "facts": [r.model_dump(mode="json", exclude_none=True) for r in facts]}
                 for (here, there), facts in zip(itertools.pairwise(path.entities), path.hop_relations, strict=True)],
    }


def path(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Entity id or any alias to start from.")],
    target_name: Annotated[str, typer.Argument(metavar="TO", help="Entity id or any alias to reach.")],
    max_hops: Annotated[int, typer.Option(min=1, max=8, help="Longest route to look for, in hops.")] = 6,
    paths: PathsOption = 3,
    direction: Annotated[
        Direction,
        typer.Option(metavar="DIRECTION", show_choices=False,
                     help="downstream: follow relationships from subject to object only; upstream: the other way "
                          "only; both."),
    ] = Direction.BOTH,
    type_: TypesOption = None,
    store: StoreOption = None,
    data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """The shortest routes from FROM to TO, hop by hop, with the sentences behind each hop.

    A route is a chain of entities; the facts joining two of them are that hop's evidence, so no route is
    listed twice.
    """
    from computekg.graph.errors import NoPath
    from computekg.queries.paths import shortest_paths

    target = query_store(store, data_dir)
    try:
        found = shortest_paths(target, *resolve_all_or_fail(target, source, target_name),
                               max_hops=max_hops, direction=direction,
                               types=frozenset(type_) if type_ else None, limit=paths)
    except NoPath as error:
        raise fail(str(error)) from error
    finally:
        target.close()
    if json_output:
        print_json([_path_json(p) for p in found])
        return
    for number, graph_path in enumerate(found, start=1):
        hops = f"{graph_path.hops} hop{'' if graph_path.hops == 1 else 's'}"
        out.print(Text.assemble((f"path {number}", "bold"), f" ({hops}): ",
                                " → ".join(e.name for e in graph_path.entities)))
        for facts in graph_path.hop_relations:
            first, evidence = facts[0], facts[0].evidence[0]
            more = f" (+{len(facts) - 1} more fact{'' if len(facts) == 2 else 's'})" if len(facts) > 1 else ""
            out.print(Text.assemble(f"  {first.subject} -{first.type}-> {first.object}{more}   ",
                                    (cited(evidence), "dim")))


def check(data_dir: DataDirOption = None) -> None:
    """Validate the catalog and fact base: every quote must occur verbatim in its article."""
    from collections import Counter

    from computekg.loaders.provenance import provenance_problems

    base = read_fact_base_or_fail(data_dir, validate=True)
    graph = base.graph
    problems = provenance_problems(graph, base.articles)
    if problems:
        raise fail("provenance check failed:\n" + "\n".join(f"  {p}" for p in problems))
    kinds = Counter(evidence.kind for relation in graph.relations for evidence in relation.evidence)
    out.print(f"ok: {len(graph.entities)} entities, {len(graph.relations)} relationships, {kinds['article']} evidence "
              f"quotes verified against {len(base.articles)} articles, {kinds['catalog']} catalog references "
              "checked against their entries")


def clean_seeds(
    seeds: Annotated[
        Path, typer.Argument(metavar="SEEDS", help="Folder of raw seed pages (*.txt).", exists=True, file_okay=False)
    ],
    data_dir: DataDirOption = None,
) -> None:
    """Re-clean raw seed pages into data/articles/ (spam, navigation and link lists removed)."""
    from computekg.loaders.bundle import bundled_data_dir
    from computekg.loaders.seed_articles import clean_seed_articles

    root = data_dir or bundled_data_dir()
    articles = clean_seed_articles(seeds, root / "articles", root / "seed_metadata.yaml")
    for article in articles:
        out.print(f"{article.id}: {article.title} ({article.publisher}, {article.date}, {article.script}, "
                  f"{len(article.body)} chars)")


# In the order of the help: explore, supply chains, build the fact base, then the app, Neo4j and Cypher.
add_command(app, "resolve", resolve, panel=EXPLORE)
add_command(app, "neighbours", neighbours, panel=EXPLORE)
add_command(app, "path", path, panel=EXPLORE)
add_command(app, "stats", stats, panel=EXPLORE)
cli_export.register(app)
cli_supply.register(app)
add_command(app, "load", load, panel=FACT_BASE)
add_command(app, "check", check, panel=FACT_BASE)
cli_ingest.register(app)
cli_import.register(app)
add_command(app, "clean-seeds", clean_seeds, panel=FACT_BASE)
cli_app.register(app)
cli_neo4j.register(app)
cli_cypher.register(app)


def main() -> None:
    """Console entry point; a bad setting (environment or `.env`) is reported as such, without a traceback."""
    try:
        app()
    except Exception as error:
        from pydantic import ValidationError

        if not (isinstance(error, ValidationError) and error.title == "Settings"):
            raise
        raise SystemExit(fail(f"a setting in the environment or .env is not valid: {error}").exit_code) from None
