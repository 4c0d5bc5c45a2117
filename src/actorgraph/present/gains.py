"""Present a `RiftReport` as text, Markdown or JSON (plain data, stable keys)."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from ..analyses.gains import Evidence, RiftReport, Stake, Step
from ..model.kinds import EFFECT, INTEREST, MEMBER_OF
from ..model.records import Claim, claim_confidence, claim_grade
from .text import claim_line, node_name

__all__ = ["chain_text", "format_json", "format_markdown", "format_text", "report_to_dict"]

_ROUTE_WORD = {"direct": "direct", "outcome": "chain", "membership": "via bloc",
               "structural": "structural"}


def _claim_dict(G: nx.MultiDiGraph, claim: Claim) -> dict[str, Any]:
    return {"by": claim.by, "by_name": node_name(G, claim.by), "source": claim.source,
            "locator": claim.locator, "stance": claim.stance,
            "confidence": claim_confidence(claim, G.graph["sources"]),
            "grade": claim_grade(claim, G.graph["sources"]), "quote": claim.quote,
            "note": claim.note}


def report_to_dict(G: nx.MultiDiGraph, report: RiftReport) -> dict[str, Any]:
    """The report as plain data: what ``--format json`` prints."""
    def step(s: Step) -> dict[str, Any]:
        return {"edge": s.edge, "kind": s.kind, "source": s.source, "target": s.target,
                "sign": s.sign, "support": round(s.support, 4), "contested": s.contested,
                "claims": [_claim_dict(G, c) for c in s.claims]}

    def evidence(e: Evidence) -> dict[str, Any]:
        return {"route": e.route, "sign": e.sign, "weight": round(e.weight, 4),
                "outcome": e.outcome, "inferred": e.inferred, "contested": e.contested,
                "reason": e.reason or None, "claimants": list(e.claimants),
                "steps": [step(s) for s in e.steps]}

    def stake(s: Stake) -> dict[str, Any]:
        return {"actor": s.actor, "name": s.name, "verdict": s.verdict,
                "score": round(s.score, 4), "gain": round(s.gain, 4),
                "loss": round(s.loss, 4), "evidence": [evidence(e) for e in s.evidence]}

    return {"rift": {"a": report.a, "b": report.b, "outcomes": list(report.rift_outcomes)},
            "options": report.options, "stakes": [stake(s) for s in report.stakes]}


def format_json(G: nx.MultiDiGraph, report: RiftReport) -> str:
    return json.dumps(report_to_dict(G, report), indent=2, ensure_ascii=False)


def chain_text(G: nx.MultiDiGraph, e: Evidence) -> str:
    """One line saying why: the chain from the rift to the actor's interest."""
    if e.route == "structural":
        return f"{e.reason} (inferred from relations)"
    parts = []
    effects = [s for s in e.steps if s.kind == EFFECT]
    if effects:
        parts.append(node_name(G, effects[0].source))
        for s in effects:
            parts.append(f"{'advances' if s.sign > 0 else 'hinders'} {node_name(G, s.target)}")
        path = " -> ".join(parts) + "; "
    else:
        path = ""
    interest = next(s for s in e.steps if s.kind == INTEREST)
    stance = "wants" if interest.sign > 0 else "opposes"
    text = f"{path}{node_name(G, interest.source)} {stance} {node_name(G, interest.target)}"
    for s in e.steps:
        if s.kind == MEMBER_OF:
            text += f"; {node_name(G, s.source)} is a member of {node_name(G, s.target)}"
    return text


def _who_says(G: nx.MultiDiGraph, e: Evidence) -> str:
    names = [node_name(G, c) for c in e.claimants]
    return "according to " + ", ".join(names) if names else ""


def _filters(report: RiftReport) -> str:
    o = report.options
    parts = [f"depth {o['depth']}", "structural " + ("on" if o["structural"] else "off")]
    if o["according_to"]:
        parts.append("according to " + ", ".join(o["according_to"]))
    if o["exclude"]:
        parts.append("excluding " + ", ".join(o["exclude"]))
    if o["min_confidence"]:
        parts.append(f"min confidence {o['min_confidence']}")
    if o["as_of"]:
        parts.append(f"as of {o['as_of']}")
    return ", ".join(parts)


def _summary(s: Stake) -> str:
    routes: dict[str, int] = {}
    for e in s.evidence:
        routes[_ROUTE_WORD[e.route]] = routes.get(_ROUTE_WORD[e.route], 0) + 1
    plural = {"chain": "chains", "via bloc": "via blocs"}
    return ", ".join(f"{n} {plural.get(r, r)}" if n > 1 else r for r, n in routes.items())


def _heading(G: nx.MultiDiGraph, report: RiftReport) -> str:
    return (f"Who gains from a rift between {node_name(G, report.a)} and "
            f"{node_name(G, report.b)}?")


