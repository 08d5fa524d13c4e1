"""Who an article names: catalog entities by alias, and organizations the catalog does not know yet.

Catalog names are found by `AliasIndex.find_normalized_mentions` (longest match, word boundaries for Latin
names) on the aligned normalized body, so every mention also knows its span in the original text
and its name as written there. Unknown organizations come from `new_entities` and are flagged
`new`; they never hide a catalog name they overlap.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from typing import NamedTuple

from computekg.graph.model import Entity
from computekg.graph.schema import EntityKind, OrgRole
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.ingest.aligned import AlignedText
from computekg.loaders.ingest.new_entities import find_new_organizations

__all__ = ["LinkedMention", "link_entities"]


class LinkedMention(NamedTuple):
    """One name in the article: its entity (or None when new), where it stands, and how it is written.

    A named tuple: an article names thousands of entities and tuples are the cheapest records to build.
    """

    entity_id: str | None
    name: str
    kind: EntityKind
    start: int
    end: int
    norm_start: int
    norm_end: int
    roles: frozenset[OrgRole] = frozenset()
    parent: str | None = None
    subkind: str | None = None  # the product or facility kind, when the catalog gives one

    @property
    def new(self) -> bool:
        return self.entity_id is None

    @property
    def key(self) -> str:
        """The catalog id, or the name as written for an entity the catalog does not know."""
        return self.entity_id or self.name


_new_mention = tuple.__new__  # builds a `LinkedMention` without the Python-level `__new__` of named tuples


def _catalog_mentions(aligned: AlignedText, body: str, index: AliasIndex,
                      entities: Mapping[str, Entity]) -> list[LinkedMention]:
    found = []
    origin = aligned.origin
    described: dict[str, tuple[Entity, frozenset[OrgRole], str | None]] = {}  # each entity's fields, once
    for mention in index.find_normalized_mentions(aligned.text):
        entry = described.get(mention.entity_id)
        if entry is None:
            entity = entities.get(mention.entity_id)
            if entity is None:
                continue
            subkind = entity.product_kind or entity.facility_kind
            entry = described[mention.entity_id] = (entity, frozenset(entity.roles), str(subkind) if subkind else None)
        entity, roles, subkind_name = entry
        start, end = origin[mention.start], origin[mention.end - 1] + 1  # `aligned.original_span`, inlined
        found.append(_new_mention(LinkedMention, (entity.id, body[start:end], entity.kind, start, end, mention.start,
                                                  mention.end, roles, entity.parent, subkind_name)))
    return found


def link_entities(aligned: AlignedText, body: str, index: AliasIndex,
                  entities: Mapping[str, Entity]) -> list[LinkedMention]:
    """Every catalog and new-organization mention in `body` (aligned is `align(body)`), in text order."""
    known = _catalog_mentions(aligned, body, index, entities)  # in text order, never overlapping
    starts = [m.norm_start for m in known]
    ends = [m.norm_end for m in known]
    new = []
    for start, end in find_new_organizations(aligned, body):
        norm_start, norm_end = aligned.normalized_span(start, end)
        first_after = bisect_right(ends, norm_start)  # the first catalog name ending after this one starts
        if first_after == len(known) or starts[first_after] >= norm_end:
            new.append(LinkedMention(None, body[start:end], EntityKind.ORGANIZATION, start, end, norm_start, norm_end))
    return sorted(known + new, key=lambda m: m.norm_start)
