"""The schema document names every label, role and relationship type the code defines."""

from __future__ import annotations

from pathlib import Path

import pytest

from computekg.graph.schema import MENTIONS, EntityKind, FacilityKind, OrgRole, ProductKind, RelType

SCHEMA_DOC = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("term", [*EntityKind, *OrgRole, *ProductKind, *FacilityKind])
def test_every_vocabulary_term_is_documented(term: str) -> None:
    assert str(term) in SCHEMA_DOC


@pytest.mark.parametrize("rel_type", [*RelType, MENTIONS])
def test_every_relationship_type_has_a_row(rel_type: str) -> None:
    assert f"| `{rel_type}` |" in SCHEMA_DOC


README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rel_type", [*RelType, MENTIONS])
def test_the_readme_schema_picture_shows_every_relationship_type(rel_type: str) -> None:
    picture = README.split("```mermaid", 1)[1].split("```", 1)[0]
    assert rel_type in picture


@pytest.mark.parametrize("kind", list(EntityKind))
def test_the_readme_schema_picture_shows_every_label(kind: str) -> None:
    picture = README.split("```mermaid", 1)[1].split("```", 1)[0]
    assert kind in picture
