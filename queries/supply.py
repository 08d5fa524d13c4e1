"""The flow of equipment, chips and compute: who supplies whom, and which sentences say so.

Relationship types point the way the schema states them (a buyer PURCHASED a chip), which is not always
the way goods move (the chip moves to the buyer). `FLOW` says, for every type that carries supply, which
way goods move; the questions here follow relationships in that orientation only, so a path from TSMC
to Zhipu never comes back from Zhipu to TSMC.

Only facts stated as having happened (ongoing, or since ended) carry supply: a planned, rumoured or
denied fact is not a flow. Every answer carries the relationships, and so the evidence, behind it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from itertools import pairwise
from types import MappingProxyType
from typing import Protocol, runtime_checkable

import networkx as nx
from pydantic import BaseModel, ConfigDict

from computekg.graph.errors import NoPath
from computekg.graph.model import Entity, Relation, article_evidence
from computekg.graph.schema import EntityKind, FactStatus, OrgRole, ProductKind, RelType
from computekg.graph.store import Direction, GraphStore
from computekg.loaders.normalize import normalize_for_matching
from computekg.queries.neighbourhood import UNCAPPED

__all__ = [
    "Orientation",
    "FLOW",
    "HAPPENED",
    "carries_supply",
    "flow_ends",
    "flow_graph",
    "FlowStore",
    "best_first",
    "most_direct_first",
    "Linked",
    "SupplyHop",
    "SupplyPath",
    "Tier",
    "Tenant",
    "ComputeSources",
    "Channel",
    "Restriction",
    "supply_paths",
    "suppliers_of",
    "customers_of",
    "tenants_of",
    "compute_sources",
    "distribution_channels",
    "restricted_by",
    "policies_restricting",
]


class Orientation(StrEnum):
    """Which way goods move along a relationship, relative to how it is stated."""

    FORWARD = "forward"  # the subject gives to the object
    REVERSED = "reversed"  # the object gives to the subject


# Every relationship type that carries supply, and which way. Types left out carry none: DEVELOPS is
# authorship, not a hand-over; INVESTS_IN moves money; PARTNERS_WITH and COMPETES_WITH have no direction;
# RESTRICTS, ISSUED_BY, LOCATED_IN and LEADS are about rules, places and people.
FLOW: Mapping[RelType, Orientation] = MappingProxyType({
    # A seller hands goods (the `product`, when named) to a buyer: NVIDIA -> ByteDance.
    RelType.SUPPLIES: Orientation.FORWARD,
    # What a foundry or maker produces comes out of it: TSMC -> A100, ASML -> lithography machines.
    RelType.MANUFACTURES: Orientation.FORWARD,
    # A chip reaches the market through its designer, who sells what the foundry makes: NVIDIA -> A100.
    RelType.DESIGNS: Orientation.FORWARD,
    # A cloud, computing centre or compute service gives compute to its tenant: Volcano Engine -> Zhipu.
    RelType.PROVIDES_COMPUTE_TO: Orientation.FORWARD,
    # An operator procures for the facility, cluster or service it runs, so what it gets flows into it.
    RelType.OPERATES: Orientation.FORWARD,
    # The buyer receives the product it bought: A100 -> High-Flyer.
    RelType.PURCHASED: Orientation.REVERSED,
    # Whoever uses a chip (an organization, facility, cluster, model, or a product built around a part)
    # received it: A100 -> ByteDance, NVLink -> H100.
    RelType.USES: Orientation.REVERSED,
    # A model receives the compute of the chips, clusters or centres it was trained on: V100 -> GPT-3.
    RelType.TRAINED_ON: Orientation.REVERSED,
    # A server maker receives the chips it builds into the systems it sells on: NVIDIA GPUs -> Inspur.
    RelType.INTEGRATES: Orientation.REVERSED,
    # A distributor receives the products it resells; like a server maker it stands between the designer
    # and the buyers: NVIDIA -> NVIDIA GPUs -> Ingram Micro, not Ingram Micro -> NVIDIA GPUs.
    RelType.DISTRIBUTES: Orientation.REVERSED,
    # A parent's chips flow to its subsidiary (ByteDance's GPUs are what Volcano Engine rents out). Only
    # this way: both ways would make every group a loop that supplies itself.
    RelType.SUBSIDIARY_OF: Orientation.REVERSED,
    # A variant is made from its base's design, so whatever feeds the base feeds it: A100 -> A800.
    RelType.VARIANT_OF: Orientation.REVERSED,
})

# Statuses of facts that carry supply: stated as having happened (None), or as having happened and ended.
HAPPENED: frozenset[FactStatus | None] = frozenset({None, FactStatus.ENDED})


def carries_supply(relation: Relation) -> bool:
    """A happened fact that an article or a dataset states.

    A fact the catalog alone records (a parent, reference data) says who owns whom, not where a group's chips
    go: ASML's subsidiary Cymer makes ASML's light sources rather than buying its scanners. So it ties no group
    together and carries no supply; it still answers ownership questions (the neighbourhood, subsidiaries).
    `Neo4jStore`'s oriented queries apply the same rule in Cypher.
    """
    return relation.status in HAPPENED and any(evidence.kind != "catalog" for evidence in relation.evidence)

_FORWARD = frozenset(t for t, orientation in FLOW.items() if orientation is Orientation.FORWARD)
_REVERSED = frozenset(t for t, orientation in FLOW.items() if orientation is Orientation.REVERSED)

# Products that compute, as opposed to software, cloud services or parts. A family counts: articles often
# name only the line ('Google TPU', '昇腾', '思元芯片') and that is still the chip a holder relies on.
_COMPUTE_HARDWARE = frozenset({ProductKind.CHIP, ProductKind.FAMILY, ProductKind.SERVER, ProductKind.CLUSTER})
# Organizations through which a designer's products reach buyers.
_CHANNEL_ROLES = (OrgRole.DISTRIBUTOR, OrgRole.SERVER_MAKER)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Linked(_Frozen):
    """An entity in an answer, with the relationships (best supported first) that put it there."""

    entity: Entity
    relations: tuple[Relation, ...]


class SupplyHop(_Frozen):
    """One step of supply: every happened fact by which `giver` gives to `receiver`, best supported first."""

    giver: Entity
    receiver: Entity
    relations: tuple[Relation, ...]


class SupplyPath(_Frozen):
    """A chain of supply hops, each receiver the next hop's giver."""

    hops: tuple[SupplyHop, ...]

    @property
    def entities(self) -> tuple[Entity, ...]:
        return (self.hops[0].giver, *(hop.receiver for hop in self.hops))


