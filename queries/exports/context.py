"""What a report or picture says about the view it shows, besides its title.

A report is handed on without the app around it, so it must carry what the screen showed: which entity
the view is centred on, the filters that made it, and when it was made. The app and the CLI fill this in;
renderers only read it.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

__all__ = ["ReportContext"]


class ReportContext(BaseModel):
    """The view behind an export: centre entities (ids), filters as (what, value) lines, generation time."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    centres: tuple[str, ...] = ()
    filters: tuple[tuple[str, str], ...] = ()
    """E.g. (("Hops", "2"), ("Direction", "both ways")), in the order a reader should see them."""
    generated: datetime | None = None
    """When the report was made; None means when it is rendered."""
