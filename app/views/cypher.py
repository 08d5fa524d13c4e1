"""Cypher: a read-only console on Neo4j, with examples, parameters, a table, a graph and downloads."""

from __future__ import annotations

import json

import streamlit as st

from computekg.app.ui.cached import ask, forget_answers
from computekg.app.ui.connection import NEO4J_HINT, connection, writes_allowed
from computekg.app.ui.cypher_console import EXAMPLES, parse_params, rows_csv, rows_json, table_rows
from computekg.app.ui.graph_view import show_graph
from computekg.app.ui.views import remember_view
from computekg.graph.errors import GraphError
from computekg.queries.cypher import CypherResult, CypherWriteRefused, run_cypher

TIMEOUT_S = 10.0
ROW_LIMIT = 1000


def _use_example() -> None:
    example = EXAMPLES[st.session_state["example"]]
    st.session_state["cypher"] = example.query
    st.session_state["params"] = json.dumps(example.params, ensure_ascii=False)


conn = connection()
st.title("Cypher")
if not conn.is_neo4j:
    st.warning("The Cypher console needs Neo4j, and the app runs on the embedded store. " + NEO4J_HINT)
else:
    st.caption(f"On {conn.description}. Read-only: a query that would write is refused. "
               f"Queries stop after {TIMEOUT_S:g} s; at most {ROW_LIMIT} rows come back.")

st.selectbox("Examples", range(len(EXAMPLES)), format_func=lambda i: EXAMPLES[i].title, index=None,
             placeholder="Start from an example…", key="example", on_change=_use_example)
query = st.text_area("Query", value=EXAMPLES[0].query, height=130, key="cypher", bind="query-params")
params_text = st.text_input("Parameters (JSON object)", value=json.dumps(EXAMPLES[0].params), key="params",
                            bind="query-params")
write = writes_allowed() and st.checkbox(
    "Allow writes", key="write", help="Only offered because the app was started with writes allowed."
)
run = st.button("Run", type="primary", disabled=not conn.is_neo4j)
if not conn.is_neo4j or not (query or "").strip():
    st.stop()

result: CypherResult | None = None
try:
    params = parse_params(params_text or "")
    if write and not run:
        st.info("With writes allowed, a query runs only when you press Run.")
    elif run or write:  # Run asks the server again; a write never comes from the cache
        result = run_cypher(conn.store, query, params=params, write=write, timeout_s=TIMEOUT_S,
                            row_limit=ROW_LIMIT)
        if write:
            forget_answers()
    else:
        result = ask(run_cypher, query, params=params, timeout_s=TIMEOUT_S, row_limit=ROW_LIMIT)
except CypherWriteRefused as error:
    st.error(f"Refused: {error}")
except (GraphError, ValueError) as error:
    st.error(str(error))
if result is None:
    st.stop()

for warning in result.warnings:
    st.warning(warning)
st.caption(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"
           + (f" (cut at {ROW_LIMIT})" if result.truncated else ""))
st.dataframe(table_rows(result), hide_index=True)
left, right, _ = st.columns([1, 1, 4])
left.download_button("Download CSV", rows_csv(result), file_name="cypher-result.csv", mime="text/csv",
                     on_click="ignore", icon=":material/download:")
right.download_button("Download JSON", rows_json(result), file_name="cypher-result.json",
                      mime="application/json", on_click="ignore", icon=":material/download:")
if result.subgraph is not None:
    remember_view("cypher", f"Cypher result: {' '.join(query.split())[:80]}", result.subgraph)
    show_graph(result.subgraph, key="cypher.graph", height=480)
