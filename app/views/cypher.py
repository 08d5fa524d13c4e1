"""Cypher: a read-only console on Neo4j, with examples, parameters, a table, a graph and downloads."""

from __future__ import annotations

import json
import re
from typing import Any

import streamlit as st

from computekg.app.ui.cached import catalog, forget_answers
from computekg.app.ui.connection import NEO4J_HINT, connection, writes_allowed
from computekg.app.ui.cypher_console import (
    EXAMPLES,
    HistoryEntry,
    card_markdown,
    error_parts,
    parse_params,
    rows_csv,
    rows_json,
    table_rows,
)
from computekg.app.ui.graph_view import show_graph
from computekg.app.ui.text import plain
from computekg.app.ui.views import View, remember_view
from computekg.graph.errors import GraphError
from computekg.queries.cypher import CypherWriteRefused, run_cypher
from computekg.queries.exports.context import ReportContext

TIMEOUT_S = 10.0
_LAST = "computekg.cypher.last"  # (query, parameters, write) and the result they gave
# The library's advice to developers ("pass write=True (CLI: --write)"), not an analyst's business.
_WRITE_HINT = re.compile(r";?\s*pass write=True[^;]*")
ROW_LIMIT = 1000
CARD_ROWS = 50  # rows shown as cards; the table and the downloads have them all
HISTORY = "computekg.cypher.history"  # this session's runs, newest first
HISTORY_SHOWN = 20


def _use_example() -> None:
    example = EXAMPLES[st.session_state["example"]]
    st.session_state["cypher"] = example.query
    st.session_state["params"] = json.dumps(example.params, ensure_ascii=False)


def _use_history(entry: HistoryEntry) -> None:
    st.session_state["cypher"] = entry.query
    st.session_state["params"] = entry.params


def _remember(query: str, params: str, outcome: str) -> None:
    """Put the run at the top of this session's history (an identical run moves up rather than repeating)."""
    entry = HistoryEntry(query, params, outcome)
    past = [e for e in st.session_state.get(HISTORY, []) if (e.query, e.params) != (query, params)]
    st.session_state[HISTORY] = [entry, *past][:HISTORY_SHOWN]


def _show_history(slot: Any) -> None:
    """This session's queries, newest first, in `slot` (filled once the run of this rerun is in it)."""
    entries: list[HistoryEntry] = st.session_state.get(HISTORY, [])
    with slot.expander(f"Query history (this session, {len(entries)})", expanded=False):
        if not entries:
            st.caption("Queries you run appear here; click one to put it back in the editor.")
        for index, entry in enumerate(entries):
            st.button(f"{' '.join(entry.query.split())[:90]} · {entry.outcome}", key=f"history.{index}",
                      on_click=_use_history, args=(entry,), icon=":material/history:", type="tertiary")


def _show_error(message: str) -> None:
    """Neo4j's message in words, and its excerpt of the query in a fixed-width font so the caret points right."""
    words, excerpt = error_parts(message)
    st.error(plain(words))
    if excerpt:
        st.code(excerpt, language=None)


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
history = st.container()
if not conn.is_neo4j:
    st.stop()
if not (query or "").strip():
    _show_history(history)
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
        _remember(query, params_text or "", "refused: it would write")
        _show_history(history)
        st.error("This query would change the graph, and the console only reads. "
                 + _WRITE_HINT.sub("", str(error)).rstrip(" ;,."))
        st.stop()
    except (GraphError, ValueError) as error:
        st.session_state.pop(_LAST, None)
        _remember(query, params_text or "", "failed")
        _show_history(history)
        _show_error(_WRITE_HINT.sub("", str(error)))
        st.stop()
    _remember(query, params_text or "", f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}")
    if write:
        forget_answers()
    st.session_state[_LAST] = (asked, result)
_show_history(history)
last = st.session_state.get(_LAST)
if last is None or last[0] != asked:
    st.info("Press **Run** to run this query.")
    st.stop()
result = last[1]

for warning in result.warnings:
    st.warning(warning)
st.caption(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"
           + (f" (cut at {ROW_LIMIT})" if result.truncated else ""))
cards, table = st.tabs(["Cards", "Table"])
with cards:
    cat = catalog()
    for row in result.rows[:CARD_ROWS]:
        with st.container(border=True):
            for column in result.columns:
                st.markdown(f"**{plain(column)}:** {card_markdown(row.get(column), cat.name)}")
    if len(result.rows) > CARD_ROWS:
        st.caption(f"The first {CARD_ROWS} rows as cards; the table and the downloads have all {len(result.rows)}.")
with table:
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
