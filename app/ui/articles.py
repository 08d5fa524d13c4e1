"""A source article on screen, with every entity name it mentions highlighted in the colour of its kind.

The alias index finds mentions in the normalized text (Traditional folded to Simplified, full-width to
half-width, case folded); the marks go on the article as written. Each paragraph is normalized on its
own; when that keeps its length the offsets carry over as they are, otherwise character by character,
and a paragraph whose characters still do not line up is shown unmarked rather than marked wrongly.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from computekg.app.ui.cached import Catalog
from computekg.loaders.alias_index import AliasIndex, Mention
from computekg.loaders.normalize import normalize_for_matching
from computekg.queries.exports.palette import KIND_COLOURS

__all__ = ["Highlighted", "highlight_article"]

Highlighted = tuple[str, list[str]]  # (HTML of the article, ids of the entities it mentions, in order)


def highlight_article(body: str, cat: Catalog, aliases: AliasIndex) -> Highlighted:
    """The article as HTML paragraphs with `<mark>`ed mentions, and the entities mentioned."""
    paragraphs = []
    mentioned: dict[str, None] = {}
    for line in body.splitlines():
        if not line.strip():
            continue
        spans = _mentions(line, aliases)
        mentioned.update((m.entity_id, None) for m in spans)
        paragraphs.append(f"<p>{_marked(line, spans, cat)}</p>")
    return "\n".join(paragraphs), list(mentioned)


def _mentions(line: str, aliases: AliasIndex) -> list[Mention]:
    """Mentions in `line`, their offsets in `line` itself."""
    if len(normalize_for_matching(line)) == len(line):
        return aliases.find_mentions(line)
    # Character by character: normalize each one alone and remember where it came from.
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(line):
        piece = " " if char.isspace() else normalize_for_matching(char)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    rebuilt = "".join(pieces)
    if len(normalize_for_matching(rebuilt)) != len(rebuilt):
        return []
    return [
        Mention(m.entity_id, origin[m.start], origin[m.end - 1] + 1, m.alias)
        for m in aliases.find_mentions(rebuilt)
    ]


def _marked(line: str, spans: Sequence[Mention], cat: Catalog) -> str:
    out = []
    at = 0
    for mention in spans:
        entity = cat.entities.get(mention.entity_id)
        if entity is None or mention.start < at:
            continue
        colour = KIND_COLOURS[entity.kind]
        out.append(html.escape(line[at:mention.start]))
        out.append(
            f'<mark style="background:{colour}40;border-bottom:2px solid {colour};padding:0 .1em" '
            f'title="{html.escape(entity.name)} · {entity.kind}" data-entity="{entity.id}">'
            f"{html.escape(line[mention.start:mention.end])}</mark>"
        )
        at = mention.end
    out.append(html.escape(line[at:]))
    return "".join(out)
