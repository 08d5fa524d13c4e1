"""`computekg import epoch|eto PATH` and `computekg layers list|remove`: published datasets as kept layers.

An import validates the whole copy first (a bad row names its file, line and column, and nothing is written),
then loads the layer into Neo4j when asked (one transaction), then keeps it under COMPUTEKG_HOME, where every
later command, the app and `computekg load` find it. Importing the same copy twice gives the same graph.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from computekg.app.cli_common import StoreOption, err, fail, graph_with_layers_or_fail, out, read_fact_base_or_fail
from computekg.app.cli_help import FACT_BASE, add_command, sub_app

if TYPE_CHECKING:
    from computekg.graph.model import Subgraph
    from computekg.loaders.datasets.layer import DatasetLayer

__all__ = ["register"]

import_app = sub_app("Import a published dataset as a layer beside the news facts (kept under COMPUTEKG_HOME).")
layers_app = sub_app("The imported dataset layers: list them, remove one.")

PathArgument = Annotated[
    Path, typer.Argument(metavar="PATH", help="The dataset's folder, as downloaded.", exists=True, file_okay=False)
]
# How many new names the summary lists with their closest catalog entities (each is a pass over every alias).
_REVIEW_SHOWN = 15


def _summary(layer: DatasetLayer) -> None:
    from rich.table import Table

    table = Table(title=f"{layer.name}: every row accounted for")
    for column in ("file", "rows", "outcome"):
        table.add_column(column, justify="right" if column == "rows" else "left")
    for file, outcomes in sorted(layer.accounting.by_file.items()):
        for outcome, rows in sorted(outcomes.items()):
            table.add_row(file, str(rows), outcome)
    out.print(table)
    types = Counter(str(relation.type) for relation in layer.graph.relations)
    out.print(f"{len(layer.graph.relations)} relationships ({', '.join(f'{n} {t}' for t, n in sorted(types.items()))})"
              f"; {len(layer.matched)} names matched to catalog entities; {len(layer.new)} new entities")
    if layer.new:
        out.print("new entities, for review (name → id; closest catalog entities):")
    for number, new in enumerate(layer.new):
        closest = f"  ({', '.join(new.candidates())})" if number < _REVIEW_SHOWN else ""
        out.print(f"  {new.name} → {new.entity.id}{closest}", highlight=False)


def _keep(layer: DatasetLayer, dataset: str, version: str, licence: str, store: StoreOption) -> None:
    """Load `layer` into Neo4j when asked, then keep it: a failure on the way leaves the previous state."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from computekg.graph.errors import GraphError
    from computekg.graph.settings import get_settings
    from computekg.graph.stores import open_store
    from computekg.loaders.errors import DataFileError
    from computekg.loaders.layers import KeptLayer, keep_layer

    home = get_settings().home
    kept = KeptLayer(name=layer.name, dataset=dataset, version=version, licence=licence, graph=layer.graph)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err) as progress:
        task = progress.add_task(f"writing {len(layer.graph.relations)} relationships", total=1)
        try:
            target = open_store(store)
            try:
                if target.name != "memory":
                    target.load(layer.graph)
            finally:
                target.close()
            path = keep_layer(home, kept, base=read_fact_base_or_fail(None).graph)
        except GraphError as error:
            raise fail(f"{error} (is the bundled graph loaded? run `computekg load`)") from error
        except DataFileError as error:
            raise fail(str(error)) from error
        progress.update(task, advance=1, description=f"kept in {path}")


def _import(path: Path, store: StoreOption, reader: str) -> None:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from computekg.loaders.datasets import epoch, eto
    from computekg.loaders.datasets.tables import dataset_version
    from computekg.loaders.errors import FactBaseError

    module, read = {"epoch": (epoch, epoch.import_epoch), "eto": (eto, eto.import_eto)}[reader]
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err) as progress:
        task = progress.add_task("reading the catalog", total=2)
        index = read_fact_base_or_fail(None).aliases
        progress.update(task, advance=1, description=f"reading and checking every row of {path}")
        try:
            layer = read(path, index)
        except FactBaseError as error:
            raise fail(str(error)) from error
        progress.update(task, advance=1, description=f"{len(layer.graph.relations)} relationships read")
    _keep(layer, module.DATASET, dataset_version(path), module.LICENCE, store)
    _summary(layer)


def import_epoch(path: PathArgument, store: StoreOption = None) -> None:
    """Epoch AI's chip owner estimates (github.com/epoch-research/ai-chip-counts, MIT): quarterly holdings."""
    _import(path, store, "epoch")


def import_eto(path: PathArgument, store: StoreOption = None) -> None:
    """CSET ETO's semiconductor supply chain (github.com/georgetown-cset/eto-chip-explorer, CC BY-NC 4.0)."""
    _import(path, store, "eto")


def list_layers() -> None:
    """The kept layers: dataset, version, licence, size."""
    from computekg.graph.settings import get_settings
    from computekg.loaders.errors import DataFileError
    from computekg.loaders.layers import kept_layers

    try:
        layers = kept_layers(get_settings().home)
    except DataFileError as error:
        raise fail(str(error)) from error
    if not layers:
        out.print("no layers: only the bundled news facts (import one with `computekg import`)")
    for layer in layers:
        out.print(f"{layer.name}\t{layer.dataset}\t{layer.version}\t{layer.licence}\t"
                  f"{len(layer.graph.entities)} new entities\t{len(layer.graph.relations)} relationships",
                  highlight=False)


def remove(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The layer's name (see `computekg layers list`).")],
    store: StoreOption = None,
) -> None:
    """Remove a layer; with --store neo4j, Neo4j is reloaded with the bundled graph and the other layers."""
    from computekg.graph.errors import GraphError
    from computekg.graph.settings import get_settings
    from computekg.graph.stores import open_store
    from computekg.loaders.layers import remove_layer

    if not remove_layer(get_settings().home, name):
        raise fail(f"no layer called {name!r}")
    target = open_store(store)
    try:
        if target.name != "memory":
            rest: Subgraph = graph_with_layers_or_fail(read_fact_base_or_fail(None).graph)
            target.load(rest, replace=True)
    except GraphError as error:
        raise fail(str(error)) from error
    finally:
        target.close()
    out.print(f"removed layer {name}")


def register(app: typer.Typer) -> None:
    """Add `computekg import …` and `computekg layers …` to the command line."""
    add_command(import_app, "epoch", import_epoch)
    add_command(import_app, "eto", import_eto)
    add_command(layers_app, "list", list_layers)
    add_command(layers_app, "remove", remove)
    app.add_typer(import_app, name="import", rich_help_panel=FACT_BASE)
    app.add_typer(layers_app, name="layers", rich_help_panel=FACT_BASE)

