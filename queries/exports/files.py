"""How an export reaches the disk: each format renders a subgraph to text or bytes, one function writes it.

Why the split: rendering stays a pure function (easy to test, usable without a file), and the few
things every writer must do alike (create the parent folder, write UTF-8) live in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from computekg.graph.model import Subgraph
from computekg.queries.exports.context import ReportContext

__all__ = ["Rendered", "Writer", "TitledRender", "write_rendered", "writer", "titled_writer"]

Rendered = str | bytes


class Writer(Protocol):
    """Writes `graph` to `output` in one format and returns the path written."""

    def __call__(self, graph: Subgraph, output: Path, *, title: str, context: ReportContext | None = None) -> Path: ...


class TitledRender(Protocol):
    """A renderer whose output shows a title and the view it is of (reports and pictures)."""

    def __call__(self, graph: Subgraph, *, title: str, context: ReportContext | None = None) -> Rendered: ...


def write_rendered(output: Path, content: Rendered) -> Path:
    """Write text as UTF-8 or bytes as they are, creating the parent folder."""
    output.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        output.write_bytes(content)
    else:
        output.write_text(content, encoding="utf-8")
    return output


def writer(render: Callable[[Subgraph], Rendered]) -> Writer:
    """A `Writer` for a format that has no title (data formats)."""

    def write(graph: Subgraph, output: Path, *, title: str, context: ReportContext | None = None) -> Path:
        return write_rendered(output, render(graph))

    return write


def titled_writer(render: TitledRender) -> Writer:
    """A `Writer` for a format that shows the title."""

    def write(graph: Subgraph, output: Path, *, title: str, context: ReportContext | None = None) -> Path:
        return write_rendered(output, render(graph, title=title, context=context))

    return write
