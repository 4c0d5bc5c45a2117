"""Structural balance of the signed actor-actor relations.

A triad (three actors, each pair related) is balanced under **strict (Heider) balance** when
the product of its signs is positive: +++ ("a friend of a friend") and +-- ("the enemy of my
enemy"). **Weak balance** (Davis's clusterability) also accepts --- (three mutual enemies);
only ++- is unbalanced under both. Unbalanced triads are "tensions to watch".

Blocs are splits of the actors that minimise *frustration*: negative ties inside a bloc plus
positive ties between blocs. Two splits are made: into at most two blocs (strict balance:
Cartwright and Harary's structure theorem) and into any number of blocs (weak balance). Each
starts from a local search (move one actor at a time while that lowers frustration), then a
branch-and-bound search proves the split optimal or finds a better one. The search is exact
when it finishes within `SEARCH_BUDGET` steps and the connected part has at most
`EXACT_LIMIT` actors; otherwise the best split found is reported as a heuristic one.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections import deque
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..model.graph import resolve_pair
from ..model.kinds import RELATION_DOMAINS
from .claims import ClaimFilter, filter_for
from .ties import Mixed, SetAside, Tie, pair_ties

__all__ = ["EXACT_LIMIT", "SEARCH_BUDGET", "WALK_LIMIT", "BalanceReport", "Partition", "Tie",
           "Triad", "balance", "signed_ties", "structural_balance", "walk_balance"]

EXACT_LIMIT = 400
"""Connected parts with more actors than this get the local search only."""
SEARCH_BUDGET = 2_000_000
"""Work (actor placements weighed) the exact search may spend per split before giving up."""
WALK_LIMIT = 2000
"""Connected parts with more actors than this get no walk-based balance (a dense
eigen-decomposition per part)."""


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
class Partition:
    """Actors split into blocs, and the ties that go against the split."""

    blocs: tuple[tuple[str, ...], ...]
    """Largest bloc first; each bloc's actors sorted."""
    frustrated: tuple[Tie, ...]
    """Negative ties inside a bloc and positive ties between blocs."""
    exact: bool
    """True when no split (of the same kind) has fewer frustrated ties."""

    @property
    def frustration(self) -> int:
        return len(self.frustrated)


@dataclass(frozen=True)
class BalanceReport:
    """Triads under both conventions, and the blocs of each.

    `strict` splits the actors into at most two blocs (strict balance); `weak` into any number
    (weak balance, clusterability). A graph is strictly balanced when `strict.frustration` is
    0, clusterable when `weak.frustration` is 0.
    """

    ties: tuple[Tie, ...]
    triads: tuple[Triad, ...]
    strict: Partition
    weak: Partition
    rift: tuple[str, str] | None = None
    rift_changes: tuple[tuple[Triad, Triad], ...] = ()
    """For a rift: (before, after) of every triad holding both actors."""
    rift_strict: Partition | None = None
    """For a rift: the strict split once the two actors' tie is hostile."""
    options: dict[str, Any] = field(default_factory=dict)
    set_aside: tuple[SetAside, ...] = ()
    """Ties that ended before a later tie of the same pair began (no as-of date given)."""
    mixed: tuple[Mixed, ...] = ()
    """Pairs whose ties of different domains disagree, with the sign each was given."""
    elsewhere: dict[str, int] = field(default_factory=dict)
    """With `domain` asked and no tie of it: the signed ties (pairs, counted as `ties` is,
    under the same claims) of each other domain that has some."""

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

    @functools.cached_property
    def walk(self) -> float | None:
        """Walk-based degree of balance (`walk_balance`), computed when first asked for (an
        eigen-decomposition a bloc map does not need); None for a connected part too large."""
        return walk_balance(self.ties)


def signed_ties(G: nx.MultiDiGraph, cf: ClaimFilter | None = None, *,
                domain: str | Collection[str] | None = None) -> dict[frozenset[str], Tie]:
    """Every pair of actors with supported relations, with one sign each (`pair_ties`: the
    ties of `domain`, the latest period without an as-of date, the first domain's sign
    where domains disagree)."""
    return pair_ties(G, cf, domain=domain).ties


