"""Unknown names are found by their context; weak aliases need context; repeating parentheses are read through."""

from __future__ import annotations

import pytest

from computekg.graph.model import Entity
from computekg.graph.schema import EntityKind, RelType
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.article import Article
from computekg.loaders.bundle import FactBase
from computekg.loaders.ingest.aligned import align
from computekg.loaders.ingest.extractor import OfflineExtractor
from computekg.loaders.ingest.linking import LinkedMention, link_entities


def _mentions(fact_base: FactBase, text: str) -> list[LinkedMention]:
    return link_entities(align(text), text, fact_base.aliases, {e.id: e for e in fact_base.entities})


def _new(fact_base: FactBase, text: str) -> list[tuple[str, EntityKind, str | None]]:
    return [(m.name, m.kind, m.signal) for m in _mentions(fact_base, text) if m.new]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("奇鋐(3017-TW)與雙鴻(3324-TW)為機櫃供應水冷板", [("奇鋐", "ticker"), ("雙鴻", "ticker")]),
        ("供應商弘塑(3131)與辛耘(3583)受惠", [("弘塑", "ticker"), ("辛耘", "ticker")]),
        ("AI创业公司月之暗面宣布完成新一轮融资", [("月之暗面", "descriptor")]),
        ("字节跳动、月之暗面和智谱等公司都在采购算力", [("月之暗面", "list")]),
        ("CoreWeave, a New York-based GPU cloud, signed a deal with Microsoft.", [("CoreWeave", "apposition")]),
        ("Microsoft, Meta and Nebius bought chips.", [("Nebius", "list")]),
        ("Shares of cloud provider Lambda rose.", [("Lambda", "descriptor")]),
        ("Fluidstack (NASDAQ: FLUI) said it would expand.", [("Fluidstack", "ticker")]),
    ],
)
def test_an_unknown_organization_is_found_by_its_context(fact_base: FactBase, text: str,
                                                         expected: list[tuple[str, str]]) -> None:
    assert _new(fact_base, text) == [(name, EntityKind.ORGANIZATION, signal) for name, signal in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("英伟达推出B30A芯片", ["B30A"]),
        ("英伟达推出H20、L20和L2,还有H20E", []),  # H20E is no product without a product word or its maker
        ("The MI355X accelerator ships this year.", ["MI355X"]),
        ("营收在Q3增长,2024年第4季,5G和4K都不是产品", []),
    ],
)
def test_a_product_code_is_found_beside_a_product_word_or_its_maker(fact_base: FactBase, text: str,
                                                                   expected: list[str]) -> None:
    assert [name for name, kind, _ in _new(fact_base, text) if kind is EntityKind.PRODUCT] == expected


@pytest.mark.parametrize(
    "text",
    ["国内科技公司和创业公司都在发展人工智能,子公司也是", "AI新创都在抢算力,客户也是",
     "According to Reuters, the deal closed.", "The company said demand was strong. Analysts, however, were cautious.",
     "新一轮融资,阿里巴巴和腾讯参投"],
)
def test_descriptive_words_are_not_names(fact_base: FactBase, text: str) -> None:
    assert [name for name, kind, _ in _new(fact_base, text) if kind is EntityKind.ORGANIZATION] == []


def test_a_listed_ticker_names_its_catalog_entity_however_it_is_written(fact_base: FactBase) -> None:
    (tsmc,) = [m for m in _mentions(fact_base, "台积公司(2330)今年资本支出创新高") if m.entity_id == "tsmc"]
    assert tsmc.name == "台积公司" and tsmc.signal == "ticker"


def test_a_parenthesis_that_repeats_a_name_is_read_through(fact_base: FactBase, extractor: OfflineExtractor) -> None:
    body = "微软(MSFT-US)旗下的Azure(微软云)向OpenAI提供算力。"
    candidates = extractor.extract(Article(id="t", title="t", body=body))
    assert ("microsoft-azure", RelType.SUBSIDIARY_OF, "microsoft") in {c.triple for c in candidates}
    apposed = extractor.extract(Article(id="t", title="t", body="Nvidia, the chipmaker, supplies Oracle."))
    assert ("nvidia", RelType.SUPPLIES, "oracle") in {c.triple for c in apposed}


WEAK = [
    Entity(id="apple", kind=EntityKind.ORGANIZATION, name="Apple", weak_aliases=("苹果",)),
    Entity(id="arm", kind=EntityKind.ORGANIZATION, name="Arm Holdings", weak_aliases=("Arm",)),
    Entity(id="tsmc", kind=EntityKind.ORGANIZATION, name="TSMC", aliases=("台积电",)),
    Entity(id="qualcomm", kind=EntityKind.ORGANIZATION, name="Qualcomm"),
]


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("苹果向台积电下单", ["apple", "tsmc"]),
        ("他每天吃一个苹果。台积电今年扩产", ["tsmc"]),
        ("Qualcomm licenses designs from Arm.", ["qualcomm", "arm"]),
        ("Qualcomm raised its arm of the budget.", ["qualcomm"]),
        ("Arm is a word here with nothing around it.", []),
    ],
)
def test_a_weak_alias_counts_only_in_context(text: str, linked: list[str]) -> None:
    entities = {e.id: e for e in WEAK}
    mentions = link_entities(align(text), text, AliasIndex(WEAK), entities)
    assert [m.entity_id for m in mentions if not m.new] == linked
