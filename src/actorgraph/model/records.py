"""The records a curator writes in YAML, as closed, frozen pydantic models.

A graph file is a mapping of sections, each a list of records::

    sources:   [Source, ...]
    actors:    [Actor, ...]      # an actor carries its interests
    outcomes:  [Outcome, ...]    # an outcome carries its effects on outcomes and actors
    relations: [Relation, ...]
    events:    [Event, ...]      # an event may carry effects too

Every assertion (interest, effect, relation, event) carries the claims behind it.
Rules across records (does that actor exist?) live in `actorgraph.io.loader`, not here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from .basics import (
    DATE_PATTERN,
    SLUG_PATTERN,
    Id,
    NotBool,
    PartialDate,
    Text,
    _conflict,
    _Dated,
    _Record,
    date_bounds,
)
from .kinds import RELATION_DOMAINS
from .lintrules import LINT_RULES
from .sourcing import (
    CREDIBILITY,
    RELIABILITY,
    Claim,
    Claims,
    LintAck,
    Source,
    claim_confidence,
    claim_grade,
    source_confidence,
)

__all__ = [
    "ACTOR_KINDS",
    "CREDIBILITY",
    "DATE_PATTERN",
    "DEGREES",
    "INTENSITIES",
    "LINT_RULES",
    "RELATION_DOMAINS",
    "RELATION_SIGNS",
    "RELIABILITY",
    "SLUG_PATTERN",
    "Actor",
    "Claim",
    "Effect",
    "Event",
    "GraphFile",
    "Id",
    "Interest",
    "LintAck",
    "Outcome",
    "PartialDate",
    "Relation",
    "Source",
    "claim_confidence",
    "claim_grade",
    "consecutive",
    "date_bounds",
    "source_confidence",
    "span",
]


ACTOR_KINDS = ("state", "government", "faction", "bloc", "organization", "person", "group",
               "unidentified")


DEGREES = (0, 1, 2, 3)
"""An actor's position on an outcome, MACTOR's scale: 0 indifferent, 1 the outcome touches its
processes, 2 its projects, 3 its missions or its very existence (signed by the stance)."""


class Interest(_Dated):
    """An actor wants or opposes an outcome (or is indifferent to it), on the word of its claims.

    ``degree`` (1-3) says how much the outcome matters to the actor, MACTOR's valued position:
    ``wants`` with degree 2 is +2. ``stance: indifferent`` is the position 0 (its degree is 0).
    An interest without a degree has a known sign and an unknown degree: `coalitions` shows
    that position as missing, never as 0 or 1.
    """

    outcome: Id
    stance: Literal["wants", "opposes", "indifferent"]
    degree: Annotated[int, Field(ge=0, le=3), NotBool] | None = Field(
        default=None, description="0-3: 0 indifferent, 1 processes, 2 projects, 3 missions or "
        "existence (MACTOR's valued position, signed by the stance)")
    strength: Annotated[float, Field(gt=0.0, le=1.0), NotBool] = 1.0
    claims: Claims
    note: Text | None = None
    lint: LintAck | None = None

    @model_validator(mode="after")
    def _degree_fits_stance(self) -> Interest:
        if self.stance == "indifferent" and self.degree not in (None, 0):
            raise _conflict(f"an indifferent actor has degree 0, not {self.degree}; "
                            "give stance wants or opposes with a degree of 1 to 3", "degree")
        if self.stance != "indifferent" and self.degree == 0:
            raise _conflict(f"degree 0 means indifferent: write 'stance: indifferent' "
                            f"instead of '{self.stance}' with degree 0", "degree")
        return self

    @property
    def position(self) -> int | None:
        """The valued position -3..+3 (None: the degree is not given)."""
        if self.stance == "indifferent":
            return 0
        if self.degree is None:
            return None
        return self.degree if self.stance == "wants" else -self.degree


class Actor(_Record):
    """A state, government, faction, bloc, organisation, person, group, or unnamed force."""

    id: Id
    name: Text
    kind: Literal["state", "government", "faction", "bloc", "organization", "person", "group",
                  "unidentified"]
    aliases: list[Text] = Field(default_factory=list)
    iso3: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")] | None = None
    part_of: list[Id] = Field(default_factory=list, description="blocs it belongs to, the state a "
                              "faction or official belongs to, ...")
    role: Text | None = None
    description: Text | None = None
    interests: list[Interest] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list, description="claims that this actor "
                                "exists or acts as described (e.g. for unidentified actors)")
    lint: LintAck | None = None
    formerly: list[Id] = Field(default_factory=list, description="ids this record had in earlier "
                               "versions (a rename, reported as such by diff)")


class Effect(_Record):
    """An outcome or an event advances or hinders an outcome or an actor (a signed causal
    link): onto an actor, ``advances`` means it benefits that actor, ``hinders`` that it harms
    it (no interest of the actor's is implied)."""

    to: Id
    sign: Literal["advances", "hinders"]
    claims: Claims
    note: Text | None = None
    lint: LintAck | None = None

    @property
    def polarity(self) -> int:
        """+1 when it advances (benefits), -1 when it hinders (harms): the graph edge's sign."""
        return 1 if self.sign == "advances" else -1


class Outcome(_Record):
    """Something actors can want: a rift, a rapprochement, a sphere of influence..."""

    id: Id
    label: Text
    kind: Literal["rift", "rapprochement", "alignment", "influence", "conflict", "settlement",
                  "perception", "other"]
    between: list[Id] = Field(default_factory=list, description="the two actors of a rift or "
                              "rapprochement")
    involves: list[Id] = Field(default_factory=list)
    description: Text | None = None
    effects: list[Effect] = Field(default_factory=list)
    formerly: list[Id] = Field(default_factory=list, description="ids this record had in earlier "
                               "versions (a rename, reported as such by diff)")

    @model_validator(mode="after")
    def _pair(self) -> Outcome:
        if self.kind in ("rift", "rapprochement"):
            if len(self.between) != 2:
                raise _conflict(f"a {self.kind} needs 'between' with exactly two actors",
                                "between")
            if self.between[0] == self.between[1]:
                raise _conflict(f"a {self.kind} of '{self.between[0]}' with itself", "between")
        return self


RELATION_SIGNS: dict[str, int] = {
    "alliance": 1, "partnership": 1, "close": 1, "agreement": 1,
    "rivalry": -1, "hostility": -1, "war": -1, "threat": -1, "sanctions": -1,
    "influences": 0,
}
"""Each relation kind and its sign for balance reasoning (+1 friendly, -1 hostile, 0 neither:
``influences`` says one actor can act on another, not whether they are friends)."""

INTENSITIES = (0, 1, 2, 3)
"""How strongly one actor influences another, MACTOR's scale: 0 no influence, 1 on its
operations, 2 on its projects, 3 on its missions or its very existence."""


class Relation(_Dated):
    """A signed tie between two actors: symmetric (``between``) or directed (``from``/``to``)."""

    model_config = ConfigDict(populate_by_name=True)

    between: list[Id] | None = None
    from_: Id | None = Field(default=None, alias="from")
    to: Id | None = None
    kind: Literal["alliance", "partnership", "close", "agreement", "rivalry", "hostility", "war",
                  "threat", "sanctions", "influences"]
    intensity: Annotated[int, Field(ge=0, le=3), NotBool] | None = Field(
        default=None, description="influences only, 0-3: 0 none, 1 on the other's operations, "
        "2 on its projects, 3 on its missions or existence (MACTOR's scale)")
    domain: Literal["security", "economic", "diplomatic", "other"] = Field(
        default="other", description="what the tie is about; ties of different domains never "
        "contradict each other (a security partnership and trade sanctions stand together)")
    status: Text | None = Field(default=None, description="e.g. 'strained since the crash'")
    claims: Claims
    note: Text | None = None
    lint: LintAck | None = None

    @model_validator(mode="after")
    def _ends(self) -> Relation:
        if self.between is not None:
            if self.from_ is not None or self.to is not None:
                raise _conflict("give either 'between' or 'from'/'to', not both", "between",
                                "from" if self.from_ is not None else "to")
            if len(self.between) != 2:
                raise _conflict("'between' needs exactly two actors", "between")
        elif self.from_ is None or self.to is None:
            raise ValueError("a relation needs 'between: [a, b]' or both 'from' and 'to'")
        a, b = self.ends
        if a == b:
            raise _conflict(f"a relation of '{a}' with itself",
                            *(("between",) if self.between is not None else ("from", "to")))
        if self.kind == "influences":
            if self.between is not None:
                raise _conflict("influence has a direction: give 'from' and 'to', not "
                                "'between'", "between")
            if self.intensity is None:
                raise _conflict("an influence needs 'intensity': 0 (none) to 3 (on the "
                                "other's missions or existence)", "kind")
        elif self.intensity is not None:
            raise _conflict(f"'intensity' belongs to influences, not to a {self.kind}",
                            "intensity")
        return self

    @property
    def ends(self) -> tuple[str, str]:
        """The two actors, in the order written."""
        if self.between is not None:
            return self.between[0], self.between[1]
        return self.from_ or "", self.to or ""

    @property
    def directed(self) -> bool:
        return self.between is None

    @property
    def sign(self) -> int:
        return RELATION_SIGNS[self.kind]


def span(r: _Dated) -> tuple[dt.date, dt.date]:
    """First and last day a dated record holds: open ends are the calendar's ends, and
    ``until`` is inclusive (the last day of its period: ``until: 1913`` holds through 1913)."""
    return (date_bounds(r.since)[0] if r.since else dt.date.min,
            date_bounds(r.until)[1] if r.until else dt.date.max)


def consecutive(a: _Dated, b: _Dated) -> bool:
    """Whether one of two records ends in the very period, as written, that the other begins
    in: ``until: 1903`` and ``since: 1903`` say that the tie changed within 1903, so the two
    follow each other and do not overlap. Any other day both cover is an overlap."""
    return bool((a.until and a.until == b.since) or (b.until and b.until == a.since))


class Event(_Record):
    """Something that happened, as the sources tell it."""

    id: Id
    label: Text
    date: PartialDate | None = None
    date_text: Text | None = Field(default=None, description="the date as the source words "
                                   "it, e.g. 'last December'")
    actors: list[Id] = Field(default_factory=list)
    led_to: list[Id] = Field(default_factory=list, description="events this one caused")
    claims: Claims
    effects: list[Effect] = Field(default_factory=list, description="outcomes or actors this "
                                  "event advances or hinders, on the word of each effect's claims")
    note: Text | None = None
    lint: LintAck | None = None
    formerly: list[Id] = Field(default_factory=list, description="ids this record had in earlier "
                               "versions (a rename, reported as such by diff)")


class GraphFile(_Record):
    """One YAML file of the graph: any of the sections, in any number of files."""

    sources: list[Source] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
