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

from .lintrules import LINT_RULES

__all__ = [
    "ACTOR_KINDS",
    "CREDIBILITY",
    "DATE_PATTERN",
    "DEGREES",
    "INTENSITIES",
    "LINT_RULES",
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
    "date_bounds",
    "source_confidence",
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


def _check_inside(value: str) -> str:
    parts = value.split("/")
    if (value.startswith("/") or "\\" in value or re.match(r"^[A-Za-z]:", value)
            or ".." in parts or "" in parts or any(ord(c) < 32 for c in value)):
        raise ValueError(f"must be a path inside the graph folder, written with '/' and without "
                         f"'..' (like 'sources/article.txt'); got {value!r}")
    return value


SourceText = Annotated[str, StringConstraints(min_length=1, max_length=255),
                       AfterValidator(_check_inside)]
"""A relative path with forward slashes that stays inside the graph folder (no '..')."""
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


class LintAck(_Record):
    """A lint finding acknowledged by the curator: lint stays quiet about these rules here.

    ``lint: {ignore: [quote-reused], reason: "one sentence names both"}`` on a claim covers
    that claim; on a record (an actor, interest, effect, relation or event) it covers the
    record and every claim under it.
    """

    ignore: Annotated[list[Literal[LINT_RULES]],  # type: ignore[valid-type]
                      Field(min_length=1, description="the rules to keep quiet, by name")]
    reason: Text = Field(description="why the finding is acceptable here, for the next reader")


RELIABILITY: dict[str, float | None] = {"A": 0.9, "B": 0.75, "C": 0.6, "D": 0.4, "E": 0.2,
                                        "F": None}
"""NATO Admiralty source reliability (STANAG 2511) -> confidence. A completely reliable,
B usually reliable, C fairly reliable, D not usually reliable, E unreliable; F "cannot be
judged" is unknown (None), not zero."""

CREDIBILITY: dict[int, float | None] = {1: 0.9, 2: 0.7, 3: 0.5, 4: 0.3, 5: 0.1, 6: None}
"""NATO Admiralty information credibility -> confidence. 1 confirmed by other (independent)
sources, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable; 6 "cannot be judged" is
unknown (None), not zero. The numbers sit inside the ICD 203 ranges of the matching words
(probably true ~ likely, possibly true ~ roughly even chance, ...)."""


class Claim(_Record):
    """Someone's word, in a source: the only way anything enters the graph.

    ``by`` is the claimant (an actor id: a spokesman, the article's author, a commenter);
    ``stance`` says whether the claimant asserts the thing, denies it or speculates.
    """

    by: Id
    source: Id
    quote: Text
    locator: str | None = Field(default=None, description="where in the source, e.g. 'para 3' "
                                "(with the source's archived text, checked: paragraphs are "
                                "separated by blank lines)")
    stance: Literal["asserts", "denies", "speculates"] = "asserts"
    confidence: Confidence | None = Field(
        default=None, description="0..1; defaults to the credibility's, else the source's")
    credibility: Annotated[int, Field(ge=1, le=6)] | None = Field(
        default=None, description="NATO Admiralty information credibility: 1 confirmed by other "
        "sources, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be "
        "judged (unknown: the source's confidence applies)")
    note: Text | None = Field(default=None, description="the curator's reading of the quote")
    lint: LintAck | None = None

    @model_validator(mode="after")
    def _one_grade(self) -> Claim:
        if self.confidence is not None and self.credibility is not None:
            raise ValueError("give 'confidence' or 'credibility', not both: each sets the "
                             "claim's confidence")
        return self


def source_confidence(source: Source) -> float:
    """A source's confidence: from its ``reliability`` grade if it has one that can be
    judged (A-E), else its ``confidence`` (0.7 unless given; reliability F falls back to it)."""
    grade = RELIABILITY.get(source.reliability) if source.reliability else None
    return grade if grade is not None else source.confidence


def claim_confidence(claim: Claim, sources: Mapping[str, Source]) -> float:
    """The one confidence of a claim, used everywhere; the most specific statement wins:

    1. the claim's ``confidence`` (a number), else
    2. its ``credibility`` grade (1-5, `CREDIBILITY`), else
    3. its source's ``reliability`` grade (A-E, `RELIABILITY`), else
    4. its source's ``confidence`` (0.7 unless given).

    A grade that cannot be judged (credibility 6, reliability F) is unknown, not zero: it
    falls through to the next step. A source not in `sources` gives 0.
    """
    if claim.confidence is not None:
        return claim.confidence
    graded = CREDIBILITY.get(claim.credibility) if claim.credibility else None
    if graded is not None:
        return graded
    source = sources.get(claim.source)
    return source_confidence(source) if source is not None else 0.0


def claim_grade(claim: Claim, sources: Mapping[str, Source]) -> str | None:
    """The Admiralty grade as analysts write it, source letter then claim digit (``B2``),
    with ``?`` for the half not given; None when neither is."""
    source = sources.get(claim.source)
    letter = source.reliability if source is not None else None
    if letter is None and claim.credibility is None:
        return None
    return f"{letter or '?'}{claim.credibility or '?'}"


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
    reliability: Literal["A", "B", "C", "D", "E", "F"] | None = Field(
        default=None, description="NATO Admiralty source reliability: A completely reliable, B "
        "usually, C fairly, D not usually, E unreliable, F cannot be judged (unknown: the "
        "default confidence applies)")
    text: SourceText | None = Field(
        default=None, description="the source's archived text, a UTF-8 file inside the graph "
        "folder (e.g. sources/article.txt): every quote citing the source, and its 'para N' "
        "locator, is checked against it")
    note: Text | None = None
    formerly: list[Id] = Field(default_factory=list, description="ids this record had in earlier "
                               "versions (a rename, reported as such by diff)")

    @model_validator(mode="after")
    def _one_grade(self) -> Source:
        if self.reliability is not None and "confidence" in self.model_fields_set:
            raise ValueError("give 'confidence' or 'reliability', not both: each sets the "
                             "source's confidence")
        return self


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
    """One outcome advances or hinders another (a signed causal link)."""

    to: Id
    sign: Literal["advances", "hinders"]
    claims: Claims
    note: Text | None = None
    lint: LintAck | None = None


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
    intensity: Annotated[int, Field(ge=0, le=3)] | None = Field(
        default=None, description="influences only, 0-3: 0 none, 1 on the other's operations, "
        "2 on its projects, 3 on its missions or existence (MACTOR's scale)")
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
