"""Whose word an answer rests on: the gains answer per claimant, and leave-one-out tests.

`perspectives` computes `who_gains` separately for each claimant (or each source, or each
claimant's affiliation: the state it belongs to), next to the answer of all claims together,
and singles out the actors on whom the perspectives disagree, in the spirit of Analysis of
Competing Hypotheses.

`robustness` asks, for each gainer and loser, whether the verdict survives removing any single
source or any single claimant: "robust", or "rests on X".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

import networkx as nx

from ..model.kinds import MEMBER_OF
from ..model.records import Claim
from .claims import ClaimFilter, filter_for, members_of
from .evidence import voice_of
from .gains import RiftReport, who_gains

__all__ = ["Perspectives", "Robustness", "affiliation", "outlets_of", "perspectives",
           "robustness"]

ALL = "all"


def affiliation(G: nx.MultiDiGraph, actor: str) -> str:
    """The state (or bloc) an actor belongs to through ``part_of``, else the actor itself.

    >>> import actorgraph
    >>> affiliation(actorgraph.load(), "dmitry-peskov")
    'russia'
    """
    seen = {actor}
    frontier = [actor]
    while frontier:
        node = frontier.pop(0)
        if G.nodes[node]["kind"] in ("state", "bloc") and node != actor:
            return node
        for _, container, t in sorted(G.out_edges(node, data="type")):
            if t == MEMBER_OF and container not in seen:
                seen.add(container)
                frontier.append(container)
    return actor


@dataclass(frozen=True)
class Perspectives:
    """Verdicts on one rift, one column per perspective plus ``all``."""

    a: str
    b: str
    by: str
    columns: tuple[str, ...]
    members: dict[str, tuple[str, ...]]
    """perspective -> the claimants or sources it gathers"""
    cells: dict[str, dict[str, tuple[str, float]]]
    """actor -> perspective -> (verdict, score); absent means no stake in that view"""
    disagreements: tuple[str, ...]
    """Actors on whom two perspectives give opposite verdicts (gains against loses)."""
    silent: tuple[str, ...] = ()
    """Perspectives whose claims alone give no actor a stake in this rift."""
    reports: dict[str, RiftReport] = field(default_factory=dict, repr=False)


def outlets_of(G: nx.MultiDiGraph, claim: Claim) -> tuple[str, ...]:
    """The outlets that vouch for a claim: every relay in its ``via``, else the voice its
    claimant speaks with (`voice_of`: the claimant's organisation, else the claimant).

    >>> import actorgraph
    >>> outlets_of(actorgraph.load(), Claim(by="maria-zakharova", source="s", quote="q"))
    ('russian-foreign-ministry',)
    """
    return tuple(claim.via) if claim.via else (voice_of(G, claim),)


def _carried(G: nx.MultiDiGraph) -> dict[str, set[tuple[str, str, tuple[str, ...]]]]:
    """Outlet -> the (claimant, source, relays) of the claims it carries (`outlets_of`
    depends on nothing else)."""
    out: dict[str, set[tuple[str, str, tuple[str, ...]]]] = {}
    for _, claim in G.graph["records"].claims.values():
        for outlet in outlets_of(G, claim):
            out.setdefault(outlet, set()).add((claim.by, claim.source, tuple(claim.via)))
    return out


def _claimant_groups(G: nx.MultiDiGraph, by: str) -> dict[str, list[str]]:
    claims = G.graph["records"].claims.values()
    groups: dict[str, set[str]] = {}
    for _, claim in claims:
        if by == "outlet":
            for outlet in outlets_of(G, claim):
                groups.setdefault(outlet, set()).add(claim.by)
        elif by == "source":
            groups.setdefault(claim.source, set()).add(claim.source)
        elif by == "affiliation":
            groups.setdefault(affiliation(G, claim.by), set()).add(claim.by)
        else:
            groups.setdefault(claim.by, set()).add(claim.by)
    return {k: sorted(v) for k, v in sorted(groups.items())}


def perspectives(G: nx.MultiDiGraph, a: str, b: str, *,
                 by: Literal["claimant", "source", "affiliation", "outlet"] = "claimant",
                 claims: ClaimFilter | None = None, **options: Any) -> Perspectives:
    """The gains answer per claimant (or per source, affiliation or outlet) and for all claims.

    By ``outlet``, a column holds the claims one outlet carries (`outlets_of`): those it
    relays, each under every outlet of its ``via``, and those with no relay whose claimant
    speaks with its voice (its own people). A relayed claim sits under its relays only, not
    under its claimant's organisation as well (``according_to=[organisation]`` would count
    it). With ``according_to`` set as well, a column holds only the claims both admit.

    `claims` (a `ClaimFilter`) narrows every perspective alike: with ``according_to`` set,
    only the perspectives among those claimants are shown, each with its own claims.
    Other `options` are `who_gains`'s (depth, inferred, exclude, min_confidence, as_of, voices).

    >>> import actorgraph
    >>> p = perspectives(actorgraph.load(), "russia", "azerbaijan", by="affiliation")
    >>> p.cells["ukraine"]["russia"], p.cells["ukraine"]["article-author"][0]
    (('gains', 0.6), 'gains')
    """
    if by not in ("claimant", "source", "affiliation", "outlet"):
        from ..errors import UsageError

        raise UsageError(f"perspectives by claimant, source, affiliation or outlet, not {by!r}")
    filters = {k: options.pop(k) for k in ("according_to", "exclude", "min_confidence",
                                           "as_of") if k in options}
    cf = filter_for(G, claims, **filters)
    groups = _claimant_groups(G, by)
    carried = _carried(G) if by == "outlet" else {}
    reports = {ALL: who_gains(G, a, b, claims=cf, **options)}
    for name, members in groups.items():
        if cf.according_to:  # a perspective within the filter's claimants
            admitted = cf.admitted_ids or cf.according_to
            members = [m for m in members if m in admitted]
            if not members:
                continue
        narrowed = (replace(cf, carried=frozenset(carried[name])) if by == "outlet"
                    else cf.narrowed(G, members))
        reports[name] = who_gains(G, a, b, claims=narrowed, **options)
    columns = [ALL, *sorted(n for n in groups if n in reports and reports[n].stakes)]
    cells: dict[str, dict[str, tuple[str, float]]] = {}
    for col in columns:
        for s in reports[col].stakes:
            cells.setdefault(s.actor, {})[col] = (s.verdict, s.score)
    disagreements = tuple(sorted(
        actor for actor, row in cells.items()
        if {"gains", "loses"} <= {v for col, (v, _) in row.items() if col != ALL}))
    first = reports[ALL]
    return Perspectives(first.a, first.b, by, tuple(columns),
                        {n: tuple(m) for n, m in groups.items() if n in columns},
                        dict(sorted(cells.items())), disagreements,
                        tuple(n for n in groups if n in reports and n not in columns),
                        {c: reports[c] for c in columns})


@dataclass(frozen=True)
class Robustness:
    """Whether one actor's verdict survives removing any single source, claimant or voice."""

    actor: str
    verdict: str
    rests_on: tuple[str, ...]
    """Sources, claimants and voices whose removal alone changes the verdict (empty:
    robust)."""

    @property
    def robust(self) -> bool:
        return not self.rests_on

    @property
    def label(self) -> str:
        return "robust" if self.robust else "rests on " + ", ".join(self.rests_on)


