"""CLI commands for the analyses (registered by `actorgraph.cli.build_parser`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from .options import add_claim_options, claim_filter_from

Add = Callable[..., argparse.ArgumentParser]


def load_graph(path: Any) -> Any:
    """Load the graph a command works on, telling its load warnings on stderr."""
    from ..model.graph import load

    G = load(path)
    tell_warnings(G.graph["warnings"])
    return G


def tell_warnings(warnings: Any) -> None:
    """Load warnings (an empty file, a folder without YAML) on stderr, one per line, for every
    command that reads a graph, so none drops them silently."""
    import sys

    for warning in warnings:
        print(warning, file=sys.stderr)


def _formats(p: argparse.ArgumentParser, explain: str) -> None:
    p.add_argument("--explain", action="store_true", help=explain)
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")


def _report_options(p: argparse.ArgumentParser) -> None:
    add_claim_options(p)
    p.add_argument("--depth", type=int, default=4, metavar="N",
                   help="longest chain of effects followed (default 4)")
    p.add_argument("--no-structural", action="store_true",
                   help="leave out evidence inferred from relations (structural balance)")
    _formats(p, "show every step with its claims: claimant, source, locator, quote")


def _options(G: Any, args: argparse.Namespace) -> dict[str, Any]:
    return {"depth": args.depth, "structural": not args.no_structural,
            "claims": claim_filter_from(G, args)}


def _print_report(G: Any, report: Any, args: argparse.Namespace) -> None:
    from ..present import gains as fmt

    if args.format == "json":
        print(fmt.format_json(G, report))
    elif args.format == "markdown":
        print(fmt.format_markdown(G, report, explain=args.explain), end="")
    else:
        print(fmt.format_text(G, report, explain=args.explain))


def cmd_gains(args: argparse.Namespace) -> int:
    from ..analyses.gains import who_gains

    G = load_graph(args.graph)
    report = who_gains(G, args.a, args.b, **_options(G, args))
    if not args.robustness:
        _print_report(G, report, args)
        return 0
    from ..analyses.perspectives import robustness
    from ..present.analyses import format_robustness

    robust = robustness(G, report)
    if args.format == "json":
        print(format_robustness(G, report, robust, fmt="json"))
        return 0
    _print_report(G, report, args)
    print(format_robustness(G, report, robust, fmt=args.format))
    return 0


def cmd_balance(args: argparse.Namespace) -> int:
    from ..analyses.balance import balance
    from ..present.analyses import format_balance

    G = load_graph(args.graph)
    report = balance(G, claims=claim_filter_from(G, args),
                     rift=tuple(args.rift) if args.rift else None)
    print(format_balance(G, report, fmt=args.format, explain=args.explain))
    return 0


def cmd_perspectives(args: argparse.Namespace) -> int:
    from ..analyses.perspectives import perspectives
    from ..present.analyses import format_perspectives

    G = load_graph(args.graph)
    options = _options(G, args)
    p = perspectives(G, args.a, args.b, by=args.by, **options)
    print(format_perspectives(G, p, fmt=args.format, explain=args.explain), end="")
    return 0


def cmd_rifts(args: argparse.Namespace) -> int:
    import json

    from ..analyses.gains import rift_reports
    from ..present.gains import report_to_dict

    G = load_graph(args.graph)
    reports = rift_reports(G, **_options(G, args))
    if args.format == "json":
        print(json.dumps([report_to_dict(G, r) for r in reports], indent=2, ensure_ascii=False))
        return 0
    if not reports:
        print("No rift outcomes in the graph.")
    for r in reports:
        def names(ids: list[str]) -> str:
            return ", ".join(G.nodes[i]["label"] for i in ids[:args.top]) or "-"
        line = f"{G.nodes[r.a]['label']} / {G.nodes[r.b]['label']}"
        if args.format == "markdown":
            print(f"- **{line}**: gainers {names(r.gainers)}; losers {names(r.losers)}")
        else:
            print(f"{line}\n  gainers: {names(r.gainers)}\n  losers:  {names(r.losers)}")
    return 0


class _Progress:
    """Say on stderr what a long render is doing, once it has run for `after` seconds."""

    def __init__(self, after: float = 2.0):
        import time

        self.clock = time.monotonic
        self.start = self.clock()
        self.after = after

    def __call__(self, message: str) -> None:
        import sys

        elapsed = self.clock() - self.start
        if elapsed >= self.after:
            print(f"actorgraph: {message} ({elapsed:.0f} s so far)", file=sys.stderr)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def cmd_render(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from ..errors import UsageError
    from ..present.drawing import render_map
    from ..present.layout import read_layout, write_layout

    if sum(map(bool, (args.rift, args.focus, args.diff, args.blocs))) > 1:
        raise UsageError("give one of --rift, --focus, --diff or --blocs")
    selection = None
    if args.blocs:
        from ..analyses.balance import balance
        from ..present.selection import select_bloc_map

        G = load_graph(args.graph)
        report = balance(G, claims=claim_filter_from(G, args))
        selection = select_bloc_map(G, report, weak=args.blocs == "weak")
    elif args.diff:
        from ..analyses.diff import diff_graphs
        from ..present.selection import select_diff_map

        G_old, G = _versions(args, *args.diff)
        selection = select_diff_map(G_old, G, diff_graphs(G_old, G))
    else:
        G = load_graph(args.graph)
    layout_file = args.layout
    if layout_file is None and not (args.rift or args.focus or args.blocs):
        # the graph's own layout pins the whole map, the view compared across versions;
        # a part of the graph reads better laid out on its own
        default = Path(G.graph["root"]) / "layout.json"
        layout_file = default if default.is_file() else None
    pinned = read_layout(layout_file) if layout_file else None
    options: dict[str, Any] = {"claims": claim_filter_from(G, args)}
    if args.rift:
        options["rift"] = tuple(args.rift)
    if args.focus:
        options.update(focus=args.focus, radius=args.radius)
    if args.html:
        from ..present.html import write_html_map
        from ..present.selection import footnote_for, select_map

        selection = selection or select_map(G, **options)
        write_html_map(G, args.html, selection, pinned, footnote_for(G, args.date))
        print(f"wrote {args.html}: {len(selection.graph)} nodes, "
              f"{selection.graph.number_of_edges()} edges (interactive)")
    if not args.output:
        if not args.html:
            raise UsageError("give -o FILE (.png, .svg, .pdf) and/or --html FILE")
        return 0
    selection = render_map(G, args.output, layout=pinned, date=args.date,
                           progress=_Progress(), selection=selection, **options)
    if args.save_layout:
        positions = dict(pinned or {})
        positions.update(selection.positions)  # what was drawn, not a second layout
        write_layout(args.save_layout, positions)
    for warning in selection.warnings:
        print(f"actorgraph: warning: {warning}", file=sys.stderr)
    shown = selection.graph
    types = [t for _, t in shown.nodes(data="type")]
    print(f"wrote {args.output}: {_count(types.count('actor'), 'actor')}, "
          f"{_count(types.count('outcome'), 'outcome')}, "
          f"{_count(shown.number_of_edges(), 'edge')}")
    return 0


def _graph_dir(args: argparse.Namespace) -> Any:
    """The graph folder whose git history `diff` reads: --graph, $ACTORGRAPH_GRAPH,
    ./graph, else the default graph."""
    import os
    from pathlib import Path

    from ..io.loader import ENV_VAR, default_graph_dir

    if args.graph:
        return Path(args.graph)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    return Path("graph") if Path("graph").is_dir() else default_graph_dir()


def _version(spec: str, args: argparse.Namespace, cache: Any = None) -> Any:
    """A folder if `spec` is one, else a git revision of the graph folder."""
    from pathlib import Path

    from ..io.gitread import read_revision
    from ..io.loader import load_records
    from ..model.graph import build_graph

    try:
        is_folder = Path(spec).is_dir()
    except OSError:  # not a name the system can look up (too long): try it as a revision
        is_folder = False
    if is_folder:
        records = load_records(spec, cache=cache)
    else:
        records = read_revision(spec, _graph_dir(args), cache=cache)
    tell_warnings(records.warnings)
    return build_graph(records)


def _versions(args: argparse.Namespace, old: str, new: str) -> tuple[Any, Any]:
    """Both versions, parsing each file that did not change only once."""
    from ..io.loader import ParseCache

    cache = ParseCache()
    return _version(old, args, cache), _version(new, args, cache)


def cmd_diff(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..analyses.diff import diff_graphs
    from ..errors import ActorGraphError, UsageError
    from ..present.diff import (
        format_diff_json,
        format_diff_markdown,
        format_diff_stat,
        format_diff_text,
    )
    from .main import report_error
    from .pager import show, use_color

    try:
        if args.stat and args.format != "text":
            raise UsageError("--stat is a text summary; --format json and markdown have "
                             "their own")
        # as git does: no version = HEAD against the working tree; one = it against the tree
        working_tree = str(_graph_dir(args))
        old = args.old or "HEAD"
        new = args.new or working_tree
        G_old, G_new = _versions(args, old, new)
        rifts = [tuple(args.rift)] if args.rift else None
        if rifts:
            from ..model.graph import resolve

            rifts = [tuple(resolve(G_new, x) if x in G_new else resolve(G_old, x)
                           for x in args.rift)]
        d = diff_graphs(G_old, G_new, rifts=rifts)
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
    """Add the analysis subcommands through ``add(name, handler, help)``."""
    p = add("gains", cmd_gains, "rank who gains and who loses from a rift between A and B")
    p.add_argument("a", help="an actor: id, name or alias (e.g. russia, Russia)")
    p.add_argument("b", help="the other actor")
    _report_options(p)
    p.add_argument("--robustness", action="store_true",
                   help="for each gainer and loser: does the verdict survive leaving out any "
                        "single source or claimant?")
    p = add("perspectives", cmd_perspectives,
            "the gains answer for one rift, claimant by claimant, and where they disagree")
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--by", choices=["claimant", "source", "affiliation"], default="claimant",
                   help="one perspective per claimant, per source, or per claimant's state "
                        "(affiliation)")
    _report_options(p)
    p = add("balance", cmd_balance, "structural balance of the relations: triads, tensions, "
            "blocs")
    add_claim_options(p)
    p.add_argument("--rift", nargs=2, metavar=("A", "B"),
                   help="which triads a rift between A and B would balance or unbalance")
    _formats(p, "the claims behind every tie of every tension")
    p = add("render", cmd_render, "draw the interest map to a .png, .svg or .pdf file")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="where to write; the format follows the extension (.png, .svg, .pdf)")
    p.add_argument("--html", metavar="FILE",
                   help="also (or only) an interactive map: one self-contained HTML file")
    p.add_argument("--rift", nargs=2, metavar=("A", "B"),
                   help="only the rift between A and B, with gainers and losers highlighted")
    p.add_argument("--focus", metavar="ID", help="only this actor's or outcome's neighbourhood")
    p.add_argument("--diff", nargs=2, metavar=("OLD", "NEW"),
                   help="the union of two versions (folders or git revisions), with added, "
                        "removed and changed records marked")
    p.add_argument("--blocs", nargs="?", const="weak", choices=["weak", "strict"],
                   help="the actors and their relations, filled by the blocs of `balance` "
                        "(weak, the default: any number of blocs; strict: at most two) and "
                        "laid out bloc by bloc, with the ties against the blocs marked")
    p.add_argument("--radius", type=int, default=1, metavar="N",
                   help="with --focus: how many steps out (default 1)")
    add_claim_options(p)
    p.add_argument("--layout", metavar="FILE", help="pinned positions (JSON: id -> [x, y]); "
                   "default for the whole map: layout.json in the graph folder, if any")
    p.add_argument("--save-layout", metavar="FILE",
                   help="write the positions used (pinned ones kept) for later renders")
    p.add_argument("--date", metavar="DATE", help="date in the footnote (default: "
                   "$SOURCE_DATE_EPOCH, else today)")
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
    p = add("rifts", cmd_rifts, "every rift outcome in the data with its top gainers and losers")
    p.add_argument("--top", type=int, default=5, metavar="N", help="how many of each (default 5)")
    _report_options(p)
    from .coalitions import register as register_coalitions

    register_coalitions(add)
