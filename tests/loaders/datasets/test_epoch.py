"""The Epoch AI importer: quarterly holdings as dated quantities with intervals, every row accounted for."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from computekg.graph.model import DatasetEvidence
from computekg.graph.schema import RelType
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.datasets.epoch import import_epoch
from computekg.loaders.datasets.layer import DatasetLayer
from computekg.loaders.errors import FactBaseError

HEADER = ("Name,Chip manufacturer,Owner,Start date,End date,Compute estimate in H100e (median),"
          "H100e (5th percentile),H100e (95th percentile),Number of Units,Number of Units (5th percentile),"
          "Number of Units (95th percentile),Chip type,Notes")
ROWS = [
    "Oracle H100 Q4 2024,Nvidia,Oracle,10/1/2024,12/31/2024,1000,800,1300,1000,800,1300,H100,Estimated",
    "China H20 Q4 2024,Nvidia,China,10/1/2024,12/31/2024,200,100,300,1400,700,2100,H20,",
]


@pytest.fixture(scope="module")
def layer(epoch_copy: Path, catalog_index: AliasIndex) -> DatasetLayer:
    return import_epoch(epoch_copy, catalog_index)


def _copy(tmp_path: Path, rows: list[str], header: str = HEADER) -> Path:
    """A tiny Epoch-shaped copy of our own: one owners table."""
    folder = tmp_path / "owners_csv_export"
    folder.mkdir(parents=True)
    (folder / "nvidia_owners_quarters_by_chip.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return tmp_path


def test_every_row_of_every_file_is_accounted_for(layer: DatasetLayer, epoch_copy: Path) -> None:
    for path in sorted(epoch_copy.rglob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = sum(1 for cells in list(csv.reader(handle))[1:] if cells)
        assert layer.accounting.rows(path.relative_to(epoch_copy).as_posix()) == rows, path
    imported = sum(c["imported"] for c in layer.accounting.by_file.values())
    assert imported == len(layer.graph.relations) >= 300


def test_oracles_holdings_by_2024_q4_are_dated_quantities_with_intervals(layer: DatasetLayer) -> None:
    oracle = [r for r in layer.graph.relations if r.subject == "oracle" and r.date == "2024-12-31"]
    assert oracle and all(r.type is RelType.USES and r.start_date == "2024-10-01" for r in oracle)
    (evidence,) = oracle[0].evidence
    assert isinstance(evidence, DatasetEvidence) and evidence.licence == "MIT"
    assert evidence.version == "d1b1bc311479ed385befa400e94533afc8b59fb7"
    units, h100e = evidence.estimates
    assert (units.unit, h100e.unit) == ("units", "H100e")
    assert units.p5 <= units.median == oracle[0].quantity.value <= units.p95  # type: ignore[union-attr]


def test_owners_meet_the_catalog_and_aggregates_are_not_companies(layer: DatasetLayer) -> None:
    assert {"Microsoft": "microsoft", "Oracle": "oracle", "CoreWeave": "coreweave", "Nvidia": "nvidia",
            "A100": "nvidia-a100"}.items() <= layer.matched.items()
    aggregates = {e.id: e for e in layer.graph.entities if e.generic}
    assert set(aggregates) == {"epoch-owners-china", "epoch-owners-other"}
    new_ids = {new.entity.id for new in layer.new}
    assert not new_ids & {"microsoft", "nvidia"} and "epoch-owners-china" not in new_ids
    assert all(not e.id.startswith("epoch-") or e.id in new_ids | set(aggregates) for e in layer.graph.entities)


def test_importing_twice_gives_the_same_layer(layer: DatasetLayer, epoch_copy: Path, catalog_index: AliasIndex) -> None:
    assert import_epoch(epoch_copy, catalog_index).graph == layer.graph


@pytest.mark.parametrize(("rows", "header", "where"), [
    ([ROWS[0].replace(",1000,800,1300,H100", ",1O00,800,1300,H100")], HEADER, ":2:9 [Number of Units]"),
    ([ROWS[0].replace("12/31/2024", "2024-12-31")], HEADER, ":2:5 [End date]"),
    ([ROWS[0]], HEADER.replace(",Owner,", ",Holder,"), ":1 [Owner]: missing column"),
    (['"Oracle H100 Q4 2024,Nvidia,Oracle'], HEADER, ":2: broken CSV"),
    ([ROWS[0].replace("1000,800,1300,1000", "1000,1100,1300,1000")], HEADER,
     ":2:6 [Compute estimate in H100e (median)]: median 1000 is outside its interval 1100..1300"),
])
def test_a_corrupted_copy_is_refused_naming_file_line_and_column(
    tmp_path: Path, catalog_index: AliasIndex, rows: list[str], header: str, where: str
) -> None:
    root = _copy(tmp_path, [*rows, ROWS[1]], header)
    with pytest.raises(FactBaseError) as error:
        import_epoch(root, catalog_index)
    assert f"nvidia_owners_quarters_by_chip.csv{where}" in str(error.value)


def test_a_small_copy_of_our_own(tmp_path: Path, catalog_index: AliasIndex) -> None:
    layer = import_epoch(_copy(tmp_path, ROWS), catalog_index)
    assert {(r.subject, r.object) for r in layer.graph.relations} == {("oracle", "nvidia-h100"),
                                                                      ("epoch-owners-china", "nvidia-h20")}
    assert layer.accounting.by_file["owners_csv_export/nvidia_owners_quarters_by_chip.csv"]["imported"] == 2
    shutil.rmtree(tmp_path / "owners_csv_export")
    with pytest.raises(FactBaseError, match="not an Epoch AI"):
        import_epoch(tmp_path, catalog_index)
