"""Resolve any name an article uses (any script, case or width) to one catalog entity.

`resolve` answers a single name; `find_mentions` scans a text for every alias at once with an
Aho-Corasick automaton, longest match first, and for Latin names only at word boundaries
(so 'L2' does not fire inside 'L20' or 'HBM2L2', but does in the plural 'L2s').
"""

from __future__ import annotations

import difflib
import re
import string
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

import ahocorasick

from computekg.graph.errors import EntityNotFound
from computekg.graph.model import Entity
from computekg.graph.schema import EntityKind
from computekg.loaders.normalize import normalize_for_matching
from computekg.loaders.tickers import bare_code, printed_forms

__all__ = ["AliasIndex", "AmbiguousName", "Mention"]


class AmbiguousName(EntityNotFound):
    """The name belongs to more than one entity."""


class Mention(NamedTuple):
    """One occurrence of an entity's name in a normalized text."""

    entity_id: str
    start: int
    end: int
    alias: str


_new_mention = tuple.__new__  # builds a `Mention` without the Python-level `__new__` of named tuples

# What may follow a Latin name that still ends there: a plural 's', a full stop, or both ('H100s.').
_NAME_TAIL = re.compile(r"(?:s\.?|\.)(?![A-Za-z0-9])")
# A compound adjective made of a name: 'Nvidia-backed CoreWeave', 'SoftBank-owned Arm', 'TSMC-made chips' (not
# '-based': discovery reads 'X-based' as a place, with the state or country before it).
_COMPOUND_TAIL = re.compile(r"-(?:backed|owned|funded|financed|controlled|listed|led|made|designed|built|"
                            r"powered|operated|run|supported|affiliated|linked|allied|sponsored)(?![A-Za-z0-9])",
                            re.IGNORECASE)


_WORD_CHARS = frozenset(string.ascii_letters + string.digits + "-_.")
_CLOSE = 0.75  # how alike (difflib's ratio) a name must be to be suggested without sharing or being one typo off


