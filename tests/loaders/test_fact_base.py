"""Reading a catalog and fact files: precise errors for bad input, nothing half-read."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from computekg.graph.memory_store import MemoryStore
from computekg.loaders.bundle import bundled_data_dir, read_fact_base
from computekg.loaders.errors import FactBaseError

CATALOG = """\
- id: nvidia
  kind: Organization
  name: NVIDIA
  name_zh: 英伟达
  name_zh_hant: 英偉達
  roles: [chip_designer]
- id: bytedance
  kind: Organization
  name: ByteDance
  name_zh: 字节跳动
  aliases: [字节, 字節]
  roles: [internet_platform]
- id: nvidia-a800
  kind: Product
  name: NVIDIA A800
  aliases: [A800]
  product_kind: chip
"""

ARTICLE = """\
---
id: 900_test
title: 测试
date: '2023-07'
script: Hans
---
字节今年向英伟达订购了超过10亿美元的GPU产品,其中包括A800。
"""

FACTS = """\
source: 900_test
facts:
  - id: "900-001"
    subject: 英伟达
    type: SUPPLIES
    object: 字節
    product: A800
    amount: 超过10亿美元
    confidence: 0.9
    quote: "字节今年向英伟达订购了超过10亿美元的GPU产品"
"""


def _write_data(root: Path, *, catalog: str = CATALOG, facts: str = FACTS) -> Path:
    for folder in ("catalog", "articles", "facts"):
        (root / folder).mkdir(parents=True)
    (root / "catalog" / "organizations.yaml").write_text(catalog, encoding="utf-8")
    (root / "articles" / "900_test.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "facts" / "900_test.yaml").write_text(facts, encoding="utf-8")
    return root


def test_a_valid_fact_resolves_aliases_and_parses_amounts(tmp_path: Path) -> None:
    graph = read_fact_base(_write_data(tmp_path)).graph
    (relation,) = graph.relations
    assert (relation.subject, relation.object, relation.product) == ("nvidia", "bytedance", "nvidia-a800")
    assert relation.amount is not None and relation.amount.value == 1e9 and relation.amount.approximate
    (evidence,) = relation.evidence
    assert (evidence.source_id, evidence.date, evidence.fact_id) == ("900_test", "2023-07", "900-001")


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("subject: 英伟达", "subject: 英特尔", 4, "subject"),
        ("type: SUPPLIES", "type: SELLS", 5, "type"),
        ('quote: "字节今年向英伟达订购了超过10亿美元的GPU产品"',
         'quote: "字节今年向英伟达订购了超过20亿美元的GPU产品"', 10, "quote"),
        ("amount: 超过10亿美元", "amount: 很多钱", 8, "amount"),
        ("confidence: 0.9", "confidence: 1.5", 9, "confidence"),
        ("product: A800", "product: 字节", 7, "product"),
        ("    confidence: 0.9\n", "    confidence: 0.9\n    colour: green\n", 10, "colour"),
    ],
)
def test_a_bad_fact_names_file_line_and_field(tmp_path: Path, old: str, new: str, line: int, field: str) -> None:
    assert old in FACTS
    root = _write_data(tmp_path, facts=FACTS.replace(old, new))
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(root)
    (problem,) = caught.value.problems
    assert problem.path.name == "900_test.yaml"
    assert (problem.line, problem.field) == (line, field)
    assert f"900_test.yaml:{line} [{field}]" in str(caught.value)


def test_wrong_endpoint_kind_is_refused(tmp_path: Path) -> None:
    root = _write_data(tmp_path, facts=FACTS.replace("type: SUPPLIES", "type: VARIANT_OF"))
    with pytest.raises(FactBaseError, match=r"VARIANT_OF cannot start at a Organization"):
        read_fact_base(root)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    root = _write_data(tmp_path, facts=FACTS + "  - id: [unclosed\n")
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(root)
    assert caught.value.problems[0].line == 12


@pytest.mark.parametrize(
    ("catalog", "field", "message"),
    [
        (CATALOG + "- id: nvidia\n  kind: Organization\n  name: Again\n", "id", "duplicate id"),
        (CATALOG.replace("aliases: [A800]", "aliases: [字节]"), "aliases", "claimed by"),
        (CATALOG.replace("kind: Product", "kind: Gadget"), "kind", "Input should be"),
        (CATALOG + "- id: volcano-engine\n  kind: Organization\n  name: Volcano Engine\n  parent: bytedanse\n",
         "parent", "unknown parent"),
        (CATALOG.replace("  roles: [internet_platform]", "  roles: [internet_platform]\n  parent: nvidia-a800"),
         "parent", "is not an Organization"),
        (CATALOG.replace("  product_kind: chip", "  product_kind: chip\n  maker: nvidia-a800"),
         "maker", "is not an Organization"),
        (CATALOG.replace("  product_kind: chip", "  product_kind: chip\n  family: nvidia-a800"),
         "family", "is not a family product"),
        (CATALOG.replace("  roles: [chip_designer]", "  roles: [chip_designer]\n  maker: bytedance"),
         "maker", "Organization entities have no maker"),
        (CATALOG.replace("  roles: [chip_designer]", "  roles: [chip_designer]\n  parent: bytedance")
         .replace("  roles: [internet_platform]", "  roles: [internet_platform]\n  parent: nvidia"),
         "parent", "comes back to it"),
        (CATALOG.replace("  product_kind: chip", "  product_kind: chip\n  tickers: [NVDA]"),
         "tickers.0", "String should match pattern"),
        (CATALOG.replace("  roles: [chip_designer]", "  roles: [chip_designer]\n  tickers: ['NASDAQ:NVDA']")
         .replace("  aliases: [字节, 字節]", "  aliases: [字节, 字節, NVDA-US]"),
         "aliases", "claimed by"),
    ],
)
def test_bad_catalog_entries_are_reported(tmp_path: Path, catalog: str, field: str, message: str) -> None:
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(_write_data(tmp_path, catalog=catalog))
    assert any(p.field == field and message in p.message and p.line for p in caught.value.problems)


def test_a_bad_file_loads_nothing_and_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = MemoryStore()
    store.load(read_fact_base(_write_data(tmp_path / "good")).graph, replace=True)
    before = store.snapshot()
    with pytest.raises(FactBaseError):
        store.load(read_fact_base(_write_data(tmp_path / "bad", facts=FACTS.replace("英伟达", "英特尔"))).graph)
    assert store.snapshot() == before


def test_the_bundled_data_directory_is_complete(tmp_path: Path) -> None:
    """A copy of the bundled data reads the same as the original (nothing depends on the repo layout)."""
    copy = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), copy)
    assert read_fact_base(copy).graph == read_fact_base().graph


def test_the_error_message_is_readable(tmp_path: Path) -> None:
    root = _write_data(tmp_path, facts=FACTS.replace("英伟达", "英特尔"))
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(root)
    assert textwrap.dedent(str(caught.value)).startswith("1 problem(s) in the input; nothing was loaded:")


def test_a_fact_id_given_twice_is_refused_in_one_file_and_across_two(tmp_path: Path) -> None:
    """A fact id names one statement: a second use is refused, naming the first place it was given."""
    root = _write_data(tmp_path / "one", facts=FACTS + FACTS.split("facts:\n")[1])
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(root)
    (problem,) = caught.value.problems
    assert (problem.path.name, problem.line, problem.field) == ("900_test.yaml", 11, "id")
    assert "duplicate fact id '900-001' (first at 900_test.yaml:3)" in str(caught.value)

    root = _write_data(tmp_path / "two")
    (root / "facts" / "901_second.yaml").write_text(FACTS, encoding="utf-8")  # the same facts a second time
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(root)
    (problem,) = caught.value.problems
    assert (problem.path.name, problem.line, problem.field) == ("901_second.yaml", 3, "id")
    assert "first at 900_test.yaml:3" in str(caught.value)
