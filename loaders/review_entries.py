"""What the two review queues (candidate facts and new names) share: their errors, and finding an entry by id.

Apart from `review_queue`, which imports `review_names` to read and merge both: the names queue raises the same
errors and looks entries up the same way without importing the fact queue back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

__all__ = ["EntryNotFound", "ReviewError", "entry_by_id"]


class ReviewError(ValueError):
    """A review action that cannot be done (bad value, wrong state)."""


class EntryNotFound(ReviewError, LookupError):
    """No queue entry has this id (or id prefix), or more than one does."""


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_Entry = TypeVar("_Entry", bound=_Identified)


def entry_by_id(entries: Iterable[_Entry], entry_id: str, *, noun: tuple[str, str]) -> _Entry:
    """The entry with this id, or the only one whose id starts with it; else `EntryNotFound`.

    `noun` names an entry in the message, singular and plural: ("entry", "entries"), ("new name", "new names").
    An exact id wins over longer ids it is a prefix of; an empty id is a prefix of none.
    """
    candidates = list(entries)
    exact = [e for e in candidates if e.id == entry_id]
    matches = exact or [e for e in candidates if entry_id and e.id.startswith(entry_id)]
    if len(matches) != 1:
        one, many = noun
        what = f"no {one}" if not matches else f"{len(matches)} {many}"
        raise EntryNotFound(f"{what} with id {entry_id!r} in the review queue")
    return matches[0]
