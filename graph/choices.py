"""The closed sets a command or a query chooses from: which store, which way to follow relationships.

Plain enums in a module that imports nothing else, so that the command line can offer them (and `--help`
can list them) without loading pydantic, a store or a driver. `graph.settings` and `graph.store` export
them too, where they belong by meaning.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Direction", "Layer", "StoreKind"]


class StoreKind(StrEnum):
    """Which `GraphStore` implementation a command works on."""

    MEMORY = "memory"
    NEO4J = "neo4j"


class Direction(StrEnum):
    """Which way to follow relationships from an entity."""

    DOWNSTREAM = "downstream"  # subject -> object
    UPSTREAM = "upstream"  # object -> subject
    BOTH = "both"


class Layer(StrEnum):
    """Which facts a question reads: the news (article facts and the catalog's reference data), the imported
    datasets, or both."""

    NEWS = "news"
    DATASETS = "datasets"
    BOTH = "both"
