"""`nodes.csv` and `edges.csv` for spreadsheets and graph tools, in a folder or a zip.

Why the care: a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return) is run as a
formula by Excel and LibreOffice, and article text is not ours to trust, so such cells get a leading
`'` (OWASP's advice). Files are UTF-8 with a byte-order mark so that Excel shows Chinese correctly.
Columns are the flat records of `flat.py`; lists (aliases, evidence quotes …) are JSON arrays.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from computekg.graph.model import Entity, Subgraph
from computekg.queries.exports.context import ReportContext
from computekg.queries.exports.files import ExportError, write_rendered
from computekg.queries.exports.flat import Scalar, entity_record, relation_record

__all__ = ["NODE_COLUMNS", "EDGE_COLUMNS", "neutralise_cell", "to_csv_tables", "write_csv"]

NODE_COLUMNS = tuple(Entity.model_fields)
EDGE_COLUMNS = (
    "id", "source", "target", "type", "product",
    "quantity_value", "quantity_unit", "quantity_approximate", "quantity_text",
    "amount_value", "amount_currency", "amount_approximate", "amount_per", "amount_text",
    "start_date", "date", "status", "confidence", "note",
    "evidence_source_ids", "evidence_quotes", "evidence_dates", "evidence_fact_ids", "evidence_confidences",
    "evidence_kinds", "evidence_records",
)  # fmt: skip
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ENCODING = "utf-8-sig"
# A fixed timestamp for zip entries, so the same subgraph always gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def neutralise_cell(value: Scalar) -> str:
    """The cell's text, with a leading `'` when a spreadsheet would otherwise read it as a formula."""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def to_csv_tables(graph: Subgraph) -> dict[str, str]:
    """`{"nodes.csv": ..., "edges.csv": ...}`, one row per entity and per relationship."""
    edges = (
        {"source": r.subject, "target": r.object, **relation_record(r)} for r in graph.relations
    )
    return {
        "nodes.csv": _table(NODE_COLUMNS, (entity_record(e) for e in graph.entities)),
        "edges.csv": _table(EDGE_COLUMNS, edges),
    }


def write_csv(graph: Subgraph, output: Path, *, title: str, context: ReportContext | None = None) -> Path:
    """Both tables into the folder `output`, or into a zip when `output` ends with `.zip`."""
    tables = {name: text.encode(_ENCODING) for name, text in to_csv_tables(graph).items()}
    if output.suffix.lower() != ".zip":
        if output.exists() and not output.is_dir():
            raise ExportError(f"{output} is a file, and csv writes two tables (nodes.csv and edges.csv): give a "
                              "folder to write them into, or a name ending in .zip")
        for name, content in tables.items():
            write_rendered(output / name, content)
        return output
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in tables.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=_ZIP_TIME), content, compress_type=zipfile.ZIP_DEFLATED)
    return write_rendered(output, buffer.getvalue())


def _table(columns: tuple[str, ...], records: Iterable[Mapping[str, Scalar]]) -> str:
    buffer = io.StringIO()
    table = csv.DictWriter(buffer, fieldnames=columns, extrasaction="raise", lineterminator="\r\n")
    table.writeheader()
    for record in records:
        table.writerow({key: neutralise_cell(value) for key, value in record.items()})
    return buffer.getvalue()
