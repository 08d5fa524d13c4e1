"""Names an article uses that the catalog lacks, as a reviewer sees them: the name, a kind guess, where.

Linking finds them (`discovery`, `new_entities`); this module turns each into a `NewName` with the
sentence it stands in, so a reviewer can add it to the catalog even when no candidate fact uses it.
The closest catalog entities are looked up when the name is queued (`review_names`), not while
extracting: that lookup compares the name with every catalog name, which a reader of thousands of
articles cannot afford per mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from computekg.graph.schema import EntityKind
from computekg.loaders.ingest.linking import LinkedMention
from computekg.loaders.ingest.sentences import Sentence
from computekg.loaders.normalize import normalize_for_matching

__all__ = ["NewName", "new_names", "model_number", "same_model_number"]


class NewName(BaseModel):
    """One name new to the catalog, once per article: how it is written, what it seems to be, where it stands."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, description="The name as the article writes it.")
    kind: EntityKind = Field(description="What the context says it is: an organization, a product, a person…")
    signal: str = Field(description="How it was found: ticker, list, descriptor, apposition, title, suffix…")
    source: str | None = Field(default=None, description="The article id.")
    evidence: str = Field(min_length=1, description="The sentence it stands in, verbatim.")
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)

    @property
    def key(self) -> tuple[str, EntityKind]:
        """The same name (in any script, case or width) of the same kind is one discovery."""
        return normalize_for_matching(self.name), self.kind


def new_names(mentions: Iterable[tuple[Sentence, list[LinkedMention]]], article_id: str) -> list[NewName]:
    """The new names among each sentence's mentions, the first sentence of each name only, in text order."""
    found: dict[tuple[str, EntityKind], NewName] = {}
    for sentence, inside in mentions:
        for mention in inside:
            if not mention.new:
                continue
            name = NewName(name=mention.name, kind=mention.kind, signal=mention.signal or "suffix",
                           source=article_id, evidence=sentence.text, start=sentence.start, end=sentence.end)
            found.setdefault(name.key, name)
    return list(found.values())


_MODEL_NUMBER = re.compile(r"[a-z]*\d+[a-z0-9.]*")


def model_number(name: str) -> str | None:
    """The model number a name carries ('h200' of 'NVIDIA H200', 'mi325x', '910c'), if it has one."""
    numbers = _MODEL_NUMBER.findall(normalize_for_matching(name))
    return numbers[-1] if numbers else None


def same_model_number(first: str, second: str) -> bool:
    """False when both names carry model numbers and they differ in digits or suffix (H100 is not H200)."""
    a, b = model_number(first), model_number(second)
    return a is None or b is None or a == b
