"""GraphML, GEXF and SVG stay well-formed XML whatever text reaches them (issue 16.5).

The model refuses characters XML 1.0 cannot hold (tests/loaders/test_fact_base.py); these tests hand the
writers a subgraph that holds them anyway, as a store filled by another tool could, and a title typed on the
command line.
"""

from __future__ import annotations

import xml.dom.minidom

import pytest
from export_traps import UNEXPORTABLE, trap_graph, unvalidated_graph

from computekg.graph.characters import strip_unexportable
from computekg.graph.model import Entity, Subgraph
from computekg.graph.schema import EntityKind
from computekg.queries.exports import ExportError
from computekg.queries.exports.network import to_gexf, to_graphml
from computekg.queries.exports.picture import MAX_PICTURE_ENTITIES, to_png, to_svg
from computekg.queries.exports.report import to_html


@pytest.mark.parametrize("render", [to_graphml, to_gexf])
def test_network_formats_parse_with_the_unexportable_characters_left_out(render: object) -> None:
    assert callable(render)
    document = xml.dom.minidom.parseString(render(unvalidated_graph()))
    text = document.toxml()
    assert strip_unexportable(UNEXPORTABLE) in text  # the rest of the name is kept
    assert "TSMC\x0bArizona" not in text


@pytest.mark.parametrize("render", [to_svg, to_html])
def test_a_picture_parses_with_such_characters_in_a_name_and_in_the_title(render: object) -> None:
    assert callable(render)
    drawn = render(unvalidated_graph(), title=f"title {UNEXPORTABLE}")
    if render is to_svg:
        xml.dom.minidom.parseString(drawn)
    assert "Arizona" in drawn and "\x0b" not in drawn and "\x00" not in drawn


def test_a_graph_too_large_to_read_as_a_picture_is_refused_in_words() -> None:
    """Beyond 500 entities networkx's layout needed scipy, which computekg does not install: a traceback."""
    many = Subgraph(entities=tuple(Entity(id=f"e-{n}", kind=EntityKind.ORGANIZATION, name=f"E{n}")
                                   for n in range(MAX_PICTURE_ENTITIES + 1)))
    for render in (to_svg, to_png):
        with pytest.raises(ExportError, match=f"a picture of {MAX_PICTURE_ENTITIES + 1} entities cannot be read"):
            render(many, title="all")
    assert "No picture: 401 entities" in to_html(many, title="all")  # the report is its tables alone


def test_the_trap_graph_is_unchanged_by_the_xml_guard() -> None:
    """Only what XML cannot hold is left out: tabs, line breaks, quotes and markup stay in the GraphML."""
    text = xml.dom.minidom.parseString(to_graphml(trap_graph())).toxml()
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in text and "with tab" in text
