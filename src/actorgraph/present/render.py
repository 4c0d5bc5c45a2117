"""Draw the interest map with matplotlib: deterministic, readable at A4, with a legend.

matplotlib is imported inside the drawing functions only, so importing this module (and
running the CLI's other commands) stays fast.

Each node is a box around its label (actors rounded and bold, coloured by kind; outcomes
square and italic). Positions come from a deterministic force layout, then boxes are pushed
apart until none overlap; everything is measured in inches on an A4 page and scaled down
uniformly when the map is larger, which keeps boxes apart. Positions can be pinned in a
layout file (JSON: id -> [x, y]); pinned nodes stay put and only new ones are placed, so two
versions of a graph can be compared by eye.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import math
import os
import re
import textwrap
import warnings
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import UsageError, writing

__all__ = [
    "A4_LANDSCAPE",
    "MapSelection",
    "bloc_positions",
    "draw_interest_map",
    "edge_category",
    "layout_positions",
    "map_positions",
    "read_layout",
    "render_map",
    "select_bloc_map",
    "select_diff_map",
    "select_map",
    "write_layout",
]

A4_LANDSCAPE = (11.69, 8.27)
"""Figure size in inches."""

ACTOR_FILL = {"state": "#dbe9f6", "government": "#e2e4f3", "faction": "#fde3c4",
              "bloc": "#e6dcf2", "organization": "#d6efe9", "person": "#f8dbe6",
              "group": "#e6f2d5", "unidentified": "#ececec"}
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "wants": {"color": "#2e7d32", "linestyle": "-", "arrowstyle": "-|>", "lw": 1.3},
    "opposes": {"color": "#c62828", "linestyle": "--", "arrowstyle": "-|>", "lw": 1.3},
    "advances": {"color": "#37474f", "linestyle": "-", "arrowstyle": "-|>", "lw": 1.1},
    "hinders": {"color": "#37474f", "linestyle": ":", "arrowstyle": "-[", "lw": 1.4},
    "friendly": {"color": "#1565c0", "linestyle": "-", "arrowstyle": "-", "lw": 1.6},
    "hostile": {"color": "#ef6c00", "linestyle": "-.", "arrowstyle": "-", "lw": 1.6},
    "denied": {"color": "#9e9e9e", "linestyle": ":", "arrowstyle": "-", "lw": 1.0},
    "member of": {"color": "#b0b0b0", "linestyle": ":", "arrowstyle": "-|>", "lw": 0.8},
    "influences": {"color": "#6a1b9a", "linestyle": "--", "arrowstyle": "-|>", "lw": 1.1},
    "indifferent": {"color": "#9e9e9e", "linestyle": "--", "arrowstyle": "-", "lw": 0.8},
}
EDGE_LEGEND = {"wants": "wants (interest)", "opposes": "opposes (interest)",
               "advances": "advances (effect)", "hinders": "hinders (effect)",
               "friendly": "allied / friendly (relation)", "hostile": "hostile (relation)",
               "denied": "relation only denied", "member of": "member of / part of",
               "influences": "can influence (0-3)", "indifferent": "indifferent (position 0)"}
GAIN_COLOR, LOSS_COLOR, MIXED_COLOR = "#1b8a3a", "#c0392b", "#b7950b"
STATUS_COLOR = {"added": GAIN_COLOR, "removed": LOSS_COLOR, "changed": MIXED_COLOR,
                "against": "#d81b60"}
STATUS_LEGEND = {"added": "added in this diff", "removed": "removed in this diff",
                 "changed": "changed in this diff", "against": "tie against the blocs"}
"""Edge halos (a diff status, or a tie against the blocs of a balance map): the legend's
words, and the HTML page's note on a clicked edge."""
BLOC_FILL = ("#8ecae6", "#ffb703", "#b5e48c", "#f4a6c6", "#cdb4db", "#ffd6a5", "#a0c4ff",
             "#d9d9d9")
"""Fills of the blocs of a balance map, bloc 1 first (cycled past eight)."""
MARKS: dict[str, tuple[str, str]] = {
    "gains": (GAIN_COLOR, "gains from the rift"), "mixed": (MIXED_COLOR, "mixed"),
    "loses": (LOSS_COLOR, "loses from the rift"), "focus": ("#000000", "in focus"),
    "added": (GAIN_COLOR, "record added"), "removed": (LOSS_COLOR, "record removed"),
    "changed": (MIXED_COLOR, "record changed"),
}
"""Node highlights (a verdict, the focus, or a diff status): border colour, legend text."""
BASE_FONT = 8.5
MIN_READABLE_FONT = 5.0
MAP_AXES = (0.02, 0.09, 0.74, 0.83)
"""Where the map sits on the page (figure fractions); the legend takes the right column."""


