"""The records a curator writes in YAML, as closed, frozen pydantic models.

A graph file is a mapping of sections, each a list of records::

    sources:   [Source, ...]
    actors:    [Actor, ...]      # an actor carries its interests
    outcomes:  [Outcome, ...]    # an outcome carries its effects on other outcomes
    relations: [Relation, ...]
    events:    [Event, ...]

Every assertion (interest, effect, relation, event) carries the claims behind it.
Rules across records (does that actor exist?) live in `actorgraph.io.loader`, not here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

__all__ = [
    "ACTOR_KINDS",
    "DATE_PATTERN",
    "DEGREES",
    "INTENSITIES",
    "RELATION_SIGNS",
    "SLUG_PATTERN",
    "Actor",
    "Claim",
    "Effect",
    "Event",
    "GraphFile",
    "Id",
    "Interest",
    "Outcome",
    "PartialDate",
    "Relation",
    "Source",
    "claim_confidence",
    "date_bounds",
]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=80)]
"""A stable slug: lower-case letters and digits joined by single hyphens (``azeri-hardliners``)."""

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_date(value: str) -> str:
    m = _DATE.match(value)
    if not m:
        raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), m[2], m[3]
    if year == 0:
        raise ValueError("year 0000 does not exist (the calendar starts at year 1)")
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"month {month} does not exist")
    if day is not None:
        last = calendar.monthrange(year, int(month))[1]  # type: ignore[arg-type]
        if not 1 <= int(day) <= last:
            raise ValueError(f"day {day} does not exist in {year}-{month}")
    return value


DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
PartialDate = Annotated[str, StringConstraints(strip_whitespace=True, pattern=DATE_PATTERN),
                        AfterValidator(_check_date)]
"""A date as precise as the source: ``2025``, ``2025-07`` or ``2025-07-03``."""


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day a partial date covers.

    >>> date_bounds("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    m = _DATE.match(value)
    if not m:
        raise ValueError(f"not a partial date: {value!r}")
    year = int(m[1])
    if m[2] is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(m[2])
    if m[3] is None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = dt.date(year, month, int(m[3]))
    return day, day


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]


def _conflict(message: str, *fields: str) -> PydanticCustomError:
    """An error between two fields of one record; it is reported at whichever of `fields`
    the curator wrote last (`actorgraph.io.messages`), not at the record's first line."""
    return PydanticCustomError("conflict", message, {"fields": fields})


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strict=True, defer_build=True)


class _Dated(_Record):
    since: PartialDate | None = None
    until: PartialDate | None = None

    @model_validator(mode="after")
    def _since_before_until(self) -> _Dated:
        if self.since and self.until and date_bounds(self.since)[0] > date_bounds(self.until)[1]:
            raise _conflict(f"since ({self.since}) is after until ({self.until})",
                            "since", "until")
        return self

    def valid_on(self, day: dt.date) -> bool:
        """Whether the record holds on `day` (open-ended where since/until are absent)."""
        if self.since and day < date_bounds(self.since)[0]:
            return False
        return not (self.until and day > date_bounds(self.until)[1])


class Claim(_Record):
    """Someone's word, in a source: the only way anything enters the graph.

    ``by`` is the claimant (an actor id: a spokesman, the article's author, a commenter);
    ``stance`` says whether the claimant asserts the thing, denies it or speculates.
    """

    by: Id
    source: Id
    quote: Text
    locator: str | None = Field(default=None, description="where in the source, e.g. 'para 3'")
    stance: Literal["asserts", "denies", "speculates"] = "asserts"
    confidence: Confidence | None = Field(
        default=None, description="0..1; defaults to the source's confidence")
    note: Text | None = Field(default=None, description="the curator's reading of the quote")


def claim_confidence(claim: Claim, sources: Mapping[str, Source]) -> float:
    """The claim's own confidence, else its source's (0 for a source not in `sources`)."""
    if claim.confidence is not None:
        return claim.confidence
    source = sources.get(claim.source)
    return source.confidence if source is not None else 0.0


