"""Names an article uses that the catalog lacks reach the reviewer, with their sentence, a kind and the closest
catalog entities, and join the catalog only when a reviewer accepts them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from computekg.app.cli_ingest import register
from computekg.graph.errors import EntityNotFound
from computekg.graph.schema import EntityKind
from computekg.loaders.bundle import FactBase, read_fact_base
from computekg.loaders.ingest.extractor import OfflineExtractor
from computekg.loaders.ingest.new_names import NewName, model_number, same_model_number
from computekg.loaders.ingest.pipeline import ingest_file
from computekg.loaders.review_names import NameQueue, enqueue_names, set_name_status
from computekg.loaders.review_queue import (
    ReviewError,
    ReviewQueue,
    ReviewStatus,
    merge_accepted,
    read_names,
    store_article,
    write_names,
)

# No candidate fact uses 星衡智算 (a planned purchase is not a stated fact), yet it is a new company.
_LEASING = """# 星衡智算拟采购H20
date: 2024-05-20

据知情人士透露，算力租赁公司星衡智算已与英伟达签署协议，将采购一批H20芯片。
"""


@pytest.fixture
def leasing_file(tmp_path: Path) -> Path:
    path = tmp_path / "leasing.md"
    path.write_text(_LEASING, encoding="utf-8")
    return path


def _product(name: str) -> NewName:
    return NewName(name=name, kind=EntityKind.PRODUCT, signal="numbered", source="a", evidence=f"{name}将于明年推出。")


def test_a_new_company_no_fact_uses_is_found_with_its_sentence(leasing_file: Path,
                                                               extractor: OfflineExtractor) -> None:
    ingested = ingest_file(leasing_file, extractor)
    found = {name.name: name for name in ingested.new_names}
    assert "星衡智算" in found, list(found)
    company = found["星衡智算"]
    assert company.kind is EntityKind.ORGANIZATION and company.source == ingested.article.id
    assert "星衡智算已与英伟达签署协议" in company.evidence
    assert company.evidence in ingested.article.body
    assert all(c.subject != "星衡智算" and c.object != "星衡智算" for c in ingested.candidates)


def test_names_are_queued_once_and_a_rejected_one_is_not_proposed_again(fact_base: FactBase) -> None:
    name = _product("Instinct MI328X")
    queue, added = enqueue_names(NameQueue(), [name, name], fact_base.aliases)
    assert [entry.discovery.name for entry in added] == ["Instinct MI328X"]
    queue = set_name_status(queue, added[0].id, ReviewStatus.REJECTED)
    again, added_again = enqueue_names(queue, [_product("instinct mi328x")], fact_base.aliases)
    assert added_again == [] and again == queue


def test_names_the_catalog_knows_are_not_queued(fact_base: FactBase) -> None:
    _, added = enqueue_names(NameQueue(), [_product("輝達"), _product("GB200")], fact_base.aliases)
    assert added == []


def test_a_closest_entity_with_another_model_number_is_marked_as_another_model(fact_base: FactBase) -> None:
    _, (entry,) = enqueue_names(NameQueue(), [_product("Instinct MI328X")], fact_base.aliases)
    closest = {c.name: c.other_model for c in entry.closest}
    assert closest.get("AMD Instinct MI325X") is True, closest  # MI325X is not MI328X
    assert closest.get("AMD Instinct") is False  # the family carries no model number
    assert all(fact_base.aliases.resolve(c.id).kind is EntityKind.PRODUCT for c in entry.closest)


@pytest.mark.parametrize(("first", "second", "same"), [
    ("H100", "NVIDIA H200", False), ("MI300X", "MI325X", False), ("Ascend 910B", "910C", False),
    ("NVIDIA H200", "h200", True), ("Blackwell", "B200", True),
])
def test_model_numbers_differing_in_digits_or_suffix_are_different_models(first: str, second: str,
                                                                         same: bool) -> None:
    assert same_model_number(first, second) is same
    assert model_number("AMD Instinct MI325X") == "mi325x"


def test_an_accepted_name_joins_the_catalog_with_a_readable_id_once(tmp_path: Path, data_copy: Path,
                                                                    leasing_file: Path,
                                                                    extractor: OfflineExtractor) -> None:
    ingested = ingest_file(leasing_file, extractor)
    queue_path = tmp_path / "review" / "queue.jsonl"
    store_article(queue_path, ingested.article)
    names, added = enqueue_names(NameQueue(), ingested.new_names, read_fact_base(data_copy).aliases)
    company = next(entry for entry in added if entry.discovery.name == "星衡智算")
    write_names(set_name_status(names, company.id, ReviewStatus.ACCEPTED), queue_path)

    result = merge_accepted(ReviewQueue(), queue_path, data_copy, read_names(queue_path))
    assert result.entities == 1 and result.facts == 0
    assert data_copy / "catalog" / "ingested.yaml" in result.written
    entity = read_fact_base(data_copy).aliases.resolve("星衡智算")
    assert entity.id == "xing-heng-zhi-suan" and entity.kind is EntityKind.ORGANIZATION
    merged = result.names.get(company.id)
    assert merged.status is ReviewStatus.MERGED and merged.entity_id == entity.id
    with pytest.raises(EntityNotFound):  # only the accepted name joined
        read_fact_base(data_copy).aliases.resolve("星衡")

    catalog = (data_copy / "catalog" / "ingested.yaml").read_text(encoding="utf-8")
    write_names(result.names, queue_path)
    again = merge_accepted(ReviewQueue(), queue_path, data_copy, read_names(queue_path))
    assert again.entities == 0 and again.written == ()
    assert (data_copy / "catalog" / "ingested.yaml").read_text(encoding="utf-8") == catalog
    assert [e["name"] for e in yaml.safe_load(catalog)].count("星衡智算") == 1
    with pytest.raises(ReviewError, match="already in the catalog"):
        set_name_status(again.names, company.id, ReviewStatus.PENDING)


def test_the_review_commands_list_accept_and_merge_new_names(tmp_path: Path, data_copy: Path,
                                                             leasing_file: Path) -> None:
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    queue = ["--queue", str(tmp_path / "queue.jsonl")]
    ingest = runner.invoke(app, ["ingest", str(leasing_file), *queue, "--data-dir", str(data_copy)])
    assert ingest.exit_code == 0, ingest.output
    assert "new to the catalog" in ingest.stdout and "computekg review names" in ingest.stdout
    listed = json.loads(runner.invoke(app, ["review", "names", "--json", *queue]).stdout)
    company = next(e for e in listed if e["discovery"]["name"] == "星衡智算")
    assert company["status"] == "pending" and company["discovery"]["kind"] == "Organization"
    table = runner.invoke(app, ["review", "names", *queue], env={"COLUMNS": "200"}).stdout
    assert "星衡智算" in table and "closest in the catalog" in table
    assert runner.invoke(app, ["review", "accept", company["id"], *queue]).exit_code == 0
    merge = runner.invoke(app, ["review", "merge", *queue, "--data-dir", str(data_copy)])
    assert merge.exit_code == 0, merge.output
    assert "1 new name(s)" in merge.stdout
    assert read_fact_base(data_copy).aliases.resolve("星衡智算").name == "星衡智算"
    merged = json.loads(runner.invoke(app, ["review", "names", "--json", "--status", "merged", *queue]).stdout)
    assert [e["id"] for e in merged] == [company["id"]]
