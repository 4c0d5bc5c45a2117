"""MACTOR's two pictures on one A4 page: the influence-dependence plane and the convergence
graph. matplotlib is imported inside the drawing function only."""

from __future__ import annotations

import math
import os
import textwrap
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from ..analyses.mactor import FEW_CELLS, CoalitionReport
from ..errors import UsageError, writing
from .text import node_name
from .words import count

__all__ = ["plot_coalitions", "quadrant"]

QUADRANT_WORDS = {
    "dominant": "dominant: much influence, little dependence",
    "relay": "relay: much influence, much dependence",
    "dominated": "dominated: little influence, much dependence",
    "autonomous": "autonomous: little influence, little dependence",
}
QUADRANT_COLOR = {"dominant": "#1f5f99", "relay": "#7b3294", "dominated": "#c0392b",
                  "autonomous": "#5f6a6a"}


def quadrant(report: CoalitionReport, i: int) -> str:
    """Where actor `i` falls on the plane, split at the mean influence and dependence."""
    hi_inf = report.influence[i] >= report.influence.mean()
    hi_dep = report.dependence[i] >= report.dependence.mean()
    if hi_inf:
        return "relay" if hi_dep else "dominant"
    return "dominated" if hi_dep else "autonomous"


def _wrap(text: str, width: int = 18) -> str:
    return "\n".join(textwrap.wrap(text, width=width)) or text


