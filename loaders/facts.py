"""Read the curated fact files (`data/facts/*.yaml`) into relationships with provenance.

A fact names its subject, object and product by catalog id or by any alias; its quote must
occur in its article (under `normalize_for_matching`); counts and amounts are parsed from the
article's own wording. Every problem is reported with file, line and field, and nothing is
returned unless every fact is valid.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from computekg.graph.characters import ExportableText
from computekg.graph.errors import EntityNotFound
from computekg.graph.model import (
    Currency,
    Entity,
    Evidence,
    Money,
    PartialDate,
    Quantity,
    Relation,
    relation_key,
)
from computekg.graph.schema import ENDPOINT_KINDS, EntityKind, FactStatus, RelType
from computekg.graph.subgraph_ops import merge_relations
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.article import Article
from computekg.loaders.errors import SHOWN_PROBLEMS, DataFileError, FactBaseError
from computekg.loaders.normalize import normalize_for_matching
from computekg.loaders.numbers import NumberFormatError, parse_money, parse_quantity
from computekg.loaders.yaml_lines import pop_lines, read_yaml_with_lines, validation_problems

__all__ = ["FactRecord", "read_fact_file", "read_facts"]


def _number_as_wording(value: object) -> object:
    """A count written as a bare YAML number (`quantity: 16000`) is read like the wording '16000'."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


