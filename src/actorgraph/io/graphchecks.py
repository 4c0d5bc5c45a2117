"""Checks across the records of a whole graph that need only the records: former ids still
in use, circles of ``part_of``, relations that contradict each other. The loader runs them
(`actorgraph.io.loader`)."""

from __future__ import annotations

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
    """Two relations of opposite sign between the same actors, both asserted for a time
    they share: one problem, at the one written later."""
    problems = []
    asserted: dict[frozenset[str], list[tuple[str, Relation]]] = {}
    for rid, relation in records.relations.items():
        if any(c.stance != "denies" for c in relation.claims):
            asserted.setdefault(frozenset(relation.ends), []).append((rid, relation))
    for group in asserted.values():
        for i, (rid_a, a) in enumerate(group):
            for rid_b, b in group[i + 1:]:
                if a.sign == b.sign or not _overlap(a, b):
                    continue
                later, earlier = sorted((rid_a, rid_b),
                                        key=lambda r: (records.origins[r].file,
                                                       records.origins[r].line))[::-1]
                o = records.origins[later]
                first = records.origins[earlier]
                x, y = sorted(a.ends)
                problems.append(Problem(
                    o.file, o.line, o.column,
                    f"contradictory relations between '{x}' and '{y}': "
                    f"'{records.relations[later].kind}' here and "
                    f"'{records.relations[earlier].kind}' at {first}, both asserted "
                    "for the same time; give them since/until, or mark the disputed one's "
                    "claims 'denies'"))
    return problems


def _overlap(a: Relation, b: Relation) -> bool:
    a_start = date_bounds(a.since)[0] if a.since else None
    a_end = date_bounds(a.until)[1] if a.until else None
    b_start = date_bounds(b.since)[0] if b.since else None
    b_end = date_bounds(b.until)[1] if b.until else None
    if a_end and b_start and a_end < b_start:
        return False
    return not (b_end and a_start and b_end < a_start)
