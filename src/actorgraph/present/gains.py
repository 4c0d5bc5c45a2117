"""Present a `RiftReport` as text, Markdown or JSON (plain data, stable keys).

Every answer states what its number means (`actorgraph.analyses.evidence.MEANING`), gives
it with ICD 203 words and the number of independent voices ("likely (0.60, 1 voice)"),
shows the stake beside it, says "contested" with both sides where voices disagree, and keeps
the tool's own inferences in a section of their own.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

import networkx as nx

from ..analyses.evidence import MEANING, Support
from ..analyses.gains import Evidence, RiftReport, Stake, Step
from ..model.kinds import EFFECT, INTEREST, MEMBER_OF
from ..model.records import Claim, claim_grade
from .markdown import md_code
from .markdown import md_text as _md
from .text import claim_dict, claim_line, node_name, quantity_text, relay_text
from .uncounted import uncounted_dicts, uncounted_lines, uncounted_markdown
from .words import count, verb

__all__ = ["chain_text", "format_json", "format_markdown", "format_text", "report_to_dict",
           "support_text"]

_ROUTE_WORD = {"direct": "direct", "outcome": "chain", "effect": "effect chain",
               "membership": "via bloc", "structural": "structural"}


def _step_dict(G: nx.MultiDiGraph, s: Step) -> dict[str, Any]:
    return {"edge": s.edge, "kind": s.kind, "source": s.source, "target": s.target,
            "sign": s.sign, "support": round(s.support, 4), "contested": s.contested,
            "voices": sorted(v for v, _ in s.link[0]),
            "denied_by": sorted(v for v, _ in s.link[1]),
            "claims": [claim_dict(G, c) for c in s.claims]}


def _evidence_dict(G: nx.MultiDiGraph, e: Evidence) -> dict[str, Any]:
    return {"route": e.route, "sign": e.sign, "weight": round(e.weight, 4),
            "outcome": e.outcome, "inferred": e.inferred, "contested": e.contested,
            "reason": e.reason or None, "claimants": list(e.claimants),
            "denying_claimants": list(e.denied_by),
            "voices": list(e.voices), "steps": [_step_dict(G, s) for s in e.steps]}


def _stake_dict(G: nx.MultiDiGraph, s: Stake) -> dict[str, Any]:
    return {"actor": s.actor, "name": s.name, "verdict": s.verdict,
            "score": round(s.score, 4), "words": s.support.words,
            "voices": list(s.voices), "voice_count": len(s.voices),
            "stake": s.stake, "interests": s.interests, "effects": s.effects,
            "contested": s.contested, "against": list(s.against),
            "gain": round(s.gain, 4), "gain_voices": list(s.gain_voices),
            "loss": round(s.loss, 4), "loss_voices": list(s.loss_voices),
            "method": s.method, "evidence": [_evidence_dict(G, e) for e in s.evidence]}


def report_to_dict(G: nx.MultiDiGraph, report: RiftReport) -> dict[str, Any]:
    """The report as plain data: what ``--format json`` prints. ``stakes[].score`` is the
    verdict's support (``meaning`` says what that is); ``inferred`` holds the tool's own
    inferences (filled with ``--inferred``), ``causes`` the accounts of what caused the rift."""
    causes = [{"event": c.event, "label": node_label(G, c.event), "chain": list(c.chain),
               "actors": list(c.actors), "voices": list(c.voices),
               "support_voices": list(c.support_voices),
               "denied_by": list(c.denied_by), "contested": c.contested,
               "support": round(c.support, 4), "method": c.method,
               "claims": [claim_dict(G, x) for x in c.claims],
               "effect_claims": [claim_dict(G, x) for x in c.effect_claims],
               "links": [{"event": x.event, "to": x.to, "sign": x.sign,
                          "claims": [claim_dict(G, y) for y in x.claims]} for x in c.links]}
              for c in report.causes]
    return {"rift": {"a": report.a, "b": report.b, "outcomes": list(report.rift_outcomes)},
            "options": report.options, "meaning": MEANING,
            "stakes": [_stake_dict(G, s) for s in report.stakes],
            "inferred": [_stake_dict(G, s) for s in report.inferred],
            "causes": {"contested": any(c.contested for c in report.causes),
                       "accounts": causes},
            "uncounted_event_effects": uncounted_dicts(G, report)}


def format_json(G: nx.MultiDiGraph, report: RiftReport) -> str:
    return json.dumps(report_to_dict(G, report), indent=2, ensure_ascii=False)


def node_label(G: nx.MultiDiGraph, node: str) -> str:
    """A node's or an event's label, else the id."""
    event = G.graph["events"].get(node)
    return event.label if event is not None and node not in G else node_name(G, node)


def chain_text(G: nx.MultiDiGraph, e: Evidence) -> str:
    """One line saying why: the chain from the rift to the actor's interest."""
    if e.route == "structural":
        return f"{e.reason} (inferred from relations)"
    parts = []
    effects = [s for s in e.steps if s.kind == EFFECT]
    if effects:
        parts.append(node_name(G, effects[0].source))
        for s in effects:
            parts.append(f"{verb(EFFECT, s.sign)} {node_name(G, s.target)}")
        path = " -> ".join(parts) + "; "
    else:
        path = ""
    interest = next((s for s in e.steps if s.kind == INTEREST), None)
    if interest is None:  # an effect route: the chain ends on the actor itself
        text = path[:-2]
    else:
        stance = "wants" if interest.sign > 0 else "opposes"
        text = f"{path}{node_name(G, interest.source)} {stance} {node_name(G, interest.target)}"
    for s in e.steps:
        if s.kind == MEMBER_OF:
            text += f"; {node_name(G, s.source)} is a member of {node_name(G, s.target)}"
    return text


