"""Every page of the Streamlit app, run with `AppTest` on real inputs from the seed articles.

The pages run on the embedded store (`COMPUTEKG_STORE=memory`); the Cypher console also runs on the
project's real Neo4j (marked `neo4j`). What is asserted is what a user would read on the page.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
import typer
from quiet_streamlit import BENIGN_STREAMLIT_WARNINGS
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

import computekg.app
from computekg.app import cli_app
from computekg.app.ui.connection import ALLOW_WRITES_ENV, connect
from computekg.app.ui.evidence import FIRST_FACTS
from computekg.app.ui.exporting import export_bytes
from computekg.app.ui.text import plain
from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import Subgraph
from computekg.graph.schema import SUPPLY_FLOW_TYPES
from computekg.graph.settings import Settings
from computekg.loaders.bundle import bundled_data_dir, read_fact_base
from computekg.queries.exports import EXPORT_FORMATS
from computekg.queries.neighbourhood import neighbourhood

APP = Path(computekg.app.__file__).with_name("streamlit_app.py")
# Only turns a hung script run into a failure; no page comes near it, even on a busy machine.
HANG_GUARD_S = 600


def _clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(autouse=True)
def embedded_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts on the embedded store, with fresh caches and writes not allowed."""
    monkeypatch.setenv("COMPUTEKG_STORE", "memory")
    monkeypatch.delenv(ALLOW_WRITES_ENV, raising=False)
    _clear_caches()
    yield
    _clear_caches()


def open_app(**params: str | list[str]) -> AppTest:
    """The app as a shared link opens it: the entrypoint with these query parameters."""
    at = AppTest.from_file(str(APP), default_timeout=HANG_GUARD_S)
    at.query_params.update(params)
    return at.run()


def open_page(page: str, **params: str | list[str]) -> AppTest:
    """A link to `page` with these query parameters (a page switch in `AppTest` drops them, as a browser does)."""
    return open_app(page=page, **params)


