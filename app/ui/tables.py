"""Answer tables on screen: long text (quotes, facts, chains) wraps inside its cell instead of being cut off.

Streamlit's data grid wraps a cell's text only when its rows are taller than 4rem (64 px), and otherwise
cuts it at the column's edge, so a quote could only be read in full screen. Tables with such columns get
rows four lines high and wide columns for the quotes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, Literal

import streamlit as st

__all__ = ["ROW_HEIGHT", "WRAPPED", "show_rows"]

# Columns of long text, and how wide each is drawn.
WRAPPED: dict[str, Literal["small", "medium", "large"]] = {
    "Quote": "large", "Fact": "medium", "Chain": "large", "Source": "medium",
    "Loses supply from": "medium", "Still supplied from": "medium",
}
ROW_HEIGHT = 88  # px: four lines of wrapped text


def show_rows(rows: Sequence[dict[str, Any]], *, where: Any = st, hidden: Collection[str] = ("id",),
              **options: Any) -> Any:
    """`rows` as a data grid in `where` (the page, a column or the sidebar), long text wrapped, `hidden` left out.

    `options` go to `st.dataframe` (a key, a selection mode, a height); the index is never shown.
    """
    present = set(rows[0]) if rows else set()
    config: dict[str, Any] = {name: None for name in hidden if name in present}
    config |= {name: st.column_config.TextColumn(name, width=width) for name, width in WRAPPED.items()
               if name in present}
    wraps = any(name in present for name in WRAPPED)
    return where.dataframe(rows, hide_index=True, column_config=config, row_height=ROW_HEIGHT if wraps else None,
                           **options)