def _names(G: nx.MultiDiGraph, ids: Any) -> str:
    return ", ".join(node_name(G, x) for x in ids)


def support_text(G: nx.MultiDiGraph, support: Support, *, names: bool = False) -> str:
    """``likely (0.60, 1 voice)``, with the voices' names if asked."""
    text = support.describe()
    return text[:-1] + f": {_names(G, support.voices)})" if names and support.voices else text


def _who_says(G: nx.MultiDiGraph, e: Evidence) -> str:
    """Who the route's claims come from. For the tool's own inference the claimants said the
    links it rests on, never the verdict, and the words say so."""
    names = [node_name(G, c) for c in e.claimants]
    denied = f"; denied by {_names(G, e.denied_by)}" if e.denied_by else ""
    if not names:
        return denied[2:]
    if e.inferred:
        return "the tool's inference from links claimed by " + ", ".join(names) + denied
    return "according to " + ", ".join(names) + denied


def _filters(G: nx.MultiDiGraph, report: RiftReport) -> str:
    o = report.options
    parts = [f"depth {o['depth']}", f"voices by {o['voices']}"]
    if o["according_to"]:
        parts.append("according to " + ", ".join(o["according_to"]))
    if o["exclude"]:
        parts.append("excluding " + ", ".join(o["exclude"]))
    if o["min_confidence"]:
        parts.append(f"min confidence {o['min_confidence']}")
    if o["as_of"]:
        undated = sum(1 for src in G.graph["sources"].values() if not src.published)
        parts.append(f"as of {o['as_of']}" + (
            f" ({count(undated, 'source')} with no publication date kept)"
            if undated else ""))
    return ", ".join(parts)


def _summary(s: Stake) -> str:
    routes: dict[str, int] = {}
    for e in s.evidence:
        routes[_ROUTE_WORD[e.route]] = routes.get(_ROUTE_WORD[e.route], 0) + 1
    plural = {"chain": "chains", "effect chain": "effect chains", "via bloc": "via blocs"}
    return ", ".join(f"{n} {plural.get(r, r)}" if n > 1 else r for r, n in routes.items())


def _route_head(e: Evidence) -> str:
    """``gain 0.60 direct``: the side, the chance this route alone holds, the route."""
    return f"{'gain' if e.sign > 0 else 'loss'} {e.weight:.2f} {_ROUTE_WORD[e.route]}"


def _stake_text(s: Stake) -> str:
    parts = [count(n, word)
             for n, word in ((s.interests, "interest"), (s.effects, "effect"))
             if n or (word == "interest" and not s.effects)]
    return f"stake {s.stake:g} ({', '.join(parts)})"


def _contest_text(G: nx.MultiDiGraph, s: Stake) -> str:
    """Both sides of a contested verdict: ``contested: loses 0.60 per Russian Foreign ...``."""
    if not s.contested:
        return ""
    if s.verdict == "mixed":
        return (f"contested: gains {s.gain:.2f} per {_names(G, s.gain_voices)}; loses "
                f"{s.loss:.2f} per {_names(G, s.loss_voices)}")
    other = s.loss if s.verdict == "gains" else s.gain
    opposite = "loses" if s.verdict == "gains" else "gains"
    side = f"{opposite} {other:.2f}; " if other else ""
    return f"contested: {side}against it {_names(G, s.against)}"


def _no_rift(report: RiftReport) -> str:
    return "" if report.rift_outcomes else " No rift or rapprochement between them is in the data."


