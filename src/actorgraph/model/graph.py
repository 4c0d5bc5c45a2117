"""Build the networkx graph from checked records, and find things in it.

  type        direction          sign
  =========== ================== ==========================================
  interest    actor -> outcome   +1 wants, -1 opposes
  effect      outcome -> outcome +1 advances, -1 hinders (to an actor: benefits,
              or actor           harms it)
  relation    actor -> actor     +1 friendly kinds, -1 hostile (``directed``
                                 is False for ``between:`` relations)
  member_of   actor -> actor     0 (structure, not a claim)
  influence   actor -> actor     0 (``intensity`` 0-3: who can act on whom)
  indifferent actor -> outcome   0 (an interest with stance ``indifferent``)
  =========== ================== ==========================================

Interest edges carry the interest's ``degree`` (1-3, or None when not given).

``G.graph`` holds ``records`` (`GraphRecords`), ``sources``, ``events``, ``warnings`` and
``root``.

The graph is a `networkx.MultiDiGraph` whose nodes are actors and outcomes and whose
edges are interests, effects, relations and memberships; `actorgraph.model.kinds` names
the kinds and documents every node, edge and ``G.graph`` attribute.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import networkx as nx

from ..errors import UnknownNameError, UsageError
from ..io.loader import GraphRecords, ParseCache, default_graph_dir, load_records
from ..io.messages import a_or_an, nearest
from . import ids
from .index import graph_index
from .kinds import (
    ACTOR,
    EFFECT,
    INDIFFERENT,
    INFLUENCE,
    INTEREST,
    MEMBER_OF,
    OUTCOME,
    RAPPROCHEMENT,
    RELATION,
    RIFT,
)

__all__ = [
    "actors", "build_graph", "load", "load_version", "load_versions", "outcomes", "pair_outcomes",
    "resolve", "resolve_pair", "resolve_record",
]


def load(path: str | os.PathLike[str] | None = None, *, cache: bool = True
         ) -> nx.MultiDiGraph:
    """Load the graph folder at `path` (default: `default_graph_dir`).

    Raises `actorgraph.GraphDataError` listing every problem, each at ``file:line:column``.
    Each file's checked records are cached by the file's contents (see
    `actorgraph.io.cache`), so only edited files are read again; pass ``cache=False`` to
    read every file afresh.

    >>> G = load()
    >>> G.nodes["turkiye"]["label"]
    'Turkiye'
    """
    root = Path(path) if path is not None else default_graph_dir()
    return build_graph(load_records(root, disk=cache))


def load_version(spec: str, graph_dir: str | os.PathLike[str] | None = None, *,
                 cache: ParseCache | None = None) -> nx.MultiDiGraph:
    """One version of a graph: the folder `spec` if it is one, else the git revision `spec`
    (``HEAD~1``, ``v1``) of the folder `graph_dir` (default: `default_graph_dir`).

    A shared `cache` parses each file once across versions (see `load_versions`).
    """
    from ..io.gitread import read_revision

    try:
        is_folder = Path(spec).is_dir()
    except OSError:  # not a name the system can look up (too long): try it as a revision
        is_folder = False
    if is_folder:
        return build_graph(load_records(spec, cache=cache))
    folder = Path(graph_dir) if graph_dir is not None else default_graph_dir()
    return build_graph(read_revision(spec, folder, cache=cache))


def load_versions(old: str, new: str, *, graph_dir: str | os.PathLike[str] | None = None
                  ) -> tuple[nx.MultiDiGraph, nx.MultiDiGraph]:
    """Two versions (see `load_version`), parsing each file that did not change only once:
    what `actorgraph.analyses.diff.diff_graphs` compares.

    >>> G_old, G_new = load_versions(str(default_graph_dir()), str(default_graph_dir()))
    >>> G_old.graph["records"].counts() == G_new.graph["records"].counts()
    True
    """
    cache = ParseCache()
    return load_version(old, graph_dir, cache=cache), load_version(new, graph_dir, cache=cache)


def build_graph(records: GraphRecords) -> nx.MultiDiGraph:
    """The `networkx.MultiDiGraph` of checked `records` (`actorgraph.model.kinds` documents
    its nodes, edges and attributes)."""
    G = nx.MultiDiGraph(root=str(records.root), records=records, sources=records.sources,
                        events=records.events, warnings=records.warnings)
    origins = records.origins
    for aid, actor in records.actors.items():
        G.add_node(aid, type=ACTOR, record=actor, label=actor.name, kind=actor.kind,
                   origin=origins[aid])
    for oid, outcome in records.outcomes.items():
        G.add_node(oid, type=OUTCOME, record=outcome, label=outcome.label, kind=outcome.kind,
                   origin=origins[oid])
    for aid, actor in records.actors.items():
        for container in actor.part_of:
            G.add_edge(aid, container, key=ids.membership_id(aid, container), type=MEMBER_OF,
                       sign=0, claims=(), record=None, origin=origins[aid])
    for iid, (aid, interest) in records.interests.items():
        if interest.stance == "indifferent":  # a position (0), not an interest to serve
            G.add_edge(aid, interest.outcome, key=iid, type=INDIFFERENT, record=interest,
                       sign=0, degree=0, claims=tuple(interest.claims), origin=origins[iid])
            continue
        G.add_edge(aid, interest.outcome, key=iid, type=INTEREST, record=interest,
                   sign=1 if interest.stance == "wants" else -1, degree=interest.degree,
                   claims=tuple(interest.claims), origin=origins[iid])
    for eid, (src, effect) in records.effects.items():
        if src not in records.outcomes:  # an event's effect: events are not nodes (see kinds)
            continue
        G.add_edge(src, effect.to, key=eid, type=EFFECT, record=effect,
                   sign=effect.polarity, claims=tuple(effect.claims),
                   origin=origins[eid])
    for rid, relation in records.relations.items():
        a, b = relation.ends
        if relation.kind == "influences":  # who can act on whom: no sign for balance
            G.add_edge(a, b, key=rid, type=INFLUENCE, record=relation, sign=0,
                       kind=relation.kind, domain=relation.domain,
                       intensity=relation.intensity, directed=True,
                       claims=tuple(relation.claims), origin=origins[rid])
            continue
        G.add_edge(a, b, key=rid, type=RELATION, record=relation, sign=relation.sign,
                   kind=relation.kind, domain=relation.domain, directed=relation.directed,
                   claims=tuple(relation.claims), origin=origins[rid])
    return G


def _fold(text: str) -> str:
    """Case- and accent-insensitive form of a name: 'Türkiye' -> 'turkiye'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def resolve(G: nx.MultiDiGraph, name: str, *, type: str | None = ACTOR) -> str:
    """The id of the node called `name`: its id, name or an alias, case- and accent-blind.

    Raises `UnknownNameError` with the nearest names when nothing matches.

    >>> G = load()
    >>> resolve(G, "Türkiye"), resolve(G, "USA")
    ('turkiye', 'united-states')
    """
    if name in G and (type is None or G.nodes[name]["type"] == type):
        return name
    if type is not None and name in G and G.nodes[name]["type"] != type:
        raise UsageError(f"'{name}' is {a_or_an(G.nodes[name]['type'])}, not {a_or_an(type)}")
    return _lookup(_name_index(G, type), name, type or "record")


