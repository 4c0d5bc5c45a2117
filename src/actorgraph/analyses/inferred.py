"""What the tool infers about a rift, kept apart from what the sources say.

No source says these actors gain or lose; the tool reasons its way there, so the gains
answer shows them in their own section, only when asked (``who_gains(..., inferred=True)``),
and they never change the stated ranking:

- **through membership**: what the sources say of a bloc, the tool carries to its members
  (transitively); the support is the bloc's, since membership is structure, not a claim;
- **structural balance**: when A and B are allied, C's own ties to them decide: C hostile to
  A or B, or friend of one and enemy of the other, gains; C friendly to both loses
  (cross-pressure). The support is the chance that the ties it reasons from all hold. A
  pair's tie is the one `balance` sees (`actorgraph.analyses.ties.tie_sign`: the latest
  period without an as-of date; where domains disagree, the first of security, diplomatic,
  economic, other).
"""

from __future__ import annotations

import networkx as nx

from ..model.kinds import ACTOR, MEMBER_OF, RELATION
from .claims import ClaimView, Step
from .routes import Evidence, route_weight
from .ties import net_tie, tie_sign

__all__ = ["inferred_evidence", "membership_evidence", "net_tie", "structural_evidence"]


def inferred_evidence(view: ClaimView, a: str, b: str, stated: dict[str, list[Evidence]]
                      ) -> dict[str, list[Evidence]]:
    """Membership and structural evidence for every actor it reaches."""
    out: dict[str, list[Evidence]] = {}
    for part in (membership_evidence(view, stated), structural_evidence(view, a, b)):
        for actor, evs in part.items():
            out.setdefault(actor, []).extend(evs)
    return out


def membership_evidence(view: ClaimView, stated: dict[str, list[Evidence]]
                        ) -> dict[str, list[Evidence]]:
    """Copies of each bloc's stated evidence for its members (transitively)."""
    G = view.G
    out: dict[str, list[Evidence]] = {}
    for bloc in sorted(stated):
        if G.nodes[bloc]["kind"] != "bloc":
            continue
        stack = [(bloc, tuple[Step, ...]())]
        while stack:
            container, links = stack.pop()
            for link in view.edges(container, MEMBER_OF, incoming=True):
                member = link.source
                if any(member == s.source for s in links) or member == bloc:
                    continue
                chain = (link, *links)
                for ev in stated[bloc]:
                    out.setdefault(member, []).append(Evidence(
                        actor=member, route="membership", sign=ev.sign, weight=ev.weight,
                        steps=(*ev.steps, *reversed(chain)), outcome=ev.outcome))
                if G.nodes[member]["kind"] == "bloc":
                    stack.append((member, chain))
    return out


def _ties(view: ClaimView, x: str) -> dict[str, list[Step]]:
    """Every actor related to X (either direction), with the relation steps between them."""
    ties: dict[str, list[Step]] = {}
    for step in view.edges(x, RELATION):
        ties.setdefault(step.target, []).append(step)
    for step in view.edges(x, RELATION, incoming=True):
        ties.setdefault(step.source, []).append(step)
    return ties


def _strongest(steps: list[Step]) -> tuple[Step, ...]:
    return (max(steps, key=lambda s: (s.support, s.edge)),) if steps else ()


def structural_evidence(view: ClaimView, a: str, b: str) -> dict[str, list[Evidence]]:
    G: nx.MultiDiGraph = view.G
    ties_a, ties_b = _ties(view, a), _ties(view, b)
    ab_sign, _, ab_steps = tie_sign(view, ties_a.get(b, []))
    if ab_sign <= 0:
        return {}
    name = {n: G.nodes[n]["label"] for n in (a, b)}
    out: dict[str, list[Evidence]] = {}
    for c in sorted((set(ties_a) | set(ties_b)) - {a, b}):
        if G.nodes[c]["type"] != ACTOR:
            continue
        sa, _, steps_a = tie_sign(view, ties_a.get(c, []))
        sb, _, steps_b = tie_sign(view, ties_b.get(c, []))
        if sa == 0 and sb == 0:
            continue
        if sa > 0 and sb > 0:
            sign, why = -1, f"friend of both {name[a]} and {name[b]}: cross-pressured"
        elif sa < 0 and sb < 0:
            sign, why = 1, f"hostile to both {name[a]} and {name[b]}: its adversaries fall out"
        elif sa * sb < 0:
            friend, foe = (a, b) if sa > 0 else (b, a)
            sign, why = 1, f"its friend {name[friend]} breaks with its adversary {name[foe]}"
        elif sa < 0 or sb < 0:
            foe = a if sa < 0 else b
            sign, why = 1, f"hostile to {name[foe]}, which loses an ally"
        else:
            continue  # friend of one, no tie to the other: no structural verdict
        steps = (*_strongest(ab_steps), *_strongest(steps_a), *_strongest(steps_b))
        out[c] = [Evidence(actor=c, route="structural", sign=sign,
                           weight=route_weight([s.link for s in steps]), steps=steps,
                           reason=why)]
    return out
