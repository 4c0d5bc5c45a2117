"""One sign per pair of actors from their relations: which ties count, by domain and period.

A pair of actors may hold several ties (`actorgraph.model.records.Relation`): of different
domains at once (a security partnership and trade sanctions), or one after another (a
hostility until 1903, an alliance since 1904). Structural balance needs one sign per pair;
three rules, each reported where it applied, give it:

1. **Domain.** `domain` keeps only ties of those domains (``security``, ``diplomatic``,
   ``economic``, ``other``); none keeps all.
2. **Period.** Without an as-of date, the latest period of each pair counts: a tie that
   ended before another tie of the pair began (its ``until`` before the other's ``since``,
   or the same period as written: ``until: 1903`` and ``since: 1903`` say that the tie
   changed within 1903) is set aside, whatever its domain, and listed (`SetAside`). Undated
   ties count as current. With an as-of date, the claims filter keeps the ties valid that
   day; of two valid that day because one ended in the period the other began in, the
   later one counts (and the earlier is listed as set aside).
3. **Domains that disagree.** The ties of each domain net to a sign as ties always have
   (`net_tie`). When the domains of a pair disagree, the pair's
   sign is that of the first domain, in the order security, diplomatic, economic, other,
   that has one (`Mixed`): alliances and enmities are what balance theory is about and what
   decides who fights beside whom; diplomatic alignment comes next; trade goes on between
   rivals and is the weakest sign of alignment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import networkx as nx

from ..errors import UsageError
from ..model.kinds import RELATION, RELATION_DOMAINS
from ..model.records import Relation, span
from .claims import ClaimFilter, ClaimView, Step

__all__ = ["DOMAIN_ORDER", "Mixed", "PairTies", "SetAside", "Tie", "domains_of", "net_tie",
           "one_sign", "pair_ties", "tie_sign"]

DOMAIN_ORDER = RELATION_DOMAINS
"""The order in which domains decide the sign of a pair whose domains disagree."""


@dataclass(frozen=True)
class Tie:
    """The net sign of the relations between two actors, and the relations behind it."""

    a: str
    b: str
    sign: int
    relations: tuple[str, ...]


@dataclass(frozen=True)
class SetAside:
    """A tie of a pair that ended before a later tie of the same pair began."""

    a: str
    b: str
    relation: str
    later: str
    """The tie that began after it ended (the latest-beginning one)."""


@dataclass(frozen=True)
class Mixed:
    """A pair whose ties of different domains have opposite signs, and the sign it was given."""

    a: str
    b: str
    sign: int
    domain: str
    """The domain whose sign the pair takes (the first in `DOMAIN_ORDER` with a sign)."""
    signs: tuple[tuple[str, int, tuple[str, ...]], ...]
    """Each domain with a sign, in `DOMAIN_ORDER`: (domain, its sign, its relations)."""


@dataclass(frozen=True)
class PairTies:
    """Every pair's tie, with the ties set aside as older and the pairs whose domains
    disagreed."""

    ties: dict[frozenset[str], Tie]
    set_aside: tuple[SetAside, ...]
    mixed: tuple[Mixed, ...]
    domains: tuple[str, ...] | None


def domains_of(domain: str | Collection[str] | None) -> tuple[str, ...] | None:
    """The domains asked for, in `DOMAIN_ORDER` (None: all); an unknown one is a usage error."""
    if domain is None:
        return None
    asked = {domain} if isinstance(domain, str) else set(domain)
    if not asked:
        return None
    if unknown := sorted(asked - set(DOMAIN_ORDER)):
        raise UsageError(f"unknown domain {unknown[0]!r}: choose from "
                         f"{', '.join(DOMAIN_ORDER)}")
    return tuple(d for d in DOMAIN_ORDER if d in asked)


def pair_ties(G: nx.MultiDiGraph, cf: ClaimFilter | None = None, *,
              domain: str | Collection[str] | None = None) -> PairTies:
    """Every pair of actors with supported relations, with one sign each, by the rules above.

    A pair's supported relations are `ClaimView` steps under `cf` (as `who_gains` sees a
    tie); a pair whose ties cancel out (net sign 0) has no tie.
    """
    cf = cf or ClaimFilter()
    domains = domains_of(domain)
    view = ClaimView(G, cf)
    held: dict[frozenset[str], list[tuple[Step, Relation]]] = {}
    for u, v, key, d in G.edges(keys=True, data=True):
        if d["type"] != RELATION or (domains and d["domain"] not in domains):
            continue
        if (step := view.step(u, v, key, d)) is not None:
            held.setdefault(frozenset((u, v)), []).append((step, d["record"]))
    ties: dict[frozenset[str], Tie] = {}
    set_aside: list[SetAside] = []
    mixed: list[Mixed] = []
    for pair in sorted(held, key=sorted):
        a, b = sorted(pair)
        sign, relations, older, signs = one_sign(held[pair], as_of=cf.as_of is not None)
        set_aside += (SetAside(a, b, old, later) for old, later in older)
        if len({x for _, x, _ in signs}) > 1:
            mixed.append(Mixed(a, b, sign, signs[0][0], signs))
        if sign:
            ties[pair] = Tie(a, b, sign, relations)
    return PairTies(ties, tuple(set_aside), tuple(mixed), domains)


Signs = tuple[tuple[str, int, tuple[str, ...]], ...]


def one_sign(held: list[tuple[Step, Relation]], *, as_of: bool = False
             ) -> tuple[int, tuple[str, ...], list[tuple[str, str]], Signs]:
    """One pair's sign by the rules above, from its supported steps and their records: (sign,
    the relations it rests on, (older tie, later tie) for each tie set aside, each domain's
    sign and relations in `DOMAIN_ORDER`). `as_of`: an as-of date chose the steps."""
    if len(held) == 1:  # most pairs: one tie, nothing to set aside or weigh
        step, record = held[0]
        return step.sign, (step.edge,), [], ((record.domain, step.sign, (step.edge,)),)
    steps, older = _latest_period(held, only_consecutive=as_of)
    by_domain: dict[str, list[Step]] = {}
    for step, record in steps:
        by_domain.setdefault(record.domain, []).append(step)
    signs = []
    for d in DOMAIN_ORDER:
        sign, _, used = net_tie(by_domain.get(d, []))
        if sign:
            signs.append((d, sign, tuple(sorted(s.edge for s in used))))
    if not signs:
        return 0, (), older, ()
    sign = signs[0][1]
    if len({x for _, x, _ in signs}) > 1:
        return sign, signs[0][2], older, tuple(signs)
    return sign, tuple(sorted(r for _, _, rs in signs for r in rs)), older, tuple(signs)


def tie_sign(view: ClaimView, steps: list[Step]) -> tuple[int, float, list[Step]]:
    """`net_tie` by the rules above: the sign of one pair's relation steps (as `ClaimView`
    gives them), the strongest support among the steps it rests on, and those steps."""
    if not steps:
        return 0, 0.0, []
    G = view.G
    held = [(s, G.edges[s.source, s.target, s.edge]["record"]) for s in steps]
    sign, relations, _, _ = one_sign(held, as_of=view.cf.as_of is not None)
    used = [s for s in steps if s.edge in relations]
    return (sign, max(s.support for s in used), used) if sign else (0, 0.0, [])


def net_tie(steps: list[Step]) -> tuple[int, float, list[Step]]:
    """The net sign of a pair's relations, the strongest support of that sign, its steps."""
    net = sum(s.sign * s.support for s in steps)
    if not steps or net == 0:
        return 0, 0.0, []
    sign = 1 if net > 0 else -1
    used = [s for s in steps if s.sign == sign]
    return sign, max(s.support for s in used), used


def _latest_period(steps: list[tuple[Step, Relation]], only_consecutive: bool = False
                   ) -> tuple[list[tuple[Step, Relation]], list[tuple[str, str]]]:
    """The ties of the latest period, and (tie, later tie) for each one set aside: a tie
    ended before the latest-beginning tie began, or in the very period (as written) that a
    tie began in. `only_consecutive` (an as-of date chose the ties): only the second."""
    spans = [span(r) for _, r in steps]
    latest = max(range(len(steps)), key=lambda i: (spans[i][0], steps[i][0].edge))
    start = spans[latest][0]
    began: dict[str, list[str]] = {}
    for step, r in steps:
        if r.since:
            began.setdefault(r.since, []).append(step.edge)
    kept, older = [], []
    for (step, r), (_, end) in zip(steps, spans, strict=True):
        after = [e for e in began.get(r.until or "", []) if e != step.edge]
        if not only_consecutive and start != dt.date.min and end < start:
            older.append((step.edge, steps[latest][0].edge))
        elif after:
            older.append((step.edge, min(after)))
        else:
            kept.append((step, r))
    return kept, older