def no_errors(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def texts(at: AppTest) -> str:
    """Everything the page wrote as text, one element per line."""
    elements = [*at.markdown, *at.caption, *at.info, *at.success, *at.warning, *at.error, *at.subheader]
    return "\n".join(str(e.value) for e in elements)


def column(at: AppTest, index: int, name: str) -> list[Any]:
    return list(at.dataframe[index].value[name])


def search(at: AppTest, name: str, key: str = "entity") -> AppTest:
    return no_errors(at.text_input(key=key).set_value(name).run())


# --- Explore ---


@pytest.mark.parametrize("name", ["台积电", "台積電", "TSMC"])
def test_explore_lists_nvidia_among_the_neighbours_of_any_name_of_tsmc(name: str) -> None:
    at = search(open_app(), name)
    assert "→ **TSMC / 台积电 / 臺積電**" in texts(at)
    neighbours = column(at, 0, "Entity")
    assert "NVIDIA" in neighbours and "ASML" in neighbours and "JASM" in neighbours  # a subsidiary, from the catalog
    assert "17 entities · 17 relationships" in texts(at)


def test_an_unknown_name_offers_candidates_that_fill_the_box() -> None:
    at = search(open_app(), "Nvidea")
    assert "No entity is called “Nvidea”" in texts(at)
    at.button(key="entity.choice.nvidia").click().run()
    assert at.text_input(key="entity").value == "nvidia"
    assert "TSMC" in column(no_errors(at), 0, "Entity")


def test_a_relationship_type_filter_changes_the_neighbours() -> None:
    at = search(open_app(), "台积电")
    before = set(column(at, 0, "Entity"))
    at.multiselect(key="types").set_value(["MANUFACTURES"]).run()
    after = set(column(no_errors(at), 0, "Entity"))
    assert "NVIDIA" in before and "NVIDIA" not in after
    assert "NVIDIA A100" in after and after < before
    assert set(column(at, 0, "Relationships")) == {"MANUFACTURES"}


def test_hops_direction_and_as_of_filters_apply() -> None:
    at = search(open_app(), "tsmc")
    at.slider(key="hops").set_value(2).run()
    assert "ByteDance" in column(no_errors(at), 0, "Entity")
    at.slider(key="hops").set_value(1).run()
    at.segmented_control(key="dir").set_value("upstream").run()
    # Upstream: who supplies TSMC, and (against SUBSIDIARY_OF) the subsidiaries the catalog records.
    assert sorted(column(no_errors(at), 0, "Entity")) == ["ASML", "ESMC", "JASM", "TSMC Arizona", "TSMC Nanjing",
                                                                 "VisEra Technologies", "XinTec"]
    at.segmented_control(key="dir").set_value("both").run()
    at.text_input(key="as_of").set_value("2022").run()
    assert "NVIDIA" in column(no_errors(at), 0, "Entity")  # the undated 'TSMC supplies NVIDIA' stays
    at.text_input(key="as_of").set_value("yesterday").run()
    said = texts(no_errors(at))  # a bad date is said in plain words, never as a regex; the view stays
    assert "“yesterday” is not a date this filter understands" in said and "pattern" not in said
    assert "NVIDIA" in column(at, 0, "Entity")


def test_the_evidence_panel_quotes_the_article_verbatim_with_its_title() -> None:
    at = search(open_app(), "tsmc")
    shown = texts(at)
    quote = "其中D1芯片由台积电代工,采用7nm工艺"
    assert f"> {plain(quote)}" in shown  # names and quotes are shown as text: punctuation escaped
    articles = read_fact_base().articles
    (source,) = [a for a in articles.values() if quote in a.body]
    assert f"《{plain(source.title)}》" in shown
    facts = [r for r in read_fact_base().graph.relations if r.subject == "tsmc" and r.object == "tesla-d1"]
    at.selectbox(key="focus").set_value(facts[0].id).run()
    assert "**TSMC manufactures Tesla D1**" in texts(no_errors(at))


def test_expanding_a_neighbour_adds_its_neighbourhood() -> None:
    at = search(open_app(), "tsmc")
    at.selectbox(key="focus").set_value("nvidia").run()
    at.button[[b.label for b in at.button].index("Expand it")].click().run()
    no_errors(at)
    assert at.multiselect(key="expand").value == ["nvidia"]
    assert "1 expanded" in texts(at)
    assert {"ByteDance", "Jensen Huang"} <= set(column(at, 0, "Entity"))


def test_query_params_restore_the_view() -> None:
    at = no_errors(open_app(entity="台積電", hops="2", types=["SUPPLIES"], page="explore"))
    assert at.text_input(key="entity").value == "台積電"
    assert at.slider(key="hops").value == 2
    assert at.multiselect(key="types").value == ["SUPPLIES"]
    neighbours = set(column(at, 0, "Entity"))
    assert {"NVIDIA", "ASML", "ByteDance"} <= neighbours
    assert set(column(at, 0, "Relationships")) == {"SUPPLIES"}


def test_page_in_query_params_opens_that_page_with_its_view() -> None:
    at = no_errors(open_app(page="paths", **{"from": "tsmc", "to": "zhipu-ai"}))
    assert at.title[0].value == "Paths"
    assert "TSMC → NVIDIA → ByteDance → Volcano Engine → Zhipu AI" in at.expander[0].label


def test_the_type_ahead_list_matches_names_in_every_script_and_fills_the_box() -> None:
    at = no_errors(open_app())
    finder = at.selectbox(key="entity.find")
    labels = dict(zip(finder.options, finder.options, strict=True))
    tsmc = next(label for label in labels if label.startswith("TSMC"))
    assert "台积电" in tsmc and "臺積電" in tsmc and "Organization" in tsmc  # what typing 台积 or 臺積 matches
    assert finder.options[0].startswith("NVIDIA")  # the busiest entity first
    finder.set_value("bytedance").run()
    assert at.text_input(key="entity").value == "bytedance"
    assert at.selectbox(key="entity.find").value is None  # ready for the next search
    assert "ByteDance" in at.subheader[0].value or "**ByteDance" in texts(no_errors(at))


def _evidence_types(at: AppTest) -> list[str]:
    """The relationship type of every fact card in the evidence panel, top to bottom."""
    return [m.value.split("`")[1] for m in at.markdown if "  \n`" in m.value and "` · confidence" in m.value]


def test_the_evidence_panel_puts_the_facts_the_view_asks_about_first() -> None:
    at = no_errors(open_app(page="explore", entity="nvidia"))
    assert len(_evidence_types(at)) == FIRST_FACTS  # the most relevant first; the rest on demand
    at.toggle(key="evidence.more").set_value(True).run()
    types = _evidence_types(no_errors(at))
    assert len(types) > FIRST_FACTS
    flow = {str(t) for t in SUPPLY_FLOW_TYPES}
    assert types and types[0] in flow and any(t not in flow for t in types)
    first_other = next(i for i, t in enumerate(types) if t not in flow)
    assert all(t not in flow for t in types[first_other:]), types  # the supply flow, then everything else
    asked = no_errors(open_app(page="explore", entity="nvidia", types=["SUPPLIES", "LEADS"]))
    asked.toggle(key="evidence.more").set_value(True).run()
    leads = _evidence_types(no_errors(asked))
    assert set(leads) == {"SUPPLIES", "LEADS"} and leads.index("LEADS") < max(
        i for i, t in enumerate(leads) if t == "SUPPLIES")  # an asked-for type is not pushed below the flow


def test_a_bad_date_in_a_shared_link_is_said_in_plain_words() -> None:
    at = no_errors(open_app(page="export", entity="tsmc", as_of="yesterday"))
    said = texts(at)
    assert "“yesterday” is not a date this filter understands" in said
    assert "pattern" not in said and "validation error" not in said
    hops = no_errors(open_app(page="export", entity="tsmc", hops="two", dir="sideways"))
    assert "“two” is not a number of hops" in texts(hops) and "invalid literal" not in texts(hops)


# --- Paths ---


def test_paths_finds_the_directed_supply_path_from_tsmc_to_zhipu() -> None:
    at = open_page("paths")
    search(at, "台積電", key="from")
    search(at, "智谱", key="to")
    assert "3 paths from TSMC to Zhipu AI" in texts(at)
    labels = [e.label for e in at.expander]
    assert labels[0] == "**Path 1** (4 hops): TSMC → NVIDIA → ByteDance → Volcano Engine → Zhipu AI"
    shown = texts(at)
    assert "**1. TSMC → NVIDIA**" in shown and "**4. Volcano Engine → Zhipu AI**" in shown
    assert "**Volcano Engine provides compute to Zhipu AI**" in shown
    assert any(line.startswith("> ") for line in shown.splitlines())


def test_any_connection_finds_shorter_paths_than_supply() -> None:
    at = no_errors(open_page("paths", **{"from": "tsmc", "to": "zhipu-ai", "mode": "Any connection"}))
    assert at.radio(key="mode").value == "Any connection"
    assert "(3 hops)" in at.expander[0].label


def test_no_path_is_said_plainly() -> None:
    at = no_errors(open_page("paths", **{"from": "zhipu-ai", "to": "asml", "max_hops": "2"}))
    assert "no path from 'zhipu-ai' to 'asml' within 2 hops" in texts(at)


# --- Supply chain ---


def test_supply_chain_shows_volcano_engines_tenants() -> None:
    at = open_page("supply_chain", question="Tenants of a cloud")
    search(at, "火山引擎")
    assert column(at, 0, "id") == ["nio", "zhipu-ai"]
    assert "Zhipu AI" in column(at, 0, "Tenant")


def test_supply_chain_tiers_what_if_exposure_and_rankings() -> None:
    at = no_errors(open_page("supply_chain", entity="nvidia", question="Suppliers and customers"))
    assert column(at, 0, "Entity") == ["TSMC", "ASML"]  # suppliers, tier 1 then tier 2
    assert column(at, 0, "Tier") == [1, 2]
    assert column(at, 0, "Layer") == ["news", "news"]  # each row's fact: an article sentence
    at.segmented_control(key="question").set_value("Compute sources of a lab").run()
    at.text_input(key="entity").set_value("zhipu-ai").run()
    steps = dict(zip(column(no_errors(at), 0, "Entity"), column(at, 0, "Step"), strict=True))
    assert steps["Volcano Engine"] == "Cloud" and steps["TSMC"] == "Foundry" and steps["ASML"] == "Equipment maker"
    at.segmented_control(key="question").set_value("What if it stopped").run()
    at.text_input(key="entity").set_value("tsmc").run()
    assert "NVIDIA" in column(no_errors(at), 0, "Entity")  # cut off without TSMC
    at.segmented_control(key="question").set_value("Export-control exposure").run()
    at.selectbox(key="policy").set_value("us-export-controls-2022-10").run()
    exposure = dict(zip(column(no_errors(at), 0, "Entity"), column(at, 0, "Exposure"), strict=True))
    assert exposure["ByteDance"] == "direct" and exposure["Zhipu AI"] == "through ByteDance"
    at.selectbox(key="policy").set_value("us-export-controls-2023-10").run()
    assert "No entity is stated to depend on chips" in texts(no_errors(at))
    at.segmented_control(key="question").set_value("Chokepoints and rankings").run()
    assert len(no_errors(at).dataframe) == 4


def test_switching_the_question_does_not_carry_the_entity_over() -> None:
    at = no_errors(open_page("supply_chain", entity="bytedance", question="Suppliers and customers"))
    at.segmented_control(key="question").set_value("Tenants of a cloud").run()
    assert at.text_input(key="entity").value == ""  # not "Tenants of ByteDance", unasked
    assert "Tenants of ByteDance" not in texts(no_errors(at)) and at.button(key="entity.choice.volcano-engine")
    search(at, "volcano-engine")
    assert "Zhipu AI" in column(at, 0, "Tenant")
    at.segmented_control(key="question").set_value("Suppliers and customers").run()
    assert at.text_input(key="entity").value == "bytedance"  # each question keeps its own entity
    at.segmented_control(key="question").set_value("Tenants of a cloud").run()
    assert at.text_input(key="entity").value == "volcano-engine"
    search(at, "zhipu-ai")  # asked on purpose: answered, and said not to suit
    assert "Zhipu AI is not stated to provide compute" in texts(at)


def test_quote_columns_wrap_instead_of_being_cut_off() -> None:
    at = no_errors(open_page("supply_chain", entity="bytedance", question="Suppliers and customers"))
    suppliers = at.dataframe[0]
    assert "Quote" in suppliers.value.columns
    assert suppliers.proto.row_height > 64  # Streamlit wraps cell text only in rows taller than 4rem
    assert json.loads(suppliers.proto.columns)["Quote"]["width"] == "large"
    rankings = no_errors(open_page("supply_chain", question="Chokepoints and rankings"))
    assert rankings.dataframe[0].proto.row_height == 0  # no long text: the compact default


# --- Cypher ---


def test_cypher_on_the_embedded_store_says_how_to_get_neo4j() -> None:
    at = no_errors(open_page("cypher"))
    assert "computekg neo4j start" in texts(at) and "NEO4J_URI" in texts(at)
    assert at.button[0].disabled
    assert not at.checkbox, "no write checkbox unless the app was started with writes allowed"


def test_the_write_checkbox_appears_only_when_the_app_allows_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALLOW_WRITES_ENV, "1")
    at = no_errors(open_page("cypher"))
    assert at.checkbox(key="write").label == "Allow writes"


