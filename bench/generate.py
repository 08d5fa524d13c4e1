"""A synthetic AI-compute supply chain of 10k, 100k or 1M relationships, deterministic for a seed.

Tiers follow the real chain: equipment makers supply foundries; foundries manufacture chips and supply
chip designers; designers design chips and sell them (with quantities and amounts) to server makers,
distributors and clouds; server makers integrate and distributors resell chips on to clouds and
tenants; clouds provide compute to tenants, who also buy and use chips. Investors invest, policies
restrict chips and organizations and are issued by government bodies, and some organizations are
subsidiaries of, partner or compete with others.

Degrees follow a power law: endpoints are drawn with Zipf weights (weight of the k-th member of a tier
~ 1/k^a), so a few designers, clouds and chips are hubs with tens of thousands of relationships while
most entities have a handful.

Evidence: facts come in blocks of `FACTS_PER_ARTICLE` consecutive relationships that one synthetic
article reports (its source id, a quote built from the two names, the article's date); about one fact in
four is also quoted by a second article (a repost) of the same block. So every MENTIONS link of a source
comes from one block, which lets `write_csv` write them without remembering earlier blocks.

A 1M graph is never held whole: `chunks` yields `Subgraph` pieces (entities first, then sources, then
relationships) that a bulk loader consumes one at a time; `write_csv` writes the same data as CSV files
for LOAD CSV.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, TypeVar

from computekg.graph.model import Entity, Evidence, Money, Quantity, Relation, Source, Subgraph, relation_key
from computekg.graph.neo4j_store import relation_properties
from computekg.graph.schema import EntityKind, FactStatus, OrgRole, ProductKind, RelType

__all__ = [
    "SIZES",
    "FACTS_PER_ARTICLE",
    "LIST_SEPARATOR",
    "GraphSpec",
    "SyntheticGraph",
    "chunks",
    "whole",
    "write_csv",
    "CsvFiles",
    "RELATION_COLUMNS",
]

SIZES: dict[str, int] = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
FACTS_PER_ARTICLE = 20
# Evidence lists are joined with this in CSV cells; no generated quote or id contains it.
LIST_SEPARATOR = "|"
_ENTITIES_PER_RELATION = 0.2  # about five relationships per entity on average
_YEARS = range(2018, 2026)
_T = TypeVar("_T")


@dataclass(frozen=True)
class _Tier:
    prefix: str
    kind: EntityKind
    share: float  # of all entities
    roles: tuple[OrgRole, ...] = ()
    product_kind: ProductKind | None = None
    name_zh_suffix: str = "公司"


_TIERS: dict[str, _Tier] = {
    "equipment": _Tier("equip", EntityKind.ORGANIZATION, 0.004, (OrgRole.EQUIPMENT_MAKER,), name_zh_suffix="装备"),
    "foundry": _Tier("foundry", EntityKind.ORGANIZATION, 0.004, (OrgRole.FOUNDRY,), name_zh_suffix="晶圆"),
    "designer": _Tier("designer", EntityKind.ORGANIZATION, 0.02, (OrgRole.CHIP_DESIGNER,), name_zh_suffix="半导体"),
    "chip": _Tier("chip", EntityKind.PRODUCT, 0.08, product_kind=ProductKind.CHIP, name_zh_suffix="芯片"),
    "server_maker": _Tier("server", EntityKind.ORGANIZATION, 0.02, (OrgRole.SERVER_MAKER,), name_zh_suffix="信息"),
    "distributor": _Tier("distrib", EntityKind.ORGANIZATION, 0.03, (OrgRole.DISTRIBUTOR,), name_zh_suffix="科技"),
    "cloud": _Tier("cloud", EntityKind.ORGANIZATION, 0.02, (OrgRole.CLOUD_PROVIDER,), name_zh_suffix="云"),
    "tenant": _Tier("tenant", EntityKind.ORGANIZATION, 0.76, (OrgRole.AI_LAB,), name_zh_suffix="智能"),
    "investor": _Tier("investor", EntityKind.ORGANIZATION, 0.04, (OrgRole.INVESTOR,), name_zh_suffix="资本"),
    "policy": _Tier("policy", EntityKind.POLICY, 0.01, name_zh_suffix="管制规定"),
    "government": _Tier("gov", EntityKind.ORGANIZATION, 0.002, (OrgRole.GOVERNMENT_BODY,), name_zh_suffix="部"),
}


@dataclass(frozen=True)
class _Flow:
    """One kind of fact: its type, the tiers at each end, its share of all facts and the Zipf exponents."""

    type: RelType
    subjects: tuple[str, ...]
    objects: tuple[str, ...]
    share: float
    subject_skew: float = 1.0
    object_skew: float = 0.6
    quantity_unit: str | None = None  # facts that carry a quantity (and sometimes an amount)
    product: bool = False  # SUPPLIES facts name the chip supplied
    verb: str = "与"


_FLOWS: tuple[_Flow, ...] = (
    _Flow(RelType.SUPPLIES, ("equipment",), ("foundry",), 0.03, 1.0, 1.0, "台", verb="向{o}交付光刻设备"),
    _Flow(RelType.MANUFACTURES, ("foundry",), ("chip",), 0.06, 1.0, 0.8, verb="代工生产{o}"),
    _Flow(RelType.SUPPLIES, ("foundry",), ("designer",), 0.03, 1.0, 1.0, verb="为{o}供应晶圆"),
    _Flow(RelType.DESIGNS, ("designer",), ("chip",), 0.08, 1.0, 0.3, verb="设计了{o}"),
    _Flow(RelType.INTEGRATES, ("server_maker",), ("chip",), 0.07, 1.0, 1.0, verb="在服务器中集成{o}"),
    _Flow(RelType.DISTRIBUTES, ("distributor",), ("chip",), 0.06, 1.0, 1.0, verb="代理销售{o}"),
    _Flow(RelType.SUPPLIES, ("designer",), ("server_maker", "distributor", "cloud"), 0.10, 1.1, 0.8, "块",
          product=True, verb="向{o}供应{q}"),
    _Flow(RelType.SUPPLIES, ("server_maker", "distributor"), ("cloud", "tenant"), 0.12, 1.0, 0.7, "台",
          product=True, verb="向{o}交付{q}服务器"),
    _Flow(RelType.PROVIDES_COMPUTE_TO, ("cloud",), ("tenant",), 0.20, 1.1, 0.6, verb="为{o}提供算力"),
    _Flow(RelType.PURCHASED, ("tenant", "cloud"), ("chip",), 0.08, 0.6, 1.0, "块", verb="采购了{q}{o}"),
    _Flow(RelType.USES, ("tenant",), ("chip",), 0.08, 0.6, 1.0, "块", verb="使用{q}{o}训练模型"),
    _Flow(RelType.INVESTS_IN, ("investor",), ("tenant", "designer", "cloud"), 0.05, 1.0, 0.7, verb="投资了{o}"),
    _Flow(RelType.RESTRICTS, ("policy",), ("chip", "designer"), 0.015, 0.8, 1.0, verb="限制{o}出口"),
    _Flow(RelType.ISSUED_BY, ("policy",), ("government",), 0.002, 0.3, 1.0, verb="由{o}发布"),
    _Flow(RelType.SUBSIDIARY_OF, ("cloud", "tenant"), ("tenant", "investor"), 0.01, 0.3, 1.0, verb="是{o}的子公司"),
    _Flow(RelType.PARTNERS_WITH, ("cloud", "designer", "server_maker"), ("tenant", "cloud"), 0.013, 1.0, 0.8,
          verb="与{o}达成合作"),
    _Flow(RelType.COMPETES_WITH, ("designer", "cloud"), ("designer", "cloud"), 0.01, 0.8, 0.8, verb="与{o}竞争"),
)
_SYLLABLES = "华芯微云智算海光创联数源星通达科锐天恒信瀚博睿昇宇晟擎鲲鹏寒武燧原壁仞摩尔"
_STATUSES: tuple[tuple[FactStatus | None, float], ...] = (
    (None, 0.88), (FactStatus.PLANNED, 0.06), (FactStatus.ENDED, 0.04), (FactStatus.RUMOURED, 0.02))


@dataclass(frozen=True)
class GraphSpec:
    """How big a graph and which one: the same spec always generates the same graph."""

    relations: int
    seed: int = 7
    chunk_relations: int = 20_000

    @classmethod
    def of_size(cls, size: str, *, seed: int = 7) -> GraphSpec:
        """A spec for a named size ('10k', '100k', '1m') or a plain number of relationships ('2000')."""
        relations = SIZES.get(size.lower()) or int(size)
        return cls(relations=relations, seed=seed)

    @property
    def label(self) -> str:
        named = {v: k for k, v in SIZES.items()}
        return named.get(self.relations, str(self.relations))


class SyntheticGraph:
    """The entities (as light records, built into `Entity` models on demand) and the relationship stream."""

    def __init__(self, spec: GraphSpec) -> None:
        self.spec = spec
        self._rng = random.Random(spec.seed)
        entity_count = max(200, int(spec.relations * _ENTITIES_PER_RELATION))
        self.tiers: dict[str, list[str]] = {}
        self._names: dict[str, tuple[str, str]] = {}
        self._kinds: dict[str, str] = {}
        for tier_name, tier in _TIERS.items():
            count = max(3, round(entity_count * tier.share))
            ids = [f"{tier.prefix}-{i:06d}" for i in range(count)]
            self.tiers[tier_name] = ids
            for i, entity_id in enumerate(ids):
                zh = "".join(self._rng.choice(_SYLLABLES) for _ in range(2)) + tier.name_zh_suffix
                self._names[entity_id] = (f"{tier.prefix.title()} {i}", f"{zh}{i}")
                self._kinds[entity_id] = tier_name
        self._weights: dict[tuple[str, float], list[float]] = {}
        self.articles = -(-spec.relations // FACTS_PER_ARTICLE)

    @property
    def entity_count(self) -> int:
        return len(self._kinds)

    def entities(self) -> Iterator[Entity]:
        for entity_id, tier_name in self._kinds.items():
            tier = _TIERS[tier_name]
            name, name_zh = self._names[entity_id]
            yield Entity(id=entity_id, kind=tier.kind, name=name, name_zh=name_zh, roles=tier.roles,
                         product_kind=tier.product_kind, aliases=(f"{name_zh}有限公司",) if tier.roles else ())

    def sources(self) -> Iterator[Source]:
        for block in range(self.articles):
            for article_id in _article_ids(block):
                yield Source(id=article_id, title=f"合成报道 {article_id}", publisher="合成日报",
                             date=_article_date(block), script="Hans", path=f"articles/{article_id}.txt")

    def relations(self) -> Iterator[Relation]:
        """Exactly `spec.relations` distinct facts, in article blocks; deterministic for the seed."""
        rng = random.Random(self.spec.seed + 1)
        shares = list(itertools.accumulate(flow.share for flow in _FLOWS))
        seen: set[str] = set()
        designs: dict[str, list[str]] = {}
        produced = 0
        while produced < self.spec.relations:
            flow = _FLOWS[bisect.bisect(shares, rng.random() * shares[-1])]
            relation = self._fact(rng, flow, produced // FACTS_PER_ARTICLE, designs)
            if relation is None or relation.id in seen:
                continue
            seen.add(relation.id)
            if relation.type is RelType.DESIGNS:
                designs.setdefault(relation.subject, []).append(relation.object)
            produced += 1
            yield relation

    def _pick(self, rng: random.Random, tiers: tuple[str, ...], skew: float) -> str:
        tier = tiers[0] if len(tiers) == 1 else rng.choice(tiers)
        ids = self.tiers[tier]
        cumulative = self._weights.get((tier, skew))
        if cumulative is None:
            cumulative = self._weights[tier, skew] = _zipf_weights(len(ids), skew)
        return ids[bisect.bisect(cumulative, rng.random() * cumulative[-1])]

    def _fact(self, rng: random.Random, flow: _Flow, block: int, designs: dict[str, list[str]]) -> Relation | None:
        subject = self._pick(rng, flow.subjects, flow.subject_skew)
        object_ = self._pick(rng, flow.objects, flow.object_skew)
        if subject == object_:
            return None
        product = None
        if flow.product:
            own = designs.get(subject)
            product = rng.choice(own) if own else self._pick(rng, ("chip",), 1.0)
        quantity = amount = None
        if flow.quantity_unit:
            value = rng.choice((8, 16, 64, 100, 256, 500, 1000, 2000, 5000, 10000, 16000, 50000))
            quantity = Quantity(value=value, unit=flow.quantity_unit, approximate=rng.random() < 0.3,
                                text=f"{value}{flow.quantity_unit}")
            if rng.random() < 0.5:
                money = round(value * rng.uniform(1e3, 3e4), -3)
                amount = Money(value=money, currency="USD" if rng.random() < 0.6 else "CNY",
                               approximate=rng.random() < 0.5, text=f"{money / 1e4:g}万")
        elif flow.type is RelType.INVESTS_IN:
            money = rng.choice((1e7, 5e7, 1e8, 5e8, 1e9))
            amount = Money(value=money, currency="CNY", text=f"{money / 1e8:g}亿元")
        status = _weighted(rng, _STATUSES)
        date = f"{_article_date(block)[:4]}-{rng.randint(1, 12):02d}" if rng.random() < 0.8 else None
        primary, repost = _article_ids(block)
        quote = self._names[subject][1] + flow.verb.format(
            o=self._names[object_][1], q=quantity.text if quantity else "")
        confidence = round(rng.uniform(0.5, 1.0), 2)
        evidence = [Evidence(source_id=primary, quote=f"据报道，{quote}。", date=_article_date(block),
                             fact_id=f"{primary}-{rng.randrange(10**6):06d}", confidence=confidence)]
        if rng.random() < 0.25:
            evidence.append(Evidence(source_id=repost, quote=f"消息人士称，{quote}。", date=None,
                                     fact_id=f"{repost}-{rng.randrange(10**6):06d}", confidence=confidence))
        key = relation_key(subject, flow.type, object_, product=product, quantity=quantity, amount=amount,
                           date=date, status=status)
        return Relation(id=key, subject=subject, type=flow.type, object=object_, product=product,
                        quantity=quantity, amount=amount, date=date, status=status, confidence=confidence,
                        evidence=tuple(evidence))


def chunks(spec: GraphSpec) -> Iterator[Subgraph]:
    """The graph as a stream of `Subgraph` pieces: entities, then sources, then relationships.

    Each piece holds at most `spec.chunk_relations` items, so memory stays flat however large the graph.
    """
    graph = SyntheticGraph(spec)
    size = spec.chunk_relations
    for batch in _batched(graph.entities(), size):
        yield Subgraph(entities=batch)
    for sources in _batched(graph.sources(), size):
        yield Subgraph(sources=sources)
    for relations in _batched(graph.relations(), size):
        yield Subgraph(relations=relations)


def whole(spec: GraphSpec) -> Subgraph:
    """The whole graph as one `Subgraph` (for the sizes a `MemoryStore` holds)."""
    graph = SyntheticGraph(spec)
    return Subgraph(entities=tuple(graph.entities()), relations=tuple(graph.relations()),
                    sources=tuple(graph.sources()))


# --- CSV ------------------------------------------------------------------------------------------

ENTITY_COLUMNS = ("id", "kind", "name", "name_zh", "aliases", "roles", "product_kind")
SOURCE_COLUMNS = ("id", "title", "publisher", "date", "language", "script", "path")
RELATION_COLUMNS = (
    "subject", "object", "id", "type", "product", "date", "status", "confidence",
    "quantity_value", "quantity_unit", "quantity_approximate", "quantity_text",
    "amount_value", "amount_currency", "amount_approximate", "amount_text",
    "evidence_source_ids", "evidence_quotes", "evidence_dates", "evidence_fact_ids", "evidence_confidences",
)  # fmt: skip


@dataclass(frozen=True)
class CsvFiles:
    """What `write_csv` wrote: one file per entity kind and per relationship type, sources and mentions."""

    directory: Path
    entities: dict[str, Path]  # EntityKind value -> file
    sources: Path
    relations: dict[str, Path]  # RelType value -> file
    mentions: Path
    relation_count: int


def write_csv(spec: GraphSpec, directory: Path) -> CsvFiles:
    """Write the graph of `spec` as CSV (UTF-8, header row; lists joined with `LIST_SEPARATOR`)."""
    directory.mkdir(parents=True, exist_ok=True)
    graph = SyntheticGraph(spec)
    entity_files: dict[str, Path] = {}
    with _Writers(directory) as writers:
        for entity in graph.entities():
            path = directory / f"entities_{entity.kind}.csv"
            entity_files[str(entity.kind)] = path
            writers.row(path, ENTITY_COLUMNS, [
                entity.id, str(entity.kind), entity.name, entity.name_zh or "",
                LIST_SEPARATOR.join(entity.aliases), LIST_SEPARATOR.join(entity.roles),
                entity.product_kind or ""])
        sources = directory / "sources.csv"
        for source in graph.sources():
            writers.row(sources, SOURCE_COLUMNS, [
                source.id, source.title, source.publisher or "", source.date or "", source.language,
                source.script, source.path])
        relation_files: dict[str, Path] = {}
        mentions = directory / "mentions.csv"
        count = 0
        block_pairs: set[tuple[str, str]] = set()
        block = 0
        for relation in graph.relations():
            if count // FACTS_PER_ARTICLE != block:  # a new article: its mentions cannot repeat earlier ones
                _write_mentions(writers, mentions, block_pairs)
                block = count // FACTS_PER_ARTICLE
            count += 1
            properties = relation_properties(relation)
            path = directory / f"rels_{relation.type}.csv"
            relation_files[str(relation.type)] = path
            writers.row(path, RELATION_COLUMNS, [relation.subject, relation.object] + [
                _cell(properties.get(column)) for column in RELATION_COLUMNS[2:]])
            ends = [e for e in (relation.subject, relation.object, relation.product) if e]
            block_pairs.update((ev.source_id, end) for ev in relation.evidence for end in ends)
        _write_mentions(writers, mentions, block_pairs)
    return CsvFiles(directory, entity_files, sources, relation_files, mentions, count)


def _write_mentions(writers: _Writers, path: Path, pairs: set[tuple[str, str]]) -> None:
    for source_id, entity_id in sorted(pairs):
        writers.row(path, ("source_id", "entity_id"), [source_id, entity_id])
    pairs.clear()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _Writers:
    """One open csv writer per file, each writing its header first."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._files: dict[Path, TextIO] = {}
        self._writers: dict[Path, Any] = {}  # csv's writer type is private

    def __enter__(self) -> _Writers:
        return self

    def __exit__(self, *exc: object) -> None:
        for handle in self._files.values():
            handle.close()

    def row(self, path: Path, header: tuple[str, ...], values: list[str]) -> None:
        writer = self._writers.get(path)
        if writer is None:
            handle = path.open("w", encoding="utf-8", newline="")
            self._files[path] = handle
            writer = self._writers[path] = csv.writer(handle)
            writer.writerow(header)
        writer.writerow(values)


# --- helpers --------------------------------------------------------------------------------------


def _batched(items: Iterable[_T], size: int) -> Iterator[tuple[_T, ...]]:
    """`itertools.batched` (Python 3.12) for 3.11."""
    iterator = iter(items)
    while batch := tuple(itertools.islice(iterator, size)):
        yield batch


def _zipf_weights(n: int, skew: float) -> list[float]:
    """Cumulative Zipf weights 1/(k+1)^skew for k in range(n)."""
    return list(itertools.accumulate(1.0 / (k + 1) ** skew for k in range(n)))


def _weighted(rng: random.Random, choices: tuple[tuple[FactStatus | None, float], ...]) -> FactStatus | None:
    draw = rng.random()
    for value, weight in choices:
        draw -= weight
        if draw < 0:
            return value
    return choices[-1][0]


def _article_ids(block: int) -> tuple[str, str]:
    """The article reporting a block of facts, and the repost that quotes some of them again."""
    return f"syn-{block:06d}", f"syn-{block:06d}-repost"


def _article_date(block: int) -> str:
    year = _YEARS[block % len(_YEARS)]
    return f"{year}-{block % 12 + 1:02d}-{block % 28 + 1:02d}"
