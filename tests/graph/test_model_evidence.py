"""Evidence items: an article sentence, a catalog reference or a dataset record, each validated as its kind."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from computekg.graph.model import CatalogEvidence, DatasetEvidence, Estimate, Evidence, EvidenceItem

_ITEM: TypeAdapter[EvidenceItem] = TypeAdapter(EvidenceItem)


def test_each_kind_validates_to_its_own_class() -> None:
    article = {"source_id": "001", "quote": "一句话", "fact_id": "f1", "confidence": 0.9}  # written before kinds
    catalog = {"kind": "catalog", "catalog_file": "silicon-china.yaml", "entry": "kunlunxin", "field": "parent"}
    dataset = {"kind": "dataset", "dataset": "Epoch AI", "version": "abc123", "file": "owners.csv", "row": "7",
               "licence": "MIT", "estimates": [{"unit": "units", "p5": 1, "median": 2, "p95": 3}]}
    assert isinstance(_ITEM.validate_python(article), Evidence)
    assert isinstance(_ITEM.validate_python(catalog), CatalogEvidence)
    record = _ITEM.validate_python(dataset)
    assert isinstance(record, DatasetEvidence) and record.estimates == (Estimate(unit="units", p5=1, median=2, p95=3),)


def test_a_record_needs_its_licence_and_a_reference_a_known_field() -> None:
    with pytest.raises(ValidationError, match="licence"):
        _ITEM.validate_python({"kind": "dataset", "dataset": "d", "version": "v", "file": "f", "row": "1"})
    with pytest.raises(ValidationError, match="field"):
        _ITEM.validate_python({"kind": "catalog", "catalog_file": "a.yaml", "entry": "x", "field": "country"})
    with pytest.raises(ValidationError):  # an article sentence still needs its quote
        _ITEM.validate_python({"source_id": "001", "fact_id": "f1", "confidence": 0.9})


def test_an_interval_is_ordered() -> None:
    with pytest.raises(ValidationError, match="p5 <= median <= p95"):
        Estimate(unit="units", p5=5, median=2, p95=9)
