"""Text presenters for records and claims (the CLI's ``show``, ``list`` and ``validate``)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..io.loader import GraphRecords
from ..model.kinds import ACTOR, INDIFFERENT, INFLUENCE, INTEREST, MEMBER_OF, RELATION
from ..model.records import Claim, Relation, claim_confidence, claim_grade, source_confidence
from ..model.sourcing import claim_strength, hedge_factor
from .words import count

if TYPE_CHECKING:  # `validate` prints its summary line from here without networkx
    import networkx as nx

__all__ = ["claim_line", "claim_qualifiers", "describe", "list_rows", "node_name",
           "quantity_text", "relay_text", "summary_line", "tie_words"]


def tie_words(r: Relation, domain: bool = True) -> tuple[str, str]:
    """A relation's kind (``security partnership``; the domain left out when it is ``other``
    or `domain` is False) and its dates (``1899 to 1903``, ``since 1904``, or "")."""
    kind = r.kind if r.domain == "other" or not domain else f"{r.domain} {r.kind}"
    return kind, (f"{r.since} to {r.until}" if r.since and r.until else
                  f"since {r.since}" if r.since else f"until {r.until}" if r.until else "")


def node_name(G: nx.MultiDiGraph, node: str) -> str:
    """A node's label (an actor's name, an outcome's label); a source's publisher, else its
    title (a voice can be a page: unnamed speakers it quotes itself); else the id as given."""
    data = G.nodes.get(node)
    if data:
        return str(data["label"])
    source = G.graph.get("sources", {}).get(node)
    if source is not None:
        return str(source.publisher or source.title)
    return node


def relay_text(G: nx.MultiDiGraph, claim: Claim) -> str:
    """The chain a relayed claim passed through: ``, via The Hindu then Reuters`` ('' when
    the claimant spoke in the source itself)."""
    return ", via " + " then ".join(node_name(G, x) for x in claim.via) if claim.via else ""


def quantity_text(claim: Claim) -> str:
    """``1,200,000,000 USD ("$1.2bn")``, or '' without a quantity."""
    q = claim.quantity
    return f"{q.value:,.15g} {q.unit} (\u201c{q.text}\u201d)" if q else ""


def claim_qualifiers(G: nx.MultiDiGraph, claim: Claim) -> str:
    """``asserts, likely, 0.8, counts 0.54, graded B2``: the stance, the claimant's own
    likelihood, the claim's confidence, what a hedged claim counts (confidence times its
    hedge: `claim_strength`), and its Admiralty grade (as `claim_confidence` and
    `claim_grade` give them)."""
    confidence = claim_confidence(claim, G.graph["sources"])
    grade = claim_grade(claim, G.graph["sources"])
    likely = f", {claim.likelihood}" if claim.likelihood else ""
    hedge = hedge_factor(claim)  # a hedged claim counts less than its confidence: say how much
    counts = f", counts {confidence * hedge:.2g}" if hedge < 1 and claim.stance != "denies" \
        else ""
    return f"{claim.stance}{likely}, {confidence:.2g}{counts}" + (
        f", graded {grade}" if grade else "")


def claim_line(G: nx.MultiDiGraph, claim: Claim, indent: str = "    ") -> str:
    """``- Dmitry Peskov in seed-article, para 3 (asserts, 0.6): "quote"`` wrapped to 100;
    with an Admiralty grade, ``(asserts, 0.7, graded B2)``; a relayed claim names its chain
    (``unnamed analysts, via The Hindu, in ...``), a hedge its likelihood (``speculates,
    likely, 0.6``), a quantity follows the quote."""
    where = claim.source + (f", {claim.locator}" if claim.locator else "")
    via = relay_text(G, claim)
    head = (f"{node_name(G, claim.by)}{via}{',' if via else ''} in {where} "
            f"({claim_qualifiers(G, claim)}): ")
    text = head + f"\u201c{claim.quote}\u201d"
    if claim.quantity:
        text += f" [quantity: {quantity_text(claim)}]"
    if claim.note:
        text += f" [note: {claim.note}]"
    return textwrap.fill(text, width=100, initial_indent=indent + "- ",
                         subsequent_indent=indent + "  ")


def summary_line(records: GraphRecords) -> str:
    counts = ", ".join(count(n, k.removesuffix("s")) for k, n in records.counts().items())
    files = len(records.files)
    return f"ok: {counts} in {count(files, 'file')}"


def _claims(G: nx.MultiDiGraph, claims: Iterable[Claim], indent: str) -> list[str]:
    return [claim_line(G, c, indent) for c in claims]


def describe(G: nx.MultiDiGraph, rid: str) -> str:
    """Everything the graph holds about one record, with the claims behind each part."""
    records: GraphRecords = G.graph["records"]
    if rid in G and G.nodes[rid]["type"] == ACTOR:
        return _describe_actor(G, rid)
    if rid in G:
        return _describe_outcome(G, rid)
    if rid in records.sources:
        return _describe_source(G, rid)
    return _describe_event(G, rid)


def _name_and_id(G: nx.MultiDiGraph, node: str) -> str:
    return f"{G.nodes[node]['label']} ({node})"


def _describe_actor(G: nx.MultiDiGraph, aid: str) -> str:
    data = G.nodes[aid]
    actor = data["record"]
    facts = [actor.kind, *(x for x in (actor.iso3, actor.wikidata and f"wikidata {actor.wikidata}")
                           if x)]
    out = [f"{actor.name} ({aid}): {', '.join(facts)}"]
    if actor.role:
        out.append(f"  role: {actor.role}")
    if actor.description:
        out.append(f"  {actor.description}")
    if actor.aliases:
        out.append(f"  aliases: {', '.join(actor.aliases)}")
    if actor.part_of:
        out.append(f"  part of: {', '.join(_name_and_id(G, p) for p in actor.part_of)}")
    members = sorted(u for u, _, t in G.in_edges(aid, data="type") if t == MEMBER_OF)
    if members:
        out.append(f"  members: {', '.join(_name_and_id(G, m) for m in members)}")
    out.append(f"  defined at {data['origin']}")
    out.extend(_claims(G, actor.claims, "  "))
    interests = [(v, d) for _, v, d in G.out_edges(aid, data=True)
                 if d["type"] in (INTEREST, INDIFFERENT)]
    if interests:
        out.append("interests:")
        for v, d in sorted(interests, key=lambda x: x[0]):
            stance = d["record"].stance
            degree = f" (degree {d['degree']})" if d["type"] == INTEREST and d["degree"] \
                else ""
            out.append(f"  {stance} {_name_and_id(G, v)}{degree}")
            out.extend(_claims(G, d["claims"], "    "))
    relations = [(u, v, d) for u, v, d in (*G.out_edges(aid, data=True),
                                           *G.in_edges(aid, data=True))
                 if d["type"] in (RELATION, INFLUENCE)]
    if relations:
        out.append("relations:")
        for u, v, d in sorted(relations, key=lambda x: (x[0], x[1])):
            arrow = "->" if d["directed"] else "~"
            status = f" ({d['record'].status})" if d["record"].status else ""
            if d["type"] == INFLUENCE:
                status = f" (intensity {d['intensity']}){status}"
            kind, when = tie_words(d["record"])
            status += f" ({when})" if when else ""
            out.append(f"  {kind}: {_name_and_id(G, u)} {arrow} {_name_and_id(G, v)}{status}")
            out.extend(_claims(G, d["claims"], "    "))
    out.extend(_effects(G, aid))
    said = sorted(((about, c) for about, c in G.graph["records"].claims.values()
                   if c.by == aid), key=_claim_order)
    if said:
        out.append(f"claims made by {actor.name}: {len(said)}")
        for about, c in said:
            out.append(f"  about {about}")
            out.append(claim_line(G, c, "    "))
    return "\n".join(out)


def _claim_order(item: tuple[str, Claim]) -> tuple[str, str, str, str]:
    about, c = item
    return about, c.source, c.locator or "", c.quote


def _describe_outcome(G: nx.MultiDiGraph, oid: str) -> str:
    data = G.nodes[oid]
    outcome = data["record"]
    out = [f"{outcome.label} ({oid}): {outcome.kind}"]
    if outcome.between:
        out.append(f"  between: {', '.join(_name_and_id(G, a) for a in outcome.between)}")
    if outcome.involves:
        out.append(f"  involves: {', '.join(_name_and_id(G, a) for a in outcome.involves)}")
    if outcome.description:
        out.append(f"  {outcome.description}")
    out.append(f"  defined at {data['origin']}")
    stakes = sorted(((u, d) for u, _, d in G.in_edges(oid, data=True)
                     if d["type"] == INTEREST), key=lambda x: x[0])
    if stakes:
        out.append("interests in it:")
        for u, d in stakes:
            out.append(f"  {_name_and_id(G, u)} {'wants' if d['sign'] > 0 else 'opposes'} it")
            out.extend(_claims(G, d["claims"], "    "))
    out.extend(_effects(G, oid))
    return "\n".join(out)


def _effects(G: nx.MultiDiGraph, rid: str) -> list[str]:
    """The effects an outcome or event has, and those onto an outcome or actor, with claims."""
    effects = G.graph["records"].effects
    out = []
    for title, mine in (("effects:", lambda src, e: src == rid),
                        ("affected by:", lambda src, e: e.to == rid)):
        rows = sorted(((src, e) for src, e in effects.values() if mine(src, e)),
                      key=lambda x: (x[0], x[1].to))
        if rows:
            out.append(title)
            for src, e in rows:
                out.append(f"  {_any_name(G, src)} {e.sign} {_any_name(G, e.to)}")
                out.extend(_claims(G, e.claims, "    "))
    return out


def _any_name(G: nx.MultiDiGraph, rid: str) -> str:
    """An actor's, outcome's or event's name and id."""
    if rid in G:
        return _name_and_id(G, rid)
    return f"{G.graph['events'][rid].label} ({rid})"


