"""What a map shows: which nodes and edges, their highlights, the title and the footnote.

A `MapSelection` is everything the drawing (`drawing.py`) and the HTML page (`html.py`)
need to know about a map besides positions: the subgraph, verdicts and scores of a rift,
diff statuses, blocs, and which relations count as supported under the selection's claim
filter. Choosing never draws and never imports matplotlib.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..errors import UsageError
from ..model.kinds import (
    ACTOR,
    EFFECT,
    INDIFFERENT,
    INFLUENCE,
    INTEREST,
    MEMBER_OF,
    NODE_TYPES,
    OUTCOME,
    RELATION,
)
from .words import count, verb

__all__ = ["MapSelection", "edge_category", "footnote_for", "select_bloc_map",
           "select_diff_map", "select_map"]


@dataclass
class MapSelection:
    """What one map shows: a subgraph, its highlights, and its title."""

    graph: nx.MultiDiGraph
    title: str
    highlight: dict[str, str] = field(default_factory=dict)
    """node -> 'gains' | 'loses' | 'mixed'"""
    scores: dict[str, float] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    """edge key -> 'added' | 'removed' | 'changed' (diff maps), 'against' (balance maps)"""
    blocs: dict[str, int] = field(default_factory=dict)
    """actor -> its bloc's number, from 1 (balance maps: fill by bloc, laid out by bloc)"""
    warnings: list[str] = field(default_factory=list)
    """What the renderer could not draw as asked (e.g. characters missing from the font)."""
    supported: dict[str, bool] = field(default_factory=dict)
    """edge key -> whether a claim that counts supports it; a relation no such claim
    supports is drawn as 'relation only denied' (`category`)"""
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    """The layout positions the last drawing of this selection used (for a layout file)."""
    key_nodes: tuple[str, ...] = ()
    """The rift's two actors or the focus: no box may cover their edges."""
    claimants: tuple[str, ...] = ()
    """Names of the claimants an ``according_to`` map is limited to (for the footnote)."""
    claimant_ids: frozenset[str] = frozenset()
    """Their ids, with every actor part of them: the footnote does not count a claimant among
    what the claimants say nothing about."""
    report: Any = None
    """The `RiftReport` behind a rift map (the briefing figure ranks its stakes)."""

    def category(self, key: str, data: dict[str, Any]) -> str:
        """The legend category of the edge `key` with attributes `data` on this map."""
        return edge_category(data, self.supported.get(key, True))


def select_diff_map(G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph, d: Any) -> MapSelection:
    """The union of two versions, with added, removed and changed records marked.

    `d` is the `actorgraph.analyses.diff.GraphDiff` of the two. A changed claim marks the assertion
    it backs as changed.
    """
    from ..analyses.claims import ClaimView

    U = G_new.copy()
    sel = MapSelection(U, f"Changes from {d.old} to {d.new}")
    ren = d.renames
    about = {cid: a for cid, (a, _) in G_old.graph["records"].claims.items()}
    about.update({cid: a for cid, (a, _) in G_new.graph["records"].claims.items()})
    node_types = set(NODE_TYPES)
    for change in d.records:
        if change.type in node_types:
            if change.kind == "removed":
                U.add_node(change.id, **G_old.nodes[change.id])
            sel.highlight[change.id] = change.kind if change.kind != "renamed" else "changed"
        elif change.type in (INTEREST, EFFECT, RELATION):
            if change.kind == "removed":
                for u, v, k, data in G_old.edges(keys=True, data=True):
                    if k == change.id:
                        u, v = ren.get(u, u), ren.get(v, v)
                        for n in (u, v):
                            if n not in U:
                                U.add_node(n, **G_old.nodes[n])
                                sel.highlight.setdefault(n, "removed")
                        U.add_edge(u, v, key=k, **data)
            sel.status[change.id] = change.kind
        elif change.type == "claim":
            assertion = about.get(change.id) or about.get(change.old_id or "")
            if assertion and assertion not in sel.status:
                sel.status[assertion] = "changed"
    new, old = ClaimView(G_new), ClaimView(G_old)
    for u, v, key, data in U.edges(keys=True, data=True):
        view = new if G_new.has_edge(u, v, key) else old
        sel.supported[key] = view.assessed(data)[0] > 0
    return sel


