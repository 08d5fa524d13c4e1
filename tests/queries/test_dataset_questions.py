"""Questions answered from imported datasets: compute held (Epoch, with intervals) and market-share chokepoints
(ETO), on the bundled graph with both layers laid over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import Subgraph
from computekg.graph.subgraph_ops import merge_subgraphs
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.datasets.epoch import import_epoch
from computekg.loaders.datasets.eto import import_eto
from computekg.queries.analytics import chokepoints
from computekg.queries.holdings import top_holders
from computekg.queries.market_share import share_chokepoints

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets"


@pytest.fixture(scope="module")
def store(seed_graph: Subgraph) -> MemoryStore:
    index = AliasIndex(seed_graph.entities)
    layers = (import_epoch(SHARED / "epoch-ai-chip-counts", index), import_eto(SHARED / "eto-chip-explorer", index))
    loaded = MemoryStore()
    loaded.load(merge_subgraphs(seed_graph, *(layer.graph for layer in layers)))
    return loaded


def test_the_hyperscalers_lead_by_end_2024_with_intervals(store: MemoryStore) -> None:
    top = top_holders(store, as_of="2024-12", top=5)
    assert {h.holder.id for h in top} == {"google", "microsoft", "meta", "amazon", "oracle"}
    assert all(h.h100e.p5 < h.h100e.median < h.h100e.p95 for h in top)
    assert all(r.date is not None and r.date <= "2024-12-31" for h in top for r in h.relations)
    earlier = {h.holder.id: h.h100e.median for h in top_holders(store, as_of="2023-12", top=20)}
    assert all(earlier.get(h.holder.id, 0) < h.h100e.median for h in top)  # holdings only grow with time


def test_aggregates_are_not_ranked_as_holders(store: MemoryStore) -> None:
    assert not {h.holder.id for h in top_holders(store, top=50)} & {"epoch-owners-china", "epoch-owners-other"}


def test_asmls_euv_share_is_a_chokepoint(store: MemoryStore) -> None:
    shares = share_chokepoints(store, top=200)
    euv = next(p for p in shares if p.provided.name == "EUV lithography tools")
    assert (euv.provider.id, euv.share, euv.year) == ("asml", 100.0, "2025")
    assert all(p.provider.kind == "Organization" and p.share >= 50 for p in shares)
    assert [p.share for p in shares] == sorted((p.share for p in shares), reverse=True)
    assert euv in chokepoints(store, top=200).by_share
