"""Read the gold facts of the evaluation corpus (`data/dev_corpus/`), checked against their articles.

Each article `X.<ext>` has a `X.gold.yaml` beside it listing the facts the article states between two
named parties, and the statements it makes without stating them (planned, rumoured, denied, negated,
considered, ended). A gold file is only useful if it agrees with its article as the project reads it,
so the reader checks that every quote occurs in the cleaned article and that both names occur in
their quote (all under `normalize_for_matching`, as the provenance check compares quotes). Every
problem is reported with file, line and field, and nothing is returned unless every file is valid.
"""

from __future__ import annotations

import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from computekg.graph.model import PartialDate
from computekg.graph.schema import RelType
from computekg.loaders.errors import DataFileError, FactBaseError
from computekg.loaders.ingest.reading import SUFFIXES, UnreadableArticle, read_article_file
from computekg.loaders.normalize import normalize_for_matching
from computekg.loaders.yaml_lines import pop_lines, read_yaml_with_lines, validation_problems

__all__ = ["GOLD_SUFFIX", "PRODUCT_TYPES", "GoldArticle", "GoldFact", "GoldStatus", "read_gold_corpus"]

GOLD_SUFFIX = ".gold.yaml"
# The relationship types whose gold fact may name the product that is traded or rented.
PRODUCT_TYPES = frozenset({RelType.SUPPLIES, RelType.PROVIDES_COMPUTE_TO})


class GoldStatus(StrEnum):
    """How a statement falls short of a stated fact; a gold fact without a status is stated as having happened.

    Wider than `FactStatus`: a negated or merely considered statement is never a graph fact, but the
    scorer needs to know the article made it, to count an extractor that proposes it as a fact.
    """

    PLANNED = "planned"
    RUMOURED = "rumoured"
    DENIED = "denied"
    NEGATED = "negated"
    CONSIDERED = "considered"
    ENDED = "ended"


def _date_text(value: Any) -> Any:
    """YAML reads `2024-06-03` as a date and `2025` as a number; the gold format means the text."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


_GoldDate = Annotated[PartialDate, BeforeValidator(_date_text)]


class GoldFact(BaseModel):
    """One statement of an article between two named parties, as the article writes the names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    subject: str = Field(min_length=1)
    type: RelType
    object: str = Field(min_length=1)
    quote: str = Field(min_length=2, description="The shortest verbatim span of the article that states it.")
    status: GoldStatus | None = None
    date: _GoldDate | None = Field(default=None, description="The event's date, when the text states it.")
    product: str | None = Field(default=None, description="The product named as traded (SUPPLIES, "
                                                          "PROVIDES_COMPUTE_TO).")
    note: str | None = None

    @property
    def claim(self) -> tuple[str, RelType, str, GoldStatus | None, str | None, str | None]:
        """What the fact says, whatever quote it is given with: an article states each claim once in the gold."""
        return (normalize_for_matching(self.subject), self.type, normalize_for_matching(self.object), self.status,
                self.product and normalize_for_matching(self.product), self.date)

    @field_validator("product")
    @classmethod
    def _product_only_where_traded(cls, product: str | None, info: ValidationInfo) -> str | None:
        rel_type = info.data.get("type")  # absent when the type itself is invalid: that error is reported
        if product is not None and rel_type is not None and rel_type not in PRODUCT_TYPES:
            raise ValueError(f"a product is only given for {', '.join(sorted(PRODUCT_TYPES))}, not {rel_type}")
        return product


class _GoldFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    script: Literal["Hans", "Hant", "Latn"]
    published: _GoldDate | None = None
    facts: list[dict[str, Any]] = Field(min_length=1)