class Tier(_Frozen):
    """The entities `level` supply steps away (1: direct suppliers or customers), each at its nearest level."""

    level: int
    members: tuple[Linked, ...]


class Tenant(_Frozen):
    """An organization a cloud provides compute to.

    `providers` are whom the articles name as provider: the cloud itself, or its parent or subsidiary (an
    article often names ByteDance for compute sold by its cloud arm Volcano Engine). `group_links` are the
    SUBSIDIARY_OF facts that tie such a provider to the cloud asked about. `ended` when every fact about
    the tenancy says it ended.
    """

    entity: Entity
    providers: tuple[str, ...]
    ended: bool
    relations: tuple[Relation, ...]
    group_links: tuple[Relation, ...] = ()


class ComputeSources(_Frozen):
    """Where an AI lab's compute comes from, one layer per step up the supply chain."""

    lab: Entity
    clouds: tuple[Linked, ...]
    """Who provides compute to the lab, with their parents and subsidiaries."""
    chips: tuple[Linked, ...]
    """Compute hardware the lab or those clouds use, bought, or were supplied or provided."""
    designers: tuple[Linked, ...]
    """Who designed those chips, and chip designers that supply the lab or its clouds directly."""
    foundries: tuple[Linked, ...]
    """Who manufactures those chips, and foundries that supply the designers."""
    equipment_makers: tuple[Linked, ...]
    """Equipment makers that supply the foundries."""


