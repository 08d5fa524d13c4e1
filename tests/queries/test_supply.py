"""Supply questions on the seed graph, against both stores: the answers the articles actually give."""

from __future__ import annotations

import doctest

import pytest

from computekg.graph.errors import EntityNotFound, NoPath
from computekg.graph.schema import SUPPLY_FLOW_TYPES, OrgRole, RelType
from computekg.graph.store import GraphStore
from computekg.queries import supply
from computekg.queries.supply import (
    FLOW,
    HAPPENED,
    Orientation,
    compute_sources,
    customers_of,
    distribution_channels,
    flow_ends,
    flow_graph,
    policies_restricting,
    restricted_by,
    suppliers_of,
    supply_paths,
    tenants_of,
)


def test_docstring_examples_run() -> None:
    assert doctest.testmod(supply).failed == 0


def test_flow_covers_every_schema_supply_type() -> None:
    assert set(SUPPLY_FLOW_TYPES) <= set(FLOW)
    assert FLOW[RelType.SUPPLIES] is Orientation.FORWARD
    assert FLOW[RelType.PURCHASED] is Orientation.REVERSED
    assert RelType.INVESTS_IN not in FLOW and RelType.DEVELOPS not in FLOW


def test_flow_graph_holds_happened_supply_facts_in_flow_orientation(store: GraphStore) -> None:
    graph = flow_graph(store)
    relations = [relation for _, _, relation in graph.edges(data="relation")]
    assert relations and all(r.type in FLOW and r.status in HAPPENED for r in relations)
    assert all(flow_ends(relation) == (giver, receiver) for giver, receiver, relation in graph.edges(data="relation"))
    # Product flows to its buyer; a parent's chips flow to its cloud arm.
    assert graph.has_edge("nvidia-a100", "high-flyer")
    assert graph.has_edge("bytedance", "volcano-engine")
    # Microsoft's Athena chip for OpenAI is only planned: no flow.
    assert not graph.has_edge("microsoft", "openai") or all(
        data["relation"].type is not RelType.SUPPLIES for data in graph["microsoft"]["openai"].values())


def test_supply_path_from_tsmc_to_zhipu(store: GraphStore) -> None:
    paths = supply_paths(store, "tsmc", "zhipu-ai")
    assert [e.id for e in paths[0].entities] == ["tsmc", "nvidia", "bytedance", "volcano-engine", "zhipu-ai"]
    assert [{r.type for r in hop.relations} for hop in paths[0].hops] == [
        {RelType.SUPPLIES}, {RelType.SUPPLIES}, {RelType.SUBSIDIARY_OF}, {RelType.PROVIDES_COMPUTE_TO}]
    assert [e.id for e in paths[1].entities] == ["tsmc", "nvidia-a100", "bytedance", "volcano-engine", "zhipu-ai"]
    assert [len(p.hops) for p in paths] == sorted(len(p.hops) for p in paths)
    for path in paths:
        for hop in path.hops:
            assert hop.relations and all(r.evidence for r in hop.relations)
            assert all(flow_ends(r) == (hop.giver.id, hop.receiver.id) for r in hop.relations)
            assert [r.confidence for r in hop.relations] == sorted((r.confidence for r in hop.relations),
                                                                   reverse=True)


def test_supply_path_from_asml_runs_through_tsmc_and_nvidia(store: GraphStore) -> None:
    assert [e.id for e in supply_paths(store, "asml", "nvidia")[0].entities] == ["asml", "tsmc", "nvidia"]
    first = supply_paths(store, "asml", "zhipu-ai", limit=1)
    assert len(first) == 1
    assert [e.id for e in first[0].entities][:3] == ["asml", "tsmc", "nvidia"]


def test_no_supply_flows_back_from_zhipu_to_tsmc(store: GraphStore) -> None:
    with pytest.raises(NoPath):
        supply_paths(store, "zhipu-ai", "tsmc")


