"""Supply-chain commands: paths, suppliers and customers, tenants, channels, restrictions and analytics.

Thin on purpose: the questions are answered in `computekg.queries.supply` and `computekg.queries.analytics`;
this module resolves names (any alias, any script), prints tables or JSON, and turns a missing entity or
path into a clean error. `register(app)` adds every command to the `computekg` app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.text import Text

from computekg.app.cli_common import (
    DataDirOption,
    JsonOption,
    LayerOption,
    PathsOption,
    StoreOption,
    cited,
    fail,
    out,
    print_json,
    query_store,
    resolve_all_or_fail,
    resolve_or_fail,
)
from computekg.app.cli_help import SUPPLY, add_command
from computekg.graph.choices import Layer, StoreKind
from computekg.graph.schema import EntityKind

if TYPE_CHECKING:
    from computekg.graph.model import Entity, Relation
    from computekg.graph.store import GraphStore
    from computekg.queries import analytics, supply

__all__ = [
    "register",
    "supply_path",
    "suppliers",
    "customers",
    "tenants",
    "compute_sources",
    "channels",
    "restricted",
    "chokepoints",
    "what_if",
    "exposure",
    "top",
]

_T = TypeVar("_T")

NameArgument = Annotated[str, typer.Argument(metavar="NAME", help="Entity id or any alias: 台积电, TSMC, 智谱 …")]
TiersOption = Annotated[int, typer.Option("--tiers", min=1, max=8, help="How many tiers out.")]
TopOption = Annotated[int, typer.Option("--top", min=1, help="How many entities to show.")]


class Ranking(StrEnum):
    """What `computekg top` ranks by."""

    DEGREE = "degree"
    QUANTITY = "quantity"
    H100E = "h100e"


def register(app: typer.Typer) -> None:
    """Add the supply-chain commands to `app`, in their own panel of the help."""
    for name, command in (
        ("supply-path", supply_path), ("suppliers", suppliers), ("customers", customers), ("tenants", tenants),
        ("compute-sources", compute_sources), ("channels", channels), ("restricted", restricted),
        ("chokepoints", chokepoints), ("what-if", what_if), ("exposure", exposure), ("top", top),
    ):
        add_command(app, name, command, panel=SUPPLY)


def supply_path(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Where supply starts: id or any alias.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Where it should arrive: id or any alias.")],
    max_hops: Annotated[int, typer.Option(min=1, max=12, help="Longest route to look for, in hops.")] = 8,
    paths: PathsOption = 5,
    store: StoreOption = None,
    data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """How equipment, chips or compute get from FROM to TO (e.g. 台积电 → 智谱).

    The shortest routes that follow the flow of goods only, each hop with the sentences behind it.
    """
    from computekg.queries import supply

    found = _ask(store, data_dir, lambda s: supply.supply_paths(
        s, *resolve_all_or_fail(s, source, target), max_hops=max_hops, limit=paths))
    if _printed_json(json_output, found):
        return
    for number, path in enumerate(found, start=1):
        out.print(Text.assemble((f"path {number}", "bold"), f" ({len(path.hops)} hops): ",
                                " → ".join(_label(e) for e in path.entities)))
        for hop in path.hops:
            more = f" (+{len(hop.relations) - 1} more facts)" if len(hop.relations) > 1 else ""
            out.print(Text.assemble(f"  {hop.giver.id} → {hop.receiver.id} by {_types(hop.relations)}{more}   ",
                                    (_evidence(hop.relations), "dim")))


def _tiers_command(command_name: str, *, upstream: bool, help_text: str) -> Callable[..., None]:
    """The command `command_name`: NAME's suppliers (`upstream`) or its customers, tier by tier, with `help_text`.

    One function makes both: they differ only in the direction they walk and in what their help says.
    """

    def command(
        name: NameArgument, tiers: TiersOption = 3, store: StoreOption = None, data_dir: DataDirOption = None,
        json_output: JsonOption = False,
    ) -> None:
        from computekg.queries import supply

        tiers_of = supply.suppliers_of if upstream else supply.customers_of
        _print_tiers(_ask(store, data_dir, lambda s: tiers_of(s, resolve_or_fail(s, name), tiers=tiers)), json_output)

    command.__name__ = command.__qualname__ = command_name
    command.__doc__ = help_text
    return command


suppliers = _tiers_command("suppliers", upstream=True, help_text=(
    "Who supplies NAME (tier 1), who supplies them (tier 2), and so on.\n\nEach supplier with the facts behind it."))
customers = _tiers_command("customers", upstream=False, help_text=(
    "Whom NAME supplies (tier 1), whom they supply (tier 2), and so on.\n\nEach customer with the facts behind it."))


def tenants(
    cloud: Annotated[str, typer.Argument(metavar="CLOUD", help="A cloud: id or any alias (阿里云, 火山引擎 …).")],
    store: StoreOption = None,
    data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """The organizations CLOUD provides compute to; ended tenancies are flagged.

    Facts about the cloud's parent or subsidiaries count too (an article often names ByteDance for Volcano Engine).
    """
    from computekg.queries import supply

    found = _ask(store, data_dir, lambda s: supply.tenants_of(s, resolve_or_fail(s, cloud)))
    if _printed_json(json_output, found):
        return
    _print_table(("tenant", "provider named", "status", "evidence"), (
        (_label(t.entity), ", ".join(t.providers), "ended" if t.ended else "current", _evidence(t.relations))
        for t in found
    ))


def compute_sources(
    lab: Annotated[str, typer.Argument(metavar="LAB", help="An AI lab: id or any alias (智谱, OpenAI …).")],
    store: StoreOption = None,
    data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """Where LAB's compute comes from, layer by layer.

    The clouds it rents from, their chips, the chips' designers, their foundries and the foundries' equipment makers.
    """
    from computekg.queries import supply

    found = _ask(store, data_dir, lambda s: supply.compute_sources(s, resolve_or_fail(s, lab)))
    if _printed_json(json_output, found):
        return
    layers = ("clouds", "chips", "designers", "foundries", "equipment_makers")
    _print_table(("layer", "entity", "by", "evidence"), (
        (layer.replace("_", " "), _label(linked.entity), _types(linked.relations), _evidence(linked.relations))
        for layer in layers for linked in getattr(found, layer)
    ))


def channels(
    designer: Annotated[str, typer.Argument(metavar="DESIGNER", help="A chip designer: id or any alias.")],
    country: Annotated[str | None, typer.Option(help="Only channels the catalog places here (ISO code: CN).")] =
        None,
    store: StoreOption = None,
    data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """The distributors and server makers through which DESIGNER's products reach buyers."""
    from computekg.queries import supply

    found = _ask(store, data_dir, lambda s: supply.distribution_channels(
        s, resolve_or_fail(s, designer), country=country.upper() if country else None))
    if _printed_json(json_output, found):
        return
    _print_table(("channel", "kind", "country", "by", "evidence"), (
        (_label(c.entity), c.kind.replace("_", " "), c.entity.country or "", _types(c.relations),
         _evidence(c.relations))
        for c in found
    ))


