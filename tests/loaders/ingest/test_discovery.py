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


# Invented names (no catalog could hold them), in the constructions news uses to introduce a company.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("澄岳(6987-TW)與璟昇(6988-TW)為機櫃供應水冷板", [("澄岳", "ticker"), ("璟昇", "ticker")]),
        ("供應商弘璿(3991)與辛茂(3992)受惠", [("弘璿", "ticker"), ("辛茂", "ticker")]),
        ("AI创业公司星澜智算宣布完成新一轮融资", [("星澜智算", "descriptor")]),
        ("字节跳动、星澜智算和智谱等公司都在采购算力", [("星澜智算", "list")]),
        ("Quillmoor, a Reno-based GPU cloud, signed a deal with Microsoft.", [("Quillmoor", "apposition")]),
        ("Microsoft, Meta and Tarnwick bought chips.", [("Tarnwick", "list")]),
        ("Shares of cloud provider Veltrane rose.", [("Veltrane", "descriptor")]),
        ("Ostrava Compute (NASDAQ: OSTV) said it would expand.", [("Ostrava Compute", "ticker")]),
        ("台中線束廠澄豐電通日前通過認證", [("澄豐電通", "placed-descriptor")]),
        ("新竹探針卡廠晶岳科技表示", [("晶岳科技", "placed-descriptor")]),  # it may end in 科技: the phrase said what
        ("宁夏中卫的算力服务商云岚算力也在扩张", [("云岚算力", "descriptor")]),  # one generic character may open it
        ("璟澄光電董事長許文岳表示,訂單能見度已到明年", [("璟澄光電", "employer")]),
        ("Brindlewood CEO Marisol Okonkwo said the company would expand.", [("Brindlewood", "employer")]),
        ("成立三年的蘇州設備廠商澄衡半導體完成融資", [("澄衡半導體", "descriptor")]),  # '厂商' goes on past '厂'
        ("中科曙光旗下的曙光澄创则专注于液冷", [("曙光澄创", "descriptor")]),
        ("澄衍智算是一家成立于2023年的大模型应用公司", [("澄衍智算", "apposition")]),
        ("本轮由澄岳资本领投，星岚创投跟投", [("澄岳资本", "investor"), ("星岚创投", "investor")]),
        ("Halvard raised $80 million in a round led by Corrin Ventures and QXV.",
         [("Corrin Ventures", "descriptor"), ("QXV", "descriptor")]),
        ("Nvidia joined the placement alongside Fennick and Orrel Partners. Microsoft said nothing.",
         [("Fennick", "descriptor"), ("Orrel Partners", "descriptor")]),  # a full stop ends a name
    ],
)
def test_an_unknown_organization_is_found_by_its_context(fact_base: FactBase, text: str,
                                                         expected: list[tuple[str, str]]) -> None:
    found = [(name, kind, signal) for name, kind, signal in _new(fact_base, text) if kind is EntityKind.ORGANIZATION]
    assert found == [(name, EntityKind.ORGANIZATION, signal) for name, signal in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中微公司由董事长尹澄岳于2004年创办", [("尹澄岳", EntityKind.PERSON, "title")]),
        ("火山引擎总裁谭岳在发布会上表示", [("谭岳", EntityKind.PERSON, "title")]),  # not 谭岳在: a word starts at 在
        ("该公司总经理欧阳明远表示,订单饱满", [("欧阳明远", EntityKind.PERSON, "title")]),
        ("Lambda Chief Executive Stephen Okonkwo said demand was strong.",
         [("Stephen Okonkwo", EntityKind.PERSON, "title")]),
        ("Korvan Optics, a Brindlemoor-based maker of lens mounts", [("Brindlemoor", EntityKind.PLACE, "based")]),
        ("the Fernhollow, Calvada-based GPU cloud", [("Fernhollow, Calvada", EntityKind.PLACE, "based")]),
        ("将两家公司列入「关键星链零件出口管理名单」", [("关键星链零件出口管理名单", EntityKind.POLICY, "rule")]),
        ("The March 2031 rules restrict shipments.", [("March 2031 rules", EntityKind.POLICY, "rule")]),
    ],
)
def test_people_places_and_rules_are_found_by_their_context(fact_base: FactBase, text: str,
                                                            expected: list[tuple[str, EntityKind, str]]) -> None:
    assert [item for item in _new(fact_base, text) if item[1] is not EntityKind.ORGANIZATION] == expected


@pytest.mark.parametrize(("text", "new_name"), [("谷歌的TPU v9e将量产", "TPU v9e"), ("GLM-4-Plus上线", "GLM-4-Plus")])
def test_a_version_after_a_catalog_product_is_a_new_product_not_the_base(fact_base: FactBase, text: str,
                                                                         new_name: str) -> None:
    names = [(m.name, m.new) for m in _mentions(fact_base, text) if m.kind in (EntityKind.PRODUCT, EntityKind.MODEL)]
    assert names == [(new_name, True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("英伟达推出B77Q芯片", ["B77Q"]),
        ("英伟达推出H20、L20和L2,还有H29E", []),  # H29E is no product without a product word or its maker
        ("The MI977X accelerator ships this year.", ["MI977X"]),
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
     "新一轮融资,阿里巴巴和腾讯参投", "只给中国公司留下了三天", "美国半导体公司均匀市盈率为21倍",
     "中国大公司现在的动作更急迫"],
)
def test_descriptive_words_are_not_names(fact_base: FactBase, text: str) -> None:
    assert [name for name, kind, _ in _new(fact_base, text) if kind is EntityKind.ORGANIZATION] == []


def test_a_name_found_once_is_known_wherever_the_article_writes_it(fact_base: FactBase) -> None:
    text = "另一家GPU云端业者晶澜运算也在桃园设点。晶澜运算的服务器由纬颖供应。"
    found = [(m.name, m.signal) for m in _mentions(fact_base, text) if m.new]
    assert found == [("晶澜运算", "descriptor"), ("晶澜运算", "repeated")]


def test_a_listed_ticker_names_its_catalog_entity_however_it_is_written(fact_base: FactBase) -> None:
    (tsmc,) = [m for m in _mentions(fact_base, "台积电晶圆(2330)今年资本支出创新高") if m.entity_id == "tsmc"]
    assert tsmc.name == "台积电晶圆" and tsmc.signal == "ticker"


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
        # once the context makes it clear, the article means the company wherever it writes the name so
        ("Qualcomm licenses designs from Arm. Arm raised its royalty rates.", ["qualcomm", "arm", "arm"]),
        ("Qualcomm licenses designs from Arm. His arm hurt.", ["qualcomm", "arm"]),
    ],
)
def test_a_weak_alias_counts_only_in_context(text: str, linked: list[str]) -> None:
    entities = {e.id: e for e in WEAK}
    mentions = link_entities(align(text), text, AliasIndex(WEAK), entities)
    assert [m.entity_id for m in mentions if not m.new] == linked