def test_supply_path_respects_max_hops(store: GraphStore) -> None:
    with pytest.raises(NoPath):
        supply_paths(store, "tsmc", "zhipu-ai", max_hops=3)
    assert all(len(p.hops) <= 4 for p in supply_paths(store, "tsmc", "zhipu-ai", max_hops=4))


def test_supply_path_unknown_entity(store: GraphStore) -> None:
    with pytest.raises(EntityNotFound):
        supply_paths(store, "tsmc", "no-such-lab")


def test_suppliers_of_nvidia_are_tsmc_then_asml(store: GraphStore) -> None:
    tiers = suppliers_of(store, "nvidia")
    assert [[m.entity.id for m in tier.members] for tier in tiers] == [["tsmc"], ["asml"]]
    assert {r.type for r in tiers[0].members[0].relations} == {RelType.SUPPLIES}


def test_suppliers_of_bytedance_by_tier(store: GraphStore) -> None:
    tiers = suppliers_of(store, "bytedance")
    first = {m.entity.id for m in tiers[0].members}
    assert {"nvidia", "intel", "nvidia-a100", "nvidia-v100", "chinese-domestic-ai-chips"} <= first
    second = {m.entity.id for m in tiers[1].members}
    assert "tsmc" in second and not {"cambricon", "biren"} & second  # not through the generic class
    assert [m.entity.id for m in tiers[2].members] == ["asml"]
    ids = [m.entity.id for tier in tiers for m in tier.members]
    assert len(ids) == len(set(ids)), "an entity appears only at its nearest tier"
    assert "nvidia" not in {m.entity.id for m in tiers[1].members}


def test_customers_of_tsmc(store: GraphStore) -> None:
    tiers = customers_of(store, "tsmc", tiers=2)
    assert len(tiers) == 2
    assert {"nvidia", "nvidia-a100", "nvidia-h100", "tesla-d1"} <= {m.entity.id for m in tiers[0].members}
    assert {"bytedance", "high-flyer", "oracle", "inspur"} <= {m.entity.id for m in tiers[1].members}


def test_tiers_must_be_positive(store: GraphStore) -> None:
    with pytest.raises(ValueError):
        suppliers_of(store, "nvidia", tiers=0)


def test_volcano_engine_tenants(store: GraphStore) -> None:
    tenants = {t.entity.id: t for t in tenants_of(store, "volcano-engine")}
    assert set(tenants) == {"zhipu-ai", "nio"}
    assert tenants["zhipu-ai"].providers == ("volcano-engine",)
    assert tenants["zhipu-ai"].group_links == ()
    # The article names ByteDance (字节) for NIO's compute; the SUBSIDIARY_OF fact ties it to Volcano Engine.
    assert tenants["nio"].providers == ("bytedance",)
    assert [(r.subject, r.type, r.object) for r in tenants["nio"].group_links] == [
        ("volcano-engine", RelType.SUBSIDIARY_OF, "bytedance")]
    assert not any(t.ended for t in tenants.values())


def test_alibaba_cloud_tenants_flag_ended_ones(store: GraphStore) -> None:
    found = [(t.entity.id, t.ended) for t in tenants_of(store, "alibaba-cloud")]
    assert found == [("01-ai", False), ("light-year-beyond", False), ("deeproute-ai", True), ("nio", True)]


def test_microsoft_azure_tenant_named_at_both_levels(store: GraphStore) -> None:
    [openai] = tenants_of(store, "microsoft-azure")
    assert openai.entity.id == "openai"
    assert openai.providers == ("microsoft", "microsoft-azure")
    assert all(r.type is RelType.PROVIDES_COMPUTE_TO and r.object == "openai" for r in openai.relations)


