"""Which characters the graph's text may hold: what every export format can carry.

XML 1.0 (GraphML, GEXF, SVG) has no way to write the C0 control characters other than tab, line feed and
carriage return, nor U+FFFE and U+FFFF; a lone surrogate (a half of a UTF-16 pair, which YAML's `"\\ud800"`
produces) is no character at all and cannot be encoded as UTF-8, so Neo4j's driver, JSON files and every
text export fail on it. No name, quote or note needs any of them, so the model refuses them (`ExportableText`)
and the XML writers strip whatever still arrives by another way (`strip_unexportable`: a title typed on the command
line, a store filled by another tool); ingest turns them into spaces as it decodes an article.

>>> strip_unexportable("TSMC\\x0bArizona\\x00")
'TSMCArizona'
>>> unexportable_character("ok\\tline")
>>> unexportable_character("a\\x1fb")
'the control character U+001F at position 2'
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator

__all__ = ["ExportableText", "exportable", "unexportable_character", "strip_unexportable"]

_UNEXPORTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def unexportable_character(text: str) -> str | None:
    """The first character of `text` no export can carry, described for a person; None when there is none."""
    found = _UNEXPORTABLE.search(text)
    if found is None:
        return None
    char = found.group()
    what = "half of a UTF-16 surrogate pair" if "\ud800" <= char <= "\udfff" else (
        "the control character" if char < " " else "the non-character")
    return f"{what} U+{ord(char):04X} at position {found.start() + 1}"


def exportable(text: object) -> object:
    """`text` itself; raises `ValueError` naming the first character no export can carry.

    Run before pydantic's own check of a string, which would refuse a surrogate in words of its own
    ('unable to parse raw data as a unicode string') in a plain field and let it through in `str | None`.
    """
    problem = unexportable_character(text) if isinstance(text, str) else None
    if problem is not None:
        raise ValueError(f"contains {problem}, which no export can carry; remove it")
    return text


def strip_unexportable(text: str, *, replacement: str = "") -> str:
    """`text` with each character no export can carry (and XML 1.0 cannot hold) replaced by `replacement`."""
    return _UNEXPORTABLE.sub(replacement, text)


# Every free-text field of the interchange model: names, quotes, notes, titles, units.
ExportableText = Annotated[str, BeforeValidator(exportable)]
