"""The findings of ``actorgraph lint`` for a terminal (one line each, like a compiler) or JSON."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..analyses.lint import Finding, LintReport
from .words import count

__all__ = ["format_lint"]


def _line(f: Finding) -> str:
    return f"{f.origin}: warning: {f.message} [{f.rule}]"


def _dict(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "file": f.origin.file, "line": f.origin.line,
            "column": f.origin.column, "message": f.message, "record": f.record,
            "claim": f.claim}


def format_lint(report: LintReport, *, fmt: str = "text") -> str:
    """The report as text (a line per finding, then a summary) or JSON."""
    if fmt == "json":
        return json.dumps({"findings": [_dict(f) for f in report.findings],
                           "acknowledged": [_dict(f) for f in report.acknowledged],
                           "claims_checked": report.claims}, indent=2, ensure_ascii=False)
    out = [_line(f) for f in report.findings]
    acknowledged = len(report.acknowledged)
    quiet = (f"; {acknowledged} acknowledged in the YAML (lint: ignore)" if acknowledged
             else "")
    if report.findings:
        rules = Counter(f.rule for f in report.findings)
        by_rule = ", ".join(f"{n} {rule}" for rule, n in sorted(rules.items()))
        n = len(report.findings)
        out.append(f"lint: {count(n, 'finding')} ({by_rule}) in "
                   f"{report.claims} claims{quiet}")
    else:
        out.append(f"lint: clean, {report.claims} claims checked{quiet}")
    return "\n".join(out)
