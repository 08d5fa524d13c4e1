"""Quiet Streamlit's two warnings that testing the app outside `streamlit run` always triggers.

`AppTest` writes its own session state before any script runs, and the tests clear Streamlit's caches
between tests with no server running; Streamlit warns about both ("missing ScriptRunContext", "No runtime
found") on every test, which buries the output a person reads. Only those two messages are dropped, from
the two loggers that emit them; every other Streamlit warning still shows. Imported by this folder's
`conftest.py`, so it applies before any test runs.
"""

from __future__ import annotations

import logging

__all__ = ["BENIGN_STREAMLIT_WARNINGS"]

# Logger name → what the one message of it that testing outside `streamlit run` always triggers says.
BENIGN_STREAMLIT_WARNINGS = {
    "streamlit.runtime.scriptrunner_utils.script_run_context": "missing ScriptRunContext!",
    "streamlit.runtime.caching.cache_data_api": "No runtime found, using MemoryCacheStorageManager",
}


class _DropMessage(logging.Filter):
    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def filter(self, record: logging.LogRecord) -> bool:
        return self._text not in record.getMessage()


for _name, _text in BENIGN_STREAMLIT_WARNINGS.items():
    logging.getLogger(_name).addFilter(_DropMessage(_text))
