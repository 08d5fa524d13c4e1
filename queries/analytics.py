"""What the supply chain hinges on: chokepoints, single suppliers, removals, export-control exposure, rankings.

Every measure runs with networkx over the flow graph of `computekg.queries.supply` (built from the store
through the `GraphStore` protocol), so it gives the same answer on every store. Rankings break ties by id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator

import networkx as nx
from pydantic import BaseModel, ConfigDict

from computekg.graph.model import Entity, Evidence, Quantity, Relation
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.store import GraphStore
from computekg.queries.market_share import ShareChokepoint, share_chokepoints
from computekg.queries.supply import HAPPENED, best_first, flow_graph, restricted_by, tenants_of

__all__ = [
    "Chokepoint",
    "Chokepoints",
    "SingleSupplier",
    "Impact",
    "WhatIf",
    "ExposurePath",
    "Exposure",
    "DegreeRank",
    "Holding",
    "chokepoints",
    "single_supplier_dependencies",
    "what_if_removed",
    "export_control_exposure",
    "top_by_degree",
    "top_by_quantity",
]

# Relationships by which the subject depends on the product at their object: it uses, bought, was
# trained on, builds in or resells it.
_DEPENDS_ON = frozenset({RelType.USES, RelType.PURCHASED, RelType.TRAINED_ON, RelType.INTEGRATES,
                         RelType.DISTRIBUTES})
# Relationships that hand the `product` they name to their object.
_HANDS_OVER = frozenset({RelType.SUPPLIES, RelType.PROVIDES_COMPUTE_TO})


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Chokepoint(_Frozen):
    """An entity supply runs through.

    `betweenness`: the share of shortest flow paths between other entities that pass through it (normalized
    betweenness centrality of the directed flow graph). `separates`: how many entities its removal cuts off
    from the rest of its part of the supply graph, taken undirected; 0 unless it is an articulation point.
    """

    entity: Entity
    betweenness: float
    separates: int


class Chokepoints(_Frozen):
    """The top chokepoints by each measure."""

    by_betweenness: tuple[Chokepoint, ...]
    by_separation: tuple[Chokepoint, ...]
    """Articulation points only, the most separating first."""
    by_share: tuple[ShareChokepoint, ...] = ()
    """Where a dataset gives market shares (ETO): the inputs one organization provides at least half of."""


class SingleSupplier(_Frozen):
    """An entity whose every inbound flow comes from one supplier."""

    entity: Entity
    supplier: Entity
    relations: tuple[Relation, ...]


class Impact(_Frozen):
    """How a removal touches one entity: the sources of supply it can no longer be reached from."""

    entity: Entity
    lost_sources: tuple[str, ...]
    remaining_sources: tuple[str, ...]


class WhatIf(_Frozen):
    """What removing one entity does to everyone downstream of it.

    Sources are the roots of the flow graph: entities supply leaves but never enters (ASML, designers
    with no foundry named, chips with no maker named). `cut_off` entities are reached from no source
    any more; `reduced` ones from fewer.
    """

    removed: Entity
    cut_off: tuple[Impact, ...]
    reduced: tuple[Impact, ...]


class ExposurePath(_Frozen):
    """Why an entity depends on a restricted chip: the facts from the policy to it, in order.

    The RESTRICTS facts (and VARIANT_OF facts, for a variant), the fact by which the entity or its cloud
    depends on `chip`, then, when it is exposed through `cloud`, the SUBSIDIARY_OF facts tying the provider
    the article names to that cloud and the PROVIDES_COMPUTE_TO facts.
    """

    policy: Entity
    chip: Entity
    relations: tuple[Relation, ...]
    cloud: Entity | None = None


class Exposure(_Frozen):
    """An entity that depends on chips a policy restricts; `direct` unless only through its cloud."""

    entity: Entity
    direct: bool
    paths: tuple[ExposurePath, ...]


class DegreeRank(_Frozen):
    """How many fact relationships an entity takes part in."""

    entity: Entity
    degree: int
    in_degree: int
    out_degree: int


class Holding(_Frozen):
    """How many of a product an entity holds or bought, by the largest quantity the articles state.

    Quantities are not summed: articles restate the same stock in different words. `product` is None
    when a supply fact gives a count without naming the product, and when the quantity is a combined
    total of several products: then `combined` names them ("the A100 and H800 total 10萬塊" is one
    holding of 100,000, not 100,000 of each). `relations` are every happened fact stating a quantity for
    this holder and product (or these products), largest first.
    """

    holder: Entity
    product: Entity | None
    quantity: Quantity
    relations: tuple[Relation, ...]
    combined: tuple[Entity, ...] = ()

    @property
    def what(self) -> str:
        """What is held, as a reader names it: the product, the products a combined total covers ('NVIDIA A100
        + NVIDIA H800'), or that the article names none."""
        if self.product is not None:
            return self.product.name
        return " + ".join(e.name for e in self.combined) if self.combined else "(product not named)"


def chokepoints(store: GraphStore, *, top: int = 10) -> Chokepoints:
    """The `top` entities by betweenness on the flow graph, and the `top` articulation points of the
    undirected supply graph by how many entities they separate. Generic product classes (`Entity.generic`)
    are left out of the graph: paths through a placeholder are not supply paths."""
    graph = flow_graph(store)
    flow = nx.DiGraph(graph)
    # A generic product class is no chokepoint: supply does not really pass through "Chinese domestic AI chips".
    flow.remove_nodes_from([node for node, degree in graph.degree()
                            if degree == 0 or graph.nodes[node]["entity"].generic])
    betweenness = nx.betweenness_centrality(flow)
    undirected = flow.to_undirected()
    separates = {node: _separated(undirected, node) for node in nx.articulation_points(undirected)}
    points = [
        Chokepoint(entity=graph.nodes[node]["entity"], betweenness=round(betweenness[node], 6),
                   separates=separates.get(node, 0))
        for node in flow
    ]
    return Chokepoints(
        by_betweenness=tuple(sorted(points, key=lambda p: (-p.betweenness, p.entity.id))[:top]),
        by_separation=tuple(sorted((p for p in points if p.separates), key=lambda p: (-p.separates, p.entity.id))
                            [:top]),
        by_share=tuple(share_chokepoints(store, top=top)),
    )


def single_supplier_dependencies(store: GraphStore) -> list[SingleSupplier]:
    """Entities whose every inbound flow comes from one supplier, by id, with the facts of that flow.

    Examples
    --------
    >>> from computekg.loaders.bundle import load_bundled_graph
    >>> from computekg.graph.memory_store import MemoryStore
    >>> store = MemoryStore(); _ = store.load(load_bundled_graph())
    >>> {d.entity.id: d.supplier.id for d in single_supplier_dependencies(store)}["nvidia"]
    'tsmc'
    """
    graph = flow_graph(store)
    found = []
    for node in sorted(graph):
        suppliers = set(graph.predecessors(node))
        if len(suppliers) == 1:
            (supplier,) = suppliers
            found.append(SingleSupplier(
                entity=graph.nodes[node]["entity"], supplier=graph.nodes[supplier]["entity"],
                relations=best_first(data["relation"] for data in graph[supplier][node].values()),
            ))
    return found


def what_if_removed(store: GraphStore, entity_id: str) -> WhatIf:
    """Who loses supply if `entity_id` stops: every source (see `WhatIf`), or some. Raises `EntityNotFound`.

    Examples
    --------
    >>> from computekg.loaders.bundle import load_bundled_graph
    >>> from computekg.graph.memory_store import MemoryStore
    >>> store = MemoryStore(); _ = store.load(load_bundled_graph())
    >>> lost = [impact.entity.id for impact in what_if_removed(store, "tsmc").cut_off]
    >>> "nvidia" in lost, "high-flyer" in lost, "bytedance" in lost
    (True, True, False)
    """
    removed = store.entity(entity_id)
    graph = nx.DiGraph(flow_graph(store))
    entities = dict(graph.nodes(data="entity"))
    roots = [node for node in graph if graph.in_degree(node) == 0 and graph.out_degree(node) > 0]
    before = _sources(graph, roots)
    graph.remove_node(entity_id)
    after = _sources(graph, [root for root in roots if root != entity_id])
    cut_off: list[Impact] = []
    reduced: list[Impact] = []
    for node in sorted(before.keys() - {entity_id}):
        lost = before[node] - after[node]
        if lost:
            impact = Impact(entity=entities[node], lost_sources=tuple(sorted(lost)),
                            remaining_sources=tuple(sorted(after[node])))
            (reduced if impact.remaining_sources else cut_off).append(impact)
    return WhatIf(removed=removed, cut_off=tuple(cut_off), reduced=tuple(reduced))


def export_control_exposure(store: GraphStore, policy_id: str | None = None) -> list[Exposure]:
    """Who depends on chips a policy (or any policy, when None) restricts, directly ones first, then by id.

    Direct: the entity uses, bought, was trained on, builds in or resells a restricted chip or a variant of
    one, or was supplied or provided it by a fact naming it. Through its cloud: a current tenant (see
    `tenants_of`) of a directly exposed entity; one path per cloud, through that cloud's first path.
    """
    graph = flow_graph(store)
    policies = [policy_id] if policy_id is not None else sorted(
        node for node, entity in graph.nodes(data="entity") if entity.kind is EntityKind.POLICY)
    paths: dict[str, list[ExposurePath]] = defaultdict(list)
    for policy in policies:
        for restriction in restricted_by(store, policy):
            for holder, dependency in _dependants(graph, restriction.restricted.id):
                paths[holder].append(ExposurePath(policy=restriction.policy, chip=restriction.restricted,
                                                  relations=(*restriction.relations, dependency)))
    direct = {holder: sorted(found, key=_path_order) for holder, found in paths.items()}
    for cloud in sorted(direct):
        why = direct[cloud][0]
        for tenant in tenants_of(store, cloud):
            if not tenant.ended:
                paths[tenant.entity.id].append(ExposurePath(
                    policy=why.policy, chip=why.chip, cloud=graph.nodes[cloud]["entity"],
                    relations=(*why.relations, *tenant.group_links, *tenant.relations)))
    exposures = [
        Exposure(entity=graph.nodes[node]["entity"], direct=node in direct,
                 paths=tuple(sorted(found, key=_path_order)))
        for node, found in paths.items()
    ]
    return sorted(exposures, key=lambda exposure: (not exposure.direct, exposure.entity.id))


def top_by_degree(
    store: GraphStore, *, top: int = 10, kinds: Collection[EntityKind] | None = None
) -> list[DegreeRank]:
    """The `top` entities (of `kinds`, when given) by how many fact relationships they take part in.

    Entities no fact mentions are left out: the catalog knows far more of the field than the facts do, and a
    ranking padded with them at degree 0 would say nothing.
    """
    snapshot = store.snapshot()
    in_degree: dict[str, int] = defaultdict(int)
    out_degree: dict[str, int] = defaultdict(int)
    for relation in snapshot.relations:
        out_degree[relation.subject] += 1
        in_degree[relation.object] += 1
    ranks = [
        DegreeRank(entity=entity, degree=in_degree[entity.id] + out_degree[entity.id],
                   in_degree=in_degree[entity.id], out_degree=out_degree[entity.id])
        for entity in snapshot.entities
        if (kinds is None or entity.kind in kinds) and in_degree[entity.id] + out_degree[entity.id]
    ]
    return sorted(ranks, key=lambda rank: (-rank.degree, rank.entity.id))[:top]


def top_by_quantity(store: GraphStore, *, product_id: str | None = None, top: int = 10) -> list[Holding]:
    """Who holds or bought the most chips (of `product_id`, when given), from the quantities stated on happened
    USES and PURCHASED facts (the subject holds the object) and SUPPLIES facts (the buyer got the product).

    Examples
    --------
    >>> from computekg.loaders.bundle import load_bundled_graph
    >>> from computekg.graph.memory_store import MemoryStore
    >>> store = MemoryStore(); _ = store.load(load_bundled_graph())
    >>> [(h.holder.id, h.quantity.text) for h in top_by_quantity(store, product_id="nvidia-h100")]
    [('google-compute-engine-a3', '2.6萬塊'), ('oracle', '數萬塊'), ('nvidia-dgx-cloud', '8个')]
    """
    if product_id is not None:
        store.entity(product_id)
    snapshot = store.snapshot()
    entities = {entity.id: entity for entity in snapshot.entities}
    stated: dict[tuple[str, str | None], list[Relation]] = defaultdict(list)
    for relation in snapshot.relations:
        if relation.quantity is None or relation.status not in HAPPENED:
            continue
        if relation.type in (RelType.USES, RelType.PURCHASED):
            key = (relation.subject, relation.object)
        elif relation.type is RelType.SUPPLIES:
            key = (relation.object, relation.product)
        else:
            continue
        if product_id is None or key[1] == product_id:
            stated[key].append(relation)
    holdings = []
    for products, facts in _combined(stated).items():
        facts.sort(key=lambda fact: (-_count(fact), fact.id))
        holder, named = products[0][0], [p for _, p in products if p]
        single = len(products) == 1
        holdings.append(Holding(holder=entities[holder], product=entities[named[0]] if single and named else None,
                                quantity=facts[0].quantity, relations=tuple(facts),
                                combined=() if single else tuple(entities[p] for p in named)))
    return sorted(holdings, key=lambda h: (-h.quantity.value, h.holder.id, h.product.id if h.product else "",
                                           tuple(e.id for e in h.combined)))[:top]


def _combined(stated: dict[tuple[str, str | None], list[Relation]]
              ) -> dict[tuple[tuple[str, str | None], ...], list[Relation]]:
    """Holdings of one holder whose largest quantities are one stated total: the same wording from the same
    sentence of the same article ("字節到貨和沒到貨的A100與H800總計有10萬塊" on both the A100 and the H800
    fact) merge into one, keyed by every (holder, product) they cover."""
    def statement(facts: list[Relation]) -> tuple[str, str, frozenset[tuple[str, ...]]]:
        largest = max(facts, key=lambda fact: (_count(fact), fact.id))
        quantity = largest.quantity.text if largest.quantity else ""
        return largest.subject if largest.type is not RelType.SUPPLIES else largest.object, quantity, frozenset(
            (e.source_id, e.quote) if isinstance(e, Evidence) else e.identity() for e in largest.evidence)

    groups: dict[tuple[str, str], list[tuple[tuple[str, str | None], frozenset[tuple[str, ...]]]]] = defaultdict(list)
    for key, facts in stated.items():
        holder, quantity, quotes = statement(facts)
        groups[holder, quantity].append((key, quotes))
    merged: dict[tuple[tuple[str, str | None], ...], list[Relation]] = {}
    for members in groups.values():
        while members:
            key, quotes = members.pop(0)
            together = [key] + [other for other, other_quotes in members if other_quotes & quotes]
            members = [(other, q) for other, q in members if other not in together]
            merged[tuple(sorted(together, key=lambda k: (k[0], k[1] or "")))] = list(
                {r.id: r for k in together for r in stated[k]}.values())
    return merged


def _count(relation: Relation) -> float:
    return relation.quantity.value if relation.quantity else 0.0


def _separated(undirected: nx.Graph, node: str) -> int:
    """How many entities of `node`'s component are outside the largest piece left when it is removed."""
    rest = undirected.subgraph(nx.node_connected_component(undirected, node) - {node})
    sizes = [len(piece) for piece in nx.connected_components(rest)]
    return sum(sizes) - max(sizes)


def _sources(graph: nx.DiGraph, roots: list[str]) -> dict[str, set[str]]:
    """For each entity, the roots it is reached from."""
    reached: dict[str, set[str]] = defaultdict(set)
    for root in roots:
        for node in nx.descendants(graph, root):
            reached[node].add(root)
    return reached


def _dependants(graph: nx.MultiDiGraph, chip: str) -> Iterator[tuple[str, Relation]]:
    """(entity, fact) for every fact by which an entity depends on `chip` directly."""
    for _, receiver, relation in graph.out_edges(chip, data="relation"):
        if relation.type in _DEPENDS_ON:
            yield receiver, relation
    for _, receiver, relation in graph.edges(data="relation"):
        if relation.type in _HANDS_OVER and relation.product == chip:
            yield receiver, relation


def _path_order(path: ExposurePath) -> tuple[int, str, str, tuple[str, ...]]:
    return len(path.relations), path.policy.id, path.chip.id, tuple(r.id for r in path.relations)
