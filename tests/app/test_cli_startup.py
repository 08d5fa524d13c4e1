"""What a `computekg` command loads before it answers: only what that command uses.

Each command runs in a fresh interpreter (as from the shell), which then lists the modules it imported.
How long that takes is measured by bench/cli_bench.py, never here; what is asserted is that `--help`
loads no driver, no data library and no web framework, and that a query on the embedded store, with the
fact base already validated once, neither imports the YAML readers nor anything of Neo4j or the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

_RUN_AND_LIST_MODULES = """
import sys
from computekg.app.cli import main
sys.argv = ["computekg", *sys.argv[1:]]
try:
    main()
except SystemExit as stop:
    code = stop.code
else:
    code = 0
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""
NEVER_FOR_HELP = {"neo4j", "pandas", "matplotlib", "networkx", "pydantic", "pydantic_settings", "rdflib",
                  "streamlit", "yaml", "numpy", "opencc", "jinja2", "computekg.graph.model"}
NEVER_FOR_A_QUERY = {"neo4j", "pandas", "matplotlib", "rdflib", "streamlit", "jinja2",
                     "computekg.loaders.facts", "computekg.loaders.catalog", "computekg.loaders.provenance"}


def _modules_loaded_by(home: Path, *arguments: str) -> set[str]:
    env = {**os.environ, "COMPUTEKG_HOME": str(home), "COMPUTEKG_STORE": "memory"}
    run = subprocess.run([sys.executable, "-c", _RUN_AND_LIST_MODULES, *arguments], env=env, capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    return {line.split(".")[0] if line.split(".")[0] != "computekg" else line for line in run.stderr.splitlines()}


def test_help_loads_no_heavy_module(tmp_path: Path) -> None:
    assert _modules_loaded_by(tmp_path, "--help") & NEVER_FOR_HELP == set()
    # A command's own help has Typer check its options' defaults, which Typer does with pydantic.
    assert _modules_loaded_by(tmp_path, "neighbours", "--help") & NEVER_FOR_HELP == {"pydantic"}


@pytest.mark.parametrize("command", [("resolve", "台积电"), ("neighbours", "台积电"), ("path", "ASML", "英伟达")])
def test_a_query_on_the_embedded_store_loads_only_what_it_asks_with(tmp_path: Path, command: tuple[str, ...]) -> None:
    _modules_loaded_by(tmp_path, "resolve", "TSMC")  # the first command validates the fact base and keeps it
    assert _modules_loaded_by(tmp_path, *command) & NEVER_FOR_A_QUERY == set()
