"""The extractor interface, and the offline extractor built from the project's own pieces.

Every extractor turns a cleaned `Article` into `Candidate`s; the review queue, the CLI and the
evaluation only see this protocol, so the offline pattern extractor and the optional LLM extractor
are interchangeable. The offline one needs nothing but the catalog and the cue lexicon: no
network, no model.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from typing import NamedTuple, Protocol

from computekg.graph.model import Entity
from computekg.graph.schema import EntityKind, ProductKind, RelType
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.article import Article
from computekg.loaders.bundle import FactBase
from computekg.loaders.ingest.aligned import align
from computekg.loaders.ingest.candidate import Candidate
from computekg.loaders.ingest.coreference import with_coreferences
from computekg.loaders.ingest.cues import CompiledLexicon, default_lexicon
from computekg.loaders.ingest.linking import LinkedMention, link_entities
from computekg.loaders.ingest.new_names import NewName, new_names
from computekg.loaders.ingest.relations import SentenceContext, sentence_candidates
from computekg.loaders.ingest.sentences import Sentence, split_sentences

__all__ = ["ArticleReading", "Extractor", "OfflineExtractor"]


class ArticleReading(NamedTuple):
    """What one reading of an article proposes: candidate facts, and the names it uses that the catalog lacks."""

    candidates: list[Candidate]
    new_names: list[NewName]


class Extractor(Protocol):
    """Anything that proposes candidate facts for an article."""

    def extract(self, article: Article) -> list[Candidate]: ...

    def read(self, article: Article) -> ArticleReading: ...


class OfflineExtractor:
    """Catalog aliases for names, `cues.yaml` patterns for relations; deterministic and offline."""

    def __init__(self, entities: Iterable[Entity], *, lexicon: CompiledLexicon | None = None,
                 index: AliasIndex | None = None) -> None:
        self._entities: Mapping[str, Entity] = {e.id: e for e in entities}
        self._index = index or AliasIndex(self._entities.values())
        self._lexicon = lexicon or default_lexicon()

    @classmethod
    def from_fact_base(cls, fact_base: FactBase) -> OfflineExtractor:
        return cls(fact_base.entities, index=fact_base.aliases)

    def extract(self, article: Article) -> list[Candidate]:
        """Candidates from every sentence of `article`, in text order."""
        return self.read(article).candidates

    def read(self, article: Article) -> ArticleReading:
        """Candidates from every sentence of `article`, and its names new to the catalog, in text order.

        A new name is worth a reviewer's look even when no candidate uses it: it is the catalog's growth.
        """
        body = article.body
        aligned = align(body)
        mentions = link_entities(aligned, body, self._index, self._entities)
        context = SentenceContext(article.id, article.date, aligned)
        candidates: list[Candidate] = []
        sentences = list(with_coreferences(_group_by_sentence(split_sentences(body), mentions), aligned))
        for sentence, inside in sentences:
            candidates += sentence_candidates(sentence, inside, context, self._lexicon)
        return ArticleReading(_technology_readings(candidates, self._entities), new_names(sentences, article.id))


_TECHNOLOGY = frozenset({ProductKind.PROCESS, ProductKind.PACKAGING})


def _technology_readings(candidates: list[Candidate], entities: Mapping[str, Entity]) -> list[Candidate]:
    """Read a chip's use of a process node or packaging technology as its maker's work.

    'MI355X采用台积电N3P制程' names TSMC only inside its process: the chip USES TSMC N3P reads as TSMC
    MANUFACTURES MI355X, and '辉达包下台积电CoWoS产能' (NVIDIA PURCHASED CoWoS) as TSMC SUPPLIES NVIDIA
    (of CoWoS). A maker making or designing its own technology is catalog knowledge, not news: dropped.
    """
    read: list[Candidate] = []
    for candidate in candidates:
        technology = entities.get(candidate.object)
        if technology is None or technology.product_kind not in _TECHNOLOGY or technology.maker is None:
            read.append(candidate)
            continue
        maker = entities.get(technology.maker)
        if maker is None or candidate.subject == maker.id:
            continue  # TSMC MANUFACTURES CoWoS: the catalog says so already
        if candidate.type is RelType.USES and candidate.subject_kind is EntityKind.PRODUCT:
            read.append(candidate.model_copy(update={
                "type": RelType.MANUFACTURES, "subject": maker.id, "subject_name": candidate.object_name,
                "subject_kind": maker.kind, "subject_new": False, "object": candidate.subject,
                "object_name": candidate.subject_name, "object_kind": candidate.subject_kind,
                "object_new": candidate.subject_new, "rule": f"{candidate.rule}+technology-maker"}))
        elif candidate.type is RelType.PURCHASED and candidate.subject_kind is EntityKind.ORGANIZATION:
            read.append(candidate.model_copy(update={
                "type": RelType.SUPPLIES, "subject": maker.id, "subject_name": candidate.object_name,
                "subject_kind": maker.kind, "subject_new": False, "object": candidate.subject,
                "object_name": candidate.subject_name, "object_kind": candidate.subject_kind,
                "object_new": candidate.subject_new, "product": technology.id,
                "rule": f"{candidate.rule}+technology-maker"}))
        else:
            read.append(candidate)
    return read


def _group_by_sentence(sentences: list[Sentence],
                       mentions: list[LinkedMention]) -> Iterable[tuple[Sentence, list[LinkedMention]]]:
    """Each sentence that names something, with the mentions wholly inside it (both lists are in text order)."""
    starts = [mention.start for mention in mentions]
    for sentence in sentences:
        first = bisect_left(starts, sentence.start)
        after = bisect_left(starts, sentence.end, first)
        if first == after:
            continue
        inside = mentions[first:after]
        if inside[-1].end > sentence.end:  # a name running past the sentence's end is not inside it
            inside = [mention for mention in inside if mention.end <= sentence.end]
        yield sentence, inside
