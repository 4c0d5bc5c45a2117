"""A route of evidence: a chain of steps from a rift to an actor's stake, and the chance that
it alone holds (`actorgraph.analyses.evidence`). Stated routes are built by `gains`, inferred
ones by `inferred`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..model.kinds import MEMBER_OF
from .claims import Step
from .evidence import probability

__all__ = ["Evidence", "Route", "route_weight"]

Route = Literal["direct", "outcome", "effect", "membership", "structural"]


@dataclass(frozen=True)
class Evidence:
    """Why `actor` gains (sign +1) or loses (-1): a route of steps from the rift."""

    actor: str
    route: Route
    sign: int
    weight: float
    """The chance that this route alone holds (its links' voices right, none denied)."""
    steps: tuple[Step, ...]
    outcome: str | None = None
    """The outcome the actor has an interest in (None for structural evidence, and for an
    effect route, which ends on the actor itself)."""
    reason: str = ""

    @property
    def inferred(self) -> bool:
        return self.route in ("structural", "membership")

    @property
    def contested(self) -> bool:
        return any(s.contested for s in self.steps)

    @property
    def claimants(self) -> tuple[str, ...]:
        """Who asserts (or speculates) a link of the route: whose word it rests on."""
        return tuple(sorted({c.by for s in self.steps for c in s.claims
                             if c.stance != "denies"}))

    @property
    def denied_by(self) -> tuple[str, ...]:
        """Who denies a link of the route (a claimant may assert one link, deny another)."""
        return tuple(sorted({c.by for s in self.steps for c in s.claims
                             if c.stance == "denies"}))

    @property
    def voices(self) -> tuple[str, ...]:
        return tuple(sorted({v for s in self.steps for v, _ in s.link[0]}))

    @property
    def links(self) -> list[Any]:
        return [s.link for s in self.steps if s.kind != MEMBER_OF]


def route_weight(links: list[Any]) -> float:
    """The chance that every link of a route holds."""
    return probability([links])[0]