class Channel(_Frozen):
    """A distributor or server maker through which a designer's products reach buyers."""

    entity: Entity
    kind: OrgRole
    relations: tuple[Relation, ...]


class Restriction(_Frozen):
    """A policy restricting an entity, directly or because the entity is a variant of one it names.

    `base` is None when the policy names `restricted` itself; otherwise it is the product the policy
    names, of which `restricted` is a variant (the A800 of the A100). `relations` are the RESTRICTS facts,
    then the VARIANT_OF facts from the base out to the variant.
    """

    policy: Entity
    restricted: Entity
    relations: tuple[Relation, ...]
    base: Entity | None = None


def flow_ends(relation: Relation) -> tuple[str, str]:
    """(giver, receiver) of a relationship whose type carries supply; `KeyError` for any other type."""
    if FLOW[relation.type] is Orientation.FORWARD:
        return relation.subject, relation.object
    return relation.object, relation.subject


def flow_graph(store: GraphStore) -> nx.MultiDiGraph:
    """Every entity (node attribute `entity`), and an edge giver -> receiver keyed by relationship id (edge
    attribute `relation`) for every happened fact whose type carries supply.

    The one place supply questions read the whole store: a store that can answer them natively (Cypher on
    Neo4j) replaces this function, not the questions.
    """
    snapshot = store.snapshot()
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((entity.id, {"entity": entity}) for entity in snapshot.entities)
    for relation in snapshot.relations:
        if relation.type in FLOW and carries_supply(relation):
            giver, receiver = flow_ends(relation)
            graph.add_edge(giver, receiver, key=relation.id, relation=relation)
    return graph


@runtime_checkable
class FlowStore(Protocol):
    """A store that follows oriented facts itself (`Neo4jStore`, in Cypher).

    Supply paths and tiers then read only the facts they follow; on any other store they read the whole
    graph once (`flow_graph`), which is fine for the graphs a `MemoryStore` holds. Both give the same
    answers; `forward` and `backward` are the types `FLOW` marks FORWARD and REVERSED.
    """

    def entities(self, entity_ids: Iterable[str]) -> list[Entity]: ...

    def oriented_steps(
        self, entity_ids: Sequence[str], *, forward: frozenset[RelType], backward: frozenset[RelType],
        statuses: frozenset[FactStatus | None], upstream: bool,
    ) -> list[tuple[str, str, Relation]]: ...

    def oriented_facts_between(
        self, pairs: Sequence[tuple[str, str]], *, forward: frozenset[RelType], backward: frozenset[RelType],
        statuses: frozenset[FactStatus | None],
    ) -> list[tuple[str, str, Relation]]: ...

    def oriented_paths(
        self, source_id: str, target_id: str, *, forward: frozenset[RelType], backward: frozenset[RelType],
        statuses: frozenset[FactStatus | None], max_hops: int, limit: int,
    ) -> list[tuple[str, ...]]: ...


def best_first(relations: Iterable[Relation]) -> tuple[Relation, ...]:
    """Distinct relationships, best supported first, then by id."""
    unique = {relation.id: relation for relation in relations}
    return tuple(sorted(unique.values(), key=lambda relation: (-relation.confidence, relation.id)))


