"""Read and validate the entity catalog (`data/catalog/*.yaml`).

Every entry becomes an `Entity`; a bad entry is reported with its file, line and field, and
all problems are collected before anything is returned.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from computekg.graph.model import Entity
from computekg.graph.schema import EntityKind, ProductKind
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.errors import DataFileError, FactBaseError
from computekg.loaders.yaml_lines import SourceLines, pop_lines, read_yaml_with_lines, validation_problems

__all__ = ["read_catalog", "read_catalog_files"]


# What each reference field may point at, and which entities may carry it.
_REFERENCES: dict[str, tuple[EntityKind, ProductKind | None, frozenset[EntityKind]]] = {
    "parent": (EntityKind.ORGANIZATION, None, frozenset({EntityKind.ORGANIZATION})),
    "maker": (EntityKind.ORGANIZATION, None, frozenset({EntityKind.PRODUCT, EntityKind.MODEL})),
    "family": (EntityKind.PRODUCT, ProductKind.FAMILY, frozenset({EntityKind.PRODUCT})),
}


def _reference_problems(entity: Entity, by_id: dict[str, Entity]) -> list[tuple[str, str]]:
    """(field, message) for each `parent`, `maker` or `family` that names no entity, or one of the wrong kind."""
    problems = []
    for field, (target_kind, target_product_kind, carriers) in _REFERENCES.items():
        target_id = getattr(entity, field)
        if target_id is None:
            continue
        target = by_id.get(target_id)
        if entity.kind not in carriers:
            problems.append((field, f"{entity.kind} entities have no {field}"))
        elif target is None:
            problems.append((field, f"unknown {field} id {target_id!r}"))
        elif target.kind is not target_kind or (target_product_kind and target.product_kind is not target_product_kind):
            wanted = f"a {target_product_kind} product" if target_product_kind else f"an {target_kind}"
            problems.append((field, f"{field} {target_id!r} is not {wanted}"))
        elif field == "parent" and _parent_cycle(entity, by_id):
            problems.append((field, f"parent chain of {entity.id!r} comes back to it"))
    return problems


def _parent_cycle(entity: Entity, by_id: dict[str, Entity]) -> bool:
    seen = {entity.id}
    parent = entity.parent
    while parent is not None and parent in by_id:
        if parent in seen:
            return True
        seen.add(parent)
        parent = by_id[parent].parent
    return False


def _entries(path: Path) -> list[dict[str, Any]]:
    data = read_yaml_with_lines(path)
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise DataFileError(path, 1, None, "a catalog file is a YAML list of entity mappings")
    return data


def read_catalog(catalog_dir: Path) -> list[Entity]:
    """All entities of the catalog, validated; raises `FactBaseError` listing every problem."""
    return [entity for entities in read_catalog_files(catalog_dir).values() for entity in entities]


def read_catalog_files(catalog_dir: Path) -> dict[str, list[Entity]]:
    """The entities of each catalog file (by file name), validated together; raises `FactBaseError`.

    The file names matter to what cites the catalog: a relationship taken from an entry (its parent) names
    the file it stands in.
    """
    problems: list[DataFileError] = []
    entities: list[Entity] = []
    lines: dict[str, tuple[Path, int]] = {}
    field_lines: dict[str, SourceLines] = {}
    files = sorted(catalog_dir.glob("*.yaml"))
    if not files:
        raise FactBaseError([DataFileError(catalog_dir, None, None, "no catalog files (*.yaml) found")])
    for path in files:
        try:
            entries = _entries(path)
        except DataFileError as error:
            problems.append(error)
            continue
        for entry in entries:
            source_lines = pop_lines(entry)
            line = source_lines.start
            try:
                entity = Entity.model_validate(entry)
            except ValidationError as error:
                problems.extend(validation_problems(path, source_lines, error))
                continue
            if entity.id in lines:
                where = "{}:{}".format(*lines[entity.id])
                problems.append(DataFileError(path, line, "id", f"duplicate id {entity.id!r} (first at {where})"))
                continue
            lines[entity.id] = (path, line or 0)
            field_lines[entity.id] = source_lines
            entities.append(entity)
    by_id = {e.id: e for e in entities}
    for entity in entities:
        for field, problem in _reference_problems(entity, by_id):
            path, _ = lines[entity.id]
            problems.append(DataFileError(path, field_lines[entity.id].of(field), field, problem))
    for name, ids in sorted(AliasIndex(entities).conflicts().items()):
        claimant = sorted(ids)[-1]
        path, _ = lines[claimant]
        problems.append(DataFileError(path, field_lines[claimant].of("aliases"), "aliases",
                                      f"name {name!r} is claimed by {sorted(ids)}"))
    if problems:
        raise FactBaseError(problems)
    by_file: dict[str, list[Entity]] = {path.name: [] for path in files}
    for entity in entities:
        by_file[lines[entity.id][0].name].append(entity)
    return by_file
