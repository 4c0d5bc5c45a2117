"""The briefing figure for a rift: the map beside a ranked panel of who gains and who loses.

One 16:9 page, type large enough to read when projected. The panel ranks the stakes of the
`RiftReport` behind the map: one bar per actor, its length the verdict's support (the chance
that at least one chain of claims for it holds, as ``actorgraph gains`` reports it), to the
right for a gain and to the left for a loss, its colour the verdict; beside it the support
in ICD 203 words and the number of independent voices, and under the actor's name the
claimants whose claims the verdict rests on.
matplotlib is imported only to draw.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

import networkx as nx

from .selection import MapSelection, select_map
from .style import BRIEFING_PAGE, MARKS, SLIDE
from .words import count

__all__ = ["draw_rift_briefing", "stake_rows"]

BRIEFING_MAP_AXES = (0.01, 0.07, 0.60, 0.84)
"""The map's part of the slide (figure fractions)."""
PANEL_AXES = (0.81, 0.34, 0.085, 0.54)
"""The ranked panel's bars; the actors' names stand to their left, the numbers right."""
NAME_RIGHT, VALUE_LEFT = 0.80, 0.902
"""Where the names column ends and the numbers column begins (figure fractions)."""
CONTESTED_HATCH = "////"
"""How the bar of a contested stake is marked (the panel's note says so)."""
MAX_ROWS = 12
"""More stakes than this: the strongest gainers and losers, half each, and a count of the rest."""


def stake_rows(G: nx.MultiDiGraph, report: Any,
               limit: int = MAX_ROWS) -> tuple[list[dict[str, Any]], int]:
    """The panel's rows, best-attested gain first and best-attested loss last, and how many
    stakes were left out to fit `limit` rows. A row: actor, name, verdict, score (the
    support, negative for a loss), the claimants behind its evidence (names, in order of
    first appearance), the support in words and the number of independent voices."""
    from .text import node_name

    def signed(s: Any) -> float:
        return -s.score if s.verdict == "loses" or (s.verdict == "mixed" and s.loss > s.gain) \
            else s.score

    # the answer's own ranking (by support, then stake), losses turned so the best attested
    # stands last, at the far end from the best-attested gain
    ups = [s for s in report.stakes if signed(s) >= 0]
    stakes = ups + [s for s in reversed(report.stakes) if signed(s) < 0]
    left_out = max(0, len(stakes) - limit)
    if left_out:
        stakes = stakes[:limit // 2] + stakes[len(stakes) - (limit - limit // 2):]
    rows = []
    for s in stakes:
        claimants = dict.fromkeys(c.by for ev in s.evidence for step in ev.steps
                                  for c in step.claims if c.stance != "denies")
        rows.append({"actor": s.actor, "name": s.name, "verdict": s.verdict,
                     "score": signed(s), "claimants": [node_name(G, c) for c in claimants],
                     "words": s.support.words, "voices": len(s.voices),
                     "contested": s.contested})
    return rows, left_out


def draw_rift_briefing(G: nx.MultiDiGraph, *, fig: Any = None,
                       selection: MapSelection | None = None,
                       layout: dict[str, tuple[float, float]] | None = None,
                       footnote: str | None = None,
                       progress: Callable[[str], None] | None = None,
                       warn: Callable[[str], None] | None = None,
                       **select_options: Any) -> Any:
    """Draw the briefing for a rift on `fig` (a new 16:9 figure if None) and return it.

    `selection` must be a rift map (``select_map(G, rift=(a, b))``), else
    ``select_options`` (``rift=(a, b)`` and the claim options) make one.
    """
    from .drawing import draw_interest_map

    sel = selection or select_map(G, **select_options)
    if sel.report is None:
        raise ValueError("the briefing needs a rift map: select_map(G, rift=(a, b))")
    if fig is None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=SLIDE, dpi=150)
        FigureCanvasAgg(fig)
    ax = fig.add_axes(BRIEFING_MAP_AXES)
    draw_interest_map(G, ax=ax, selection=sel, layout=layout, footnote=footnote,
                      progress=progress, style=BRIEFING_PAGE, warn=warn)
    _draw_panel(fig, *stake_rows(G, sel.report))
    return fig


