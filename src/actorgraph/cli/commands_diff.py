"""``actorgraph diff``: what changed between two versions of the graph (folders or git
revisions), and which answers changed with it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import ActorGraphError, UsageError
from .common import Add, report_error, tell_warnings

__all__ = ["load_versions", "register"]


def _graph_dir(args: argparse.Namespace) -> Path:
    """The graph folder whose git history is read: --graph, else the default graph folder
    (`actorgraph.io.loader.default_graph_dir`, the same order as every command's)."""
    from ..io.loader import default_graph_dir

    return Path(args.graph) if args.graph else default_graph_dir()


def load_versions(args: argparse.Namespace, old: str, new: str) -> tuple[Any, Any]:
    """Both versions (each a folder or a git revision of the graph folder), telling their
    load warnings."""
    from ..model.graph import load_versions as load

    versions = load(old, new, graph_dir=_graph_dir(args))
    for G in versions:
        tell_warnings(G.graph["warnings"])
    return versions


def cmd_diff(args: argparse.Namespace) -> int:
    from ..analyses.diff import diff_graphs
    from ..present.diff import (
        format_diff_json,
        format_diff_markdown,
        format_diff_stat,
        format_diff_text,
    )
    from .pager import show, use_color

    try:
        if args.stat and args.format != "text":
            raise UsageError("--stat is a text summary; --format json and markdown have "
                             "their own")
        # as git does: no version = HEAD against the working tree; one = it against the tree
        working_tree = str(_graph_dir(args))
        G_old, G_new = load_versions(args, args.old or "HEAD", args.new or working_tree)
        d = diff_graphs(G_old, G_new, rifts=[tuple(args.rift)] if args.rift else None)
    except ActorGraphError as exc:
        code = report_error(exc)
        return 2 if args.exit_code else code
    if args.format == "json":
        text = format_diff_json(d)
    elif args.format == "markdown":
        text = format_diff_markdown(d).rstrip("\n")
    else:
        color = use_color(args.color)
        text = format_diff_stat(d, color=color) if args.stat else format_diff_text(d, color=color)
    show(text, use_pager=not args.no_pager, where=Path(working_tree).resolve())
    return 1 if (args.exit_code and d) else 0


def register(add: Add) -> None:
    """Add ``diff`` through ``add(name, handler, help)``."""
    p = add("diff", cmd_diff, "what changed between two versions of the graph, and which "
            "answers changed with it")
    p.add_argument("old", nargs="?", help="a folder, or a git revision of the graph folder "
                   "(HEAD~3, v1); none: HEAD")
    p.add_argument("new", nargs="?", help="a folder, or a git revision (e.g. ./graph or "
                   "HEAD); none: the graph folder as it is now (the working tree)")
    p.add_argument("--rift", nargs=2, metavar=("A", "B"),
                   help="compare the answers for this rift only (default: every rift)")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="colour the text output (auto: on a terminal, unless NO_COLOR)")
    p.add_argument("--stat", action="store_true",
                   help="records changed per file, like git diff --stat, and a count of the "
                        "answers that changed")
    p.add_argument("--no-pager", action="store_true",
                   help="never page (a pager is used only on a terminal: $GIT_PAGER, "
                        "core.pager, $PAGER or less -FRX)")
    p.add_argument("--exit-code", action="store_true",
                   help="exit 1 when there are differences, 0 when none, 2 on any error")
