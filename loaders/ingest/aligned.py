"""The matching form of a text (`normalize_for_matching`) that remembers where each character came from.

Entity names and cue words are matched in the normalized form (Simplified, half-width, case-folded),
but evidence and names as written must be cut from the original text. `align` normalizes one
character at a time with the project's own `normalize_for_matching` (Traditional->Simplified
conversion runs on the whole text first, so phrase-level conversions still apply) and records,
for every normalized character, the offset of the original character it came from. Steps that
only work on whole strings (dropping pinyin glosses such as '(llm)') are applied last and the
character map is carried across them, so the aligned text equals `normalize_for_matching(text)` (with one
known difference: a bracketed acronym after Chinese, '(LLM)', is lower-cased before glosses are dropped,
so it is dropped like the gloss '(llm)' would be).

Ingest aligns every article it reads, so it runs at C speed: one `str.translate` through a table of
per-character normalizations, and offsets as ranges, stretched where a character normalizes to several
('…' to '...', '㎏' to 'kg'). Only a character whose normalization holds a space takes the
character-by-character path, and whole-text changes other than dropped glosses fall back to a diff.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from difflib import SequenceMatcher

from computekg.loaders.normalize import (
    is_normalized_for_matching,
    normalize_for_matching,
    pinyin_gloss_spans,
    to_simplified,
)

__all__ = ["AlignedText", "align"]

_WORD_RUN = re.compile(r"[^ ]+")


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


class _CharTable(dict[int, str]):
    """`str.translate` table: each character's normalized form, computed on first sight; whitespace is ' '.

    `irregular` collects the characters whose form is not exactly one character: a text holding
    one of them cannot be mapped back position by position.
    """

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = " " if ch.isspace() else normalize_for_matching(ch)
        if len(value) != 1:
            self.irregular.add(ch)
        self[code] = value
        return value


_TABLE = _CharTable()


def align(text: str) -> AlignedText:
    """Normalize `text` for matching, keeping a map back to the original offsets."""
    simplified = to_simplified(text)
    source = simplified if len(simplified) == len(text) else text
    translated = source.translate(_TABLE)
    expanding = [ch for ch in _TABLE.irregular if ch in source]  # '…' -> '...', '㎏' -> 'kg'
    if any(piece.isspace() for ch in expanding for piece in _TABLE[ord(ch)]):
        return _carry_whole_text_steps(*_align_by_character(source), len(text))  # rare: keep the reference path
    origin = _expanded_origin(source, expanding) if expanding else range(len(source))
    pieces: list[str] = []
    collapsed: list[int] = []
    previous_end = 0
    for run in _WORD_RUN.finditer(translated):  # whitespace runs become one space, none at the ends
        if pieces:
            pieces.append(" ")
            collapsed.append(origin[previous_end])  # where the whitespace run began
        pieces.append(run.group())
        collapsed.extend(origin[run.start():run.end()])
        previous_end = run.end()
    return _carry_whole_text_steps("".join(pieces), collapsed, len(text))


def _expanded_origin(source: str, expanding: list[str]) -> list[int]:
    """For each character of `source.translate(_TABLE)`, the offset in `source` it came from."""
    origin: list[int] = []
    cursor = 0
    for match in re.finditer("|".join(map(re.escape, expanding)), source):
        origin.extend(range(cursor, match.start()))
        origin.extend([match.start()] * len(_TABLE[ord(match.group())]))
        cursor = match.end()
    origin.extend(range(cursor, len(source)))
    return origin


def _align_by_character(source: str) -> tuple[str, list[int]]:
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(source):
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                origin.append(index)
            continue
        for piece in _TABLE[ord(ch)]:
            out.append(piece)
            origin.append(index)
    while out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), origin


def _carry_whole_text_steps(text: str, origin: list[int], length: int) -> AlignedText:
    if is_normalized_for_matching(text, whitespace_collapsed=True):  # align collapsed it
        return AlignedText(text, tuple(origin), length)
    final = normalize_for_matching(text)
    if final == text:
        return AlignedText(text, tuple(origin), length)
    glosses = pinyin_gloss_spans(text)
    if glosses and unicodedata.is_normalized("NFKC", text):
        kept = _without_spans(origin, glosses)
        if len(kept) == len(final):  # only glosses dropped (and characters replaced one for one)
            return AlignedText(final, tuple(kept), length)
    carried: list[int] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, text, final, autojunk=False).get_opcodes():
        if tag == "equal":
            carried += origin[i1:i2]
        elif j2 > j1:  # replaced or inserted characters come from where the change starts
            at = origin[i1] if i1 < len(origin) else length
            carried += [at] * (j2 - j1)
    return AlignedText(final, tuple(carried), length)


def _without_spans(origin: list[int], spans: list[tuple[int, int]]) -> list[int]:
    kept: list[int] = []
    cursor = 0
    for start, end in spans:
        kept += origin[cursor:start]
        cursor = end
    return kept + origin[cursor:]
