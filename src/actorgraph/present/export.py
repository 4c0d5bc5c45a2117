"""Export the graph for Gephi, Cytoscape, yEd and JavaScript: GraphML, GEXF, JSON.

Attributes are flattened into what every format allows (text, numbers, booleans): lists
become ``"; "``-joined text, each edge carries its stable id (``edge_id`` in GraphML),
``edge_type`` (interest,
effect, relation, member_of: GEXF reserves ``type`` for directedness), ``kind``, ``sign``,
its support (`actorgraph.analyses.claims`: the chance that at least one voice asserting it
is right and no voice denying it is), whether an independent voice denies it, how many
claims back it, who claims it in which sources, and the Admiralty grades of its claims
(``B2; C3``, empty when none).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import networkx as nx

from ..analyses.claims import ClaimView
from ..errors import UsageError, quote_name, writing
from ..io.output import output_file
from ..model.kinds import EFFECT, INDIFFERENT, INFLUENCE, INTEREST, MEMBER_OF, RELATION
from ..model.records import claim_grade

__all__ = ["FORMATS", "flat_graph", "records_yaml", "shared_name", "shared_origin",
           "write_export"]

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
        if d["type"] == INTEREST:
            kind = "wants" if d["sign"] > 0 else "opposes"
        elif d["type"] == EFFECT:
            kind = "advances" if d["sign"] > 0 else "hinders"
        elif d["type"] in (RELATION, INFLUENCE):
            kind = d["kind"]
        elif d["type"] == INDIFFERENT:
            kind = "indifferent"
        else:
            kind = MEMBER_OF
        H.add_edge(u, v, key=key, id=key, edge_type=d["type"], kind=kind, sign=int(d["sign"]),
                   support=round(float(s), 4), contested=bool(contested),
                   claim_count=len(claims),
                   claimants="; ".join(sorted({c.by for c in claims})),
                   sources="; ".join(sorted({c.source for c in claims})),
                   grades="; ".join(sorted({g for c in claims
                                            if (g := claim_grade(c, sources))})),
                   origin=shared_origin(records, d["origin"]))
    return H


def shared_name(records: Any) -> str:
    """The graph's name in a file meant for others: its folder's own name (never the folders
    above it), "the bundled graph", or ``REVISION:path`` for a git revision."""
    root = Path(records.root)
    if records.label != "the bundled graph" and root.exists():
        return quote_name(root.resolve().name)
    return quote_name(records.label)


def shared_origin(records: Any, origin: Any) -> str:
    """``file:line:column`` with the file relative to the graph folder, so a file meant for
    others carries no path of this machine and is the same wherever the graph sits."""
    file = records.relative.get(origin.file, origin.file)
    return f"{quote_name(file)}:{origin.line}:{origin.column}"


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
        return
    H = flat_graph(G)
    with writing(path):
        if fmt == "graphml":
            # GraphML readers treat an edge's XML id differently (igraph reads the source
            # vertex into it): the stable id travels as the data attribute edge_id as well
            for _, _, d in H.edges(data=True):
                d["edge_id"] = d.pop("id")
            nx.write_graphml(H, path)
        elif fmt == "gexf":
            nx.write_gexf(H, path)
        else:
            data: Any = (nx.node_link_data(H, edges="edges") if fmt == "json"
                         else nx.cytoscape_data(H))
            Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
