"""Present a `CoalitionReport` (MACTOR) as text, Markdown or JSON keyed by ids."""

from __future__ import annotations

import json
import textwrap
from typing import Any

import networkx as nx
import numpy as np

from ..analyses.mactor import FEW_CELLS, Cell, CoalitionReport
from ..model.records import Claim
from .gains import claim_markdown
from .text import claim_line, node_name
from .words import count

__all__ = ["coalitions_to_dict", "count", "format_coalitions"]


def _r(x: float, digits: int = 4) -> float:
    return round(float(x), digits) + 0.0  # + 0.0: no "-0.0" in the output


def _cell_dict(G: nx.MultiDiGraph, cell: Cell | None) -> dict[str, Any]:
    from .text import claim_dict

    if cell is None:
        return {"value": None, "missing": True, "records": [], "claims": []}
    return {"value": cell.value, "missing": cell.value is None, "contested": cell.contested,
            "alternatives": list(cell.alternatives), "note": cell.note or None,
            "records": list(cell.edges), "claims": [claim_dict(G, c) for c in cell.claims],
            "other_claims": [claim_dict(G, c) for c in cell.other_claims]}


def coalitions_to_dict(G: nx.MultiDiGraph, report: CoalitionReport) -> dict[str, Any]:
    """The report as plain data (what ``--format json`` prints), keyed by actor and outcome ids.

    Input values are the claimed numbers (null where missing); outputs are floats rounded to
    four decimals; ``mao``, ``caa`` and ``daa`` are keyed by level ("1", "2", "3").
    """
    A, OC = report.actors, report.outcomes

    def square(m: np.ndarray) -> dict[str, dict[str, float]]:
        return {a: {b: _r(m[i, j]) for j, b in enumerate(A)} for i, a in enumerate(A)}

    def by_outcome(m: np.ndarray) -> dict[str, dict[str, float]]:
        return {a: {o: _r(m[i, k]) for k, o in enumerate(OC)} for i, a in enumerate(A)}

    def vector(v: np.ndarray) -> dict[str, float]:
        return {a: _r(v[i]) for i, a in enumerate(A)}

    inf, pos = report.influence_cells, report.position_cells
    return {
        "actors": {a: node_name(G, a) for a in A},
        "outcomes": {o: node_name(G, o) for o in OC},
        "options": report.options,
        "inputs": {
            "mid": {a: {b: inf[(a, b)].value if (a, b) in inf else None
                        for b in A if b != a} for a in A},
            "positions": {a: {o: pos[(a, o)].value if (a, o) in pos else None for o in OC}
                          for a in A},
            "missing": {"influence": [list(p) for p in report.missing("influence")],
                        "positions": [list(p) for p in report.missing("positions")]},
            "contested": [[c.row, c.column] for c in inf.values() if c.contested],
        },
        "midi": square(report.midi),
        "influence": vector(report.influence),
        "dependence": vector(report.dependence),
        "retroaction": vector(report.retroaction),
        "r": vector(report.r),
        "r_star": vector(report.r_star),
        "claimed_cells": {a: {"claimed": report.claimed_cells(a), "of": 2 * (len(A) - 1),
                              "few": report.rests_on_few(a)} for a in A},
        "mao": {str(n): by_outcome(report.mao[n]) for n in report.mao},
        "mobilisation": {str(n): {o: {"for": _r(p), "against": _r(c), "total": _r(t)}
                                  for o, (p, c, t) in report.mobilisation(n).items()}
                         for n in report.mao},
        "implication": {str(n): {a: _r(v) for a, v in report.implication(n).items()}
                        for n in report.mao},
        "caa": {str(n): square(report.caa[n]) for n in report.caa},
        "daa": {str(n): square(report.daa[n]) for n in report.daa},
        "most_convergent": [{"a": a, "b": b, "caa3": _r(v)} for a, b, v in report.pairs(3)[:5]],
        "most_divergent": [{"a": a, "b": b, "daa3": _r(v)}
                           for a, b, v in report.pairs(3, divergent=True)[:5]],
        "splitting": [{"outcome": o, "for": _r(p), "against": _r(c)}
                      for o, p, c in report.splitting(3)],
        "cells": {"influence": {f"{a}->{b}": _cell_dict(G, inf.get((a, b)))
                                for a in A for b in A if a != b},
                  "positions": {f"{a}->{o}": _cell_dict(G, pos.get((a, o)))
                                for a in A for o in OC}},
    }




