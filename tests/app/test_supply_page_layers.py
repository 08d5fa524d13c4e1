"""The Supply chain page with the Epoch AI and ETO datasets imported: answers keep to the layer chosen, each row
says which layer its fact is from, chokepoints include ETO's market shares, holdings Epoch's intervals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from test_cli_import import EPOCH, ETO
from test_streamlit_pages import app_on_neo4j, column, no_errors, open_page, texts
from typer.testing import CliRunner

from computekg.app.cli import app
from computekg.graph.model import Subgraph
from computekg.graph.neo4j_store import Neo4jStore
from computekg.graph.settings import Settings
from computekg.graph.subgraph_ops import merge_subgraphs
from computekg.loaders.bundle import load_bundled_graph
from computekg.loaders.layers import kept_layers, with_layers

RANKINGS = "Chokepoints and rankings"
NEWS_LAYERS = {"news", "catalog"}
EPOCH_NAME = "Epoch AI chip owners"
ETO_NAME = "ETO Advanced Semiconductor Supply Chain (CSET)"


def _clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A COMPUTEKG_HOME with both datasets imported (once: about 3 s), the embedded store reading it."""
    home = tmp_path_factory.mktemp("supply-layers") / "home"
    env = {"COMPUTEKG_HOME": str(home), "COMPUTEKG_STORE": "memory"}
    for dataset, path in (("epoch", EPOCH), ("eto", ETO)):
        result = CliRunner().invoke(app, ["import", dataset, str(path)], env=env)
        assert result.exit_code == 0, result.output
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        patch.delenv("COMPUTEKG_LAYER", raising=False)
        _clear_caches()  # the connection is opened again, on this home
        yield home
    _clear_caches()


def _table(at: AppTest, name: str) -> int:
    """The index of the first answer table with a column `name`."""
    return next(i for i, frame in enumerate(at.dataframe) if name in frame.value.columns)


def _layers(at: AppTest) -> set[str]:
    """Every "Layer" named by any row of any answer table on the page."""
    return {layer for frame in at.dataframe if "Layer" in frame.value.columns for layer in frame.value["Layer"]}


def test_chokepoints_show_asml_as_the_sole_provider_of_euv_tools_from_eto(home: Path) -> None:
    at = no_errors(open_page("supply_chain", question=RANKINGS))
    shares = _table(at, "Share (%)")
    rows = {(p, i): (s, y, layer) for p, i, s, y, layer in zip(
        column(at, shares, "Provider"), column(at, shares, "Input"), column(at, shares, "Share (%)"),
        column(at, shares, "Year"), column(at, shares, "Layer"), strict=True)}
    share, year, layer = rows["ASML", "EUV lithography tools"]
    assert share == 100.0 and year == "2025" and layer.startswith("ETO")


def test_top_holders_show_epochs_interval_around_the_median(home: Path) -> None:
    at = no_errors(open_page("supply_chain", question=RANKINGS))
    held = _table(at, "H100e (median)")
    by_holder = {h: (low, median, high, layer) for h, low, median, high, layer in zip(
        column(at, held, "Holder"), column(at, held, "Low (p5)"), column(at, held, "H100e (median)"),
        column(at, held, "High (p95)"), column(at, held, "Layer"), strict=True)}
    low, median, high, layer = by_holder["Microsoft"]
    assert low < median < high and layer == EPOCH_NAME
    holdings = _table(at, "Quantity")
    epoch = [(low, value, high) for low, value, high, layer in zip(
        column(at, holdings, "Low (p5)"), column(at, holdings, "Value"), column(at, holdings, "High (p95)"),
        column(at, holdings, "Layer"), strict=True) if layer == EPOCH_NAME]
    assert epoch and all(low < value < high for low, value, high in epoch)


def test_the_news_layer_leaves_the_dataset_rows_out_and_says_where_shares_come_from(home: Path) -> None:
    at = no_errors(open_page("supply_chain", question="Suppliers and customers", entity="asml"))
    assert NEWS_LAYERS & _layers(at) and _layers(at) - NEWS_LAYERS  # both layers: articles and ETO rows
    at.segmented_control(key="layer").set_value("news").run()
    assert _layers(no_errors(at)) == {"news"}
    rankings = no_errors(open_page("supply_chain", question=RANKINGS, layer="news"))
    assert rankings.segmented_control(key="layer").value == "news"
    assert _layers(rankings) <= NEWS_LAYERS and not any("Share (%)" in f.value.columns for f in rankings.dataframe)
    holdings = _table(rankings, "Quantity")
    assert {column(rankings, holdings, "Low (p5)")[0], column(rankings, holdings, "High (p95)")[0]} == {None}
    assert "No market shares in this layer" in texts(rankings) and "No compute estimates" in texts(rankings)


def test_the_datasets_layer_leaves_the_article_rows_out(home: Path) -> None:
    for question, entity in (("Suppliers and customers", "asml"), (RANKINGS, "")):
        at = no_errors(open_page("supply_chain", question=question, entity=entity, layer="datasets"))
        found = _layers(at)
        assert found and not found & NEWS_LAYERS, found
        assert found <= {EPOCH_NAME, ETO_NAME}


@pytest.fixture
def neo4j_connection(home: Path, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app on the project's real Neo4j, holding the bundled graph with both imported layers."""
    yield from app_on_neo4j(neo4j_settings, with_layers(load_bundled_graph(), home), monkeypatch)


@pytest.mark.neo4j
def test_on_neo4j_each_layer_shows_that_layer_only(neo4j_connection: None) -> None:
    at = no_errors(open_page("supply_chain", question="Suppliers and customers", entity="asml"))
    assert "Neo4j at bolt://" in texts(at)
    assert NEWS_LAYERS & _layers(at) and _layers(at) - NEWS_LAYERS  # both layers: Neo4j itself answers
    at.segmented_control(key="layer").set_value("news").run()
    assert _layers(no_errors(at)) == {"news"}
    rankings = no_errors(open_page("supply_chain", question=RANKINGS, layer="news"))
    assert _layers(rankings) <= NEWS_LAYERS and not any("Share (%)" in f.value.columns for f in rankings.dataframe)
    assert "No market shares in this layer" in texts(rankings) and "No compute estimates" in texts(rankings)
    for question, entity in (("Suppliers and customers", "asml"), (RANKINGS, "")):
        at = no_errors(open_page("supply_chain", question=question, entity=entity, layer="datasets"))
        found = _layers(at)
        assert found and not found & NEWS_LAYERS, found
        assert found <= {EPOCH_NAME, ETO_NAME}


@pytest.mark.neo4j
def test_on_neo4j_a_layer_is_read_once_and_again_when_the_graph_changes(
    neo4j_connection: None, home: Path, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    snapshot = Neo4jStore.snapshot

    def counted(store: Neo4jStore) -> Subgraph:
        reads.append(store.name)
        return snapshot(store)

    monkeypatch.setattr(Neo4jStore, "snapshot", counted)
    at = no_errors(open_page("supply_chain", question=RANKINGS, layer="datasets"))
    assert ETO_NAME in _layers(at)
    first = len(reads)  # the catalog, and the datasets layer
    no_errors(at.run())
    assert len(reads) == first, "a rerun answers from the layer already read"
    with Neo4jStore.from_settings(neo4j_settings) as store:  # ETO's layer removed under the running app
        epoch = (layer.graph for layer in kept_layers(home) if layer.name == "epoch")
        store.load(merge_subgraphs(load_bundled_graph(), *epoch), replace=True)
    no_errors(at.run())
    assert len(reads) == first + 1 and ETO_NAME not in _layers(at) and EPOCH_NAME in _layers(at)