def _label_offsets(points: np.ndarray, labels: list[str], frame: tuple[float, ...]
                   ) -> list[tuple[float, float]]:
    """For each point (in pixels) an offset (in points) for its label: the candidate whose
    box overlaps least with the points, the labels placed before it and the outside of
    `frame` (x0, y0, x1, y1 in pixels)."""
    candidates = [(8, 4), (-8, 4), (8, -4), (-8, -4)]
    placed: list[tuple[float, float, float, float]] = []
    out = []
    scale = 150 / 72  # pixels per point at the figure's dpi
    for (px, py), text in zip(points, labels, strict=True):
        lines = text.split("\n")
        w = max(map(len, lines)) * 4.8 * scale
        h = len(lines) * 9.5 * scale
        best, best_cost = candidates[0], math.inf
        for dx, dy in candidates:
            x0 = px + dx * scale if dx > 0 else px + dx * scale - w
            y0 = py + dy * scale if dy > 0 else py + dy * scale - h
            box = (x0, y0, x0 + w, y0 + h)
            cost = sum(_overlap(box, b) for b in placed)
            cost += sum(_overlap(box, (qx - 20, qy - 20, qx + 20, qy + 20)) for qx, qy in points)
            cost += 4 * (w * h - _overlap(box, frame))  # outside the axes
            if cost < best_cost:
                best, best_cost = (dx, dy), cost
        dx, dy = best
        x0 = px + dx * scale if dx > 0 else px + dx * scale - w
        y0 = py + dy * scale if dy > 0 else py + dy * scale - h
        placed.append((x0, y0, x0 + w, y0 + h))
        out.append((float(dx), float(dy)))
    return out


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _plane(ax: Any, G: nx.MultiDiGraph, report: CoalitionReport) -> None:
    x, y = report.dependence, report.influence
    ax.axvline(x.mean(), color="#bbbbbb", lw=0.8, zorder=0)
    ax.axhline(y.mean(), color="#bbbbbb", lw=0.8, zorder=0)
    pad_x = max(1.0, 0.18 * (x.max() - x.min()))
    pad_y = max(1.0, 0.18 * (y.max() - y.min()))
    ax.set_xlim(x.min() - pad_x, x.max() + pad_x)
    ax.set_ylim(y.min() - pad_y, y.max() + pad_y)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    for name, (qx, qy, ha, va) in {"dominant": (x0, y1, "left", "top"),
                                   "relay": (x1, y1, "right", "top"),
                                   "autonomous": (x0, y0, "left", "bottom"),
                                   "dominated": (x1, y0, "right", "bottom")}.items():
        ax.text(qx, qy, f" {name} ", ha=ha, va=va, fontsize=8, style="italic",
                color=QUADRANT_COLOR[name], alpha=0.8)
    rmax = max(float(report.r_star.max()), 1e-9)
    labels = []
    for i, a in enumerate(report.actors):
        colour = QUADRANT_COLOR[quadrant(report, i)]
        size = 40 + 260 * float(report.r_star[i]) / rmax
        ax.scatter([x[i]], [y[i]], s=size, color=colour, alpha=0.85, edgecolor="white",
                   linewidth=1.0, zorder=3)
        few = (f" ({report.claimed_cells(a)}/{2 * (len(report.actors) - 1)} cells)"
               if report.rests_on_few(a) else "")
        labels.append(f"{_wrap(node_name(G, a), 16)}\nr* {report.r_star[i]:.2f}{few}")
    points = ax.transData.transform(np.column_stack([x, y]))
    frame = tuple(ax.bbox.extents)
    for i, (text, offset) in enumerate(zip(labels, _label_offsets(points, labels, frame),
                                           strict=True)):
        ha = "left" if offset[0] > 0 else "right"
        ax.annotate(text, (x[i], y[i]), xytext=offset, textcoords="offset points",
                    fontsize=7.5, zorder=4, color="#222222", ha=ha,
                    va="bottom" if offset[1] > 0 else "top")
    ax.set_xlabel("dependence Di (direct and indirect, MIDI)", fontsize=9)
    ax.set_ylabel("influence Ii (direct and indirect, MIDI)", fontsize=9)
    ax.set_title("Influence and dependence of the actors", fontsize=11, loc="left")
    ax.tick_params(labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


DIVERGENCE_BEND = 0.3
"""How far a divergence line bows from the straight line, as a share of its length."""


def _convergence(ax: Any, G: nx.MultiDiGraph, report: CoalitionReport) -> None:
    n = len(report.actors)
    # actors on a circle, the most powerful at the top, clockwise by r*
    order = sorted(range(n), key=lambda i: (-report.r_star[i], report.actors[i]))
    pos = {}
    for rank, i in enumerate(order):
        angle = math.pi / 2 - 2 * math.pi * rank / max(n, 1)
        pos[i] = (math.cos(angle), math.sin(angle))
    caa = report.caa[3]
    top = max(float(caa.max()), 1e-9)
    strongest = {(a, b) for a, b, _ in report.pairs(3)[:3]}
    index = {a: i for i, a in enumerate(report.actors)}
    for a, b, v in sorted(report.pairs(3), key=lambda t: t[2]):
        (xa, ya), (xb, yb) = pos[index[a]], pos[index[b]]
        strong = (a, b) in strongest
        ax.plot([xa, xb], [ya, yb], color="#1b7837" if strong else "#7fbf7b",
                lw=0.6 + 5.5 * v / top, alpha=0.9 if strong else 0.55, zorder=1,
                solid_capstyle="round")
        if strong:
            ax.text((xa + xb) / 2, (ya + yb) / 2, f"{v:.2f}", fontsize=7.5, ha="center",
                    va="center", zorder=2, color="#1b7837",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    for a, b, v in report.pairs(3, divergent=True)[:3]:
        # a divergence bows off the straight line a convergence of the same pair takes, so
        # neither the lines nor their labels lie on top of each other
        (xa, ya), (xb, yb) = pos[index[a]], pos[index[b]]
        bend = np.array([yb - ya, xa - xb]) * DIVERGENCE_BEND
        middle = np.array([(xa + xb) / 2, (ya + yb) / 2])
        t = np.linspace(0.0, 1.0, 40)[:, None]
        curve = ((1 - t) ** 2 * np.array([xa, ya]) + 2 * t * (1 - t) * (middle + bend)
                 + t ** 2 * np.array([xb, yb]))
        ax.plot(curve[:, 0], curve[:, 1], color="#c0392b", lw=1.2, ls=(0, (4, 3)), zorder=1.5)
        lx, ly = middle + bend / 2
        ax.text(lx, ly, f"{v:.2f}", fontsize=7, ha="center", va="center", zorder=2,
                color="#c0392b", bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    from matplotlib.lines import Line2D

    ax.legend(handles=[
        Line2D([], [], color="#1b7837", lw=3, label="convergence (3CAA), width by value"),
        Line2D([], [], color="#c0392b", lw=1.2, ls=(0, (4, 3)),
               label="divergence (3DAA), the three strongest")],
        loc="lower left", fontsize=7.5, frameon=False)
    for i, a in enumerate(report.actors):
        x, y = pos[i]
        ax.scatter([x], [y], s=70, color=QUADRANT_COLOR[quadrant(report, i)], zorder=3,
                   edgecolor="white", linewidth=1.0)
        ax.text(x * 1.13, y * 1.13, _wrap(node_name(G, a)), fontsize=7.5, zorder=4,
                ha="left" if x > 0.2 else "right" if x < -0.2 else "center",
                va="bottom" if y > 0.2 else "top" if y < -0.2 else "center")
    if not report.pairs(3) and not report.pairs(3, divergent=True):
        ax.text(0, 0, "no valued positions claimed:\nnothing to converge or diverge on"
                if not report.outcomes else "no two actors take sides\non the same objective",
                ha="center", va="center", fontsize=9, style="italic", color="#777777")
    ax.set_xlim(-1.75, 1.75)
    ax.set_ylim(-1.45, 1.45)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("Convergence and divergence between actors\n(positions weighted by power; "
                 "most powerful at the top)", fontsize=11, loc="left")


def plot_coalitions(G: nx.MultiDiGraph, report: CoalitionReport, path: str | os.PathLike[str],
                    *, date: str | None = None) -> None:
    """Draw the influence-dependence plane (left) and the convergence graph (right) to
    `path` (.png, .svg or .pdf)."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        raise UsageError(f"cannot draw to '{suffix or path}': use a .png, .svg or .pdf name")
    fig = coalitions_figure(G, report, date=date)
    metadata: dict[str, Any] = {"png": {"Software": None}, "svg": {"Date": None},
                                "pdf": {"CreationDate": None, "ModDate": None}}[suffix[1:]]
    with writing(path):
        fig.savefig(path, metadata=metadata)


def coalitions_figure(G: nx.MultiDiGraph, report: CoalitionReport, *,
                      date: str | None = None) -> Any:
    """The matplotlib Figure `plot_coalitions` saves: the plane (axes 0), the convergence
    graph (axes 1)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from .selection import footnote_for
    from .style import A4_LANDSCAPE

    if len(report.actors) < 2:
        raise UsageError("coalitions --plot needs at least two actors with influence ties "
                         "or valued positions")
    fig = Figure(figsize=A4_LANDSCAPE, dpi=150)
    FigureCanvasAgg(fig)
    left = fig.add_axes((0.06, 0.19, 0.40, 0.68))
    right = fig.add_axes((0.52, 0.12, 0.46, 0.75))
    _plane(left, G, report)
    _convergence(right, G, report)
    o = report.options
    who = f"according to {', '.join(o['according_to'])}" if o["according_to"] else \
        "all claimants"
    missing = len(report.missing("influence")) + len(report.missing("positions"))
    cells = len(report.actors) * (len(report.actors) - 1) + \
        len(report.actors) * len(report.outcomes)
    fig.suptitle(f"Who can make it happen, and with whom (MACTOR): "
                 f"{count(len(report.actors), 'actor')}, "
                 f"{count(len(report.outcomes), 'objective')}, {who}", x=0.06, ha="left",
                 fontsize=13, y=0.965)
    note = (f"Inputs: {cells - missing} of {cells} cells claimed" +
            (f" ({missing} missing, counted as 0)" if missing else "") +
            ". Ii, Di: sums of the MIDI row and column (MIDI = MID + influence through one "
            "intermediary); r*: Godet's power coefficient (mean 1), dot size; '(k/N cells)': "
            f"under {FEW_CELLS:.0%} of its row and column claimed. Quadrants split "
            "at the means. Right: line width = 3CAA; the three strongest convergences and "
            "divergences labelled.")
    fig.text(0.06, 0.085, textwrap.fill(note, 190), fontsize=7.5, color="#444444", va="top")
    fig.text(0.06, 0.02, footnote_for(G, date), fontsize=6.5, color="#777777")
    return fig