def most_direct_first(relations: Iterable[Relation], entity: Callable[[str], Entity]) -> tuple[Relation, ...]:
    """Distinct relationships, the ones whose quotes most directly state them first.

    Directness: how many of the fact's own entities (subject, object, product) the quote names, in any of
    their spellings; then a fact naming a product or a quantity before a general one; then confidence and id.
    A sentence about Intel CPUs that mentions NVIDIA and ByteDance in passing so comes after the one that
    says ByteDance's A100 and H800 came from NVIDIA.
    """
    unique = {relation.id: relation for relation in relations}
    names: dict[str, tuple[str, ...]] = {}

    def spellings(entity_id: str) -> tuple[str, ...]:
        if entity_id not in names:
            names[entity_id] = tuple({normalize_for_matching(n) for n in entity(entity_id).all_names() if n})
        return names[entity_id]

    def named(relation: Relation) -> int:
        quotes = [normalize_for_matching(e.quote) for e in article_evidence(relation)]
        ends = [relation.subject, relation.object, *([relation.product] if relation.product else [])]
        # A fact from a catalog or dataset record names its ends by id, as fully as a sentence naming both.
        return max((sum(any(n in quote for n in spellings(end)) for end in ends) for quote in quotes),
                   default=len(ends))

    def rank(relation: Relation) -> tuple[int, bool, float, str]:
        specific = relation.product is not None or relation.quantity is not None
        return -named(relation), not specific, -relation.confidence, relation.id

    return tuple(sorted(unique.values(), key=rank))


def supply_paths(
    store: GraphStore, source_id: str, target_id: str, *, max_hops: int = 8, limit: int = 5
) -> list[SupplyPath]:
    """Up to `limit` shortest supply paths from `source_id` to `target_id`, following the flow only.

    Paths are ordered by length, then by the ids of the entities along them; parallel facts between
    two entities make one hop, not several paths. Raises `EntityNotFound` for an unknown id and
    `NoPath` when supply does not reach the target within `max_hops`.

    Examples
    --------
    >>> from computekg.loaders.bundle import load_bundled_graph
    >>> from computekg.graph.memory_store import MemoryStore
    >>> store = MemoryStore(); _ = store.load(load_bundled_graph())
    >>> [e.id for e in supply_paths(store, "asml", "nvidia")[0].entities]
    ['asml', 'tsmc', 'nvidia']
    """
    if max_hops < 1 or limit < 1:
        raise ValueError("max_hops and limit must be at least 1")
    if source_id == target_id:
        raise ValueError("a supply path needs two different entities")
    store.entity(source_id)
    store.entity(target_id)
    if isinstance(store, FlowStore):
        return _native_supply_paths(store, source_id, target_id, max_hops=max_hops, limit=limit)
    graph = flow_graph(store)
    found: list[list[str]] = []
    try:
        # Paths come shortest first; every path as long as the last one kept is read, so that ties
        # are broken by entity ids rather than by networkx's order.
        for nodes in nx.shortest_simple_paths(nx.DiGraph(graph), source_id, target_id):
            if len(nodes) - 1 > max_hops or (len(found) >= limit and len(nodes) > len(found[-1])):
                break
            found.append(nodes)
    except nx.NetworkXNoPath:
        pass
    if not found:
        raise NoPath(source_id, target_id, max_hops)
    found.sort(key=lambda nodes: (len(nodes), nodes))
    return [
        SupplyPath(hops=tuple(
            SupplyHop(giver=graph.nodes[giver]["entity"], receiver=graph.nodes[receiver]["entity"],
                      relations=best_first(data["relation"] for data in graph[giver][receiver].values()))
            for giver, receiver in pairwise(nodes)
        ))
        for nodes in found[:limit]
    ]


def _native_supply_paths(store: FlowStore, source_id: str, target_id: str, *, max_hops: int,
                         limit: int) -> list[SupplyPath]:
    """`supply_paths` on a `FlowStore`: the store finds the paths and the facts along them."""
    found = store.oriented_paths(source_id, target_id, forward=_FORWARD, backward=_REVERSED, statuses=HAPPENED,
                                 max_hops=max_hops, limit=limit)
    if not found:
        raise NoPath(source_id, target_id, max_hops)
    pairs = sorted({pair for nodes in found for pair in pairwise(nodes)})
    facts: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for giver, receiver, relation in store.oriented_facts_between(
        pairs, forward=_FORWARD, backward=_REVERSED, statuses=HAPPENED
    ):
        facts[giver, receiver].append(relation)
    entity = {e.id: e for e in store.entities({i for nodes in found for i in nodes})}
    return [
        SupplyPath(hops=tuple(
            SupplyHop(giver=entity[giver], receiver=entity[receiver], relations=best_first(facts[giver, receiver]))
            for giver, receiver in pairwise(nodes)
        ))
        for nodes in found
    ]


