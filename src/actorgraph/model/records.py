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
    """An error in one record about `fields` (one, or two in conflict); it is reported at
    whichever of them the curator wrote last (`actorgraph.io.messages`), not at the record's
    first line."""
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


class Interest(_Dated):
    """An actor wants or opposes an outcome, on the word of its claims."""

    outcome: Id
    stance: Literal["wants", "opposes"]
    strength: Annotated[float, Field(gt=0.0, le=1.0)] = 1.0
    claims: Claims
    note: Text | None = None


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
                raise _conflict(f"a {self.kind} needs 'between' with exactly two actors",
                                "between")
            if self.between[0] == self.between[1]:
                raise _conflict(f"a {self.kind} of '{self.between[0]}' with itself", "between")
        return self


RELATION_SIGNS: dict[str, int] = {
    "alliance": 1, "partnership": 1, "close": 1, "agreement": 1,
    "rivalry": -1, "hostility": -1, "war": -1, "threat": -1, "sanctions": -1,
}
"""Each relation kind and its sign for balance reasoning (+1 friendly, -1 hostile)."""


class Relation(_Dated):
    """A signed tie between two actors: symmetric (``between``) or directed (``from``/``to``)."""

    model_config = ConfigDict(populate_by_name=True)

    between: list[Id] | None = None
    from_: Id | None = Field(default=None, alias="from")
    to: Id | None = None
    kind: Literal["alliance", "partnership", "close", "agreement", "rivalry", "hostility", "war",
                  "threat", "sanctions"]
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
                raise _conflict("'between' needs exactly two actors", "between")
        elif self.from_ is None or self.to is None:
            raise ValueError("a relation needs 'between: [a, b]' or both 'from' and 'to'")
        a, b = self.ends
        if a == b:
            raise _conflict(f"a relation of '{a}' with itself",
                            *(("between",) if self.between is not None else ("from", "to")))
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
