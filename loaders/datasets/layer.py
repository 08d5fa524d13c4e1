"""What an importer hands back: a dataset layer (a `Subgraph`) and the account of every row read.

Shared by every dataset importer: names meet the catalog through one `CatalogMatcher`, which says which
names matched a catalog entity and which became new entities (listed for review, with the closest catalog
candidates), so a dataset's "Nvidia" is the catalog's NVIDIA and never a second one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from computekg.graph.errors import EntityNotFound
from computekg.graph.model import Entity, Relation, Subgraph
from computekg.graph.schema import EntityKind
from computekg.graph.subgraph_ops import merge_relation
from computekg.loaders.alias_index import AliasIndex

__all__ = ["NewEntity", "CatalogMatcher", "Accounting", "RelationSet", "DatasetLayer", "IMPORTED", "MERGED"]

IMPORTED = "imported"
MERGED = "merged into an earlier row's fact"


@dataclass(frozen=True)
class NewEntity:
    """An entity a dataset names that the catalog lacks: created in the layer, listed for review."""

    name: str
    entity: Entity
    index: AliasIndex

    def candidates(self) -> tuple[str, ...]:
        """The catalog entities closest to the dataset's name, for a reviewer: a pass over every alias, so only
        asked for the names a person will read."""
        try:
            return (self.index.resolve(self.name).id,)
        except EntityNotFound as error:
            return error.candidates


@dataclass
class CatalogMatcher:
    """Resolves dataset names to catalog entities of the expected kind; a miss is created once, and listed."""

    index: AliasIndex
    matched: dict[str, str] = field(default_factory=dict)  # dataset name -> catalog id
    new: dict[str, NewEntity] = field(default_factory=dict)  # new entity id -> what it is

    def find(self, kind: EntityKind, *names: str) -> Entity | None:
        """The catalog entity of `kind` called by any of `names` (the first that resolves), else None."""
        for name in names:
            entity = self.index.lookup(name) if name else None
            if entity is not None and entity.kind is kind:
                self.matched[names[0]] = entity.id
                return entity
        return None

    def create(self, entity: Entity, name: str) -> Entity:
        """`entity` as new to the catalog (once per id), with the catalog names closest to `name` for review."""
        if entity.id not in self.new:
            self.new[entity.id] = NewEntity(name, entity, self.index)
        return self.new[entity.id].entity


@dataclass
class Accounting:
    """Per file, how many rows were imported, merged, or skipped and why: every row read is in one count."""

    by_file: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def count(self, file: str, outcome: str, rows: int = 1) -> None:
        self.by_file[file][outcome] += rows

    def rows(self, file: str) -> int:
        return sum(self.by_file[file].values())


@dataclass(frozen=True)
class DatasetLayer:
    """One imported dataset: its name (the layer's), the graph it adds, and the account of its rows."""

    name: str
    graph: Subgraph
    accounting: Accounting
    matched: dict[str, str]
    new: tuple[NewEntity, ...]


@dataclass
class RelationSet:
    """Relations by id: a row repeating an earlier row's fact adds its evidence to it instead of a second edge."""

    by_id: dict[str, Relation] = field(default_factory=dict)

    def add(self, relation: Relation) -> str:
        """Keep `relation`; returns the row's outcome, `IMPORTED` or `MERGED`."""
        known = self.by_id.get(relation.id)
        self.by_id[relation.id] = relation if known is None else merge_relation(known, relation)
        return IMPORTED if known is None else MERGED

    def sorted(self) -> tuple[Relation, ...]:
        return tuple(self.by_id[key] for key in sorted(self.by_id))
