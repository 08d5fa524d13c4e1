"""The k shortest simple paths between two entities, shortest first, ties by their facts' ids (Yen's algorithm).

Listing every simple path and sorting them is exact but explodes around hubs: an entity with 30,000
facts puts millions of paths of five or six hops between two ordinary entities. Yen's algorithm only
ever asks for a *best* path. The k-th path leaves one of the first k-1 at some entity (the spur): it
follows that path's first steps (the root), then takes the best way on from the spur that neither
revisits the root's entities nor repeats the next step of a path already found with the same root.

The order of paths (fewer facts first, then the facts' ids compared one by one) splits over a shared
beginning: of two paths with the same first steps, the better is the one with the better rest. That is
what makes Yen's algorithm exact for it, so the answer is the same as sorting every simple path. Each
store supplies `best`: the best path from one entity to another within a number of hops, avoiding some
entities and facts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from computekg.graph.model import Relation

__all__ = ["BestPath", "Path", "k_shortest_paths", "path_entity_ids"]

Path = tuple[Relation, ...]
# best(start, target, avoided entity ids, avoided fact ids, max hops): the first path in path order, or None.
BestPath = Callable[[str, str, frozenset[str], frozenset[str], int], Path | None]


def path_entity_ids(source_id: str, relations: Sequence[Relation]) -> list[str]:
    """The entities a path from `source_id` passes through, in order (one more than its facts)."""
    ids = [source_id]
    for relation in relations:
        ids.append(relation.object if relation.subject == ids[-1] else relation.subject)
    return ids


def _order(fact_ids: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    return len(fact_ids), fact_ids


def _fact_ids(relations: Sequence[Relation]) -> tuple[str, ...]:
    return tuple(relation.id for relation in relations)


def k_shortest_paths(source_id: str, target_id: str, *, limit: int, max_hops: int, best: BestPath) -> list[Path]:
    """Up to `limit` simple paths of at most `max_hops` facts, shortest first, ties by their facts' ids.

    Empty only when there is no path: with `limit` 0 the best path is still returned, so that callers
    can tell "no path" from "none asked for" (and cut the list to `limit` themselves).
    """
    first = best(source_id, target_id, frozenset(), frozenset(), max_hops)
    if first is None:
        return []
    found = [first]
    waiting: dict[tuple[str, ...], Path] = {}  # candidates for the next place, by their facts' ids
    while len(found) < limit:
        previous = found[-1]
        entities = path_entity_ids(source_id, previous)
        for spur in range(len(previous)):
            root = _fact_ids(previous[:spur])
            taken = frozenset(path[spur].id for path in found if len(path) > spur and _fact_ids(path[:spur]) == root)
            rest = best(entities[spur], target_id, frozenset(entities[:spur]), taken, max_hops - spur)
            if rest is not None:
                path = previous[:spur] + rest
                waiting.setdefault(_fact_ids(path), path)
        if not waiting:
            break
        found.append(waiting.pop(min(waiting, key=_order)))
    return found
