"""CLI commands for the analyses (registered by `actorgraph.cli.build_parser`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Add = Callable[..., argparse.ArgumentParser]


def _report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--according-to", action="append", default=[], metavar="CLAIMANT",
                   help="only claims by this actor (id, name or alias) or in this source "
                        "(repeatable)")
    p.add_argument("--exclude-claimant", action="append", default=[], metavar="CLAIMANT",
                   help="leave out claims by this actor or in this source (repeatable)")
    p.add_argument("--as-of", metavar="DATE", help="interests and relations valid on DATE "
                   "(YYYY, YYYY-MM or YYYY-MM-DD); drops sources published later")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help="leave out claims with confidence below X (0..1)")
    p.add_argument("--depth", type=int, default=4, metavar="N",
                   help="longest chain of effects followed (default 4)")
    p.add_argument("--no-structural", action="store_true",
                   help="leave out evidence inferred from relations (structural balance)")
    p.add_argument("--explain", action="store_true",
                   help="show every step with its claims: claimant, source, locator, quote")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")


def _options(args: argparse.Namespace) -> dict[str, Any]:
    from .errors import UsageError

    if not 0.0 <= args.min_confidence <= 1.0:
        raise UsageError(f"--min-confidence takes a number from 0 to 1, got {args.min_confidence}")
    return {"depth": args.depth, "structural": not args.no_structural,
            "according_to": args.according_to, "exclude": args.exclude_claimant,
            "min_confidence": args.min_confidence, "as_of": args.as_of}


def _print_report(G: Any, report: Any, args: argparse.Namespace) -> None:
    from . import report as fmt

    if args.format == "json":
        print(fmt.format_json(G, report))
    elif args.format == "markdown":
        print(fmt.format_markdown(G, report, explain=args.explain), end="")
    else:
        print(fmt.format_text(G, report, explain=args.explain))


def cmd_gains(args: argparse.Namespace) -> int:
    from .gains import who_gains
    from .graph import load

    G = load(args.graph)
    _print_report(G, who_gains(G, args.a, args.b, **_options(args)), args)
    return 0


def cmd_rifts(args: argparse.Namespace) -> int:
    import json

    from .gains import rift_reports
    from .graph import load
    from .report import report_to_dict

    G = load(args.graph)
    reports = rift_reports(G, **_options(args))
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


def register(add: Add) -> None:
    """Add the analysis subcommands through ``add(name, handler, help)``."""
    p = add("gains", cmd_gains, "rank who gains and who loses from a rift between A and B")
    p.add_argument("a", help="an actor: id, name or alias (e.g. russia, Russia)")
    p.add_argument("b", help="the other actor")
    _report_options(p)
    p = add("rifts", cmd_rifts, "every rift outcome in the data with its top gainers and losers")
    p.add_argument("--top", type=int, default=5, metavar="N", help="how many of each (default 5)")
    _report_options(p)
