"""``render --timeline``: dated events and claims on a time axis, one lane per actor or claimant.

`choose_timeline` (no drawing) picks what goes on it: each event with a `date` (on the lane
of each of its actors, or of each claimant whose word on it counts) and each claim that the
`ClaimFilter` admits and whose source has a ``published`` date (on the lane of each actor the
claim is about, or of its claimant). An event's line names what its admitted effects
advance or hinder, and the claims on those effects are dated like any other. Nothing is
given a date it does not have: undated items are counted and the figure's footnote says how
many were left out. `draw_timeline` imports matplotlib and draws: one marker per lane and
date, numbered, and the numbered list below.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from ..analyses.claims import ClaimFilter
from ..errors import ActorGraphError, UsageError
from ..model.kinds import ACTOR
from ..model.records import date_bounds

__all__ = ["Timeline", "TimelineItem", "choose_timeline", "draw_timeline", "render_timeline"]

Lanes = Literal["actor", "claimant"]


@dataclass(frozen=True)
class TimelineItem:
    """One dated thing: an event (``kind="event"``) or one claim (``kind="claim"``)."""

    date: str
    """As precise as the record: ``2024``, ``2024-11`` or ``2024-11-05``."""
    kind: Literal["event", "claim"]
    lanes: tuple[str, ...]
    text: str

    @property
    def start(self) -> dt.date:
        return date_bounds(self.date)[0]


@dataclass(frozen=True)
class Timeline:
    lanes: tuple[str, ...]
    """Lane labels, top to bottom (alphabetical)."""
    items: tuple[TimelineItem, ...]
    """In date order (then events first, then text)."""
    undated: int
    """Events and admitted claims left out for having no date."""


def _name(G: nx.MultiDiGraph, node: str) -> str:
    return G.nodes[node].get("label", node) if node in G else node


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def choose_timeline(G: nx.MultiDiGraph, claims: ClaimFilter | None = None,
                    lanes: Lanes = "actor") -> Timeline:
    """What the timeline shows, under `claims` (default: every claim).

    >>> import actorgraph
    >>> t = choose_timeline(actorgraph.load("tests/data/valid/india-canada"))
    >>> t.items[0].date, t.items[0].lanes
    ('2023-09', ('India',))
    """
    if lanes not in ("actor", "claimant"):
        raise UsageError(f"lanes takes actor or claimant, not {lanes!r}")
    claims = claims or ClaimFilter()
    sources = G.graph["sources"]
    items: list[TimelineItem] = []
    undated = 0
    seen: set[int] = set()
    events = G.graph.get("events", {})
    linked = [(u, v, data.get("claims", ())) for u, v, data in G.edges(data=True)]
    linked += [(src, e.to, e.claims) for src, e in G.graph["records"].effects.values()
               if src in events]  # an event's effects: not edges, but claims all the same
    for u, v, said in linked:
        about = tuple(n for n in (u, v) if n in G and G.nodes[n].get("type") == ACTOR)
        if not about and u in events:
            about = tuple(events[u].actors)
        for claim in said:
            if id(claim) in seen or not claims.admits(claim, sources):
                continue
            seen.add(id(claim))
            source = sources.get(claim.source)
            if source is None or not source.published:
                undated += 1
                continue
            who = (claim.by,) if lanes == "claimant" else (about or (u,))
            verb = {"asserts": "", "denies": " (denies)", "speculates": " (speculates)"}
            text = (f"{_name(G, claim.by)}{verb[claim.stance]}, {source.id}: "
                    f"\u201c{_short(claim.quote)}\u201d")
            items.append(TimelineItem(source.published, "claim",
                                      tuple(sorted({_name(G, n) for n in who})), text))
    for event in events.values():
        admitted = [c for c in event.claims if claims.admits(c, sources)]
        if not admitted or (event.date and claims.as_of
                            and date_bounds(event.date)[0] > claims.as_of):
            continue
        if not event.date:
            undated += 1
            continue
        who = [c.by for c in admitted] if lanes == "claimant" else (event.actors or ["(events)"])
        effects = "".join(f"; {e.sign} {_name(G, e.to)}" for e in event.effects
                          if any(c.stance != "denies" and claims.admits(c, sources)
                                 for c in e.claims))
        items.append(TimelineItem(event.date, "event", tuple(sorted({_name(G, n) for n in who})),
                                  f"event: {event.label}{effects}"))
    items.sort(key=lambda i: (i.start, i.kind != "event", i.text))
    return Timeline(tuple(sorted({lane for i in items for lane in i.lanes})), tuple(items),
                    undated)


def draw_timeline(timeline: Timeline, footnote: str = ""):  # -> matplotlib Figure
    """The timeline as a figure: lanes across, a numbered marker per lane and date (the
    numbers of the items there), and the numbered items listed below the axis."""
    from matplotlib.figure import Figure

    if not timeline.items:
        raise ActorGraphError(
            "nothing dated to draw: no event has a date and no admitted claim's source has a "
            f"'published' date ({timeline.undated} undated left out); give sources "
            "'published' and events 'date' (docs/curating.md, sections 1 and 8)")
    rows = len(timeline.lanes)
    listed = len(timeline.items)
    height = 1.4 + 0.45 * rows + 0.22 * listed + 0.6
    fig = Figure(figsize=(11.7, height))
    top = 1 - 0.5 / height
    lanes_h = (0.45 * rows + 0.6) / height
    ax = fig.add_axes((0.2, top - lanes_h, 0.76, lanes_h - 0.35 / height))
    lane_y = {lane: rows - 1 - k for k, lane in enumerate(timeline.lanes)}
    marks: dict[tuple[str, dt.date], list[int]] = {}
    for n, item in enumerate(timeline.items, 1):
        for lane in item.lanes:
            marks.setdefault((lane, item.start), []).append(n)
    first = min(i.start for i in timeline.items)
    last = max(i.start for i in timeline.items)
    pad = max((last - first).days * 0.08, 20)
    ax.set_xlim(first - dt.timedelta(days=pad), last + dt.timedelta(days=pad))
    ax.set_ylim(-0.7, rows - 0.3)
    ax.set_yticks(range(rows), [lane for lane in reversed(timeline.lanes)])
    ax.xaxis.set_major_formatter(_date_formatter(ax.xaxis.get_major_locator()))
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    for (lane, day), numbers in sorted(marks.items()):
        events = any(timeline.items[n - 1].kind == "event" for n in numbers)
        ax.plot([day], [lane_y[lane]], marker="D" if events else "o", markersize=7,
                color="#b2182b" if events else "#2166ac", zorder=3)
        ax.annotate(", ".join(map(str, numbers)), (day, lane_y[lane]), xytext=(0, 7),
                    textcoords="offset points", ha="center", va="bottom", fontsize=7,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.8})
    fig.text(0.02, 1 - 0.25 / height, "Who said what when", fontsize=13, weight="bold",
             va="center")
    y = top - lanes_h - 0.45 / height
    for n, item in enumerate(timeline.items, 1):
        fig.text(0.02, y, f"{n:>2}  {item.date:<10}  {item.text}", fontsize=7,
                 family="monospace", va="top", color="#b2182b" if item.kind == "event"
                 else "black")
        y -= 0.22 / height
    note = ("dates: an event's own date, a claim's source's 'published' date (diamond: an "
            "event, circle: claims); a month or year is placed at its first day")
    if timeline.undated:
        note += f"; {timeline.undated} undated item{'s' * (timeline.undated != 1)} left out"
    fig.text(0.02, 0.1 / height, f"{note}.\n{footnote}", fontsize=6.5, color="#555555",
             va="bottom")
    return fig


def _date_formatter(locator):  # -> matplotlib Formatter
    """Matplotlib's concise dates, except that the first tick names its year when neither it
    nor the offset does: across a new year the ticks run 'Sep 2023, Nov, 2024, Mar', not
    'Sep, Nov, 2024', where 'Sep' could be any September."""
    import matplotlib.dates as mdates

    class YearFirst(mdates.ConciseDateFormatter):
        def format_ticks(self, values):  # type: ignore[no-untyped-def]
            labels = list(super().format_ticks(values))
            if labels and labels[0].isalpha() and not self.get_offset():  # 'Sep', no year
                labels[0] = f"{labels[0]} {mdates.num2date(values[0]).year}"
            return labels

    return YearFirst(locator)


def render_timeline(timeline: Timeline, path: str | os.PathLike[str], footnote: str = "") -> None:
    """Draw the timeline and write it (.png, .svg or .pdf by extension)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = draw_timeline(timeline, footnote)
    FigureCanvasAgg(fig)
    fig.savefig(path, dpi=150, metadata={"Software": None} if str(path).endswith(".png")
                else None)
