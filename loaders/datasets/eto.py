"""CSET's ETO Advanced Semiconductor Supply Chain dataset (github.com/georgetown-cset/eto-chip-explorer), as a layer.

What each file becomes:
- `providers.csv`: organizations and countries. Each is matched to the catalog (Nvidia -> NVIDIA; a country by
  its name, 'USA' -> United States); one the catalog lacks becomes a new entity, listed for review. An
  organization's country becomes LOCATED_IN, when the country is among the providers.
- `inputs.csv`: the tools, materials, processes and design resources, as products (equipment, component,
  process, chip), matched to the catalog by name or new.
- `provision.csv`: provider SUPPLIES input, its `share_provided` (percent of the market, when given) as the
  quantity, dated by the row's year. This is SUPPLIES in a dataset's own form, from a provider (a company or a
  country) to what it provides the market, with no buyer named; the endpoint rules for article facts
  (`schema.ENDPOINT_KINDS`: seller -> buyer) are left as they are, so extraction proposes nothing new.
- `sequence.csv`: 'goes into' as USES (the later step uses the input), 'is type of' as VARIANT_OF.
- `stages.csv`: the three stages (design, fabrication, ATP), as processes: countries' shares are given per stage.

Every fact's evidence is the row itself (`DatasetEvidence`: file, line and key columns, CC BY-NC 4.0).
"""

from __future__ import annotations

from pathlib import Path

from computekg.graph.model import DatasetEvidence, Entity, Quantity, Relation, Subgraph, relation_key
from computekg.graph.schema import EntityKind, ProductKind, RelType
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.datasets.layer import IMPORTED, Accounting, CatalogMatcher, DatasetLayer, RelationSet
from computekg.loaders.datasets.tables import Problems, Row, dataset_version, read_rows, slug
from computekg.loaders.errors import DataFileError, FactBaseError

__all__ = ["LAYER", "DATASET", "LICENCE", "import_eto"]

LAYER = "eto"
DATASET = "ETO Advanced Semiconductor Supply Chain (CSET)"
LICENCE = "CC BY-NC 4.0"
_CONFIDENCE = 0.9  # curated by CSET analysts from market data
_PRODUCT_KINDS = {
    "tool_resource": ProductKind.EQUIPMENT,
    "material_resource": ProductKind.COMPONENT,
    "process": ProductKind.PROCESS,
    "design_resource": ProductKind.CHIP,
    "ultimate_output": ProductKind.CHIP,
}
_FILES = {
    "providers": ("provider_name", "alias", "provider_id", "provider_type", "country"),
    "inputs": ("input_id", "input_name", "type"),
    "provision": ("provider_name", "provider_id", "provided_name", "provided_id", "share_provided", "year"),
    "sequence": ("input_id", "goes_into_id", "is_type_of_id"),
    "stages": ("stage_id", "stage_name"),
}


class _Import:
    """One import's state: the entities by dataset id, and everything found so far."""

    def __init__(self, root: Path, index: AliasIndex) -> None:
        self.root = root
        self.version = dataset_version(root)
        self.problems = Problems()
        self.accounting = Accounting()
        self.matcher = CatalogMatcher(index)
        self.relations = RelationSet()
        self.by_dataset_id: dict[str, Entity] = {}

    def rows(self, name: str) -> list[Row]:
        return list(read_rows(self.root / "data" / f"{name}.csv", _FILES[name], self.problems))

    def evidence(self, row: Row, key: str) -> DatasetEvidence:
        return DatasetEvidence(dataset=DATASET, version=self.version, file=f"data/{row.path.name}",
                               row=f"line {row.line}: {key}", licence=LICENCE, confidence=_CONFIDENCE)

    def entity(self, row: Row, column: str) -> Entity | None:
        found = self.by_dataset_id.get(row.text(column))
        if found is None:
            self.problems.add(row.problem(column, f"no provider or input has the id {row.text(column)!r}"))
        return found

    def relation(self, row: Row, subject: Entity, type_: RelType, obj: Entity, key: str, *,
                 quantity: Quantity | None = None, date: str | None = None) -> str:
        rel_key = relation_key(subject.id, type_, obj.id, product=None, quantity=quantity, amount=None, date=date,
                               status=None)
        return self.relations.add(Relation(id=rel_key, subject=subject.id, type=type_, object=obj.id,
                                           quantity=quantity, date=date, confidence=_CONFIDENCE,
                                           evidence=(self.evidence(row, key),)))

    def count(self, row: Row, outcome: str) -> None:
        self.accounting.count(f"data/{row.path.name}", outcome)


