"""Catalog reference data as relationships: an organization's `parent:` becomes SUBSIDIARY_OF child -> parent.

Why an edge and not only a field: questions walk relationships, so "Baidu's subsidiaries" finds Kunlunxin, and
"NVIDIA" reaches what NVIDIA China designed, only when the parent is an edge. Its evidence is a
`CatalogEvidence` (the catalog file and entry), never a made-up quote.

An article fact that already states the same SUBSIDIARY_OF as having happened (no status) stays the edge, and
the catalog entry is added to it as a second evidence item: one claim is one edge, and a reader still sees both
sources. An article that states it only as planned, rumoured or ended does not stand for the catalog's claim, so
the catalog's own edge is added beside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from computekg.graph.model import CatalogEvidence, Entity, Relation, relation_key
from computekg.graph.schema import RelType
from computekg.graph.subgraph_ops import merge_relation

__all__ = ["with_catalog_parents"]

# Reference data is as sure as the catalog is: curated public knowledge, not a reading of a sentence.
_CATALOG_CONFIDENCE = 1.0


def _parent_evidence(catalog_files: Mapping[str, Sequence[Entity]]) -> Iterable[tuple[str, str, CatalogEvidence]]:
    """(child, parent, the entry that says so) for every catalog entry with a parent."""
    for file_name, entities in sorted(catalog_files.items()):
        for entity in entities:
            if entity.parent is not None:
                yield entity.id, entity.parent, CatalogEvidence(catalog_file=file_name, entry=entity.id, field="parent",
                                              confidence=_CATALOG_CONFIDENCE)


def with_catalog_parents(relations: Sequence[Relation],
                         catalog_files: Mapping[str, Sequence[Entity]]) -> list[Relation]:
    """`relations` with every catalog parent as a SUBSIDIARY_OF, sorted by id (see the module docstring)."""
    by_id = {relation.id: relation for relation in relations}
    stated: dict[tuple[str, str], list[str]] = defaultdict(list)
    for relation in relations:
        if relation.type is RelType.SUBSIDIARY_OF and relation.status is None:
            stated[relation.subject, relation.object].append(relation.id)
    for child, parent, evidence in _parent_evidence(catalog_files):
        for relation_id in stated.get((child, parent), []):
            known = by_id[relation_id]
            by_id[relation_id] = merge_relation(known, known.model_copy(update={"evidence": (evidence,)}))
        if (child, parent) not in stated:
            key = relation_key(child, RelType.SUBSIDIARY_OF, parent, product=None, quantity=None, amount=None,
                               date=None, status=None)
            by_id[key] = Relation(id=key, subject=child, type=RelType.SUBSIDIARY_OF, object=parent,
                                  confidence=_CATALOG_CONFIDENCE, evidence=(evidence,))
    return [by_id[key] for key in sorted(by_id)]
