"""Present balance and perspectives reports as text, Markdown or JSON."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

from ..analyses.balance import BalanceReport, Partition, Tie, Triad
from ..analyses.gains import RiftReport
from ..analyses.perspectives import Perspectives, Robustness
from ..model.kinds import RELATION
from .gains import chain_text, claim_markdown, evidence_claim_lines, report_to_dict
from .markdown import md_text
from .text import claim_line, node_name, tie_words
from .words import count

__all__ = ["balance_to_dict", "format_balance", "format_perspectives", "format_robustness",
           "perspectives_to_dict"]


def _namer(G: nx.MultiDiGraph, md: bool) -> Callable[[str], str]:
    """How to name a node: its name, escaped for Markdown when `md` (the data's own text)."""
    return (lambda x: md_text(node_name(G, x))) if md else (lambda x: node_name(G, x))


def _triad(G: nx.MultiDiGraph, t: Triad, md: bool = False) -> str:
    a, b, c = map(_namer(G, md), t.actors)
    s = ["+" if x > 0 else "-" if x < 0 else "?" for x in t.signs]
    return f"{a} {s[0]} {b}, {a} {s[1]} {c}, {b} {s[2]} {c} ({t.pattern})"


def _markdown(lines: list[str]) -> str:
    """Join lines as Markdown: a blank line around each paragraph, so none run together.
    List items, table rows and indented continuation lines stay in their block."""
    def block(line: str) -> bool:
        return line.startswith(("- ", "|", " "))

    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and not (block(line) and block(out[-1])):
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"


def balance_to_dict(report: BalanceReport) -> dict[str, Any]:
    def triad(t: Triad) -> dict[str, Any]:
        return {"actors": list(t.actors), "signs": list(t.signs), "pattern": t.pattern,
                "strictly_balanced": t.strictly_balanced, "weakly_balanced": t.weakly_balanced}

    def tie(t: Tie) -> dict[str, Any]:
        return {"a": t.a, "b": t.b, "sign": t.sign, "relations": list(t.relations)}

    def partition(p: Partition) -> dict[str, Any]:
        return {"blocs": [list(b) for b in p.blocs], "frustration": p.frustration,
                "exact": p.exact, "frustrated_ties": [tie(t) for t in p.frustrated]}

    return {"counts": report.counts(), "walk_balance": report.walk,
            "set_aside": [{"a": s.a, "b": s.b, "relation": s.relation, "later": s.later}
                          for s in report.set_aside],
            "mixed": [{"a": m.a, "b": m.b, "sign": m.sign, "domain": m.domain,
                       "domains": [{"domain": d, "sign": sign, "relations": list(rs)}
                                   for d, sign, rs in m.signs]} for m in report.mixed],
            "strict": partition(report.strict),
            "weak": partition(report.weak),
            "tensions": [triad(t) for t in report.tensions],
            "rift": list(report.rift) if report.rift else None,
            "rift_changes": [{"before": triad(a), "after": triad(b)}
                             for a, b in report.rift_changes],
            "rift_strict": partition(report.rift_strict) if report.rift_strict else None,
            "elsewhere": report.elsewhere, "options": report.options}


def _no_ties_in(report: BalanceReport, domains: list[str]) -> str:
    """Where the friendly and hostile ties are, when none is of the domains asked: counted
    as the answer counts them (pairs, under the same claims)."""
    o = report.options
    where = ("under these filters" if o.get("according_to") or o.get("exclude")
             or o.get("min_confidence") or o.get("as_of") else "in this graph")
    if not report.elsewhere:
        return f"No signed tie {where}, of any domain."
    others = ", ".join(f"{n} {dom}" for dom, n in report.elsewhere.items())
    return (f"No {' or '.join(domains)} tie {where}; signed ties of other domains, counted as "
            f"here: {others} (a tie without 'domain' is other).")


def format_balance(G: nx.MultiDiGraph, report: BalanceReport, *, fmt: str = "text",
                   explain: bool = False) -> str:
    if fmt == "json":
        return json.dumps(balance_to_dict(report), indent=2, ensure_ascii=False)
    md = fmt == "markdown"
    c = report.counts()
    head = "## Structural balance" if md else "Structural balance of the actor-actor relations"
    if domains := report.options.get("domain"):
        head += f" ({' and '.join(domains)} ties only)"
    out = [head, ""] if md else [head]
    ties, triads = len(report.ties), c["triads"]
    if domains and not ties:
        out.append(_no_ties_in(report, domains))
    out.append(f"{count(ties, 'signed tie')}, {count(triads, 'triad')}: strict (Heider) balance "
               f"{c['strict_balanced']} balanced / {c['strict_unbalanced']} unbalanced; weak "
               f"(Davis, --- allowed) {c['weak_balanced']} / {c['weak_unbalanced']}.")
    bullet = "- " if md else "  "
    out += _tie_rule_lines(G, report, bullet, md, explain)
    if report.walk is not None:
        out.append(f"Walk-based balance (Estrada and Benzi; every closed walk, shorter ones "
                   f"weigh more): {report.walk:.4f} (1 = balanced).")
    out += _partition_lines(G, "Strict balance: at most two blocs per connected group",
                            report.strict, bullet, md)
    out += _partition_lines(G, "Weak balance: any number of blocs", report.weak, bullet, md)
    out.append("Tensions to watch (unbalanced triads):" if report.tensions
               else "No unbalanced triads.")
    if explain:  # looked up once: a tie's relations, a relation's claims
        tie_of = {frozenset((t.a, t.b)): t for t in report.ties}
        claims_of = {k: d["claims"] for _, _, k, d in G.edges(keys=True, data=True)
                     if d["type"] == RELATION}
    for t in report.tensions:
        weak = "; weakly balanced" if t.weakly_balanced else ""
        out.append(f"{bullet}{_triad(G, t, md)}{weak}")
        if explain:
            for a, b in itertools.combinations(t.actors, 2):
                for rid in tie_of[frozenset((a, b))].relations:
                    out.extend(f"  - {claim_markdown(G, cl)}" if md
                               else claim_line(G, cl, "      ") for cl in claims_of[rid])
    if report.rift:
        a, b = map(_namer(G, md), report.rift)
        n = len(report.rift_changes)
        out.append(f"A rift between {a} and {b} would change {n} "
                   f"{'triad' if n == 1 else 'triads'}:" if n else
                   f"A rift between {a} and {b} changes no triad: no actor is tied to both.")
        for before, after in report.rift_changes:
            verdict = ("balances it" if after.strictly_balanced and not before.strictly_balanced
                       else "unbalances it" if before.strictly_balanced
                       and not after.strictly_balanced else "keeps its balance")
            out.append(f"{bullet}{_triad(G, after, md)}: {verdict}")
        if report.rift_strict is not None:
            out += _partition_lines(G, "After the rift, strict balance", report.rift_strict,
                                    bullet, md)
    return _markdown(out) if md else "\n".join(out)


def _tie_rule_lines(G: nx.MultiDiGraph, report: BalanceReport, bullet: str, md: bool,
                    explain: bool) -> list[str]:
    """Where the rules that give a pair one sign applied (`actorgraph.analyses.ties`): the
    older ties set aside (each one with `explain`) and every pair whose domains disagree."""
    name = _namer(G, md)
    records = {k: d["record"] for _, _, k, d in G.edges(keys=True, data=True)
               if d["type"] == RELATION}

    def tie(rid: str, domain: bool = True) -> str:
        return " ".join(w for w in tie_words(records[rid], domain) if w)

    def sign(x: int) -> str:
        return "+" if x > 0 else "-"

    out = []
    if n := len(report.set_aside):
        ties = "tie that ended" if n == 1 else "ties that ended"
        if day := report.options.get("as_of"):
            said = (f"Ties valid on {day}: {n} {ties} in the period a later tie of the same "
                    "pair began in set aside")
        else:
            said = (f"Latest period of each pair: {n} {ties} before a later tie of the same "
                    "pair began set aside; use --as-of DATE for another day")
        out.append(said + (":" if explain else "."))
        if explain:
            out += [f"{bullet}{name(s.a)} / {name(s.b)}: {tie(s.relation)}, before "
                    f"{tie(s.later)}" for s in report.set_aside]
    if n := len(report.mixed):
        pairs = "1 pair; it takes" if n == 1 else f"{n} pairs; each takes"
        out.append(f"Ties of different domains disagree for {pairs} the sign of the first of "
                   "security, diplomatic, economic, other that has one:")
        for m in report.mixed:
            said = [f"{d} {sign(x)} ({', '.join(tie(r, False) for r in rs)})"
                    for d, x, rs in m.signs]
            out.append(f"{bullet}{name(m.a)} {sign(m.sign)} {name(m.b)} from {said[0]}; "
                       f"{'; '.join(said[1:])} set aside")
    return out


def _partition_lines(G: nx.MultiDiGraph, title: str, part: Partition, bullet: str,
                     md: bool = False) -> list[str]:
    node_name = _namer(G, md)
    method = "exact" if part.exact else "heuristic: the search ran out, a better split may exist"
    ties = "tie" if part.frustration == 1 else "ties"
    out = [f"{title}, least frustration ({method}): {part.frustration} {ties} against the "
           "blocs."]
    out += [f"{bullet}bloc {i}: {', '.join(node_name(n) for n in bloc)}"
            for i, bloc in enumerate(part.blocs, 1)]
    for t in part.frustrated:
        where = "between blocs" if t.sign > 0 else "inside a bloc"
        kind = "positive" if t.sign > 0 else "negative"
        out.append(f"{bullet}against: {node_name(t.a)} / {node_name(t.b)} ({kind}, {where})")
    return out


def perspectives_to_dict(p: Perspectives) -> dict[str, Any]:
    return {"rift": {"a": p.a, "b": p.b}, "by": p.by, "columns": list(p.columns),
            "members": {k: list(v) for k, v in p.members.items()},
            "cells": {actor: {col: {"verdict": v, "score": round(s, 4)}
                              for col, (v, s) in row.items()} for actor, row in p.cells.items()},
            "disagreements": list(p.disagreements), "silent": list(p.silent),
            "contested": [s.actor for s in p.reports["all"].stakes if s.contested]
            if "all" in p.reports else [],
            "causes": [{"event": c.event, "chain": list(c.chain), "voices": list(c.voices),
                        "support_voices": list(c.support_voices),
                        "denied_by": list(c.denied_by), "support": round(c.support, 4),
                        "contested": c.contested}
                       for c in (p.reports["all"].causes if "all" in p.reports else ())]}


def _cause_note(G: nx.MultiDiGraph, cause: Any) -> str:
    """`` (resting also on X; denied by Y)``: whose word the account's support needs
    beside its namers', and who denies it."""
    also = [v for v in cause.support_voices if v not in cause.voices]
    parts = ([f"resting also on {', '.join(node_name(G, v) for v in also)}"] if also else []) \
        + ([f"denied by {', '.join(node_name(G, v) for v in cause.denied_by)}"]
           if cause.denied_by else [])
    return f" ({'; '.join(parts)})" if parts else ""


def format_perspectives(G: nx.MultiDiGraph, p: Perspectives, *, fmt: str = "text",
                        explain: bool = False) -> str:
    if fmt == "json":
        return json.dumps(perspectives_to_dict(p), indent=2, ensure_ascii=False)
    cols = list(p.columns)
    md = fmt == "markdown"
    name = _namer(G, md)
    esc = md_text if md else str
    title = (f"Who gains from a rift between {name(p.a)} and {name(p.b)}, "
             f"perspective by perspective ({p.by})")
    rows = [[f"{name(a)} ({a})", *(_cell(p.cells[a].get(c)) for c in cols)]
            for a in p.cells]
    header = ["actor", *(name(c) for c in cols)]
    out = []
    if fmt == "markdown":
        out += [f"## {title}", "", "| " + " | ".join(header) + " |",
                "|" + " --- |" * len(header)]
        out += ["| " + " | ".join(r) + " |" for r in rows]
        out.append("")
    else:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        out += [title, "  ".join(h.ljust(w) for h, w in zip(header, widths,
                                                              strict=True)).rstrip()]
        out += ["  ".join(x.ljust(w) for x, w in zip(r, widths, strict=True)).rstrip()
                for r in rows]
    grouped = [c for c in cols if c in p.members and list(p.members[c]) != [c]]
    if grouped:  # a perspective that gathers several claimants (or is not one by name)
        out.append("Perspectives: " + "; ".join(
            f"{name(c)} = {', '.join(map(name, p.members[c]))}" for c in grouped))
    if p.silent:
        out.append("No verdict on their word alone: " + ", ".join(
            name(x) for x in p.silent))
    if p.disagreements:
        out.append("Claimants disagree on: " + ", ".join(name(a) for a in p.disagreements))
    else:
        out.append("No perspective contradicts another (gains against loses); a blank cell "
                   "means that perspective says nothing about the actor.")
    everyone = p.reports.get("all")
    contested = [s for s in everyone.stakes if s.contested] if everyone else []
    if contested:
        out.append("Contested (independent voices disagree): " + "; ".join(
            f"{s.name} {s.verdict}, against it {', '.join(node_name(G, v) for v in s.against)}"
            for s in contested))
    causes = everyone.causes if everyone else ()
    if any(c.contested for c in causes):
        out.append("Contested cause of the rift: " + "; ".join(
            f"{', '.join(node_name(G, v) for v in c.voices)}: "
            f"{' -> '.join(_event_label(G, e) for e in c.chain)}" + _cause_note(G, c)
            for c in causes))
    if explain:
        out.append("Why, perspective by perspective:")
        for actor in p.cells:
            for col in cols:
                if col == "all" or actor not in [s.actor for s in p.reports[col].stakes]:
                    continue
                stake = p.reports[col].stake(actor)
                for ev in stake.evidence:
                    head = f"{name(actor)} [{esc(col)}]: {esc(chain_text(G, ev))}"
                    out.append(f"- {head}" if md else f"  {head}")
                    out.extend(evidence_claim_lines(G, ev, "  " if md else "      ",
                                                    markdown=md))
    return _markdown(out) if fmt == "markdown" else "\n".join(out)


def _event_label(G: nx.MultiDiGraph, eid: str) -> str:
    event = G.graph["events"].get(eid)
    return event.label if event is not None else eid


def _cell(value: tuple[str, float] | None) -> str:
    """``gains 0.60``: the verdict and its support in that perspective."""
    return "" if value is None else f"{value[0]} {value[1]:.2f}"


def format_robustness(G: nx.MultiDiGraph, report: RiftReport,
                      robust: Mapping[str, Robustness], *, fmt: str = "text") -> str:
    """What ``gains --robustness`` adds: a section after the text or Markdown report, or, for
    JSON, the whole report with ``robustness`` ({robust, rests_on}) on every stake."""
    if fmt == "json":
        data = report_to_dict(G, report)
        for stake in data["stakes"]:
            r = robust.get(stake["actor"])
            stake["robustness"] = None if r is None else {"robust": r.robust,
                                                          "rests_on": list(r.rests_on)}
        return json.dumps(data, indent=2, ensure_ascii=False)
    md = fmt == "markdown"
    out = (["", "### Robustness (leave one source, claimant or voice out)", ""] if md
           else ["", "ROBUSTNESS (leave one source, claimant or voice out)"])
    out += [f"{'- ' if md else '  '}{md_text(s.name) if md else s.name} {s.verdict}: "
            f"{robust[s.actor].label}"
            for s in report.stakes if s.actor in robust]
    return "\n".join(out)