def resolve_record(G: nx.MultiDiGraph, name: str) -> str:
    """The id of any record `show` describes: an actor or outcome as `resolve` finds it, an
    event by its id or label, a source by its id or title (all case- and accent-blind),
    with the nearest names of all of them when nothing matches.

    >>> resolve_record(load(), "crash of an AZAL (Azerbaijan Airlines) plane")
    'azal-crash'
    """
    records = G.graph["records"]
    if name in G or name in records.sources or name in records.events:
        return name
    names = {k: set(v) for k, v in _name_index(G, None).items()}
    for rid, label in [*((e, r.label) for e, r in records.events.items()),
                       *((s, r.title) for s, r in records.sources.items())]:
        for n in (rid, label):
            names.setdefault(_fold(n), set()).add(rid)
    return _lookup(names, name, "record")


def _lookup(names: dict[str, set[str]], name: str, what: str) -> str:
    """The one id `names` gives the folded `name`; else a usage error naming the candidates,
    or the nearest names."""
    wanted = _fold(name)
    hits = names.get(wanted, set())
    if len(hits) == 1:
        return next(iter(hits))
    if len(hits) > 1:
        raise UsageError(f"'{name}' could be any of: {', '.join(sorted(hits))}; give the id")
    suggestions: list[str] = []
    # the nearest names, else those the words begin or are part of ("crash of an azal")
    near = nearest(wanted, names, n=5) or (
        sorted(k for k in names if wanted in k) if len(wanted) >= 4 else [])
    for key in near:
        suggestions.extend(sorted(names[key] - set(suggestions)))
    raise UnknownNameError(what, name, suggestions[:3])


def resolve_pair(G: nx.MultiDiGraph, a: str, b: str) -> tuple[str, str]:
    """The ids of two different actors, as a rift between them needs.

    >>> resolve_pair(load(), "Russia", "Azerbaijan")
    ('russia', 'azerbaijan')
    """
    a_id, b_id = resolve(G, a), resolve(G, b)
    if a_id == b_id:
        raise UsageError(f"a rift needs two different actors; both name '{a_id}'")
    return a_id, b_id


def _name_index(G: nx.MultiDiGraph, type: str | None) -> dict[str, set[str]]:
    """Folded id, name, alias and ISO code -> node ids, for nodes of `type` (None: all).

    Built once per graph object and node set, and kept outside the graph (`model.index`).
    """
    return graph_index(G, ("names", type), lambda G: _names(G, type))


def _names(G: nx.MultiDiGraph, type: str | None) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for node, data in G.nodes(data=True):
        if type is not None and data["type"] != type:
            continue
        record = data["record"]
        for n in (node, data["label"], *getattr(record, "aliases", ()),
                  getattr(record, "iso3", None) or ""):
            if n:
                names.setdefault(_fold(n), set()).add(node)
    return names


def pair_outcomes(G: nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, int]]:
    """The rift outcomes between actors `a` and `b` (sign +1) and their rapprochements (-1).

    >>> pair_outcomes(load(), "azerbaijan", "russia")
    [('rift-russia-azerbaijan', 1)]
    """
    return sorted(graph_index(G, "pair outcomes", _pairs).get(frozenset((a, b)), []))


def _pairs(G: nx.MultiDiGraph) -> dict[frozenset[str], list[tuple[str, int]]]:
    index: dict[frozenset[str], list[tuple[str, int]]] = {}
    for node, data in G.nodes(data=True):
        if data["type"] == OUTCOME and data["kind"] in (RIFT, RAPPROCHEMENT):
            sign = 1 if data["kind"] == RIFT else -1
            index.setdefault(frozenset(data["record"].between), []).append((node, sign))
    return index


def actors(G: nx.MultiDiGraph) -> list[str]:
    """Ids of the actor nodes, sorted."""
    return sorted(n for n, t in G.nodes(data="type") if t == ACTOR)


def outcomes(G: nx.MultiDiGraph) -> list[str]:
    """Ids of the outcome nodes, sorted."""
    return sorted(n for n, t in G.nodes(data="type") if t == OUTCOME)