def suppliers_of(store: GraphStore, entity_id: str, *, tiers: int = 3) -> list[Tier]:
    """Tier 1: whoever gives directly to `entity_id`; tier 2: whoever gives to them; and so on.

    An entity appears only at its nearest tier; tiers stop early when nobody is further up. A generic
    product class (`Entity.generic`: "Chinese domestic AI chips") is listed where it is reached, but the
    tiers do not go on through it: no fact ties its makers to this entity. Each member's facts come most
    direct first (`most_direct_first`).

    Examples
    --------
    >>> from computekg.loaders.bundle import load_bundled_graph
    >>> from computekg.graph.memory_store import MemoryStore
    >>> store = MemoryStore(); _ = store.load(load_bundled_graph())
    >>> [[m.entity.id for m in tier.members] for tier in suppliers_of(store, "nvidia", tiers=2)]
    [['tsmc'], ['asml']]
    """
    return _tiers(store, entity_id, tiers=tiers, upstream=True)


def customers_of(store: GraphStore, entity_id: str, *, tiers: int = 3) -> list[Tier]:
    """Tier 1: whoever `entity_id` gives to directly; tier 2: whoever they give to; and so on."""
    return _tiers(store, entity_id, tiers=tiers, upstream=False)


def tenants_of(store: GraphStore, cloud_id: str) -> list[Tenant]:
    """The organizations a cloud provides compute to, current tenancies first, then by id.

    Facts stated about the cloud's parent or subsidiaries count (see `Tenant`): articles name the group
    as often as its cloud arm. Only SUBSIDIARY_OF facts tie a group together, so every link has evidence.

    Examples
    --------
    >>> from computekg.loaders.bundle import load_bundled_graph
    >>> from computekg.graph.memory_store import MemoryStore
    >>> store = MemoryStore(); _ = store.load(load_bundled_graph())
    >>> [(t.entity.id, t.providers, t.ended) for t in tenants_of(store, "volcano-engine")]
    [('nio', ('bytedance',), False), ('zhipu-ai', ('volcano-engine',), False)]
    """
    group = _group(store, cloud_id)
    tenancies: dict[str, list[Relation]] = defaultdict(list)
    for provider in group:
        for fact in _facts(store, provider, Direction.DOWNSTREAM, RelType.PROVIDES_COMPUTE_TO):
            tenancies[fact.object].append(fact)
    tenants = [
        Tenant(
            entity=store.entity(tenant_id),
            providers=tuple(sorted({fact.subject for fact in facts})),
            ended=all(fact.status is FactStatus.ENDED for fact in facts),
            relations=best_first(facts),
            group_links=best_first(link for fact in facts for link in group[fact.subject]),
        )
        for tenant_id, facts in tenancies.items()
    ]
    return sorted(tenants, key=lambda tenant: (tenant.ended, tenant.entity.id))


