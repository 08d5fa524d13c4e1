"""Cypher: a read-only console on Neo4j, with examples, parameters, a table, a graph and downloads."""

from __future__ import annotations

import json
import re

import streamlit as st

from computekg.app.ui.cached import forget_answers
from computekg.app.ui.connection import NEO4J_HINT, connection, writes_allowed
from computekg.app.ui.cypher_console import EXAMPLES, parse_params, rows_csv, rows_json, table_rows
from computekg.app.ui.graph_view import show_graph
from computekg.app.ui.views import View, remember_view
from computekg.graph.errors import GraphError
from computekg.queries.cypher import CypherWriteRefused, run_cypher
from computekg.queries.exports.context import ReportContext

TIMEOUT_S = 10.0
_LAST = "computekg.cypher.last"  # (query, parameters, write) and the result they gave
# The library's advice to developers ("pass write=True (CLI: --write)"), not an analyst's business.
_WRITE_HINT = re.compile(r";?\s*pass write=True[^;]*")
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

# A query runs only when the user presses Run: never from a link, an example or a page visit (a query in a
# URL could be anyone's). The last result stays on screen for the query and parameters it answered.
asked = (query, params_text or "", bool(write))
if run:
    try:
        result = run_cypher(conn.store, query, params=parse_params(params_text or ""), write=write,
                            timeout_s=TIMEOUT_S, row_limit=ROW_LIMIT)
    except CypherWriteRefused as error:
        st.session_state.pop(_LAST, None)
        st.error("This query would change the graph, and the console only reads. "
                 + _WRITE_HINT.sub("", str(error)).rstrip(" ;,."))
        st.stop()
    except (GraphError, ValueError) as error:
        st.session_state.pop(_LAST, None)
        st.error(_WRITE_HINT.sub("", str(error)))
        st.stop()
    if write:
        forget_answers()
    st.session_state[_LAST] = (asked, result)
last = st.session_state.get(_LAST)
if last is None or last[0] != asked:
    st.info("Press **Run** to run this query.")
    st.stop()
result = last[1]

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
    remember_view("cypher", View(
        f"Cypher result: {' '.join(query.split())[:80]}", result.subgraph,
        ReportContext(filters=(("Cypher query", " ".join(query.split())), ("Parameters", params_text or "none"))),
        "computekg-cypher-result",
    ))
    show_graph(result.subgraph, key="cypher.graph", height=480)