@dataclass
class MapSelection:
    """What one map shows: a subgraph, its highlights, and its title."""

    graph: nx.MultiDiGraph
    title: str
    highlight: dict[str, str] = field(default_factory=dict)
    """node -> 'gains' | 'loses' | 'mixed'"""
    scores: dict[str, float] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    """edge key -> 'added' | 'removed' | 'changed' (diff maps), 'against' (balance maps)"""
    blocs: dict[str, int] = field(default_factory=dict)
    """actor -> its bloc's number, from 1 (balance maps: fill by bloc, laid out by bloc)"""
    warnings: list[str] = field(default_factory=list)
    """What the renderer could not draw as asked (e.g. characters missing from the font)."""
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    """The layout positions the last drawing of this selection used (for a layout file)."""


def select_diff_map(G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph, d: Any) -> MapSelection:
    """The union of two versions, with added, removed and changed records marked.

    `d` is the `actorgraph.analyses.diff.GraphDiff` of the two. A changed claim marks the assertion
    it backs as changed.
    """
    from ..analyses.gains import support

    U = G_new.copy()
    sel = MapSelection(U, f"Changes from {d.old} to {d.new}")
    ren = d.renames
    about = {cid: a for cid, (a, _) in G_old.graph["records"].claims.items()}
    about.update({cid: a for cid, (a, _) in G_new.graph["records"].claims.items()})
    node_types = {"actor", "outcome"}
    for change in d.records:
        if change.type in node_types:
            if change.kind == "removed":
                U.add_node(change.id, **G_old.nodes[change.id])
            sel.highlight[change.id] = change.kind if change.kind != "renamed" else "changed"
        elif change.type in ("interest", "effect", "relation"):
            if change.kind == "removed":
                for u, v, k, data in G_old.edges(keys=True, data=True):
                    if k == change.id:
                        u, v = ren.get(u, u), ren.get(v, v)
                        for n in (u, v):
                            if n not in U:
                                U.add_node(n, **G_old.nodes[n])
                                sel.highlight.setdefault(n, "removed")
                        U.add_edge(u, v, key=k, **data)
            sel.status[change.id] = change.kind
        elif change.type == "claim":
            assertion = about.get(change.id) or about.get(change.old_id or "")
            if assertion and assertion not in sel.status:
                sel.status[assertion] = "changed"
    sources = {**G_old.graph["sources"], **G_new.graph["sources"]}
    for _, _, data in U.edges(data=True):
        data["supported"] = data["type"] == "member_of" or support(data["claims"], sources)[0] > 0
    return sel


def select_bloc_map(G: nx.MultiDiGraph, report: Any, *, weak: bool = True) -> MapSelection:
    """The actors of a balance report and the relations behind their ties, filled by bloc,
    with the ties against the blocs marked. `report` is a
    `actorgraph.analyses.balance.BalanceReport`; `weak` picks its split into any number of
    blocs, else the strict one."""
    split = report.weak if weak else report.strict
    keep = {x for t in report.ties for x in (t.a, t.b)}
    relations = {r for t in report.ties for r in t.relations}
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, G.nodes[n]) for n in sorted(keep))
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
                     if k in relations)
    against = len(split.frustrated)
    title = (f"Blocs under {'weak' if weak else 'strict'} balance: {against} "
             f"{'tie' if against == 1 else 'ties'} against them")
    if not split.exact:
        title += " (heuristic split)"
    if report.options.get("according_to"):
        title += " — according to " + ", ".join(report.options["according_to"])
    sel = MapSelection(H, title)
    sel.blocs = {n: i for i, bloc in enumerate(split.blocs, 1) for n in bloc}
    for t in split.frustrated:
        for r in t.relations:
            sel.status[r] = "against"
    for _, _, d in H.edges(data=True):
        d["supported"] = True  # a tie in the report is supported under its filters
    return sel


def map_positions(H: nx.MultiDiGraph, sel: MapSelection,
                  layout: dict[str, tuple[float, float]] | None = None
                  ) -> dict[str, tuple[float, float]]:
    """Where the nodes of `H` go on the map of `sel` (the PNG and the HTML page alike):
    pinned by `layout`, else bloc by bloc for a balance map, else the force layout. Kept in
    ``sel.positions``, which is what ``--save-layout`` writes."""
    sel.positions = (bloc_positions(H, sel.blocs) if sel.blocs and not layout
                     else layout_positions(H, pinned=layout))
    return sel.positions


