"""Where a candidate fact stands in the review queue (a plain enum: `review list --status` offers it cheaply)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ReviewStatus"]


class ReviewStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    MERGED = "merged"
