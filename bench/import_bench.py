"""Importing both published datasets (Epoch AI, CSET ETO) into Neo4j, against a naive per-row MERGE of the same.

Run against a Neo4j the caller names (no server of its own: the import is small), on a database it empties:

    COMPUTEKG_NEO4J_PORT=7791 .venv/bin/python -m bench.import_bench --uri bolt://127.0.0.1:7791 \\
        --datasets ../shared/datasets

Each step is timed in this process: reading and checking every row (both importers), loading the bundled graph,
then loading each layer with `Neo4jStore.load` (one transaction); the baseline writes the same layers with
`baselines.naive_load` (one auto-commit MERGE per row) after the same reset. The ratio is naive time over ours.
Writes `bench/results/import.json`.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.baselines import naive_load
from computekg.graph.model import Subgraph
from computekg.graph.neo4j_store import Neo4jStore
from computekg.graph.settings import Settings
from computekg.loaders.bundle import read_fact_base
from computekg.loaders.datasets.epoch import import_epoch
from computekg.loaders.datasets.eto import import_eto

__all__ = ["run"]


def _seconds(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def run(uri: str, datasets: Path) -> dict[str, float]:
    base = read_fact_base()
    start = time.perf_counter()
    layers = [import_epoch(datasets / "epoch-ai-chip-counts", base.aliases),
              import_eto(datasets / "eto-chip-explorer", base.aliases)]
    read_s = time.perf_counter() - start
    store = Neo4jStore.from_settings(Settings.model_validate({"NEO4J_URI": uri}))
    try:
        results: dict[str, float] = {"read_and_check_s": round(read_s, 3)}
        results["bundle_load_s"] = round(_seconds(lambda: store.load(base.graph, replace=True)), 3)
        ours = sum(_seconds(lambda layer=layer: store.load(layer.graph)) for layer in layers)
        again = sum(_seconds(lambda layer=layer: store.load(layer.graph)) for layer in layers)
        store.load(base.graph, replace=True)
        graph = Subgraph(entities=tuple(e for layer in layers for e in layer.graph.entities),
                         relations=tuple(r for layer in layers for r in layer.graph.relations))
        naive = _seconds(lambda: naive_load(store.driver, graph))
        results |= {"relations": len(graph.relations), "layers_load_s": round(ours, 3),
                    "layers_reload_s": round(again, 3), "naive_merge_s": round(naive, 3),
                    "naive_over_ours": round(naive / ours, 1)}
        store.load(base.graph, replace=True)
        return results
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uri", required=True, help="A Neo4j whose database may be emptied.")
    parser.add_argument("--datasets", type=Path, required=True, help="The folder holding both dataset copies.")
    args = parser.parse_args()
    results = run(args.uri, args.datasets)
    print(json.dumps(results, indent=2))
    target = Path(__file__).parent / "results" / "import.json"
    target.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