def bloc_positions(H: nx.MultiDiGraph, blocs: dict[str, int],
                   iterations: int = 300) -> dict[str, tuple[float, float]]:
    """Positions for a balance map: each bloc laid out on its own (its inner ties, and a chain
    through its actors to hold it together) in a square sized by its number of actors, the
    squares packed in rows, bloc 1 first (`_pack_rows`). These are the positions
    `--save-layout` writes; the drawing packs the blocs again from their boxes' real sizes
    (`_place_bloc_boxes`)."""
    members: dict[int, list[str]] = {}
    for n in sorted(H):
        members.setdefault(blocs.get(n, 0), []).append(n)
    L = nx.MultiDiGraph()
    L.add_nodes_from(H)
    L.add_edges_from((u, v, {"type": "relation"}) for u, v in H.edges()
                     if blocs.get(u) == blocs.get(v))
    for chain in members.values():
        L.add_edges_from(itertools.pairwise(chain), type="bloc")
    largest = max(map(len, members.values()), default=1)
    blocks = [(nodes, max(0.15, math.sqrt(len(nodes) / largest)))
              for _, nodes in sorted(members.items())]
    centres = _pack_rows([(2 * half, 2 * half) for _, half in blocks], gap=0.6,
                         aspect=A4_LANDSCAPE[0] / A4_LANDSCAPE[1])
    out: dict[str, tuple[float, float]] = {}
    for (nodes, half), centre in zip(blocks, centres, strict=True):
        out.update(_normalized(_force(L, nodes, {}, iterations), half, centre))
    # the whole fitted to [-1, 1] on its longer side, the span other layouts have
    return _normalized(out, 1.0, (0.0, 0.0)) if len(out) > 1 else out


def edge_category(data: dict[str, Any], supported: bool) -> str:
    kind = data["type"]
    if kind == "member_of":
        return "member of"
    if kind == "interest":
        return "wants" if data["sign"] > 0 else "opposes"
    if kind == "effect":
        return "advances" if data["sign"] > 0 else "hinders"
    if kind in ("influence", "indifferent"):
        return "influences" if kind == "influence" else "indifferent"
    if not supported:
        return "denied"
    return "friendly" if data["sign"] > 0 else "hostile"


def select_map(G: nx.MultiDiGraph, *, rift: tuple[str, str] | None = None,
               focus: str | None = None, radius: int = 1,
               according_to: Collection[str] = (), **gains_options: Any) -> MapSelection:
    """Choose what to draw: the whole graph, a rift with its stakeholders, or a neighbourhood.

    ``according_to`` keeps only edges claimed by those claimants (actor or source ids).
    """
    from ..analyses.gains import support, who_gains
    from ..model.graph import resolve

    H = G.copy()
    if according_to:
        allowed = {x if x in G.graph["sources"] else resolve(G, x) for x in according_to}
        for u, v, k, d in list(H.edges(keys=True, data=True)):
            if d["type"] != "member_of" and not any(
                    {c.by, c.source} & allowed for c in d["claims"]):
                H.remove_edge(u, v, k)
    title = "Interest map"
    selection = MapSelection(H, title)
    if rift is not None:
        report = who_gains(G, *rift, according_to=list(according_to), **gains_options)
        keep = {report.a, report.b, *report.rift_outcomes}
        edges: set[str] = set()
        for stake in report.stakes:
            keep.add(stake.actor)
            selection.highlight[stake.actor] = stake.verdict
            selection.scores[stake.actor] = stake.score
            for ev in stake.evidence:
                for step in ev.steps:
                    keep.update((step.source, step.target))
                    edges.add(step.edge)
        sub = nx.MultiDiGraph(H.subgraph(keep))
        for u, v, k, d in list(sub.edges(keys=True, data=True)):
            if k not in edges and d["type"] != "relation":
                sub.remove_edge(u, v, k)
        selection.graph = sub
        selection.title = (f"Who gains from a rift between {G.nodes[report.a]['label']} "
                           f"and {G.nodes[report.b]['label']}")
    elif focus is not None:
        if radius < 0:
            raise UsageError(f"radius must be 0 or more, got {radius}")
        node = focus if focus in G else resolve(G, focus, type=None)
        keep = set(nx.ego_graph(H.to_undirected(as_view=True), node, radius=radius))
        selection.graph = nx.MultiDiGraph(H.subgraph(keep))
        selection.title = f"Around {G.nodes[node]['label']}"
        selection.highlight[node] = "focus"
    sources = G.graph["sources"]
    for _, _, d in selection.graph.edges(data=True):
        d["supported"] = d["type"] == "member_of" or support(d["claims"], sources)[0] > 0
    if according_to:
        selection.title += " — according to " + ", ".join(sorted(according_to))
    return selection


# -- layout -----------------------------------------------------------------------------

def _seed_xy(node: str) -> tuple[float, float]:
    """A position in [-1, 1]^2 that depends on the id alone (stable across versions)."""
    h = hashlib.sha256(node.encode()).digest()
    return (int.from_bytes(h[:4], "big") / 2**31 - 1, int.from_bytes(h[4:8], "big") / 2**31 - 1)


