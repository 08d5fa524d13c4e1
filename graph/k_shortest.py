"""The k shortest routes between two entities, shortest first, ties by their facts' ids (Yen's algorithm).

A route is a sequence of entities; the facts between two entities of it (two articles saying that TSMC
makes NVIDIA's chips, or a SUPPLIES and a PARTNERS_WITH between the same two companies) are one hop and
that hop's evidence, not several routes. A route stands for itself by its *first* facts: the fact with
the smallest id on each hop. Routes are ordered by their number of hops, then by those facts' ids
compared one by one.

Listing every simple route and sorting them is exact but explodes around hubs: an entity with 30,000
facts puts millions of routes of five or six hops between two ordinary entities. Yen's algorithm only
ever asks for a *best* route. The k-th route leaves one of the first k-1 at some entity (the spur): it
follows that route's first steps (the root), then takes the best way on from the spur that neither
revisits the root's entities nor steps next to an entity that a route already found with the same root
steps to.

The order of routes splits over a shared beginning: of two routes with the same first steps, the better
is the one with the better rest. That is what makes Yen's algorithm exact for it, so the answer is the
same as sorting every simple route. Each store supplies `best`: the best route from one entity to
another within a number of hops, avoiding some entities, and some entities as the first step; its facts
are the route's first facts (the best path over facts is the best route, walked by its first facts).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from computekg.graph.model import Relation

__all__ = ["BestPath", "Path", "k_shortest_paths", "path_entity_ids"]

# A route walked by its first facts, one per hop.
Path = tuple[Relation, ...]
# best(start, target, avoided entity ids, entity ids not to step to first, max hops): the first route in
# route order, walked by its first facts, or None.
BestPath = Callable[[str, str, frozenset[str], frozenset[str], int], Path | None]


def path_entity_ids(source_id: str, relations: Sequence[Relation]) -> list[str]:
    """The entities a path from `source_id` passes through, in order (one more than its facts)."""
    ids = [source_id]
    for relation in relations:
        ids.append(relation.object if relation.subject == ids[-1] else relation.subject)
    return ids


def _order(path: Path) -> tuple[int, tuple[str, ...]]:
    return len(path), tuple(relation.id for relation in path)


def k_shortest_paths(source_id: str, target_id: str, *, limit: int, max_hops: int, best: BestPath) -> list[Path]:
    """Up to `limit` simple routes of at most `max_hops` hops, shortest first, ties by their first facts' ids.

    Empty only when there is no route: with `limit` 0 the best route is still returned, so that callers
    can tell "no path" from "none asked for" (and cut the list to `limit` themselves).
    """
    first = best(source_id, target_id, frozenset(), frozenset(), max_hops)
    if first is None:
        return []
    found = [first]
    routes = [tuple(path_entity_ids(source_id, first))]
    waiting: dict[tuple[str, ...], Path] = {}  # candidates for the next place, by their routes
    while len(found) < limit:
        previous, entities = found[-1], routes[-1]
        for spur in range(len(previous)):
            root = entities[: spur + 1]
            stepped_to = frozenset(route[spur + 1] for route in routes if route[: spur + 1] == root)
            rest = best(entities[spur], target_id, frozenset(root[:-1]), stepped_to, max_hops - spur)
            if rest is not None:
                path = previous[:spur] + rest
                waiting.setdefault(tuple(path_entity_ids(source_id, path)), path)
        if not waiting:
            break
        route = min(waiting, key=lambda r: _order(waiting[r]))
        found.append(waiting.pop(route))
        routes.append(route)
    return found
