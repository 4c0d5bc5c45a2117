"""``actorgraph coalitions``: MACTOR's power and convergence, from the claims."""

from __future__ import annotations

import argparse

from .common import Add


def cmd_coalitions(args: argparse.Namespace) -> int:
    from ..analyses.mactor import coalitions
    from ..errors import UsageError
    from ..present.coalitions import format_coalitions
    from .common import load_graph
    from .options import claim_filter_from

    if args.plot:  # checked before any work, like every output
        from ..io.output import output_file

        if not args.plot.lower().endswith((".png", ".svg", ".pdf")):
            raise UsageError(f"--plot takes a .png, .svg or .pdf file, got {args.plot!r}")
        output_file(args.plot)
    G = load_graph(args.graph)
    report = coalitions(G, actors=args.actor, outcomes=args.outcome,
                        claims=claim_filter_from(G, args))
    print(format_coalitions(G, report, fmt=args.format, explain=args.explain), end="")
    if args.plot:
        import sys

        from ..present.coalitions_plot import plot_coalitions

        plot_coalitions(G, report, args.plot, date=args.date)
        print(f"wrote {args.plot}", file=sys.stderr if args.format == "json" else sys.stdout)
    return 0


def register(add: Add) -> None:
    from .options import add_claim_options

    p = add("coalitions", cmd_coalitions,
            "MACTOR: each actor's power from the influence ties, and the coalitions its "
            "positions on the outcomes make (mobilisation, convergence, divergence)")
    add_claim_options(p)
    p.add_argument("--actor", action="append", default=[], metavar="ID",
                   help="only these actors (repeatable; default: every actor in an influence "
                        "tie or a valued position)")
    p.add_argument("--outcome", action="append", default=[], metavar="ID",
                   help="only these outcomes (repeatable; default: every outcome someone "
                        "holds a valued position on)")
    p.add_argument("--plot", metavar="FILE", help="also draw the influence-dependence plane "
                   "and the convergence graph (.png, .svg or .pdf)")
    p.add_argument("--date", metavar="DATE", help="with --plot: date in the footnote (default: "
                   "$SOURCE_DATE_EPOCH, else today)")
    p.add_argument("--explain", action="store_true",
                   help="every input cell with the claims behind it (or 'missing')")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")
