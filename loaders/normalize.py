"""Text normalization for matching: one function decides when two strings are "the same text".

Articles keep their own script on disk; matching (quotes against articles, aliases against
names) compares normalized forms: NFKC (full-width -> half-width), pinyin glosses that some
scraped pages insert after characters removed, Traditional -> Simplified, whitespace runs
collapsed, and case folded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

__all__ = [
    "to_simplified", "strip_pinyin_glosses", "pinyin_gloss_spans", "normalize_for_matching", "collapse_whitespace",
]

# A gloss is a short pinyin syllable in brackets: 財(cái)經(jīng). It counts as one when it carries a
# tone mark, or, toneless (de, ge), when it follows a non-ASCII character. English in brackets
# after Latin text or a space ("large models (llm)") is left alone.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# Both forms start with '(' so the regex engine skips ahead to each bracket (the second form's
# lookbehind checks the character before it).
_PINYIN_GLOSS = re.compile(
    rf"\((?:(?=[a-z{_TONED}ü]{{0,5}}[{_TONED}])[a-z{_TONED}ü]{{1,6}}|(?<=[^\x00-\x7f]\()[a-zü]{{1,6}})\)"
)
_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s.json")


@lru_cache(maxsize=64)  # ingest converts each article body more than once (script detection, alignment)
def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese; other text passes through unchanged."""
    return str(_t2s().convert(text))


def strip_pinyin_glosses(text: str) -> str:
    """Remove glosses such as the `(cái)` in `財(cái)經(jīng)` that some scrapers insert."""
    return _PINYIN_GLOSS.sub("", text)


def pinyin_gloss_spans(text: str) -> list[tuple[int, int]]:
    """Where `strip_pinyin_glosses` cuts `text`, so a caller can carry offsets across the cut."""
    return [match.span() for match in _PINYIN_GLOSS.finditer(text)]


def collapse_whitespace(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def normalize_for_matching(text: str) -> str:
    """The canonical form used whenever two pieces of text are compared."""
    return _normalize_name(text) if len(text) <= _NAME_LENGTH else _normalize(text)


_NAME_LENGTH = 40  # names and cue words are short and recur on every page: their forms are cached


@lru_cache(maxsize=16384)
def _normalize_name(text: str) -> str:
    return _normalize(text)


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = strip_pinyin_glosses(text)
    text = to_simplified(text)
    return collapse_whitespace(text).casefold()
