"""Find fixed words in long texts in one pass (Aho-Corasick), for checks run on every page ingested.

A regular-expression alternation of words is tried at every position of the text; an automaton
reads each character once, so asking "does this page hold any of these words?" costs one C loop.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

__all__ = ["WordFinder"]


class WordFinder:
    """Every occurrence of a fixed set of words, overlapping ones included."""

    def __init__(self, words: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for word in words:
            self._automaton.add_word(word, word)
        self._automaton.make_automaton()

    def count(self, text: str, *, up_to: int) -> int:
        """How many times the words occur in `text`, counting no further than `up_to`."""
        found = 0
        for _ in self._automaton.iter(text):
            found += 1
            if found >= up_to:
                break
        return found

    def any_in(self, text: str) -> bool:
        return self.count(text, up_to=1) > 0