def format_text(G: nx.MultiDiGraph, report: RiftReport, *, explain: bool = False) -> str:
    """The report for a terminal: the ranking, then why, claim by claim with ``explain``."""
    out = [_heading(G, report)]
    rifts = ", ".join(report.rift_outcomes) or "none (structural evidence only)"
    out.append(f"Rift outcomes in the data: {rifts}. {_filters(report).capitalize()}.")
    if not report.stakes:
        why = ("" if report.rift_outcomes else
               " No rift or rapprochement between them is in the data, so only structural "
               "evidence could count, and that needs them to be allied.")
        out.append(f"\nNo actor has a stake in this rift under these filters.{why}")
        return "\n".join(out)
    width = max(len(f"{s.name} ({s.actor})") for s in report.stakes)
    for verdict in ("gains", "mixed", "loses"):
        group = [s for s in report.stakes if s.verdict == verdict]
        if not group:
            continue
        out.append(f"\n{verdict.upper()}")
        for s in group:
            who = f"{s.name} ({s.actor})".ljust(width)
            out.append(f"  {who}  {s.score:+.2f}  {_summary(s)}")
    out.append("\nWHY" + ("" if explain else "  (--explain shows every claim with its quote)"))
    for s in report.stakes:
        out.append(f"{s.name} {s.verdict} ({s.score:+.2f})")
        for e in s.evidence:
            flags = "".join(f" [{f}]" for f, on in (("contested", e.contested),) if on)
            who = _who_says(G, e)
            out.append(f"  {'+' if e.sign > 0 else '-'}{e.weight:.2f} {_ROUTE_WORD[e.route]}: "
                       f"{chain_text(G, e)}{flags}" + (f"; {who}" if who else ""))
            if explain:
                out.extend(evidence_claim_lines(G, e, "      "))
    return "\n".join(out)


def evidence_claim_lines(G: nx.MultiDiGraph, e: Evidence, indent: str, *,
                         markdown: bool = False) -> list[str]:
    """Each step of a piece of evidence with its support, and under it every claim behind it
    (who, where, stance, confidence, the quote); as nested Markdown list items if asked."""
    out = []
    for st in e.steps:
        if st.kind == MEMBER_OF:
            continue
        step = f"{_step_text(G, st)} (support {st.support:.2f})"
        if markdown:
            out.append(f"{indent}- {_md(step)}")
            out.extend(f"{indent}  - {claim_markdown(G, c)}" for c in st.claims)
        else:
            out.append(indent + step)
            out.extend(claim_line(G, c, indent + "  ") for c in st.claims)
    return out


def claim_markdown(G: nx.MultiDiGraph, c: Claim) -> str:
    """One claim as a line of Markdown: who (where, stance[, graded B2]): “quote”."""
    where = c.source + (f", {c.locator}" if c.locator else "")
    grade = claim_grade(c, G.graph["sources"])
    graded = f", graded {grade}" if grade else ""
    return (f"{_md(node_name(G, c.by))} ({_md(where)}, {c.stance}{graded}): "
            f"\u201c{_md(c.quote)}\u201d")


def _step_text(G: nx.MultiDiGraph, st: Step) -> str:
    if st.kind == INTEREST:
        verb = "wants" if st.sign > 0 else "opposes"
    elif st.kind == EFFECT:
        verb = "advances" if st.sign > 0 else "hinders"
    else:
        verb = f"{G.edges[st.source, st.target, st.edge]['kind']} with"
    return f"{node_name(G, st.source)} {verb} {node_name(G, st.target)}"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_markdown(G: nx.MultiDiGraph, report: RiftReport, *, explain: bool = False) -> str:
    """The report as Markdown: a table, then the evidence (with quotes under ``explain``)."""
    out = [f"## {_md(_heading(G, report))}", "",
           f"Rift outcomes: {', '.join(f'`{r}`' for r in report.rift_outcomes) or 'none'}. "
           f"{_md(_filters(report).capitalize())}.", ""]
    out += ["| actor | verdict | score | evidence |", "| --- | --- | ---: | --- |"]
    for s in report.stakes:
        out.append(f"| {_md(s.name)} (`{s.actor}`) | {s.verdict} | {s.score:+.2f} | "
                   f"{_summary(s)} |")
    out += ["", "### Why", ""]
    for s in report.stakes:
        out.append(f"**{_md(s.name)}** {s.verdict} ({s.score:+.2f})")
        out.append("")
        for e in s.evidence:
            who = _who_says(G, e)
            out.append(f"- {'+' if e.sign > 0 else '-'}{e.weight:.2f} {_ROUTE_WORD[e.route]}: "
                       f"{_md(chain_text(G, e))}" + (f"; {_md(who)}" if who else ""))
            if explain:
                out.extend(f"  - {claim_markdown(G, c)}" for st in e.steps for c in st.claims)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
