"""The matching form of a text (`normalize_for_matching`) that remembers where each character came from.

Entity names and cue words are matched in the normalized form (Simplified, half-width, case-folded),
but evidence and names as written must be cut from the original text. `align` normalizes one
character at a time with the project's own `normalize_for_matching` (Traditional->Simplified
conversion runs on the whole text first, so phrase-level conversions still apply) and records,
for every normalized character, the offset of the original character it came from. Steps that
only work on whole strings (dropping pinyin glosses such as '(llm)') are applied last and the
character map is carried across them with a diff, so the aligned text always equals
`normalize_for_matching(text)`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from computekg.loaders.normalize import normalize_for_matching, to_simplified

__all__ = ["AlignedText", "align"]


@dataclass(frozen=True)
class AlignedText:
    """`text` is the normalized form; `origin[i]` is the offset in the original of `text[i]`."""

    text: str
    origin: tuple[int, ...]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets `[start, end)` that the normalized span `[start, end)` came from."""
        if start >= end:
            at = self.origin[start] if start < len(self.origin) else self.original_length
            return at, at
        return self.origin[start], self.origin[end - 1] + 1

    def normalized_span(self, start: int, end: int) -> tuple[int, int]:
        """The normalized span covering the original span `[start, end)`."""
        return bisect_left(self.origin, start), bisect_left(self.origin, end)


@lru_cache(maxsize=8192)
def _normalize_char(ch: str) -> str:
    return normalize_for_matching(ch)


def align(text: str) -> AlignedText:
    """Normalize `text` for matching, keeping a map back to the original offsets."""
    simplified = to_simplified(text)
    source = simplified if len(simplified) == len(text) else text
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(source):
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                origin.append(index)
            continue
        for piece in _normalize_char(ch):
            out.append(piece)
            origin.append(index)
    while out and out[-1] == " ":
        out.pop()
        origin.pop()
    return _carry_whole_text_steps("".join(out), origin, len(text))


def _carry_whole_text_steps(text: str, origin: list[int], length: int) -> AlignedText:
    final = normalize_for_matching(text)
    if final == text:
        return AlignedText(text, tuple(origin), length)
    carried: list[int] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, text, final, autojunk=False).get_opcodes():
        if tag == "equal":
            carried += origin[i1:i2]
        elif j2 > j1:  # replaced or inserted characters come from where the change starts
            at = origin[i1] if i1 < len(origin) else length
            carried += [at] * (j2 - j1)
    return AlignedText(final, tuple(carried), length)
