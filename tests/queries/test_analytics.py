"""Supply-chain analytics on the seed graph, against both stores."""

from __future__ import annotations

import doctest

import pytest

from computekg.graph.errors import EntityNotFound
from computekg.graph.model import Subgraph
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.store import GraphStore
from computekg.queries import analytics
from computekg.queries.analytics import (
    chokepoints,
    export_control_exposure,
    single_supplier_dependencies,
    top_by_degree,
    top_by_quantity,
    what_if_removed,
)
from computekg.queries.resolve import alias_index_of
from computekg.queries.supply import suppliers_of


def test_docstring_examples_run() -> None:
    assert doctest.testmod(analytics).failed == 0


def test_chokepoints(store: GraphStore) -> None:
    found = chokepoints(store, top=10)
    betweenness = [p.betweenness for p in found.by_betweenness]
    assert len(betweenness) == 10 and betweenness == sorted(betweenness, reverse=True)
    assert {"tsmc", "nvidia", "bytedance"} <= {p.entity.id for p in found.by_betweenness}
    # The A100 is the articulation point that cuts most entities off: its buyers have no other supply.
    assert found.by_separation[0].entity.id == "nvidia-a100"
    assert all(p.separates > 0 for p in found.by_separation)
    assert "nvidia-a100" in {p.entity.id for p in found.by_separation}


def test_chokepoints_are_the_same_on_every_call(store: GraphStore) -> None:
    assert chokepoints(store, top=5) == chokepoints(store, top=5)


def test_single_supplier_dependencies(store: GraphStore) -> None:
    found = {d.entity.id: d for d in single_supplier_dependencies(store)}
    assert found["nvidia"].supplier.id == "tsmc"
    assert found["tsmc"].supplier.id == "asml"
    assert found["volcano-engine"].supplier.id == "bytedance"
    assert found["high-flyer"].supplier.id == "nvidia-a100"
    assert "bytedance" not in found  # NVIDIA, Intel, domestic chips…
    assert list(found) == sorted(found)
    assert all(d.relations and all(r.evidence for r in d.relations) for d in found.values())


def test_what_if_tsmc_stops(store: GraphStore) -> None:
    impact = what_if_removed(store, "tsmc")
    cut_off = {i.entity.id for i in impact.cut_off}
    reduced = {i.entity.id for i in impact.reduced}
    # NVIDIA has no other foundry named, so NVIDIA and the buyers who only have NVIDIA chips lose all supply.
    assert {"nvidia", "nvidia-a100", "nvidia-h100", "high-flyer", "oracle", "inspur", "ingram-micro"} <= cut_off
    # ByteDance, Zhipu (through Volcano Engine) and Tencent keep domestic-chip sources.
    assert {"bytedance", "zhipu-ai", "tencent"} <= reduced
    assert "tsmc" not in cut_off | reduced
    assert cut_off.isdisjoint(reduced)
    assert all(not i.remaining_sources and i.lost_sources == ("asml",) for i in impact.cut_off)
    assert all(i.remaining_sources and i.lost_sources for i in impact.reduced)


def test_what_if_a_leaf_is_removed(store: GraphStore) -> None:
    impact = what_if_removed(store, "zhipu-ai")
    assert impact.cut_off == () and impact.reduced == ()


def test_what_if_unknown(store: GraphStore) -> None:
    with pytest.raises(EntityNotFound):
        what_if_removed(store, "no-such-foundry")


def test_exposure_to_the_2022_rules(store: GraphStore) -> None:
    found = {e.entity.id: e for e in export_control_exposure(store, "us-export-controls-2022-10")}
    direct = {i for i, e in found.items() if e.direct}
    through_cloud = {i for i, e in found.items() if not e.direct}
    assert {"bytedance", "alibaba", "baidu", "tencent", "high-flyer", "oracle", "gpu-dealers"} <= direct
    assert through_cloud == {"zhipu-ai", "01-ai", "light-year-beyond", "nio", "openai"}
    assert "deeproute-ai" not in found  # its Alibaba Cloud tenancy ended
    ordered = list(found)
    assert ordered == sorted(direct) + sorted(through_cloud)