def layout_positions(H: nx.MultiDiGraph, *, pinned: dict[str, tuple[float, float]] | None = None,
                     iterations: int = 300) -> dict[str, tuple[float, float]]:
    """Deterministic force-directed positions (Fruchterman-Reingold).

    Without pins, each connected component is laid out on its own and the components are
    packed: the largest in [-1, 1]^2, the others in a column to its right. Nodes in `pinned`
    keep their position and the others settle around them (a new node starts from a point
    derived from its id alone, so adding records moves nothing that was pinned).
    """
    pinned = {k: v for k, v in (pinned or {}).items() if k in H}
    if len(H) > 150:  # each iteration is O(n^2); big maps settle with fewer
        iterations = max(60, iterations * 150 // len(H))
    if pinned:
        return _force(H, sorted(H), pinned, iterations)
    components = sorted((sorted(c) for c in nx.weakly_connected_components(H)),
                        key=lambda c: (-len(c), c[0]))
    out: dict[str, tuple[float, float]] = {}
    if not components:
        return out
    main = components[0]
    out.update(_normalized(_force(H, main, {}, iterations), 1.0, (0.0, 0.0)))
    y = 1.0
    for comp in components[1:]:
        half = max(0.12, min(0.5, math.sqrt(len(comp) / len(main))))
        y -= half
        out.update(_normalized(_force(H, comp, {}, iterations), half, (1.25 + half, y)))
        y -= half + 0.1
    return out


def _normalized(pos: dict[str, tuple[float, float]], half: float,
                centre: tuple[float, float]) -> dict[str, tuple[float, float]]:
    """Fit positions into the square of side 2*half around `centre` (aspect kept)."""
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {n: (centre[0] + (x - cx) / span * half, centre[1] + (y - cy) / span * half)
            for n, (x, y) in pos.items()}


def _force(H: nx.MultiDiGraph, nodes: list[str], pinned: dict[str, tuple[float, float]],
           iterations: int) -> dict[str, tuple[float, float]]:
    import numpy as np

    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    pos = np.array([pinned.get(v, _seed_xy(v)) for v in nodes], dtype=float)
    fixed = np.array([v in pinned for v in nodes])
    if n == 1 or fixed.all():
        return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, pos, strict=True)}
    weight = np.zeros((n, n))
    for u, v, d in H.subgraph(nodes).edges(data=True):
        w = 0.3 if d["type"] == "member_of" else 1.0
        i, j = index[u], index[v]
        weight[i, j] = weight[j, i] = max(weight[i, j], w)
    k = math.sqrt(4.0 / n)
    temperature = 0.2
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.sqrt((delta ** 2).sum(axis=-1)), 0.01)
        force = k * k / dist ** 2 - weight * dist / k  # repulsion minus attraction
        np.fill_diagonal(force, 0.0)
        disp = (delta * force[:, :, None]).sum(axis=1)
        length = np.maximum(np.sqrt((disp ** 2).sum(axis=1)), 1e-9)
        step = disp * (np.minimum(length, temperature) / length)[:, None]
        step[fixed] = 0.0
        pos += step
        temperature -= cooling
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, pos, strict=True)}