Neighbours = dict[str, list[tuple[str, int]]]


def _cost(n: str, g: int, group: dict[str, int], nb: Neighbours) -> int:
    """Frustrated ties between `n`, placed in group `g`, and its placed neighbours."""
    return sum(1 for m, sign in nb[n] if m in group and (group[m] == g) != (sign > 0))


def _local_search(nodes: list[str], nb: Neighbours, max_groups: int | None) -> dict[str, int]:
    """A good split, fast: a first guess, single-actor moves while they lower frustration, then
    blocs joined where that costs nothing.

    The first guess for two blocs 2-colours each tie by its sign from the first actor
    outwards; for any number of blocs it takes the groups of actors joined by positive ties.
    An actor is only ever moved to a bloc of one of its neighbours or to a new bloc: any other
    bloc costs the same as a new one.
    """
    group: dict[str, int] = {}
    fresh = 0  # a bloc label nobody has
    for root in nodes:
        if root in group:
            continue
        group[root] = fresh if max_groups is None else 0
        fresh += 1
        queue = deque([root])
        while queue:
            u = queue.popleft()
            for v, sign in sorted(nb[u]):
                if v in group or (max_groups is None and sign < 0):
                    continue
                group[v] = group[u] if sign > 0 else 1 - group[u]
                queue.append(v)
    improved = True
    while improved:
        improved = False
        for n in nodes:
            here = group[n]
            options = {here} | {group[m] for m, _ in nb[n]}
            options |= set(range(max_groups)) if max_groups is not None else {fresh}
            costs = {g: _cost(n, g, group, nb) for g in options}
            best = min(options, key=lambda g: (costs[g], g != here, g))
            if costs[best] < costs[here]:
                group[n] = best
                improved = True
                fresh += best == fresh
    return _merge_blocs(group, nb)


def _merge_blocs(group: dict[str, int], nb: Neighbours) -> dict[str, int]:
    """Join blocs where that adds no frustration, largest first, into the bloc it fits best
    (fewer blocs for the same fit). One greedy pass: each bloc goes to the merged bloc with the
    most positive minus negative ties to it, if that is not below zero."""
    members: dict[int, list[str]] = {}
    for n in sorted(group):
        members.setdefault(group[n], []).append(n)
    merged: dict[int, int] = {}  # old bloc -> new bloc
    opened = 0
    for g in sorted(members, key=lambda g: (-len(members[g]), members[g][0])):
        against: dict[int, int] = {}  # new bloc -> negative minus positive ties to it
        for n in members[g]:
            for m, sign in nb[n]:
                if (t := merged.get(group[m])) is not None:
                    against[t] = against.get(t, 0) + (1 if sign < 0 else -1)
        untied = next(t for t in itertools.count() if t not in against)
        choices = [(v, t) for t, v in against.items() if v <= 0]
        if untied < opened:
            choices.append((0, untied))
        if choices:
            merged[g] = min(choices)[1]
        else:
            merged[g], opened = opened, opened + 1
    return {n: merged[g] for n, g in group.items()}


class _OutOfBudget(Exception):
    pass