def _describe_source(G: nx.MultiDiGraph, sid: str) -> str:
    records: GraphRecords = G.graph["records"]
    source = records.sources[sid]
    graded = f" (reliability {source.reliability})" if source.reliability else ""
    out = [f"{source.title} ({sid}): {source.kind}, confidence "
           f"{source_confidence(source):.2g}{graded}"]
    for field in ("author", "publisher", "url", "published", "in_reply_to", "text", "note"):
        value = getattr(source, field)
        if value:
            out.append(f"  {field.replace('_', ' ')}: {value}")
    out.append(f"  defined at {records.origins[sid]}")
    cited = sorted(((about, c) for about, c in records.claims.values() if c.source == sid),
                   key=_claim_order)
    out.append(f"claims citing it: {len(cited)}")
    for about, c in cited:
        out.append(f"  about {about}")
        out.append(claim_line(G, c, "    "))
    return "\n".join(out)


def _describe_event(G: nx.MultiDiGraph, eid: str) -> str:
    records: GraphRecords = G.graph["records"]
    event = records.events[eid]
    when = event.date or event.date_text
    out = [f"{event.label} ({eid}): event" + (f", {when}" if when else "")]
    if event.actors:
        out.append(f"  actors: {', '.join(_name_and_id(G, a) for a in event.actors)}")
    if event.led_to:
        out.append(f"  led to: {', '.join(event.led_to)}")
    out.append(f"  defined at {records.origins[eid]}")
    out.extend(_claims(G, event.claims, "  "))
    out.extend(_effects(G, eid))
    return "\n".join(out)


