"""CSV: both tables, in a folder or a zip, with formula-like cells neutralised and the quotes included."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from export_traps import DATASET_RECORD, FORMULA_NAMES, HANS_QUOTE, HANT_QUOTE

from computekg.graph.model import Subgraph, article_evidence
from computekg.queries.exports.tables import EDGE_COLUMNS, NODE_COLUMNS, neutralise_cell, to_csv_tables, write_csv


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_get_a_quote(cell: str) -> None:
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["NVIDIA", "英伟达", "0.9", "a=b", "", "'quoted"])
def test_other_cells_are_left_alone(cell: str) -> None:
    assert neutralise_cell(cell) == cell


def test_formula_names_come_out_prefixed(tricky_graph: Subgraph) -> None:
    nodes = _rows(to_csv_tables(tricky_graph)["nodes.csv"])
    names = {row["id"]: row["name"] for row in nodes}
    assert [names[i] for i in ("formula-eq", "formula-plus", "formula-minus", "formula-at")] == [
        "'" + name for name in FORMULA_NAMES
    ]
    for row in nodes:
        assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())


def test_edges_carry_ends_type_details_and_verbatim_quotes(tricky_graph: Subgraph) -> None:
    edges = {row["type"]: row for row in _rows(to_csv_tables(tricky_graph)["edges.csv"])}
    supplies = edges["SUPPLIES"]
    assert (supplies["source"], supplies["target"], supplies["product"]) == ("formula-eq", "script", "formula-plus")
    assert supplies["quantity_text"] == "约1万张" and supplies["amount_currency"] == "CNY"
    assert json.loads(supplies["evidence_quotes"]) == [HANS_QUOTE, HANT_QUOTE]
    assert json.loads(supplies["evidence_source_ids"]) == ["hans-article", "hant-article"]
    assert supplies["status"] == "planned" and supplies["quantity_approximate"] == "true"


def test_the_seed_graph_fills_the_fixed_columns(seed_graph: Subgraph) -> None:
    tables = to_csv_tables(seed_graph)
    nodes, edges = _rows(tables["nodes.csv"]), _rows(tables["edges.csv"])
    assert tuple(nodes[0]) == NODE_COLUMNS and tuple(edges[0]) == EDGE_COLUMNS
    assert len(nodes) == len(seed_graph.entities) and len(edges) == len(seed_graph.relations)
    quotes = {q for row in edges for q in json.loads(row["evidence_quotes"])}
    assert quotes == {ev.quote for r in seed_graph.relations for ev in article_evidence(r)}


def test_a_folder_gets_both_tables_with_a_byte_order_mark(tricky_graph: Subgraph, tmp_path: Path) -> None:
    written = write_csv(tricky_graph, tmp_path / "tables", title="")
    assert sorted(p.name for p in written.iterdir()) == ["edges.csv", "nodes.csv"]
    raw = (written / "nodes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so that Excel reads the Chinese as UTF-8
    assert raw.decode("utf-8-sig") == to_csv_tables(tricky_graph)["nodes.csv"]


def test_a_zip_gets_both_tables_and_is_reproducible(tricky_graph: Subgraph, tmp_path: Path) -> None:
    first = write_csv(tricky_graph, tmp_path / "a.zip", title="")
    second = write_csv(tricky_graph, tmp_path / "b.ZIP", title="")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        edges = archive.read("edges.csv").decode("utf-8-sig")
    assert edges == to_csv_tables(tricky_graph)["edges.csv"]


def test_dataset_and_catalog_evidence_are_columns_too(tricky_graph: Subgraph) -> None:
    edges = _rows(to_csv_tables(tricky_graph)["edges.csv"])
    uses = next(row for row in edges if row["type"] == "USES" and row["date"] == "2024-12")
    assert json.loads(uses["evidence_kinds"]) == ["dataset", "article"]
    assert json.loads(uses["evidence_records"]) == [DATASET_RECORD.model_dump(mode="json", exclude_none=True)]
    assert json.loads(uses["evidence_quotes"]) == [HANT_QUOTE]
    parent = next(row for row in edges if row["type"] == "SUBSIDIARY_OF")
    assert json.loads(parent["evidence_quotes"]) == [] and json.loads(parent["evidence_kinds"]) == ["catalog"]
    assert json.loads(parent["evidence_records"])[0]["catalog_file"] == "trap-catalog.yaml"