def robustness(G: nx.MultiDiGraph, base: RiftReport) -> dict[str, Robustness]:
    """Leave-one-out for every gainer and loser of `base`: one source, one claimant, or one
    voice (the organisation the evidence model counts a claimant under, with all its
    claimants) at a time.

    The answer is recomputed with `base`'s own options, less one of them; only the sources,
    claimants and voices that appear in its evidence can change it, so only those are left
    out.

    >>> import actorgraph
    >>> G = actorgraph.load()
    >>> robustness(G, who_gains(G, "russia", "azerbaijan"))["ukraine"].label
    'rests on seed-article'
    """
    options = {k: base.options[k] for k in ("depth", "inferred") if k in base.options}
    cf = base.claims
    a, b = base.a, base.b
    voices: set[str] = set()
    for stake in base.stakes:
        for ev in stake.evidence:
            for step in ev.steps:
                for claim in step.claims:
                    voices.update((claim.by, claim.source, *claim.via))
            # a voice (an organisation its claimants belong to) is one witness: two of its
            # officials saying one thing do not make the verdict survive losing that witness
            voices.update(v for v in ev.voices if v in G)
    verdict = {s.actor: s.verdict for s in base.stakes if s.verdict in ("gains", "loses")}
    rests: dict[str, list[str]] = {actor: [] for actor in verdict}
    for voice in sorted(voices):
        excluded = cf.exclude | {voice}
        without = who_gains(G, a, b, claims=replace(
            cf, exclude=excluded, excluded_ids=members_of(G, excluded)), **options)
        after = {s.actor: s.verdict for s in without.stakes}
        for actor, v in verdict.items():
            if after.get(actor) != v:
                rests[actor].append(voice)
    return {actor: Robustness(actor, verdict[actor], tuple(rests[actor])) for actor in verdict}
