"""What every `computekg` sub-command shares: consoles, common options, store opening, failing cleanly.

Light on purpose: importing it (as every command module does) loads Typer, Rich and plain enums only, so
`computekg --help` starts at once; the fact base, the stores and the queries are imported where they are used.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from computekg.graph.choices import Layer, StoreKind
from computekg.graph.schema import RelType

if TYPE_CHECKING:
    from rich.progress import ProgressColumn

    from computekg.graph.model import EvidenceItem, Subgraph
    from computekg.graph.store import GraphStore
    from computekg.loaders.alias_index import AliasIndex
    from computekg.loaders.bundle import FactBase

__all__ = [
    "out", "err", "StoreOption", "DataDirOption", "JsonOption", "LayerOption", "PathsOption", "TypesOption",
    "fail", "description_column", "read_fact_base_or_fail", "query_store", "resolve_or_fail", "resolve_all_or_fail",
    "print_json", "cited", "graph_with_layers_or_fail",
]

# Without markup: names, quotes and messages come from data files and articles, and "[id]" or "[/red]" in them
# must print as written (Rich would hide the one and fail on the other). Styles are given as `Text` styles.
out = Console(markup=False, highlight=False)
err = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)  # error messages name paths: no wrap

StoreOption = Annotated[
    StoreKind | None,
    typer.Option("--store", help="Which store to use: memory (embedded, default) or neo4j. Env: COMPUTEKG_STORE."),
]
DataDirOption = Annotated[
    Path | None,
    typer.Option("--data-dir", help="A data directory (catalog/, articles/, facts/) instead of the bundled one."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
LayerOption = Annotated[
    Layer | None,
    typer.Option("--layer", metavar="LAYER", show_choices=False,
                 help="Which facts to answer from: news (articles and the catalog), datasets (imported layers) or "
                      "both (default), on either store. Env: COMPUTEKG_LAYER."),
]
PathsOption = Annotated[int, typer.Option("--paths", "-k", min=1, help="How many routes to show, shortest first.")]
TypesOption = Annotated[
    list[RelType] | None,
    typer.Option("--type", "-t", metavar="TYPE", show_choices=False,
                 help=f"Only relationships of this type (repeatable): {', '.join(RelType)}."),
]


def fail(message: str) -> typer.Exit:
    """Print `message` as an error and return the exit to raise (code 1, no traceback)."""
    err.print(Text.assemble(("error:", "red"), " ", message))
    return typer.Exit(code=1)


def description_column() -> ProgressColumn:
    """A progress line's description, as plain text: it names files, and file names may hold brackets."""
    from rich.progress import TextColumn

    return TextColumn("{task.description}", markup=False)


def read_fact_base_or_fail(data_dir: Path | None, *, validate: bool = False) -> FactBase:
    """The fact base of `data_dir` (the bundled one by default), or a clean exit naming what is wrong.

    Read from the cache under COMPUTEKG_HOME when these files were validated before, unless `validate`
    asks for every file to be read and every quote checked again (`computekg check`, `load`).
    """
    from computekg.graph.settings import get_settings
    from computekg.loaders.bundle import read_fact_base
    from computekg.loaders.errors import DataFileError, FactBaseError

    try:
        return read_fact_base(data_dir, cache_dir=None if validate else get_settings().home / "cache")
    except (FactBaseError, DataFileError) as error:
        raise fail(str(error)) from error


def query_store(kind: StoreKind | None, data_dir: Path | None = None, *, layer: Layer | None = None) -> GraphStore:
    """The store to query, answering from `layer`'s facts only (COMPUTEKG_LAYER when None).

    The embedded one is filled with the bundled graph and the kept layers, restricted to `layer`. Neo4j holds
    every layer: for both it is queried itself, for one layer its graph is read into an embedded store kept to
    that layer (`store_in_layer`), and the connection closed.
    """
    from computekg.graph.errors import GraphError
    from computekg.graph.settings import get_settings
    from computekg.graph.stores import open_store
    from computekg.queries.layers import in_layer, store_in_layer

    settings = get_settings()
    chosen = layer or settings.layer
    try:
        store = open_store(kind, settings=settings)
    except GraphError as error:
        raise fail(str(error)) from error
    if store.name == StoreKind.MEMORY:
        graph = graph_with_layers_or_fail(read_fact_base_or_fail(data_dir).graph)
        store.load(in_layer(graph, chosen), replace=True)
        return store
    try:
        restricted = store_in_layer(store, chosen)
    except GraphError as error:
        store.close()
        raise fail(str(error)) from error
    if restricted is not store:
        store.close()
    return restricted


def graph_with_layers_or_fail(base: Subgraph) -> Subgraph:
    """`base` with the dataset layers kept under COMPUTEKG_HOME laid over it, or a clean exit naming a bad layer."""
    from computekg.graph.settings import get_settings
    from computekg.loaders.errors import DataFileError
    from computekg.loaders.layers import with_layers

    try:
        return with_layers(base, get_settings().home)
    except DataFileError as error:
        raise fail(str(error)) from error


def resolve_or_fail(store: GraphStore, name: str, index: AliasIndex | None = None) -> str:
    """The id of the entity `name` refers to, or a clean exit listing candidates."""
    (entity_id,) = resolve_all_or_fail(store, name, index=index)
    return entity_id


def resolve_all_or_fail(store: GraphStore, *names: str, index: AliasIndex | None = None) -> list[str]:
    """The ids of the entities `names` refer to (one alias index for all), or a clean exit listing candidates."""
    from computekg.graph.errors import EntityNotFound
    from computekg.queries.resolve import describe_unresolved, resolve_entities

    try:
        return [entity.id for entity in resolve_entities(store, names, index=index)]
    except EntityNotFound as error:
        raise fail(describe_unresolved(error, store.entity)) from error


def print_json(data: Any) -> None:
    out.print_json(json.dumps(data, ensure_ascii=False))


def cited(evidence: EvidenceItem) -> str:
    """One evidence item on one line: '[001] the sentence', '[catalog organizations.yaml] reference data: …'.

    Article ids are shortened to their number, which is how the bundled articles are told apart at a glance.
    """
    origin = evidence.origin()
    return f"[{origin[:3] if evidence.kind == 'article' else origin}] {evidence.statement()}"
