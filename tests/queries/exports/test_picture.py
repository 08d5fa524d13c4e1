"""Pictures: well-formed SVG with the names as text, a PNG of a sane size, the same picture every time."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import pytest
from export_traps import SCRIPT_NAME

from computekg.graph.model import Subgraph
from computekg.queries.exports.picture import layout, to_png, to_svg
from computekg.queries.exports.reader_text import reader_name

_SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> str:
    return " ".join("".join(element.itertext()) for element in ET.fromstring(svg).iter(f"{_SVG}text"))


@pytest.mark.parametrize("graph_name", ["volcano_graph", "tricky_graph"])
def test_svg_is_well_formed_and_names_every_entity(graph_name: str, request: pytest.FixtureRequest) -> None:
    graph: Subgraph = request.getfixturevalue(graph_name)
    svg = to_svg(graph, title="A title")
    texts = "".join(_texts(svg).split())  # long names are wrapped over several lines
    for entity in graph.entities:  # as readers see it: curators' article numbers left out
        assert "".join(reader_name(entity).split()) in texts, entity.name
    assert "Atitle" in texts
    assert "entitykind" in texts  # the legend


def test_svg_labels_edges_with_their_types(volcano_graph: Subgraph) -> None:
    texts = _texts(to_svg(volcano_graph, title="t"))
    for relation in volcano_graph.relations:
        assert str(relation.type) in texts
    for kind in {e.kind for e in volcano_graph.entities}:
        assert str(kind) in texts


def test_svg_text_is_escaped(tricky_graph: Subgraph) -> None:
    svg = to_svg(tricky_graph, title="<b>title</b>")
    assert "<script" not in svg and "<b>" not in svg
    assert "".join(SCRIPT_NAME.split()) in "".join(_texts(svg).split())


def test_png_has_the_magic_bytes_and_a_sane_size(volcano_graph: Subgraph) -> None:
    png = to_png(volcano_graph, title="t")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert 800 <= width <= 5000 and 600 <= height <= 5000
    assert 20_000 < len(png) < 5_000_000


def test_pictures_are_deterministic(volcano_graph: Subgraph) -> None:
    assert to_svg(volcano_graph, title="t") == to_svg(volcano_graph, title="t")
    assert to_png(volcano_graph, title="t") == to_png(volcano_graph, title="t")


def test_no_two_labels_overlap(volcano_graph: Subgraph) -> None:
    positions = layout(volcano_graph)
    points = sorted(positions.values())
    for i, (x1, y1) in enumerate(points):
        for x2, y2 in points[i + 1 :]:
            assert abs(x1 - x2) >= 0.5 or abs(y1 - y2) >= 0.35


def test_an_empty_subgraph_still_draws() -> None:
    assert to_png(Subgraph(), title="nothing").startswith(b"\x89PNG")


@pytest.mark.parametrize("name", ["$x^2$ chips", "cost $5 and $", r"$\frac{a}{$"])
def test_a_name_with_dollar_signs_is_drawn_as_written(volcano_graph: Subgraph, name: str) -> None:
    """Issue 16: `$…$` in a name made matplotlib parse mathtext (or fail to) in SVG, PNG and the HTML report."""
    first = volcano_graph.entities[0].model_copy(update={"name": name})
    graph = volcano_graph.model_copy(update={"entities": (first, *volcano_graph.entities[1:])})
    assert "".join(name.split()) in "".join(_texts(to_svg(graph, title=name)).split())
    assert to_png(graph, title=name).startswith(b"\x89PNG")
