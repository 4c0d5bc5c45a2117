"""``actorgraph render``: a map as a picture (.png, .svg, .pdf) and/or an interactive page.

The command checks every output path first, then makes one library call for what to draw
(`actorgraph.present.maps.choose_map`) and writes it (`render_map`, `write_html_map`).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from ..errors import UsageError
from .commands_diff import load_versions
from .common import Add, count, load_graph
from .options import add_claim_options, claim_filter_from

__all__ = ["register"]


class _Progress:
    """Say on stderr what a long render is doing, once it has run for `after` seconds."""

    def __init__(self, after: float = 2.0):
        self.clock = time.monotonic
        self.start = self.clock()
        self.after = after

    def __call__(self, message: str) -> None:
        elapsed = self.clock() - self.start
        if elapsed >= self.after:
            print(f"actorgraph: {message} ({elapsed:.0f} s so far)", file=sys.stderr)


def _warn_now(message: str) -> None:
    """A warning the library gives before the long work (e.g. labels too small to read)."""
    print(f"actorgraph: warning: {message}", file=sys.stderr, flush=True)


def _check_outputs(args: argparse.Namespace) -> None:
    """Every path the command will write, checked before any work (folders created)."""
    from ..io.output import output_file
    from ..present.render import map_file

    if sum(map(bool, (args.rift, args.focus, args.diff, args.blocs, args.timeline))) > 1:
        raise UsageError("give one of --rift, --focus, --diff, --blocs or --timeline")
    if args.timeline and (args.html or not args.output):
        raise UsageError("--timeline draws to -o FILE (.png, .svg, .pdf), not --html")
    if not args.output and not args.html:
        raise UsageError("give -o FILE (.png, .svg, .pdf) and/or --html FILE")
    if args.output:
        map_file(args.output)
    for path in (args.html, args.save_layout):
        if path:
            output_file(path)


def cmd_render(args: argparse.Namespace) -> int:
    from ..present.layout import read_layout, write_layout
    from ..present.maps import choose_map, default_layout
    from ..present.render import render_map

    _check_outputs(args)
    if args.timeline:
        return _timeline(args)
    if args.diff:
        G_old, G = load_versions(args, *args.diff)
    else:
        G_old, G = None, load_graph(args.graph)
    selection = choose_map(G, rift=tuple(args.rift) if args.rift else None, focus=args.focus,
                           radius=args.radius, blocs=args.blocs, since=G_old,
                           claims=claim_filter_from(G, args))
    whole = not (args.rift or args.focus or args.blocs)
    pinned = read_layout(args.layout) if args.layout else default_layout(G, whole=whole)
    if args.html:
        from ..present.html import write_html_map
        from ..present.selection import footnote_for

        write_html_map(G, args.html, selection, pinned, footnote_for(G, args.date))
        print(f"wrote {args.html}: {len(selection.positions)} nodes, "
              f"{selection.graph.number_of_edges()} edges (interactive)")
    if not args.output:
        return 0
    render_map(G, args.output, layout=pinned, date=args.date, progress=_Progress(),
               selection=selection, warn=_warn_now)
    if args.save_layout:
        positions: dict[str, Any] = dict(pinned or {})
        positions.update(selection.positions)  # what was drawn, not a second layout
        write_layout(args.save_layout, positions)
    for warning in selection.warnings:
        print(f"actorgraph: warning: {warning}", file=sys.stderr)
    # what the page drew (its boxes' positions): records with no edge are only named
    types = [selection.graph.nodes[n]["type"] for n in selection.positions]
    print(f"wrote {args.output}: {count(types.count('actor'), 'actor')}, "
          f"{count(types.count('outcome'), 'outcome')}, "
          f"{count(selection.graph.number_of_edges(), 'edge')}")
    return 0


def _timeline(args: argparse.Namespace) -> int:
    from ..present.selection import footnote_for
    from ..present.timeline import choose_timeline, render_timeline

    G = load_graph(args.graph)
    timeline = choose_timeline(G, claim_filter_from(G, args), lanes=args.lanes)
    render_timeline(timeline, args.output, footnote_for(G, args.date))
    print(f"wrote {args.output}: {count(len(timeline.items), 'dated item')} in "
          f"{count(len(timeline.lanes), 'lane')}, {timeline.undated} undated left out")
    return 0


def register(add: Add) -> None:
    """Add ``render`` through ``add(name, handler, help)``."""
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
    p.add_argument("--timeline", action="store_true",
                   help="dated events and claims on a time axis, one lane per actor (or "
                        "claimant, with --lanes claimant); undated ones are counted, not drawn")
    p.add_argument("--lanes", choices=["actor", "claimant"], default="actor",
                   help="with --timeline: a lane per actor a claim is about (default) or per "
                        "claimant")
    p.add_argument("--radius", type=int, default=1, metavar="N",
                   help="with --focus: how many steps out (default 1)")
    add_claim_options(p)
    p.add_argument("--layout", metavar="FILE", help="pinned positions (JSON: id -> [x, y]); "
                   "default for the whole map: layout.json in the graph folder, if any")
    p.add_argument("--save-layout", metavar="FILE",
                   help="write the positions used (pinned ones kept) for later renders")
    p.add_argument("--date", metavar="DATE", help="date in the footnote (default: "
                   "$SOURCE_DATE_EPOCH, else today)")