def test_exposure_path_explains_why(store: GraphStore) -> None:
    [zhipu] = [e for e in export_control_exposure(store) if e.entity.id == "zhipu-ai"]
    [path] = zhipu.paths
    assert path.cloud is not None and path.cloud.id == "bytedance"
    assert path.policy.id == "us-export-controls-2022-10" and path.chip.id == "nvidia-a100"
    assert path.relations[0].type is RelType.RESTRICTS and path.relations[0].subject == path.policy.id
    assert [r.type for r in path.relations[-2:]] == [RelType.SUBSIDIARY_OF, RelType.PROVIDES_COMPUTE_TO]
    assert path.relations[-1].object == "zhipu-ai"
    [tencent] = [e for e in export_control_exposure(store) if e.entity.id == "tencent"]
    assert {p.chip.id for p in tencent.paths} == {"nvidia-a100", "nvidia-h800"}  # the H800 as an H100 variant


def test_nobody_is_shown_using_the_a800_the_2023_rules_named(store: GraphStore) -> None:
    assert export_control_exposure(store, "us-export-controls-2023-10") == []


def test_top_by_degree(store: GraphStore) -> None:
    top = top_by_degree(store, top=3)
    assert [r.entity.id for r in top] == ["nvidia", "nvidia-a100", "bytedance"]
    assert all(r.degree == r.in_degree + r.out_degree for r in top)
    products = top_by_degree(store, top=2, kinds={EntityKind.PRODUCT})
    assert [r.entity.id for r in products] == ["nvidia-a100", "nvidia-h100"]


def test_catalog_entries_no_fact_mentions_are_not_ranked(store: GraphStore, seed_graph: Subgraph) -> None:
    connected = {end for r in seed_graph.relations for end in (r.subject, r.object)}
    everyone = top_by_degree(store, top=len(seed_graph.entities))
    assert {r.entity.id for r in everyone} == connected and len(connected) < len(seed_graph.entities)
    index = alias_index_of(store)  # every catalog entry is still found by its name, mentioned or not
    assert all(index.resolve(entity.name).id == entity.id for entity in seed_graph.entities)


def test_top_by_quantity(store: GraphStore) -> None:
    top = top_by_quantity(store, top=3)
    # "the A100 and H800 total 10萬塊": one holding of 100,000 covering both, not 100,000 of each.
    assert [(h.holder.id, h.product.id if h.product else None, [e.id for e in h.combined], h.quantity.value)
            for h in top] == [("bytedance", None, ["nvidia-a100", "nvidia-h800"], 100000),
                              ("bytedance", "nvidia-v100", [], 100000),
                              ("oracle-ai-computing-centre", "nvidia-a100", [], 32700)]
    # 10万块 supplied and 上万块 used: the largest stated, with every fact as evidence, not their sum.
    assert [r.quantity.text for r in top[0].relations if r.quantity] == ["10萬塊", "10萬塊", "上萬塊"]


def test_generic_product_classes_are_no_chokepoints_and_stop_supply_tiers(store: GraphStore) -> None:
    points = chokepoints(store, top=10)
    assert all(not p.entity.generic for p in [*points.by_betweenness, *points.by_separation])
    tiers = suppliers_of(store, "bytedance", tiers=3)
    reached = {m.entity.id: tier.level for tier in tiers for m in tier.members}
    assert reached["chinese-domestic-ai-chips"] == 1  # listed where it is reached, marked generic
    assert "cambricon" not in reached and "biren" not in reached  # no quote ties them to ByteDance
    nvidia = next(m for m in tiers[0].members if m.entity.id == "nvidia")
    assert "A100與H800" in nvidia.relations[0].evidence[0].quote  # not the sentence about Intel CPUs


def test_top_by_quantity_of_one_product_skips_planned_facts(store: GraphStore) -> None:
    holders = [h.holder.id for h in top_by_quantity(store, product_id="nvidia-a100", top=20)]
    assert holders[:2] == ["bytedance", "oracle-ai-computing-centre"]
    assert "chatgpt" not in holders  # 約3萬塊 is only planned
    with pytest.raises(EntityNotFound):
        top_by_quantity(store, product_id="no-such-chip")
