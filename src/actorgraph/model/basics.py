"""The building blocks every record shares: ids, partial dates, text, and the frozen,
closed pydantic base classes (`actorgraph.model.records` holds the records themselves)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

__all__ = ["DATE_PATTERN", "SLUG_PATTERN", "Confidence", "Id", "NotBool", "PartialDate",
           "SourceText", "Text", "date_bounds"]

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
                        AfterValidator(_check_date),
                        WithJsonSchema({"anyOf": [
                            {"type": "string", "pattern": DATE_PATTERN},
                            {"type": "integer", "minimum": 1000, "maximum": 9999}]})]
"""A date as precise as the source: ``2025``, ``2025-07`` or ``2025-07-03``. The reader
takes every scalar as text, so an unquoted year is the text ``2025``; editors read it as a
number, which the JSON Schema therefore allows too (four digits, as the loader reads it)."""


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


def _not_bool(value: object) -> object:
    """pydantic reads ``true`` as 1 where a number is due; a curator who wrote ``true`` or
    ``false`` there meant no number, so it is refused like any other text."""
    if isinstance(value, bool):
        raise PydanticCustomError("float_type", "not a number")
    return value


NotBool = BeforeValidator(_not_bool)
"""On a number field: ``true``/``false`` is an error, not 1/0."""
Confidence = Annotated[float, Field(ge=0.0, le=1.0), NotBool]


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