def _branch_and_bound(nodes: list[str], nb: Neighbours, max_groups: int | None,
                      upper: tuple[int, int], budget: list[int]) -> dict[str, int] | None:
    """The best split, if it beats `upper` (frustration, blocs); else None.

    Splits are ranked by frustration, then by number of blocs. Actors are placed one at a time
    (most ties first) into an open bloc or a new one. A branch is cut when its frustration so
    far plus, for every actor still to place, the least it must add against the placed ones
    (with the blocs already open) cannot beat the best split known. `budget[0]` is spent
    as actors are weighed; `_OutOfBudget` is raised when it runs out.
    """
    order = sorted(nodes, key=lambda n: (-len(nb[n]), n))
    index = {n: i for i, n in enumerate(order)}
    size = len(order)
    later = [[(index[m], sign) for m, sign in nb[n] if index[m] > index[n]] for n in order]
    limit = max_groups or size
    # against the actors placed so far: positive ties, and positive/negative ties per group
    pos = [0] * size
    pos_in = [[0] * limit for _ in range(size)]
    neg_in = [[0] * limit for _ in range(size)]
    placed = [0] * size
    best: list[Any] = [upper, None]  # (frustration, blocs), placement

    def cost_in(i: int, g: int, opened: int) -> int:
        return pos[i] - pos_in[i][g] + neg_in[i][g] if g < opened else pos[i]

    def place(i: int, opened: int, cost: int) -> None:
        if i == size:
            best[0], best[1] = (cost, opened), placed[:]
            return
        budget[0] -= size - i
        if budget[0] < 0:
            raise _OutOfBudget
        choices = range(min(opened + 1, limit))
        bound = cost
        for j in range(i, size):
            bound += min(cost_in(j, g, opened) for g in choices)
            if (bound, opened) >= best[0]:
                return
        for g in sorted(choices, key=lambda g: cost_in(i, g, opened)):
            new_cost = cost + cost_in(i, g, opened)
            if (new_cost, max(opened, g + 1)) >= best[0]:
                continue
            placed[i] = g
            for j, sign in later[i]:
                if sign > 0:
                    pos[j] += 1
                    pos_in[j][g] += 1
                else:
                    neg_in[j][g] += 1
            place(i + 1, max(opened, g + 1), new_cost)
            for j, sign in later[i]:
                if sign > 0:
                    pos[j] -= 1
                    pos_in[j][g] -= 1
                else:
                    neg_in[j][g] -= 1

    place(0, 0, 0)
    return None if best[1] is None else {order[i]: g for i, g in enumerate(best[1])}


def _fit(part: list[str], group: dict[str, int], nb: Neighbours) -> tuple[int, int]:
    """How a split of one connected part ranks: (frustration, number of blocs)."""
    return (sum(_cost(n, group[n], group, nb) for n in part) // 2,
            len({group[n] for n in part}))


def _partition(nodes: list[str], ties: list[Tie], max_groups: int | None,
               search_budget: int, start: Partition | None = None) -> Partition:
    """The split into at most `max_groups` blocs (None: any number) with least frustration,
    and the fewest blocs among those. `start`, a split known to be allowed, is used where it
    beats the local search (the strict split is one for the weak search)."""
    nb: Neighbours = {n: [] for n in nodes}
    for t in ties:
        nb[t.a].append((t.b, t.sign))
        nb[t.b].append((t.a, t.sign))
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from((t.a, t.b) for t in ties)
    budget = [search_budget]
    exact = True
    blocs: list[tuple[str, ...]] = []
    start_bloc = {n: i for i, bloc in enumerate(start.blocs) for n in bloc} if start else {}
    for part in sorted((sorted(c) for c in nx.connected_components(H)), key=lambda c: c[0]):
        group = _local_search(part, nb, max_groups)
        found = _fit(part, group, nb)
        if start_bloc and _fit(part, start_bloc, nb) < found:
            group = {n: start_bloc[n] for n in part}
            found = _fit(part, group, nb)
        fewest = 2 if any(sign < 0 for n in part for _, sign in nb[n]) else 1
        if found <= (0, fewest):
            pass  # nothing can beat it
        elif len(part) > EXACT_LIMIT:
            exact = False
        else:
            try:
                group = _branch_and_bound(part, nb, max_groups, found, budget) or group
            except _OutOfBudget:
                exact = False
        members: dict[int, list[str]] = {}
        for n in part:
            members.setdefault(group[n], []).append(n)
        blocs.extend(tuple(m) for m in members.values())
    bloc_of = {n: i for i, bloc in enumerate(blocs) for n in bloc}
    frustrated = tuple(t for t in sorted(ties, key=lambda t: (t.a, t.b))
                       if (bloc_of[t.a] == bloc_of[t.b]) != (t.sign > 0))
    return Partition(tuple(sorted(blocs, key=lambda b: (-len(b), b))), frustrated, exact)


