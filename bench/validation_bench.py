"""`python -m bench.validation_bench`: how validating a fact base grows with the number of facts (issue 16.9).

Three fact files of N facts each, added to a copy of the bundled data and validated as `computekg check` does
(`read_fact_base`, no cache): distinct facts (the baseline), N statements of one fact (merged into one
relationship), and N facts whose subjects are unknown (N problems). Each is reported as seconds, as a ratio to
the baseline at the same N, and as growth from the previous N: linear validation grows by the factor N grows
by (4× here), whatever the shape. Before the fix, 8,000 statements of one fact took 87 s and 100,000 unknown
subjects ran past 300 s.

Then the merge itself, set against the way it was done (pairwise: each statement folded into the growing
relationship, its evidence rebuilt and sorted every time) on the same statements in the same process.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from computekg.graph.model import Evidence, Relation
from computekg.graph.schema import RelType
from computekg.graph.subgraph_ops import merge_relation, merge_relations
from computekg.loaders.bundle import bundled_data_dir, read_fact_base
from computekg.loaders.errors import FactBaseError

__all__ = ["SHAPES", "fact_file", "main", "time_merges", "time_validation"]

_SOURCE = "000_29ad3f021702c844"
_QUOTE = "需求似乎是无穷的"
RESULTS = Path(__file__).with_name("results") / "validation.json"


def _distinct(n: int) -> str:
    return f'subject: tsmc\n    object: nvidia\n    quantity: "{n + 1}台"'


def _same_key(n: int) -> str:
    return "subject: tsmc\n    object: nvidia"


def _unknown(n: int) -> str:
    return f"subject: nobody-{n}\n    object: nvidia"


SHAPES: dict[str, Callable[[int], str]] = {"distinct facts": _distinct, "one fact stated N times": _same_key,
                                           "unknown subjects": _unknown}


def fact_file(count: int, shape: Callable[[int], str]) -> str:
    """A fact file of `count` facts quoting the bundled article 000, each written by `shape`."""
    facts = "".join(f'  - id: "bench-{n}"\n    {shape(n)}\n    type: SUPPLIES\n    confidence: 0.9\n'
                    f'    quote: "{_QUOTE}"\n' for n in range(count))
    return f"source: {_SOURCE}\nfacts:\n{facts}"


def time_validation(data_dir: Path, count: int, shape: Callable[[int], str]) -> float:
    """Seconds to validate the bundled data plus a fact file of `count` facts of `shape` (problems included)."""
    (data_dir / "facts" / "zz-bench.yaml").write_text(fact_file(count, shape), encoding="utf-8")
    began = time.perf_counter()
    with contextlib.suppress(FactBaseError):
        read_fact_base(data_dir)
    return time.perf_counter() - began


def time_merges(count: int) -> dict[str, float]:
    """Seconds to merge `count` statements of one fact: pairwise (as before) and all at once (as now)."""
    statements = [Relation(id="r", subject="a", type=RelType.SUPPLIES, object="b", confidence=0.5, evidence=(
        Evidence(source_id="s", quote=f"quote {n}", fact_id=f"f-{n}", confidence=0.5),)) for n in range(count)]
    began = time.perf_counter()
    pairwise = functools.reduce(merge_relation, statements)
    middle = time.perf_counter()
    at_once = merge_relations(statements)
    ended = time.perf_counter()
    assert pairwise == at_once
    return {"pairwise": middle - began, "at once": ended - middle}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 8000, 32000])
    parser.add_argument("--merge-sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--no-write", action="store_true", help=f"Do not rewrite {RESULTS.name}.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        shutil.copytree(bundled_data_dir(), data_dir, ignore=shutil.ignore_patterns("dev_corpus"))
        empty = time_validation(data_dir, 0, _distinct)
        rows = []
        for count in args.sizes:
            times = {name: time_validation(data_dir, count, shape) - empty for name, shape in SHAPES.items()}
            rows.append({"facts": count, "seconds": times})
    print(f"bundled data alone: {empty:.2f} s (subtracted below)")
    print(f"{'N':>7}  " + "  ".join(f"{name:>34}" for name in SHAPES))
    for previous, row in zip([None, *rows], rows, strict=False):
        cells = []
        for name in SHAPES:
            seconds = row["seconds"][name]
            ratio = seconds / row["seconds"]["distinct facts"]
            growth = f", ×{seconds / previous['seconds'][name]:.1f}" if previous else ""
            cells.append(f"{seconds:7.2f} s ({ratio:.2f}× base{growth})")
        print(f"{row['facts']:>7}  " + "  ".join(f"{cell:>34}" for cell in cells))
    merges = [{"statements": count, "seconds": time_merges(count)} for count in args.merge_sizes]
    print("merging N statements of one fact: pairwise (before) vs at once (now)")
    for merge in merges:
        took = merge["seconds"]
        print(f"{merge['statements']:>7}  pairwise {took['pairwise']:7.2f} s  at once {took['at once']:7.3f} s  "
              f"({took['pairwise'] / took['at once']:.0f}× faster)")
    if not args.no_write:
        results = {"bundled_data_s": empty, "rows": rows, "merges": merges}
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
