"""Small wording helpers every presenter and the command line share (no heavy imports: the
command line loads this on every start)."""

from __future__ import annotations

__all__ = ["count", "verb"]

_VERBS = {"interest": ("wants", "opposes"), "effect": ("advances", "hinders")}


def verb(kind: str, sign: float) -> str:
    """How an interest or an effect edge of sign `sign` reads: ``wants``/``opposes``,
    ``advances``/``hinders`` (`kind` is `actorgraph.model.kinds.INTEREST` or ``EFFECT``)."""
    return _VERBS[kind][0 if sign > 0 else 1]


def count(n: int, word: str) -> str:
    """``1 actor``, ``3 actors``: a number and its noun, plural unless it is one."""
    return f"{n} {word}" + ("" if n == 1 else "s")