def select_bloc_map(G: nx.MultiDiGraph, report: Any, *, weak: bool = True) -> MapSelection:
    """The actors of a balance report and the relations behind their ties, filled by bloc,
    with the ties against the blocs marked. `report` is a
    `actorgraph.analyses.balance.BalanceReport`; `weak` picks its split into any number of
    blocs, else the strict one."""
    split = report.weak if weak else report.strict
    keep = {x for t in report.ties for x in (t.a, t.b)}
    relations = {r for t in report.ties for r in t.relations}
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, G.nodes[n]) for n in sorted(keep))
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
                     if k in relations)
    against = len(split.frustrated)
    title = (f"Blocs under {'weak' if weak else 'strict'} balance: {against} "
             f"{'tie' if against == 1 else 'ties'} against them")
    if not split.exact:
        title += " (heuristic split)"
    if report.options.get("according_to"):
        title += " — according to " + _names(G, report.options["according_to"])
    sel = MapSelection(H, title)
    sel.blocs = {n: i for i, bloc in enumerate(split.blocs, 1) for n in bloc}
    for t in split.frustrated:
        for r in t.relations:
            sel.status[r] = "against"
    # a tie in the report is supported under its filters
    sel.supported = {k: True for _, _, k in H.edges(keys=True)}
    return sel


def edge_category(data: dict[str, Any], supported: bool) -> str:
    kind = data["type"]
    if kind == MEMBER_OF:
        return "member of"
    if kind in (INTEREST, EFFECT):
        return verb(kind, data["sign"])
    if kind in (INFLUENCE, INDIFFERENT):
        return "influences" if kind == INFLUENCE else "indifferent"
    if not supported:
        return "denied"
    return "friendly" if data["sign"] > 0 else "hostile"


def select_map(G: nx.MultiDiGraph, *, rift: tuple[str, str] | None = None,
               focus: str | None = None, radius: int = 1, claims: Any = None,
               according_to: Collection[str] = (), exclude: Collection[str] = (),
               min_confidence: float = 0.0, as_of: Any = None,
               **gains_options: Any) -> MapSelection:
    """Choose what to draw: the whole graph, a rift with its stakeholders, or a neighbourhood.

    Which claims count is decided as the analyses decide it (`actorgraph.analyses.claims`):
    `claims` (a `ClaimFilter`), or `according_to`, `exclude`, `min_confidence` and `as_of`.
    An edge no admitted claim backs (or not valid on the as-of date) is left out; one whose
    admitted claims leave no support is drawn as denied. ``gains_options`` (depth,
    inferred) go to `who_gains` for a rift; a node's score is its verdict's support.
    """
    from ..analyses.claims import ClaimView, filter_for
    from ..analyses.gains import who_gains
    from ..model.graph import resolve

    cf = filter_for(G, claims, according_to=according_to, exclude=exclude,
                    min_confidence=min_confidence, as_of=as_of)
    view = ClaimView(G, cf)
    H = G.copy()
    supported: dict[str, bool] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        status = view.status(u, v, k, d)
        if status == "unclaimed":
            H.remove_edge(u, v, k)
        else:
            supported[k] = status == "supported"
    if cf.according_to:
        _prune_membership(H)
    selection = MapSelection(H, "Interest map")
    if rift is not None:
        report = who_gains(G, *rift, claims=cf, **gains_options)
        keep = {report.a, report.b, *report.rift_outcomes}
        edges: set[str] = set()
        for stake in report.stakes:
            keep.add(stake.actor)
            selection.highlight[stake.actor] = stake.verdict
            selection.scores[stake.actor] = stake.score
            for ev in stake.evidence:
                for step in ev.steps:
                    keep.update((step.source, step.target))
                    edges.add(step.edge)
        sub = nx.MultiDiGraph(H.subgraph(keep))
        for u, v, k, d in list(sub.edges(keys=True, data=True)):
            if k not in edges and d["type"] != RELATION:
                sub.remove_edge(u, v, k)
        selection.graph = sub
        selection.report, selection.key_nodes = report, (report.a, report.b)
        selection.title = (f"Who gains from a rift between {G.nodes[report.a]['label']} "
                           f"and {G.nodes[report.b]['label']}")
    elif focus is not None:
        if radius < 0:
            raise UsageError(f"radius must be 0 or more, got {radius}")
        node = focus if focus in G else resolve(G, focus, type=None)
        keep = set(nx.ego_graph(H.to_undirected(as_view=True), node, radius=radius))
        selection.graph = nx.MultiDiGraph(H.subgraph(keep))
        selection.title = f"Around {G.nodes[node]['label']}"
        selection.highlight[node] = "focus"
        selection.key_nodes = (node,)
    selection.supported = {k: supported[k] for _, _, k in selection.graph.edges(keys=True)}
    if cf.according_to:
        selection.title += " — according to " + _names(G, sorted(cf.according_to))
        selection.claimants = tuple(sorted(
            str(getattr(G.graph["sources"][x], "title", x)) if x in G.graph["sources"]
            else str(G.nodes[x]["label"]) if x in G else x for x in cf.according_to))
        selection.claimant_ids = frozenset(cf.admitted_ids or cf.according_to)
    if cf.as_of:
        selection.title += f" — as of {cf.as_of.isoformat()}"
    return selection


