"""Text normalization for matching: one function decides when two strings are "the same text".

Articles keep their own script on disk; matching (quotes against articles, aliases against
names) compares normalized forms: NFKC (full-width -> half-width), pinyin glosses that some
scraped pages insert after characters removed, Traditional -> Simplified, whitespace runs
collapsed, and case folded.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from functools import lru_cache

from opencc import OpenCC

__all__ = [
    "to_simplified", "remember_simplified", "strip_pinyin_glosses", "pinyin_gloss_spans", "normalize_for_matching",
    "collapse_whitespace", "is_normalized_for_matching",
]

# A gloss is a short pinyin syllable in brackets: 財(cái)經(jīng). It counts as one when it carries a
# tone mark, or, toneless (de, ge), when it follows a non-ASCII character. English in brackets
# after Latin text or a space ("large models (llm)") is left alone.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# Both forms start with '(' so the regex engine skips ahead to each bracket (the second form's
# lookbehind checks the character before it).
# A toneless gloss must be a pinyin syllable (initial and final), so an acronym after Chinese — 安谋(Arm),
# 模型(LLM) — stays text: 'arm' and 'llm' are no syllables, 'de' and 'ge' are.
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
             r"(?:iang|iong|uang|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ui|ao|ou|iu|ie|üe|ve|er|an|en|in|un|ün|ia|ua|uo|ue"
             r"|a|o|e|i|u|ü|v)")
_PINYIN_GLOSS = re.compile(
    rf"\((?:(?=[a-z{_TONED}ü]{{0,5}}[{_TONED}])[a-z{_TONED}ü]{{1,6}}|(?<=[^\x00-\x7f]\(){_SYLLABLE})\)"
)
_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s.json")


class _Conversions:
    """The last few texts converted, most recent last: ingest converts each article body more than once
    (script detection, alignment), and the cleaner, which converts a page line by line, can hand over
    the body's conversion it has already made."""

    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._converted: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()  # the app converts from several threads

    def get(self, text: str) -> str | None:
        with self._lock:
            converted = self._converted.get(text)
            if converted is not None:
                self._converted.move_to_end(text)
            return converted

    def put(self, text: str, converted: str) -> None:
        with self._lock:
            self._converted[text] = converted
            self._converted.move_to_end(text)
            while len(self._converted) > self._kept:
                self._converted.popitem(last=False)


_CONVERSIONS = _Conversions(kept=64)


def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese; other text passes through unchanged."""
    converted = _CONVERSIONS.get(text)
    if converted is None:
        converted = str(_t2s().convert(text))
        _CONVERSIONS.put(text, converted)
    return converted


def remember_simplified(text: str, simplified: str) -> None:
    """Record that `simplified` is `to_simplified(text)`, worked out another way (line by line, say)."""
    _CONVERSIONS.put(text, simplified)


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


def is_normalized_for_matching(text: str, *, whitespace_collapsed: bool = False) -> bool:
    """`normalize_for_matching(text) == text`, tested step by step without building the normalized copy.

    Each step of `_normalize` must leave `text` unchanged; a caller that collapsed the whitespace itself
    says so and spares the scan.
    """
    return (unicodedata.is_normalized("NFKC", text) and not _PINYIN_GLOSS.search(text)
            and to_simplified(text) == text
            and (whitespace_collapsed or collapse_whitespace(text) == text) and text.casefold() == text)
