"""The closed vocabulary of the graph: node labels, roles and relationship types.

Labels and relationship types written to any store come from these enums and never
from article text, so a typo in a fact file fails validation instead of creating a
new kind of edge.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "EntityKind",
    "OrgRole",
    "ProductKind",
    "FacilityKind",
    "RelType",
    "FactStatus",
    "TextAlteration",
    "RelFamily",
    "REL_FAMILY",
    "ENDPOINT_KINDS",
    "SUPPLY_FLOW_TYPES",
]


class EntityKind(StrEnum):
    """Node labels. Every entity has exactly one."""

    ORGANIZATION = "Organization"
    PRODUCT = "Product"
    MODEL = "Model"
    FACILITY = "Facility"
    POLICY = "Policy"
    PERSON = "Person"
    PLACE = "Place"
    SOURCE = "Source"


class OrgRole(StrEnum):
    """What an organization does in the compute supply chain (an organization may have several)."""

    CHIP_DESIGNER = "chip_designer"
    EDA_IP = "eda_ip"  # design software and licensable IP (Synopsys, Arm)
    FOUNDRY = "foundry"
    PACKAGING_TEST = "packaging_test"  # advanced packaging, assembly and test (ASE, Amkor)
    EQUIPMENT_MAKER = "equipment_maker"
    MATERIALS_SUPPLIER = "materials_supplier"  # wafers, photoresist, gases, substrates
    MEMORY_MAKER = "memory_maker"
    COMPONENT_MAKER = "component_maker"  # boards, power, cooling, optics, connectors
    NETWORKING = "networking"  # switches, NICs, interconnect
    SERVER_MAKER = "server_maker"
    DISTRIBUTOR = "distributor"
    CLOUD_PROVIDER = "cloud_provider"
    DATA_CENTRE_OPERATOR = "data_centre_operator"
    TELECOM = "telecom"
    DEVICE_MAKER = "device_maker"  # phones, PCs, consumer electronics
    AI_LAB = "ai_lab"
    INTERNET_PLATFORM = "internet_platform"
    AUTOMAKER = "automaker"
    RESEARCH_LAB = "research_lab"
    UNIVERSITY = "university"
    INVESTOR = "investor"
    GOVERNMENT_BODY = "government_body"
    MARKET_RESEARCH = "market_research"
    MEDIA = "media"
    ENTERPRISE = "enterprise"


class ProductKind(StrEnum):
    """What kind of thing a Product node is."""

    CHIP = "chip"
    FAMILY = "family"  # a product line or architecture that chips belong to (Hopper, Instinct, Ascend)
    MEMORY = "memory"  # memory products and generations (HBM3E, HBM4)
    SERVER = "server"  # servers and systems (DGX H100, HGX, GB200 NVL72)
    CLUSTER = "cluster"
    CLOUD_SERVICE = "cloud_service"
    SOFTWARE_PLATFORM = "software_platform"
    EQUIPMENT = "equipment"
    COMPONENT = "component"
    NETWORKING = "networking"  # interconnect and network products (NVLink, InfiniBand, Tomahawk)
    PROCESS = "process"  # a manufacturing process node (N3, 7nm, 18A)
    PACKAGING = "packaging"  # an advanced-packaging technology (CoWoS, SoIC, Foveros)


class FacilityKind(StrEnum):
    """What kind of site a Facility node is."""

    DATA_CENTRE = "data_centre"
    COMPUTING_CENTRE = "computing_centre"


class RelType(StrEnum):
    """Relationship types. Each points downstream: from who gives to who receives.

    The docstring of each member says which way it points.
    """

    DESIGNS = "DESIGNS"  # designer -> chip/product
    DEVELOPS = "DEVELOPS"  # organization -> model, software platform or cloud service
    MANUFACTURES = "MANUFACTURES"  # foundry/maker -> product
    SUPPLIES = "SUPPLIES"  # seller -> buyer (product, quantity, amount as properties)
    PURCHASED = "PURCHASED"  # buyer -> product, when no seller is named
    DISTRIBUTES = "DISTRIBUTES"  # distributor -> product it resells
    INTEGRATES = "INTEGRATES"  # server maker -> chip it builds into systems
    PROVIDES_COMPUTE_TO = "PROVIDES_COMPUTE_TO"  # cloud -> tenant
    INVESTS_IN = "INVESTS_IN"  # investor -> investee
    SUBSIDIARY_OF = "SUBSIDIARY_OF"  # child -> parent
    VARIANT_OF = "VARIANT_OF"  # derived product -> base product (A800 -> A100)
    RESTRICTS = "RESTRICTS"  # policy -> product (or organization) it restricts
    ISSUED_BY = "ISSUED_BY"  # policy -> government body
    USES = "USES"  # organization/model/facility -> chip/product (quantity)
    TRAINED_ON = "TRAINED_ON"  # model -> chip/cluster (quantity)
    OPERATES = "OPERATES"  # organization -> facility/cluster/cloud service
    LOCATED_IN = "LOCATED_IN"  # organization/facility -> place
    PARTNERS_WITH = "PARTNERS_WITH"  # organization <-> organization (stored one way)
    COMPETES_WITH = "COMPETES_WITH"  # organization/product/model <-> the same kinds
    LEADS = "LEADS"  # person -> organization (role as property)


class FactStatus(StrEnum):
    """How firmly the article states a fact; absent means stated as having happened."""

    PLANNED = "planned"
    CONSIDERED = "considered"  # weighed, in talks, under evaluation: nothing decided
    RUMOURED = "rumoured"
    ENDED = "ended"
    DENIED = "denied"


class TextAlteration(StrEnum):
    """How the text a quote comes from differs from what the publisher wrote (a republishing site's doing).

    A reader of a quote must know it: a stripped text lacks names and figures, a reworded one has
    synonyms where the original had other words.
    """

    STRIPPED = "stripped"  # most English words and Arabic numerals removed
    REWORDED = "reworded"  # machine synonym substitution ("pseudo-original": 海潮 for 浪潮)


class RelFamily(StrEnum):
    """Groups of relationship types that say the same kind of thing, for scoring and summaries.

    Two readers of one sentence may pick neighbouring types ('bought from' as SUPPLIES or, with no
    seller named, PURCHASED); within a family they agree on what the sentence is about.
    """

    TRADE = "trade"  # goods change hands
    MAKING = "making"  # who designs, makes or derives a product
    COMPUTE = "compute"  # who runs on, rents out or operates compute
    CAPITAL = "capital"  # money and ownership
    POLICY = "policy"  # rules and who issues them
    TIES = "ties"  # partners and rivals (symmetric)
    PEOPLE_PLACES = "people_places"  # who leads what, what is where


REL_FAMILY: dict[RelType, RelFamily] = {
    RelType.SUPPLIES: RelFamily.TRADE,
    RelType.PURCHASED: RelFamily.TRADE,
    RelType.DISTRIBUTES: RelFamily.TRADE,

    RelType.DESIGNS: RelFamily.MAKING,
    RelType.MANUFACTURES: RelFamily.MAKING,
    RelType.DEVELOPS: RelFamily.MAKING,
    RelType.VARIANT_OF: RelFamily.MAKING,
    RelType.INTEGRATES: RelFamily.MAKING,  # building chips into systems is making them, not selling them
    RelType.PROVIDES_COMPUTE_TO: RelFamily.COMPUTE,
    RelType.USES: RelFamily.COMPUTE,
    RelType.TRAINED_ON: RelFamily.COMPUTE,
    RelType.OPERATES: RelFamily.COMPUTE,
    RelType.INVESTS_IN: RelFamily.CAPITAL,
    RelType.SUBSIDIARY_OF: RelFamily.CAPITAL,
    RelType.RESTRICTS: RelFamily.POLICY,
    RelType.ISSUED_BY: RelFamily.POLICY,
    RelType.PARTNERS_WITH: RelFamily.TIES,
    RelType.COMPETES_WITH: RelFamily.TIES,
    RelType.LEADS: RelFamily.PEOPLE_PLACES,
    RelType.LOCATED_IN: RelFamily.PEOPLE_PLACES,
}

_ANY = frozenset(EntityKind) - {EntityKind.SOURCE}
_ORG = frozenset({EntityKind.ORGANIZATION})
_PRODUCT = frozenset({EntityKind.PRODUCT})

# Which node labels may stand at each end of each relationship type: (subject kinds, object kinds).
ENDPOINT_KINDS: dict[RelType, tuple[frozenset[EntityKind], frozenset[EntityKind]]] = {
    RelType.DESIGNS: (_ORG, _PRODUCT),
    RelType.DEVELOPS: (_ORG, frozenset({EntityKind.MODEL, EntityKind.PRODUCT})),
    RelType.MANUFACTURES: (_ORG, _PRODUCT),
    RelType.SUPPLIES: (_ORG, _ORG),
    RelType.PURCHASED: (_ORG, _PRODUCT),
    RelType.DISTRIBUTES: (_ORG, _PRODUCT),
    RelType.INTEGRATES: (_ORG, _PRODUCT),
    RelType.PROVIDES_COMPUTE_TO: (_ORG | _PRODUCT | {EntityKind.FACILITY}, _ORG),
    RelType.INVESTS_IN: (_ORG | {EntityKind.PERSON}, _ORG),
    RelType.SUBSIDIARY_OF: (_ORG, _ORG),
    RelType.VARIANT_OF: (_PRODUCT, _PRODUCT),
    RelType.RESTRICTS: (frozenset({EntityKind.POLICY}), _PRODUCT | _ORG),
    RelType.ISSUED_BY: (frozenset({EntityKind.POLICY}), _ORG),
    RelType.USES: (_ORG | {EntityKind.MODEL, EntityKind.FACILITY} | _PRODUCT, _PRODUCT),
    RelType.TRAINED_ON: (frozenset({EntityKind.MODEL}), _PRODUCT | {EntityKind.FACILITY}),
    RelType.OPERATES: (_ORG, frozenset({EntityKind.FACILITY, EntityKind.PRODUCT})),
    RelType.LOCATED_IN: (_ORG | {EntityKind.FACILITY}, frozenset({EntityKind.PLACE})),
    RelType.PARTNERS_WITH: (_ORG, _ORG),
    RelType.COMPETES_WITH: (_ORG | _PRODUCT | {EntityKind.MODEL}, _ORG | _PRODUCT | {EntityKind.MODEL}),
    RelType.LEADS: (frozenset({EntityKind.PERSON}), _ORG),
}

# Relationship types along which equipment, chips and compute flow downstream; directed
# supply paths (ASML -> TSMC -> NVIDIA -> ByteDance -> Volcano Engine -> Zhipu) follow these.
SUPPLY_FLOW_TYPES: frozenset[RelType] = frozenset(
    {
        RelType.SUPPLIES,
        RelType.MANUFACTURES,
        RelType.DESIGNS,
        RelType.DISTRIBUTES,
        RelType.INTEGRATES,
        RelType.PROVIDES_COMPUTE_TO,
        RelType.PURCHASED,
    }
)

# Structural relationship from a Source node to each entity its facts mention. It is derived
# from fact evidence (never stated by itself), so it is not one of the fact types above.
MENTIONS = "MENTIONS"
__all__ += ["MENTIONS"]
