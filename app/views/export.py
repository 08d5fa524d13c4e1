"""Export and report: the subgraph on screen (or the whole graph) in every export format, and the report."""

from __future__ import annotations

from functools import partial

import streamlit as st

from computekg.app.ui.cached import catalog
from computekg.app.ui.exporting import FORMAT_LABELS, cached_export_bytes, export_bytes, file_name, mime_type
from computekg.app.ui.neighbourhood_view import shared_explore_view
from computekg.app.ui.text import plain
from computekg.app.ui.views import View, remembered_views
from computekg.graph.errors import EntityNotFound
from computekg.queries.exports import EXPORT_FORMATS
from computekg.queries.exports.picture import MAX_PICTURE_ENTITIES
from computekg.queries.exports.selection import with_cited_sources

REPORT_FORMATS = ("html", "markdown")
PICTURE_FORMATS = frozenset({"svg", "png"})
WHOLE = "whole"

cat = catalog()
views = remembered_views()
if "explore" not in views:  # a shared link to this page: rebuild the Explore view its parameters describe
    try:
        shared = shared_explore_view(st.query_params.get_all, cat)
    except (EntityNotFound, ValueError) as error:
        st.warning(f"The link's Explore view cannot be rebuilt: {error}")
        shared = None
    if shared is not None:
        views["explore"] = shared
views[WHOLE] = View(f"The whole graph ({len(cat.graph.entities)} entities, {len(cat.graph.relations)} facts)",
                    cat.graph, stem="computekg-graph")

st.title("Export and report")
scope = st.radio("What to export", list(views), format_func=lambda key: plain(views[key].title), key="scope",
                 bind="query-params", help="Each page's last view in this session, or the whole graph.")
view = views[scope]
graph = with_cited_sources(view.graph, cat.graph.sources)
title = st.text_input("Title of the report and pictures", value=view.title, key=f"title.{scope}")
st.caption(f"{len(graph.entities)} entities · {len(graph.relations)} relationships · "
           f"{len(graph.sources)} articles cited")

# A picture of more entities cannot be read (the exporters refuse it): its formats are offered for a part only.
too_big = len(graph.entities) > MAX_PICTURE_ENTITIES
no_picture = (f"A picture of {len(graph.entities):,} entities cannot be read (at most {MAX_PICTURE_ENTITIES}): "
              "export a neighbourhood or paths from Explore or Paths, or GraphML for Gephi.")

st.subheader("Report")
left, right, _ = st.columns([1, 1, 3])
for column, fmt in zip((left, right), REPORT_FORMATS, strict=True):
    column.download_button(FORMAT_LABELS[fmt], partial(export_bytes, graph, fmt, title, view.context),
                           file_name=file_name(fmt, view.stem), mime=mime_type(fmt), on_click="ignore",
                           type="primary", icon=":material/description:", key=f"report.{fmt}",
                           disabled=too_big and fmt in PICTURE_FORMATS)
st.caption("The report: title, date, what the view is (centre and filters), the figure with the centre marked, "
           "every relationship with its quotes, and the numbered articles.")
if too_big:
    st.caption(no_picture)
elif st.toggle("Preview the picture", key="preview"):
    st.image(cached_export_bytes(graph, "png", title, view.context), caption=plain(title))

st.subheader("Every format")
columns = st.columns(3)
for index, fmt in enumerate(EXPORT_FORMATS):
    columns[index % 3].download_button(
        FORMAT_LABELS.get(fmt, fmt), partial(export_bytes, graph, fmt, title, view.context),
        file_name=file_name(fmt, view.stem), mime=mime_type(fmt), on_click="ignore", icon=":material/download:",
        key=f"export.{fmt}", width="stretch", disabled=too_big and fmt in PICTURE_FORMATS,
        help=no_picture if too_big else None,
    )
