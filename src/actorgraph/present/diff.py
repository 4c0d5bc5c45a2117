"""Present a `GraphDiff` as text (coloured like ``git diff`` on a terminal), Markdown or JSON.

The JSON form is stable: ``{"old", "new", "summary": {kind: n}, "renames": {old: new},
"records": [{"kind", "type", "id", "old_id", "old_origin", "new_origin",
"fields": [{"field", "old", "new"}]}], "rifts": [[a, b]], "answers": [{"rift": [a, b],
"actor", "kind", "old": {"verdict", "score"} | null, "new": ... | null}]}``.
"""

from __future__ import annotations

import json
from typing import Any

from ..analyses.diff import AnswerChange, GraphDiff, RecordChange, file_stats
from .markdown import md_code, md_text
from .words import count

__all__ = ["diff_to_dict", "format_diff_json", "format_diff_markdown", "format_diff_stat",
           "format_diff_text"]

_SIGN = {"added": "+", "removed": "-", "changed": "~", "renamed": ">"}
_COLOR = {"added": "32", "removed": "31", "changed": "33", "renamed": "36", "head": "1"}


def _summary(d: GraphDiff) -> dict[str, int]:
    return {k: d.count(k) for k in ("added", "removed", "changed", "renamed")}


def diff_to_dict(d: GraphDiff) -> dict[str, Any]:
    def origin(o: Any) -> str | None:
        return str(o) if o else None

    def answer(a: AnswerChange) -> dict[str, Any]:
        def side(v: str | None, s: float | None) -> dict[str, Any] | None:
            return None if v is None else {"verdict": v, "score": round(s or 0.0, 4)}
        return {"rift": list(a.rift), "actor": a.actor, "kind": a.kind,
                "old": side(a.old_verdict, a.old_score), "new": side(a.new_verdict, a.new_score)}

    return {"old": d.old, "new": d.new, "summary": _summary(d), "renames": d.renames,
            "records": [{"kind": r.kind, "type": r.type, "id": r.id, "old_id": r.old_id,
                         "old_origin": origin(r.old_origin), "new_origin": origin(r.new_origin),
                         "fields": [{"field": f.field, "old": f.old, "new": f.new}
                                    for f in r.fields]} for r in d.records],
            "rifts": [list(p) for p in d.rifts],
            "answers": [answer(a) for a in d.answers]}


def format_diff_json(d: GraphDiff) -> str:
    return json.dumps(diff_to_dict(d), indent=2, ensure_ascii=False)


def _short(value: Any, limit: int = 70) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _verdict(v: str | None, s: float | None) -> str:
    return "no stake" if v is None else f"{v} {s:.2f}"


def _answer_line(a: AnswerChange) -> tuple[str, str]:
    """(kind for colour, text)."""
    if a.kind == "appeared":
        return "added", f"+ {a.actor}: now {_verdict(a.new_verdict, a.new_score)}"
    if a.kind == "disappeared":
        return "removed", (f"- {a.actor}: no stake any more (was "
                           f"{_verdict(a.old_verdict, a.old_score)})")
    return "changed", (f"~ {a.actor}: {_verdict(a.old_verdict, a.old_score)} -> "
                       f"{_verdict(a.new_verdict, a.new_score)}")


def _record_lines(r: RecordChange) -> list[tuple[str, str]]:
    head = f"{_SIGN[r.kind]} {r.id}"
    if r.kind == "renamed":
        head += f" (renamed from {r.old_id})"
    elif r.old_id:
        head += f" (was {r.old_id})"
    where = r.new_origin or r.old_origin
    lines = [(r.kind, f"{head}  [{where}]" if where else head)]
    lines += [(r.kind, f"    {f.field}: {_short(f.old)} -> {_short(f.new)}") for f in r.fields]
    return lines


def _painter(color: bool) -> Any:
    def paint(kind: str, text: str) -> str:
        return f"\033[{_COLOR[kind]}m{text}\033[0m" if color and text else text
    return paint


