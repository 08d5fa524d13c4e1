"""`computekg export`: write the graph, or a part of it, in a format other tools read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from computekg.app.cli_common import DataDirOption, StoreOption, fail, out, query_store
from computekg.queries.node_link import to_node_link

__all__ = ["export"]


def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    format_: Annotated[str, typer.Option("--format", "-f", help="Export format: json (node-link).")] = "json",
    store: StoreOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Export the whole graph (node-link JSON: nodes with id/name/aliases/labels, links with evidence)."""
    if format_ != "json":
        raise fail(f"unknown format {format_!r}; available: json")
    target = query_store(store, data_dir)
    graph = target.snapshot()
    target.close()
    output.write_text(json.dumps(to_node_link(graph), ensure_ascii=False, indent=2), encoding="utf-8")
    out.print(f"wrote {len(graph.entities)} nodes and {len(graph.relations)} links to {output}")