def _providers(job: _Import) -> None:
    rows = job.rows("providers")
    countries: dict[str, Entity] = {}
    for row in rows:
        kind = row.text("provider_type")
        if kind not in ("organization", "country"):
            job.problems.add(row.problem("provider_type", f"neither 'organization' nor 'country': {kind!r}"))
            continue
        name, alias = row.text("provider_name"), row.text("alias")
        label = EntityKind.PLACE if kind == "country" else EntityKind.ORGANIZATION
        found = job.matcher.find(label, name, alias) if name else None
        if not name:
            job.problems.add(row.problem("provider_name", "a name is required"))
            continue
        # 'Various countries' stands for many countries together: an aggregate, never one named party.
        entity = found or job.matcher.create(Entity(id=slug(alias or name, prefix="eto"), kind=label,
                                                    name=alias or name, generic=name.startswith("Various"),
                                                    aliases=(name,) if alias and alias != name else ()), name)
        job.by_dataset_id[row.text("provider_id")] = entity
        if kind == "country":
            countries[name] = entity
        job.count(row, "merged into catalog entity" if found else "imported as a new entity (review)")
    for row in rows:  # an organization's country, once every country is known
        here = countries.get(row.text("country"))
        if row.text("provider_type") == "organization" and here is not None:
            job.relation(row, job.by_dataset_id[row.text("provider_id")], RelType.LOCATED_IN, here,
                         f"{row.text('provider_id')} country {row.text('country')}")


def _inputs(job: _Import) -> None:
    """Inputs and stages: what providers provide."""
    stages = [(row, "stage_id", "stage_name", ProductKind.PROCESS) for row in job.rows("stages")]
    inputs = [(row, "input_id", "input_name", _PRODUCT_KINDS.get(row.text("type"))) for row in job.rows("inputs")]
    for row, id_column, name_column, kind in [*stages, *inputs]:
        if kind is None:
            job.problems.add(row.problem("type", f"unknown input type {row.text('type')!r}"))
            continue
        name = row.text(name_column)
        found = job.matcher.find(EntityKind.PRODUCT, name)
        entity = found or job.matcher.create(Entity(id=slug(name, prefix="eto"), kind=EntityKind.PRODUCT, name=name,
                                                    product_kind=kind, description=row.text("description") or None),
                                             name)
        job.by_dataset_id[row.text(id_column)] = entity
        job.count(row, "merged into catalog entity" if found else "imported as a new entity (review)")


def _provision(job: _Import) -> None:
    for row in job.rows("provision"):
        provider, provided = job.entity(row, "provider_id"), job.entity(row, "provided_id")
        share = job.problems.number(row, "share_provided", required=False, low=0, high=100)
        year = job.problems.number(row, "year", low=1900, high=2100)
        if provider is None or provided is None or year is None or (share is None and row.text("share_provided")):
            continue
        quantity = None if share is None else Quantity(value=share, unit="%",
                                                       text=f"{share:g}% of the market ({year:.0f})")
        outcome = job.relation(row, provider, RelType.SUPPLIES, provided,
                               f"{row.text('provider_id')} -> {row.text('provided_id')} ({year:.0f})",
                               quantity=quantity, date=f"{year:.0f}")
        job.count(row, outcome)


def _sequence(job: _Import) -> None:
    for row in job.rows("sequence"):
        links = [(column, type_) for column, type_ in (("goes_into_id", RelType.USES), ("is_type_of_id",
                                                                                          RelType.VARIANT_OF))
                 if row.text(column)]
        if not links:
            job.count(row, "skipped: neither 'goes into' nor 'is type of'")
            continue
        here = job.entity(row, "input_id")
        for column, type_ in links:
            there = job.entity(row, column)
            if here is None or there is None:
                continue
            key = f"{row.text('input_id')} {column.removesuffix('_id').replace('_', ' ')} {row.text(column)}"
            # 'A goes into B': B uses A. 'A is type of B': A is a variant of B.
            subject, obj = (there, here) if type_ is RelType.USES else (here, there)
            job.relation(row, subject, type_, obj, key)
        job.count(row, IMPORTED)


def import_eto(root: Path, index: AliasIndex) -> DatasetLayer:
    """The ETO layer of the copy at `root`; raises `FactBaseError` naming every bad file, line and column."""
    if not (root / "data" / "provision.csv").is_file():
        raise FactBaseError([DataFileError(root, None, None, "not an ETO chip explorer copy: no data/provision.csv")])
    job = _Import(root, index)
    _providers(job)
    _inputs(job)
    _provision(job)
    _sequence(job)
    if job.problems.found:
        raise FactBaseError(job.problems.found)
    entities = tuple(sorted((new.entity for new in job.matcher.new.values()), key=lambda e: e.id))
    return DatasetLayer(name=LAYER, graph=Subgraph(entities=entities, relations=job.relations.sorted()),
                        accounting=job.accounting, matched=dict(sorted(job.matcher.matched.items())),
                        new=tuple(job.matcher.new.values()))
