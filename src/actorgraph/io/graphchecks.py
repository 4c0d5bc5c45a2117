"""Checks across the records of a whole graph that need only the records: former ids still
in use, circles of ``part_of``, relations that contradict each other. The loader runs them
(`actorgraph.io.loader`)."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Container
from typing import TYPE_CHECKING

import networkx as nx

from ..errors import Problem
from ..model.records import Relation, date_bounds

if TYPE_CHECKING:
    from .loader import GraphRecords

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
    order = {a: i for i, a in enumerate(actors)}
    members = nx.DiGraph()
    members.add_edges_from((a, c) for a, actor in actors.items() for c in actor.part_of
                           if c in actors and c != a)  # part of itself: reported above
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
    """Relations of opposite sign between the same actors, asserted for a time they share:
    one problem at each relation that contradicts one written before it, naming that one.

    In O(n log n) per pair of actors (a file of many relations between two actors once
    compared every pair): relations are taken in the order written, and for each sign a
    Fenwick tree over the start dates keeps the latest end among the relations seen so far,
    so "does an earlier one of the other sign overlap this one?" is one prefix query. An
    influence tie (sign 0) is neither friendly nor hostile and contradicts nothing.
    """
    problems = []
    asserted: dict[frozenset[str], list[tuple[str, Relation]]] = {}
    for rid, relation in records.relations.items():
        if relation.sign and any(c.stance != "denies" for c in relation.claims):
            asserted.setdefault(frozenset(relation.ends), []).append((rid, relation))

    def written(rid: str) -> tuple[str, int]:
        return records.origins[rid].file, records.origins[rid].line

    for group in asserted.values():
        if len({r.sign for _, r in group}) < 2:
            continue
        group.sort(key=lambda item: written(item[0]))
        spans = [_span(r) for _, r in group]
        starts = sorted({start for start, _ in spans})
        trees = {1: _MaxTree(len(starts)), -1: _MaxTree(len(starts))}
        for k, ((rid, relation), (start, end)) in enumerate(zip(group, spans, strict=True)):
            # an earlier relation of the other sign starting by this one's end and ending
            # on or after its start overlaps it
            last = bisect.bisect_right(starts, end)
            best = trees[-relation.sign].max_upto(last)
            if best is not None and best[0] >= start:
                earlier = group[best[1]][0]
                o, first = records.origins[rid], records.origins[earlier]
                x, y = sorted(relation.ends)
                problems.append(Problem(
                    o.file, o.line, o.column,
                    f"contradictory relations between '{x}' and '{y}': '{relation.kind}' here "
                    f"and '{records.relations[earlier].kind}' at {first}, both asserted for "
                    "the same time; give them since/until, or mark the disputed one's claims "
                    "'denies'"))
            index = bisect.bisect_left(starts, start)
            trees[relation.sign].raise_at(index, (end, k))
    return problems


def _span(r: Relation) -> tuple[dt.date, dt.date]:
    """First and last day a relation holds (open ends as the calendar's ends)."""
    return (date_bounds(r.since)[0] if r.since else dt.date.min,
            date_bounds(r.until)[1] if r.until else dt.date.max)


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
