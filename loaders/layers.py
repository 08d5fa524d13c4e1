"""Imported dataset layers kept under COMPUTEKG_HOME, so what was imported stays for the next command.

The embedded store is rebuilt on every command from the bundled graph; an imported layer would vanish with
it. So an import writes its layer to `<home>/layers/<name>.json` (the `Subgraph`, validated by the models when
read back), and every command, the app and `computekg load` lay the kept layers over the bundled graph. A layer
file is written to a temporary file and renamed into place: a reader never sees half of one, and importing the
same dataset again replaces its layer whole (importing twice gives the same graph).

Layers are named by their dataset ('epoch', 'eto'); `news` is the bundled graph's own name, never a layer's.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from computekg.graph.model import Subgraph
from computekg.graph.subgraph_ops import check_endpoints, merge_subgraphs
from computekg.loaders.errors import DataFileError

__all__ = ["KeptLayer", "layers_dir", "keep_layer", "kept_layers", "remove_layer", "with_layers"]


class KeptLayer(BaseModel):
    """What a layer file holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    dataset: str
    version: str
    licence: str
    graph: Subgraph


def layers_dir(home: Path) -> Path:
    return home / "layers"


def keep_layer(home: Path, layer: KeptLayer, *, base: Subgraph) -> Path:
    """Write `layer` (replacing a layer of its name) once it fits over `base`; raises `EntityNotFound` otherwise."""
    check_endpoints(merge_subgraphs(base, *(kept.graph for kept in kept_layers(home) if kept.name != layer.name),
                                    layer.graph))
    folder = layers_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{layer.name}.json"
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(layer.model_dump_json(exclude_none=True).encode())
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return target


def kept_layers(home: Path) -> list[KeptLayer]:
    """Every kept layer, by name; raises `DataFileError` for a layer file that is damaged."""
    layers = []
    for path in sorted(layers_dir(home).glob("*.json")):
        try:
            layers.append(KeptLayer.model_validate_json(path.read_bytes()))
        except (OSError, ValidationError) as error:
            raise DataFileError(path, None, None, f"not a readable layer ({error.__class__.__name__}); remove it "
                                f"with `computekg layers remove {path.stem}` and import again") from error
    return layers


def remove_layer(home: Path, name: str) -> bool:
    """Remove the layer called `name`; False when there is none."""
    try:
        (layers_dir(home) / f"{name}.json").unlink()
    except FileNotFoundError:
        return False
    return True


def with_layers(base: Subgraph, home: Path) -> Subgraph:
    """`base` with every kept layer laid over it (facts stated in both merge their evidence)."""
    layers = kept_layers(home)
    return merge_subgraphs(base, *(layer.graph for layer in layers)) if layers else base
