"""A candidate fact: what an extractor proposes and a person reviews before it joins the fact base.

It carries everything a curated fact has (and converts to a `FactRecord` with `to_fact_record`)
plus what review needs: the names as written, whether each endpoint is new to the catalog, the
rule that proposed it and where its sentence stands. Its `fingerprint` identifies the claim
(subject, type, object and evidence) across runs, so a rejected claim is recognised when the same
article is ingested again.
"""

from __future__ import annotations

import hashlib

from pydantic import BaseModel, ConfigDict, Field

from computekg.graph.model import Money, PartialDate, Quantity
from computekg.graph.schema import EntityKind, FactStatus, RelType
from computekg.loaders.facts import FactRecord
from computekg.loaders.normalize import normalize_for_matching

__all__ = ["Candidate", "fingerprint"]


def fingerprint(subject: str, type_: RelType, object_: str, evidence: str) -> str:
    """A stable id of a claim: equal for the same endpoints, type and evidence in any script or width."""
    parts = [normalize_for_matching(subject), str(type_), normalize_for_matching(object_),
             normalize_for_matching(evidence)]
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]


class Candidate(BaseModel):
    """One proposed relationship with its evidence; `subject`/`object` are catalog ids or, when new, names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    subject: str = Field(min_length=1, description="Catalog id, or the name as written when subject_new.")
    subject_name: str = Field(min_length=1, description="The subject as the article writes it.")
    subject_kind: EntityKind
    subject_new: bool = False
    type: RelType
    object: str = Field(min_length=1)
    object_name: str = Field(min_length=1)
    object_kind: EntityKind
    object_new: bool = False
    product: str | None = Field(default=None, description="Catalog id of the product traded, if named.")
    quantity: Quantity | None = None
    amount: Money | None = None
    date: PartialDate | None = None
    status: FactStatus | None = None
    evidence: str = Field(min_length=2, description="The sentence, verbatim from the cleaned article.")
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str = Field(description="The rule (or extractor) that proposed it.")
    source: str | None = Field(default=None, description="The article id.")
    start: int | None = Field(default=None, ge=0, description="Offset of the evidence in the article body.")
    end: int | None = Field(default=None, ge=0)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.subject, self.type, self.object, self.evidence)

    @property
    def triple(self) -> tuple[str, RelType, str]:
        return self.subject, self.type, self.object

    def to_fact_record(self, fact_id: str, note: str | None = None) -> FactRecord:
        """The fact-file record a reviewer would have written for this candidate."""
        return FactRecord(
            id=fact_id,
            subject=self.subject,
            type=self.type,
            object=self.object,
            product=self.product,
            quantity=self.quantity.text if self.quantity else None,
            amount=self.amount.text if self.amount else None,
            currency=self.amount.currency if self.amount else None,
            date=self.date,
            status=self.status,
            confidence=self.confidence,
            quote=self.evidence,
            note=note or f"Extracted by {self.rule}; accepted in review.",
        )