def _one_typo_apart(a: str, b: str) -> bool:
    """Whether one character replaced, added or dropped turns `a` into `b` (never when they are equal)."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1 or a == b:
        return False
    same = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[same + 1:] == b[same + 1:] if len(a) == len(b) else a[same:] == b[same + 1:]


def _is_word_char(ch: str) -> bool:
    return ch in _WORD_CHARS


class AliasIndex:
    """Every name of every entity, normalized, mapped to the entities that carry it."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._entities = {e.id: e for e in entities}
        self._by_name: dict[str, set[str]] = defaultdict(set)
        self._by_code: dict[str, set[str]] = defaultdict(set)
        self._weak: set[str] = set()
        for entity in self._entities.values():
            for name in (entity.id, *entity.all_names(), *(f for t in entity.tickers for f in printed_forms(t))):
                self._by_name[normalize_for_matching(name)].add(entity.id)
            for ticker in entity.tickers:
                self._by_code[bare_code(ticker)].add(entity.id)
            self._weak.update(normalize_for_matching(name) for name in entity.weak_aliases)
        self._automaton: ahocorasick.Automaton | None = None

    def by_ticker_code(self, code: str) -> Entity | None:
        """The one entity listed under the bare code `code` ('2330', '00700'), if exactly one is."""
        ids = self._by_code.get(code, set())
        if not ids and code.isdigit():  # Hong Kong codes are printed with and without leading zeros
            ids = self._by_code.get(code.lstrip("0").zfill(4), set())
        return self._entities[next(iter(ids))] if len(ids) == 1 else None

    def is_weak(self, normalized_name: str) -> bool:
        """Whether `normalized_name` is one of an entity's weak aliases (also an everyday word)."""
        return normalized_name in self._weak

    def conflicts(self) -> dict[str, set[str]]:
        """Names that more than one entity claims (an id is allowed to equal its own aliases)."""
        return {name: ids for name, ids in self._by_name.items() if len(ids) > 1}

    def lookup(self, name: str) -> Entity | None:
        """The entity called `name`, or None when no entity or several are: `resolve` without the reasons.

        The extractor asks about many words that name nothing ('glm-4' of 'glm-4-plus'); working out the
        closest candidates for its error (a pass over every alias) would be thrown away.
        """
        if name in self._entities:
            return self._entities[name]
        ids = self._by_name.get(normalize_for_matching(name), ())
        if len(ids) == 1:
            return self._entities[next(iter(ids))]
        return self._qualified_place(name) if not ids else None

    def _qualified_place(self, name: str) -> Entity | None:
        """The city of 'Memphis, Tennessee' or 'Austin, Texas': English news qualifies a place by the state or
        country it lies in, and the qualified form names the same place as the city alone."""
        place, comma, region = name.partition(", ")
        if not comma or ", " in region:
            return None
        city, within = self.lookup(place), self.lookup(region)
        if city is None or within is None or not city.kind == within.kind == EntityKind.PLACE:
            return None
        return city

    def resolve(self, name: str, *, suggest: bool = True) -> Entity:
        """The entity called `name`; raises `AmbiguousName` or `EntityNotFound` with candidates (none unless
        `suggest`: working them out is a pass over every alias)."""
        entity = self.lookup(name)
        if entity is not None:
            return entity
        ids = self._by_name.get(normalize_for_matching(name), set())
        if len(ids) > 1:
            raise AmbiguousName(name, tuple(sorted(ids)))
        raise EntityNotFound(name, self.candidates(name) if suggest else ())

    def candidates(self, name: str, limit: int = 5) -> tuple[str, ...]:
        """Entity ids whose names contain `name` or stand inside it, then those one typo from it, then those
        that closely resemble it; the most alike first within each.

        A typo is one character replaced, added or dropped (台机电 for 台积电, Nvidea for NVIDIA), counted
        for names of two characters or more: on a short Chinese name one wrong character is already a third
        of it, too unlike for a similarity ratio, yet the commonest slip.
        """
        key = normalize_for_matching(name)
        if not key:
            return ()
        ranks: dict[str, tuple[int, bool, float, str]] = {}
        for alias, ids in self._by_name.items():
            if key in alias or (len(alias) > 1 and alias in key):
                tier = 0
            elif min(len(key), len(alias)) > 1 and _one_typo_apart(key, alias):
                tier = 1
            else:
                tier = 2
                matcher = difflib.SequenceMatcher(None, key, alias)
                if matcher.real_quick_ratio() < _CLOSE or matcher.quick_ratio() < _CLOSE or matcher.ratio() < _CLOSE:
                    continue
            # Within a tier, names that begin as the typed one does come first: a slip is seldom in the first
            # character ('智普' is 智谱 or 智利 before it is 夏普 or 惠普).
            rank = (tier, alias[:1] != key[:1], -difflib.SequenceMatcher(None, key, alias).ratio(), alias)
            for entity_id in ids:
                if entity_id not in ranks or rank < ranks[entity_id]:
                    ranks[entity_id] = rank
        return tuple(sorted(ranks, key=lambda entity_id: (ranks[entity_id], entity_id))[:limit])

    def find_mentions(self, text: str) -> list[Mention]:
        """Every non-overlapping entity name in `text` (normalized first), longest match first."""
        return self.find_normalized_mentions(normalize_for_matching(text))

    def find_normalized_mentions(self, haystack: str) -> list[Mention]:
        """`find_mentions` on a text already in matching form: offsets are offsets of `haystack`."""
        automaton = self._build_automaton()
        hits: list[tuple[int, int, str, str]] = []  # (start, -length, alias, entity id): sorts longest first
        for end, (negative_length, alias, entity_id, latin_edge) in automaton.iter(haystack):
            start = end + negative_length + 1
            if latin_edge and not (  # most Latin names stand between non-Latin characters: no more to check
                    (start == 0 or haystack[start - 1] not in _WORD_CHARS)
                    and (end + 1 == len(haystack) or haystack[end + 1] not in _WORD_CHARS)
            ) and not self._at_word_boundary(haystack, start, end + 1):
                continue
            hits.append((start, negative_length, alias, entity_id))
        hits.sort()
        chosen: list[Mention] = []
        taken_until = 0
        for at, (start, negative_length, alias, entity_id) in enumerate(hits):
            if start >= taken_until:  # the longest name at the first free position wins
                split = _maker_split(haystack, hits, at) if self._is_product(entity_id) else None
                if split is not None:  # '辉达gb200 nvl72' is NVIDIA and its GB200 NVL72, not NVIDIA's GB200
                    chosen.append(_new_mention(Mention, split[0]))
                    entity_id, start, taken_until, alias = split[1]
                else:
                    taken_until = start - negative_length
                chosen.append(_new_mention(Mention, (entity_id, start, taken_until, alias)))
        return chosen

    def _is_product(self, entity_id: str) -> bool:
        entity = self._entities.get(entity_id)
        return entity is not None and entity.kind is EntityKind.PRODUCT

    def _build_automaton(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            # Names that several entities share are never linked, so they are left out of the automaton;
            # a name with a Latin first or last character needs the word-boundary check.
            automaton = ahocorasick.Automaton()
            for alias, ids in self._by_name.items():
                if alias and len(ids) == 1:
                    latin_edge = _is_word_char(alias[0]) or _is_word_char(alias[-1])
                    automaton.add_word(alias, (-len(alias), alias, next(iter(ids)), latin_edge))
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    @staticmethod
    def _at_word_boundary(text: str, start: int, end: int) -> bool:
        """Latin names must not touch other Latin letters or digits; Chinese names need no boundary.

        An English plural 's' may follow a Latin name ('H100s', 'TPUs'), and so may the full stop
        that ends a sentence ('… made by TSMC.') or a compound adjective ('Nvidia-backed'): the name
        still ends there.
        """
        if _is_word_char(text[start]) and start > 0 and _is_word_char(text[start - 1]):
            return False
        if not (_is_word_char(text[end - 1]) and end < len(text) and _is_word_char(text[end])):
            return True
        if text[end] == "-" and _COMPOUND_TAIL.match(text, end):
            return True
        plural_ok = end - start >= 2 and text[end - 1].isalnum()
        tail = _NAME_TAIL.match(text, end)
        return tail is not None and (text[end] == "." or plural_ok)


def _maker_split(haystack: str, hits: list[tuple[int, int, str, str]], at: int
                 ) -> tuple[tuple[str, int, int, str], tuple[str, int, int, str]] | None:
    """When the longest name at a position is a Chinese maker's name run into a product code ('辉达gb200') and a
    longer product name starts where the code does ('gb200 nvl72'), the maker and that longer name; else None.
    (`hits` are (start, -length, alias, entity id), sorted.)"""
    start, negative_length, _, _ = hits[at]
    end = start - negative_length
    for later in range(at + 1, len(hits)):  # by index: this runs for every product found, on every article
        later_start, later_negative, later_alias, later_id = hits[later]
        if later_start >= end:
            return None
        if later_start - later_negative <= end or not haystack[later_start].isascii() \
                or haystack[later_start - 1].isascii():
            continue
        # the maker's own name: a shorter hit at the same start, ending where the product's name begins
        maker = next((hit for hit in (hits[i] for i in range(at, later))
                      if hit[0] == start and hit[0] - hit[1] == later_start), None)
        if maker is None:
            return None
        return ((maker[3], start, later_start, maker[2]),
                (later_id, later_start, later_start - later_negative, later_alias))
    return None
