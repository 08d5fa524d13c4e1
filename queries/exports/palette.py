"""One colour per entity kind, shared by the pictures, the Mermaid diagram and the reports' legend.

Why fixed colours: a reader who learns that green means Product in one export should find the same
in every other one. Colours are from the Okabe–Ito palette, which colour-blind readers can tell apart.
"""

from __future__ import annotations

from computekg.graph.schema import EntityKind

__all__ = ["KIND_COLOURS"]

KIND_COLOURS: dict[EntityKind, str] = {
    EntityKind.ORGANIZATION: "#56B4E9",
    EntityKind.PRODUCT: "#009E73",
    EntityKind.MODEL: "#CC79A7",
    EntityKind.FACILITY: "#E69F00",
    EntityKind.POLICY: "#D55E00",
    EntityKind.PERSON: "#F0E442",
    EntityKind.PLACE: "#999999",
    EntityKind.SOURCE: "#0072B2",
}
