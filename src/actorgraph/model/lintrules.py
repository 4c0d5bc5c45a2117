"""The names of ``actorgraph lint``'s rules (what each checks: `actorgraph.analyses.lint`).

Kept apart from the records so the command line can list them without loading pydantic.
"""

from __future__ import annotations

__all__ = ["LINT_RULES"]

LINT_RULES = ("hedged-assertion", "stance-conflict", "quote-reused", "quote-names-nothing",
              "comments-only", "quantity-not-in-text")