def compute_sources(store: GraphStore, lab_id: str) -> ComputeSources:
    """Where an AI lab's compute comes from: clouds -> chips -> designers -> foundries -> equipment makers.

    The lab's own chips count alongside its clouds'. Each layer is found from the one below it by the
    relationship types named in `ComputeSources`; suppliers count in a layer only when the catalog gives
    them that layer's role, so a parent supplying its cloud arm is not taken for a chip designer.
    """
    lab = store.entity(lab_id)
    clouds: dict[str, list[Relation]] = defaultdict(list)
    for rental in _facts(store, lab_id, Direction.UPSTREAM, RelType.PROVIDES_COMPUTE_TO):
        for member, links in _group(store, rental.subject).items():
            clouds[member].extend((rental, *links))
    holders = [lab_id, *clouds]
    chips: dict[str, list[Relation]] = defaultdict(list)
    for holder in holders:
        for fact in _facts(store, holder, Direction.DOWNSTREAM, RelType.USES, RelType.PURCHASED):
            chips[fact.object].append(fact)
        for fact in _facts(store, holder, Direction.UPSTREAM, RelType.SUPPLIES, RelType.PROVIDES_COMPUTE_TO):
            if fact.product is not None:
                chips[fact.product].append(fact)
    chips = {chip: facts for chip, facts in chips.items() if store.entity(chip).product_kind in _COMPUTE_HARDWARE}
    designers = _merged(_makers(store, chips, RelType.DESIGNS),
                        _suppliers(store, holders, OrgRole.CHIP_DESIGNER))
    foundries = _merged(_makers(store, chips, RelType.MANUFACTURES),
                        _suppliers(store, designers, OrgRole.FOUNDRY))
    return ComputeSources(
        lab=lab,
        clouds=_linked(store.entity, clouds),
        chips=_linked(store.entity, chips),
        designers=_linked(store.entity, designers),
        foundries=_linked(store.entity, foundries),
        equipment_makers=_linked(store.entity, _suppliers(store, foundries, OrgRole.EQUIPMENT_MAKER)),
    )


def distribution_channels(store: GraphStore, designer_id: str, *, country: str | None = None) -> list[Channel]:
    """Distributors and server makers through which a designer's products reach buyers, by kind then id.

    A channel distributes or integrates a product the designer DESIGNS, or is a distributor or server
    maker (by catalog role) that partners with the designer or is supplied by it. `country` (ISO code)
    keeps channels the catalog places in that country.

    Examples
    --------
    >>> from computekg.loaders.bundle import load_bundled_graph
    >>> from computekg.graph.memory_store import MemoryStore
    >>> store = MemoryStore(); _ = store.load(load_bundled_graph())
    >>> [(c.entity.id, str(c.kind)) for c in distribution_channels(store, "nvidia", country="TW")]
    [('leadtek', 'distributor')]
    """
    found: dict[str, list[Relation]] = defaultdict(list)
    for design in _facts(store, designer_id, Direction.DOWNSTREAM, RelType.DESIGNS):
        for fact in _facts(store, design.object, Direction.UPSTREAM, RelType.DISTRIBUTES, RelType.INTEGRATES):
            found[fact.subject].append(fact)
    for fact in [*_facts(store, designer_id, Direction.BOTH, RelType.PARTNERS_WITH),
                 *_facts(store, designer_id, Direction.DOWNSTREAM, RelType.SUPPLIES)]:
        other = fact.object if fact.subject == designer_id else fact.subject
        if any(role in _CHANNEL_ROLES for role in store.entity(other).roles):
            found[other].append(fact)
    found.pop(designer_id, None)  # a designer integrating its own chips is not its own channel
    channels = [
        Channel(entity=entity, kind=_channel_kind(entity, facts), relations=best_first(facts))
        for entity, facts in ((store.entity(i), facts) for i, facts in found.items())
        if country is None or entity.country == country
    ]
    return sorted(channels, key=lambda channel: (channel.kind, channel.entity.id))


