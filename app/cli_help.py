"""How every `computekg` command presents itself in `--help`: in a panel by what it is for, flags shown bare.

Typer 0.29's rich help prints a value placeholder after a flag (`--json <bool>`), which reads as if the flag
took a value (`stats --json true` then fails on `true`). The command and group classes here show flags
without one; every command and sub-app of the command line is made with them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

__all__ = ["EXPLORE", "FACT_BASE", "SERVE", "SUPPLY", "Command", "Group", "add_command", "sub_app"]

# The panels of `computekg --help`, in the order a newcomer meets them.
EXPLORE = "Explore the graph"
SUPPLY = "Supply chains"
FACT_BASE = "Build and check the fact base"
SERVE = "App, Neo4j and Cypher"


def _without_flag_placeholders(params: list[Any]) -> list[Any]:
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""  # shown as nothing: a flag takes no value
    return params


class Command(TyperCommand):
    """A command whose flags show no value placeholder in `--help`."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _without_flag_placeholders(super().get_params(ctx))


class Group(TyperGroup):
    """A group (the app, `neo4j`, `review`) whose flags show no value placeholder in `--help`."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _without_flag_placeholders(super().get_params(ctx))


def add_command(app: typer.Typer, name: str, function: Callable[..., Any], *, panel: str | None = None) -> None:
    """Add `function` to `app` as the command `name`, in `panel` of the help."""
    app.command(name, cls=Command, rich_help_panel=panel)(function)


def sub_app(help_text: str) -> typer.Typer:
    """A group of commands (`computekg neo4j …`) made like the app itself."""
    return typer.Typer(cls=Group, help=help_text, no_args_is_help=True, add_completion=False)
