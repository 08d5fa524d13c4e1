"""Failures a user can cause (an unknown name, no path, a bad date) shown as messages, not tracebacks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from pydantic import ValidationError

from computekg.graph.errors import GraphError, NoPath

__all__ = ["reported_errors"]


@contextmanager
def reported_errors() -> Iterator[None]:
    """Show a graph error (or a rejected argument) as a message and stop the page there."""
    try:
        yield
    except NoPath as error:
        st.info(f"{error}. Try more hops or the other kind of path.")
        st.stop()
    except ValidationError as error:
        st.error("; ".join(f"{'.'.join(map(str, e['loc'])) or 'value'}: {e['msg']}" for e in error.errors()))
        st.stop()
    except (GraphError, ValueError) as error:
        st.error(str(error))
        st.stop()
