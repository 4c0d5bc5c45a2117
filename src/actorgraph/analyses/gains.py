"""Who gains from a rift between two actors, and on whose word.

The rule, in brief (the README has it with its weights):

- every assertion (interest, effect, relation) has a *support* in [-1, 1] from the claims
  that pass the filters: noisy-or over distinct claimant+source pairs of
  ``confidence x (1 asserts | 0.5 speculates)``, minus the same for denials; an assertion
  with support <= 0 does not count;
- **direct**: C wants (opposes) the rift: gains (loses) ``support x strength``;
- **through outcomes**: the rift advances or hinders outcomes along effect chains (simple
  paths, at most `depth` effects; the sign of a chain is the product of its signs, its weight
  the product of its supports); C's interest in an outcome reached gives a verdict;
  a rapprochement of the same two actors counts with the opposite sign;
- **through membership**: a bloc's evidence reaches its members, x `MEMBERSHIP_FACTOR`;
- **structural** (inferred): when A and B are allied, C's own ties to them decide, by
  balance: C hostile to A or B, or friend of one and enemy of the other, gains; C friendly
  to both loses (cross-pressure). Weight ``STRUCTURAL_FACTOR x`` the ties' supports.

A verdict is ``mixed`` when the smaller side is at least `MIXED_RATIO` of the larger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from ..errors import UsageError
from ..model.graph import pair_outcomes, resolve_pair
from ..model.kinds import ACTOR, EFFECT, INTEREST, MEMBER_OF, OUTCOME, RELATION, RIFT
from .claims import (
    SPECULATES_FACTOR,
    ClaimFilter,
    ClaimView,
    Step,
    as_of_date,
    claimant_id,
    filter_for,
    support,
)

__all__ = [
    "MEMBERSHIP_FACTOR",
    "MIXED_RATIO",
    "SPECULATES_FACTOR",
    "STRUCTURAL_FACTOR",
    "ClaimFilter",
    "ClaimView",
    "Evidence",
    "RiftReport",
    "Stake",
    "Step",
    "as_of_date",
    "claimant_id",
    "net_tie",
    "rift_reports",
    "support",
    "who_gains",
]

MEMBERSHIP_FACTOR = 0.8
"""A bloc's evidence reaches its members at this fraction of its weight."""
STRUCTURAL_FACTOR = 0.5
"""Inferred (structural-balance) evidence weighs this fraction of claimed evidence."""
MIXED_RATIO = 1 / 3
"""Gains and losses both at least this fraction of the larger: the verdict is 'mixed'."""

Verdict = Literal["gains", "loses", "mixed", "no stake"]
Route = Literal["direct", "outcome", "membership", "structural"]


@dataclass(frozen=True)
class Evidence:
    """Why `actor` gains (sign +1) or loses (-1): a chain of steps from the rift."""

    actor: str
    route: Route
    sign: int
    weight: float
    steps: tuple[Step, ...]
    outcome: str | None = None
    """The outcome the actor has an interest in (None for structural evidence)."""
    reason: str = ""

    @property
    def inferred(self) -> bool:
        return self.route == "structural"

    @property
    def contested(self) -> bool:
        return any(s.contested for s in self.steps)

    @property
    def claimants(self) -> tuple[str, ...]:
        return tuple(sorted({c.by for s in self.steps for c in s.claims}))


@dataclass(frozen=True)
class Stake:
    """One actor's verdict on a rift: score = gain - loss, with the evidence for each."""

    actor: str
    name: str
    verdict: Verdict
    score: float
    gain: float
    loss: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class RiftReport:
    """The answer to "who gains from a rift between `a` and `b`?".

    `stakes` lists gainers (biggest gain first), then mixed, then losers (biggest loss first).
    """

    a: str
    b: str
    rift_outcomes: tuple[str, ...]
    """Rift outcomes between a and b in the data (and rapprochements, counted negatively)."""
    stakes: tuple[Stake, ...]
    options: dict[str, Any] = field(default_factory=dict)
    claims: ClaimFilter = field(default_factory=ClaimFilter, repr=False)
    """The filter the answer was computed with."""

    @property
    def gainers(self) -> list[str]:
        return [s.actor for s in self.stakes if s.verdict == "gains"]

    @property
    def losers(self) -> list[str]:
        return [s.actor for s in self.stakes if s.verdict == "loses"]

    @property
    def mixed(self) -> list[str]:
        return [s.actor for s in self.stakes if s.verdict == "mixed"]

    def stake(self, actor: str) -> Stake:
        for s in self.stakes:
            if s.actor == actor:
                return s
        raise KeyError(actor)