def _heading(G: nx.MultiDiGraph, report: RiftReport) -> str:
    return (f"Who gains from a rift between {node_name(G, report.a)} and "
            f"{node_name(G, report.b)}?")


def _ranking_rows(G: nx.MultiDiGraph, stakes: tuple[Stake, ...]) -> list[str]:
    out: list[str] = []
    width = max(len(f"{s.name} ({s.actor})") for s in stakes)
    sup_width = max(len(s.support.describe()) for s in stakes)
    for verdict in ("gains", "mixed", "loses"):
        group = [s for s in stakes if s.verdict == verdict]
        if not group:
            continue
        out.append(f"\n{verdict.upper()}")
        for s in group:
            who = f"{s.name} ({s.actor})".ljust(width)
            row = f"  {who}  {s.support.describe().ljust(sup_width)}  {_stake_text(s)}; " \
                  f"{_summary(s)}"
            contest = _contest_text(G, s)
            out.append(row + (f"\n    {contest}" if contest else ""))
    return out


def _causes(G: nx.MultiDiGraph, report: RiftReport) -> tuple[str, list[str]]:
    """The causes section: a note saying whether contested, and one row per account."""
    contested = any(c.contested for c in report.causes)
    n = len(report.causes)
    note = (f"  (contested: the sources give {count(n, 'account')}"
            f"{_denied(report) if any(c.denied_by for c in report.causes) else ''})"
            if contested else "")
    rows = []
    for c in report.causes:
        chain = " -> ".join(node_label(G, e) for e in c.chain)
        support = Support(c.support, c.support_voices, c.method)
        rows.append(f"{chain}: {support_text(G, support, names=True)}{_named_by(G, c)}")
    return note, rows


def _named_by(G: nx.MultiDiGraph, cause: Any) -> str:
    """``; named by X`` when fewer voices name the account than its support rests on, and
    ``; denied by Y`` when a voice denies it."""
    named = (f"; named by {_names(G, cause.voices)}"
             if set(cause.voices) != set(cause.support_voices)
             else "")
    return named + (f"; denied by {_names(G, cause.denied_by)}" if cause.denied_by else "")


def cause_claims(G: nx.MultiDiGraph, cause: Any) -> list[tuple[str, list[Claim]]]:
    """An account's claims, each once, under the link it is about: that an event of its
    chain happened, or that the event's effect works on the rift (or a rapprochement)."""
    return [(f"event: {node_label(G, x.event)}" if x.to is None else
             f"effect: {node_label(G, x.event)} {x.sign} {node_label(G, x.to)}",
             list(x.claims)) for x in cause.links if x.claims]


def _denied(report: RiftReport) -> str:
    return " and deny it" if len(report.causes) == 1 else " and deny one"


def _causes_lines(G: nx.MultiDiGraph, report: RiftReport, explain: bool = False) -> list[str]:
    if not report.causes:
        return []
    note, rows = _causes(G, report)
    out = ["", f"WHAT CAUSED THE RIFT{note}"]
    for cause, row in zip(report.causes, rows, strict=True):
        out.append(f"  {row}")
        if explain:
            for head, claims in cause_claims(G, cause):
                out.append(f"      {head}")
                out.extend(claim_line(G, c, "        ") for c in claims)
    return out


_INFERRED_OFF = ("The tool's own inferences, from bloc membership and structural balance, are "
                 "left out; --inferred shows them apart.")
_INFERRED_NOTE = "no source says these; they never change the ranking above"


def _inferred_rows(report: RiftReport) -> list[str]:
    return [f"{s.name} ({s.actor}) {s.verdict}: {s.support.describe()}; {_summary(s)}"
            for s in report.inferred]


def _inferred_lines(report: RiftReport) -> list[str]:
    if not report.options.get("inferred"):
        return ["", f"({_INFERRED_OFF})"]
    rows = _inferred_rows(report) or ["none"]
    return ["", f"INFERRED BY THE TOOL  ({_INFERRED_NOTE})", *(f"  {r}" for r in rows)]


def _inferred_markdown(report: RiftReport) -> list[str]:
    if not report.options.get("inferred"):
        return ["", f"_{_INFERRED_OFF}_"]
    rows = _inferred_rows(report) or ["none"]
    return ["", f"### Inferred by the tool ({_INFERRED_NOTE})", "",
            *(f"- {_md(r)}" for r in rows)]


