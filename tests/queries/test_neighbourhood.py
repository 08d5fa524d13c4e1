"""The filtered neighbourhood on the seed graph, against both stores."""

from __future__ import annotations

import doctest
from collections import Counter

import pytest

from computekg.graph.errors import EntityNotFound
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.store import Direction, GraphStore
from computekg.queries import neighbourhood as neighbourhood_module
from computekg.queries.neighbourhood import happened_by, neighbourhood


def test_docstring_examples_run() -> None:
    assert doctest.testmod(neighbourhood_module).failed == 0


@pytest.mark.parametrize(("date", "as_of", "expected"), [
    ("2023-10", "2023-09", False),
    ("2023-10", "2023-10", True),
    ("2023-10", "2023", True),
    ("2024-01", "2023", False),
    ("2023", "2023-01-01", True),
    ("2022-12-31", "2023", True),
    (None, "1999", True),
])
def test_happened_by_compares_at_the_coarser_precision(date: str | None, as_of: str, expected: bool) -> None:
    assert happened_by(date, as_of) is expected


def test_kinds_keep_only_those_kinds_besides_the_centre(store: GraphStore) -> None:
    around = neighbourhood(store, "tsmc", kinds={EntityKind.ORGANIZATION})
    assert around.entity_ids() == {"tsmc", "asml", "nvidia", "jasm", "esmc", "tsmc-nanjing", "tsmc-arizona",
                                  "visera", "xintec"}
    assert {r.type for r in around.relations} == {RelType.SUPPLIES, RelType.SUBSIDIARY_OF}
    everything = neighbourhood(store, "tsmc")
    assert {"taiwan", "nvidia-a100"} <= everything.entity_ids()


def test_kinds_drop_entities_reached_only_through_a_dropped_kind(store: GraphStore) -> None:
    # High-Flyer is two hops from TSMC, through the A100 (a Product): with only organizations kept, it goes.
    assert "high-flyer" in neighbourhood(store, "tsmc", hops=2).entity_ids()
    orgs = neighbourhood(store, "tsmc", hops=2, kinds={EntityKind.ORGANIZATION})
    assert "high-flyer" not in orgs.entity_ids()
    kinds = {e.id: e.kind for e in orgs.entities}
    assert all(kinds[r.subject] is EntityKind.ORGANIZATION and kinds[r.object] is EntityKind.ORGANIZATION
               for r in orgs.relations)


def test_as_of_drops_later_relationships_and_keeps_undated_ones(store: GraphStore) -> None:
    designs = frozenset({RelType.DESIGNS})
    before = neighbourhood(store, "nvidia", direction=Direction.DOWNSTREAM, types=designs, as_of="2023-09")
    after = neighbourhood(store, "nvidia", direction=Direction.DOWNSTREAM, types=designs, as_of="2023-10")
    # The H20, L20 and L2 were announced in October 2023, the RTX 40 SUPER cards in January 2024.
    assert {"nvidia-h20", "nvidia-l20", "nvidia-l2"}.isdisjoint(before.entity_ids())
    assert {"nvidia-h20", "nvidia-l20", "nvidia-l2"} <= after.entity_ids()
    assert "nvidia-rtx-4080-super" not in after.entity_ids()
    assert {"nvidia-a100", "nvidia-nvlink"} <= before.entity_ids()  # undated, and 2014
    assert any(r.date is None for r in before.relations)
    assert all(r.date is None or r.date[:7] <= "2023-09" for r in before.relations)


def test_since_and_as_of_make_a_date_range(store: GraphStore) -> None:
    designs = frozenset({RelType.DESIGNS})
    window = neighbourhood(store, "nvidia", direction=Direction.DOWNSTREAM, types=designs,
                           since="2023-10", as_of="2023-12")
    assert {"nvidia-h20", "nvidia-l20", "nvidia-l2"} <= window.entity_ids()  # October 2023
    assert "nvidia-rtx-4080-super" not in window.entity_ids()  # January 2024: after the range
    assert all(r.date is None or "2023-10" <= r.date[:7] <= "2023-12" for r in window.relations)
    assert any(r.date is None for r in window.relations)  # undated facts stay
    with pytest.raises(ValueError):
        neighbourhood(store, "nvidia", since="last year")


def test_as_of_must_be_a_partial_date(store: GraphStore) -> None:
    with pytest.raises(ValueError):
        neighbourhood(store, "nvidia", as_of="October 2023")


def test_min_confidence_drops_weak_relationships(store: GraphStore) -> None:
    everything = neighbourhood(store, "microsoft")
    strong = neighbourhood(store, "microsoft", min_confidence=0.8)
    assert any(r.confidence < 0.8 for r in everything.relations)
    assert strong.relations and all(r.confidence >= 0.8 for r in strong.relations)
    # Microsoft -> Athena is only planned or rumoured (0.7 and 0.8); the 0.5 competition with NVIDIA goes.
    assert ("microsoft", RelType.COMPETES_WITH, "nvidia") not in {(r.subject, r.type, r.object)
                                                                for r in strong.relations}


def test_limit_cuts_whole_groups_and_says_so(store: GraphStore) -> None:
    full = neighbourhood(store, "nvidia")
    assert not full.truncated
    groups = Counter(r.type for r in full.relations)  # one hop: each type is one group of NVIDIA's facts
    cut = neighbourhood(store, "nvidia", limit=5)
    assert cut.truncated and 0 < len(cut.relations) <= 5
    # Each type shown is shown whole, and what is shown are NVIDIA's smallest groups.
    shown = Counter(r.type for r in cut.relations)
    assert all(shown[t] == groups[t] for t in shown)
    assert max(groups[t] for t in shown) <= min(groups[t] for t in groups if t not in shown)
    assert set(cut.relations) <= set(full.relations)
    assert cut.entity_ids() == {"nvidia"} | {e for r in cut.relations for e in (r.subject, r.object)}


def test_limit_counts_only_relationships_that_pass_the_filters(store: GraphStore) -> None:
    orgs = neighbourhood(store, "nvidia", kinds={EntityKind.ORGANIZATION})
    count = len(orgs.relations)
    assert store.neighbourhood("nvidia", limit=count).truncated  # unfiltered, the same cap would cut
    capped = neighbourhood(store, "nvidia", kinds={EntityKind.ORGANIZATION}, limit=count)
    assert not capped.truncated
    assert capped.relations == orgs.relations
    assert neighbourhood(store, "nvidia", kinds={EntityKind.ORGANIZATION}, limit=count - 1).truncated


def test_unknown_entity_raises(store: GraphStore) -> None:
    with pytest.raises(EntityNotFound):
        neighbourhood(store, "no-such-entity")