def restricted_by(store: GraphStore, policy_id: str) -> list[Restriction]:
    """What a policy restricts: what it names, then variants of what it names (not named themselves), by id.

    Examples
    --------
    >>> from computekg.loaders.bundle import load_bundled_graph
    >>> from computekg.graph.memory_store import MemoryStore
    >>> store = MemoryStore(); _ = store.load(load_bundled_graph())
    >>> [(r.restricted.id, r.base and r.base.id) for r in restricted_by(store, "us-export-controls-2023-10")]
    [('nvidia-a800', None)]
    """
    policy = store.entity(policy_id)
    named: dict[str, list[Relation]] = defaultdict(list)
    for fact in _facts(store, policy_id, Direction.DOWNSTREAM, RelType.RESTRICTS):
        named[fact.object].append(fact)
    direct = [Restriction(policy=policy, restricted=store.entity(i), relations=best_first(facts))
              for i, facts in sorted(named.items())]
    variants = [
        Restriction(policy=policy, restricted=store.entity(variant), base=restriction.restricted,
                    relations=(*restriction.relations, *chain))
        for restriction in direct
        for variant, chain in _variant_chains(store, restriction.restricted.id, Direction.UPSTREAM).items()
        if variant not in named
    ]
    return direct + sorted(variants, key=lambda r: (r.restricted.id, r.base.id if r.base else ""))


def policies_restricting(store: GraphStore, product_id: str) -> list[Restriction]:
    """The policies restricting a product, directly or through a product it is a variant of, by policy id."""
    product = store.entity(product_id)
    bases = {product_id: (), **_variant_chains(store, product_id, Direction.DOWNSTREAM)}
    restrictions = []
    for base_id, chain in bases.items():
        by_policy: dict[str, list[Relation]] = defaultdict(list)
        for fact in _facts(store, base_id, Direction.UPSTREAM, RelType.RESTRICTS):
            by_policy[fact.subject].append(fact)
        restrictions += [
            Restriction(policy=store.entity(policy_id), restricted=product,
                        base=None if base_id == product_id else store.entity(base_id),
                        relations=(*best_first(facts), *reversed(chain)))
            for policy_id, facts in by_policy.items()
        ]
    return sorted(restrictions, key=lambda r: (r.policy.id, r.base is not None, r.base.id if r.base else ""))


def _facts(store: GraphStore, entity_id: str, direction: Direction, *types: RelType) -> list[Relation]:
    """The facts of `types` at `entity_id` in `direction` that carry supply; raises `EntityNotFound`."""
    around = store.neighbourhood(entity_id, hops=1, direction=direction, types=frozenset(types), limit=UNCAPPED)
    return [relation for relation in around.relations if carries_supply(relation)]


def _linked(entity: Callable[[str], Entity], reached: Mapping[str, list[Relation]]) -> tuple[Linked, ...]:
    return tuple(Linked(entity=entity(i), relations=most_direct_first(reached[i], entity)) for i in sorted(reached))


def _merged(*found: Mapping[str, list[Relation]]) -> dict[str, list[Relation]]:
    merged: dict[str, list[Relation]] = defaultdict(list)
    for reached in found:
        for entity_id, relations in reached.items():
            merged[entity_id].extend(relations)
    return merged


def _tiers(store: GraphStore, entity_id: str, *, tiers: int, upstream: bool) -> list[Tier]:
    if tiers < 1:
        raise ValueError("tiers must be at least 1")
    store.entity(entity_id)
    steps, entities = _flow_access(store, upstream=upstream)
    seen = {entity_id}
    frontier = [entity_id]
    result: list[Tier] = []
    for level in range(1, tiers + 1):
        reached: dict[str, list[Relation]] = defaultdict(list)
        for giver, receiver, relation in steps(frontier):
            other = giver if upstream else receiver
            if other not in seen:
                reached[other].append(relation)
        if not reached:
            break
        seen.update(reached)
        found = entities(sorted(reached))
        result.append(Tier(level=level, members=_linked(_entity_lookup(store, found), reached)))
        frontier = sorted(i for i in reached if not found[i].generic)
        if not frontier:
            break
    return result


def _entity_lookup(store: GraphStore, known: Mapping[str, Entity]) -> Callable[[str], Entity]:
    """`known` entities, others read from the store once each."""
    cache = dict(known)

    def lookup(entity_id: str) -> Entity:
        if entity_id not in cache:
            cache[entity_id] = store.entity(entity_id)
        return cache[entity_id]

    return lookup


