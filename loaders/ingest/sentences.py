"""Split an article body into sentences that keep their character offsets.

Evidence must be a verbatim substring of the cleaned article, so a sentence is a span
`[start, end)` of the body, never a rewritten string. Chinese sentences end at 。！？；(and their
half-width forms) plus any closing quotes; English ones at . ! ? followed by a space, except after
common abbreviations (Inc., U.S., Dr., Jan.) and initials. A line break always ends a sentence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Sentence", "split_sentences"]

_ALWAYS = set("。！？!?\n")
_SEMICOLONS = "；;"
# Every character `_is_boundary` can accept; the rest of the text is skipped unread.
_MAY_END = re.compile("[" + re.escape("".join(sorted(_ALWAYS)) + _SEMICOLONS + ".") + "]")
_CLOSERS = set("”’\"'」』）)】》")
_ABBREVIATION_TEXT = (
    "inc ltd corp co mr mrs ms dr prof sr jr st vs etc e.g i.e u.s u.k u.n no jan feb mar apr jun jul aug sep sept "
    "oct nov dec fig approx gen gov sen rep dept est mt ft al vol p pp"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# Words before a lone capital letter that make it a label, not a name's initial: 'a Series B.', 'Class A.'
_LETTER_NAMED_BY = re.compile(r"\b(?:Series|Class|Tier|Phase|Round|Type|Plan|Grade) $")
_LONGEST_WORD = 64  # how far back the word before a '.' is looked for


class Sentence(NamedTuple):
    """One sentence: `text == body[start:end]`."""

    start: int
    end: int
    text: str


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def _ends_english_sentence(text: str, dot: int) -> bool:
    """A '.' ends a sentence when whitespace follows and it does not close an abbreviation or initial."""
    after = dot + 1
    while after < len(text) and text[after] in _CLOSERS:
        after += 1
    if after < len(text) and not text[after].isspace():
        return _is_cjk(text[after])
    word = _WORD_BEFORE.search(text, max(0, dot - _LONGEST_WORD), dot)  # a window: not the whole text before
    if word:
        token = word.group(1).lower()
        if token in _ABBREVIATIONS or "." in token:
            return False
        if len(token) == 1 and not _LETTER_NAMED_BY.search(text, max(0, word.start() - 8), word.start()):
            return False  # an initial ('John B. Smith'), but 'its Series B.' ends a sentence
    rest = text[after:].lstrip(" \t")
    return not rest or not rest[0].islower()


def _is_boundary(text: str, index: int) -> bool:
    ch = text[index]
    if ch in _ALWAYS:
        return True
    if ch in _SEMICOLONS:
        return ch == "；" or _is_cjk(text[index - 1 : index]) or _is_cjk(text[index + 1 : index + 2])
    if ch == ".":
        return _ends_english_sentence(text, index)
    return False


def split_sentences(text: str) -> list[Sentence]:
    """Every non-empty sentence of `text`, in order, trimmed of surrounding whitespace."""
    sentences: list[Sentence] = []
    start = 0
    length = len(text)
    for mark in _MAY_END.finditer(text):  # only these characters can end a sentence
        index = mark.start()
        if index >= start and (mark.group() in _ALWAYS or _is_boundary(text, index)):
            end = index + 1
            while end < length and text[end] in _CLOSERS:
                end += 1
            _append(sentences, text, start, end)
            start = end
    _append(sentences, text, start, length)
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    # Most sentences start with a letter or character: tested first, it spares building a generator for
    # each of them (a third of the splitter's time).
    if not stripped or not (stripped[0].isalnum() or any(ch.isalnum() for ch in stripped)):
        return
    if len(stripped) != len(piece):
        start += len(piece) - len(piece.lstrip())
        end = start + len(stripped)
    sentences.append(Sentence(start, end, stripped))
