"""What an answer about a rift leaves out: the effects of its events onto actors or outcomes.

`gains` follows effects from the rift outcome (and a rapprochement of the two) only. An
event's effect onto an actor or another outcome is kept in the data (``show``, exports,
``diff``) but is no route of the rift's gains: a curator who writes the rift's consequences
("the cut will hurt our steelmakers") as effects of the event that began it gets an answer
that omits them. `uncounted_effects` lists such effects so that the answer can say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.graph import pair_outcomes
from ..model.ids import effect_id
from ..model.kinds import RAPPROCHEMENT, RIFT
from .claims import ClaimView, members_of

__all__ = ["EventEffect", "uncounted_effects"]


@dataclass(frozen=True)
class EventEffect:
    """One effect of an event that the rift's gains do not follow."""

    event: str
    target: str
    """An actor, or an outcome that is no rift or rapprochement."""
    sign: int
    """+1 advances (benefits, for an actor), -1 hinders (harms)."""
    claimants: tuple[str, ...]
    """Who makes the effect's claims that the answer's filter admits."""


def uncounted_effects(view: ClaimView, a: str, b: str) -> list[EventEffect]:
    """The effects, onto an actor or an outcome other than a rift or rapprochement, of the
    events that involve a side of the rift between `a` and `b` (an actor of it, or one part
    of it), each with a claim the view's filter admits; in event, then target order.

    Effects onto a rift or rapprochement are left out: they are accounts of what caused it
    (`actorgraph.analyses.causes`)."""
    G = view.G
    sides = members_of(G, {a}) | members_of(G, {b})
    pair = {outcome for outcome, _ in pair_outcomes(G, a, b)}
    effects = G.graph["records"].effects
    out = []
    for eid, event in sorted(G.graph["events"].items()):
        if not set(event.actors) & sides:
            continue
        for effect in sorted(event.effects, key=lambda e: e.to):
            node = G.nodes.get(effect.to, {})
            if effect.to in pair or node.get("kind") in (RIFT, RAPPROCHEMENT):
                continue
            claims = [c for c in effects[effect_id(eid, effect.to)][1].claims
                      if view.cf.admits(c, view.sources)]
            if claims:
                out.append(EventEffect(eid, effect.to, effect.polarity,
                                       tuple(sorted({c.by for c in claims}))))
    return out
