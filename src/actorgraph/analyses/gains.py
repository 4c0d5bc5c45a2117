"""Who gains from a rift between two actors, and on whose word.

The answer ranks what the sources *say* (the README has the rule with a worked example):

- **direct**: C wants (opposes) the rift;
- **through outcomes**: the rift advances or hinders outcomes along claimed effect chains
  (simple paths, at most `depth` effects; a chain's sign is the product of its signs), and C
  has an interest in an outcome reached; a rapprochement of the same two actors counts with
  the opposite sign;
- **effect**: such a chain ends with an effect onto C itself (an outcome that benefits or
  harms C, with no interest of C's stated): C gains when the chain's sign is +1. Its stake
  counts as an interest of strength `EFFECT_STAKE`.

Each route is a chain of links; each link is carried by voices (`actorgraph.analyses.
evidence`). An actor's **support** for gaining is the chance that at least one of its gain
routes holds; the same for losing. The verdict is the side with more support (``mixed`` when
the smaller is at least `MIXED_RATIO` of the larger), its ``score`` that side's support, in
[0, 1]. Its **stake** is how much it has riding on it: the summed strength of the distinct
interests the rift serves (or harms). A verdict is **contested** when a voice independent
of those it rests on says the opposite or denies one of its links; both sides are kept.

What the tool *infers* (a bloc's evidence for its members, structural balance) is computed
only when asked (``inferred=True``), into `RiftReport.inferred`, and never changes the
stated ranking (`actorgraph.analyses.inferred`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from ..errors import UsageError
from ..model.graph import pair_outcomes, resolve_pair
from ..model.kinds import ACTOR, EFFECT, INTEREST, OUTCOME, RIFT
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
from .evidence import Support, probability
from .routes import Evidence, route_weight

__all__ = [
    "EFFECT_STAKE",
    "MAX_ROUTES",
    "MIXED_RATIO",
    "SPECULATES_FACTOR",
    "ClaimFilter",
    "ClaimView",
    "Evidence",
    "RiftReport",
    "Stake",
    "Step",
    "as_of_date",
    "claimant_id",
    "rift_reports",
    "stakes_from",
    "support",
    "who_gains",
]

MIXED_RATIO = 1 / 3
"""Gain and loss support both at least this fraction of the larger: the verdict is 'mixed'."""
EFFECT_STAKE = 1.0
"""The stake an effect onto an actor counts for: as an interest of the default strength."""
MAX_ROUTES = 64
"""Routes kept per outcome reached; past it the support is a lower bound, and says so."""

Verdict = Literal["gains", "loses", "mixed", "no stake"]


@dataclass(frozen=True)
class Stake:
    """One actor's verdict on a rift, with the support of each side and the evidence."""

    actor: str
    name: str
    verdict: Verdict
    score: float
    """The support of the verdict (for 'mixed', of the better-attested side), in [0, 1]."""
    gain: float
    """The support of "it gains": the chance that at least one gain route holds."""
    loss: float
    evidence: tuple[Evidence, ...]
    voices: tuple[str, ...] = ()
    """The independent voices the verdict rests on."""
    stake: float = 0.0
    """Summed strength of the distinct interests the verdict's routes reach, plus
    `EFFECT_STAKE` per distinct effect onto the actor itself."""
    interests: int = 0
    contested: bool = False
    against: tuple[str, ...] = ()
    """Voices, independent of `voices`, that say the opposite or deny a link it rests on."""
    method: str = "exact"
    gain_voices: tuple[str, ...] = ()
    loss_voices: tuple[str, ...] = ()
    effects: int = 0
    """Distinct effects onto the actor itself that the verdict's routes end on (each counts
    `EFFECT_STAKE` in `stake`)."""

    @property
    def support(self) -> Support:
        return Support(self.score, self.voices, self.method)


@dataclass(frozen=True)
class RiftReport:
    """The answer to "who gains from a rift between `a` and `b`?".

    `stakes` (what the sources say) lists gainers, then mixed, then losers, each group by
    support, best attested first. `inferred` holds the tool's own inferences, when asked.
    """

    a: str
    b: str
    rift_outcomes: tuple[str, ...]
    """Rift outcomes between a and b in the data (and rapprochements, counted negatively)."""
    stakes: tuple[Stake, ...]
    options: dict[str, Any] = field(default_factory=dict)
    claims: ClaimFilter = field(default_factory=ClaimFilter, repr=False)
    """The filter the answer was computed with."""
    inferred: tuple[Stake, ...] = ()
    """Verdicts the tool infers (bloc membership, structural balance), apart from `stakes`."""
    causes: tuple[Any, ...] = ()
    """Accounts of what caused the rift (`actorgraph.analyses.causes.Cause`)."""
    uncounted: tuple[Any, ...] = ()
    """Effects of the rift's events onto actors or other outcomes, which are no route of
    the answer (`actorgraph.analyses.eventeffects.EventEffect`)."""

    @property
    def gainers(self) -> list[str]:
        return [s.actor for s in self.stakes if s.verdict == "gains"]

    @property
    def losers(self) -> list[str]:
        return [s.actor for s in self.stakes if s.verdict == "loses"]

    @property
    def mixed(self) -> list[str]:
        return [s.actor for s in self.stakes if s.verdict == "mixed"]

    @property
    def contested(self) -> list[str]:
        return [s.actor for s in self.stakes if s.contested]

    def stake(self, actor: str) -> Stake:
        for s in self.stakes:
            if s.actor == actor:
                return s
        raise KeyError(actor)


