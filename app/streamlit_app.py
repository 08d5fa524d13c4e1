"""The computekg app: `streamlit run` this file (or `computekg app`).

A thin entrypoint: it opens the store once, says which one is active, and routes to the pages with
`st.navigation`. A link may name its page in the URL path (`/paths?…`) or as `?page=paths`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from computekg.app.ui.cached import catalog
from computekg.app.ui.connection import connection, show_store_status
from computekg.app.ui.history import note_url, one_step_per_action

ICON = Path(__file__).with_name("ui") / "icon.png"

# Material icons: Streamlit ships their font, so they draw on a server with no emoji font (an emoji would be
# an empty box there). The tab's icon is the picture the app ships beside this file, never fetched.
st.set_page_config(page_title="computekg", page_icon=str(ICON), layout="wide")

PAGES = {
    "explore": st.Page("views/explore.py", title="Explore", icon=":material/travel_explore:", url_path="explore"),
    "paths": st.Page("views/paths.py", title="Paths", icon=":material/route:", url_path="paths"),
    "supply_chain": st.Page("views/supply_chain.py", title="Supply chain", icon=":material/factory:",
                            url_path="supply_chain"),
    "cypher": st.Page("views/cypher.py", title="Cypher", icon=":material/terminal:", url_path="cypher"),
    "sources": st.Page("views/sources.py", title="Sources", icon=":material/newspaper:", url_path="sources"),
    "export": st.Page("views/export.py", title="Export and report", icon=":material/ios_share:", url_path="export"),
}
_ROUTED = "computekg.routed"


def _front_door() -> None:
    """The root URL: it shows Explore, so that Explore itself answers at `/explore`, the path its links name
    (Streamlit serves a default page only at `/`, and a link that has to switch pages draws later)."""
    st.switch_page(PAGES["explore"], query_params={k: st.query_params.get_all(k) for k in st.query_params})


_FRONT_DOOR = st.Page(_front_door, title="computekg", url_path="front", default=True, visibility="hidden")
page = st.navigation([_FRONT_DOOR, *PAGES.values()])
# A shared link's `?page=` is honoured once, when the session opens; after that the user navigates.
if not st.session_state.get(_ROUTED):
    st.session_state[_ROUTED] = True
    wanted = st.query_params.get("page") or ("explore" if page.url_path == _FRONT_DOOR.url_path else None)
    if wanted in PAGES and PAGES[wanted].url_path != page.url_path:
        st.switch_page(PAGES[wanted], query_params={k: st.query_params.get_all(k) for k in st.query_params
                                                    if k != "page"})
if page.url_path == _FRONT_DOOR.url_path:
    page.run()  # a session that opened at `/` once and comes back to it: Explore again
st.query_params["page"] = next(name for name, known in PAGES.items() if known.url_path == page.url_path)

st.sidebar.title("computekg")
show_store_status(connection(), len(catalog().graph.entities), len(catalog().graph.relations))
one_step_per_action()
try:
    page.run()
finally:  # also when the page stops early or reruns: the next run must know which URL this one left
    note_url()
