"""Mermaid: a `flowchart LR` with safe ids, and labels that cannot break out of their quotes."""

from __future__ import annotations

import re

import pytest

from computekg.graph.model import Subgraph
from computekg.queries.exports.mermaid import mermaid_text, to_mermaid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('say "hi"', "say #34;hi#34;"),
        ("back\\slash", "back#92;slash"),
        ("two\nlines\r\nand\ttab", "two lines and tab"),
        ("<b>bold</b> & co", "#60;b#62;bold#60;/b#62; #38; co"),
        ("a|b [c] {d} `e` #f;", "a#124;b #91;c#93; #123;d#125; #96;e#96; #35;f#59;"),
        ("英伟达 (NVIDIA)", "英伟达 (NVIDIA)"),
    ],
)
def test_labels_are_escaped(text: str, expected: str) -> None:
    assert mermaid_text(text) == expected


def test_the_tricky_graph_stays_inside_its_quotes(tricky_graph: Subgraph) -> None:
    text = to_mermaid(tricky_graph)
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    nodes = [line for line in lines if re.match(r"^    n\d+\[", line)]
    assert len(nodes) == len(tricky_graph.entities)
    for line in nodes:  # exactly one quoted label, no quote or bracket inside it
        assert re.fullmatch(r'    n\d+\["[^"\[\]\\<>]*(<br>[^"\[\]\\<>]*)?"\]', line), line
    outside_labels = re.sub(r'"[^"]*"', "", text)
    assert not re.search(r"\bend\b", outside_labels)  # the entity with id `end` got a generated id
    assert 'Model #34;end#34; #92; with break' in text
    assert "#60;script#62;" in text


def test_every_relationship_is_an_arrow_labelled_with_its_type(volcano_graph: Subgraph) -> None:
    text = to_mermaid(volcano_graph)
    arrows = re.findall(r"^    n\d+ -->\|([A-Z_]+)\| n\d+$", text, re.MULTILINE)
    assert sorted(arrows) == sorted(str(r.type) for r in volcano_graph.relations)
    assert "classDef Organization fill:" in text and '["Volcano Engine<br>火山引擎"]' in text
