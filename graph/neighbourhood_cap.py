"""How a capped neighbourhood chooses what to show: whole groups of facts, the smallest groups first.

A neighbourhood traversal reaches, at each hop, the facts of every frontier entity. A group is the
facts of one type at one entity (in the direction traversed) not reached at an earlier hop. When the
cap cannot hold them all,
groups are taken whole, smallest first, while they fit; the answer is marked truncated, and the
traversal stops there, so nearer facts always come before farther ones.

Why groups rather than "the first `limit` facts by id": the latter needs the id of every fact at
the hop to pick the first ones, which around a hub means reading tens of thousands of relationships
for a few hundred shown; group sizes are degrees, which Neo4j keeps per type for dense nodes, so the
choice costs nothing and only the facts shown are read. It also shows analysts something complete:
all of an entity's suppliers, say, rather than an arbitrary slice of its 30,000 tenants. Both stores
apply this rule, so they give the same answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from computekg.graph.model import Relation
from computekg.graph.schema import RelType
from computekg.graph.store import Direction

__all__ = ["FactGroup", "groups_that_fit", "reached_at"]


@dataclass(frozen=True, order=True)
class FactGroup:
    """The `size` facts of type `type` at entity `entity` (ordered by size, then entity, then type)."""

    size: int
    entity: str
    type: RelType


def groups_that_fit(groups: Iterable[FactGroup], budget: int) -> tuple[list[FactGroup], bool]:
    """The smallest non-empty groups whose sizes add up to at most `budget`, and whether any was left out."""
    chosen: list[FactGroup] = []
    for group in sorted(g for g in groups if g.size > 0):
        if group.size > budget:
            return chosen, True  # every later group is at least as big
        chosen.append(group)
        budget -= group.size
    return chosen, False


def reached_at(frontier: Collection[str], reached: Iterable[Relation],
               direction: Direction) -> Counter[tuple[str, RelType]]:
    """How many facts of each group at the `frontier` were already reached, to leave out of its size."""
    counts: Counter[tuple[str, RelType]] = Counter()
    for relation in reached:
        if direction is not Direction.UPSTREAM and relation.subject in frontier:
            counts[relation.subject, relation.type] += 1
        if direction is not Direction.DOWNSTREAM and relation.object in frontier:
            counts[relation.object, relation.type] += 1
    return counts
