"""Read YAML while remembering the line each mapping starts on, for error messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from computekg.loaders.errors import DataFileError

__all__ = ["LINE_KEY", "SourceLines", "pop_lines", "read_yaml_with_lines"]

LINE_KEY = "__lines__"


@dataclass(frozen=True)
class SourceLines:
    """Where a mapping stood in its file: its first line and the line of each of its keys."""

    start: int | None
    fields: dict[str, int]

    def of(self, field: str | None) -> int | None:
        """The line of `field` (its top-level key), or the mapping's first line."""
        key = field.split(".")[0] if field else None
        return self.fields.get(key, self.start) if key else self.start


def pop_lines(mapping: dict[str, Any]) -> SourceLines:
    """Remove and return the line information `read_yaml_with_lines` attached to a mapping."""
    return mapping.pop(LINE_KEY, None) or SourceLines(None, {})


class _LineLoader(yaml.SafeLoader):
    """A SafeLoader that attaches each mapping's `SourceLines` under LINE_KEY (1-based lines)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        fields = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
        mapping[LINE_KEY] = SourceLines(node.start_mark.line + 1, fields)
        return mapping


def read_yaml_with_lines(path: Path) -> Any:
    """Parse a YAML file; a syntax error becomes a `DataFileError` naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(path, None, None, f"cannot read: {error}") from error
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise DataFileError(path, line, None, f"invalid YAML: {error.problem}") from error