def read_layout(path: str | os.PathLike[str]) -> dict[str, tuple[float, float]]:
    """Pinned positions from a layout file: ``{"id": [x, y], ...}``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read layout file {path}: {exc}") from None
    if not isinstance(data, dict) or not all(
            isinstance(v, list) and len(v) == 2 and all(isinstance(c, (int, float)) for c in v)
            for v in data.values()):
        raise UsageError(f"layout file {path} must map ids to [x, y] pairs")
    return {str(k): (float(v[0]), float(v[1])) for k, v in data.items()}


def write_layout(path: str | os.PathLike[str], positions: dict[str, tuple[float, float]]) -> None:
    """Write positions as a layout file, sorted by id (so it diffs well in git) and at full
    precision (so reading it back reproduces the picture exactly)."""
    data = {k: [x, y] for k, (x, y) in sorted(positions.items())}
    with writing(path):
        Path(path).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


# -- drawing ----------------------------------------------------------------------------

def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=True)) or text


def _label(H: nx.MultiDiGraph, node: str, sel: MapSelection) -> str:
    data = H.nodes[node]
    text = _wrap(str(data["label"]), 18 if data["type"] == "actor" else 24)
    if node in sel.scores:
        text += f"\n{sel.scores[node]:+.2f}"
    return text


def _separate(centres: Any, sizes: Any, gap: float, rounds: int = 500) -> Any:
    """Move boxes (centres and full sizes, in inches) apart until none overlap.

    Overlapping pairs push each other along the line between their centres (not along the
    cheaper axis, which would stack wide labels into columns), by the smaller overlap.
    """
    import numpy as np

    c = centres.copy()
    half = sizes / 2 + gap / 2
    n = len(c)
    order = np.arange(n)
    tie = np.sign(order[:, None] - order[None, :]).astype(float)
    for _ in range(rounds):
        dx = c[:, None, 0] - c[None, :, 0]
        dy = c[:, None, 1] - c[None, :, 1]
        ox = half[:, None, 0] + half[None, :, 0] - np.abs(dx)
        oy = half[:, None, 1] + half[None, :, 1] - np.abs(dy)
        overlap = (ox > 0) & (oy > 0)
        np.fill_diagonal(overlap, False)
        if not overlap.any():
            break
        dist = np.sqrt(dx ** 2 + dy ** 2)
        ux = np.where(dist > 1e-9, dx / np.maximum(dist, 1e-9), tie)
        uy = np.where(dist > 1e-9, dy / np.maximum(dist, 1e-9), 0.0)
        amount = np.where(overlap, np.minimum(ox, oy), 0.0) * 0.5 + np.where(overlap, 0.01, 0)
        c[:, 0] += (ux * amount).sum(axis=1)
        c[:, 1] += (uy * amount).sum(axis=1)
    return c


def _place_boxes(pts: Any, sizes: Any, avail: Any) -> tuple[Any, float, Any]:
    """Place label boxes (sizes in inches) on a page area `avail` (inches).

    Stretch the layout over the page, push boxes apart until none overlap, stretch one axis
    to the page's shape (which only moves boxes further apart), then shrink everything
    uniformly to fit (which keeps them apart). Returns the centres, the shrink factor and
    the centre of the content.
    """
    import numpy as np

    if len(pts) > 1:
        lo0, hi0 = pts.min(axis=0), pts.max(axis=0)
        pts = (pts - (lo0 + hi0) / 2) / np.maximum(hi0 - lo0, 1e-6)  # each axis in [-.5, .5]
        pts = _separate(pts * (avail - sizes.max(axis=0)), sizes, gap=0.12)
        extent = (pts + sizes / 2).max(axis=0) - (pts - sizes / 2).min(axis=0)
        ratio = (extent[0] / extent[1]) / (avail[0] / avail[1])
        mid = pts.mean(axis=0)
        if ratio > 1:
            pts[:, 1] = mid[1] + (pts[:, 1] - mid[1]) * ratio
        else:
            pts[:, 0] = mid[0] + (pts[:, 0] - mid[0]) / ratio
    return _fit_page(pts, sizes, avail)


def _fit_page(pts: Any, sizes: Any, avail: Any) -> tuple[Any, float, Any]:
    """The boxes as placed, the uniform shrink (at most 1) that fits them on the page area
    `avail`, and the centre of what they cover."""
    import numpy as np

    lo = (pts - sizes / 2).min(axis=0) if len(pts) else np.zeros(2)
    hi = (pts + sizes / 2).max(axis=0) if len(pts) else np.ones(2)
    content = np.maximum(hi - lo, 1e-6)
    shrink = min(1.0, float(min(avail[0] / content[0], avail[1] / content[1])))
    return pts, shrink, (lo + hi) / 2


def _pack_rows(extents: list[tuple[float, float]], *, gap: float,
               aspect: float) -> list[tuple[float, float]]:
    """Centres for rectangles (width, height) packed in rows, in order, `gap` apart: rows
    about as wide as an area of the given aspect (width / height) holding them all needs,
    each row centred, the first row on top.

    >>> [(round(x, 2), y) for x, y in _pack_rows([(2.0, 2.0), (1.0, 1.0), (1.0, 1.0)],
    ...                                          gap=0.5, aspect=1.0)]
    [(1.64, -1.0), (0.89, -3.0), (2.39, -3.0)]
    """
    room = sum((w + gap) * (h + gap) for w, h in extents)
    width = max(max((w for w, _ in extents), default=0.0), math.sqrt(room * aspect))
    rows: list[list[int]] = [[]]
    x = 0.0
    for i, (w, _) in enumerate(extents):
        if rows[-1] and x + w > width:
            rows.append([])
            x = 0.0
        rows[-1].append(i)
        x += w + gap
    centres: list[tuple[float, float]] = [(0.0, 0.0)] * len(extents)
    top = 0.0
    for row in rows:
        row_width = sum(extents[i][0] for i in row) + gap * (len(row) - 1)
        row_height = max(extents[i][1] for i in row) if row else 0.0
        x = (width - row_width) / 2
        for i in row:
            centres[i] = (x + extents[i][0] / 2, top - row_height / 2)
            x += extents[i][0] + gap
        top -= row_height + gap
    return centres


def _place_bloc_boxes(pts: Any, sizes: Any, avail: Any,
                      groups: list[list[int]]) -> tuple[Any, float, Any]:
    """Place the boxes of a balance map bloc by bloc, so that no two blocs ever mix.

    Each bloc's own layout gets room for about three times its boxes' area and its boxes are
    pushed apart; the blocs, as rectangles, are then packed in rows (bloc 1 first) at about
    the page's shape, each row centred. The centres are then spread over the page (which only
    moves boxes and blocs further apart) or everything is shrunk uniformly to fit.
    """
    import numpy as np

    gap = 0.35  # inches between blocs, before the shrink
    placed = np.zeros_like(pts)
    blocks = []
    for idx in groups:
        p, s = pts[idx], sizes[idx]
        if len(idx) > 1:
            lo, hi = p.min(axis=0), p.max(axis=0)
            p = (p - (lo + hi) / 2) / max(float((hi - lo).max()), 1e-6)
            p = _separate(p * math.sqrt(float((s[:, 0] * s[:, 1]).sum()) * 3), s, gap=0.12)
        else:
            p = np.zeros((1, 2))
        lo, hi = (p - s / 2).min(axis=0), (p + s / 2).max(axis=0)
        blocks.append((idx, p - (lo + hi) / 2, hi - lo))
    centres = _pack_rows([(float(w), float(h)) for _, _, (w, h) in blocks], gap=gap,
                         aspect=float(avail[0] / avail[1]))
    for (idx, p, _), centre in zip(blocks, centres, strict=True):
        placed[idx] = p + np.array(centre)
    if len(placed) > 1:  # spread the centres over the page (boxes keep their size)
        mid = (placed.min(axis=0) + placed.max(axis=0)) / 2
        spread = np.maximum(placed.max(axis=0) - placed.min(axis=0), 1e-6)
        grow = float(min((avail - sizes.max(axis=0)) / spread))
        if grow > 1:
            placed = mid + (placed - mid) * grow
    return _fit_page(placed, sizes, avail)


def _clip(centre: tuple[float, float], towards: tuple[float, float],
          size: tuple[float, float]) -> tuple[float, float]:
    """Where the line from `centre` to `towards` leaves the box of `size` around `centre`."""
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    if dx == 0 and dy == 0:
        return centre
    tx = (size[0] / 2) / abs(dx) if dx else math.inf
    ty = (size[1] / 2) / abs(dy) if dy else math.inf
    t = min(tx, ty, 1.0)
    return centre[0] + dx * t, centre[1] + dy * t


def _measure(labels: dict[str, tuple[str, dict[str, Any]]], fontsize: float) -> dict[str, Any]:
    """Width and height in inches of each label's box at `fontsize`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 4), dpi=72)
    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    out = {}
    for node, (text, style) in labels.items():
        t = fig.text(0, 0, text, fontsize=fontsize, parse_math=False, linespacing=1.15,
                     **style)
        box = t.get_window_extent(renderer)
        out[node] = (box.width / 72 + 0.16, box.height / 72 + 0.1)
        t.remove()
    return out


