"""Any name, in any script, case or width, resolves to one entity; text scanning respects word boundaries."""

from __future__ import annotations

import pytest

from computekg.graph.errors import EntityNotFound
from computekg.graph.model import Entity
from computekg.graph.schema import EntityKind
from computekg.loaders.alias_index import AliasIndex, AmbiguousName
from computekg.loaders.bundle import read_fact_base


@pytest.fixture(scope="module")
def index() -> AliasIndex:
    return read_fact_base().aliases


@pytest.mark.parametrize(
    ("names", "entity_id"),
    [
        (["台积电", "TSMC", "台積電", "tsmc", "ＴＳＭＣ"], "tsmc"),
        (["字节", "字節", "字节跳动", "ByteDance"], "bytedance"),
        (["火山云", "火山引擎", "Volcano Engine"], "volcano-engine"),
        (["浪潮", "海潮", "Inspur"], "inspur"),
        (["baidu", "百度", "Baidu"], "baidu"),
        (["Authropic", "Anthropic"], "anthropic"),
        (["英伟达", "英偉達", "NVIDIA", "nvidia"], "nvidia"),
        (["A800", "a800"], "nvidia-a800"),
        (["阿里云", "阿里雲"], "alibaba-cloud"),
        (["智谱", "零一万物"], None),
    ],
)
def test_every_alias_resolves_to_one_entity(index: AliasIndex, names: list[str], entity_id: str | None) -> None:
    resolved = {index.resolve(name).id for name in names}
    assert len(resolved) == len(names) if entity_id is None else resolved == {entity_id}


@pytest.mark.parametrize("name", ["Nvidea", "英伟达公司X"])
def test_unknown_name_lists_candidates(index: AliasIndex, name: str) -> None:
    with pytest.raises(EntityNotFound) as caught:
        index.resolve(name)
    assert "nvidia" in caught.value.candidates


@pytest.mark.parametrize(("typo", "meant"), [("台机电", "tsmc"), ("臺機電", "tsmc"), ("智普", "zhipu-ai"),
                                             ("英伟大", "nvidia"), ("Nvidea", "nvidia"), ("字节挑动", "bytedance")])
def test_a_one_character_typo_offers_the_entity(index: AliasIndex, typo: str, meant: str) -> None:
    assert meant in index.candidates(typo)


def test_candidates_that_contain_the_name_come_before_typos_and_lookalikes() -> None:
    index = AliasIndex([Entity(id="abcd-corp", kind=EntityKind.ORGANIZATION, name="ABCD Corp"),
                        Entity(id="abxd", kind=EntityKind.ORGANIZATION, name="ABXD"),
                        Entity(id="abdc", kind=EntityKind.ORGANIZATION, name="ABDC")])
    assert index.candidates("abcd") == ("abcd-corp", "abxd", "abdc")  # contains, one typo, alike
    assert index.candidates("q") == ()  # one character is no typo of anything


def test_ambiguous_name_is_reported() -> None:
    twins = AliasIndex([Entity(id="a", kind=EntityKind.ORGANIZATION, name="Twin"),
                        Entity(id="b", kind=EntityKind.ORGANIZATION, name="TWIN")])
    with pytest.raises(AmbiguousName) as caught:
        twins.resolve("twin")
    assert caught.value.candidates == ("a", "b")


def test_lookup_answers_as_resolve_does_without_raising() -> None:
    twins = AliasIndex([Entity(id="a", kind=EntityKind.ORGANIZATION, name="Twin"),
                        Entity(id="b", kind=EntityKind.ORGANIZATION, name="TWIN"),
                        Entity(id="solo", kind=EntityKind.ORGANIZATION, name="Solo Corp", aliases=["独奏"])])
    for name in ("Solo Corp", "ＳＯＬＯ ｃｏｒｐ", "独奏", "solo", "a"):
        assert twins.lookup(name) == twins.resolve(name)
    assert twins.lookup("twin") is None  # ambiguous: resolve raises AmbiguousName
    assert twins.lookup("Solo Crop") is None  # unknown: resolve raises EntityNotFound


