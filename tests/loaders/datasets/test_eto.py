"""The ETO importer: providers and inputs meet the catalog; provision shares, sequence links, every row counted."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from computekg.graph.model import DatasetEvidence
from computekg.graph.schema import EntityKind, RelType
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.datasets.eto import import_eto
from computekg.loaders.datasets.layer import DatasetLayer
from computekg.loaders.errors import FactBaseError

TABLES = {
    "providers": ["provider_name,alias,provider_id,provider_type,country", "USA,United States,P1,country,",
                  "NLD,Netherlands,P45,country,", "ASML,,P88,organization,NLD", "Nvidia,,P11,organization,USA"],
    "inputs": ["input_id,input_name,type,description", "N20,EUV lithography tools,tool_resource,",
               "N19,Lithography tools,tool_resource,", "N2,Discrete GPUs,design_resource,"],
    "stages": ["stage_id,stage_name", "S2,Fabrication"],
    "provision": ["provider_name,provider_id,provided_name,provided_id,share_provided,year,source",
                  "ASML,P88,EUV lithography tools,N20,100.0,2025,x", "NLD,P45,EUV lithography tools,N20,100.0,2025,x",
                  "Nvidia,P11,Discrete GPUs,N2,,2019,x", "USA,P1,Fabrication,S2,12,2022,x"],
    "sequence": ["input_name,input_id,goes_into_name,goes_into_id,is_type_of_name,is_type_of_id",
                 "EUV lithography tools,N20,,,Lithography tools,N19", "Lithography tools,N19,Fabrication,S2,,"],
}


@pytest.fixture(scope="module")
def layer(eto_copy: Path, catalog_index: AliasIndex) -> DatasetLayer:
    return import_eto(eto_copy, catalog_index)


def _copy(tmp_path: Path, **changed: list[str]) -> Path:
    """A tiny ETO-shaped copy of our own, with some tables replaced."""
    (tmp_path / "data").mkdir()
    for name, lines in {**TABLES, **changed}.items():
        (tmp_path / "data" / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_every_row_of_every_file_is_accounted_for(layer: DatasetLayer, eto_copy: Path) -> None:
    for path in sorted((eto_copy / "data").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = sum(1 for cells in list(csv.reader(handle))[1:] if cells)
        assert layer.accounting.rows(f"data/{path.name}") == rows, path
    assert layer.accounting.by_file["data/provision.csv"]["imported"] == 1300


def test_asml_supplies_every_euv_tool_with_cited_share(layer: DatasetLayer) -> None:
    euv = next(e for e in layer.graph.entities if e.name == "EUV lithography tools")
    (fact,) = [r for r in layer.graph.relations if (r.subject, r.type, r.object) == ("asml", RelType.SUPPLIES, euv.id)]
    assert fact.quantity is not None and (fact.quantity.value, fact.quantity.unit) == (100.0, "%")
    (evidence,) = fact.evidence
    assert isinstance(evidence, DatasetEvidence) and evidence.licence == "CC BY-NC 4.0"
    assert evidence.file == "data/provision.csv" and "P88 -> N20 (2025)" in evidence.row


def test_names_meet_the_catalog(layer: DatasetLayer) -> None:
    assert {"Nvidia": "nvidia", "TSMC": "tsmc", "ASML": "asml", "USA": "united-states"}.items() <= layer.matched.items()
    new_names = {new.name for new in layer.new}
    assert not new_names & {"Nvidia", "TSMC", "ASML", "USA"}
    assert ("nvidia", RelType.LOCATED_IN, "united-states") in {(r.subject, r.type, r.object)
                                                               for r in layer.graph.relations}


def test_sequence_links_read_the_right_way(tmp_path: Path, catalog_index: AliasIndex) -> None:
    layer = import_eto(_copy(tmp_path), catalog_index)
    new = {e.id: e for e in layer.graph.entities}
    ends = {i for r in layer.graph.relations for i in (r.subject, r.object)}
    names = {i: (new.get(i) or catalog_index.resolve(i)).name for i in ends}
    facts = {(names[r.subject], r.type, names[r.object]) for r in layer.graph.relations}
    assert ("EUV lithography tools", RelType.VARIANT_OF, "Lithography tools") in facts
    assert ("Fabrication", RelType.USES, "Lithography tools") in facts
    assert ("NVIDIA", RelType.SUPPLIES, "Discrete GPUs") in facts  # a row without a share still states supply
    assert layer.matched["NLD"] == "netherlands" and catalog_index.resolve("netherlands").kind is EntityKind.PLACE
    assert next(e for e in layer.graph.entities if e.name == "Fabrication").kind is EntityKind.PRODUCT


def test_importing_twice_gives_the_same_layer(layer: DatasetLayer, eto_copy: Path, catalog_index: AliasIndex) -> None:
    assert import_eto(eto_copy, catalog_index).graph == layer.graph


@pytest.mark.parametrize(("table", "lines", "where"), [
    ("provision", [TABLES["provision"][0], "ASML,P88,EUV lithography tools,N20,1OO,2025,x"],
     "provision.csv:2:5 [share_provided]: not a number: '1OO'"),
    ("provision", [TABLES["provision"][0], "ASML,P88,EUV lithography tools,N20,140,2025,x"],
     "provision.csv:2:5 [share_provided]: 140 is outside 0..100"),
    ("provision", [TABLES["provision"][0], "ASML,P99,EUV lithography tools,N20,10,2025,x"],
     "provision.csv:2:2 [provider_id]: no provider or input has the id 'P99'"),
    ("providers", [TABLES["providers"][0].replace("provider_type", "kind"), *TABLES["providers"][1:]],
     "providers.csv:1 [provider_type]: missing column"),
    ("inputs", [TABLES["inputs"][0], '"N20,EUV lithography tools,tool_resource,'], "inputs.csv:2: broken CSV"),
])
def test_a_corrupted_copy_is_refused_naming_file_line_and_column(
    tmp_path: Path, catalog_index: AliasIndex, table: str, lines: list[str], where: str
) -> None:
    with pytest.raises(FactBaseError) as error:
        import_eto(_copy(tmp_path, **{table: lines}), catalog_index)
    assert where in str(error.value)
