"""The graph as RDF (Turtle or JSON-LD) with W3C PROV-O provenance, for SPARQL stores.

Nothing in the export is asserted on the tool's own authority. Actors, outcomes, sources and
events are resources; each interest, effect and relation is an ``rdf:Statement`` (reified,
not asserted: ``ukraine ag:wants rift`` is never a plain triple) carrying what the curator
wrote about it (strength, dates, status, note), and each claim is an ``rdf:Statement`` of
its own with the same subject, predicate and object, who said it
(``prov:wasAttributedTo``), where (``prov:hadPrimarySource``), the quote (``ag:quote``),
``ag:stance``, ``ag:likelihood``, ``ag:confidence`` (only where the claim gives one:
otherwise the source's ``ag:confidence`` applies), who relayed it (``ag:via``, and a
``prov:qualifiedAttribution`` with ``prov:hadRole ag:Relay`` and ``ag:order`` per relay), a
stated number (``ag:quantity [rdf:value; ag:unit; ag:text]``), the source's date
(``dcterms:date``) and ``ag:about`` the statement it backs. Claims about an actor or an
event are ``ag:about`` it. Wikidata ids become ``owl:sameAs wd:Q...``; partial dates are
typed ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``.

A field this module does not know (one a later version of the model adds) is carried as
``ag:<fieldName>`` literals: a list as one literal per item, a mapping as ``rdf:JSON``.

rdflib (the ``rdf`` extra) builds the graph and writes it, so escaping and JSON-LD are its.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx

from ..errors import UsageError, writing

__all__ = ["DEFAULT_BASE", "VOCAB", "rdf_graph", "write_rdf"]

VOCAB = "urn:actorgraph:vocab:"
"""The namespace of actorgraph's own terms (prefix ``ag:``)."""
DEFAULT_BASE = "urn:actorgraph:id:"
"""Records' IRIs are this + their (percent-encoded) id; give each graph its own base to
load several into one store."""
WIKIDATA = "http://www.wikidata.org/entity/"

_SKIP = {"id", "claims", "interests", "effects", "lint", "formerly"}


def _camel(key: str) -> str:
    head, *rest = key.rstrip("_").split("_")
    return head + "".join(part.title() for part in rest)


class _Writer:
    """Adds one record after another to an rdflib graph."""

    def __init__(self, base: str):
        from rdflib import Graph, Namespace
        from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

        self.g = Graph()
        self.ag = Namespace(VOCAB)
        self.rec = Namespace(base)
        self.wd = Namespace(WIKIDATA)
        self.ns = {"rdf": RDF, "rdfs": RDFS, "owl": OWL, "prov": PROV, "dcterms": DCTERMS,
                   "skos": SKOS, "xsd": XSD}
        for prefix, ns in (("ag", self.ag), ("rec", self.rec), ("wd", self.wd),
                           *self.ns.items()):
            self.g.bind(prefix, ns)

    # -- terms --
    def iri(self, rid: str) -> Any:
        return self.rec[quote(rid, safe="-._~")]

    def term(self, name: str) -> Any:
        prefix, _, local = name.partition(":")
        return self.ag[local] if prefix == "ag" else self.ns[prefix][local]

    def literal(self, value: Any) -> Any:
        from rdflib import Literal
        from rdflib.namespace import RDF

        if isinstance(value, dict):
            return Literal(json.dumps(value, ensure_ascii=False, sort_keys=True),
                           datatype=RDF.JSON)
        return Literal(value)

    def date(self, value: str) -> Any:
        from rdflib import Literal

        xsd = self.ns["xsd"]
        kind = {4: xsd.gYear, 7: xsd.gYearMonth}.get(len(value), xsd.date)
        return Literal(value, datatype=kind)

    # -- triples --
    def add(self, s: Any, p: str, o: Any) -> None:
        self.g.add((s, self.term(p), o))

    def fields(self, node: Any, record: Any, known: dict[str, Callable[[Any], None]]) -> None:
        """Every field the YAML gave: known ones by their handler, others generically."""
        data = record.model_dump(mode="json", by_alias=True, exclude_none=True)
        for key, value in data.items():
            if key in _SKIP or value in ([], {}):
                continue
            if key in known:
                known[key](value)
                continue
            for item in value if isinstance(value, list) else [value]:
                self.add(node, f"ag:{_camel(key)}", self.literal(item))

    def refs(self, node: Any, p: str) -> Callable[[Any], None]:
        def handle(value: Any) -> None:
            for rid in value if isinstance(value, list) else [value]:
                self.add(node, p, self.iri(rid))
        return handle

    def lit(self, node: Any, p: str) -> Callable[[Any], None]:
        def handle(value: Any) -> None:
            for item in value if isinstance(value, list) else [value]:
                self.add(node, p, self.literal(item))
        return handle

    def dated(self, node: Any, p: str) -> Callable[[Any], None]:
        return lambda value: self.add(node, p, self.date(value))

    def typed(self, node: Any, *types: str) -> None:
        for t in types:
            self.add(node, "rdf:type", self.term(t))


