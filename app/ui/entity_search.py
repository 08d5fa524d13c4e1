"""The search box that takes any name of an entity (Simplified, Traditional, English, any case or width)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from computekg.app.ui.cached import catalog
from computekg.graph.errors import EntityNotFound
from computekg.graph.model import Entity
from computekg.loaders.alias_index import AmbiguousName

__all__ = ["entity_search"]

_PLACEHOLDER = "台积电 · 台積電 · TSMC · 英伟达 · 火山引擎 …"


def entity_search(
    label: str, *, key: str, default: str = "", suggestions: Sequence[str] = (), help: str | None = None
) -> Entity | None:
    """A text box bound to the URL parameter `key`, with a type-ahead list beside it; returns the entity named.

    The box takes any name or alias in any script (and is what a shared link fills); the list offers the
    entities of the graph as the user types (names in every script, a few aliases) and fills the box with
    the one picked. An unknown or ambiguous name shows the candidates as buttons that fill the box; an
    empty box shows `suggestions` (names) the same way.
    """
    cat = catalog()
    typed, listed = st.columns([3, 2], vertical_alignment="bottom")
    text = typed.text_input(label, value=default, key=key, bind="query-params", placeholder=_PLACEHOLDER,
                            help=help or "Any name or alias in any script: the entity is found by its catalog "
                                         "names.")
    listed.selectbox(f"{label}: type to find", list(cat.search_labels), index=None, key=f"{key}.find",
                     format_func=cat.search_labels.__getitem__, placeholder="Type a few letters or 字…",
                     on_change=_picked, args=(key,), label_visibility="collapsed")
    text = (text or "").strip()
    if not text:
        _choices("Try:", suggestions, key)
        return None
    try:
        entity = cat.aliases.resolve(text)
    except AmbiguousName as error:
        _choices(f"“{text}” names several entities; pick one:", error.candidates, key)
        return None
    except EntityNotFound as error:
        if error.candidates:
            _choices(f"No entity is called “{text}”. Did you mean:", error.candidates, key)
        else:
            st.warning(f"No entity is called “{text}”.")
        return None
    names = " / ".join(dict.fromkeys(n for n in (entity.name, entity.name_zh, entity.name_zh_hant) if n))
    st.caption(f"→ **{names}** · {entity.kind} · id `{entity.id}`")
    return entity


def _choices(prompt: str, names: Sequence[str], key: str) -> None:
    if not names:
        return
    cat = catalog()
    columns = st.columns([2, *([1] * len(names))], vertical_alignment="center")
    columns[0].caption(prompt)
    for column, name in zip(columns[1:], names, strict=True):
        label = cat.name(name) if name in cat.entities else name
        column.button(label, key=f"{key}.choice.{name}", on_click=_fill, args=(key, name))


def _fill(key: str, value: str) -> None:
    st.session_state[key] = value


def _picked(key: str) -> None:
    """An entity picked in the type-ahead list fills the box (by id) and the list is ready for the next search."""
    finder = f"{key}.find"
    if st.session_state.get(finder):
        _fill(key, st.session_state[finder])
    st.session_state[finder] = None
