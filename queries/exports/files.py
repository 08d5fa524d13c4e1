"""How an export reaches the disk: each format renders a subgraph to text or bytes, one function writes it.

Why the split: rendering stays a pure function (easy to test, usable without a file), and the few
things every writer must do alike live in one place: create the parent folder, write UTF-8, and replace a
file only when the new one is complete (written to a temporary file beside it, then renamed over it), so a
full disk or a killed export leaves the previous file as it was. Every problem is an `ExportError`
that names the output and says what to do.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from computekg.graph.model import Subgraph
from computekg.queries.exports.context import ReportContext

__all__ = ["ExportError", "Rendered", "Writer", "TitledRender", "write_rendered", "writer", "titled_writer"]

Rendered = str | bytes


class ExportError(ValueError):
    """The export cannot be written as asked: the message says why, in the user's terms, and nothing was written."""


class Writer(Protocol):
    """Writes `graph` to `output` in one format and returns the path written."""

    def __call__(self, graph: Subgraph, output: Path, *, title: str, context: ReportContext | None = None) -> Path: ...


class TitledRender(Protocol):
    """A renderer whose output shows a title and the view it is of (reports and pictures)."""

    def __call__(self, graph: Subgraph, *, title: str, context: ReportContext | None = None) -> Rendered: ...


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# A replaced file keeps its permissions; a new one gets those `open` would give it (temporary files are 0600).
_NEW_FILE_MODE = 0o666 & ~_current_umask()


def write_rendered(output: Path, content: Rendered) -> Path:
    """Write text as UTF-8 or bytes as they are, creating the parent folder; raises `ExportError`.

    A regular file is replaced only once the new content is wholly on disk. A pipe or a device (`/dev/stdout`)
    is written directly: there is nothing to rename over it.
    """
    try:
        data = content if isinstance(content, bytes) else content.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ExportError(f"cannot write {output}: the graph holds text that is not Unicode (a lone surrogate, "
                          f"U+{ord(error.object[error.start]):04X}) that `computekg check` would refuse") from None
    target = output.resolve() if output.is_symlink() else output
    try:
        if target.is_dir():
            raise ExportError(f"{output} is a folder: give the name of a file to write")
        if target.exists() and not target.is_file():
            with target.open("wb") as stream:
                stream.write(data)
            return output
        blocking = next((folder for folder in target.parents if folder.exists() and not folder.is_dir()), None)
        if blocking is not None:
            raise ExportError(f"cannot write {output}: {blocking} is a file, not a folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _NEW_FILE_MODE
        _replace(target, data, mode)
    except OSError as error:
        raise ExportError(f"cannot write {output}: {error.strerror or error}; nothing was changed there") from error
    return output


def _replace(target: Path, data: bytes, mode: int) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), mode)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())  # on disk before it takes the old file's name
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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
