"""Export the graph for Gephi, Cytoscape, yEd and JavaScript: GraphML, GEXF, JSON.

Attributes are flattened into what every format allows (text, numbers, booleans): lists
become ``"; "``-joined text, each edge carries its stable id (``edge_id`` in GraphML),
``edge_type`` (interest,
effect, relation, member_of: GEXF reserves ``type`` for directedness), ``kind``, ``sign``,
its support (`actorgraph.analyses.claims`: the chance that at least one voice asserting it
is right and no voice denying it is), whether an independent voice denies it, how many
claims back it, who claims it (``claimants``), who relayed those claims (``relays``, the
claims' ``via``) in which sources, the amounts its claims state (``quantities``:
``$1.2bn = 1.2e+09 USD``) and the Admiralty grades of its claims (``B2; C3``, empty when
none).

GEXF and Cytoscape JSON also carry the map's look, so Gephi and Cytoscape open the graph as
the PNG shows it: each node's fill and position (the graph's ``layout.json`` when it has
one, else the map's force layout) and each edge's colour, line and weight (its support, 0
to 1; membership 1). Cytoscape nodes are named by label, and a Cytoscape.js style file
(``<name>.style.json``, importable in Cytoscape) maps those attributes to the map's marks.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import networkx as nx

from ..analyses.claims import ClaimView
from ..errors import UsageError, writing
from ..io.output import output_file
from ..model.kinds import ACTOR, EFFECT, INDIFFERENT, INFLUENCE, INTEREST, MEMBER_OF, RELATION
from ..model.records import claim_grade
from .shared import shared_name, shared_origin
from .words import verb

__all__ = ["FORMATS", "cytoscape_style", "flat_graph", "records_yaml", "shared_name",
           "shared_origin", "style_path", "write_export"]

FORMATS = ("graphml", "gexf", "json", "cytoscape", "yaml", "turtle", "jsonld")


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of `G` whose node and edge attributes are all text, numbers or booleans."""
    sources = G.graph["sources"]
    view = ClaimView(G)
    records = G.graph["records"]
    H = nx.MultiDiGraph(name=shared_name(records))
    for node, d in G.nodes(data=True):
        record = d["record"]
        H.add_node(node, label=str(d["label"]), type=d["type"], kind=d["kind"],
                   iso3=getattr(record, "iso3", None) or "",
                   wikidata=getattr(record, "wikidata", None) or "",
                   aliases="; ".join(getattr(record, "aliases", ())),
                   origin=shared_origin(records, d["origin"]))
    for u, v, key, d in G.edges(keys=True, data=True):
        claims = d["claims"]
        s, contested = view.assessed(d)
        if d["type"] in (INTEREST, EFFECT):
            kind = verb(d["type"], d["sign"])
        elif d["type"] in (RELATION, INFLUENCE):
            kind = d["kind"]
        elif d["type"] == INDIFFERENT:
            kind = "indifferent"
        else:
            kind = MEMBER_OF
        H.add_edge(u, v, key=key, id=key, edge_type=d["type"], kind=kind, sign=int(d["sign"]),
                   domain=d.get("domain", ""),
                   support=round(float(s), 4), contested=bool(contested),
                   claim_count=len(claims),
                   claimants="; ".join(sorted({c.by for c in claims})),
                   relays="; ".join(sorted({x for c in claims for x in c.via})),
                   quantities="; ".join(sorted({_quantity(c.quantity) for c in claims
                                                if c.quantity is not None})),
                   sources="; ".join(sorted({c.source for c in claims})),
                   grades="; ".join(sorted({g for c in claims
                                            if (g := claim_grade(c, sources))})),
                   origin=shared_origin(records, d["origin"]))
    return H


def _quantity(q: Any) -> str:
    """A claim's amount as flat text: the source's words, then the number and unit."""
    return f"{q.text} = {q.value:g} {q.unit}"


_YAML_BREAKS = frozenset("\x85\u2028\u2029\ufeff")


def records_yaml(G: nx.MultiDiGraph) -> str:
    """Every record of the graph as one graph file, which loads back to the same records.

    Records come out in id order, with the fields as written (defaults left out), so the
    file diffs well; it is a way to normalise a graph or merge its files into one.
    """
    import yaml

    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:  # write every value out: no anchors
            return True

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        # YAML reads U+0085, U+2028 and U+2029 as line breaks and drops a byte-order mark;
        # written raw (plain or single-quoted) a verbatim quote would come back changed.
        # Double-quoted, they and every other unprintable character are escaped.
        odd = any(c in _YAML_BREAKS or not c.isprintable() for c in value if c != "\n")
        return dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                       style='"' if odd else None)

    _Dumper.add_representer(str, text)

    r = G.graph["records"]

    def dump(model: Any) -> dict[str, Any]:
        return model.model_dump(mode="json", by_alias=True, exclude_unset=True)

    data = {"sources": [dump(r.sources[k]) for k in sorted(r.sources)],
            "actors": [dump(r.actors[k]) for k in sorted(r.actors)],
            "outcomes": [dump(r.outcomes[k]) for k in sorted(r.outcomes)],
            "relations": [dump(r.relations[k]) for k in sorted(r.relations)],
            "events": [dump(r.events[k]) for k in sorted(r.events)]}
    data = {k: v for k, v in data.items() if v}
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _copy_source_texts(G: nx.MultiDiGraph, folder: Path) -> None:
    """Put each source's archived text (`text:`, a path inside the graph folder) at the same
    path beside a YAML export, so the export loads back and its quotes are still checked."""
    root = G.graph.get("root")
    if root is None:
        return
    for source in G.graph["sources"].values():
        if not getattr(source, "text", None):
            continue
        original, copy = Path(root) / source.text, folder / source.text
        if original.is_file() and original.resolve() != copy.resolve():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(original, copy)