def _filters(report: CoalitionReport) -> str:
    o = report.options
    parts = [f"according to {', '.join(o['according_to'])}" if o["according_to"]
             else "all claimants"]
    if o["exclude"]:
        parts.append(f"without {', '.join(o['exclude'])}")
    if o["min_confidence"]:
        parts.append(f"claims of confidence >= {o['min_confidence']:g}")
    if o["as_of"]:
        parts.append(f"as of {o['as_of']}")
    return "; ".join(parts)


def _matrix(rows: tuple[str, ...], cols: tuple[str, ...], cells: dict[tuple[str, str], Cell],
            signed: bool) -> list[tuple[str, ...]]:
    """The claimed values as table rows: '.' missing, '*' after a contested value."""
    out = []
    for r in rows:
        line = [r]
        for c in cols:
            cell = cells.get((r, c))
            if r == c:
                text = "-"
            elif cell is None or cell.value is None:
                text = "."
            else:
                text = (f"{cell.value:+d}" if signed and cell.value else str(cell.value)) + \
                    ("*" if cell.contested else "")
            line.append(text)
        out.append(tuple(line))
    return out


def _lines(G: nx.MultiDiGraph, report: CoalitionReport, explain: bool, md: bool) -> list[str]:
    A, OC = report.actors, report.outcomes
    name = (lambda x: f"{node_name(G, x)} (`{x}`)") if md else \
        (lambda x: f"{node_name(G, x)} ({x})")
    n_inf = len(A) * (len(A) - 1)
    miss_inf, miss_pos = report.missing("influence"), report.missing("positions")
    head = f"Coalitions (MACTOR): {count(len(A), 'actor')}, {count(len(OC), 'objective')}; " \
        f"{_filters(report)}"
    out = [f"## {head}" if md else head]
    if not A:
        out.append("No influence ties or valued positions pass the filters.")
        return out
    positions = (f"{len(A) * len(OC) - len(miss_pos)} of {len(A) * len(OC)} positions"
                 if OC else "no valued positions")
    out.append(f"Inputs: {n_inf - len(miss_inf)} of {n_inf} influence cells and {positions} "
               "claimed" + (" (missing: counted as 0, shown as '.')" if miss_inf or miss_pos
                            else "") + ".")
    out.append("Direct influence (MID, row on column, 0-3):")
    out += _table(("actor", *A), _matrix(A, A, report.influence_cells, False), md)
    if OC:
        out.append("Positions (2MAO, -3..+3):")
        out += _table(("actor", *OC), _matrix(A, OC, report.position_cells, True), md)
    order = sorted(range(len(A)), key=lambda i: (-report.r_star[i], A[i]))
    cells = 2 * (len(A) - 1)
    out.append("Power (MIDI): Ii direct and indirect influence, Di dependence, retro the "
               "actor's influence on itself through others, r* power coefficient (mean 1)"
               + (f"; claimed: of the {cells} cells of its row and column, how many a source "
                  f"gives ('few': under {FEW_CELLS:.0%}, its r* rests mostly on missing cells "
                  "counted as 0)" if miss_inf else ""))
    rows = [(name(A[i]), f"{report.influence[i]:g}", f"{report.dependence[i]:g}",
             f"{report.retroaction[i]:g}", f"{report.r_star[i]:.2f}",
             f"{report.claimed_cells(A[i])}/{cells}"
             + (" few" if report.rests_on_few(A[i]) else "    ")) for i in order]
    head = ("actor", "Ii", "Di", "retro", "r*", "claimed")
    rows = [tuple(x.strip() for x in r) for r in rows] if md else rows
    out += _table(head if miss_inf else head[:-1],
                  rows if miss_inf else [r[:-1] for r in rows], md)
    if OC:
        mob = report.mobilisation(3)
        out.append("Objectives: mobilisation for and against, positions weighted by r* (3MAO)")
        rows = [(name(o), f"{p:.2f}", f"{c:.2f}", f"{t:.2f}")
                for o, (p, c, t) in sorted(mob.items(), key=lambda kv: (-kv[1][2], kv[0]))]
        out += _table(("objective", "for", "against", "total"), rows, md)
        split = report.splitting(3)
        out.append("Objectives that split the actors: " + ("; ".join(
            f"{node_name(G, o)} ({p:.2f} for, {c:.2f} against)" for o, p, c in split)
            if split else "none"))
        bullet = "- " if md else "  "
        for title, pairs in (("Most convergent pairs (3CAA)", report.pairs(3)[:5]),
                             ("Most divergent pairs (3DAA)",
                              report.pairs(3, divergent=True)[:5])):
            out.append(f"{title}:" + ("" if pairs else " none"))
            out += [f"{bullet}{node_name(G, a)} + {node_name(G, b)}: {v:.2f}"
                    for a, b, v in pairs]
    if miss_inf or miss_pos:
        out.append("Missing (nobody claims them; counted as 0):")
        bullet = "- " if md else "  "
        lines = []
        if miss_inf:
            lines.append(f"{bullet}influence: " + _missing_rows(miss_inf, " -> "))
        if miss_pos:
            lines.append(f"{bullet}positions: " + _missing_rows(
                miss_pos, " on ", {k: c.note for k, c in report.position_cells.items()}))
        out += lines if md else [textwrap.fill(x, 100, subsequent_indent="    ")
                                 for x in lines]
    contested = [c for c in report.influence_cells.values() if c.contested]
    if contested:
        out.append("Contested (claims give other values; the best-supported is used):")
        out += [f"{'- ' if md else '  '}{c.row} -> {c.column}: {c.value} used; also claimed "
                f"{', '.join(map(str, c.alternatives))}" for c in contested]
    if explain:
        out += _explain(G, report, md)
    return out


