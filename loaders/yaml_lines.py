"""Read YAML while remembering the line each mapping starts on, for error messages.

Also what every reader of a data file needs, so that a bad file is a `DataFileError` naming the file and the line,
never a traceback: `read_text_file` (text that is not UTF-8) and `parse_yaml` (syntax errors, and nesting so deep
that the parser, which recurses once per level, would exhaust Python's stack).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from computekg.loaders.errors import DataFileError

__all__ = ["LINE_KEY", "MAX_NESTING", "SourceLines", "parse_yaml", "pop_lines", "read_text_file",
           "read_yaml_with_lines", "validation_problems"]

LINE_KEY = "__lines__"
# No data file nests lists and mappings anywhere near this deep; the parser's recursion would fail a few hundred
# levels further down, so the limit is checked whenever it does.
MAX_NESTING = 100
_OPENS = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken, yaml.BlockSequenceStartToken,
          yaml.BlockMappingStartToken)
_CLOSES = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)
_KEY = re.compile(r"\s*(?:-\s+)?([A-Za-z_][\w.-]*)\s*:")


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


class _LineLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """A SafeLoader that attaches each mapping's `SourceLines` under LINE_KEY (1-based lines).

    On libyaml's parser when PyYAML has it: a fact file of 100,000 facts is parsed several times faster.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        fields = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
        mapping[LINE_KEY] = SourceLines(node.start_mark.line + 1, fields)
        return mapping


def read_text_file(path: Path) -> str:
    """The text of `path`; a file that cannot be read or is not UTF-8 is a `DataFileError` naming the line."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataFileError(path, None, None, f"cannot read: {error.strerror or error}") from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DataFileError(path, line, None, f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file "
                            "as UTF-8") from None


def parse_yaml(text: str, path: Path, *, loader: type[Any] = yaml.SafeLoader, first_line: int = 1) -> Any:
    """The YAML document `text` (read from `path`, starting on its line `first_line`); a syntax error or
    nesting deeper than `MAX_NESTING` becomes a `DataFileError` naming the line."""
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - SafeLoader or a subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + first_line if mark else None
        # the field written on that line, when what failed began there (a bracket left open on one line
        # fails on a later one, whose key is not at fault)
        local = mark is not None and (error.context_mark is None or error.context_mark.line == mark.line)
        field = _key_on_line(text, mark.line) if mark and local else None
        raise DataFileError(path, line, field, f"invalid YAML: {error.problem}") from None
    except RecursionError:
        line = _too_deep_at(text)
        raise DataFileError(path, None if line is None else line + first_line, None,
                            f"lists or mappings nested more than {MAX_NESTING} levels deep") from None


def _key_on_line(text: str, line: int) -> str | None:
    """The mapping key written on the 0-based `line` of `text` (`note` of `    note: "…"`), if there is one."""
    lines = text.splitlines()
    found = _KEY.match(lines[line]) if line < len(lines) else None
    return found.group(1) if found else None


def _too_deep_at(text: str) -> int | None:
    """The 0-based line where the nesting of `text` first passes `MAX_NESTING` (the scanner does not recurse)."""
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            depth += isinstance(token, _OPENS) - isinstance(token, _CLOSES)
            if depth > MAX_NESTING:
                return int(token.start_mark.line)
    except yaml.YAMLError:
        pass
    return None


def validation_problems(path: Path, lines: SourceLines, error: ValidationError) -> list[DataFileError]:
    """One `DataFileError` per pydantic error, naming the field by its dotted location and its line."""
    problems = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or None
        # "Value error, " is how pydantic prefixes the messages of our own validators
        problems.append(DataFileError(path, lines.of(field), field, item["msg"].removeprefix("Value error, ")))
    return problems


def read_yaml_with_lines(path: Path) -> Any:
    """Parse a YAML file, each mapping carrying its `SourceLines`; any problem is a `DataFileError`."""
    return parse_yaml(read_text_file(path), path, loader=_LineLoader)