def write_export(G: nx.MultiDiGraph, path: str | os.PathLike[str], fmt: str, *,
                 base: str | None = None) -> None:
    """Write `G` to `path` as ``graphml``, ``gexf``, ``json`` (node-link), ``cytoscape``,
    ``yaml`` (every record, loadable as a graph), or RDF with PROV-O provenance: ``turtle``
    or ``jsonld`` (`actorgraph.present.rdf`; `base` is the records' IRI prefix)."""
    if fmt not in FORMATS:
        raise UsageError(f"export format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    output_file(path)
    if fmt in ("turtle", "jsonld"):
        from .rdf import write_rdf

        write_rdf(G, path, fmt, **({"base": base} if base else {}))
        return
    if fmt == "yaml":
        with writing(path):
            Path(path).write_text(records_yaml(G), encoding="utf-8")
            _copy_source_texts(G, Path(path).parent)
        return
    H = flat_graph(G)
    if fmt in ("gexf", "cytoscape"):
        _add_look(G, H)
    with writing(path):
        if fmt == "graphml":
            # GraphML readers treat an edge's XML id differently (igraph reads the source
            # vertex into it): the stable id travels as the data attribute edge_id as well
            for _, _, d in H.edges(data=True):
                d["edge_id"] = d.pop("id")
            nx.write_graphml(H, path)
        elif fmt == "gexf":
            for _, d in H.nodes(data=True):
                d["viz"] = {"color": _rgba(d.pop("color")),
                            "position": {"x": d.pop("x"), "y": d.pop("y"), "z": 0.0},
                            "size": 10.0 if d["type"] == ACTOR else 6.0}
            for _, _, d in H.edges(data=True):
                d["viz"] = {"color": _rgba(d.pop("color")),
                            "thickness": round(1 + 2 * d["weight"], 3)}
            nx.write_gexf(H, path)
        elif fmt == "json":
            data: Any = nx.node_link_data(H, edges="edges")
            Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
        else:
            data = nx.cytoscape_data(H, name="label")
            for node in data["elements"]["nodes"]:
                node["position"] = {"x": node["data"]["x"], "y": node["data"]["y"]}
            Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
    if fmt == "cytoscape":
        with writing(style_path(path)):
            style_path(path).write_text(json.dumps(cytoscape_style(), indent=1) + "\n",
                                        encoding="utf-8")


def style_path(path: str | os.PathLike[str]) -> Path:
    """Where the Cytoscape style of an export at `path` goes: ``map.json`` ->
    ``map.style.json``."""
    p = Path(path)
    return p.with_name(p.stem + ".style.json")


def _add_look(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> None:
    """Fill, position, colour, line style and weight of the map, as plain attributes of `H`:
    node ``color``, ``x``, ``y`` (pixels, y down, as Gephi and Cytoscape place them); edge
    ``color``, ``line_style``, ``arrow``, ``category`` and ``weight``."""
    from .layout import layout_positions, read_layout
    from .selection import edge_category
    from .style import ACTOR_FILL, EDGE_STYLE

    pinned = Path(G.graph["root"]) / "layout.json"
    pos = layout_positions(G, pinned=read_layout(pinned) if pinned.is_file() else None)
    for n, d in H.nodes(data=True):
        d["color"] = (ACTOR_FILL.get(d["kind"], "#ffffff") if d["type"] == ACTOR
                      else OUTCOME_COLOR)
        d["x"], d["y"] = round(pos[n][0] * 500, 2), round(-pos[n][1] * 500, 2)
    lines = {"-": "solid", "--": "dashed", ":": "dotted", "-.": "dashed"}
    view = ClaimView(G)
    for u, v, key, d in H.edges(keys=True, data=True):
        data = G.edges[u, v, key]
        category = edge_category(data, view.status(u, v, key, data) != "denied")
        style = EDGE_STYLE[category]
        d.update(category=category, color=style["color"],
                 line_style=lines[style["linestyle"]],
                 arrow="none" if style["arrowstyle"] == "-" else
                 "tee" if style["arrowstyle"] == "-[" else "triangle",
                 weight=1.0 if d["edge_type"] == MEMBER_OF else max(0.0, d["support"]))


OUTCOME_COLOR = "#bdbdbd"
"""Outcomes in Gephi and Cytoscape: mid grey (the map's white boxes would vanish on a
white canvas)."""


def _rgba(hex_color: str) -> dict[str, int | float]:
    h = hex_color.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16), "a": 1.0}


def cytoscape_style() -> list[dict[str, Any]]:
    """A Cytoscape.js style (a list of selectors) drawing an export as the map looks."""
    return [
        {"selector": "node", "style": {
            "label": "data(name)", "background-color": "data(color)", "shape": "ellipse",
            "border-width": 1, "border-color": "#546e7a", "font-size": 11,
            "text-wrap": "wrap", "text-max-width": 140}},
        {"selector": "node[type = 'actor']", "style": {
            "shape": "round-rectangle", "font-weight": "bold", "width": "label",
            "height": "label", "padding": 6, "text-valign": "center"}},
        {"selector": "node[type = 'outcome']", "style": {
            "shape": "rectangle", "font-style": "italic", "width": "label",
            "height": "label", "padding": 6, "text-valign": "center"}},
        {"selector": "edge", "style": {
            "line-color": "data(color)", "target-arrow-color": "data(color)",
            "target-arrow-shape": "data(arrow)", "line-style": "data(line_style)",
            "width": "mapData(weight, 0, 1, 1, 3)", "curve-style": "bezier"}},
    ]
