"""What every command shares: loading the graph with its warnings, and telling errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from typing import Any

from ..errors import ActorGraphError, GraphDataError
from ..present.words import count

__all__ = ["Add", "count", "keep", "load_graph", "report_error", "tell_warnings"]

KEEP_LOADED = False
"""Set by `actorgraph.cli.main.run`, whose process ends without freeing what it loaded."""
_kept: list[Any] = []


def keep(loaded: Any) -> Any:
    """`loaded`, held until the process ends when it ends at once (`KEEP_LOADED`); in a
    long-lived process (tests, a notebook calling `main`) nothing is held."""
    if KEEP_LOADED:
        _kept.append(loaded)
    return loaded

Add = Callable[..., argparse.ArgumentParser]
"""``add(name, handler, help)``: how a commands module adds its subcommands to the parser."""


def load_graph(path: Any) -> Any:
    """Load the graph a command works on, telling its load warnings on stderr."""
    from ..model.graph import load

    G = keep(load(path))
    tell_warnings(G.graph["warnings"])
    return G


def tell_warnings(warnings: Iterable[Any]) -> None:
    """Load warnings (an empty file, a folder without YAML) on stderr, one per line, for every
    command that reads a graph, so none drops them silently; then why the per-file cache
    was not used, if it was not (once)."""
    from ..io.cache import take_notices

    for warning in warnings:
        print(warning, file=sys.stderr)
    for notice in take_notices():
        print(f"actorgraph: note: {notice}", file=sys.stderr)


def report_error(exc: ActorGraphError) -> int:
    """Print an error the way every command does; return its exit code."""
    tell_warnings([])  # why the cache was not used, if it was not
    if isinstance(exc, GraphDataError):
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.level == "error" for p in exc.problems)
        print(f"actorgraph: {count(errors, 'error')} in the graph",
              file=sys.stderr)
    else:
        print(f"actorgraph: error: {exc}", file=sys.stderr)
    return exc.exit_code