def walk_balance(ties: Collection[Tie]) -> float | None:
    """Estrada and Benzi's walk-based degree of balance, ``Tr exp(A) / Tr exp(|A|)`` for the
    signed adjacency matrix ``A``: every closed walk counts, shorter ones more, and a walk with
    an odd number of negative ties counts against. 1 for a balanced graph, towards 0 the less
    balanced. None without ties, or when a connected part has more than `WALK_LIMIT` actors.

    >>> walk_balance([Tie("a", "b", 1, ()), Tie("b", "c", -1, ()), Tie("a", "c", -1, ())])
    1.0
    """
    import numpy as np

    H = nx.Graph()
    H.add_edges_from((t.a, t.b, {"sign": t.sign}) for t in ties)
    signed: list[float] = []
    unsigned: list[float] = []
    for part in nx.connected_components(H):
        if len(part) > WALK_LIMIT:
            return None
        order = sorted(part)
        A = nx.to_numpy_array(H, nodelist=order, weight="sign")
        signed.extend(np.linalg.eigvalsh(A))
        unsigned.extend(np.linalg.eigvalsh(np.abs(A)))
    if not signed:
        return None
    top = max(unsigned)  # the largest eigenvalue of all: divide it out against overflow
    ratio = np.exp(np.array(signed) - top).sum() / np.exp(np.array(unsigned) - top).sum()
    return round(float(ratio), 12)


def structural_balance(G: nx.MultiDiGraph, *, as_of: str | dt.date | None = None,
                       according_to: Collection[str] = (),
                       rift: tuple[str, str] | None = None,
                       search_budget: int = SEARCH_BUDGET, claims: ClaimFilter | None = None,
                       exclude: Collection[str] = (), min_confidence: float = 0.0,
                       domain: str | Collection[str] | None = None) -> BalanceReport:
    """Balance of the actor-actor relations; with `rift`, what a break between them does.

    Which claims count: `claims` (a `ClaimFilter`), or `according_to`, `exclude`,
    `min_confidence` and `as_of` as `who_gains` takes them; a tie is the one `who_gains` sees.
    Which ties count (`actorgraph.analyses.ties`): those of `domain` (one name or several;
    None: all); without `as_of`, the latest period of each pair (`BalanceReport.set_aside`
    lists the older ties); a pair whose domains disagree takes the sign of the first of
    security, diplomatic, economic, other (`BalanceReport.mixed`).

    >>> import actorgraph
    >>> report = structural_balance(actorgraph.load())
    >>> report.strict.frustration, report.strict.blocs[0]
    (0, ('azerbaijan', 'kazakhstan', 'russia', 'united-kingdom'))
    """
    cf = filter_for(G, claims, according_to=according_to, exclude=exclude,
                    min_confidence=min_confidence, as_of=as_of)
    traced = pair_ties(G, cf, domain=domain)
    ties = traced.ties
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
    tie_list = sorted(ties.values(), key=lambda t: (t.a, t.b))
    strict = _partition(nodes, tie_list, 2, search_budget)
    weak = _partition(nodes, tie_list, None, search_budget, start=strict)
    changes: list[tuple[Triad, Triad]] = []
    rift_ids: tuple[str, str] | None = None
    rift_strict: Partition | None = None
    if rift is not None:
        a, b = resolve_pair(G, *rift)
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
        after_list = sorted(after.values(), key=lambda t: (t.a, t.b))
        rift_strict = _partition(nodes, after_list, 2, search_budget)
    options = {**cf.options(), "domain": list(traced.domains) if traced.domains else None}
    elsewhere = {}
    if traced.domains and not ties:
        counts = {d: len(pair_ties(G, cf, domain=d).ties) for d in RELATION_DOMAINS
                  if d not in traced.domains}
        elsewhere = {d: n for d, n in counts.items() if n}
    return BalanceReport(tuple(tie_list), tuple(triads), strict, weak, rift_ids,
                         tuple(changes), rift_strict, options, traced.set_aside, traced.mixed,
                         elsewhere)


balance = structural_balance
"""The name of version 0.1 (``actorgraph.balance.balance``), kept as an alias."""