# -- the analysis -----------------------------------------------------------------------

def _routes(view: ClaimView, starts: list[tuple[str, int]], depth: int
            ) -> tuple[dict[tuple[str, int], list[tuple[Step, ...]]], bool]:
    """Every simple chain of effects (at most `depth`) from a rift outcome, per (outcome,
    sign) reached; at most `MAX_ROUTES` each (the flag says whether any were left out)."""
    out: dict[tuple[str, int], list[tuple[Step, ...]]] = {}
    frontier: list[tuple[str, int, tuple[Step, ...], frozenset[str]]] = []
    for node, sign in starts:
        out.setdefault((node, sign), []).append(())
        frontier.append((node, sign, (), frozenset({node})))
    truncated = False
    for _ in range(depth):
        nxt = []
        for node, sign, steps, seen in frontier:
            for step in view.edges(node, EFFECT):
                if step.target in seen:  # simple paths only: no cycles
                    continue
                state = (step.target, sign * step.sign)
                routes = out.setdefault(state, [])
                if len(routes) >= MAX_ROUTES:
                    truncated = True
                    continue
                path = (*steps, step)
                routes.append(path)
                nxt.append((step.target, state[1], path, seen | {step.target}))
        frontier = nxt
        if not frontier:
            break
    return out, truncated


def _stated_evidence(view: ClaimView, routes: dict[tuple[str, int], list[tuple[Step, ...]]]
                     ) -> dict[str, list[Evidence]]:
    out: dict[str, list[Evidence]] = {}
    for (outcome, sign), paths in sorted(routes.items()):
        if view.G.nodes[outcome]["type"] == ACTOR:  # an effect onto the actor itself
            for path in paths:
                if path:
                    out.setdefault(outcome, []).append(Evidence(
                        actor=outcome, route="effect", sign=sign,
                        weight=route_weight([s.link for s in path]), steps=path))
            continue
        for interest in view.edges(outcome, INTEREST, incoming=True):
            for path in paths:
                steps = (*path, interest)
                ev = Evidence(actor=interest.source, route="outcome" if path else "direct",
                              sign=sign * interest.sign,
                              weight=route_weight([s.link for s in steps]),
                              steps=steps, outcome=outcome)
                out.setdefault(interest.source, []).append(ev)
    return out


def _side(evidence: Iterable[Evidence]) -> tuple[float, str, tuple[str, ...]]:
    evs = list(evidence)
    if not evs:
        return 0.0, "exact", ()
    p, method = probability([e.links for e in evs])
    return p, method, tuple(sorted({v for e in evs for v in e.voices}))


def _verdict(gain: float, loss: float) -> Verdict:
    if gain == 0 and loss == 0:
        return "no stake"
    if min(gain, loss) >= MIXED_RATIO * max(gain, loss):
        return "mixed"
    return "gains" if gain > loss else "loses"


def _stake_size(G: nx.MultiDiGraph, evidence: Iterable[Evidence]) -> tuple[float, int, int]:
    """The summed strength of the distinct interests reached, each distinct effect onto the
    actor itself counting `EFFECT_STAKE`; how many interests, how many such effects."""
    interests: dict[str, float] = {}
    effects: set[str] = set()
    for e in evidence:
        for s in e.steps:
            if s.kind == INTEREST:
                interests[s.edge] = G.edges[s.source, s.target, s.edge]["record"].strength
        if e.route == "effect":
            effects.add(e.steps[-1].edge)
    size = sum(interests.values()) + EFFECT_STAKE * len(effects)
    return round(size, 6), len(interests), len(effects)