def _records(w: _Writer, r: Any) -> None:
    from rdflib import Literal
    from rdflib.namespace import XSD

    for sid, s in r.sources.items():
        n = w.iri(sid)
        w.typed(n, "ag:Source", "prov:Entity")
        w.fields(n, s, {"title": w.lit(n, "dcterms:title"), "kind": w.lit(n, "ag:kind"),
                        "author": w.refs(n, "dcterms:creator"),
                        "publisher": w.lit(n, "dcterms:publisher"),
                        "url": lambda v, n=n: w.add(n, "ag:url", Literal(v, datatype=XSD.anyURI)),
                        "published": w.dated(n, "dcterms:issued"),
                        "accessed": w.dated(n, "ag:accessed"),
                        "language": w.lit(n, "dcterms:language"),
                        "in_reply_to": w.refs(n, "ag:inReplyTo"),
                        "note": w.lit(n, "ag:note")})
    for aid, a in r.actors.items():
        n = w.iri(aid)
        w.typed(n, "ag:Actor", "prov:Agent")
        w.fields(n, a, {"name": w.lit(n, "rdfs:label"), "aliases": w.lit(n, "skos:altLabel"),
                        "wikidata": lambda v, n=n: w.add(n, "owl:sameAs", w.wd[v]),
                        "part_of": w.refs(n, "ag:partOf"), "description": w.lit(n, "rdfs:comment")})
    for oid, o in r.outcomes.items():
        n = w.iri(oid)
        w.typed(n, "ag:Outcome")
        w.fields(n, o, {"label": w.lit(n, "rdfs:label"), "between": w.refs(n, "ag:between"),
                        "involves": w.refs(n, "ag:involves"),
                        "description": w.lit(n, "rdfs:comment")})
    for eid, e in r.events.items():
        n = w.iri(eid)
        w.typed(n, "ag:Event")
        w.fields(n, e, {"label": w.lit(n, "rdfs:label"), "date": w.dated(n, "ag:date"),
                        "actors": w.refs(n, "ag:actor"), "led_to": w.refs(n, "ag:ledTo")})


def _statement(w: _Writer, n: Any, s: str, p: str, o: str) -> None:
    w.typed(n, "rdf:Statement")
    w.add(n, "rdf:subject", w.iri(s))
    w.add(n, "rdf:predicate", w.term(p))
    w.add(n, "rdf:object", w.iri(o))


def _assertions(w: _Writer, r: Any) -> dict[str, tuple[str, str, str]]:
    """Each interest, effect and relation as a statement; id -> (subject, predicate, object)."""
    spo: dict[str, tuple[str, str, str]] = {}
    for iid, (actor, i) in r.interests.items():
        spo[iid] = (actor, f"ag:{i.stance}", i.outcome)
    for eid, (start, e) in r.effects.items():
        spo[eid] = (start, f"ag:{e.sign}", e.to)
    for rid, rel in r.relations.items():
        a, b = rel.ends
        spo[rid] = (a, f"ag:{rel.kind}", b)
    kinds = [("ag:Interest", r.interests, {"outcome", "stance"}),
             ("ag:Effect", r.effects, {"to", "sign"}),
             ("ag:Relation", r.relations, {"between", "from", "to", "kind"})]
    for kind, table, implied in kinds:
        for aid, value in table.items():
            record = value[1] if isinstance(value, tuple) else value
            n = w.iri(aid)
            w.typed(n, kind)
            _statement(w, n, *spo[aid])
            skip = dict.fromkeys(implied, lambda v: None)
            if kind == "ag:Relation":
                w.add(n, "ag:directed", w.literal(record.directed))
            w.fields(n, record, {**skip, "since": w.dated(n, "ag:since"),
                                 "until": w.dated(n, "ag:until"), "note": w.lit(n, "ag:note")})
    return spo


