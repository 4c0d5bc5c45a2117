"""Boxes on the page: pushed apart until none overlap, and moved off the edges that would
run under them (a rift's or focus's own edges always; every edge on smaller maps).

Sizes and centres are in inches. `_separate` compares every pair below `SPARSE_FROM` boxes
and only neighbours on a grid above; `clear_edges` uses the exact segment-rectangle test
(`edge_hits`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["CLEARANCE", "KEY_EDGE_LENGTH", "Edges", "clear_bloc_edges", "clear_edges",
           "edge_hits", "visible_length"]


SPARSE_FROM = 200
"""Boxes from which `_separate` looks only at neighbours on a grid (not at every pair)."""


def _separate(centres: Any, sizes: Any, gap: float, rounds: int = 500,
              tick: Callable[[str], None] | None = None) -> Any:
    """Move boxes (centres and full sizes, in inches) apart until none overlap.

    Overlapping pairs push each other along the line between their centres (not along the
    cheaper axis, which would stack wide labels into columns), by the smaller overlap.
    Above `SPARSE_FROM` boxes only pairs in neighbouring grid cells are compared (a cell is
    as wide as the widest box, so no overlapping pair is missed).
    """
    import numpy as np

    c = centres.copy()
    half = sizes / 2 + gap / 2
    n = len(c)
    everyone = n < SPARSE_FROM
    if everyone:
        ia, ib = np.nonzero(~np.eye(n, dtype=bool))
    for r in range(rounds):
        if not everyone:
            ia, ib = _near_pairs(c, half)
        if tick:
            tick(f"separating labels (round {r + 1} of at most {rounds})")
        dx, dy = c[ia, 0] - c[ib, 0], c[ia, 1] - c[ib, 1]
        ox = half[ia, 0] + half[ib, 0] - np.abs(dx)
        oy = half[ia, 1] + half[ib, 1] - np.abs(dy)
        overlap = (ox > 0) & (oy > 0)
        if not overlap.any():
            break
        ia2, ib2, dx, dy = ia[overlap], ib[overlap], dx[overlap], dy[overlap]
        amount = np.minimum(ox[overlap], oy[overlap]) * 0.5 + 0.01
        dist = np.sqrt(dx ** 2 + dy ** 2)
        ux = np.where(dist > 1e-9, dx / np.maximum(dist, 1e-9), np.sign(ia2 - ib2))
        uy = np.where(dist > 1e-9, dy / np.maximum(dist, 1e-9), 0.0)
        push = np.zeros_like(c)
        push[:, 0] = np.bincount(ia2, ux * amount, n)
        push[:, 1] = np.bincount(ia2, uy * amount, n)
        if not everyone:  # each pair once: the other box moves the other way
            push[:, 0] -= np.bincount(ib2, ux * amount, n)
            push[:, 1] -= np.bincount(ib2, uy * amount, n)
        c += push
    return c


def _near_pairs(c: Any, half: Any) -> tuple[Any, Any]:
    """Index pairs (i, j), each once, of boxes in the same or neighbouring cells of a grid
    whose cells are as large as the largest box: every pair that could overlap."""
    import numpy as np

    cell = np.maximum(2 * half.max(axis=0), 1e-6)
    key = np.floor((c - c.min(axis=0)) / cell).astype(np.int64)
    width = int(key[:, 1].max()) + 3
    code = key[:, 0] * width + key[:, 1]
    order = np.argsort(code, kind="stable")
    sorted_code = code[order]
    ia_all, ib_all = [], []
    for ox, oy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):
        target = code + ox * width + oy
        lo = np.searchsorted(sorted_code, target, "left")
        hi = np.searchsorted(sorted_code, target, "right")
        counts = hi - lo
        ia = np.repeat(np.arange(len(c)), counts)
        starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
        ib = order[np.arange(counts.sum()) + starts]
        if (ox, oy) == (0, 0):
            keep = ia < ib
            ia, ib = ia[keep], ib[keep]
        ia_all.append(ia)
        ib_all.append(ib)
    return np.concatenate(ia_all), np.concatenate(ib_all)


def _inner_edges(edges: Edges | None, idx: list[int]) -> Edges | None:
    """The edges among the boxes `idx`, re-indexed into that list."""
    import numpy as np

    if edges is None:
        return None
    where = {b: i for i, b in enumerate(idx)}
    keep = [e for e, (u, v) in enumerate(edges.pairs.tolist()) if u in where and v in where]
    if not keep:
        return None
    return Edges(np.array([[where[u], where[v]] for u, v in edges.pairs[keep].tolist()]),
                 edges.key[keep])


@dataclass
class Edges:
    """The edges a placement keeps clear of boxes: index pairs into the boxes, and which of
    them are key (the rift's or the focus's own edges: they must end up clear and long
    enough to see; the others are cleared as far as a few rounds allow)."""

    pairs: Any
    """(E, 2) int array of box indices"""
    key: Any
    """(E,) bool array"""


CLEARANCE = 0.06
"""Inches kept between an edge and a box it passes."""
KEY_EDGE_LENGTH = 0.3
"""Inches of a key edge left visible between its two boxes."""


def edge_hits(centres: Any, sizes: Any, pairs: Any, margin: float = 0.0) -> Any:
    """(E, N) bool: whether the straight edge between the centres of pair e passes through
    box n (grown by `margin`), a box never counting as hit by its own edges. The exact
    segment-rectangle test (Liang-Barsky slab clipping)."""
    import numpy as np

    a, d = centres[pairs[:, 0]], centres[pairs[:, 1]] - centres[pairs[:, 0]]
    lo, hi = centres - sizes / 2 - margin, centres + sizes / 2 + margin
    t0 = np.zeros((len(pairs), len(centres)))
    t1 = np.ones_like(t0)
    for axis in (0, 1):
        p0, da = a[:, axis][:, None], d[:, axis][:, None]
        flat = np.abs(da) < 1e-12
        with np.errstate(divide="ignore", invalid="ignore"):
            ta = (lo[None, :, axis] - p0) / np.where(flat, 1.0, da)
            tb = (hi[None, :, axis] - p0) / np.where(flat, 1.0, da)
        inside = (p0 > lo[None, :, axis]) & (p0 < hi[None, :, axis])
        t0 = np.maximum(t0, np.where(flat, np.where(inside, -np.inf, np.inf),
                                     np.minimum(ta, tb)))
        t1 = np.minimum(t1, np.where(flat, np.where(inside, np.inf, -np.inf),
                                     np.maximum(ta, tb)))
    hit = t0 < t1
    rows = np.arange(len(pairs))
    hit[rows, pairs[:, 0]] = hit[rows, pairs[:, 1]] = False
    return hit


def visible_length(centres: Any, sizes: Any, pairs: Any) -> Any:
    """Length of each edge between the borders of its two boxes (0 when they touch)."""
    import numpy as np

    d = centres[pairs[:, 1]] - centres[pairs[:, 0]]
    length = np.maximum(np.sqrt((d ** 2).sum(axis=1)), 1e-9)
    u = np.abs(d) / length[:, None]
    with np.errstate(divide="ignore"):
        inside = [np.minimum(sizes[pairs[:, i], 0] / 2 / u[:, 0],
                             sizes[pairs[:, i], 1] / 2 / u[:, 1]) for i in (0, 1)]
    return np.maximum(length - inside[0] - inside[1], 0.0)


def clear_edges(centres: Any, sizes: Any, edges: Edges, rounds: int = 60) -> Any:
    """Move boxes off the edges that pass under them, and the two boxes of a short key edge
    apart, keeping boxes from overlapping (`_separate`): all edges first, then the key
    edges alone until they are clear."""
    import numpy as np

    c = centres.copy()
    for phase in ("all", "key"):
        mask = np.ones(len(edges.pairs), bool) if phase == "all" else edges.key
        pairs = edges.pairs[mask]
        if not len(pairs):
            continue
        for _ in range(rounds):
            moved = _push_off(c, sizes, pairs)
            short = _lengthen(c, sizes, edges.pairs[edges.key])
            if not (moved or short):
                break
            c = _separate(c, sizes, gap=0.12, rounds=100)
    return c


def clear_bloc_edges(centres: Any, sizes: Any, groups: list[list[int]], edges: Edges,
                     gap: float, rounds: int = 60) -> Any:
    """Move the boxes of a balance map off every edge that passes under them, the ties
    between blocs included, while no two blocs mix: after each round of pushing boxes off
    edges (`_push_off`), each bloc's boxes are pushed apart among themselves and then the
    blocs, as the rectangles around their boxes, are pushed `gap` apart (moved whole)."""
    import numpy as np

    c = centres.copy()
    for _ in range(rounds):
        if not _push_off(c, sizes, edges.pairs):
            break
        for idx in groups:
            if len(idx) > 1:
                c[idx] = _separate(c[idx], sizes[idx], gap=0.12, rounds=100)
        lo = np.array([(c[idx] - sizes[idx] / 2).min(axis=0) for idx in groups])
        hi = np.array([(c[idx] + sizes[idx] / 2).max(axis=0) for idx in groups])
        mid = (lo + hi) / 2
        moved = _separate(mid, hi - lo, gap=gap, rounds=200)
        for idx, shift in zip(groups, moved - mid, strict=True):
            c[idx] += shift
    return c


def _push_off(c: Any, sizes: Any, pairs: Any) -> bool:
    """One round: every box an edge passes under moves across, away from the edge's line."""
    import numpy as np

    hit = edge_hits(c, sizes, pairs, CLEARANCE)
    if not hit.any():
        return False
    e, k = np.nonzero(hit)
    a, d = c[pairs[e, 0]], c[pairs[e, 1]] - c[pairs[e, 0]]
    normal = np.stack([-d[:, 1], d[:, 0]], axis=1) / np.maximum(
        np.sqrt((d ** 2).sum(axis=1)), 1e-9)[:, None]
    side = ((c[k] - a) * normal).sum(axis=1)
    need = (np.abs(normal) * sizes[k] / 2).sum(axis=1) + 1.5 * CLEARANCE
    step = (need - np.abs(side)) * np.where(side >= 0, 1.0, -1.0)
    np.add.at(c, k, normal * step[:, None] * 0.7)
    for end in (0, 1):  # the edge gives way a little too, so that no box is pinned
        np.add.at(c, pairs[e, end], -normal * step[:, None] * 0.25)
    return True


def _lengthen(c: Any, sizes: Any, pairs: Any) -> bool:
    """One round: the two boxes of a key edge shorter than `KEY_EDGE_LENGTH` move apart."""
    import numpy as np

    if not len(pairs):
        return False
    short = visible_length(c, sizes, pairs) < KEY_EDGE_LENGTH
    if not short.any():
        return False
    p = pairs[short]
    d = c[p[:, 1]] - c[p[:, 0]]
    u = d / np.maximum(np.sqrt((d ** 2).sum(axis=1)), 1e-9)[:, None]
    np.add.at(c, p[:, 1], u * KEY_EDGE_LENGTH / 2)
    np.add.at(c, p[:, 0], -u * KEY_EDGE_LENGTH / 2)
    return True
