"""Checks across the records of a whole graph that need only the records: former ids still
in use, circles of ``part_of``, relations that contradict each other. The loader runs them
(`actorgraph.io.loader`)."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Container
from typing import TYPE_CHECKING

from ..errors import Problem
from ..model.records import Relation, consecutive, span

if TYPE_CHECKING:
    from .checker import GraphRecords

__all__ = ["contradictory_relations", "former_id_problems", "membership_cycles"]


def former_id_problems(records: GraphRecords, defined: Container[str]) -> list[Problem]:
    """A former id must not still be in use, nor be claimed as former by two records."""
    r = records
    problems: list[Problem] = []
    claimed: dict[str, str] = {}
    for table in (r.sources, r.actors, r.outcomes, r.events):
        for rid, record in table.items():
            o = r.origins[rid]
            for old in record.formerly:
                if old in defined:
                    message = (f"'{rid}' lists '{old}' as a former id, but '{old}' is "
                               f"still defined at {r.origins[old]}")
                elif old in claimed:
                    message = (f"'{rid}' and '{claimed[old]}' both list '{old}' as a "
                               "former id")
                else:
                    claimed[old] = rid
                    continue
                problems.append(Problem(o.file, o.line, o.column, message))
    return problems


def membership_cycles(records: GraphRecords) -> list[Problem]:
    """One problem per circle of ``part_of``, found in linear time: each strongly
    connected component of the membership graph holds at least one circle, reported as
    the shortest way round from its first actor in file order."""
    actors = records.actors
    problems: list[Problem] = []
    edges = [(a, c) for a, actor in actors.items() for c in actor.part_of
             if c in actors and c != a]  # part of itself: reported above
    # an actor on a circle is part of something and has a member; without one (blocs
    # and their members only) there is no circle, and networkx need not be imported
    # (`validate` does not otherwise use it)
    if not {a for a, _ in edges} & {c for _, c in edges}:
        return problems
    import networkx as nx

    order = {a: i for i, a in enumerate(actors)}
    members = nx.DiGraph()
    members.add_edges_from(edges)
    for component in nx.strongly_connected_components(members):
        if len(component) < 2:
            continue
        start = min(component, key=order.__getitem__)
        inside = members.subgraph(component)
        paths = nx.single_source_shortest_path(inside, start)
        last = min((p for p in inside.predecessors(start)),
                   key=lambda p: (len(paths[p]), order[p]))
        cycle = " -> ".join([*paths[last], start])
        origin = records.origins[start]
        problems.append(Problem(origin.file, origin.line, origin.column,
                                f"part_of goes round in a circle: {cycle}"))
    return problems


def contradictory_relations(records: GraphRecords) -> list[Problem]:
    """Relations of opposite sign between the same actors in the same domain, asserted for a
    time they share: one problem at each relation that contradicts one written before it,
    naming that one and the days both hold.

    ``until`` is inclusive (``until: 1913`` holds through 31 December 1913). One exception:
    when one tie's ``until`` and the other's ``since`` are the same date as written
    (``until: 1903`` and ``since: 1903``), the tie changed within that period: the two are
    consecutive, not overlapping (`actorgraph.model.records.consecutive`).

    In O(n log n) per pair of actors (a file of many relations between two actors once
    compared every pair): relations are taken in the order written, and for each sign a
    Fenwick tree over the start dates keeps the latest end among the relations seen so far,
    so "does an earlier one of the other sign overlap this one?" is one prefix query. Only
    when the latest-ending one is consecutive to this one are the earlier ones of the other
    sign looked at one by one, latest end first, down to the first that ends before this
    one starts (in a chain of spells that end and begin in one period: one more). An
    influence tie (sign 0) is neither friendly nor hostile and contradicts nothing.
    """
    problems = []
    asserted: dict[tuple[frozenset[str], str], list[tuple[str, Relation]]] = {}
    for rid, relation in records.relations.items():
        if relation.sign and any(c.stance != "denies" for c in relation.claims):
            key = (frozenset(relation.ends), relation.domain)
            asserted.setdefault(key, []).append((rid, relation))

    def written(rid: str) -> tuple[str, int]:
        return records.origins[rid].file, records.origins[rid].line

    for group in asserted.values():
        if len({r.sign for _, r in group}) < 2:
            continue
        group.sort(key=lambda item: written(item[0]))
        spans = [span(r) for _, r in group]
        starts = sorted({start for start, _ in spans})
        trees = {1: _MaxTree(len(starts)), -1: _MaxTree(len(starts))}
        by_end: dict[int, list[tuple[dt.date, int]]] = {1: [], -1: []}  # (end, k), sorted
        for k, ((rid, relation), (start, end)) in enumerate(zip(group, spans, strict=True)):
            # an earlier relation of the other sign starting by this one's end and ending
            # on or after its start overlaps it
            last = bisect.bisect_right(starts, end)
            best = trees[-relation.sign].max_upto(last)
            earlier = None
            if best is not None and best[0] >= start:
                earlier = best[1]
                if consecutive(group[earlier][1], relation):
                    earlier = _first_not_consecutive(group, spans, by_end[-relation.sign], k)
            if earlier is not None:
                problems.append(_contradiction(records, rid, group[earlier][0],
                                               _overlap(spans[earlier], (start, end))))
            index = bisect.bisect_left(starts, start)
            trees[relation.sign].raise_at(index, (end, k))
            bisect.insort(by_end[relation.sign], (end, k))
    return problems


def _first_not_consecutive(group: list[tuple[str, Relation]],
                           spans: list[tuple[dt.date, dt.date]],
                           ends: list[tuple[dt.date, int]], k: int) -> int | None:
    """An earlier relation (of the other sign: `ends`, sorted by end) overlapping relation `k`
    without being consecutive to it. Looked at from the latest end down, stopping at the
    first that ends before `k` starts: in a chain of spells, one step past the consecutive
    one."""
    start, end = spans[k]
    for last, j in reversed(ends):
        if last < start:
            return None
        if spans[j][0] <= end and not consecutive(group[j][1], group[k][1]):
            return j
    return None


def _overlap(x: tuple[dt.date, dt.date], y: tuple[dt.date, dt.date]
             ) -> tuple[dt.date, dt.date] | None:
    first, last = max(x[0], y[0]), min(x[1], y[1])
    return (first, last) if first <= last else None


def _contradiction(records: GraphRecords, rid: str, earlier: str,
                   days: tuple[dt.date, dt.date] | None) -> Problem:
    relation, other = records.relations[rid], records.relations[earlier]
    o, first = records.origins[rid], records.origins[earlier]
    x, y = sorted(relation.ends)
    if not any((relation.since, relation.until, other.since, other.until)) or days is None:
        when = "both undated, so both hold at all times"
    elif not (relation.since or other.since):  # (dt.date.min is also 0001-01-01)
        when = f"both hold until {days[1]}"
    elif not (relation.until or other.until):
        when = f"both hold from {days[0]} on"
    else:
        when = f"both hold from {days[0]} to {days[1]}"
    return Problem(
        o.file, o.line, o.column,
        f"contradictory relations between '{x}' and '{y}', both of domain "
        f"'{relation.domain}': '{relation.kind}' here and '{other.kind}' at {first}, {when}; "
        "if they are ties of different kinds, give each its domain (security, economic, "
        "diplomatic, other); if one followed the other, give them dates that do not overlap "
        "(until is inclusive: after 'until: 1913' comes 'since: 1914', or 'since: 1913' for "
        "a change within 1913); or mark the disputed one's claims 'denies'")


class _MaxTree:
    """A Fenwick tree of the largest (end, position) at or before each index."""

    def __init__(self, n: int) -> None:
        self.tree: list[tuple[dt.date, int] | None] = [None] * (n + 1)

    def raise_at(self, index: int, value: tuple[dt.date, int]) -> None:
        i = index + 1
        while i < len(self.tree):
            if self.tree[i] is None or self.tree[i] < value:  # type: ignore[operator]
                self.tree[i] = value
            i += i & -i

    def max_upto(self, count: int) -> tuple[dt.date, int] | None:
        """The largest value among the first `count` indexes."""
        best, i = None, count
        while i > 0:
            if self.tree[i] is not None and (best is None or best < self.tree[i]):
                best = self.tree[i]
            i -= i & -i
        return best