def stakes_from(G: nx.MultiDiGraph, evidence: dict[str, list[Evidence]], *,
                truncated: bool = False, actors: Iterable[str] | None = None) -> list[Stake]:
    """One `Stake` per actor from its evidence, ranked: gainers, mixed, losers, each by
    support (then stake). `actors` adds actors without evidence as 'no stake'."""
    stakes = []
    for c in sorted(set(evidence) | set(actors or ())):
        evs = sorted(evidence.get(c, []), key=lambda e: (-e.weight, e.route, e.outcome or ""))
        gains = [e for e in evs if e.sign > 0]
        losses = [e for e in evs if e.sign < 0]
        gain, m_gain, gain_voices = _side(gains)
        loss, m_loss, loss_voices = _side(losses)
        verdict = _verdict(gain, loss)
        side = {"gains": gains, "loses": losses}.get(verdict, evs)
        voices = {"gains": gain_voices, "loses": loss_voices}.get(
            verdict, tuple(sorted({*gain_voices, *loss_voices})))
        other = {"gains": loss_voices, "loses": gain_voices}.get(verdict, ())
        deniers = {v for e in side for s in e.steps for v, _ in s.link[1]}
        against = tuple(sorted((set(other) | deniers) - set(voices)))
        if verdict == "mixed":  # both sides stand: contested if different voices hold them
            against = tuple(sorted(set(gain_voices) ^ set(loss_voices)))
        size, count, effects = _stake_size(G, side)
        method = next((m for m in (m_gain, m_loss) if m != "exact"), "exact")
        if truncated and method == "exact":
            method = f"lower bound (at most {MAX_ROUTES} routes per outcome)"
        stakes.append(Stake(c, G.nodes[c]["label"], verdict,
                            round(max(gain, loss) if verdict == "mixed" else
                                  (gain if verdict == "gains" else loss), 6),
                            round(gain, 6), round(loss, 6), tuple(evs), voices, size, count,
                            bool(against), against, method, gain_voices, loss_voices,
                            effects))
    order = {"gains": 0, "mixed": 1, "loses": 2, "no stake": 3}
    # equal support (a chain's shared first links often bound every actor at its end):
    # more independent voices first, then the larger stake, then the id
    stakes.sort(key=lambda s: (order[s.verdict], -s.score, -len(s.voices), -s.stake,
                               s.actor))
    return stakes


def who_gains(G: nx.MultiDiGraph, a: str, b: str, *, depth: int = 4, inferred: bool = False,
              claims: ClaimFilter | None = None, according_to: Collection[str] = (),
              exclude: Collection[str] = (), min_confidence: float = 0.0,
              as_of: str | dt.date | None = None, include_no_stake: bool = False,
              structural: bool | None = None) -> RiftReport:
    """Rank every actor by how well the sources attest that a rift between `a` and `b`
    serves (or harms) its interests.

    `a` and `b` are ids, names or aliases. Which claims count is `claims` (a `ClaimFilter`,
    see `actorgraph.analyses.claims`), or built from `according_to` and `exclude` (claimants:
    an actor with everyone part of it, or a source id), `min_confidence` and `as_of`, which
    keeps interests and relations valid on that date (a partial date means its last day;
    ``"today"`` is today) and drops claims from sources published later. `inferred` adds the
    tool's inferences in their own section (``structural`` is its former name).

    >>> import actorgraph
    >>> report = who_gains(actorgraph.load(), "Russia", "Azerbaijan")
    >>> "ukraine" in report.gainers, "russia" in report.losers
    (True, True)
    """
    a_id, b_id = resolve_pair(G, a, b)
    if depth < 0:
        raise UsageError(f"depth must be 0 or more, got {depth}")
    if structural is not None:
        inferred = structural
    cf = filter_for(G, claims, according_to=according_to, exclude=exclude,
                    min_confidence=min_confidence, as_of=as_of)
    view = ClaimView(G, cf)
    starts = pair_outcomes(G, a_id, b_id)
    routes, truncated = _routes(view, starts, depth)
    stated = _stated_evidence(view, routes)
    everyone = (sorted(n for n, t in G.nodes(data="type") if t == ACTOR)
                if include_no_stake else ())
    stakes = [s for s in stakes_from(G, stated, truncated=truncated, actors=everyone)
              if include_no_stake or s.verdict != "no stake"]
    inferred_stakes: list[Stake] = []
    if inferred:
        from .inferred import inferred_evidence

        inferred_stakes = [s for s in stakes_from(G, inferred_evidence(view, a_id, b_id, stated))
                           if s.verdict != "no stake"]
    from .causes import rift_causes
    from .eventeffects import uncounted_effects

    options = {"depth": depth, "inferred": inferred, **cf.options()}
    return RiftReport(a_id, b_id, tuple(n for n, _ in starts), tuple(stakes), options, cf,
                      tuple(inferred_stakes), tuple(rift_causes(view, a_id, b_id)),
                      tuple(uncounted_effects(view, a_id, b_id)))


def rift_reports(G: nx.MultiDiGraph, **options: Any) -> list[RiftReport]:
    """`who_gains` for every rift outcome in the graph, in id order."""
    pairs: dict[frozenset[str], tuple[str, str]] = {}
    for node in sorted(G):
        data = G.nodes[node]
        if data["type"] == OUTCOME and data["kind"] == RIFT:
            a, b = data["record"].between
            pairs.setdefault(frozenset((a, b)), (a, b))
    return [who_gains(G, a, b, **options) for a, b in pairs.values()]
