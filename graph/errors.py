"""Specific errors the graph layer raises, so callers can react to each one."""

from __future__ import annotations

__all__ = ["GraphError", "EntityNotFound", "NoPath", "StoreUnavailable"]


class GraphError(Exception):
    """Base class of computekg's graph errors."""


class EntityNotFound(GraphError, LookupError):
    """No entity has the given id (or name)."""

    def __init__(self, ref: str, candidates: tuple[str, ...] = ()) -> None:
        self.ref = ref
        self.candidates = candidates
        hint = f"; did you mean: {', '.join(candidates)}" if candidates else ""
        super().__init__(f"no entity matches {ref!r}{hint}")


class NoPath(GraphError):
    """The two entities are not connected within the given limits."""

    def __init__(self, source: str, target: str, max_hops: int) -> None:
        self.source = source
        self.target = target
        self.max_hops = max_hops
        super().__init__(f"no path from {source!r} to {target!r} within {max_hops} hops")


class StoreUnavailable(GraphError):
    """The configured store cannot be reached (e.g. Neo4j is not running)."""
