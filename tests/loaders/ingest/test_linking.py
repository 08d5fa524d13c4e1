"""Names are linked to the catalog at word boundaries; unknown companies are proposed as new."""

from __future__ import annotations

import pytest

from computekg.loaders.bundle import FactBase
from computekg.loaders.ingest.aligned import align
from computekg.loaders.ingest.linking import link_entities


def _linked(fact_base: FactBase, text: str) -> list[tuple[str, str, bool]]:
    mentions = link_entities(align(text), text, fact_base.aliases, {e.id: e for e in fact_base.entities})
    return [(m.key, m.name, m.new) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("英伟达推出L20和L2,HBM2L2与L2cache都不算", ["nvidia", "nvidia-l20", "nvidia-l2"]),
        ("T4和T40不同,GT4也不是,RTX4090更不是", ["nvidia-t4"]),
        ("The L2s and T4s shipped; the L20 did not. 3T4 is no chip.", ["nvidia-l2", "nvidia-t4", "nvidia-l20"]),
        ("It was made by TSMC.", ["tsmc"]),
    ],
)
def test_latin_names_fire_only_as_whole_tokens(fact_base: FactBase, text: str, expected: list[str]) -> None:
    assert [key for key, _, _ in _linked(fact_base, text)] == expected


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