# -- the analysis -----------------------------------------------------------------------

def _chains(view: ClaimView, starts: list[tuple[str, int]], depth: int
            ) -> dict[tuple[str, int], tuple[float, tuple[Step, ...]]]:
    """Best chain (weight, steps) to every (outcome, sign) reachable in <= depth effects."""
    best: dict[tuple[str, int], tuple[float, tuple[Step, ...]]] = {}
    frontier: list[tuple[str, int, float, tuple[Step, ...], frozenset[str]]] = []
    for node, sign in starts:
        best[(node, sign)] = (1.0, ())
        frontier.append((node, sign, 1.0, (), frozenset({node})))
    for _ in range(depth):
        nxt = []
        for node, sign, weight, steps, seen in frontier:
            for step in view.edges(node, EFFECT):
                if step.target in seen:  # simple paths only: no cycles
                    continue
                state = (step.target, sign * step.sign)
                w = weight * step.support
                if state in best and best[state][0] >= w:
                    continue
                path = (*steps, step)
                best[state] = (w, path)
                nxt.append((step.target, state[1], w, path, seen | {step.target}))
        frontier = nxt
        if not frontier:
            break
    return best


def _claimed_evidence(view: ClaimView, chains: dict[tuple[str, int], tuple[float, tuple[Step, ...]]]
                      ) -> dict[str, list[Evidence]]:
    out: dict[str, list[Evidence]] = {}
    for (outcome, sign), (weight, steps) in sorted(chains.items()):
        for interest in view.edges(outcome, INTEREST, incoming=True):
            ev = Evidence(actor=interest.source, route="outcome" if steps else "direct",
                          sign=sign * interest.sign, weight=weight * interest.support,
                          steps=(*steps, interest), outcome=outcome)
            out.setdefault(interest.source, []).append(ev)
    return out


def _membership_evidence(view: ClaimView, claimed: dict[str, list[Evidence]]
                         ) -> dict[str, list[Evidence]]:
    """Copies of each bloc's evidence for its members (transitively, decaying per level)."""
    G = view.G
    out: dict[str, list[Evidence]] = {}
    for bloc in sorted(claimed):
        if G.nodes[bloc]["kind"] != "bloc":
            continue
        stack = [(bloc, tuple[Step, ...](), 1.0)]
        while stack:
            container, links, factor = stack.pop()
            for link in view.edges(container, MEMBER_OF, incoming=True):
                member = link.source
                if any(member == s.source for s in links) or member == bloc:
                    continue
                chain = (link, *links)
                f = factor * MEMBERSHIP_FACTOR
                for ev in claimed[bloc]:
                    out.setdefault(member, []).append(Evidence(
                        actor=member, route="membership", sign=ev.sign, weight=ev.weight * f,
                        steps=(*ev.steps, *reversed(chain)), outcome=ev.outcome))
                if G.nodes[member]["kind"] == "bloc":
                    stack.append((member, chain, f))
    return out


def _ties(view: ClaimView, x: str) -> dict[str, list[Step]]:
    """Every actor related to X (either direction), with the relation steps between them."""
    ties: dict[str, list[Step]] = {}
    for step in view.edges(x, RELATION):
        ties.setdefault(step.target, []).append(step)
    for step in view.edges(x, RELATION, incoming=True):
        ties.setdefault(step.source, []).append(step)
    return ties


def net_tie(steps: list[Step]) -> tuple[int, float, list[Step]]:
    """The net sign of a pair's relations, the strongest support of that sign, its steps."""
    net = sum(s.sign * s.support for s in steps)
    if not steps or net == 0:
        return 0, 0.0, []
    sign = 1 if net > 0 else -1
    used = [s for s in steps if s.sign == sign]
    return sign, max(s.support for s in used), used


def _structural_evidence(view: ClaimView, a: str, b: str) -> dict[str, list[Evidence]]:
    G = view.G
    ties_a, ties_b = _ties(view, a), _ties(view, b)
    ab_sign, ab_support, ab_steps = net_tie(ties_a.get(b, []))
    if ab_sign <= 0:
        return {}
    name = {n: G.nodes[n]["label"] for n in (a, b)}
    out: dict[str, list[Evidence]] = {}
    for c in sorted((set(ties_a) | set(ties_b)) - {a, b}):
        if G.nodes[c]["type"] != ACTOR:
            continue
        sa, wa, steps_a = net_tie(ties_a.get(c, []))
        sb, wb, steps_b = net_tie(ties_b.get(c, []))
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
        strength = min(w for w in (wa, wb) if w > 0)
        out[c] = [Evidence(actor=c, route="structural", sign=sign,
                           weight=STRUCTURAL_FACTOR * strength * ab_support,
                           steps=(*ab_steps, *steps_a, *steps_b), reason=why)]
    return out