def restricted(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A policy, or a chip: id or any alias.")],
    store: StoreOption = None,
    data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """The chips a policy restricts, or the policies that restrict a chip.

    For a policy: the chips it restricts and their variants. For a chip: the policies that restrict it, or the
    chip it is a variant of.
    """
    from computekg.queries import supply

    def ask(target: GraphStore) -> list[supply.Restriction]:
        entity = target.entity(resolve_or_fail(target, name))
        if entity.kind is EntityKind.POLICY:
            return supply.restricted_by(target, entity.id)
        return supply.policies_restricting(target, entity.id)

    found = _ask(store, data_dir, ask)
    if _printed_json(json_output, found):
        return
    _print_table(("policy", "restricted", "as variant of", "evidence"), (
        (_label(r.policy), _label(r.restricted), _label(r.base) if r.base else "", _evidence(r.relations))
        for r in found
    ))


def chokepoints(
    top: TopOption = 10, layer: LayerOption = None, store: StoreOption = None, data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """The entities supply runs through most, those whose removal cuts others off, and market-share holders.

    Betweenness on the flow graph, the articulation points of the supply graph, and, where an imported dataset
    gives market shares (ETO), the inputs one organization provides at least half of.
    """
    from computekg.queries import analytics

    found = _ask(store, data_dir, lambda s: analytics.chokepoints(s, top=top), layer=layer)
    if _printed_json(json_output, found):
        return
    for title, ranked in (("by betweenness", found.by_betweenness), ("by entities cut off", found.by_separation)):
        _print_table(("entity", "betweenness", "cuts off"), (
            (_label(p.entity), f"{p.betweenness:.4f}", str(p.separates)) for p in ranked
        ), title=title)
    if found.by_share:
        _print_table(("provider", "provides", "share", "year", "evidence"), (
            (_label(p.provider), _label(p.provided), f"{p.share:g}%", p.year or "", _evidence((p.relation,)))
            for p in found.by_share
        ), title="by market share (datasets)")


def what_if(
    name: NameArgument, store: StoreOption = None, data_dir: DataDirOption = None, json_output: JsonOption = False,
) -> None:
    """If NAME stopped supplying: who loses every source, and who loses some (e.g. what-if 台积电)."""
    from computekg.queries import analytics

    found = _ask(store, data_dir, lambda s: analytics.what_if_removed(s, resolve_or_fail(s, name)))
    if _printed_json(json_output, found):
        return
    _print_table(("entity", "effect", "sources lost", "sources left"), (
        (_label(i.entity), effect, ", ".join(i.lost_sources), ", ".join(i.remaining_sources))
        for effect, impacts in (("cut off", found.cut_off), ("reduced", found.reduced)) for i in impacts
    ), title=f"without {_label(found.removed)}")


def exposure(
    policy: Annotated[str | None, typer.Argument(metavar="POLICY", help="A policy: id or any alias; all when "
                                                 "omitted.")] = None,
    store: StoreOption = None,
    data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """Who depends on chips a policy restricts, directly or through their cloud.

    Each with the chain of facts that says why.
    """
    from computekg.queries import analytics

    found = _ask(store, data_dir, lambda s: analytics.export_control_exposure(
        s, resolve_or_fail(s, policy) if policy else None))
    if _printed_json(json_output, found):
        return
    _print_table(("entity", "exposed", "why (first path)"), (
        (_label(e.entity), "directly" if e.direct else "through its cloud", _why(e.paths[0])) for e in found
    ))


def top(
    by: Annotated[Ranking, typer.Option(help="degree: most relationships; quantity: most chips held or bought, as "
                                            "stated; h100e: most compute held, from dataset estimates (Epoch AI), "
                                            "with intervals.")]
        = Ranking.DEGREE,
    count: TopOption = 10,
    kind: Annotated[
        list[EntityKind] | None,
        typer.Option("--kind", metavar="KIND", show_choices=False,
                     help=f"With --by degree: only entities of this kind (repeatable): {', '.join(EntityKind)}."),
    ] = None,
    product: Annotated[str | None, typer.Option(help="With --by quantity: only this product (id or any alias).")]
        = None,
    as_of: Annotated[str | None, typer.Option(metavar="DATE", help="With --by h100e: held by DATE "
                                              "(YYYY[-MM[-DD]]); every quarter when omitted.")] = None,
    layer: LayerOption = None,
    store: StoreOption = None,
    data_dir: DataDirOption = None,
    json_output: JsonOption = False,
) -> None:
    """Rank entities by how connected they are, or by how many chips they hold or bought."""
    from computekg.queries import analytics

    if by is Ranking.DEGREE:
        ranks = _ask(store, data_dir, lambda s: analytics.top_by_degree(s, top=count, kinds=kind), layer=layer)
        if not _printed_json(json_output, ranks):
            _print_table(("entity", "kind", "relationships", "in", "out"), (
                (_label(r.entity), r.entity.kind, str(r.degree), str(r.in_degree), str(r.out_degree)) for r in ranks
            ))
        return
    if by is Ranking.H100E:
        _top_holders(count, as_of, store, data_dir, json_output, layer)
        return
    holdings = _ask(store, data_dir, lambda s: analytics.top_by_quantity(
        s, product_id=resolve_or_fail(s, product) if product else None, top=count), layer=layer)
    if not _printed_json(json_output, holdings):
        _print_table(("holder", "product", "quantity", "evidence"), (
            (_label(h.holder), _label(h.product) if h.product else h.what, h.quantity.text,
             _evidence(h.relations)) for h in holdings
        ))


def _top_holders(count: int, as_of: str | None, store: StoreKind | None, data_dir: Path | None,
                 json_output: bool, layer: Layer | None) -> None:
    from computekg.queries.holdings import top_holders

    holders = _ask(store, data_dir, lambda s: top_holders(s, as_of=as_of, top=count), layer=layer)
    if _printed_json(json_output, holders):
        return
    _print_table(("holder", "H100e (sum of medians)", "summed p5 – p95", "quarters", "cited"), (
        (_label(h.holder), f"{h.h100e.median:,.0f}", f"{h.h100e.p5:,.0f} – {h.h100e.p95:,.0f}", str(h.quarters),
         _evidence(h.relations[-1:])) for h in holders
    ), title=f"compute held{f' by {as_of}' if as_of else ''} (Epoch AI estimates; aggregates left out)")


def _ask(kind: StoreKind | None, data_dir: Path | None, question: Callable[[GraphStore], _T], *,
         layer: Layer | None = None) -> _T:
    """Open the store, ask, close; an unknown entity or a missing path exits with a clean message."""
    from computekg.graph.errors import GraphError

    target = query_store(kind, data_dir, layer=layer)
    try:
        return question(target)
    except GraphError as error:
        raise fail(str(error)) from error
    finally:
        target.close()


def _printed_json(json_output: bool, found: Any) -> bool:
    """Print `found` (a pydantic model, or a sequence of them) as JSON when asked, and say whether it was."""
    from pydantic import BaseModel

    if json_output:
        if isinstance(found, BaseModel):
            print_json(found.model_dump(mode="json", exclude_none=True))
        else:
            print_json([model.model_dump(mode="json", exclude_none=True) for model in found])
    return json_output


def _print_tiers(found: list[supply.Tier], json_output: bool) -> None:
    if _printed_json(json_output, found):
        return
    _print_table(("tier", "entity", "kind", "by", "evidence"), (
        (str(tier.level), _label(m.entity), m.entity.kind, _types(m.relations), _evidence(m.relations))
        for tier in found for m in tier.members
    ))


def _print_table(columns: Sequence[str], rows: Iterable[Sequence[str]], *, title: str | None = None) -> None:
    from rich.table import Table

    table = Table(*columns, title=title)
    for row in rows:
        table.add_row(*row)
    out.print(table if table.row_count else f"{title + ': ' if title else ''}nothing found")


def _label(entity: Entity) -> str:
    return f"{entity.name} {entity.name_zh}" if entity.name_zh else entity.name


def _types(relations: Sequence[Relation]) -> str:
    return ", ".join(sorted({str(r.type) for r in relations}))


def _evidence(relations: Sequence[Relation]) -> str:
    """The best-supported fact's first quote, with its source article and status."""
    best = relations[0]
    status = f" ({best.status})" if best.status else ""
    return f"{cited(best.evidence[0])}{status}"


def _why(path: analytics.ExposurePath) -> str:
    through = f" → {_label(path.cloud)}" if path.cloud else ""
    return f"{path.policy.id} restricts {_label(path.chip)}{through}: {_evidence(path.relations[-1:])}"
