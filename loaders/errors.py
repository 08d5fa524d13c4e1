"""Errors for bad input files: each names the file, the line and the field at fault."""

from __future__ import annotations

from pathlib import Path

__all__ = ["SHOWN_PROBLEMS", "DataFileError", "FactBaseError"]

SHOWN_PROBLEMS = 50  # how many problems a `FactBaseError` lists; the rest are counted


class DataFileError(ValueError):
    """One problem in one input file."""

    def __init__(self, path: Path | str, line: int | None, field: str | None, message: str, *,
                 column: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.field = field
        self.message = message
        self.column = column  # 1-based, for tables (CSV): file:line:column
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        where += f":{column}" if column is not None and line is not None else ""
        what = f" [{field}]" if field else ""
        super().__init__(f"{where}{what}: {message}")


class FactBaseError(ValueError):
    """Every problem found while validating a catalog or fact base; nothing was loaded."""

    def __init__(self, problems: list[DataFileError]) -> None:
        self.problems = problems
        listing = "\n".join(f"  {p}" for p in problems[:SHOWN_PROBLEMS])
        more = f"\n  … and {len(problems) - SHOWN_PROBLEMS} more" if len(problems) > SHOWN_PROBLEMS else ""
        super().__init__(f"{len(problems)} problem(s) in the input; nothing was loaded:\n{listing}{more}")