def _strongest_per_outcome(evidence: list[Evidence]) -> list[Evidence]:
    """One piece of evidence per (outcome, sign): an actor's own interest and its bloc's in
    the same outcome are one stake, not two; the stronger chain stands for it."""
    best: dict[tuple[str, int], Evidence] = {}
    rest = []
    for ev in evidence:
        if ev.outcome is None:
            rest.append(ev)
            continue
        key = (ev.outcome, ev.sign)
        if key not in best or ev.weight > best[key].weight:
            best[key] = ev
    return [*best.values(), *rest]


def _verdict(gain: float, loss: float) -> Verdict:
    if gain == 0 and loss == 0:
        return "no stake"
    if min(gain, loss) >= MIXED_RATIO * max(gain, loss):
        return "mixed"
    return "gains" if gain > loss else "loses"


def who_gains(G: nx.MultiDiGraph, a: str, b: str, *, depth: int = 4, structural: bool = True,
              claims: ClaimFilter | None = None, according_to: Collection[str] = (),
              exclude: Collection[str] = (), min_confidence: float = 0.0,
              as_of: str | dt.date | None = None, include_no_stake: bool = False
              ) -> RiftReport:
    """Rank every actor by what a rift between `a` and `b` does for its claimed interests.

    `a` and `b` are ids, names or aliases. Which claims count is `claims` (a `ClaimFilter`,
    see `actorgraph.analyses.claims`), or built from `according_to` and `exclude` (claimants:
    an actor with everyone part of it, or a source id), `min_confidence` and `as_of`, which
    keeps interests and relations valid on that date (a partial date means its last day;
    ``"today"`` is today) and drops claims from sources published later. Without it, every
    record counts whatever its dates.

    >>> import actorgraph
    >>> report = who_gains(actorgraph.load(), "Russia", "Azerbaijan")
    >>> "ukraine" in report.gainers, "russia" in report.losers
    (True, True)
    """
    a_id, b_id = resolve_pair(G, a, b)
    if depth < 0:
        raise UsageError(f"depth must be 0 or more, got {depth}")
    cf = filter_for(G, claims, according_to=according_to, exclude=exclude,
                    min_confidence=min_confidence, as_of=as_of)
    view = ClaimView(G, cf)
    starts = pair_outcomes(G, a_id, b_id)
    claimed = _claimed_evidence(view, _chains(view, starts, depth))
    evidence: dict[str, list[Evidence]] = {k: list(v) for k, v in claimed.items()}
    for member, evs in _membership_evidence(view, claimed).items():
        evidence.setdefault(member, []).extend(evs)
    if structural:
        for c, evs in _structural_evidence(view, a_id, b_id).items():
            evidence.setdefault(c, []).extend(evs)
    stakes = []
    for c, evs in evidence.items():
        evidence[c] = _strongest_per_outcome(evs)
    if include_no_stake:
        actors = sorted(n for n, t in G.nodes(data="type") if t == ACTOR)
    else:
        actors = sorted(evidence)
    for c in actors:
        evs = sorted(evidence.get(c, []), key=lambda e: (-e.weight, e.route, e.outcome or ""))
        gain = sum(e.weight for e in evs if e.sign > 0)
        loss = sum(e.weight for e in evs if e.sign < 0)
        verdict = _verdict(gain, loss)
        if verdict == "no stake" and not include_no_stake:
            continue
        stakes.append(Stake(c, G.nodes[c]["label"], verdict, round(gain - loss, 6),
                            round(gain, 6), round(loss, 6), tuple(evs)))
    order = {"gains": 0, "mixed": 1, "loses": 2, "no stake": 3}
    stakes.sort(key=lambda s: (order[s.verdict], -abs(s.score), s.actor))
    options = {"depth": depth, "structural": structural, **cf.options()}
    return RiftReport(a_id, b_id, tuple(n for n, _ in starts), tuple(stakes), options, cf)


def rift_reports(G: nx.MultiDiGraph, **options: Any) -> list[RiftReport]:
    """`who_gains` for every rift outcome in the graph, in id order."""
    pairs: dict[frozenset[str], tuple[str, str]] = {}
    for node in sorted(G):
        data = G.nodes[node]
        if data["type"] == OUTCOME and data["kind"] == RIFT:
            a, b = data["record"].between
            pairs.setdefault(frozenset((a, b)), (a, b))
    return [who_gains(G, a, b, **options) for a, b in pairs.values()]