def format_text(G: nx.MultiDiGraph, report: RiftReport, *, explain: bool = False) -> str:
    """The report for a terminal: the ranking, the causes, the inferences, then why."""
    out = [_heading(G, report)]
    rifts = ", ".join(report.rift_outcomes) or "none"
    out.append(f"Rift outcomes in the data: {rifts}. {_filters(G, report).capitalize()}.")
    out.append(textwrap.fill(f"Ranked by {MEANING}.", width=100))
    if report.stakes:
        out += _ranking_rows(G, report.stakes)
    else:
        out.append("\nNo source gives an actor a stake in this rift under these filters."
                   f"{_no_rift(report)}")
    out += uncounted_lines(G, report)
    out += _causes_lines(G, report, explain)
    out += _inferred_lines(report)
    if not (report.stakes or report.inferred):
        return "\n".join(out)
    out.append("\nWHY  (each route with the chance that it alone holds" +
               ("" if explain else "; --explain shows every claim with its quote") + ")")
    for s in (*report.stakes, *report.inferred):
        tag = " [inferred]" if s in report.inferred else ""
        out.append(f"{s.name} {s.verdict}{tag}: {support_text(G, s.support, names=True)}")
        for e in s.evidence:
            flags = "".join(f" [{f}]" for f, on in (("contested", e.contested),) if on)
            who = _who_says(G, e)
            out.append(f"  {_route_head(e)}: {chain_text(G, e)}{flags}" +
                       (f"; {who}" if who else ""))
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
    """One claim as a line of Markdown: who[, via relays] (where, stance[, likelihood][,
    graded B2]): “quote”[ (quantity)]."""
    where = c.source + (f", {c.locator}" if c.locator else "")
    grade = claim_grade(c, G.graph["sources"])
    graded = f", graded {grade}" if grade else ""
    likely = f", {c.likelihood}" if c.likelihood else ""
    quantity = f" (quantity: {_md(quantity_text(c))})" if c.quantity else ""
    return (f"{_md(node_name(G, c.by) + relay_text(G, c))} ({_md(where)}, {c.stance}{likely}"
            f"{graded}): \u201c{_md(c.quote)}\u201d{quantity}")


def _step_text(G: nx.MultiDiGraph, st: Step) -> str:
    if st.kind in (INTEREST, EFFECT):
        says = verb(st.kind, st.sign)
    else:
        says = f"{G.edges[st.source, st.target, st.edge]['kind']} with"
    return f"{node_name(G, st.source)} {says} {node_name(G, st.target)}"


def format_markdown(G: nx.MultiDiGraph, report: RiftReport, *, explain: bool = False) -> str:
    """The report as Markdown: a table, the causes, the inferences, then the evidence."""
    out = [f"## {_md(_heading(G, report))}", "",
           f"Rift outcomes: {', '.join(map(md_code, report.rift_outcomes)) or 'none'}. "
           f"{_md(_filters(G, report).capitalize())}. Ranked by {MEANING}.", ""]
    if report.stakes:
        out += ["| actor | verdict | support | stake | contested | evidence |",
                "| --- | --- | --- | ---: | --- | --- |"]
    else:
        out.append("No source gives an actor a stake in this rift under these filters."
                   f"{_no_rift(report)}")
    for s in report.stakes:
        out.append(f"| {_md(s.name)} ({md_code(s.actor, in_table=True)}) | {s.verdict} | "
                   f"{s.support.describe()} | {s.stake:g} | {_md(_contest_text(G, s)) or 'no'} "
                   f"| {_summary(s)} |")
    out += uncounted_markdown(G, report)
    if report.causes:
        note, rows = _causes(G, report)
        out += ["", f"### What caused the rift{note}", ""]
        for cause, row in zip(report.causes, rows, strict=True):
            out.append(f"- {_md(row)}")
            if explain:
                for head, claims in cause_claims(G, cause):
                    out.append(f"  - {_md(head)}")
                    out.extend(f"    - {claim_markdown(G, c)}" for c in claims)
    out += _inferred_markdown(report)
    if not (report.stakes or report.inferred):
        return "\n".join(out).rstrip() + "\n"
    out += ["", "### Why", ""]
    for s in (*report.stakes, *report.inferred):
        tag = " (inferred)" if s in report.inferred else ""
        out.append(f"**{_md(s.name)}** {s.verdict}{tag}: "
                   f"{_md(support_text(G, s.support, names=True))}")
        out.append("")
        for e in s.evidence:
            who = _who_says(G, e)
            out.append(f"- {_route_head(e)}: {_md(chain_text(G, e))}" +
                       (f"; {_md(who)}" if who else ""))
            if explain:
                out.extend(f"  - {claim_markdown(G, c)}" for st in e.steps for c in st.claims)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