class FactRecord(BaseModel):
    """One fact as a person writes it in a fact file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z_.-]*$")
    subject: ExportableText = Field(min_length=1)
    type: RelType
    object: ExportableText = Field(min_length=1)
    product: ExportableText | None = None
    quantity: Annotated[ExportableText | None, BeforeValidator(_number_as_wording)] = None
    amount: ExportableText | None = None
    currency: Currency | None = Field(default=None, description="The currency when the amount's wording omits it.")
    date: PartialDate | None = None
    status: FactStatus | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    quote: ExportableText = Field(min_length=2)
    note: ExportableText | None = None


class _FactFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str
    facts: list[dict[str, Any]]


class _FactProblem(Exception):
    """A problem with one field of the fact being read; becomes a DataFileError with file and line."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class _CandidateBudget:
    """How many more unknown names get candidates: only the problems a person is shown need them, and each
    costs a pass over every alias (100,000 unknown subjects took over 300 s and 1.2 GB)."""

    def __init__(self, names: int) -> None:
        self.left = names

    def take(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _resolve(index: AliasIndex, name: str, field: str, hints: _CandidateBudget) -> Entity:
    entity = index.lookup(name)
    if entity is not None:
        return entity
    try:
        return index.resolve(name, suggest=hints.take())
    except EntityNotFound as error:
        hint = f" (candidates: {', '.join(error.candidates)})" if error.candidates else ""
        raise _FactProblem(field, f"{name!r} is not a catalog entity or alias{hint}") from error


def _check_endpoints(rel_type: RelType, subject: Entity, obj: Entity) -> None:
    subject_kinds, object_kinds = ENDPOINT_KINDS[rel_type]
    if subject.kind not in subject_kinds:
        raise _FactProblem("subject", f"{rel_type} cannot start at a {subject.kind} ({subject.id})")
    if obj.kind not in object_kinds:
        raise _FactProblem("object", f"{rel_type} cannot end at a {obj.kind} ({obj.id})")


def _parse_amounts(record: FactRecord) -> tuple[Quantity | None, Money | None]:
    quantity = money = None
    try:
        if record.quantity is not None:
            quantity = parse_quantity(record.quantity)
    except NumberFormatError as error:
        raise _FactProblem("quantity", str(error)) from error
    try:
        if record.amount is not None:
            money = parse_money(record.amount, default_currency=record.currency)
    except NumberFormatError as error:
        raise _FactProblem("amount", str(error)) from error
    return quantity, money


def _relation(record: FactRecord, article: Article, index: AliasIndex, body: _ArticleText,
              hints: _CandidateBudget) -> Relation:
    subject = _resolve(index, record.subject, "subject", hints)
    obj = _resolve(index, record.object, "object", hints)
    product = _resolve(index, record.product, "product", hints) if record.product else None
    if product is not None and product.kind is not EntityKind.PRODUCT:
        raise _FactProblem("product", f"{product.id} is a {product.kind}, not a Product")
    _check_endpoints(record.type, subject, obj)
    if not body.quotes(record.quote):
        raise _FactProblem("quote", f"quote does not occur in article {article.id}")
    quantity, amount = _parse_amounts(record)
    product_id = product.id if product else None
    key = relation_key(subject.id, record.type, obj.id, product=product_id, quantity=quantity,
                       amount=amount, date=record.date, status=record.status)
    evidence = Evidence(source_id=article.id, quote=record.quote, date=article.date, fact_id=record.id,
                        confidence=record.confidence)
    return Relation(id=key, subject=subject.id, type=record.type, object=obj.id, product=product_id,
                    quantity=quantity, amount=amount, date=record.date, status=record.status,
                    confidence=record.confidence, evidence=(evidence,), note=record.note)


class _ArticleText:
    """An article's body in matching form, and whether it quotes a text, each distinct quote checked once."""

    def __init__(self, article: Article) -> None:
        self._body = normalize_for_matching(article.body)
        self._checked: dict[str, bool] = {}

    def quotes(self, quote: str) -> bool:
        found = self._checked.get(quote)
        if found is None:
            found = self._checked[quote] = normalize_for_matching(quote) in self._body
        return found


def read_fact_file(
    path: Path, articles: Mapping[str, Article], index: AliasIndex, *, hints: _CandidateBudget | None = None,
    fact_ids: dict[str, str] | None = None,
) -> tuple[list[Relation], list[DataFileError]]:
    """The relationships of one fact file, and the problems found in it.

    Over the files of one fact base, `hints` shares how many unknown names still get candidates, and
    `fact_ids` where each fact id was first seen (`file:line`), so an id used twice is refused in any file.
    """
    hints = hints or _CandidateBudget(SHOWN_PROBLEMS)
    fact_ids = {} if fact_ids is None else fact_ids
    try:
        raw = read_yaml_with_lines(path)
        if not isinstance(raw, dict):
            raise DataFileError(path, 1, None, "a fact file is a mapping with 'source' and 'facts'")
        file_lines = pop_lines(raw)
        try:
            fact_file = _FactFile.model_validate(raw)
        except ValidationError as error:
            return [], validation_problems(path, file_lines, error)
        article = articles.get(fact_file.source)
        if article is None:
            raise DataFileError(path, file_lines.of("source"), "source",
                                f"no article {fact_file.source!r} in data/articles")
    except DataFileError as error:
        return [], [error]
    body = _ArticleText(article)
    relations: list[Relation] = []
    problems: list[DataFileError] = []
    for entry in fact_file.facts:
        lines = pop_lines(entry)
        try:
            record = FactRecord.model_validate(entry)
        except ValidationError as error:
            problems.extend(validation_problems(path, lines, error))
            continue
        first = fact_ids.get(record.id)
        if first is not None:
            problems.append(DataFileError(path, lines.of("id"), "id",
                                          f"duplicate fact id {record.id!r} (first used at {first})"))
            continue
        fact_ids[record.id] = f"{path}:{lines.of('id')}"
        try:
            relations.append(_relation(record, article, index, body, hints))
        except _FactProblem as problem:
            problems.append(DataFileError(path, lines.of(problem.field), problem.field, str(problem)))
    return relations, problems


def read_facts(fact_dir: Path, articles: Mapping[str, Article], index: AliasIndex) -> list[Relation]:
    """Every relationship of every fact file, facts with equal keys merged into one relationship.

    Raises `FactBaseError` listing every problem when any fact is invalid.
    """
    statements: defaultdict[str, list[Relation]] = defaultdict(list)
    problems: list[DataFileError] = []
    hints = _CandidateBudget(SHOWN_PROBLEMS)
    fact_ids: dict[str, str] = {}
    for path in sorted(fact_dir.glob("*.yaml")):
        relations, file_problems = read_fact_file(path, articles, index, hints=hints, fact_ids=fact_ids)
        problems.extend(file_problems)
        for relation in relations:
            statements[relation.id].append(relation)
    if problems:
        raise FactBaseError(problems)
    return [merge_relations(statements[key]) for key in sorted(statements)]
