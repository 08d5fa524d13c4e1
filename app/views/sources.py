"""Sources: the articles the graph was built from, entity names highlighted, and the facts taken from each."""

from __future__ import annotations

import streamlit as st

from computekg.app.ui.articles import highlight_article
from computekg.app.ui.cached import catalog, fact_base
from computekg.app.ui.evidence import sentence
from computekg.app.ui.graph_view import show_legend, subgraph_of
from computekg.app.ui.tables import show_rows
from computekg.app.ui.text import plain
from computekg.graph.model import article_evidence

cat = catalog()
base = fact_base()
articles = base.articles
facts_by_source = {
    source_id: [r for r in cat.graph.relations if any(e.source_id == source_id for e in article_evidence(r))]
    for source_id in articles
}

st.title("Sources")
st.dataframe(
    [{"Title": a.title, "Publisher": a.publisher or "", "Date": a.date or "undated", "Script": a.script,
      "Facts": len(facts_by_source[a.id]), "id": a.id} for a in articles.values()],
    hide_index=True, column_config={"id": None},
)
by_title = {a.title: a for a in articles.values()}
title = st.selectbox("Article", list(by_title), key="article", bind="query-params")
article = by_title[title]
body, mentioned = highlight_article(article.body, cat, base.aliases)
facts = facts_by_source[article.id]

st.subheader(plain(article.title))
st.caption(" · ".join(plain(part) for part in (article.publisher, article.date, f"script {article.script}",
                                               f"{len(mentioned)} entities mentioned", f"{len(facts)} facts")
                      if part))
if article.notes:
    st.caption(plain(article.notes))
text_col, facts_col = st.columns([3, 2], gap="medium")
with text_col:
    show_legend(subgraph_of([], cat, also=mentioned))
    with st.container(height=640):
        st.markdown(body, unsafe_allow_html=True)
with facts_col:
    st.markdown(f"**Facts taken from this article** ({len(facts)})")
    show_rows(
        [{"Fact": sentence(r, cat), "Type": str(r.type),
          "Quote": next(e.quote for e in article_evidence(r) if e.source_id == article.id),
          "Confidence": r.confidence} for r in facts],
        height=440,
    )
    st.markdown(f"**Entities mentioned** ({len(mentioned)})")
    st.dataframe([{"Entity": cat.name(i), "Kind": str(cat.entities[i].kind), "id": i} for i in mentioned],
                 hide_index=True, height=240)
