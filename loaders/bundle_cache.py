"""A validated fact base kept on disk, so that a query does not read and verify the whole data directory again.

Reading a data directory means parsing its YAML with line numbers and checking every quote against its
article: a few hundred milliseconds before every command could start. What comes out depends only on the
files read and on the code that reads them, so it is kept under a key made of both: the content hash of
every file under the data directory and of the modules that read and model it. An entry is JSON that the
models validate on the way back in (pydantic's compiled core: milliseconds), so a damaged entry cannot
yield a wrong graph. A key that matches no entry, or an entry that is missing, truncated or not what the
models accept: the data directory is read and validated in full, as without a cache, and the entry written
again. Entries are written to a temporary file and renamed into place, so a reader never sees half of
one however many commands write at once; a cache folder that cannot be written only costs the time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from computekg.graph.model import Entity, Subgraph
from computekg.loaders.article import Article
from computekg.loaders.bundle import FactBase, read_fact_base

__all__ = ["cached_fact_base", "fact_base_key"]

_LAYOUT = 1  # changes when an entry's layout does, so entries of another layout are never read
# The code whose output is cached: the readers (this package) and the models and vocabulary they build.
_READER_PACKAGES = (Path(__file__).resolve().parent, Path(__file__).resolve().parents[1] / "graph")


class _Entry(BaseModel):
    """What a cache file holds: the key it was made for and the fact base read under it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    entities: tuple[Entity, ...]
    articles: tuple[Article, ...]
    graph: Subgraph


def _named_contents(root: Path, paths: list[Path]) -> Iterator[bytes]:
    """Each file's path (relative to `root`) and length, then its bytes: what the key is a hash of."""
    for path in paths:
        content = path.read_bytes()
        yield f"{path.relative_to(root).as_posix()}\0{len(content)}\0".encode()
        yield content


def fact_base_key(data_dir: Path) -> str:
    """The content hash of every file under `data_dir` and of the modules that read it."""
    digest = hashlib.sha256(f"computekg fact base, layout {_LAYOUT}\n".encode())
    for chunk in _named_contents(data_dir, sorted(path for path in data_dir.rglob("*") if path.is_file())):
        digest.update(chunk)
    for package in _READER_PACKAGES:
        for chunk in _named_contents(package, sorted(package.glob("*.py"))):
            digest.update(chunk)
    return digest.hexdigest()


def _entry_prefix(data_dir: Path) -> str:
    """Entries of one data directory share a prefix, so a new entry can replace the stale ones."""
    return "fact-base-" + hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:12]


def _read_entry(path: Path, key: str) -> _Entry | None:
    try:
        entry = _Entry.model_validate_json(path.read_bytes())
    except (OSError, ValidationError):  # missing, unreadable, truncated or not an entry: validate afresh
        return None
    return entry if entry.key == key else None


def _write_entry(cache_dir: Path, prefix: str, entry: _Entry) -> None:
    """Write `entry` atomically and remove the data directory's older entries; a failure only costs the cache."""
    target = cache_dir / f"{prefix}-{entry.key[:32]}.json"
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(entry.model_dump_json().encode())
            os.replace(temporary, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
    except OSError:
        return
    for stale in cache_dir.glob(f"{prefix}-*.json"):
        if stale != target:
            with contextlib.suppress(OSError):
                stale.unlink()


def cached_fact_base(data_dir: Path, *, cache_dir: Path) -> FactBase:
    """The fact base of `data_dir`, as `read_fact_base` gives it, from `cache_dir` when it was validated before.

    Raises what `read_fact_base` raises (a bad data directory is never cached).
    """
    key = fact_base_key(data_dir)
    prefix = _entry_prefix(data_dir)
    entry = _read_entry(cache_dir / f"{prefix}-{key[:32]}.json", key)
    if entry is not None:
        return FactBase(data_dir=data_dir, entities=entry.entities, articles={a.id: a for a in entry.articles},
                        graph=entry.graph)
    base = read_fact_base(data_dir)
    if fact_base_key(data_dir) == key:  # not changed while it was read: the entry holds what the key names
        _write_entry(cache_dir, prefix, _Entry(key=key, entities=base.entities, articles=tuple(base.articles.values()),
                                               graph=base.graph))
    return base
