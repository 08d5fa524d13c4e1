"""Epoch AI's AI chip owner estimates (github.com/epoch-research/ai-chip-counts), as a dataset layer.

What is imported: every `*_owners_quarters_by_chip.csv` under `owners_csv_export/` (NVIDIA, AMD, TPU,
Trainium, and the owner folders such as `coreweave/`). Each row is one owner's holdings of one chip type in
one quarter: a USES fact owner -> chip whose quantity is the median unit count, dated by the quarter (`start_date`
its first day, `date` its last), and whose evidence is the row itself with both intervals (units and
H100-equivalents, 5th/median/95th percentile) and the row's note as the method. These are model estimates, not
reported facts, and the evidence says so.

Owners "China" and "Other" are aggregates of many owners, not companies: each becomes one generic organization
(`Entity.generic`), so rankings and supply tiers never take it for a named party. Every other owner and chip
type is matched to the catalog (Nvidia -> NVIDIA); a name the catalog lacks becomes a new entity, listed.

Every other file is accounted for as skipped, with the reason: owner totals and cumulative sums are derived
from the quarterly rows imported; `data_inputs/` are the model's own inputs; `csv_export/` counts chips by
type, not by owner.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from computekg.graph.model import DatasetEvidence, Entity, Estimate, Quantity, Relation, Subgraph, relation_key
from computekg.graph.schema import EntityKind, ProductKind, RelType
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.datasets.layer import Accounting, CatalogMatcher, DatasetLayer, RelationSet
from computekg.loaders.datasets.tables import Problems, Row, dataset_version, read_rows, slug
from computekg.loaders.errors import DataFileError, FactBaseError

__all__ = ["LAYER", "DATASET", "LICENCE", "import_epoch"]

LAYER = "epoch"
DATASET = "Epoch AI chip owners"
LICENCE = "MIT"
# A model estimate: sure enough to rank holders, not as sure as a reported figure.
_CONFIDENCE = 0.7
_REQUIRED = ("Name", "Chip manufacturer", "Owner", "Start date", "End date", "Chip type",
             "Compute estimate in H100e (median)", "H100e (5th percentile)", "H100e (95th percentile)",
             "Number of Units (5th percentile)", "Number of Units (95th percentile)")
# The unit median is 'Number of Units' in most files and 'Number of Units (median)' in the AMD one.
_UNIT_MEDIANS = ("Number of Units", "Number of Units (median)")
_AGGREGATES = {
    "China": "Owners in China, together (Epoch AI's aggregate)",
    "Other": "Every owner Epoch AI does not name, together (its 'Other' aggregate)",
}
_SKIPPED = {
    "_owners_quarters.csv": "owner totals over all chip types: the by-chip quarters are imported",
    "cumulative": "cumulative sums of the quarterly rows imported",
    "data_inputs/": "inputs of Epoch's model, already inside its estimates",
    "csv_export/": "chips by type, not by owner",
}


def _skip_reason(relative: str) -> str | None:
    if relative.endswith("_quarters_by_chip.csv") and relative.startswith("owners_csv_export/"):
        return None
    return next((reason for key, reason in _SKIPPED.items() if key in relative), "not an owner table")


def _aggregate(owner: str) -> Entity:
    return Entity(id=f"epoch-owners-{owner.lower()}", kind=EntityKind.ORGANIZATION, name=f"{owner} (Epoch AI owners)",
                  generic=True, description=_AGGREGATES[owner])


def _chip(row: Row, matcher: CatalogMatcher) -> Entity:
    maker, chip = row.text("Chip manufacturer"), row.text("Chip type")
    found = matcher.find(EntityKind.PRODUCT, chip, f"{maker} {chip}")
    if found is not None:
        return found
    maker_entity = matcher.find(EntityKind.ORGANIZATION, maker)
    return matcher.create(Entity(id=slug(f"{maker} {chip}", prefix="epoch"), kind=EntityKind.PRODUCT,
                                 name=f"{maker_entity.name if maker_entity else maker} {chip}",
                                 product_kind=ProductKind.CHIP, maker=maker_entity.id if maker_entity else None),
                          f"{maker} {chip}")


def _owner(row: Row, matcher: CatalogMatcher) -> Entity:
    owner = row.text("Owner")
    if owner in _AGGREGATES:
        return matcher.create(_aggregate(owner), owner)
    found = matcher.find(EntityKind.ORGANIZATION, owner)
    return found or matcher.create(Entity(id=slug(owner, prefix="epoch"), kind=EntityKind.ORGANIZATION, name=owner),
                                   owner)


def _interval(row: Row, problems: Problems, unit: str, median: str, p5: str, p95: str) -> Estimate | None:
    values = [problems.number(row, column, low=0) for column in (p5, median, p95)]
    if any(value is None for value in values):
        return None
    low, middle, high = (float(value) for value in values if value is not None)
    if not low <= middle <= high:
        problems.add(row.problem(median, f"median {middle:g} is outside its interval {low:g}..{high:g}"))
        return None
    return Estimate(unit=unit, p5=low, median=middle, p95=high)


def _relation(row: Row, relative: str, version: str, matcher: CatalogMatcher, problems: Problems) -> Relation | None:
    median = next(column for column in _UNIT_MEDIANS if column in row.columns)
    units = _interval(row, problems, "units", median, "Number of Units (5th percentile)",
                      "Number of Units (95th percentile)")
    h100e = _interval(row, problems, "H100e", "Compute estimate in H100e (median)", "H100e (5th percentile)",
                      "H100e (95th percentile)")
    start, end = problems.us_date(row, "Start date"), problems.us_date(row, "End date")
    for column in ("Name", "Owner", "Chip type", "Chip manufacturer"):
        if not row.text(column):
            problems.add(row.problem(column, "a value is required"))
    if units is None or h100e is None or start is None or end is None or not row.text("Owner"):
        return None
    if start > end:
        problems.add(row.problem("End date", f"the quarter ends ({end}) before it starts ({start})"))
        return None
    owner, chip = _owner(row, matcher), _chip(row, matcher)
    quantity = Quantity(value=units.median, unit="units", approximate=True,
                        text=f"{units.median:,.0f} units ({h100e.median:,.0f} H100e), Epoch AI estimate")
    key = relation_key(owner.id, RelType.USES, chip.id, product=None, quantity=quantity, amount=None,
                       date=_iso(end), status=None)
    evidence = DatasetEvidence(dataset=DATASET, version=version, file=relative, row=row.text("Name"), licence=LICENCE,
                               estimates=(units, h100e), method=row.text("Notes") or None, confidence=_CONFIDENCE)
    return Relation(id=key, subject=owner.id, type=RelType.USES, object=chip.id, quantity=quantity, date=_iso(end),
                    start_date=_iso(start), confidence=_CONFIDENCE, evidence=(evidence,))


def _iso(day: date) -> str:
    return day.isoformat()


def import_epoch(root: Path, index: AliasIndex) -> DatasetLayer:
    """The Epoch layer of the copy at `root`; raises `FactBaseError` naming every bad file, line and column."""
    if not (root / "owners_csv_export").is_dir():
        raise FactBaseError([DataFileError(root, None, None, "not an Epoch AI ai-chip-counts copy: "
                                           "no owners_csv_export/ folder")])
    version = dataset_version(root)
    problems, accounting = Problems(), Accounting()
    matcher = CatalogMatcher(index)
    relations = RelationSet()
    for path in sorted(root.rglob("*.csv")):
        relative = path.relative_to(root).as_posix()
        reason = _skip_reason(relative)
        if reason is not None:
            accounting.count(relative, f"skipped: {reason}", sum(1 for _ in read_rows(path, (), problems)))
            continue
        for row in read_rows(path, _REQUIRED, problems):
            relation = _relation(row, relative, version, matcher, problems)
            if relation is not None:
                accounting.count(relative, relations.add(relation))
    if problems.found:
        raise FactBaseError(problems.found)
    entities = tuple(sorted((new.entity for new in matcher.new.values()), key=lambda e: e.id))
    return DatasetLayer(name=LAYER, graph=Subgraph(entities=entities, relations=relations.sorted()),
                        accounting=accounting, matched=dict(sorted(matcher.matched.items())),
                        new=tuple(new for new in matcher.new.values() if not new.entity.generic))
