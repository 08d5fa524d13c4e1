"""How long `computekg` commands take from the shell, this tree against a baseline commit, in the same run.

Each command is run as a user runs it: a new Python process, its output thrown away, the wall-clock time
from start to exit. The baseline is another commit of this repository (`--baseline`, `main` by default),
unpacked into a temporary folder and imported from there instead of this tree; the two take turns run by
run, so that both meet the same load on a busy machine. The first run of each (not counted) warms the
operating system's file cache and, for this tree, the fact-base cache under COMPUTEKG_HOME (a temporary
folder). Reported: the minimum and the median of `--runs` runs, and the baseline's median over this tree's.

    .venv/bin/python -m bench.cli_bench --runs 9 --baseline main
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["COMMANDS", "CommandTiming", "baseline_tree", "main", "time_commands"]

ROOT = Path(__file__).resolve().parents[1]
COMMANDS: dict[str, tuple[str, ...]] = {
    "--help": ("--help",),
    "resolve 台积电": ("resolve", "台积电"),
    "neighbours 台积电": ("neighbours", "台积电"),
    "path ASML 英伟达": ("path", "ASML", "英伟达"),
}
# The same launcher for both trees: what `.venv/bin/computekg` does, imported from wherever PYTHONPATH says.
_LAUNCH = "import sys; from computekg.app.cli import main; sys.argv[0] = 'computekg'; main()"
_FOLDERS = ("graph", "loaders", "queries", "app", "data")


@dataclass(frozen=True)
class CommandTiming:
    """Wall-clock seconds of each counted run of one command, for this tree and for the baseline."""

    command: str
    current: tuple[float, ...]
    baseline: tuple[float, ...]

    def summary(self) -> dict[str, float | str]:
        row: dict[str, float | str] = {"command": self.command}
        for name, runs in (("current", self.current), ("baseline", self.baseline)):
            if runs:
                row[f"{name}_min_s"] = round(min(runs), 3)
                row[f"{name}_median_s"] = round(statistics.median(runs), 3)
        if self.current and self.baseline:
            row["speedup"] = round(statistics.median(self.baseline) / statistics.median(self.current), 2)
        return row


def baseline_tree(ref: str, into: Path) -> Path:
    """Commit `ref` of this repository as an importable `computekg` package under `into`; the PYTHONPATH to use.

    The package is a folder of links to the commit's top-level folders (graph/, loaders/, …), as the
    installed package maps them; a regular `__init__.py` makes Python import it rather than this tree.
    """
    archive = into / "baseline.tar"
    with archive.open("wb") as stream:
        subprocess.run(["git", "archive", "--format=tar", ref], cwd=ROOT, stdout=stream, check=True)
    source = into / "source"
    with tarfile.open(archive) as tar:
        tar.extractall(source, filter="data")
    package = into / "path" / "computekg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""computekg, as of the baseline commit."""\n')
    for folder in _FOLDERS:
        (package / folder).symlink_to(source / folder, target_is_directory=True)
    return into / "path"


def _environment(home: Path, pythonpath: Path | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update({"COMPUTEKG_HOME": str(home), "COMPUTEKG_STORE": "memory", "COLUMNS": "120"})
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return env


def _imported_from(env: dict[str, str]) -> Path:
    probe = "import computekg.app.cli as cli; print(cli.__file__)"
    printed = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    return Path(printed.stdout.strip())


def _run_once(arguments: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _LAUNCH, *arguments], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def time_commands(commands: Sequence[str], *, runs: int, baseline: str | None) -> list[CommandTiming]:
    """Time each of `commands` (keys of COMMANDS) `runs` times in this tree and, when given, at `baseline`."""
    with tempfile.TemporaryDirectory(prefix="ckg-cli-bench-") as scratch:
        work = Path(scratch)
        trees = {"current": _environment(work / "home-current", None)}
        if baseline is not None:
            trees["baseline"] = _environment(work / "home-baseline", baseline_tree(baseline, work))
        for name, env in trees.items():
            where = _imported_from(env)
            expected_inside = work if name == "baseline" else ROOT
            if not where.resolve().is_relative_to(expected_inside.resolve()):
                raise RuntimeError(f"the {name} run would import computekg from {where}")
        timings = []
        for command in commands:
            arguments = COMMANDS[command]
            for env in trees.values():
                _run_once(arguments, env)  # warm-up: file cache, and this tree's fact-base cache
            seconds: dict[str, list[float]] = {name: [] for name in trees}
            for _ in range(runs):
                for name, env in trees.items():
                    seconds[name].append(_run_once(arguments, env))
            timings.append(CommandTiming(command, tuple(seconds["current"]), tuple(seconds.get("baseline", ()))))
        return timings


def main(argv: Sequence[str] | None = None) -> list[CommandTiming]:
    parser = argparse.ArgumentParser(prog="python -m bench.cli_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="counted runs of each command and tree (default 7)")
    parser.add_argument("--baseline", default="main",
                        help="git commit to compare with (default main); 'none' times this tree only")
    parser.add_argument("--only", choices=list(COMMANDS), action="append", help="only this command (repeatable)")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "cli.json",
                        help="where the results JSON goes (default bench/results/cli.json)")
    args = parser.parse_args(argv)
    baseline = None if args.baseline == "none" else args.baseline
    timings = time_commands(args.only or list(COMMANDS), runs=args.runs, baseline=baseline)
    rows = [timing.summary() for timing in timings]
    for row in rows:
        print("  ".join(f"{key}={value}" for key, value in row.items()))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    args.output.write_text(json.dumps({
        "baseline": baseline, "runs": args.runs, "load_average_at_end": [round(x, 2) for x in load],
        "summary": rows, "timings": [asdict(t) for t in timings],
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return timings


if __name__ == "__main__":
    main()