def test_compute_sources_of_zhipu(store: GraphStore) -> None:
    sources = compute_sources(store, "zhipu-ai")
    assert [c.entity.id for c in sources.clouds] == ["bytedance", "volcano-engine"]
    chips = {c.entity.id for c in sources.chips}
    assert {"nvidia-a100", "nvidia-h800", "nvidia-v100", "leading-domestic-ai-chip"} <= chips
    designers = {d.entity.id for d in sources.designers}
    assert {"nvidia", "cambricon", "intel"} <= designers
    assert [f.entity.id for f in sources.foundries] == ["tsmc"]
    assert [e.entity.id for e in sources.equipment_makers] == ["asml"]
    layers = (sources.clouds, sources.chips, sources.designers, sources.foundries, sources.equipment_makers)
    assert all(linked.relations and linked.relations[0].evidence for layer in layers for linked in layer)


def test_compute_sources_of_anthropic_come_from_google(store: GraphStore) -> None:
    sources = compute_sources(store, "anthropic")
    # Google's compute service is named; Google Cloud joins through its SUBSIDIARY_OF fact (004-039).
    assert [c.entity.id for c in sources.clouds] == ["google", "google-cloud"]
    assert {"google-tpu", "google-tpu-v4"} == {c.entity.id for c in sources.chips}
    assert [d.entity.id for d in sources.designers] == ["google"]


def test_nvidia_distribution_channels(store: GraphStore) -> None:
    found = [(c.entity.id, c.kind) for c in distribution_channels(store, "nvidia")]
    assert found == [
        ("digital-china", OrgRole.DISTRIBUTOR), ("gpu-dealers", OrgRole.DISTRIBUTOR),
        ("ingram-micro", OrgRole.DISTRIBUTOR), ("leadtek", OrgRole.DISTRIBUTOR),
        ("inspur", OrgRole.SERVER_MAKER), ("powerleader", OrgRole.SERVER_MAKER),
    ]


def test_nvidia_channels_by_country(store: GraphStore) -> None:
    # Ingram Micro (英迈) and Leadtek (丽台) sell NVIDIA cards in China but the catalog places them in US and TW.
    assert [c.entity.id for c in distribution_channels(store, "nvidia", country="CN")] == [
        "digital-china", "gpu-dealers", "inspur", "powerleader"]
    assert [c.entity.id for c in distribution_channels(store, "nvidia", country="US")] == ["ingram-micro"]


def test_a_designer_is_not_its_own_channel(store: GraphStore) -> None:
    assert distribution_channels(store, "huawei") == []


def test_chips_the_2022_rules_restrict(store: GraphStore) -> None:
    found = restricted_by(store, "us-export-controls-2022-10")
    assert [(r.restricted.id, None) for r in found if r.base is None] == [("nvidia-a100", None),
                                                                           ("nvidia-h100", None)]
    variants = {r.restricted.id: r.base.id for r in found if r.base is not None}
    assert variants == {"nvidia-a800": "nvidia-a100", "nvidia-h800": "nvidia-h100", "nvidia-h20": "nvidia-h100",
                        "nvidia-l2": "nvidia-h100", "nvidia-l20": "nvidia-h100"}
    a800 = next(r for r in found if r.restricted.id == "nvidia-a800")
    assert [r.type for r in a800.relations] == [RelType.RESTRICTS, RelType.RESTRICTS, RelType.VARIANT_OF]


def test_chips_the_2023_rules_restrict(store: GraphStore) -> None:
    found = restricted_by(store, "us-export-controls-2023-10")
    assert [(r.restricted.id, r.base) for r in found] == [("nvidia-a800", None)]


def test_policies_restricting_the_a800(store: GraphStore) -> None:
    found = [(r.policy.id, r.base.id if r.base else None) for r in policies_restricting(store, "nvidia-a800")]
    assert found == [("us-export-controls-2022-10", "nvidia-a100"), ("us-export-controls-2023-10", None)]
    assert policies_restricting(store, "nvidia-t4") == []
    assert [r.policy.id for r in policies_restricting(store, "nvidia-h20")] == ["us-export-controls-2022-10"]
