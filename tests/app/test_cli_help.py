"""`computekg --help` and every command's help, as a newcomer reads them at 80 and at 120 columns.

Every option says what it does; a flag looks like a flag; a short flag means one thing everywhere; every
usage line names its arguments the same way; no help breaks a word across lines; commands come in panels.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.testing import CliRunner

from computekg.app.cli import app
from computekg.graph.schema import EntityKind, RelType

WIDTHS = (80, 120)


def _commands(group: TyperGroup, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], TyperCommand]]:
    for name, command in group.commands.items():
        yield (*path, name), command
        if isinstance(command, TyperGroup):
            yield from _commands(command, (*path, name))


ROOT = typer.main.get_command(app)
assert isinstance(ROOT, TyperGroup)
COMMANDS = dict(_commands(ROOT))
LEAVES = {path: command for path, command in COMMANDS.items() if not isinstance(command, TyperGroup)}


def _help(path: tuple[str, ...], width: int) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": str(width), "TERMINAL_WIDTH": str(width)})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda p: " ".join(p) or "computekg")
def test_help_reads_well(path: tuple[str, ...], width: int) -> None:
    shown = _help(path, width)
    assert "<bool>" not in shown, "a flag is shown as if it took a value"
    assert max(len(line) for line in shown.splitlines()) <= width
    for line in shown.splitlines():  # a value's type, such as <memory|neo4j>, is never cut in two
        types = line.replace("<=", "").replace(">=", "")  # ranges such as [1<=x<=6] are no types
        assert types.count("<") == types.count(">"), line
    words = " ".join(shown.split())  # words the help wraps stay whole: no 'MANUFACTURE S'
    command = COMMANDS.get(path)
    for param in command.params if command else ():
        if isinstance(param, TyperOption) and param.metavar in ("TYPE", "KIND"):
            names = [str(t) for t in (RelType if param.metavar == "TYPE" else EntityKind)]
            assert all(re.search(rf"\b{name}\b", words) for name in names), (param.opts, width)


@pytest.mark.parametrize("path", list(LEAVES), ids=" ".join)
def test_every_option_and_argument_says_what_it_is(path: tuple[str, ...]) -> None:
    for param in LEAVES[path].params:
        assert (param.help or "").strip(), f"{' '.join(path)}: {param.name} has no help"
        if isinstance(param, TyperArgument):
            assert param.metavar and param.metavar == param.metavar.upper(), (path, param.name)


def test_usage_lines_name_arguments_as_their_help_does() -> None:
    for path, command in LEAVES.items():
        usage = next(line for line in _help(path, 120).splitlines() if "Usage:" in line)
        for param in command.params:
            if isinstance(param, TyperArgument):
                assert param.metavar is not None and param.metavar in usage, (path, usage)


def test_a_short_flag_means_one_thing_in_every_command() -> None:
    meaning: dict[str, set[str]] = {}
    for command in LEAVES.values():
        for param in command.params:
            if isinstance(param, TyperOption):
                longs = [o for o in param.opts if o.startswith("--")]
                for short in (o for o in param.opts if not o.startswith("--")):
                    meaning.setdefault(short, set()).update(longs)
    assert {short: longs for short, longs in meaning.items() if len(longs) != 1} == {}
    assert meaning["-k"] == {"--paths"}  # the number of routes in `path` and `supply-path`


def test_flags_are_flags() -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["stats", "--json"]).exit_code == 0
    assert runner.invoke(app, ["stats", "--json", "true"]).exit_code != 0  # no value: `true` is an extra argument


def test_commands_come_in_panels() -> None:
    shown = _help((), 120)
    for panel in ("Explore the graph", "Supply chains", "Build and check the fact base", "App, Neo4j and Cypher"):
        assert panel in shown
    assert "╭─ Commands" not in shown  # none left in typer's catch-all panel


def test_eval_offers_the_corpora_the_evaluation_knows() -> None:
    """`eval --corpus` lists them without importing the evaluation; the two lists agree."""
    from computekg.app.cli_ingest import Corpus
    from computekg.loaders.ingest.evaluation import EvalCorpus

    assert [c.value for c in Corpus] == [c.value for c in EvalCorpus]