_Steps = Callable[[list[str]], Iterable[tuple[str, str, Relation]]]


def _flow_access(store: GraphStore, *, upstream: bool) -> tuple[_Steps, Callable[[list[str]], dict[str, Entity]]]:
    """How `_tiers` reads the flow: (giver, receiver, fact) into (`upstream`) or out of the given entities, and
    entities by id; from the store itself when it can follow the flow, else from `flow_graph`."""
    if isinstance(store, FlowStore):
        native = store

        def native_steps(frontier: list[str]) -> Iterable[tuple[str, str, Relation]]:
            return native.oriented_steps(frontier, forward=_FORWARD, backward=_REVERSED, statuses=HAPPENED,
                                         upstream=upstream)

        return native_steps, lambda ids: {e.id: e for e in native.entities(ids)}
    graph = flow_graph(store)
    edges = graph.in_edges if upstream else graph.out_edges

    def graph_steps(frontier: list[str]) -> Iterable[tuple[str, str, Relation]]:
        return edges(frontier, data="relation")

    return graph_steps, lambda ids: {i: graph.nodes[i]["entity"] for i in ids}


def _group(store: GraphStore, organization_id: str) -> dict[str, tuple[Relation, ...]]:
    """The organization, its parents and its subsidiaries, each with the SUBSIDIARY_OF facts tying it in."""
    group: dict[str, tuple[Relation, ...]] = {organization_id: ()}
    for link in _facts(store, organization_id, Direction.BOTH, RelType.SUBSIDIARY_OF):
        other = link.object if link.subject == organization_id else link.subject
        group[other] = (*group.get(other, ()), link)
    return group


def _makers(store: GraphStore, products: Iterable[str], type_: RelType) -> dict[str, list[Relation]]:
    """Who stands in a `type_` relationship (DESIGNS, MANUFACTURES) to any of `products`."""
    found: dict[str, list[Relation]] = defaultdict(list)
    for product in products:
        for fact in _facts(store, product, Direction.UPSTREAM, type_):
            found[fact.subject].append(fact)
    return found


def _suppliers(store: GraphStore, receivers: Iterable[str], role: OrgRole) -> dict[str, list[Relation]]:
    """Organizations with `role` that supply any of `receivers`."""
    found: dict[str, list[Relation]] = defaultdict(list)
    for receiver in receivers:
        for fact in _facts(store, receiver, Direction.UPSTREAM, RelType.SUPPLIES):
            supplier = store.entity(fact.subject)
            if supplier.kind is EntityKind.ORGANIZATION and role in supplier.roles:
                found[fact.subject].append(fact)
    return found


def _channel_kind(entity: Entity, facts: list[Relation]) -> OrgRole:
    """A server maker when it builds the designer's chips into systems (or only its role says so)."""
    types = {fact.type for fact in facts}
    if RelType.INTEGRATES in types or (RelType.DISTRIBUTES not in types and OrgRole.SERVER_MAKER in entity.roles):
        return OrgRole.SERVER_MAKER
    return OrgRole.DISTRIBUTOR


def _variant_chains(store: GraphStore, product_id: str, direction: Direction) -> dict[str, tuple[Relation, ...]]:
    """Variants of the product (UPSTREAM) or products it is a variant of (DOWNSTREAM), at any depth, each with
    the VARIANT_OF facts leading to it from `product_id`, nearest first."""
    chains: dict[str, tuple[Relation, ...]] = {product_id: ()}
    frontier = [product_id]
    while frontier:
        reached = []
        for node in frontier:
            for fact in _facts(store, node, direction, RelType.VARIANT_OF):
                other = fact.subject if direction is Direction.UPSTREAM else fact.object
                if other not in chains:
                    chains[other] = (*chains[node], fact)
                    reached.append(other)
        frontier = sorted(reached)
    del chains[product_id]
    return chains