def app_on_neo4j(settings: Settings, graph: Subgraph, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run the app's pages on the project's real Neo4j holding `graph` (for a fixture to `yield from`)."""
    from computekg.graph.neo4j_store import Neo4jStore

    with Neo4jStore.from_settings(settings) as store:
        store.load(graph, replace=True)
    monkeypatch.setenv("COMPUTEKG_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.neo4j_password.get_secret_value())
    _clear_caches()
    yield
    from computekg.app.ui.connection import connection

    connection().store.close()
    _clear_caches()


@pytest.fixture
def neo4j_app(neo4j_settings: Settings, seed_graph: Subgraph, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app on the project's real Neo4j, holding the seed graph."""
    yield from app_on_neo4j(neo4j_settings, seed_graph, monkeypatch)


@pytest.mark.neo4j
def test_cypher_refuses_a_write_and_runs_a_read_with_a_parameter(neo4j_app: None) -> None:
    at = no_errors(open_page("cypher"))
    assert "Neo4j at bolt://" in texts(at)
    assert not at.dataframe and "Press **Run** to run this query." in texts(at)  # a visit runs nothing
    at.text_area(key="cypher").set_value("CREATE (n:Scratch {name: 'written'}) RETURN n").run()
    at.button[0].click().run()
    assert at.error and at.error[0].value.startswith("This query would change the graph")
    assert "write=True" not in at.error[0].value  # analyst words, not the library's
    at.text_area(key="cypher").set_value("MATCH (n:Scratch) RETURN count(n) AS scratch").run()
    at.button[0].click().run()
    assert column(no_errors(at), 0, "scratch") == [0], "the refused write wrote nothing"
    at.text_area(key="cypher").set_value(
        "MATCH (s:Entity)-[r:SUPPLIES]->(b:Entity {id: $id}) RETURN DISTINCT s.name AS supplier ORDER BY supplier"
    ).run()
    at.text_input(key="params").set_value(json.dumps({"id": "nvidia"})).run()
    at.button[0].click().run()
    assert column(no_errors(at), 0, "supplier") == ["TSMC"]
    assert [b.label for b in at.download_button] == ["Download CSV", "Download JSON"]


@pytest.mark.neo4j
def test_cypher_examples_all_run_on_neo4j(neo4j_app: None) -> None:
    at = no_errors(open_page("cypher"))
    for index in range(len(at.selectbox(key="example").options)):
        at.selectbox(key="example").set_value(index).run()
        at.button[0].click().run()
        no_errors(at)
        assert at.dataframe and len(at.dataframe[0].value) > 0, at.text_area(key="cypher").value
    at.selectbox(key="example").set_value(3).run()  # tenants of a cloud: rows with nodes and facts
    at.button[0].click().run()
    assert "Zhipu AI" in at.dataframe[0].value.to_string()


@pytest.mark.neo4j
def test_cypher_results_as_cards_with_a_session_history(neo4j_app: None) -> None:
    at = no_errors(open_page("cypher"))
    query = "MATCH (c:Entity {id: $cloud})-[r:PROVIDES_COMPUTE_TO]->(t:Entity) RETURN c, r, t ORDER BY t.id"
    at.text_area(key="cypher").set_value(query).run()
    at.text_input(key="params").set_value(json.dumps({"cloud": "volcano-engine"})).run()
    at.button[0].click().run()
    cards = [m.value for m in no_errors(at).markdown]
    assert f"**r:** **Volcano Engine** —{plain('PROVIDES_COMPUTE_TO')}→ **Zhipu AI** · confidence 0.90" in "\n".join(
        card.split("  \n")[0] for card in cards)
    assert any(card.startswith("**t:** **Zhipu AI** · 智谱AI") for card in cards)  # a node by its names, not JSON
    assert not any('{"labels"' in card for card in cards)
    history = [b.label for b in at.button if b.key and b.key.startswith("history.")]
    rows = len(at.dataframe[0].value)
    assert history == [f"{' '.join(query.split())[:90]} · {rows} row{'s' if rows != 1 else ''}"]
    at.text_area(key="cypher").set_value("RETURN 1 AS one").run()
    at.button[0].click().run()
    at.button(key="history.1").click().run()  # the earlier query, back in the editor
    assert at.text_area(key="cypher").value == query
    assert json.loads(at.text_input(key="params").value) == {"cloud": "volcano-engine"}


@pytest.mark.neo4j
def test_a_syntax_error_points_at_the_column_the_user_typed(neo4j_app: None) -> None:
    at = no_errors(open_page("cypher"))
    typed = "MATCH (n RETURN n"
    at.text_area(key="cypher").set_value(typed).run()
    at.button[0].click().run()
    said = at.error[0].value.replace("\\", "")  # shown as text: its punctuation is escaped Markdown
    assert "line 1, column 10" in said and "EXPLAIN" not in said
    quoted, caret = at.code[0].value.splitlines()
    assert quoted == f'"{typed}"' and typed[caret.index("^") - 1] == "R"  # under the word Neo4j could not read


# --- Sources ---


def test_sources_shows_the_article_with_entity_names_highlighted_and_its_facts() -> None:
    at = no_errors(open_page("sources", article="中國大公司競逐GPU"))
    assert len(at.dataframe[0].value) == 5  # the five articles
    assert at.subheader[0].value == "中國大公司競逐GPU"
    body = next(m.value for m in at.markdown if m.value.startswith("<p>"))
    assert 'data-entity="tsmc">臺積電</mark>' in body  # the Traditional spelling, marked as written
    assert 'data-entity="bytedance">字節</mark>' in body
    assert "<script" not in body
    facts = at.dataframe[1].value
    assert len(facts) > 50 and any("臺積電" in quote for quote in facts["Quote"])
    assert "TSMC" in list(at.dataframe[2].value["Entity"])


# --- Export ---


def test_export_offers_the_explored_view_in_every_format() -> None:
    at = search(open_app(), "tsmc")
    at.switch_page("views/export.py").run()
    no_errors(at)
    assert at.radio(key="scope").options[0].startswith(plain("Explore: TSMC (1 hop"))
    labels = [b.label for b in at.download_button]
    assert labels[:2] == ["Report (HTML)", "Report (Markdown)"]
    assert len(labels) == 2 + len(EXPORT_FORMATS)
    assert "17 entities · 17 relationships" in texts(at)


def test_a_shared_export_link_rebuilds_the_explore_view() -> None:
    at = no_errors(open_app(page="export", entity="台积电", types=["MANUFACTURES"], expand=["NVIDIA A100"]))
    assert at.radio(key="scope").options[0] == plain("Explore: TSMC (1 hop; both ways; MANUFACTURES; 1 expanded)")
    assert "8 entities · 7 relationships" in texts(at)


def test_the_whole_graph_offers_no_picture_it_cannot_draw() -> None:
    """The whole graph (1,632 entities) made the picture preview fail with a traceback (scipy missing)."""
    at = no_errors(open_page("export", scope="whole"))
    assert "cannot be read (at most 400)" in texts(at)
    assert not any(t.key == "preview" for t in at.toggle)
    disabled = {b.key for b in at.download_button if b.disabled}
    assert disabled == {"export.svg", "export.png"}  # the HTML report of the whole graph has no picture


def test_an_article_title_publisher_and_notes_are_shown_as_text(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Names from ingested articles are untrusted: a title with an image, a link, math and U+202E (issue 16.7)."""
    data = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), data, ignore=shutil.ignore_patterns("dev_corpus"))
    article = data / "articles" / "001_d71d305993d8591b.txt"
    original = read_fact_base(data).articles["001_d71d305993d8591b"]
    hostile = "![t](http://127.0.0.1:9/pixel.png) [click me](http://x) $a$ \u202e2024-10-20"
    text = article.read_text(encoding="utf-8").replace(f"title: {original.title}\n", f'title: "{hostile}"\n', 1)
    # a second `notes` ends the header, and the last one is the one read
    article.write_text(text.replace("\n---\n", f'\nnotes: "{hostile}"\n---\n', 1), encoding="utf-8")
    monkeypatch.setenv("COMPUTEKG_DATA_DIR", str(data))
    at = no_errors(open_page("sources", article=hostile))
    assert at.subheader[0].value == plain(hostile)
    assert plain(hostile) in [c.value for c in at.caption]  # the notes


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_every_download_renders(fmt: str, seed_graph: Subgraph) -> None:
    store = MemoryStore()
    store.load(seed_graph)
    data = export_bytes(neighbourhood(store, "tsmc"), fmt, "TSMC")
    assert len(data) > 100
    if fmt == "json":
        assert {n["id"] for n in json.loads(data)["nodes"]} >= {"tsmc", "nvidia"}
    if fmt == "png":
        assert data.startswith(b"\x89PNG")


# --- The store, the CLI and speed ---


def test_without_neo4j_the_app_falls_back_to_the_embedded_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMPUTEKG_STORE")
    unreachable = Settings(NEO4J_URI="bolt://127.0.0.1:9")  # type: ignore[call-arg]
    conn = connect(unreachable)
    assert conn.store.name == "memory" and conn.notice and "No Neo4j answers" in conn.notice
    assert conn.store.counts().relations > 0, "the embedded store holds the bundled graph"
    told = connect(Settings(NEO4J_URI="bolt://127.0.0.1:9", COMPUTEKG_STORE="neo4j"))  # type: ignore[call-arg]
    assert told.store.name == "memory" and told.notice and "could not be used" in told.notice
    assert "Address" not in told.notice and "Errno" not in told.notice  # analyst words, not the driver's
    assert connect(Settings(COMPUTEKG_STORE="memory")).notice is None  # type: ignore[call-arg]


def test_the_app_command_serves_streamlit_app_on_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command becomes `streamlit run` in its own process (tests/app/test_cli_app.py runs it for real)."""
    calls: list[tuple[str, list[str], dict[str, str]]] = []

    def fake_execve(program: str, command: list[str], env: dict[str, str]) -> None:
        calls.append((program, command, env))

    monkeypatch.setattr(cli_app.os, "execve", fake_execve)
    app = typer.Typer()
    app.command("noop")(lambda: None)  # two commands, so `app` is a sub-command as in the real CLI
    cli_app.register(app)
    result = CliRunner().invoke(app, ["app", "--port", "8600", "--store", "neo4j", "--allow-writes"])
    assert result.exit_code == 0, result.output
    ((program, command, env),) = calls
    assert program == command[0]
    assert command[1:4] == ["-m", "streamlit", "run"] and Path(command[4]) == APP and APP.is_file()
    options = dict(zip(command[5::2], command[6::2], strict=True))
    assert options == {"--server.headless": "true", "--server.address": "127.0.0.1", "--server.port": "8600",
                       "--browser.gatherUsageStats": "false", "--client.toolbarMode": "viewer"}
    assert env["COMPUTEKG_STORE"] == "neo4j" and env[ALLOW_WRITES_ENV] == "1"



def test_testing_the_app_prints_no_streamlit_warnings() -> None:
    """What every test here does (clear the caches, build an `AppTest`, run it) leaves Streamlit nothing to say."""
    records: list[logging.LogRecord] = []
    recorder = logging.Handler()
    recorder.emit = records.append  # type: ignore[method-assign]
    loggers = [logging.getLogger(name) for name in BENIGN_STREAMLIT_WARNINGS]
    for logger in loggers:
        logger.addHandler(recorder)
    try:
        _clear_caches()
        no_errors(open_app())
    finally:
        for logger in loggers:
            logger.removeHandler(recorder)
    assert [record.getMessage() for record in records] == []