def draw_interest_map(G: nx.MultiDiGraph, *, ax: Any = None,
                      selection: MapSelection | None = None,
                      layout: dict[str, tuple[float, float]] | None = None,
                      title: str | None = None, footnote: str | None = None,
                      progress: Callable[[str], None] | None = None,
                      **select_options: Any) -> Any:
    """Draw the interest map of `G` on `ax` (a new A4 figure if None) and return the Axes.

    ``select_options`` go to `select_map` (``rift=(a, b)``, ``focus=id``,
    ``according_to=[...]``) unless a ready `selection` is given. ``layout`` pins positions.
    Never calls ``plt.show()``; all text from the YAML is drawn literally (no mathtext).
    """
    import numpy as np
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch

    say = progress or (lambda _msg: None)
    sel = selection or select_map(G, **select_options)
    H = sel.graph
    unlinked = sorted(n for n in H if H.degree(n) == 0 and n not in sel.highlight)
    if len(H) > len(unlinked):
        H = nx.MultiDiGraph(H.subgraph(set(H) - set(unlinked)))
    else:
        unlinked = []
    nodes = sorted(H)
    if ax is None:
        fig = Figure(figsize=A4_LANDSCAPE, dpi=150)
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
        ax = fig.add_axes(MAP_AXES)
    fig = ax.figure
    say(f"laying out {len(nodes)} nodes and {H.number_of_edges()} edges")
    raw = map_positions(H, sel, layout)
    styles = {n: ({"fontweight": "bold"} if H.nodes[n]["type"] == "actor"
                  else {"fontstyle": "italic"}) for n in nodes}
    labels = {n: (_label(H, n, sel), styles[n]) for n in nodes}
    sizes_in = _measure(labels, BASE_FONT)

    bbox = ax.get_position()
    fw, fh = fig.get_size_inches()
    avail = np.array([bbox.width * fw, bbox.height * fh])
    sizes = np.array([sizes_in[n] for n in nodes]) if nodes else np.zeros((0, 2))
    pts = np.array([raw[n] for n in nodes]) if nodes else np.zeros((0, 2))
    if len(nodes) > 1:
        say("separating labels")
    if sel.blocs and not layout:
        groups: dict[int, list[int]] = {}
        for i, n in enumerate(nodes):
            groups.setdefault(sel.blocs.get(n, 0), []).append(i)
        pts, shrink, centre = _place_bloc_boxes(pts, sizes, avail,
                                                [groups[b] for b in sorted(groups)])
    else:
        pts, shrink, centre = _place_boxes(pts, sizes, avail)
    fontsize = BASE_FONT * shrink
    if fontsize < MIN_READABLE_FONT:
        sel.warnings.append(f"{len(nodes)} nodes on one page: labels are {fontsize:.1f} pt, too "
                            "small to read at A4; draw part of the graph with --focus ID or "
                            "--rift A B")
    xy = {n: tuple(p) for n, p in zip(nodes, pts, strict=True)}

    ax.set_xlim(centre[0] - avail[0] / 2 / shrink, centre[0] + avail[0] / 2 / shrink)
    ax.set_ylim(centre[1] - avail[1] / 2 / shrink, centre[1] + avail[1] / 2 / shrink)
    ax.set_aspect("equal")
    ax.set_axis_off()

    say("drawing")
    kinds_used, edges_used, marks_used = set(), set(), set()
    for n in nodes:
        data = H.nodes[n]
        w, h = sizes_in[n]
        is_actor = data["type"] == "actor"
        verdict = sel.highlight.get(n)
        edge_color = MARKS[verdict][0] if verdict else "#546e7a"
        fill = (BLOC_FILL[(sel.blocs[n] - 1) % len(BLOC_FILL)] if n in sel.blocs
                else ACTOR_FILL.get(data["kind"], "#ffffff") if is_actor else "#ffffff")
        box = FancyBboxPatch((xy[n][0] - w / 2, xy[n][1] - h / 2), w, h,
                             boxstyle="round,pad=0,rounding_size=0.08" if is_actor
                             else "square,pad=0",
                             facecolor=fill,
                             edgecolor=edge_color, linewidth=2.4 if verdict else 0.9,
                             linestyle="--" if data["kind"] == "unidentified" else "-",
                             zorder=3, gid=f"node:{n}")
        ax.add_patch(box)
        ax.text(xy[n][0], xy[n][1], labels[n][0], ha="center", va="center",
                fontsize=fontsize, parse_math=False, linespacing=1.15, zorder=4,
                gid=f"label:{n}", **styles[n])
        kinds_used.add(data["kind"] if is_actor else "outcome")
        if verdict:
            marks_used.add(verdict)

    pair_count: dict[frozenset[str], int] = {}
    for u, v, key, d in sorted(H.edges(keys=True, data=True), key=lambda e: e[2]):
        category = edge_category(d, d.get("supported", True))
        style = EDGE_STYLE[category]
        pair = frozenset((u, v))
        nth = pair_count.get(pair, 0)
        pair_count[pair] = nth + 1
        rad = 0.0 if nth == 0 else 0.18 * ((nth + 1) // 2) * (1 if nth % 2 else -1)
        status = sel.status.get(key)
        start, end = _clip(xy[u], xy[v], sizes_in[u]), _clip(xy[v], xy[u], sizes_in[v])
        if status:  # a halo under the edge marks it, keeping the edge's own colour and style
            ax.add_patch(FancyArrowPatch(start, end, shrinkA=1.5, shrinkB=1.5, arrowstyle="-",
                                         color=STATUS_COLOR[status], alpha=0.35, linewidth=7,
                                         connectionstyle=f"arc3,rad={rad}", zorder=1,
                                         gid=f"status:{status}:{key}"))
        arrow = FancyArrowPatch(start, end, shrinkA=1.5, shrinkB=1.5,
                                arrowstyle=style["arrowstyle"], mutation_scale=9 * shrink + 3,
                                color=style["color"], linestyle=style["linestyle"],
                                linewidth=style["lw"], connectionstyle=f"arc3,rad={rad}",
                                zorder=2, gid=f"edge:{key}")
        ax.add_patch(arrow)
        edges_used.add(category)

    handles = []
    bloc_numbers = sorted(set(sel.blocs.values()))
    for i in bloc_numbers[:len(BLOC_FILL)]:
        count = sum(1 for b in sel.blocs.values() if b == i)
        handles.append(Patch(facecolor=BLOC_FILL[(i - 1) % len(BLOC_FILL)],
                             edgecolor="#546e7a",
                             label=f"bloc {i} ({count} actor{'' if count == 1 else 's'})"))
    if len(bloc_numbers) > len(BLOC_FILL):
        more = len(bloc_numbers) - len(BLOC_FILL)
        handles.append(Patch(facecolor="none", edgecolor="none",
                             label=f"{more} more blocs (colours repeat)"))
    for kind in [k for k in ACTOR_FILL if k in kinds_used and not sel.blocs]:
        handles.append(Patch(facecolor=ACTOR_FILL[kind], edgecolor="#546e7a",
                             linestyle="--" if kind == "unidentified" else "-",
                             label=f"actor: {kind}"))
    if "outcome" in kinds_used:
        handles.append(Patch(facecolor="#ffffff", edgecolor="#546e7a", label="outcome"))
    for category in [c for c in EDGE_STYLE if c in edges_used]:
        s = EDGE_STYLE[category]
        handles.append(Line2D([], [], color=s["color"], linestyle=s["linestyle"],
                              linewidth=s["lw"], label=EDGE_LEGEND[category]))
    for mark, (color, text) in MARKS.items():
        if mark in marks_used:
            handles.append(Patch(facecolor="#ffffff", edgecolor=color, linewidth=2.4,
                                 label=text))
    for status, color in STATUS_COLOR.items():
        if status in sel.status.values():
            handles.append(Line2D([], [], color=color, alpha=0.35, linewidth=7,
                                  label=STATUS_LEGEND[status]))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.775, 0.92),
               fontsize=7.5, frameon=False, title="Legend", title_fontsize=8.5,
               alignment="left")
    fig.text(0.02, 0.955, title or sel.title, fontsize=13, fontweight="bold",
             parse_math=False, gid="title")
    if unlinked:
        names = ", ".join(str(G.nodes[n]["label"]) if n in G else n for n in unlinked)
        fig.text(0.02, 0.045, _wrap(f"Not drawn (no interests, effects or relations): {names}",
                                    190), fontsize=7, color="#555555", parse_math=False,
                 gid="unlinked", va="bottom")
    if footnote:
        fig.text(0.02, 0.02, footnote, fontsize=7, color="#555555", parse_math=False,
                 gid="footnote")
    return ax


