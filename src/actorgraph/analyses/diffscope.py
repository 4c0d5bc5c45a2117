"""Which rifts a change between two versions can touch: the diff re-answers only those.

`who_gains` with the default claims filter decides each stake's verdict and score from
these inputs alone, for a rift between A and B:

1. the rift and rapprochement outcomes between A and B (`pair_outcomes`): the *starts*;
2. every effect edge on a path of at most `depth` effects from a start, and every interest
   edge into an outcome so reached (an effect onto an actor is an effect edge too);
3. for each such edge, its ends, type and sign, and its claims' *link*
   (`actorgraph.analyses.evidence.link_of`): each claim's voice and strength, which read
   the claim, its source (an unidentified claimant is heard as the source's author or the
   source), and the speaker's ``part_of`` ancestry and kinds.

So a rift whose starts, in either version, reach no changed record within `depth` effects,
and whose edges' links are the same in both versions, has the same stakes in both: its
answer is provably unchanged, and the diff need not ask `who_gains` about it.

The changed records come from `diff_records`. For a changed claim, interest, effect or
relation, the edge it belongs to is read in both versions (its ends, type, sign and link:
its *signature*); if the two differ, the edge's ends are marked (a re-quoted claim changes
no signature, so it marks nothing). An added, removed or renamed actor or outcome marks its
node and its neighbours (a rename changes the ids of the edges at it); a changed one marks
its node (an outcome's kind or pair can change the starts); an event marks itself and what
its effects name. Sources and actors act from afar (a source's grade changes the strength
of every claim citing it; an actor's ``part_of`` or kind, the voice of every claim by its
members), so when one changes in a field a stake could read (any but `HARMLESS_FIELDS`),
every edge's signature is compared instead. The marked nodes are followed backwards along
effect edges, `depth` steps, in each version; a rift is asked again when one of its starts
(in either version) is among them, or when A or B is marked.

This holds for the default claims filter and any `depth`; other options (`according_to`,
`exclude`, `min_confidence`, `as_of`, `include_no_stake`) read more of the graph, and the
diff then re-answers every rift (`scoped_options`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..model.graph import pair_outcomes
from ..model.kinds import EFFECT, MEMBER_OF
from .claims import ClaimView
from .evidence import link_of

__all__ = ["HARMLESS_FIELDS", "affected_rifts", "marked_nodes", "scoped_options"]

HARMLESS_FIELDS = {"actor": frozenset({"name", "aliases", "wikidata", "role", "description",
                                       "lint"}),
                   "source": frozenset({"title", "publisher", "url", "accessed", "language",
                                        "text", "note"})}
"""Fields of actors and sources that no stake reads: a change to only these needs no
recomputation of links (any other field, or one added later, does)."""

_SCOPED_OPTIONS = frozenset({"depth", "inferred", "structural"})


def scoped_options(options: dict[str, Any]) -> bool:
    """Whether `who_gains` options leave the answer's inputs as the module describes (only
    `depth`, and the inferred section the diff does not compare)."""
    return set(options) <= _SCOPED_OPTIONS


def _neighbours(G: nx.MultiDiGraph, node: str) -> set[str]:
    if node not in G:
        return set()
    return {node, *G.predecessors(node), *G.successors(node)}


def _ends(records: Any, key: str) -> tuple[str, str] | None:
    """The (from, to) of the edge an interest, effect or relation record makes."""
    if key in records.interests:
        actor, interest = records.interests[key]
        return actor, interest.outcome
    if key in records.effects:
        start, effect = records.effects[key]
        return start, effect.to
    if key in records.relations:
        a, b = records.relations[key].ends
        return a, b
    return None


def _event_marks(records: Any, eid: str) -> set[str]:
    event = records.events.get(eid)
    if event is None:
        return {eid}
    return {eid, *(e.to for e in event.effects)}


def _acts_from_afar(change: Any) -> bool:
    """A change to a source or an actor that can change links it is not part of."""
    harmless = HARMLESS_FIELDS.get(change.type)
    if harmless is None:
        return False
    if change.kind != "changed" or not change.fields:
        return True
    return any(f.field not in harmless for f in change.fields)


Signature = tuple[str, str, str, Any, Any]


def _signature(G: nx.MultiDiGraph, view: ClaimView, u: str, v: str, key: str,
               data: dict[str, Any]) -> Signature:
    """What a stake reads of an edge: its ends, type, sign and link."""
    return u, v, data["type"], data.get("sign"), link_of(data["claims"], view.sources,
                                                         view.voice)


def _signatures(G: nx.MultiDiGraph, keys: set[str] | None) -> dict[str, Signature]:
    """The signature of each edge named in `keys` (None: every edge with claims)."""
    view = ClaimView(G)
    if keys is None:
        return {key: _signature(G, view, u, v, key, data)
                for u, v, key, data in G.edges(keys=True, data=True)
                if data["type"] != MEMBER_OF}
    out = {}
    records = G.graph["records"]
    for key in keys:
        ends = _ends(records, key)
        data = G.get_edge_data(*ends, key) if ends else None
        if data is not None:
            out[key] = _signature(G, view, *ends, key, data)
    return out


def _differing(G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph, keys: set[str] | None
               ) -> set[str]:
    """The ends of every edge (of `keys`, or all) whose signature differs in the versions."""
    old, new = _signatures(G_old, keys), _signatures(G_new, keys)
    marked: set[str] = set()
    for key in set(old) | set(new):
        a, b = old.get(key), new.get(key)
        if a != b:
            for edge in (a, b):
                if edge is not None:
                    marked.update(edge[:2])
    return marked


def marked_nodes(G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph, changes: Iterable[Any]
                 ) -> set[str]:
    """Node ids (of either version) a change can reach a stake through (see the module)."""
    old, new = G_old.graph["records"], G_new.graph["records"]
    marked: set[str] = set()
    edges: set[str] = set()  # keys of edges whose signature may differ
    afar = False
    for c in changes:
        afar = afar or _acts_from_afar(c)
        for rid in {c.id, c.old_id} - {None}:
            if c.type == "claim":
                for records in (old, new):
                    if rid in records.claims:
                        about = records.claims[rid][0]
                        if _ends(records, about):
                            edges.add(about)
                        else:  # a claim about an actor or an event
                            marked |= {about} | _event_marks(records, about)
            elif c.type in ("interest", "effect", "relation"):
                edges.add(rid)
            elif c.type == "event":
                marked |= _event_marks(old, rid) | _event_marks(new, rid)
            elif c.type in ("actor", "outcome"):
                marked.add(rid)
                if c.kind != "changed":
                    marked |= _neighbours(G_old, rid) | _neighbours(G_new, rid)
    return marked | _differing(G_old, G_new, None if afar else edges)


def _upstream(G: nx.MultiDiGraph, marked: set[str], depth: int) -> set[str]:
    """`marked` and every node from which a path of at most `depth` effects reaches one."""
    seen = {n for n in marked if n in G}
    frontier = list(seen)
    for _ in range(depth):
        nxt = []
        for node in frontier:
            for u, _, t in G.in_edges(node, data="type"):
                if t == EFFECT and u not in seen:
                    seen.add(u)
                    nxt.append(u)
        frontier = nxt
        if not frontier:
            break
    return seen


def affected_rifts(G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph, changes: Iterable[Any],
                   pairs: Iterable[tuple[str, str]], back: dict[str, str], depth: int
                   ) -> set[tuple[str, str]]:
    """The rifts of `pairs` (new ids; `back` maps a renamed id to its old one) whose answers
    a change can reach; every other rift's answer is the same in both versions."""
    marked = marked_nodes(G_old, G_new, changes)
    if not marked:
        return set()
    reach_old = _upstream(G_old, marked, depth)
    reach_new = _upstream(G_new, marked, depth)
    out = set()
    for a, b in pairs:
        oa, ob = back.get(a, a), back.get(b, b)
        if ({a, b, oa, ob} & marked
                or any(n in reach_old for n, _ in pair_outcomes(G_old, oa, ob))
                or any(n in reach_new for n, _ in pair_outcomes(G_new, a, b))):
            out.add((a, b))
    return out
