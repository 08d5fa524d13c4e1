"""The strings a regular expression cannot match without: a cheap test of whether a rule can fire at all.

The extractor's cue rules are regular expressions tried on every sentence that names two entities,
and most rules fire in few sentences. `required_literals` reads a pattern's parsed form and returns
a set of strings of which every match contains at least one ('采购', '订购', … for a buying rule),
so one Aho-Corasick pass over a sentence tells which rules are worth running. The set is a
necessary condition only: the rule itself still decides, so answers never change.
"""

from __future__ import annotations

import re
import re._constants as sre  # the parsed form of a pattern (stable across CPython 3.11-3.13)
import re._parser as sre_parse
from collections.abc import Callable, Iterable, Iterator
from itertools import product

__all__ = ["gated_finditer", "may_match", "required_literals"]

_MAX_STRINGS = 64  # a literal set larger than this stops being a cheap test
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_Items = list[tuple[object, object]]


def required_literals(pattern: str, *, weak: str = "") -> tuple[frozenset[str], ...]:
    """Sets of strings such that every match of `pattern` contains a string of each set; () when none is known.

    Each set comes from a different stretch of the pattern ('向' for the preposition, '订购', '采购' …
    for the verb), so a text must hold a string of every set before the pattern can match it.
    Characters in `weak` (placeholder brackets, say) occur almost everywhere: a set whose shortest
    string has nothing else is left out, and within a stretch the set is chosen for its strings'
    other characters.
    """
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return ()  # literals would have to match in any case
    options = _options(list(parsed), weak)
    return tuple(dict.fromkeys(frozenset(o) for o in options if _strength(o, weak) > 0))


def may_match(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Whether a text holds a string of each of `pattern`'s `required_literals`: when not, it holds no match,
    and a few substring tests are far cheaper than trying the pattern at every position."""
    required = required_literals(pattern.pattern)
    return lambda text: all(any(string in text for string in strings) for strings in required)


def gated_finditer(pattern: re.Pattern[str]) -> Callable[[str], Iterator[re.Match[str]]]:
    """`pattern.finditer`, run only on a text that `may_match` it (an English pattern over a Chinese
    article, a pattern opening on a character class, are then skipped): the same matches, in the same order."""
    possible = may_match(pattern)

    def finditer(text: str) -> Iterator[re.Match[str]]:
        if possible(text):
            yield from pattern.finditer(text)
    return finditer


def _strength(strings: Iterable[str], weak: str) -> int:
    return min((sum(ch not in weak for ch in s) for s in strings), default=0)


def _exact(items: _Items) -> set[str] | None:
    """The finite set of strings `items` matches, when it is small; None otherwise."""
    strings = {""}
    for op, value in items:
        piece = _exact_item(op, value)
        if piece is None:
            return None
        strings = {a + b for a, b in product(strings, piece)}
        if len(strings) > _MAX_STRINGS:
            return None
    return strings


def _exact_item(op: object, value: object) -> set[str] | None:
    if op is sre.LITERAL:
        return {chr(value)}  # type: ignore[arg-type]
    if op in _ZERO_WIDTH:
        return {""}  # consumes nothing: the strings around it stay adjacent
    if op is sre.IN:
        chars = [v for o, v in value if o is sre.LITERAL]  # type: ignore[attr-defined]
        return {chr(c) for c in chars} if len(chars) == len(value) else None  # type: ignore[arg-type]
    if op is sre.SUBPATTERN:
        return None if _ignores_case(value) else _exact(value[-1])  # type: ignore[index]
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in value[1]:  # type: ignore[index]
            strings = _exact(branch)
            if strings is None:
                return None
            union |= strings
        return union if len(union) <= _MAX_STRINGS else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and value[1] == 1:  # type: ignore[index]
        strings = _exact(value[2])  # type: ignore[index]
        return None if strings is None else strings | ({""} if value[0] == 0 else set())  # type: ignore[index]
    return None


def _options(items: _Items, weak: str) -> list[set[str]]:
    """One set per stretch of `items` that every match must contain a string of."""
    options: list[set[str]] = []
    run: set[str] = {""}
    for op, value in items:
        piece = _exact_item(op, value)
        if piece is not None and len(run) * len(piece) <= _MAX_STRINGS:
            run = {a + b for a, b in product(run, piece)}
            continue
        options.append(run)
        run = {""} if piece is None else piece
        if piece is None:
            inner = _required_item(op, value, weak)
            if inner:
                options.append(inner)
    options.append(run)
    return [o for o in options if o and "" not in o]


def _required(items: _Items, weak: str) -> set[str] | None:
    """The strongest of `_options`: one set of strings every match of `items` contains one of, or None."""
    return max(_options(items, weak), key=lambda o: (_strength(o, weak), -len(o)), default=None)


def _required_item(op: object, value: object, weak: str) -> set[str] | None:
    if op is sre.SUBPATTERN:
        return None if _ignores_case(value) else _required(value[-1], weak)  # type: ignore[index]
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in value[1]:  # type: ignore[index]
            strings = _required(branch, weak)
            if not strings:
                return None  # one branch guarantees nothing, so the alternation guarantees nothing
            union |= strings
        return union if len(union) <= _MAX_STRINGS else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and value[0] >= 1:  # type: ignore[index]
        return _required(value[2], weak)  # type: ignore[index]
    return None


def _ignores_case(subpattern: object) -> bool:
    """Whether a group turns case-insensitive matching on ('(?i:company)'): its literals match in any case."""
    return bool(subpattern[1] & re.IGNORECASE)  # type: ignore[index]  # (group, add_flags, del_flags, items)
