"""Names are linked to the catalog at word boundaries; unknown companies are proposed as new."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from computekg.loaders.bundle import FactBase
from computekg.loaders.ingest import new_entities
from computekg.loaders.ingest.aligned import align
from computekg.loaders.ingest.linking import link_entities


def _linked(fact_base: FactBase, text: str) -> list[tuple[str, str, bool]]:
    mentions = link_entities(align(text), text, fact_base.aliases, {e.id: e for e in fact_base.entities})
    return [(m.key, m.name, m.new) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("英伟达推出L20和L2,HBM2L2与L2cache都不算", ["nvidia", "nvidia-l20", "nvidia-l2"]),
        # T4 never fires inside T40, GT4 or RTX4090 (which is a catalog product of its own).
        ("T4和T40不同,GT4也不是,RTX4090更不是", ["nvidia-t4", "nvidia-rtx-4090"]),
        ("The L2s and T4s shipped; the L20 did not. 3T4 is no chip.", ["nvidia-l2", "nvidia-t4", "nvidia-l20"]),
        ("It was made by TSMC.", ["tsmc"]),
    ],
)
def test_latin_names_fire_only_as_whole_tokens(fact_base: FactBase, text: str, expected: list[str]) -> None:
    assert [key for key, _, new in _linked(fact_base, text) if not new] == expected


def test_mentions_keep_the_name_as_written_in_any_script(fact_base: FactBase) -> None:
    text = "字節跳動向英偉達訂購了ＧＰＵ"
    assert _linked(fact_base, text) == [("bytedance", "字節跳動", False), ("nvidia", "英偉達", False),
                                        ("gpu", "ＧＰＵ", False)]


@pytest.mark.parametrize(
    ("text", "new"),
    [
        ("一家叫深算科技的公司囤了一批芯片", ["深算科技"]),
        ("星河半导体有限公司与英伟达合作", ["星河半导体有限公司"]),
        ("Acme Compute Inc. and Blue River Technologies signed a deal with Nvidia Corp.", ["Acme Compute Inc.",
                                                                                         "Blue River Technologies"]),
        ("国内科技公司和创业公司都在发展人工智能,子公司也是", []),
    ],
)
def test_unknown_organizations_are_flagged_new(fact_base: FactBase, text: str, new: list[str]) -> None:
    assert [name for _, name, is_new in _linked(fact_base, text) if is_new] == new


# Suffix words and their pieces among filler characters, so runs of every length lead up to a suffix.
_NAME_PIECES = [*new_entities._ZH_SUFFIX_WORDS, *"股份有限责任公司集团", *"声中国的智a ,。" * 3,
                "声中国", "声中国的声中国的声"]
_NAME_TEXT = st.lists(st.sampled_from(_NAME_PIECES), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_NAME_TEXT)
def test_name_scanner_finds_what_the_name_regex_finds(text: str) -> None:
    """The scanner jumps between suffix words; it must find exactly the leftmost-shortest regex matches."""
    regex = re.compile(rf"(?P<prefix>[\u4e00-\u9fff]{{2,10}}?)(?P<suffix>{new_entities._ZH_SUFFIX}+)")
    expected = [(m.start(), m.start("suffix"), m.end()) for m in regex.finditer(text)]
    assert list(new_entities._name_matches(text)) == expected


@settings(max_examples=300, deadline=None)
@given(text=_NAME_TEXT)
def test_suffix_starts_include_overlapping_words(text: str) -> None:
    lookahead = re.compile(rf"(?={new_entities._ZH_SUFFIX})")
    assert [m.start() for m in new_entities._ZH_SUFFIX_START.finditer(text)] == \
        [m.start() for m in lookahead.finditer(text)]


_ENGLISH_SUFFIXES = ["Technologies", "Technology", "Semiconductor", "Semiconductors", "Systems", "Lab", "Labs",
                     "Computing", "Holdings", "Group", "Capital", "Ventures", "Networks", "Robotics",
                     "Microelectronics", "Electronics", "Inc", "Inc.", "Ltd", "Ltd.", "Limited", "Corp", "Corp.",
                     "Corporation", "Co.", "LLC", "GmbH", "PLC", "plc"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from([*_ENGLISH_SUFFIXES, "Acme", "Big", "the", " ", "芯片", "。"]), max_size=8))
def test_english_prefilter_never_hides_a_name(words: list[str]) -> None:
    text = " ".join(words)
    if new_entities._EN_NAME.search(text):
        assert new_entities._may_name_english(text)
