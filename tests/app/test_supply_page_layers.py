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
from computekg.graph.settings import Settings
from computekg.loaders.bundle import load_bundled_graph
from computekg.loaders.layers import with_layers

RANKINGS = "Chokepoints and rankings"
NEWS_LAYERS = {"news", "catalog"}
EPOCH_NAME = "Epoch AI chip owners"


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
        assert found <= {EPOCH_NAME, "ETO Advanced Semiconductor Supply Chain (CSET)"}


@pytest.fixture
def neo4j_connection(home: Path, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app on the project's real Neo4j, holding the bundled graph with both imported layers."""
    yield from app_on_neo4j(neo4j_settings, with_layers(load_bundled_graph(), home), monkeypatch)


@pytest.mark.neo4j
def test_on_neo4j_the_layer_is_shown_disabled_with_why_and_every_layer_answers(neo4j_connection: None) -> None:
    at = no_errors(open_page("supply_chain", question=RANKINGS, layer="news"))
    control = at.segmented_control(key="layer.neo4j")
    assert control.disabled and control.value == "both"
    assert "Neo4j answers from every layer it holds" in texts(at)
    assert EPOCH_NAME in _layers(at) and any("Share (%)" in f.value.columns for f in at.dataframe)  # not "news"