def footnote_for(G: nx.MultiDiGraph, date: str | None = None) -> str:
    """``Graph: <folder> (N files, M claims) · <date> · actorgraph``.

    The date is `date`, else ``$SOURCE_DATE_EPOCH``, else today, so a build can pin it.
    """
    from .. import __version__

    if date is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        day = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch
               else dt.date.today())
        date = day.isoformat()
    records = G.graph["records"]
    name = records.label or Path(records.root).name
    if os.path.isabs(name):  # a figure names the graph, not the folders above it
        name = Path(name).name
    return (f"Graph: {name} ({len(records.files)} files, {len(records.claims)} claims) · "
            f"{date} · actorgraph {__version__} · every edge is a claim, not a fact: "
            "see `actorgraph show` for the quotes")


def render_map(G: nx.MultiDiGraph, path: str | os.PathLike[str], *,
               layout: dict[str, tuple[float, float]] | None = None,
               date: str | None = None, progress: Callable[[str], None] | None = None,
               selection: MapSelection | None = None, **select_options: Any) -> MapSelection:
    """Render the map to `path` (.png, .svg or .pdf by extension), reproducibly.

    ``select_options`` go to `select_map`, unless a ready `selection` is given (for example
    from `select_diff_map`).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        raise UsageError(f"cannot render to '{suffix or path}': use a .png, .svg or .pdf name")
    import matplotlib

    sel = selection or select_map(G, **select_options)
    fig = Figure(figsize=A4_LANDSCAPE, dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_axes(MAP_AXES)
    metadata: dict[str, Any] = {"png": {"Software": None}, "svg": {"Date": None},
                                "pdf": {"CreationDate": None, "ModDate": None}}[suffix[1:]]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw_interest_map(G, ax=ax, selection=sel, layout=layout,
                          footnote=footnote_for(G, date), progress=progress)
        if progress:
            progress(f"writing {path}")
        with (matplotlib.rc_context({"svg.hashsalt": "actorgraph", "svg.fonttype": "none"}),
              writing(path)):
            fig.savefig(path, metadata=metadata)
    missing = sorted({f"{chr(int(m[1]))} (U+{int(m[1]):04X})" for w in caught
                      if (m := re.search(r"Glyph (\d+) .*missing", str(w.message)))})
    if missing:
        sel.warnings.append("no glyph in the font for " + ", ".join(missing) +
                            "; drawn as empty boxes")
    other = [str(w.message) for w in caught if "missing from font" not in str(w.message)]
    sel.warnings.extend(dict.fromkeys(other))
    return sel
