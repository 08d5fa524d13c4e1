"""The computekg app: `streamlit run` this file (or `computekg app`).

A thin entrypoint: it opens the store once, says which one is active, and routes to the pages with
`st.navigation`. A link may name its page in the URL path (`/paths?…`) or as `?page=paths`.
"""

from __future__ import annotations

import streamlit as st

from computekg.app.ui.cached import catalog
from computekg.app.ui.connection import connection, show_store_status

# Emoji icons, not Material ones: the browser fetches a Material favicon from the network, an emoji it draws.
st.set_page_config(page_title="computekg", page_icon="🕸️", layout="wide")

PAGES = {
    "explore": st.Page("views/explore.py", title="Explore", icon="🔎", url_path="explore", default=True),
    "paths": st.Page("views/paths.py", title="Paths", icon="🛤️", url_path="paths"),
    "supply_chain": st.Page("views/supply_chain.py", title="Supply chain", icon="🏭", url_path="supply_chain"),
    "cypher": st.Page("views/cypher.py", title="Cypher", icon="⌨️", url_path="cypher"),
    "sources": st.Page("views/sources.py", title="Sources", icon="📰", url_path="sources"),
    "export": st.Page("views/export.py", title="Export and report", icon="📦", url_path="export"),
}
_ROUTED = "computekg.routed"

page = st.navigation(list(PAGES.values()))
# A shared link's `?page=` is honoured once, when the session opens; after that the user navigates.
if not st.session_state.get(_ROUTED):
    st.session_state[_ROUTED] = True
    wanted = st.query_params.get("page")
    if wanted in PAGES and PAGES[wanted].url_path != page.url_path:
        st.switch_page(PAGES[wanted], query_params={k: st.query_params.get_all(k) for k in st.query_params
                                                    if k != "page"})
st.query_params["page"] = next(name for name, known in PAGES.items() if known.url_path == page.url_path)

st.sidebar.title("computekg")
show_store_status(connection(), catalog().counts)
page.run()
