"""The app tests' shared setup: Streamlit's warnings about running outside `streamlit run` are dropped."""

from __future__ import annotations

import quiet_streamlit  # noqa: F401  (installs the log filters on import)
