"""A Mermaid `flowchart LR` of a subgraph, for Markdown documents that render Mermaid (GitHub, GitLab, Obsidian).

Why generated node ids (`n0`, `n1` …): Mermaid reads some words (`end`, `graph`) and characters in
ids as syntax, and entity ids are not ours to vet for that. Labels are quoted, with every character
that Mermaid or the HTML it renders into could read as syntax written as a `#<code>;` entity, and
line breaks folded into spaces. Nodes are coloured by kind with the shared palette.
"""

from __future__ import annotations

from computekg.graph.model import Entity, Subgraph
from computekg.graph.schema import EntityKind
from computekg.queries.exports.palette import KIND_COLOURS
from computekg.queries.exports.reader_text import reader_name

__all__ = ["mermaid_text", "to_mermaid"]

_SYNTAX = frozenset('"#&<>\\`|[]{};')


def mermaid_text(text: str) -> str:
    """`text` safe inside a quoted Mermaid label: one line, syntax characters as entity codes.

    >>> mermaid_text('say "hi" <b>\\n& bye')
    'say #34;hi#34; #60;b#62; #38; bye'
    """
    folded = " ".join(text.split())
    return "".join(f"#{ord(ch)};" if ch in _SYNTAX or not ch.isprintable() else ch for ch in folded)


def to_mermaid(graph: Subgraph) -> str:
    entities = {entity.id: entity for entity in graph.entities}
    ends = (end for relation in graph.relations for end in (relation.subject, relation.object))
    node_ids = {entity_id: f"n{number}" for number, entity_id in enumerate(dict.fromkeys([*entities, *ends]))}
    lines = ["flowchart LR"]
    lines += [f'    {node}["{_label(entities.get(entity_id), entity_id)}"]' for entity_id, node in node_ids.items()]
    lines += [
        f"    {node_ids[r.subject]} -->|{r.type}| {node_ids[r.object]}" for r in graph.relations
    ]
    for kind in EntityKind:
        members = [node_ids[e.id] for e in graph.entities if e.kind is kind]
        if members:
            lines.append(f"    classDef {kind} fill:{KIND_COLOURS[kind]},stroke:#333,color:#000")
            lines.append(f"    class {','.join(members)} {kind}")
    return "\n".join(lines) + "\n"


def _label(entity: Entity | None, entity_id: str) -> str:
    """The English name (as readers see it), with the Chinese one on a second line when known."""
    if entity is None:
        return mermaid_text(entity_id)
    names = [reader_name(entity), entity.name_zh] if entity.name_zh else [reader_name(entity)]
    return "<br>".join(mermaid_text(name) for name in names)