def _answers_line(d: GraphDiff) -> str:
    rifts = len({a.rift for a in d.answers})
    if d.answers:
        return f"answers: {count(len(d.answers), 'stake')} changed in {count(rifts, 'rift')}"
    n = len(d.rifts)
    return f"answers: unchanged for {count(n, 'rift')}" if n else ""


def format_diff_stat(d: GraphDiff, *, color: bool = False, width: int = 40) -> str:
    """Records changed per file, like ``git diff --stat``: a count and a bar of ``+`` added,
    ``-`` removed, ``~`` changed and ``>`` renamed (scaled to `width` for large counts).

    The last lines total the files and records, and say how many stakes in how many rifts
    changed (``--stat`` without the record lines of the full text).
    """
    paint = _painter(color)
    stats = file_stats(d)
    if not d:
        return "no differences"
    out = []
    name_width = max((len(s.file) for s in stats), default=0)
    most = max((s.total for s in stats), default=0)
    for s in stats:
        scale = min(1.0, width / most)
        bar = "".join(paint(kind, _SIGN[kind] * max(1 if n else 0, round(n * scale)))
                      for kind, n in (("added", s.added), ("removed", s.removed),
                                      ("changed", s.changed), ("renamed", s.renamed)))
        out.append(f" {s.file.ljust(name_width)} | {str(s.total).rjust(len(str(most)))} {bar}")
    summary = _summary(d)
    out.append(f" {count(len(stats), 'file')} changed, "
               + ", ".join(f"{n} {k}" for k, n in summary.items()))
    answers = _answers_line(d)
    return "\n".join([*out, answers] if answers else out)


def format_diff_text(d: GraphDiff, *, color: bool = False) -> str:
    """Grouped by record type, then the answers; ANSI colours when `color`."""
    paint = _painter(color)

    s = _summary(d)
    out = [paint("head", f"actorgraph diff {d.old} -> {d.new}")]
    if not d:
        out.append("no differences")
        return "\n".join(out)
    out.append("records: " + ", ".join(f"{n} {k}" for k, n in s.items()))
    current = None
    for r in d.records:
        if r.type != current:
            current = r.type
            out.append(paint("head", f"{r.type}s"))
        out += [paint(kind, "  " + text) for kind, text in _record_lines(r)]
    if d.answers:
        out.append(paint("head", "answers"))
        current_rift = None
        for a in d.answers:
            if a.rift != current_rift:
                current_rift = a.rift
                out.append(f"  who gains from a rift between {a.rift[0]} and {a.rift[1]}:")
            kind, text = _answer_line(a)
            out.append(paint(kind, "    " + text))
    elif d.rifts:
        out.append(_answers_line(d))
    return "\n".join(out)


def format_diff_markdown(d: GraphDiff) -> str:
    """For a pull-request comment: a summary, a table of records, the answers that moved."""
    s = _summary(d)
    out = [f"### actorgraph diff {md_code(d.old)} → {md_code(d.new)}", ""]
    if not d:
        return "\n".join([*out, "No differences."]) + "\n"
    out += [", ".join(f"**{n}** {k}" for k, n in s.items()), ""]
    if d.records:
        out += ["| change | type | id | fields |", "| --- | --- | --- | --- |"]
        for r in d.records:
            ident = md_code(r.id, in_table=True) + (
                f" (from {md_code(r.old_id, in_table=True)})" if r.old_id else "")
            # the values are the data's own text: escaped, so none becomes HTML or a cell
            fields = "<br>".join(md_text(f"{f.field}: {_short(f.old, 40)} → "
                                         f"{_short(f.new, 40)}") for f in r.fields)
            out.append(f"| {r.kind} | {r.type} | {ident} | {fields} |")
        out.append("")
    if d.answers:
        out += ["#### Answers that changed", ""]
        for a in d.answers:
            out.append(f"- rift {md_text(a.rift[0])} / {md_text(a.rift[1])}: "
                       f"{md_text(_answer_line(a)[1])}")
    elif d.rifts:  # as the text says it: a reviewer needs to know nothing moved
        out.append(md_text(_answers_line(d).capitalize()) + ".")
    return "\n".join(out).rstrip() + "\n"
