"""Small wording helpers every presenter and the command line share (no heavy imports: the
command line loads this on every start)."""

from __future__ import annotations

__all__ = ["count"]


def count(n: int, word: str) -> str:
    """``1 actor``, ``3 actors``: a number and its noun, plural unless it is one."""
    return f"{n} {word}" + ("" if n == 1 else "s")
