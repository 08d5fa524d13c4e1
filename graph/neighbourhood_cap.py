"""How a capped neighbourhood chooses what to show: whole groups of facts, the smallest groups first.

A neighbourhood traversal reaches, at each hop, the facts of every frontier entity. A group is the
facts of one type at one entity (in the direction traversed) not reached at an earlier hop. When the
cap cannot hold them all, groups are taken whole, smallest first, while they fit; the answer is marked
truncated, and the traversal stops there, so nearer facts always come before farther ones.

Why groups rather than "the first `limit` facts by id": the latter needs the id of every fact at
the hop to pick the first ones, which around a hub means reading tens of thousands of relationships
for a few hundred shown; group sizes are degrees, which Neo4j keeps per type for dense nodes, so the
choice costs nothing and only the facts shown are read. It also shows analysts something complete:
all of an entity's suppliers, say, rather than an arbitrary slice of its 30,000 tenants. Both stores
traverse with `capped_traversal` and differ only in how they count and read groups, so they give the
same answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace

from computekg.graph.model import Relation
from computekg.graph.schema import RelType
from computekg.graph.store import Direction

__all__ = ["FactGroup", "capped_traversal", "groups_that_fit"]


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


def capped_traversal(
    centre: str,
    *,
    hops: int,
    limit: int,
    direction: Direction,
    group_sizes: Callable[[list[str]], Iterable[FactGroup]],
    group_facts: Callable[[list[FactGroup]], Iterable[Relation]],
) -> tuple[list[Relation], bool]:
    """The facts a capped neighbourhood of `centre` shows, by hop then id, and whether the cap left any out.

    `group_sizes(frontier)` gives every group at those entities with its whole size (the facts already
    shown are subtracted here); `group_facts(chosen)` reads the facts of the chosen groups.
    """
    reached: dict[str, tuple[int, Relation]] = {}
    seen, frontier = {centre}, [centre]
    truncated = False
    for hop in range(1, hops + 1):
        if not frontier:
            break
        shown = _reached_at(set(frontier), (relation for _, relation in reached.values()), direction)
        groups = [replace(group, size=group.size - shown[group.entity, group.type])
                  if (group.entity, group.type) in shown else group for group in group_sizes(frontier)]
        chosen, cut = groups_that_fit(groups, limit - len(reached))
        truncated |= cut
        ends: set[str] = set()
        for relation in group_facts(chosen) if chosen else ():
            reached.setdefault(relation.id, (hop, relation))
            ends.update(far_ends(relation, direction))
        frontier = [] if cut else sorted(ends - seen)  # a hop that left facts out is the last one
        seen |= ends
    return [relation for _, relation in sorted(reached.values(), key=lambda item: (item[0], item[1].id))], truncated


def far_ends(relation: Relation, direction: Direction) -> tuple[str, ...]:
    """The ends a traversal in `direction` may step to along `relation`."""
    if direction is Direction.DOWNSTREAM:
        return (relation.object,)
    if direction is Direction.UPSTREAM:
        return (relation.subject,)
    return relation.subject, relation.object


def _reached_at(frontier: Collection[str], reached: Iterable[Relation],
                direction: Direction) -> Counter[tuple[str, RelType]]:
    """How many facts of each group at the `frontier` were already reached, to leave out of its size."""
    counts: Counter[tuple[str, RelType]] = Counter()
    for relation in reached:
        if direction is not Direction.UPSTREAM and relation.subject in frontier:
            counts[relation.subject, relation.type] += 1
        if direction is not Direction.DOWNSTREAM and relation.object in frontier:
            counts[relation.object, relation.type] += 1
    return counts
