"""Browser Back and Forward on a page whose view lives in the URL.

Streamlit keeps a widget's value in the session, and a widget bound to the URL writes that value back to
the URL on every run, so after Back the old URL would be overwritten by the newer view. The app notes the
URL at the end of every run (`note_url`); a run that starts from a different URL than the one noted was
navigated to by the browser (Back, Forward, an edited address), and then the URL wins: the page's widgets
are reset so they take their values from it.

Streamlit also pushes one history entry per URL parameter a run changes, so one click that changes three
(centre, focus, expansions) would take three Backs to undo. `one_step_per_action` mounts a script
(`history_steps.js`) that makes each user action (a click, a key, a changed field) one history entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import streamlit as st

__all__ = ["follow_history", "note_url", "one_step_per_action"]

_NOTED = "computekg.noted_url"
_STEPS = st.components.v2.component(
    "computekg_history_steps", html="", js=Path(__file__).with_name("history_steps.js").read_text(encoding="utf-8"))


def _url() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def note_url() -> None:
    """Remember the URL as this run leaves it (call at the end of every run)."""
    st.session_state[_NOTED] = _url()


def follow_history(keys: Iterable[str]) -> None:
    """When the browser changed the URL since the last run, reset the widgets `keys` to its values."""
    noted = st.session_state.get(_NOTED)
    if noted is None or noted == _url():
        return
    for key in keys:
        st.session_state.pop(key, None)
    note_url()


def one_step_per_action() -> None:
    """Make each user action one browser history entry (call once per run, on every page)."""
    with st.sidebar:
        _STEPS(key="computekg.history_steps")