def _claims(w: _Writer, r: Any, spo: dict[str, tuple[str, str, str]]) -> None:
    for cid, (about, c) in r.claims.items():
        n = w.iri(cid)
        w.typed(n, "ag:Claim", "prov:Entity")
        if about in spo:
            _statement(w, n, *spo[about])
        w.add(n, "ag:about", w.iri(about))
        w.add(n, "ag:stance", w.literal(c.stance))  # the default is said, not left implicit
        source = r.sources.get(c.source)
        if source is not None and source.published:
            w.add(n, "dcterms:date", w.date(source.published))
        w.fields(n, c, {"by": w.refs(n, "prov:wasAttributedTo"),
                        "source": w.refs(n, "prov:hadPrimarySource"),
                        "quote": w.lit(n, "ag:quote"), "locator": w.lit(n, "ag:locator"),
                        "stance": lambda v: None, "note": w.lit(n, "ag:note"),
                        "via": functools.partial(_relays, w, n),
                        "quantity": functools.partial(_quantity, w, n)})


def _label(n: Any, part: str) -> str:
    """A blank node's label made from the claim it hangs on, so the same graph writes the
    same document every time (random labels changed on every export)."""
    import hashlib

    return f"{part}-{hashlib.sha256(str(n).encode()).hexdigest()[:16]}"


def _relays(w: _Writer, n: Any, via: list[str]) -> None:
    """Each relay as a qualified attribution with the role ``ag:Relay`` and its place in the
    chain (``ag:order``, 1 nearest the claimant), beside ``ag:via`` to the relay itself."""
    from rdflib import BNode, Literal

    for order, relay in enumerate(via, 1):
        a = BNode(_label(n, f"relay{order}"))
        w.add(n, "prov:qualifiedAttribution", a)
        w.typed(a, "prov:Attribution")
        w.add(a, "prov:agent", w.iri(relay))
        w.add(a, "prov:hadRole", w.term("ag:Relay"))
        w.add(a, "ag:order", Literal(order))
        w.add(n, "ag:via", w.iri(relay))


def _quantity(w: _Writer, n: Any, q: dict[str, Any]) -> None:
    """``ag:quantity [rdf:value 1.2e9; ag:unit "USD"; ag:text "$1.2bn"]``."""
    from rdflib import BNode, Literal
    from rdflib.namespace import XSD

    b = BNode(_label(n, "quantity"))
    w.add(n, "ag:quantity", b)
    w.add(b, "rdf:value", Literal(q["value"], datatype=XSD.double))
    w.add(b, "ag:unit", w.literal(q["unit"]))
    w.add(b, "ag:text", w.literal(q["text"]))


def rdf_graph(G: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> Any:
    """The records of `G` as an ``rdflib.Graph`` (see the module's docstring)."""
    try:
        import rdflib  # noqa: F401
    except ImportError:
        raise UsageError("RDF export needs rdflib, the rdf extra: pip install '.[rdf]' in a "
                         "clone of actorgraph, or 'actorgraph[rdf]' from a package index") from None
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$", base):
        raise UsageError(f"--base-iri takes an absolute IRI such as {DEFAULT_BASE}, got {base!r}")
    w = _Writer(base)
    r = G.graph["records"]
    _records(w, r)
    _claims(w, r, _assertions(w, r))
    return w.g


def write_rdf(G: nx.MultiDiGraph, path: str | os.PathLike[str], fmt: str, *,
              base: str = DEFAULT_BASE) -> None:
    """Write `G` to `path` as ``turtle`` or ``jsonld``."""
    g = rdf_graph(G, base=base)
    with writing(path):
        if fmt == "jsonld":
            Path(path).write_text(_stable_jsonld(g), encoding="utf-8")
        else:
            g.serialize(destination=os.fspath(path), format=fmt, encoding="utf-8")


def _stable_jsonld(g: Any) -> str:
    """JSON-LD with its nodes sorted by ``@id`` and each node's values sorted, so the same
    graph writes the same bytes on every run (rdflib's JSON-LD writer follows set order,
    which changes with Python's string hashing; its Turtle writer already sorts). Order in
    a JSON-LD document carries no meaning, so the graph read back is the same."""
    nodes = json.loads(g.serialize(format="json-ld"))
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
    nodes.sort(key=lambda node: node.get("@id", ""))
    return json.dumps(nodes, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
