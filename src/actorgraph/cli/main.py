"""The ``actorgraph`` command: parse arguments, call the library, present the result.

This module builds the parser from the ``commands_*`` modules, runs one command and turns
every error into a message and an exit code; it is the only place that touches the garbage
collector. The commands live in `commands_records` (validate, list, show, check-quotes,
schema, export), `commands_analyses` (gains, perspectives, balance, rifts), `commands_render`
and `commands_diff`; the options they share in `options`, the helpers in `common`.

Exit codes: 0 ok, 1 a problem in the graph's data, 2 a usage error (bad option, unknown
name), 70 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import __version__
from ..errors import ActorGraphError, GraphDataError
from . import (
    commands_analyses,
    commands_coalitions,
    commands_diff,
    commands_records,
    commands_render,
    common,
    completion,
)
from .common import report_error

__all__ = ["build_parser", "main", "report_error", "run"]

Handler = Callable[[argparse.Namespace], int]
COMMANDS = (commands_records, commands_analyses, commands_coalitions, commands_render,
            commands_diff, completion)
"""The modules that add subcommands, each through its ``register(add)``, in help order."""


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--graph", metavar="DIR", default=argparse.SUPPRESS,
                        help="graph folder (default: $ACTORGRAPH_GRAPH, else ./graph if there is "
                             "one, else the bundled graph)")
    parser = argparse.ArgumentParser(
        prog="actorgraph", parents=[common],
        description="Who gains from a rift between two actors, and on whose word.",
        epilog="Exit codes: 0 ok, 1 data problem, 2 usage error.")
    parser.add_argument("--version", action="version", version=f"actorgraph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(handler=handler)
        return p

    for module in COMMANDS:
        module.register(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    import gc

    # A command is a short-lived process that builds millions of long-lived, acyclic objects
    # on a large graph: the cyclic collector would only walk them again and again.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if gc_was_enabled:
            gc.enable()


def run() -> None:
    """The ``actorgraph`` command itself (its console script and ``python -m actorgraph``):
    `main` with the cyclic collector off for good, then the process ends at once, its output
    flushed. Tearing a large graph down object by object, and the one full collection that
    switching the collector back on would start, cost a second or more on 10,000 actors and
    change nothing a user sees; what the command loaded is kept (`common.keep`) so that it is
    not freed piece by piece before the end. Under a profiler or tracer (``python -m
    cProfile -m actorgraph``, coverage) it exits the usual way, so they can write."""
    import gc

    from ..io import parallel

    gc.disable()
    common.KEEP_LOADED = True
    parallel.DEFAULT = parallel.default_workers()  # a cold load reads files on every core
    code = _main(None)
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # under a profiler, debugger or coverage: let them write at exit
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe (piped into head) or a closed stream: nothing more to say
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def _say_which_graph(args: argparse.Namespace, exc: ActorGraphError) -> None:
    """After a data problem in a graph nobody named, say which folder was read: a ``graph``
    folder that happens to be in the working directory is taken before the bundled one."""
    from ..io.folders import ENV_VAR, default_graph_dir

    if (isinstance(exc, GraphDataError) and args.graph is None and not os.environ.get(ENV_VAR)
            and default_graph_dir() == Path("graph")):
        print("actorgraph: note: read ./graph, the graph folder in the current folder, as no "
              f"--graph was given; name another with --graph DIR or ${ENV_VAR}",
              file=sys.stderr)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    if argv is None and completion.requested():  # the shell asks for completions: answer, exit
        completion.complete(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    if not hasattr(args, "graph"):
        args.graph = None
    try:
        return args.handler(args)
    except ActorGraphError as exc:
        code = report_error(exc)
        _say_which_graph(args, exc)
        return code
    except BrokenPipeError:  # e.g. piped into head
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line, the traceback only on request
        if os.environ.get("ACTORGRAPH_DEBUG"):
            raise
        print(f"actorgraph: internal error: {type(exc).__name__}: {exc} (this is a bug; "
              "set ACTORGRAPH_DEBUG=1 to see the traceback, and please report it)",
              file=sys.stderr)
        return 70
