"""The Supply chain page's questions, and which entity each one is asked about when the user switches.

One entity box serves every question, so switching from "Suppliers and customers" of ByteDance to "Tenants
of a cloud" used to ask, unasked, for the tenants of ByteDance. Each question now keeps its own entity: on a
switch the box shows the entity last asked about under the new question in this session, or nothing and
suggestions that suit it. A link names its question and entity together and opens as it says. When the
entity does not suit the question (tenants of something that provides no compute), the page says so.
"""

from __future__ import annotations

import streamlit as st

from computekg.app.ui.cached import Catalog
from computekg.graph.schema import RelType

__all__ = ["TIERS", "TENANTS", "COMPUTE", "WHAT_IF", "EXPOSURE", "RANKINGS", "QUESTIONS", "NEEDS_ENTITY",
           "SUGGESTIONS", "suits", "switch_question", "remember_question"]

TIERS, TENANTS, COMPUTE, WHAT_IF, EXPOSURE, RANKINGS = QUESTIONS = (
    "Suppliers and customers", "Tenants of a cloud", "Compute sources of a lab", "What if it stopped",
    "Export-control exposure", "Chokepoints and rankings",
)
NEEDS_ENTITY = (TIERS, TENANTS, COMPUTE, WHAT_IF)
SUGGESTIONS = {
    TIERS: ("nvidia", "tsmc", "bytedance"),
    TENANTS: ("volcano-engine", "alibaba-cloud", "microsoft-azure"),
    COMPUTE: ("zhipu-ai", "openai", "bytedance"),
    WHAT_IF: ("tsmc", "nvidia", "asml"),
}
_ASKED = "computekg.supply.asked"  # question -> the entity text last asked about under it
_LAST = "computekg.supply.question"
_GETS_COMPUTE = frozenset({RelType.PROVIDES_COMPUTE_TO, RelType.USES, RelType.PURCHASED, RelType.TRAINED_ON})


def suits(question: str, entity_id: str, cat: Catalog) -> bool:
    """Whether `question` makes sense about the entity: tenants of a cloud that provides compute, compute
    sources of something that gets compute or chips; the other questions suit any entity."""
    if question == TENANTS:
        return any(r.subject == entity_id and r.type is RelType.PROVIDES_COMPUTE_TO for r in cat.graph.relations)
    if question == COMPUTE:
        return any((r.object if r.type is RelType.PROVIDES_COMPUTE_TO else r.subject) == entity_id
                   for r in cat.graph.relations if r.type in _GETS_COMPUTE)
    return True


def remember_question(question: str) -> None:
    """Note the question on screen (call every run), so a switch knows which one it leaves."""
    st.session_state[_LAST] = question


def switch_question() -> None:
    """The question control's callback: remember the entity of the question left, recall the new one's."""
    left, new = st.session_state.get(_LAST), st.session_state.get("question")
    asked: dict[str, str] = st.session_state.setdefault(_ASKED, {})
    text = (st.session_state.get("entity") or "").strip()
    if left in NEEDS_ENTITY and text:
        asked[left] = text
    if new in NEEDS_ENTITY:
        st.session_state["entity"] = asked.get(new, "")