def _missing_rows(cells: list[tuple[str, str]], joint: str,
                  notes: dict[tuple[str, str], str] | None = None) -> str:
    """``a -> b, c; d -> a`` (one group per row), each cell's note in brackets."""
    rows: dict[str, list[str]] = {}
    for a, b in cells:
        note = (notes or {}).get((a, b))
        rows.setdefault(a, []).append(b + (f" ({note})" if note else ""))
    return "; ".join(f"{a}{joint}{', '.join(bs)}" for a, bs in rows.items())


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]], md: bool) -> list[str]:
    if md:
        return [f"| {' | '.join(head)} |", "| --- |" + " ---: |" * (len(head) - 1),
                *(f"| {' | '.join(r)} |" for r in rows)]
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]
    fmt = [str.ljust] + [str.rjust] * (len(head) - 1)
    return ["  " + "  ".join(f(h.upper() if i == 0 else h, w) for i, (f, h, w)
                             in enumerate(zip(fmt, head, widths, strict=True))).rstrip(),
            *("  " + "  ".join(f(x, w) for f, x, w in zip(fmt, r, widths, strict=True)).rstrip()
              for r in rows)]


def _explain(G: nx.MultiDiGraph, report: CoalitionReport, md: bool) -> list[str]:
    out = ["The claims behind each input cell (cells nobody claims are under Missing):"]
    cells = [("influence", f"{a} -> {b}", report.influence_cells.get((a, b)))
             for a in report.actors for b in report.actors if a != b]
    cells += [("position", f"{a} on {o}", report.position_cells.get((a, o)))
              for a in report.actors for o in report.outcomes]
    for what, where, cell in cells:
        if cell is None:
            continue  # listed under "Missing"
        if cell.value is None:
            out.append(f"{'- ' if md else '  '}{what} {where}: missing ({cell.note})")
        else:
            value = f"{cell.value:+d}" if what == "position" and cell.value else str(cell.value)
            extra = (f" (contested: also {', '.join(map(str, cell.alternatives))})"
                     if cell.contested else "")
            out.append(f"{'- ' if md else '  '}{what} {where}: {value}{extra}")
        out += _claim_lines(G, cell.claims, md)
        if cell.contested:
            out.append(f"{'  - ' if md else '    '}claims for "
                       f"{', '.join(map(str, cell.alternatives))}:")
            out += _claim_lines(G, cell.other_claims, md, deeper=True)
    return out


def _claim_lines(G: nx.MultiDiGraph, claims: tuple[Claim, ...], md: bool, *,
                 deeper: bool = False) -> list[str]:
    if md:
        indent = "    - " if deeper else "  - "
        return [f"{indent}{claim_markdown(G, c)}" for c in claims]
    return [claim_line(G, c, "      " if deeper else "    ") for c in claims]


def format_coalitions(G: nx.MultiDiGraph, report: CoalitionReport, *, fmt: str = "text",
                      explain: bool = False) -> str:
    """The report as ``text``, ``markdown`` or ``json``."""
    if fmt == "json":
        return json.dumps(coalitions_to_dict(G, report), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        from .analyses import _markdown

        return _markdown(_lines(G, report, explain, md=True))
    return "\n".join(line if line.startswith(" ") or len(line) <= 100 else
                     textwrap.fill(line, 100, subsequent_indent="  ")
                     for line in _lines(G, report, explain, md=False)) + "\n"
