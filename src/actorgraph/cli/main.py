"""The ``actorgraph`` command: parse arguments, call the library, format the result.

Exit codes: 0 ok, 1 a problem in the graph's data, 2 a usage error (bad option, unknown
name), 70 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import ActorGraphError, GraphDataError, UsageError

__all__ = ["main"]

Handler = Callable[[argparse.Namespace], int]


def _load(args: argparse.Namespace) -> Any:
    from .analyses import load_graph

    return load_graph(args.graph)


def _print_table(rows: list[dict[str, str]]) -> None:
    if not rows:
        return
    keys = list(rows[0])
    widths = {k: min(max(len(k), *(len(r[k]) for r in rows)), 60) for k in keys}
    line = "  ".join(k.upper().ljust(widths[k]) for k in keys)
    print(line.rstrip())
    for r in rows:
        cells = [(r[k] if len(r[k]) <= 60 else r[k][:57] + "...").ljust(widths[k]) for k in keys]
        print("  ".join(cells).rstrip())


# -- commands ---------------------------------------------------------------------------

def cmd_validate(args: argparse.Namespace) -> int:
    from ..io.loader import load_records
    from ..present.text import summary_line
    from .analyses import tell_warnings

    if not args.files:
        records = load_records(args.graph)
        tell_warnings(records.warnings)
        print(summary_line(records))
        return 0
    return _validate_files(args.files, args.graph)


def _validate_files(files: list[str], graph: str | None) -> int:
    """Check the graph folder of each file (a pre-commit hook's call); 1 if any fails."""
    from ..io.folders import graph_folders
    from ..io.loader import load_records
    from ..present.text import summary_line
    from .analyses import tell_warnings

    folders, outside = graph_folders(files, graph)
    if outside:
        where = f"under {graph}" if graph else "in a folder holding graph.schema.json"
        print(f"actorgraph: not checked, not {where}: {', '.join(outside)}", file=sys.stderr)
    code = 0
    for folder in folders:
        try:
            records = load_records(folder)
        except GraphDataError as exc:
            code = max(code, report_error(exc))
            continue
        tell_warnings(records.warnings)
        print(f"{folder}: {summary_line(records)}")
    return code


def cmd_list(args: argparse.Namespace) -> int:
    from ..present.text import list_rows

    rows = list_rows(_load(args), args.what)
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        _print_table(rows)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from ..model.graph import resolve
    from ..present.text import describe

    G = _load(args)
    records = G.graph["records"]
    # sources and events are shown by id; actors and outcomes also by name or alias
    known = args.name in records.sources or args.name in records.events
    rid = args.name if known else resolve(G, args.name, type=None)
    print(describe(G, rid))
    return 0


def cmd_check_quotes(args: argparse.Namespace) -> int:
    from ..analyses.quotes import check_quotes

    G = _load(args)
    total = 0
    for spec in args.text:
        source, sep, path = spec.partition("=")
        if not sep or not source or not path:
            raise UsageError(f"--text takes SOURCE_ID=PATH, got {spec!r}")
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {path}: {exc}") from None
        misses = check_quotes(G, source, text)
        cited = sum(1 for _, c in G.graph["records"].claims.values() if c.source == source)
        for miss in misses:
            print(f"{miss.origin}: quote not found in {path}: \u201c{miss.quote}\u201d")
        print(f"{source}: {cited - len(misses)} of {cited} quotes found in {path}")
        total += len(misses)
    return 1 if total else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from ..io.schema import write_schema

    print(f"wrote {write_schema(args.output)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ..present.export import write_export

    G = _load(args)
    write_export(G, args.output, args.format)
    print(f"wrote {args.output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
          f"({args.format})")
    return 0


# -- the parser -------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--graph", metavar="DIR", default=argparse.SUPPRESS,
                        help="graph folder (default: $ACTORGRAPH_GRAPH, else the bundled graph)")
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

    p = add("validate", cmd_validate, "check the graph; print a summary or every problem")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="check the graph folder of each file instead (the pre-commit hook's "
                        "call): the --graph folder holding it, else the nearest folder above "
                        "it with graph.schema.json; other files are left out, saying so")
    p = add("list", cmd_list, "list records of one type")
    p.add_argument("what", choices=["actors", "outcomes", "sources", "claims", "events",
                                    "relations"])
    p.add_argument("--format", choices=["text", "json"], default="text")
    p = add("show", cmd_show, "show one record (id, name or alias) with the claims behind it")
    p.add_argument("name", help="an id, a name or an alias, e.g. turkiye, Turkey, USA")
    p = add("check-quotes", cmd_check_quotes,
            "report claims whose quote does not occur in the source's text")
    p.add_argument("--text", action="append", required=True, metavar="SOURCE_ID=PATH",
                   help="the full text of a source (repeatable)")
    p = add("schema", cmd_schema, "write the JSON Schema of graph files (for editors)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write into")
    p = add("export", cmd_export, "write the graph for Gephi, Cytoscape or JavaScript")
    p.add_argument("--format", required=True,
                   choices=["graphml", "gexf", "json", "cytoscape", "yaml"])
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    from .analyses import register

    register(add)
    return parser


def report_error(exc: ActorGraphError) -> int:
    """Print an error the way every command does; return its exit code."""
    if isinstance(exc, GraphDataError):
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.level == "error" for p in exc.problems)
        print(f"actorgraph: {errors} error{'s' if errors != 1 else ''} in the graph",
              file=sys.stderr)
    else:
        print(f"actorgraph: error: {exc}", file=sys.stderr)
    return exc.exit_code


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


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
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
        return report_error(exc)
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