Claims = Annotated[list[Claim], Field(min_length=1)]


class Source(_Record):
    """Where claims were made: an article, a statement, a reader comment..."""

    id: Id
    title: Text
    kind: Literal["article", "statement", "interview", "comment", "report", "other"]
    author: Id | None = Field(default=None, description="actor id of the author, if known")
    publisher: Text | None = None
    url: Text | None = None
    published: PartialDate | None = None
    accessed: PartialDate | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] | None = None
    in_reply_to: Id | None = Field(default=None, description="source this one comments on")
    confidence: Confidence = Field(
        default=0.7, description="default confidence of this source's claims")
    note: Text | None = None
    formerly: list[Id] = Field(default_factory=list, description="ids this record had in earlier "
                               "versions (a rename, reported as such by diff)")


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
    degree: Annotated[int, Field(ge=0, le=3)] | None = Field(
        default=None, description="0-3: 0 indifferent, 1 processes, 2 projects, 3 missions or "
        "existence (MACTOR's valued position, signed by the stance)")
    strength: Annotated[float, Field(gt=0.0, le=1.0)] = 1.0
    claims: Claims
    note: Text | None = None

    @model_validator(mode="after")
    def _degree_fits_stance(self) -> Interest:
        if self.stance == "indifferent" and self.degree not in (None, 0):
            raise ValueError(f"an indifferent actor has degree 0, not {self.degree}; "
                             "give stance wants or opposes with a degree of 1 to 3")
        if self.stance != "indifferent" and self.degree == 0:
            raise ValueError(f"degree 0 means indifferent: write 'stance: indifferent' "
                             f"instead of '{self.stance}' with degree 0")
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
    formerly: list[Id] = Field(default_factory=list, description="ids this record had in earlier "
                               "versions (a rename, reported as such by diff)")


class Effect(_Record):
    """One outcome advances or hinders another (a signed causal link)."""

    to: Id
    sign: Literal["advances", "hinders"]
    claims: Claims
    note: Text | None = None


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
                raise ValueError(f"a {self.kind} needs 'between' with exactly two actors")
            if self.between[0] == self.between[1]:
                raise ValueError(f"a {self.kind} of '{self.between[0]}' with itself")
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
    intensity: Annotated[int, Field(ge=0, le=3)] | None = Field(
        default=None, description="influences only, 0-3: 0 none, 1 on the other's operations, "
        "2 on its projects, 3 on its missions or existence (MACTOR's scale)")
    status: Text | None = Field(default=None, description="e.g. 'strained since the crash'")
    claims: Claims
    note: Text | None = None

    @model_validator(mode="after")
    def _ends(self) -> Relation:
        if self.between is not None:
            if self.from_ is not None or self.to is not None:
                raise _conflict("give either 'between' or 'from'/'to', not both", "between",
                                "from" if self.from_ is not None else "to")
            if len(self.between) != 2:
                raise ValueError("'between' needs exactly two actors")
        elif self.from_ is None or self.to is None:
            raise ValueError("a relation needs 'between: [a, b]' or both 'from' and 'to'")
        a, b = self.ends
        if a == b:
            raise ValueError(f"a relation of '{a}' with itself")
        if self.kind == "influences":
            if self.between is not None:
                raise ValueError("influence has a direction: give 'from' and 'to', not "
                                 "'between'")
            if self.intensity is None:
                raise ValueError("an influence needs 'intensity': 0 (none) to 3 (on the "
                                 "other's missions or existence)")
        elif self.intensity is not None:
            raise ValueError(f"'intensity' belongs to influences, not to a {self.kind}")
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
    note: Text | None = None
    formerly: list[Id] = Field(default_factory=list, description="ids this record had in earlier "
                               "versions (a rename, reported as such by diff)")


class GraphFile(_Record):
    """One YAML file of the graph: any of the sections, in any number of files."""

    sources: list[Source] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
