"""Read and validate the entity catalog (`data/catalog/*.yaml`).

Every entry becomes an `Entity`; a bad entry is reported with its file, line and field, and
all problems are collected before anything is returned.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from computekg.graph.model import Entity
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.errors import DataFileError, FactBaseError
from computekg.loaders.yaml_lines import SourceLines, pop_lines, read_yaml_with_lines

__all__ = ["read_catalog", "validation_problems"]


def validation_problems(path: Path, lines: SourceLines, error: ValidationError) -> list[DataFileError]:
    """One `DataFileError` per pydantic error, naming the field by its dotted location and its line."""
    problems = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or None
        problems.append(DataFileError(path, lines.of(field), field, item["msg"]))
    return problems


def _entries(path: Path) -> list[dict[str, Any]]:
    data = read_yaml_with_lines(path)
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise DataFileError(path, 1, None, "a catalog file is a YAML list of entity mappings")
    return data


def read_catalog(catalog_dir: Path) -> list[Entity]:
    """All entities of the catalog, validated; raises `FactBaseError` listing every problem."""
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
    known = {e.id for e in entities}
    for entity in entities:
        if entity.parent is not None and entity.parent not in known:
            path, _ = lines[entity.id]
            problems.append(DataFileError(path, field_lines[entity.id].of("parent"), "parent",
                                          f"unknown parent id {entity.parent!r}"))
    for name, ids in sorted(AliasIndex(entities).conflicts().items()):
        claimant = sorted(ids)[-1]
        path, _ = lines[claimant]
        problems.append(DataFileError(path, field_lines[claimant].of("aliases"), "aliases",
                                      f"name {name!r} is claimed by {sorted(ids)}"))
    if problems:
        raise FactBaseError(problems)
    return entities