def list_rows(G: nx.MultiDiGraph, what: str) -> list[dict[str, str]]:
    """Rows for ``actorgraph list WHAT``: one dict per record, id first."""
    records: GraphRecords = G.graph["records"]
    if what == "actors":
        return [{"id": k, "name": a.name, "kind": a.kind,
                 "part_of": ", ".join(a.part_of)} for k, a in sorted(records.actors.items())]
    if what == "outcomes":
        return [{"id": k, "label": o.label, "kind": o.kind, "between": ", ".join(o.between)}
                for k, o in sorted(records.outcomes.items())]
    if what == "sources":
        return [{"id": k, "title": s.title, "kind": s.kind, "author": s.author or ""}
                for k, s in sorted(records.sources.items())]
    if what == "events":
        return [{"id": k, "label": e.label, "date": e.date or e.date_text or ""}
                for k, e in sorted(records.events.items())]
    if what == "relations":
        return [{"id": k, "kind": r.kind, "ends": " ~ ".join(r.ends) if not r.directed
                 else " -> ".join(r.ends), "status": r.status or ""}
                for k, r in sorted(records.relations.items())]
    return [{"id": k, "by": c.by, "via": ", ".join(c.via), "source": c.source,
             "stance": c.stance, "likelihood": c.likelihood or "", "locator": c.locator or "",
             "quote": c.quote}
            for k, (_, c) in sorted(records.claims.items())]


def claim_dict(G: nx.MultiDiGraph, claim: Claim) -> dict[str, Any]:
    """A claim as JSON (gains, coalitions): who, where, how sure, the quote, its relays,
    hedge and amount."""
    return {"by": claim.by, "by_name": node_name(G, claim.by), "source": claim.source,
            "locator": claim.locator, "stance": claim.stance,
            "confidence": claim_confidence(claim, G.graph["sources"]),
            "strength": claim_strength(claim, G.graph["sources"]),
            "grade": claim_grade(claim, G.graph["sources"]), "quote": claim.quote,
            "note": claim.note, "via": list(claim.via),
            "via_names": [node_name(G, x) for x in claim.via], "likelihood": claim.likelihood,
            "quantity": claim.quantity.model_dump() if claim.quantity else None}
