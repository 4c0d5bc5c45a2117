"""What caused a rift, on whose word: the accounts the sources give, and whether they agree.

An *incident* of a rift between A and B is an event that involves both (an actor of each
side, or one part of it), or that an effect of the event's own says advances the rift. The
events that ``led_to`` an incident, as far back as a voice tells it, make that voice's
*account*: the earliest event of the chain the voice itself claims is the cause it gives.
Accounts with different first causes are competing explanations; when there are several, or
when a voice denies an event of an account that other voices assert, the answer says the
cause is **contested** and shows each account with its voices, the voices denying it, and
its support (the chance that the events of its chain all happened as claimed, no denial of
them right, in the evidence model's sense).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.graph import pair_outcomes
from .claims import ClaimView, link_support, members_of
from .evidence import Link, link_of, probability

__all__ = ["Cause", "rift_causes"]


@dataclass(frozen=True)
class Cause:
    """One account of what caused the rift."""

    event: str
    """The first cause in this account: the earliest event its voices claim."""
    chain: tuple[str, ...]
    """Events from the first cause to the incident between the two sides (``led_to``)."""
    actors: tuple[str, ...]
    """The actors the first cause involves: whom this account points to."""
    voices: tuple[str, ...]
    denied_by: tuple[str, ...]
    """Voices that deny an event of this account and assert none of it."""
    support: float
    method: str
    contested: bool
    claims: tuple[Any, ...]


def _incidents(view: ClaimView, a: str, b: str, rifts: set[str]) -> list[str]:
    side_a, side_b = members_of(view.G, {a}), members_of(view.G, {b})
    out = []
    for eid, event in sorted(view.G.graph["events"].items()):
        involved = set(event.actors)
        advances = any(getattr(e, "to", None) in rifts and getattr(e, "sign", "") == "advances"
                       for e in getattr(event, "effects", ()) or ())
        if advances or (involved & side_a and involved & side_b):
            out.append(eid)
    return out


def rift_causes(view: ClaimView, a: str, b: str) -> list[Cause]:
    """The accounts of what caused the rift between `a` and `b`, under the view's filter."""
    events = view.G.graph["events"]
    rifts = {n for n, sign in pair_outcomes(view.G, a, b) if sign > 0}
    parents: dict[str, list[str]] = {}
    for eid, event in events.items():
        for later in event.led_to:
            parents.setdefault(later, []).append(eid)
    links: dict[str, Link] = {}
    admitted: dict[str, tuple[Any, ...]] = {}
    for eid, event in events.items():
        admitted[eid] = tuple(c for c in event.claims if view.cf.admits(c, view.sources))
        links[eid] = link_of(admitted[eid], view.sources, view.voice)
    accounts: dict[tuple[str, ...], set[str]] = {}
    for incident in _incidents(view, a, b, rifts):
        if link_support(links[incident]) == 0:
            continue
        # every chain back from the incident: first cause -> ... -> incident
        chains = [(incident,)]
        stack = [(incident,)]
        while stack:
            chain = stack.pop()
            for p in sorted(parents.get(chain[0], ())):
                if p not in chain and link_support(links[p]) > 0:
                    chains.append((p, *chain))
                    stack.append((p, *chain))
        for voice in sorted({v for chain in chains for e in chain for v, _ in links[e][0]}):
            claimed = [c for c in chains if any(v == voice for v, _ in links[c[0]][0])]
            longest = max(claimed, key=lambda c: (len(c), c))
            accounts.setdefault(longest, set()).add(voice)
    firsts = {chain[0] for chain in accounts}
    out = []
    for chain, voices in sorted(accounts.items()):
        p, method = probability([[links[e] for e in chain]])
        asserting = {v for e in chain for v, _ in links[e][0]}
        deniers = tuple(sorted({v for e in chain for v, _ in links[e][1]} - asserting))
        out.append(Cause(chain[0], chain, tuple(events[chain[0]].actors), tuple(sorted(voices)),
                         deniers, round(p, 6), method, len(firsts) > 1 or bool(deniers),
                         tuple(c for e in chain for c in admitted[e])))
    out.sort(key=lambda c: (-c.support, c.event))
    return out