def _prune_membership(H: nx.MultiDiGraph) -> None:
    """Keep a membership edge only when one of its ends has a claimed edge on the map: a
    claimant's map shows what they claim, with the structure around it, not every
    membership in the graph."""
    claimed = {n for u, v, t in H.edges(data="type") if t != MEMBER_OF for n in (u, v)}
    for u, v, k, t in list(H.edges(keys=True, data="type")):
        if t == MEMBER_OF and u not in claimed and v not in claimed:
            H.remove_edge(u, v, k)


def left_out_note(G: nx.MultiDiGraph, sel: MapSelection, nodes: list[str],
                  limit: int = 15) -> str:
    """What the map leaves out and why, in words that are true: records with no edge in the
    graph at all, and records the claimants of an ``according_to`` map say nothing about."""
    def names(group: list[str]) -> str:
        shown = [str(G.nodes[n]["label"]) if n in G else n for n in group[:limit]]
        more = len(group) - len(shown)
        return ", ".join(shown) + (f" and {more} more" if more else "")

    bare = [n for n in nodes if n not in G or G.degree(n) == 0]
    speakers = [n for n in nodes if n not in bare and n in sel.claimant_ids]
    silent = [n for n in nodes if n not in bare and n not in speakers]
    parts = []
    if bare:
        parts.append(f"Not drawn (no interests, effects or relations): {names(bare)}")
    if speakers:
        parts.append("Not drawn (" + ("the claimant, not a subject of its own claims"
                                      if len(speakers) == 1 else
                                      "the claimants, not subjects of their own claims")
                     + f"): {names(speakers)}")
    if silent:
        who = " and ".join(sel.claimants) if sel.claimants else "this selection"
        counts = [count(sum(G.nodes[n]["type"] == t for n in silent), t)
                  for t in (OUTCOME, ACTOR)]
        parts.append(f"Not drawn ({' and '.join(c for c in counts if c[0] != '0')} "
                     f"{who} says nothing about): {names(silent)}")
    return ". ".join(parts)


def _names(G: nx.MultiDiGraph, ids: Collection[str]) -> str:
    """Claimants and sources as a reader knows them: an actor's name, a source's title."""
    sources = G.graph["sources"]
    return ", ".join(str(G.nodes[x]["label"]) if x in G else
                     (sources[x].title if x in sources else x) for x in ids)




def footnote_for(G: nx.MultiDiGraph, date: str | None = None) -> str:
    """``Graph: <folder> (N files, M claims) · <date> · actorgraph``.

    The date is `date`, else ``$SOURCE_DATE_EPOCH``, else today, so a build can pin it.
    """
    from .. import __version__

    if date is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        day = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch
               else dt.date.today())
        date = day.isoformat()
    from .shared import shared_name

    records = G.graph["records"]
    name = shared_name(records)  # a figure names the graph, not the folders above it
    return (f"Graph: {name} ({len(records.files)} files, {len(records.claims)} claims) · "
            f"{date} · actorgraph {__version__} · every edge is a claim, not a fact: "
            "see `actorgraph show` for the quotes")