def test_latin_names_match_only_whole_tokens() -> None:
    index = AliasIndex([Entity(id="nvidia-l2", kind=EntityKind.PRODUCT, name="L2"),
                        Entity(id="nvidia-l20", kind=EntityKind.PRODUCT, name="L20"),
                        Entity(id="nvidia", kind=EntityKind.ORGANIZATION, name="NVIDIA", name_zh="英伟达")])
    found = [m.entity_id for m in index.find_mentions("英伟达推出L20和L2,HBM2L2不算,L2cache也不算")]
    assert found == ["nvidia", "nvidia-l20", "nvidia-l2"]


def test_longest_match_wins(index: AliasIndex) -> None:
    found = [m.entity_id for m in index.find_mentions("字节跳动的火山引擎")]
    assert found == ["bytedance", "volcano-engine"]


LISTED = [
    Entity(id="tsmc", kind=EntityKind.ORGANIZATION, name="TSMC", tickers=("TWSE:2330", "NYSE:TSM")),
    Entity(id="tencent", kind=EntityKind.ORGANIZATION, name="Tencent", tickers=("HKEX:0700",)),
    Entity(id="cambricon", kind=EntityKind.ORGANIZATION, name="Cambricon", tickers=("SSE:688256",)),
    Entity(id="servicenow", kind=EntityKind.ORGANIZATION, name="ServiceNow", tickers=("NYSE:NOW",)),
    Entity(id="nvidia", kind=EntityKind.ORGANIZATION, name="NVIDIA", tickers=("NASDAQ:NVDA",)),
]


@pytest.mark.parametrize(
    ("printed", "entity_id"),
    [("2330-TW", "tsmc"), ("2330.TW", "tsmc"), ("TSM-US", "tsmc"), ("NYSE: TSM", "tsmc"), ("0700.HK", "tencent"),
     ("00700.HK", "tencent"), ("700.HK", "tencent"), ("688256.SH", "cambricon"), ("688256.SS", "cambricon"),
     ("NVDA", "nvidia"), ("TSM", "tsmc"), ("NVDA-US", "nvidia"), ("Nasdaq: NVDA", "nvidia"), ("NOW-US", "servicenow")],
)
def test_a_ticker_resolves_in_the_forms_news_prints_it(printed: str, entity_id: str) -> None:
    assert AliasIndex(LISTED).resolve(printed).id == entity_id


@pytest.mark.parametrize("word", ["NOW", "now", "2330", "0700"])
def test_bare_codes_and_word_symbols_are_not_names(word: str) -> None:
    with pytest.raises(EntityNotFound):
        AliasIndex(LISTED).resolve(word)


def test_a_ticker_in_an_english_sentence_is_a_mention_and_a_word_symbol_is_not() -> None:
    found = AliasIndex(LISTED).find_mentions("Shares of NVDA rose; TSMC (2330.TW) fell, and now ServiceNow too.")
    assert [(m.entity_id, m.alias) for m in found] == [
        ("nvidia", "nvda"), ("tsmc", "tsmc"), ("tsmc", "2330.tw"), ("servicenow", "servicenow")]


@pytest.mark.parametrize(("code", "entity_id"), [("2330", "tsmc"), ("00700", "tencent"), ("0700", "tencent"),
                                                 ("688256", "cambricon"), ("1234", None)])
def test_a_bare_code_finds_its_listing(code: str, entity_id: str | None) -> None:
    found = AliasIndex(LISTED).by_ticker_code(code)
    assert (found.id if found else None) == entity_id


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [("Memphis, Tennessee", "memphis"), ("Austin, Texas", "austin"), ("Hsinchu, Taiwan", "hsinchu")],
)
def test_a_city_qualified_by_its_region_is_the_city(index: AliasIndex, name: str, entity_id: str) -> None:
    assert index.resolve(name).id == entity_id


@pytest.mark.parametrize("name", ["Nvidia, Tennessee", "Memphis, Nvidia", "Memphis, Tennessee, US"])
def test_only_two_places_make_a_qualified_place(index: AliasIndex, name: str) -> None:
    with pytest.raises(EntityNotFound):
        index.resolve(name)
