"""The note under a gains answer on the effects of the rift's events it does not count.

A curator who writes the rift's consequences as effects of the event that began it gets an
answer without them (`actorgraph.analyses.eventeffects`); the note names those events, what
their effects reach, and how to curate them so that they count.
"""

from __future__ import annotations

import textwrap
from typing import Any

import networkx as nx

from ..analyses.gains import RiftReport
from ..model.kinds import EFFECT
from .markdown import md_text
from .text import node_name
from .words import count, verb

__all__ = ["uncounted_dicts", "uncounted_lines", "uncounted_markdown"]

SHOWN = 5
"""Events named in the note; the rest are counted."""


def _by_event(report: RiftReport) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for e in report.uncounted:
        out.setdefault(e.event, []).append(e)
    return out


_HEAD = "effects of the rift's events: only the rift outcome's effects are routes of gains"


def _rows(G: nx.MultiDiGraph, report: RiftReport) -> list[str]:
    events = G.graph["events"]
    rows = []
    groups = _by_event(report)
    for eid, effects in list(groups.items())[:SHOWN]:
        reach = ", ".join(f"{verb(EFFECT, e.sign)} {node_name(G, e.target)}"
                          for e in effects)
        rows.append(f"{events[eid].label} ({eid}): {reach}")
    if len(groups) > SHOWN:
        rows.append(f"and {count(len(groups) - SHOWN, 'more event')} (--format json lists "
                    "them all)")
    return rows


def _advice(report: RiftReport) -> str:
    rift = next((o for o in report.rift_outcomes), None)
    where = (f"the rift outcome ({rift})" if rift else
             f"a rift outcome (kind: rift, between: [{report.a}, {report.b}])")
    return (f"If the sources say the rift did these, curate them as effects of {where}, "
            "with the same claims (docs/curating.md, section 8).")


def uncounted_lines(G: nx.MultiDiGraph, report: RiftReport) -> list[str]:
    """The note as text lines (none when every event's effect is counted)."""
    if not report.uncounted:
        return []
    rows = [*_rows(G, report), _advice(report)]
    return ["", f"NOT COUNTED  ({_HEAD})",
            *(textwrap.fill(r, 100, initial_indent="  ", subsequent_indent="    ",
                           break_on_hyphens=False)
              for r in rows)]


def uncounted_markdown(G: nx.MultiDiGraph, report: RiftReport) -> list[str]:
    """The note as Markdown lines (none when every event's effect is counted)."""
    if not report.uncounted:
        return []
    return ["", f"### Not counted ({md_text(_HEAD)})", "",
            *(f"- {md_text(r)}" for r in _rows(G, report)), "", md_text(_advice(report))]


def uncounted_dicts(G: nx.MultiDiGraph, report: RiftReport) -> list[dict[str, Any]]:
    """The uncounted effects as plain data, one entry per event."""
    events = G.graph["events"]
    return [{"event": eid, "label": events[eid].label,
             "effects": [{"to": e.target, "sign": e.sign, "claimants": list(e.claimants)}
                         for e in effects]}
            for eid, effects in _by_event(report).items()]
