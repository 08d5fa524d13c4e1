"""What every `computekg` sub-command shares: consoles, common options, store opening, failing cleanly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from computekg.graph.errors import EntityNotFound, GraphError
from computekg.graph.schema import RelType
from computekg.graph.settings import StoreKind
from computekg.graph.store import GraphStore
from computekg.graph.stores import open_store
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.bundle import FactBase, read_fact_base
from computekg.loaders.errors import DataFileError, FactBaseError
from computekg.queries.resolve import resolve_entities

__all__ = [
    "out", "err", "StoreOption", "DataDirOption", "JsonOption", "TypesOption",
    "fail", "read_fact_base_or_fail", "query_store", "resolve_or_fail", "resolve_all_or_fail", "print_json",
]

out = Console()
err = Console(stderr=True, soft_wrap=True)  # error messages name paths: never wrap them

StoreOption = Annotated[
    StoreKind | None,
    typer.Option("--store", help="Which store to use: memory (embedded, default) or neo4j. Env: COMPUTEKG_STORE."),
]
DataDirOption = Annotated[
    Path | None,
    typer.Option("--data-dir", help="A data directory (catalog/, articles/, facts/) instead of the bundled one."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
TypesOption = Annotated[
    list[RelType] | None, typer.Option("--type", "-t", help="Only these relationship types (repeatable).")
]


def fail(message: str) -> typer.Exit:
    """Print `message` as an error and return the exit to raise (code 1, no traceback)."""
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code=1)


def read_fact_base_or_fail(data_dir: Path | None) -> FactBase:
    try:
        return read_fact_base(data_dir)
    except (FactBaseError, DataFileError) as error:
        raise fail(str(error)) from error


def query_store(kind: StoreKind | None, data_dir: Path | None = None) -> GraphStore:
    """The store to query; the embedded one is filled with the bundled graph first."""
    try:
        store = open_store(kind)
    except GraphError as error:
        raise fail(str(error)) from error
    if store.name == StoreKind.MEMORY:
        store.load(read_fact_base_or_fail(data_dir).graph, replace=True)
    return store


def resolve_or_fail(store: GraphStore, name: str, index: AliasIndex | None = None) -> str:
    """The id of the entity `name` refers to, or a clean exit listing candidates."""
    (entity_id,) = resolve_all_or_fail(store, name, index=index)
    return entity_id


def resolve_all_or_fail(store: GraphStore, *names: str, index: AliasIndex | None = None) -> list[str]:
    """The ids of the entities `names` refer to (one alias index for all), or a clean exit listing candidates."""
    try:
        return [entity.id for entity in resolve_entities(store, names, index=index)]
    except EntityNotFound as error:
        raise fail(str(error)) from error


def print_json(data: Any) -> None:
    out.print_json(json.dumps(data, ensure_ascii=False))
