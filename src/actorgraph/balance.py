"""Structural balance of the signed actor-actor relations.

A triad (three actors, each pair related) is balanced under **strict (Heider) balance** when
the product of its signs is positive: +++ ("a friend of a friend") and +-- ("the enemy of my
enemy"). **Weak balance** (Davis's clusterability) also accepts --- (three mutual enemies);
only ++- is unbalanced under both. Unbalanced triads are "tensions to watch".

Blocs are the split of the actors into groups that minimises *frustration*: negative ties
inside a group plus positive ties between groups. Two groups (strict balance) are searched
exhaustively up to `EXACT_LIMIT` actors per connected part; beyond that a deterministic
local search (moving one actor at a time while it lowers frustration) is used and reported as
a heuristic.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .gains import ClaimFilter, ClaimView, Step, as_of_date, claimant_id, net_tie
from .graph import resolve

__all__ = ["EXACT_LIMIT", "BalanceReport", "Tie", "Triad", "balance", "signed_ties"]

EXACT_LIMIT = 16


@dataclass(frozen=True)
class Tie:
    """The net sign of the relations between two actors, and the relations behind it."""

    a: str
    b: str
    sign: int
    relations: tuple[str, ...]


@dataclass(frozen=True)
class Triad:
    """Three actors, all related, with the signs of their ties (ab, ac, bc)."""

    actors: tuple[str, str, str]
    signs: tuple[int, int, int]

    @property
    def pattern(self) -> str:
        positive = sum(1 for s in self.signs if s > 0)
        return "+" * positive + "-" * (3 - positive)

    @property
    def strictly_balanced(self) -> bool:
        return self.signs[0] * self.signs[1] * self.signs[2] > 0

    @property
    def weakly_balanced(self) -> bool:
        return self.pattern != "++-"


@dataclass(frozen=True)
class BalanceReport:
    """Triads, their balance under both conventions, the blocs and the frustration."""

    ties: tuple[Tie, ...]
    triads: tuple[Triad, ...]
    blocs: tuple[tuple[str, ...], ...]
    frustration: int
    """Ties that go against the blocs: negative inside a bloc or positive between blocs."""
    frustrated: tuple[Tie, ...]
    exact: bool
    rift: tuple[str, str] | None = None
    rift_changes: tuple[tuple[Triad, Triad], ...] = ()
    """For a rift: (before, after) of every triad holding both actors."""
    options: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        strict = sum(t.strictly_balanced for t in self.triads)
        weak = sum(t.weakly_balanced for t in self.triads)
        return {"triads": len(self.triads), "strict_balanced": strict,
                "strict_unbalanced": len(self.triads) - strict, "weak_balanced": weak,
                "weak_unbalanced": len(self.triads) - weak}

    @property
    def tensions(self) -> tuple[Triad, ...]:
        """Triads unbalanced under strict balance (the --- ones are weakly balanced)."""
        return tuple(t for t in self.triads if not t.strictly_balanced)


def signed_ties(G: nx.MultiDiGraph, cf: ClaimFilter | None = None) -> dict[frozenset[str], Tie]:
    """Every pair of actors with supported relations, with the net sign of those relations
    (judged as `gains` judges a tie: `ClaimView` steps, `net_tie`)."""
    view = ClaimView(G, cf or ClaimFilter())
    steps: dict[frozenset[str], list[Step]] = {}
    for u, v, key, d in G.edges(keys=True, data=True):
        if d["type"] == "relation" and (step := view.step(u, v, key, d)) is not None:
            steps.setdefault(frozenset((u, v)), []).append(step)
    ties = {}
    for pair, pair_steps in steps.items():
        sign, _, used = net_tie(pair_steps)
        if sign:
            a, b = sorted(pair)
            ties[pair] = Tie(a, b, sign, tuple(sorted(s.edge for s in used)))
    return ties


def _frustration(ties: list[Tie], side: dict[str, int]) -> list[Tie]:
    return [t for t in ties if (side[t.a] == side[t.b]) != (t.sign > 0)]


def _split(nodes: list[str], ties: list[Tie]) -> tuple[dict[str, int], bool]:
    """Two groups minimising frustration: exhaustive when small, else local search."""
    if len(nodes) <= EXACT_LIMIT:
        best, best_side = None, {}
        first, rest = nodes[0], nodes[1:]
        for bits in itertools.product((0, 1), repeat=len(rest)):
            side = {first: 0, **dict(zip(rest, bits, strict=True))}
            f = len(_frustration(ties, side))
            if best is None or f < best:
                best, best_side = f, side
        return best_side, True
    # heuristic: start from a breadth-first 2-colouring by sign, then move single actors
    side = {n: 0 for n in nodes}
    H = nx.Graph()
    H.add_edges_from((t.a, t.b, {"sign": t.sign}) for t in ties)
    seen: set[str] = set()
    for root in sorted(nodes):
        if root in seen:
            continue
        seen.add(root)
        for u, v in nx.bfs_edges(H, root) if root in H else ():
            side[v] = side[u] if H.edges[u, v]["sign"] > 0 else 1 - side[u]
            seen.add(v)
    improved = True
    while improved:
        improved = False
        for n in sorted(nodes):
            before = len(_frustration(ties, side))
            side[n] = 1 - side[n]
            if len(_frustration(ties, side)) < before:
                improved = True
            else:
                side[n] = 1 - side[n]
    return side, False


def balance(G: nx.MultiDiGraph, *, as_of: str | dt.date | None = None,
            according_to: Collection[str] = (), rift: tuple[str, str] | None = None
            ) -> BalanceReport:
    """Balance of the actor-actor relations; with `rift`, what a break between them does.

    >>> import actorgraph
    >>> report = balance(actorgraph.load())
    >>> report.frustration, report.blocs[0]
    (0, ('azerbaijan', 'kazakhstan', 'russia', 'united-kingdom'))
    """
    allowed = frozenset(claimant_id(G, x) for x in according_to)
    cf = ClaimFilter(according_to=allowed, as_of=as_of_date(as_of))
    ties = signed_ties(G, cf)
    nodes = sorted({n for pair in ties for n in pair})
    adjacency: dict[str, set[str]] = {n: set() for n in nodes}
    for pair in ties:
        a, b = sorted(pair)
        adjacency[a].add(b)
        adjacency[b].add(a)

    def triads_of(tie_of: dict[frozenset[str], Tie]) -> list[Triad]:
        out = []
        for a in nodes:
            for b in sorted(x for x in adjacency[a] if x > a):
                for c in sorted(x for x in adjacency[a] & adjacency[b] if x > b):
                    out.append(Triad((a, b, c), (tie_of[frozenset((a, b))].sign,
                                                 tie_of[frozenset((a, c))].sign,
                                                 tie_of[frozenset((b, c))].sign)))
        return out

    triads = triads_of(ties)
    side: dict[str, int] = {}
    exact = True
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from(tuple(pair) for pair in ties)
    for part in sorted((sorted(c) for c in nx.connected_components(H)), key=lambda c: c[0]):
        part_ties = [ties[p] for p in ties if next(iter(p)) in part]
        part_side, part_exact = _split(part, part_ties)
        side.update(part_side)
        exact = exact and part_exact
    tie_list = sorted(ties.values(), key=lambda t: (t.a, t.b))
    frustrated = _frustration(tie_list, side) if side else []
    groups: dict[tuple[str, int], list[str]] = {}
    for part in nx.connected_components(H):
        anchor = min(part)
        for n in part:
            groups.setdefault((anchor, side[n] ^ side[anchor]), []).append(n)
    blocs = tuple(sorted((tuple(sorted(g)) for g in groups.values()), key=lambda g: (-len(g), g)))
    changes: list[tuple[Triad, Triad]] = []
    rift_ids: tuple[str, str] | None = None
    if rift is not None:
        a, b = resolve(G, rift[0]), resolve(G, rift[1])
        rift_ids = (a, b)
        after = dict(ties)
        pair = frozenset((a, b))
        x, y = sorted(pair)
        after[pair] = Tie(x, y, -1, ties[pair].relations if pair in ties else ())
        if pair not in ties:  # a rift between unrelated actors creates their tie
            adjacency.setdefault(x, set()).add(y)
            adjacency.setdefault(y, set()).add(x)
            if x not in nodes or y not in nodes:
                nodes[:] = sorted(set(nodes) | {x, y})
        before = {t.actors: t for t in triads}
        for t in triads_of(after):
            if a in t.actors and b in t.actors:
                old = before.get(t.actors, Triad(t.actors, (0, 0, 0)))
                changes.append((old, t))
    options = {"as_of": cf.as_of.isoformat() if cf.as_of else None,
               "according_to": sorted(allowed)}
    return BalanceReport(tuple(tie_list), tuple(triads), blocs, len(frustrated),
                         tuple(frustrated), exact, rift_ids, tuple(changes), options)
