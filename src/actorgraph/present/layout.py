"""Where things go on a map: a deterministic force layout, blocs placed apart, label boxes
pushed apart and fitted to the page, and layout files that pin positions.

Positions are in layout units ([-1, 1] on the longer side) until `_place_boxes` turns them
into inches on the page. Pinned nodes (a layout file: JSON id -> [x, y]) stay put and only
new ones are placed, so two versions of a graph can be compared by eye.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import UsageError, writing
from ..io.output import output_file
from ..model.kinds import MEMBER_OF, RELATION
from .boxes import Edges, _inner_edges, _separate, clear_bloc_edges, clear_edges
from .selection import MapSelection
from .style import A4_LANDSCAPE

__all__ = ["Edges", "Ticker", "bloc_positions", "layout_positions", "map_positions",
           "read_layout", "write_layout"]


def map_positions(H: nx.MultiDiGraph, sel: MapSelection,
                  layout: dict[str, tuple[float, float]] | None = None,
                  tick: Callable[[str], None] | None = None
                  ) -> dict[str, tuple[float, float]]:
    """Where the nodes of `H` go on the map of `sel` (the PNG and the HTML page alike):
    pinned by `layout`, else bloc by bloc for a balance map, else the force layout. Kept in
    ``sel.positions``, which is what ``--save-layout`` writes."""
    if sel.report is not None and not layout:
        # a party to the rift with no edge of its own is laid out beside the rift, which
        # names it, not packed off in a column of its own
        H = nx.MultiDiGraph(H)
        H.add_edges_from((party, rift, {"type": "between"})
                         for party in sel.key_nodes if party in H and H.degree(party) == 0
                         for rift in sel.report.rift_outcomes if rift in H)
    sel.positions = (bloc_positions(H, sel.blocs) if sel.blocs and not layout
                     else layout_positions(H, pinned=layout, tick=tick))
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
    L.add_edges_from((u, v, {"type": RELATION}) for u, v in H.edges()
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


def _seed_xy(node: str) -> tuple[float, float]:
    """A position in [-1, 1]^2 that depends on the id alone (stable across versions)."""
    h = hashlib.sha256(node.encode()).digest()
    return (int.from_bytes(h[:4], "big") / 2**31 - 1, int.from_bytes(h[4:8], "big") / 2**31 - 1)


def layout_positions(H: nx.MultiDiGraph, *, pinned: dict[str, tuple[float, float]] | None = None,
                     iterations: int = 300, tick: Callable[[str], None] | None = None
                     ) -> dict[str, tuple[float, float]]:
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
        return _force(H, sorted(H), pinned, iterations, tick)
    components = sorted((sorted(c) for c in nx.weakly_connected_components(H)),
                        key=lambda c: (-len(c), c[0]))
    out: dict[str, tuple[float, float]] = {}
    if not components:
        return out
    main = components[0]
    out.update(_normalized(_force(H, main, {}, iterations, tick), 1.0, (0.0, 0.0)))
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
           iterations: int, tick: Callable[[str], None] | None = None
           ) -> dict[str, tuple[float, float]]:
    import numpy as np

    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    pos = np.array([pinned.get(v, _seed_xy(v)) for v in nodes], dtype=float)
    fixed = np.array([v in pinned for v in nodes])
    if n == 1 or fixed.all():
        return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, pos, strict=True)}
    weight = np.zeros((n, n))
    for u, v, d in H.subgraph(nodes).edges(data=True):
        w = 0.3 if d["type"] == MEMBER_OF else 2.0 if d["type"] == "between" else 1.0
        i, j = index[u], index[v]
        weight[i, j] = weight[j, i] = max(weight[i, j], w)
    k = math.sqrt(4.0 / n)
    temperature = 0.2
    cooling = temperature / (iterations + 1)
    for i in range(iterations):
        if tick:
            tick(f"laying out {n} nodes (step {i + 1} of {iterations})")
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
    output_file(path)
    with writing(path):
        Path(path).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")



class Ticker:
    """Pass a long loop's progress to `say` at most every `every` seconds, so that a
    2,000-actor map reports what it is doing without flooding the terminal."""

    def __init__(self, say: Callable[[str], None] | None, every: float = 2.0):
        import time

        self.say, self.every, self.clock = say, every, time.monotonic
        self.last = self.clock()

    def __call__(self, message: str) -> None:
        if self.say is not None and self.clock() - self.last >= self.every:
            self.last = self.clock()
            self.say(message)


def _place_boxes(pts: Any, sizes: Any, avail: Any, edges: Edges | None = None,
                 tick: Callable[[str], None] | None = None) -> tuple[Any, float, Any]:
    """Place label boxes (sizes in inches) on a page area `avail` (inches).

    Stretch the layout over the page, push boxes apart until none overlap and off the
    `edges` (`clear_edges`), stretch one axis
    to the page's shape (which only moves boxes further apart), then shrink everything
    uniformly to fit (which keeps them apart). Returns the centres, the shrink factor and
    the centre of the content.
    """
    import numpy as np

    if len(pts) > 1:
        lo0, hi0 = pts.min(axis=0), pts.max(axis=0)
        pts = (pts - (lo0 + hi0) / 2) / np.maximum(hi0 - lo0, 1e-6)  # each axis in [-.5, .5]
        pts = _separate(pts * (avail - sizes.max(axis=0)), sizes, gap=0.12, tick=tick)
        if edges is not None:
            pts = clear_edges(pts, sizes, edges)
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


def _place_bloc_boxes(pts: Any, sizes: Any, avail: Any, groups: list[list[int]],
                      edges: Edges | None = None) -> tuple[Any, float, Any]:
    """Place the boxes of a balance map bloc by bloc, so that no two blocs ever mix.

    Each bloc's own layout gets room for about three times its boxes' area and its boxes are
    pushed apart; the blocs, as rectangles, are then packed in rows (bloc 1 first) at about
    the page's shape, each row centred. The centres are then spread over the page (which only
    moves boxes and blocs further apart) or everything is shrunk uniformly to fit. Within a
    bloc, boxes are first moved off the bloc's own `edges`; once the blocs are packed, off
    every edge, the ties between blocs included, keeping the blocs apart (`clear_bloc_edges`).
    Spreading keeps edges clear: boxes keep their size as the centres move apart.
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
            inner = _inner_edges(edges, idx)
            if inner is not None:
                p = clear_edges(p, s, inner)
        else:
            p = np.zeros((1, 2))
        lo, hi = (p - s / 2).min(axis=0), (p + s / 2).max(axis=0)
        blocks.append((idx, p - (lo + hi) / 2, hi - lo))
    centres = _pack_rows([(float(w), float(h)) for _, _, (w, h) in blocks], gap=gap,
                         aspect=float(avail[0] / avail[1]))
    for (idx, p, _), centre in zip(blocks, centres, strict=True):
        placed[idx] = p + np.array(centre)
    if edges is not None and len(groups) > 1:
        placed = clear_bloc_edges(placed, sizes, groups, edges, gap)
    if len(placed) > 1:  # spread the centres over the page (boxes keep their size)
        mid = (placed.min(axis=0) + placed.max(axis=0)) / 2
        spread = np.maximum(placed.max(axis=0) - placed.min(axis=0), 1e-6)
        grow = float(min((avail - sizes.max(axis=0)) / spread))
        if grow > 1:
            placed = mid + (placed - mid) * grow
    return _fit_page(placed, sizes, avail)


