"""Relations a name states by itself: '英伟达A100', '阿里达摩院', '荷兰阿斯麦', '百度阳泉超算中心'.

Names are often built from another name: a product prefixed by its maker, a unit by its parent,
a company by its country, a data centre by its operator. When a mention's written name starts
with another entity's name, that is read as the relation the construction states, checked against
the schema's endpoint kinds (and, for a parent, against the catalog's `parent`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from computekg.graph.model import Entity
from computekg.graph.schema import ENDPOINT_KINDS, EntityKind, RelType
from computekg.loaders.ingest.candidate import Candidate
from computekg.loaders.ingest.linking import LinkedMention
from computekg.loaders.ingest.sentences import Sentence
from computekg.loaders.normalize import normalize_for_matching

__all__ = ["NamePrefixReader"]

_CONFIDENCE = 0.7
# (the entity a name starts with, the relation that states, whether it runs from the mention to that entity)
_Statement = tuple[Entity, RelType, bool]
_MAX_REMEMBERED = 65536  # (name, entity) statements kept before the memo starts over
_BY_PRODUCT_KIND = {"software_platform": RelType.DEVELOPS, "cloud_service": RelType.DEVELOPS,
                    "cluster": RelType.OPERATES}


def _stated_type(prefix: Entity, mention: LinkedMention) -> RelType | None:
    """The relation '<prefix><rest of the name>' states between the mention and the prefixed entity."""
    if prefix.kind is EntityKind.PLACE:
        return RelType.LOCATED_IN
    if prefix.kind is not EntityKind.ORGANIZATION:
        return None
    if mention.kind is EntityKind.ORGANIZATION:
        return RelType.SUBSIDIARY_OF if mention.parent == prefix.id else None
    if mention.kind is EntityKind.FACILITY:
        return RelType.OPERATES
    if mention.kind is EntityKind.MODEL:
        return RelType.DEVELOPS
    if mention.kind is EntityKind.PRODUCT:
        return _BY_PRODUCT_KIND.get(mention.subkind or "", RelType.DESIGNS)
    return None


class NamePrefixReader:
    """Finds organization and place names at the start of other names."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        owners: dict[str, set[str]] = {}
        self._entities: Mapping[str, Entity] = {e.id: e for e in entities}
        for entity in self._entities.values():
            if entity.kind in (EntityKind.ORGANIZATION, EntityKind.PLACE):
                for name in entity.all_names():
                    owners.setdefault(normalize_for_matching(name), set()).add(entity.id)
        self._names = {name: next(iter(ids)) for name, ids in owners.items() if len(ids) == 1 and name}
        # The same few names recur all through a corpus: each (name as written, entity) is read once.
        self._stated: dict[tuple[str, str], _Statement | None] = {}

    def _prefix(self, written: str, own_id: str | None) -> Entity | None:
        for length in range(len(written) - 1, 0, -1):
            entity_id = self._names.get(written[:length])
            if entity_id is None or entity_id == own_id:
                continue
            if written[length - 1].isascii() and written[length - 1].isalnum() and written[length].isascii() \
                    and written[length].isalnum():
                continue  # 'Intel' does not start 'Intelligence'
            return self._entities[entity_id]
        return None

    def candidates(self, mentions: list[LinkedMention], sentence: Sentence, article_id: str,
                   stated_before: set[tuple[str, RelType, str]]) -> list[Candidate]:
        """The relations the names of `mentions` (all in `sentence`) state by themselves, in text order.

        A name states its relation once per article: triples in `stated_before` are skipped, and the
        ones found here are added to it.
        """
        found = []
        statements = self._stated
        for mention in mentions:
            if mention.entity_id is None:
                continue
            key = (mention.name, mention.entity_id)
            if key not in statements:
                if len(statements) >= _MAX_REMEMBERED:
                    statements.clear()
                statements[key] = self._statement(mention)
            statement = statements[key]
            if statement is None:
                continue
            prefix, rel_type, forward = statement
            triple = (mention.entity_id, rel_type, prefix.id) if forward else (prefix.id, rel_type, mention.entity_id)
            if triple not in stated_before:
                stated_before.add(triple)
                found.append(self._candidate(mention, prefix, rel_type, forward, sentence, article_id))
        return found

    @staticmethod
    def _candidate(mention: LinkedMention, prefix: Entity, rel_type: RelType, forward: bool, sentence: Sentence,
                   article_id: str) -> Candidate:
        subject = (mention.key, mention.name, mention.kind) if forward else (prefix.id, prefix.name, prefix.kind)
        obj = (prefix.id, prefix.name, prefix.kind) if forward else (mention.key, mention.name, mention.kind)
        return Candidate(subject=subject[0], subject_name=subject[1], subject_kind=subject[2], type=rel_type,
                         object=obj[0], object_name=obj[1], object_kind=obj[2], evidence=sentence.text,
                         confidence=_CONFIDENCE, rule=f"name-prefix-{rel_type.lower()}", source=article_id,
                         start=sentence.start, end=sentence.end)

    def _statement(self, mention: LinkedMention) -> _Statement | None:
        """The entity that starts the mention's name, the relation that states, and whether it runs from the
        mention to that entity; None when no name starts it or the schema does not allow the relation."""
        prefix = self._prefix(normalize_for_matching(mention.name), mention.entity_id)
        rel_type = _stated_type(prefix, mention) if prefix else None
        if prefix is None or rel_type is None:
            return None
        subject_kinds, object_kinds = ENDPOINT_KINDS[rel_type]
        forward = rel_type in (RelType.LOCATED_IN, RelType.SUBSIDIARY_OF)
        subject_kind, object_kind = (mention.kind, prefix.kind) if forward else (prefix.kind, mention.kind)
        if subject_kind not in subject_kinds or object_kind not in object_kinds:
            return None
        return prefix, rel_type, forward
