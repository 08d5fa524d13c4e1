"""Reading a published dataset's CSV files row by row, each value traceable to its file, line and column.

Why not `csv.DictReader` alone: a bad value must be reported as `file:line:column`, and a quoted field may
span lines, so each row keeps the line it starts on; a missing column is reported once, on the header line.
Problems are collected, never raised one at a time, so a user sees every bad row of a corrupted copy at once.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from computekg.loaders.errors import DataFileError

__all__ = ["Row", "Problems", "read_rows", "dataset_version", "slug"]


@dataclass(frozen=True)
class Row:
    """One data row: its values by column name, and where it stands."""

    path: Path
    line: int
    values: dict[str, str]
    columns: dict[str, int]  # column name -> 1-based position

    def problem(self, column: str, message: str) -> DataFileError:
        return DataFileError(self.path, self.line, column, message, column=self.columns.get(column))

    def text(self, column: str) -> str:
        return self.values.get(column, "").strip()


@dataclass
class Problems:
    """Every problem found so far; an import writes nothing unless this stays empty."""

    found: list[DataFileError] = field(default_factory=list)

    def add(self, problem: DataFileError) -> None:
        self.found.append(problem)

    def number(self, row: Row, column: str, *, required: bool = True, low: float | None = None,
               high: float | None = None) -> float | None:
        """The column's value as a number (thousands separators allowed), or None (recorded when required)."""
        raw = row.text(column).replace(",", "")
        if not raw:
            if required:
                self.add(row.problem(column, "a number is required"))
            return None
        try:
            value = float(raw)
        except ValueError:
            self.add(row.problem(column, f"not a number: {row.text(column)!r}"))
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.add(row.problem(column, f"{value:g} is outside {low:g}..{high:g}"))
            return None
        return value

    def us_date(self, row: Row, column: str) -> date | None:
        """A month/day/year date as the Epoch files write it ('3/31/2024', '9/30/25')."""
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", row.text(column))
        try:
            if match is None:
                raise ValueError
            month, day, year = (int(part) for part in match.groups())
            return date(year + 2000 if year < 100 else year, month, day)
        except ValueError:
            self.add(row.problem(column, f"not a month/day/year date: {row.text(column)!r}"))
            return None


def read_rows(path: Path, required: Sequence[str], problems: Problems) -> Iterator[Row]:
    """The rows of `path`, after checking its header has every `required` column (else none, and a problem)."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        problems.add(DataFileError(path, None, None, f"cannot read: {error.strerror}"))
        return
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader)
        except (StopIteration, csv.Error):
            problems.add(DataFileError(path, 1, None, "no header row"))
            return
        columns = {name.strip(): index for index, name in enumerate(header, start=1)}
        missing = [name for name in required if name not in columns]
        for name in missing:
            problems.add(DataFileError(path, 1, name, f"missing column {name!r}"))
        if missing:
            return
        start = reader.line_num + 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                problems.add(DataFileError(path, start, None, f"broken CSV: {error}"))
                return
            if cells and len(cells) != len(header):
                problems.add(DataFileError(path, start, None, f"{len(cells)} values for {len(header)} columns",
                                           column=min(len(cells), len(header)) + 1))
            elif cells:
                yield Row(path, start, {name: cells[index - 1] for name, index in columns.items()}, columns)
            start = reader.line_num + 1


def dataset_version(root: Path) -> str:
    """The commit a copy was taken at, when its SOURCE.txt says ('… at commit <hash> …'), else 'unversioned'."""
    source = root / "SOURCE.txt"
    text = source.read_text(encoding="utf-8", errors="replace") if source.is_file() else ""
    match = re.search(r"\bcommit\s+([0-9a-f]{7,40})\b", text)
    return match.group(1) if match else "unversioned"


def slug(text: str, *, prefix: str) -> str:
    """A readable entity id for a name the catalog lacks: 'EUV lithography tools' -> 'eto-euv-lithography-tools'."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return f"{prefix}-{words}"[:80].rstrip("-")