def _draw_panel(fig: Any, rows: list[dict[str, Any]], left_out: int) -> None:
    """The ranked bars, the names and claimants beside them, and the panel's heading."""
    from matplotlib.transforms import blended_transform_factory

    ax = fig.add_axes(PANEL_AXES, gid="panel")
    top = max((abs(r["score"]) for r in rows), default=1.0) or 1.0
    ax.set_xlim(-top * 1.05, top * 1.05)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.axvline(0, color="#444444", linewidth=0.8)
    ax.set_axis_off()
    beside = blended_transform_factory(fig.transFigure, ax.transData)
    for y, r in enumerate(rows):
        ax.barh(y, r["score"], height=0.55, color=MARKS[r["verdict"]][0],
                hatch=CONTESTED_HATCH if r["contested"] else None, edgecolor="white",
                linewidth=0, gid=f"bar:{r['actor']}")
        for x, text, va, size, weight, gid in (
                (NAME_RIGHT, textwrap.shorten(r["name"], 28, placeholder="…"), "bottom", 10.5,
                 "bold", "name"),
                (NAME_RIGHT, _claimants(r["claimants"]), "top", 7.5, "normal", "claimants"),
                (VALUE_LEFT, f"{abs(r['score']):.2f}", "bottom", 10.5, "bold", "score"),
                (VALUE_LEFT, _counts(r), "top", 7.5, "normal", "counts")):
            words = ax.text(x, y + (0.02 if va == "top" else 0.0), text, transform=beside,
                            ha="right" if x == NAME_RIGHT else "left", va=va, fontsize=size,
                            fontweight=weight, color="#222222" if size > 8 else "#444444",
                            parse_math=False, gid=f"{gid}:{r['actor']}")
            if x == VALUE_LEFT:  # only the left-aligned numbers column can run off the slide
                _fit_right(fig, words, breaks=len(rows) <= 9)  # rows roomy enough for 2 lines
    heading = "Who gains, who loses"
    fig.text(0.64, 0.935, heading, fontsize=12.5, fontweight="bold",
             va="top", gid="panel-title")
    note = fig.text(0.64, 0.9, "bar, number: support (chance a chain of claims for it holds)"
                    + (f"; {count(left_out, 'weaker stake')} not shown"
                       if left_out else ""),
                    fontsize=8, color="#444444", va="top", parse_math=False,
                    gid="panel-note")
    _fit_right(fig, note)
    if any(r["contested"] for r in rows):  # under the bars, above the map's legend
        key = fig.text(0.64, PANEL_AXES[1] - 0.008, "hatched bar: contested (an independent "
                       "voice says otherwise)", fontsize=8, color="#444444", va="top",
                       parse_math=False, gid="panel-hatch")
        _fit_right(fig, key)


def _fit_right(fig: Any, text: Any, margin: float = 0.006, shrunk: float = 6.0,
               smallest: float = 5.0, breaks: bool = True) -> None:
    """Keep a left-aligned text inside the slide. A text a little too long shrinks, down to
    `shrunk` pt; one still too long (``roughly even chance · 3 voices · contested``) keeps
    its size and breaks at its `` · `` into lines as full as fit, and only what still runs
    over shrinks further, never below `smallest` pt."""
    renderer = fig.canvas.get_renderer()
    limit = fig.bbox.x1 * (1 - margin)
    size = text.get_fontsize()

    def over() -> bool:
        return text.get_window_extent(renderer).x1 > limit

    while over() and text.get_fontsize() > shrunk:
        text.set_fontsize(text.get_fontsize() - 0.5)
    if breaks and over() and " · " in text.get_text():
        text.set_fontsize(size)
        first, *parts = text.get_text().split(" · ")
        lines = [first]
        for part in parts:
            text.set_text("\n".join([*lines[:-1], f"{lines[-1]} · {part}"]))
            if over():
                lines.append(part)
            else:
                lines[-1] = f"{lines[-1]} · {part}"
        text.set_text("\n".join(lines))
    while over() and text.get_fontsize() > smallest:
        text.set_fontsize(text.get_fontsize() - 0.5)


def _counts(row: dict[str, Any]) -> str:
    """``likely · 2 voices`` (a contested stake's bar is hatched instead of one more word:
    with a dozen rows the words would not fit the slide at a readable size)."""
    return f"{row['words']} · {count(row['voices'], 'voice')}"


def _claimants(names: list[str], width: int = 46) -> str:
    """``per A, B +2 more``, as many names as fit in `width` characters."""
    if not names:
        return "on structure only (no claimant)"
    shown: list[str] = []
    for name in names:
        rest = len(names) - len(shown) - 1
        text = "per " + ", ".join([*shown, name]) + (f" +{rest} more" if rest else "")
        if len(text) > width and shown:
            break
        shown.append(name)
    more = len(names) - len(shown)
    return textwrap.shorten("per " + ", ".join(shown), width - 8 if more else width,
                            placeholder="…") + (f" +{more} more" if more else "")
