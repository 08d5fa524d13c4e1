"""Curators' shorthand taken out of the text a report's reader sees.

Notes and catalog names were written by curators for curators: they point at other facts by id
("see 000-018", "as in 000-011", "(003-032)"), at articles by number ("unnamed in 003") and at lines of
the cleaned article ("(line 15)"). A reader of
a handed-over report has neither the fact files nor the numbering, so these references are removed and
the sentence around them is mended; a note that was nothing but a reference disappears.

>>> for_readers("智源实验室. Chip name stripped; see 000-018.")
'智源实验室. Chip name stripped.'
>>> for_readers("Leading domestic AI chip (unnamed in 003)")
'Leading domestic AI chip (unnamed)'
>>> for_readers("Same shift as Alibaba and Tencent (003-022), per people familiar.")
'Same shift as Alibaba and Tencent, per people familiar.'
>>> for_readers("The article also reports (line 49, 刘昊) that…")
'The article also reports (刘昊) that…'
>>> for_readers("As 000-024.") is None
True
"""

from __future__ import annotations

import re

from computekg.graph.model import Entity

__all__ = ["for_readers", "reader_name"]

_FACT = r"\d{3}-\d{3}"
_FACTS = rf"{_FACT}(?:(?:,|\s+and|\s+or)\s+{_FACT})*"
_RULES = (
    # A parenthesis that only cites facts: "(003-022)", "(see 003-032)".
    (re.compile(rf"\s*\((?:see\s+)?{_FACTS}\)", re.IGNORECASE), ""),
    # A parenthesis that cites facts among other words: "(same quote as 000-047)" loses the reference only.
    (re.compile(rf"\s*\((?:see|as(?:\s+in|\s+for)?|same quote as)\s+{_FACTS}\)", re.IGNORECASE), ""),
    # A sentence that is only a pointer: "See 002-052 on the date mapping.", "As 000-024."
    (re.compile(rf"(?:^|(?<=\.))\s*(?:see|as(?:\s+in|\s+for)?)\s+{_FACTS}[^.;]*[.;]?", re.IGNORECASE), ""),
    # A clause that points: "; see 000-018", ", see 000-007", " as in 000-011", ", as for 004-029".
    (re.compile(rf"\s*[,;]?\s*\b(?:see|(?:the\s+same\s+)?as(?:\s+in|\s+for)?|same quote as)\s+{_FACTS}",
                re.IGNORECASE), ""),
    # Line numbers of the cleaned article: "(line 15)", "(line 49, 刘昊)", "Also line 42: …".
    (re.compile(r"\s*\(lines?\s+\d+\)", re.IGNORECASE), ""),
    (re.compile(r"\blines?\s+\d+,\s*", re.IGNORECASE), ""),
    (re.compile(r"\blines?\s+\d+\b", re.IGNORECASE), "elsewhere in the article"),
    # Any fact id left over, and article numbers: "unnamed in 003", "the spelling in 000".
    (re.compile(rf"\s*\b{_FACT}\b"), ""),
    (re.compile(r"\s+(?:in|from|of)\s+(?:article\s+)?\d{3}\b", re.IGNORECASE), ""),
)
_TIDY = (
    (re.compile(r"\s+([.,;:)])"), r"\1"),
    (re.compile(r"([,;])(?=[.;,)])"), ""),
    (re.compile(r"\(\s*\)"), ""),
    (re.compile(r"\s{2,}"), " "),
)


def for_readers(text: str | None) -> str | None:
    """`text` without curators' references to fact ids and article numbers; None when nothing is left."""
    if text is None:
        return None
    for pattern, replacement in (*_RULES, *_TIDY):
        text = pattern.sub(replacement, text)
    text = text.strip(" ,;")
    return text if text.strip(" .") else None


def reader_name(entity: Entity) -> str:
    """The entity's English name as a report's reader should see it (no curators' article numbers)."""
    return for_readers(entity.name) or entity.name