class GoldArticle(BaseModel):
    """An article of the corpus and its gold facts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    article: Path
    gold: Path
    script: Literal["Hans", "Hant", "Latn"]
    published: PartialDate | None
    facts: tuple[GoldFact, ...]


def _read_fact(
    path: Path, entry: dict[str, Any], body: str, earlier: list[GoldFact]
) -> GoldFact | list[DataFileError]:
    """The fact of one entry, or what is wrong with it: its fields, else a repeat, its quote or its names."""
    lines = pop_lines(entry)
    try:
        fact = GoldFact.model_validate(entry)
    except ValidationError as error:
        return validation_problems(path, lines, error)
    if any(fact.claim == other.claim for other in earlier):
        repeated = f"the same fact twice: {fact.subject} {fact.type} {fact.object}"
        return [DataFileError(path, lines.start, None, repeated)]
    quote = normalize_for_matching(fact.quote)
    if quote not in body:
        return [DataFileError(path, lines.of("quote"), "quote", f"does not occur in the article: {fact.quote!r}")]
    named = (("subject", fact.subject), ("object", fact.object), ("product", fact.product))
    missing = [DataFileError(path, lines.of(field), field, f"{name!r} does not occur in its quote")
               for field, name in named if name is not None and normalize_for_matching(name) not in quote]
    return missing or fact


def _read_gold_file(path: Path, article_path: Path) -> tuple[GoldArticle | None, list[DataFileError]]:
    try:
        raw = read_yaml_with_lines(path)
        if not isinstance(raw, dict):
            raise DataFileError(path, 1, None, "a gold file is a mapping with 'script', 'published' and 'facts'")
        file_lines = pop_lines(raw)
        article = read_article_file(article_path)
    except DataFileError as error:
        return None, [error]
    except UnreadableArticle as error:
        return None, [DataFileError(article_path, None, None, error.reason)]
    try:
        gold_file = _GoldFile.model_validate(raw)
    except ValidationError as error:
        return None, validation_problems(path, file_lines, error)
    problems: list[DataFileError] = []
    if gold_file.script != article.script:
        problems.append(DataFileError(path, file_lines.of("script"), "script",
                                      f"the article reads as {article.script}, not {gold_file.script}"))
    body = normalize_for_matching(article.body)
    facts: list[GoldFact] = []
    for entry in gold_file.facts:
        read = _read_fact(path, entry, body, facts)
        if isinstance(read, list):
            problems.extend(read)
        else:
            facts.append(read)
    gold = GoldArticle(article=article_path, gold=path, script=gold_file.script, published=gold_file.published,
                       facts=tuple(facts))
    return (None if problems else gold), problems


def _article_files(directory: Path) -> tuple[dict[str, Path], list[DataFileError]]:
    """The articles of `directory` by stem, and any second article of a stem (it could not have a gold file)."""
    articles: dict[str, Path] = {}
    problems: list[DataFileError] = []
    for path in sorted(directory.iterdir()):
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            if path.stem in articles:
                problems.append(DataFileError(path, None, None, f"a second article named {path.stem}.*"))
            articles.setdefault(path.stem, path)
    return articles, problems


def read_gold_corpus(directory: Path) -> list[GoldArticle]:
    """Every article of `directory` with its gold facts, in file-name order.

    Raises `FactBaseError` listing every problem: a gold file without its article or an article without
    its gold file, invalid fields, quotes not in the article, names not in their quote.
    """
    articles, problems = _article_files(directory)
    gold_files = {path.name.removesuffix(GOLD_SUFFIX): path for path in sorted(directory.glob(f"*{GOLD_SUFFIX}"))}
    if not articles and not gold_files:
        problems.append(DataFileError(directory, None, None, "no articles or gold files"))
    problems += [DataFileError(path, None, None, "no article beside this gold file")
                 for stem, path in gold_files.items() if stem not in articles]
    problems += [DataFileError(path, None, None, f"no gold file {path.stem}{GOLD_SUFFIX} beside this article")
                 for stem, path in articles.items() if stem not in gold_files]
    corpus: list[GoldArticle] = []
    for stem in sorted(set(articles) & set(gold_files)):
        gold, file_problems = _read_gold_file(gold_files[stem], articles[stem])
        problems.extend(file_problems)
        if gold is not None:
            corpus.append(gold)
    if problems:
        raise FactBaseError(problems)
    return corpus
