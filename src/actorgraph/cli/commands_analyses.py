"""The analysis commands: gains, perspectives, balance and rifts."""

from __future__ import annotations

import argparse
from typing import Any

from ..model.kinds import RELATION_DOMAINS
from .common import Add, load_graph
from .options import add_claim_options, claim_filter_from

__all__ = ["register"]


def _formats(p: argparse.ArgumentParser, explain: str) -> None:
    p.add_argument("--explain", action="store_true", help=explain)
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")


def _report_options(p: argparse.ArgumentParser) -> None:
    add_claim_options(p)
    p.add_argument("--depth", type=int, default=4, metavar="N",
                   help="longest chain of effects followed (default 4)")
    p.add_argument("--inferred", action="store_true",
                   help="also show, in a section of its own, what the tool infers (a bloc's "
                        "evidence for its members, structural balance); it never changes the "
                        "ranking of what the sources say")
    _formats(p, "show every step with its claims: claimant, source, locator, quote")


def _options(G: Any, args: argparse.Namespace) -> dict[str, Any]:
    return {"depth": args.depth, "inferred": args.inferred,
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
    from ..analyses.balance import structural_balance
    from ..present.analyses import format_balance

    G = load_graph(args.graph)
    report = structural_balance(G, claims=claim_filter_from(G, args),
                                rift=tuple(args.rift) if args.rift else None,
                                domain=args.domain or None)
    print(format_balance(G, report, fmt=args.format, explain=args.explain))
    return 0


def cmd_perspectives(args: argparse.Namespace) -> int:
    from ..analyses.perspectives import perspectives
    from ..present.analyses import format_perspectives

    G = load_graph(args.graph)
    options = _options(G, args)
    p = perspectives(G, args.a, args.b, by=args.by, **options)
    out = format_perspectives(G, p, fmt=args.format, explain=args.explain)
    print(out, end="" if out.endswith("\n") else "\n")
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
            shown = ", ".join(G.nodes[i]["label"] for i in ids[:args.top]) or "-"
            more = len(ids) - args.top
            return f"{shown} and {more} more" if more > 0 else shown
        line = f"{G.nodes[r.a]['label']} / {G.nodes[r.b]['label']}"
        if args.format == "markdown":
            from ..present.markdown import md_text

            print(f"- **{md_text(line)}**: gainers {md_text(names(r.gainers))}; losers "
                  f"{md_text(names(r.losers))}")
        else:
            print(f"{line}\n  gainers: {names(r.gainers)}\n  losers:  {names(r.losers)}")
    return 0


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
    p.add_argument("--by", choices=["claimant", "source", "affiliation", "outlet"],
                   default="claimant",
                   help="one perspective per claimant, per source, per claimant's state "
                        "(affiliation), or per outlet (what it relays, and what its people "
                        "say unrelayed)")
    _report_options(p)
    p = add("balance", cmd_balance, "structural balance of the relations: triads, tensions, "
            "blocs")
    add_claim_options(p)
    p.add_argument("--rift", nargs=2, metavar=("A", "B"),
                   help="which triads a rift between A and B would balance or unbalance")
    p.add_argument("--domain", action="append", default=[], choices=RELATION_DOMAINS,
                   help="only ties of this domain (repeatable); without it, a pair whose "
                        "domains disagree takes the sign of the first of security, "
                        "diplomatic, economic, other")
    _formats(p, "the claims behind every tie of every tension")
    p = add("rifts", cmd_rifts, "every rift outcome in the data with its top gainers and losers")
    p.add_argument("--top", type=int, default=5, metavar="N", help="how many of each (default 5)")
    _report_options(p)
