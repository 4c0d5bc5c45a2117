"""The claims layer: which claims count, and how an assertion's support follows from them.

Every analysis (gains, balance, perspectives, robustness, diff's answers) and the map take
one `ClaimFilter` and read the graph through one `ClaimView`, so an option such as
``--according-to x`` means the same thing everywhere:

- `ClaimFilter` decides which claims count: by claimant (an actor, and everyone ``part_of``
  it, or a source id: every claim in that source), left-out claimants, an as-of date (records
  valid on it; claims from sources published later dropped) and a minimum confidence;
- `ClaimView` gives each edge of the graph, as the filter sees it, a `Step` with its support
  (or none), and `ClaimView.status` tells the map how to draw it;
- `claim_filter` builds a filter from names as a user gives them, checking each option.

The filter also says what counts as one independent voice (``voices``); a link's support is
the evidence model's (`actorgraph.analyses.evidence`): the chance that at least one voice
asserting it is right and no voice denying it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import networkx as nx

from ..errors import UsageError
from ..model.kinds import MEMBER_OF, EdgeType
from ..model.records import Claim, claim_confidence, date_bounds
from .evidence import (
    SPECULATES_FACTOR,
    Link,
    Voices,
    claim_strength,
    link_of,
    probability,
    voice_of,
)

__all__ = [
    "SPECULATES_FACTOR",
    "ClaimFilter",
    "ClaimView",
    "Step",
    "as_of_date",
    "claim_filter",
    "claim_strength",
    "claimant_id",
    "contested",
    "link_support",
    "members_of",
    "support",
]

@dataclass(frozen=True)
class ClaimFilter:
    """Which claims count.

    ``according_to`` and ``exclude`` hold claimant ids (actors) or source ids; a claimant
    stands for itself and every actor ``part_of`` it (``russia`` admits its spokesmen), which
    `claim_filter` works out from the graph into ``admitted_ids`` / ``excluded_ids``.

    A claim is X's word when X (or an actor part of X) made it (``by``) or relayed it
    (``via``: an outlet vouches for what it relays), or when X is its source's id. A source's
    ``author`` is not matched: the writer of a page that retells a claim does not vouch for it
    unless named in ``via``. ``exclude`` leaves out the same claims: leaving out an outlet
    leaves out what it relays.

    >>> f = ClaimFilter(according_to=frozenset({"dmitry-peskov"}))
    >>> f.admits(Claim(by="dmitry-peskov", source="s", quote="q"), {})
    True
    """

    according_to: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()
    min_confidence: float = 0.0
    as_of: dt.date | None = None
    voices: Voices = "organisation"
    """What counts as one independent voice: each claimant, each claimant's organisation,
    or each source (`actorgraph.analyses.evidence.voice_of`)."""
    admitted_ids: frozenset[str] | None = field(default=None, compare=False, repr=False)
    """`according_to` with every actor part of one of them (None: `according_to` as given)."""
    excluded_ids: frozenset[str] | None = field(default=None, compare=False, repr=False)
    within: frozenset[str] | None = None
    """When set, a claim must also be the word of one of these ids (claimant, relay or
    source, members included): an outer ``according_to`` kept under a narrower one."""
    carried: frozenset[tuple[str, str, tuple[str, ...]]] | None = None
    """When set, only claims whose (claimant, source, relays) is listed count: the claims one
    outlet carries, for `actorgraph.analyses.perspectives` by outlet."""

    def admits(self, claim: Claim, sources: dict[str, Any]) -> bool:
        who = {claim.by, claim.source, *claim.via}
        allowed = self.according_to if self.admitted_ids is None else self.admitted_ids
        if self.according_to and not (who & allowed):
            return False
        if self.within is not None and not (who & self.within):
            return False
        if self.carried is not None and (claim.by, claim.source,
                                         tuple(claim.via)) not in self.carried:
            return False
        if who & (self.exclude if self.excluded_ids is None else self.excluded_ids):
            return False
        if claim_confidence(claim, sources) < self.min_confidence:
            return False
        source = sources.get(claim.source)
        return not (self.as_of and source is not None and source.published
                    and date_bounds(source.published)[0] > self.as_of)

    def options(self) -> dict[str, Any]:
        """The filter as a report states it (JSON-ready)."""
        return {"according_to": sorted(self.according_to), "exclude": sorted(self.exclude),
                "min_confidence": self.min_confidence,
                "as_of": self.as_of.isoformat() if self.as_of else None, "voices": self.voices}

    def narrowed(self, G: nx.MultiDiGraph, according_to: Collection[str], *,
                 keep: bool = False) -> ClaimFilter:
        """This filter with `according_to` replaced (a perspective of one voice); with
        `keep`, the claims must still pass this filter's own `according_to` as well."""
        ids = frozenset(claimant_id(G, x) for x in according_to)
        within = self.within
        if keep and self.according_to:
            outer = self.admitted_ids if self.admitted_ids is not None else self.according_to
            within = outer if within is None else within & outer
        return replace(self, according_to=ids, admitted_ids=members_of(G, ids), within=within)


def members_of(G: nx.MultiDiGraph, ids: Iterable[str]) -> frozenset[str]:
    """`ids` with every actor that is part of one of them, through ``part_of`` at any depth."""
    out = set(ids)
    stack = [x for x in out if x in G]
    while stack:
        node = stack.pop()
        for member, _, t in G.in_edges(node, data="type"):
            if t == MEMBER_OF and member not in out:
                out.add(member)
                stack.append(member)
    return frozenset(out)


def claimant_id(G: nx.MultiDiGraph, name: str) -> str:
    """A claimant: a source id as given, else an actor's id, name or alias."""
    from ..model.graph import resolve

    if name in G.graph["sources"]:
        return name
    return resolve(G, name)


def as_of_date(value: str | dt.date | None) -> dt.date | None:
    """A date for `as_of`: a date, a partial date (its last day) or ``"today"``."""
    if value is None or isinstance(value, dt.date):
        return value
    if value == "today":
        return dt.date.today()
    try:
        return date_bounds(value)[1]
    except ValueError:
        raise UsageError(f"as_of takes YYYY, YYYY-MM, YYYY-MM-DD or 'today', got {value!r}"
                         ) from None


def claim_filter(G: nx.MultiDiGraph, *, according_to: Collection[str] = (),
                 exclude: Collection[str] = (), min_confidence: float = 0.0,
                 as_of: str | dt.date | None = None, voices: Voices = "organisation"
                 ) -> ClaimFilter:
    """A `ClaimFilter` from names as a user gives them (ids, names, aliases, source ids).

    >>> import actorgraph
    >>> f = claim_filter(actorgraph.load(), according_to=["Russia"])
    >>> sorted(f.according_to), "dmitry-peskov" in f.admitted_ids
    (['russia'], True)
    """
    if isinstance(according_to, str) or isinstance(exclude, str):
        raise UsageError("according_to and exclude take a list of claimants, not one string")
    if not 0.0 <= min_confidence <= 1.0:
        raise UsageError(f"min_confidence takes a number from 0 to 1, got {min_confidence}")
    if voices not in ("claimant", "organisation", "source"):
        raise UsageError(f"voices takes claimant, organisation or source, not {voices!r}")
    allowed = frozenset(claimant_id(G, x) for x in according_to)
    excluded = frozenset(claimant_id(G, x) for x in exclude)
    return ClaimFilter(allowed, excluded, min_confidence, as_of_date(as_of), voices,
                       members_of(G, allowed), members_of(G, excluded))


# -- support of one assertion -----------------------------------------------------------

def support(claims: Iterable[Claim], sources: dict[str, Any],
            voice: Callable[[Claim], str] | None = None) -> tuple[float, bool]:
    """Support of one assertion from its claims, and whether an independent voice denies it.

    The support is the chance that at least one voice asserting it is right and no voice
    denying it is (`actorgraph.analyses.evidence`); ``voice(claim)`` says whose voice a
    claim is (default: its claimant). Repetition by one voice is not corroboration.

    >>> a = Claim(by="x", source="s", quote="q", confidence=0.6)
    >>> d = Claim(by="y", source="s", quote="r", confidence=0.5, stance="denies")
    >>> support([a], {}), support([a, d], {})
    ((0.6, False), (0.3, True))
    """
    link = link_of(claims, sources, voice or (lambda c: c.by))
    return link_support(link), contested(link)


def link_support(link: Link) -> float:
    """The chance that a link holds (see `support`)."""
    return probability([[link]])[0] if link[0] else 0.0


def contested(link: Link) -> bool:
    """Whether a voice that does not assert the link denies it."""
    asserting = {v for v, _ in link[0]}
    return any(v not in asserting for v, _ in link[1])


@dataclass(frozen=True)
class Step:
    """One link of a chain of evidence: an edge of the graph and the claims that carry it."""

    edge: str
    kind: EdgeType
    source: str
    target: str
    sign: int
    support: float
    """The chance that the link holds (1 for membership, a structural fact)."""
    contested: bool
    claims: tuple[Claim, ...]
    link: Link = (frozenset(), frozenset())
    """The voices asserting and denying it, each with its strongest claim's strength."""


EdgeStatus = Literal["supported", "denied", "unclaimed"]


class ClaimView:
    """The graph as a `ClaimFilter` sees it: each edge with support left, as a `Step`.

    An edge whose record is not valid on the filter's as-of date, or whose admitted claims
    leave no positive support, has no step. Steps are cached per edge.
    """

    def __init__(self, G: nx.MultiDiGraph, cf: ClaimFilter | None = None):
        self.G = G
        self.sources = G.graph["sources"]
        self.cf = cf or ClaimFilter()
        self.cache: dict[str, Step | None] = {}
        self._voices: dict[tuple[str, ...], str] = {}

    def voice(self, claim: Claim) -> str:
        """The voice a claim speaks with, under the filter's ``voices``."""
        key = (claim.by, claim.source, *claim.via)
        if key not in self._voices:
            self._voices[key] = voice_of(self.G, claim, self.cf.voices)
        return self._voices[key]

    def admitted(self, data: dict[str, Any]) -> tuple[Claim, ...] | None:
        """The claims of an edge that pass the filter; None when the record is not valid on
        the as-of date."""
        record = data["record"]
        if self.cf.as_of is not None and hasattr(record, "valid_on") and \
                not record.valid_on(self.cf.as_of):
            return None
        return tuple(c for c in data["claims"] if self.cf.admits(c, self.sources))

    def step(self, u: str, v: str, key: str, data: dict[str, Any]) -> Step | None:
        if key in self.cache:
            return self.cache[key]
        result: Step | None = None
        if data["type"] == MEMBER_OF:
            result = Step(key, MEMBER_OF, u, v, 1, 1.0, False, ())
        elif (claims := self.admitted(data)) is not None:
            link = link_of(claims, self.sources, self.voice)
            s = link_support(link)
            if s > 0:
                result = Step(key, data["type"], u, v, data["sign"], s, contested(link),
                              claims, link)
        self.cache[key] = result
        return result

    def assessed(self, data: dict[str, Any]) -> tuple[float, bool]:
        """Any edge's support and whether an independent voice denies it, under the filter
        (1 and False for membership, which is structure, not a claim)."""
        if data["type"] == MEMBER_OF:
            return 1.0, False
        link = link_of(self.admitted(data) or (), self.sources, self.voice)
        return link_support(link), contested(link)

    def status(self, u: str, v: str, key: str, data: dict[str, Any]) -> EdgeStatus:
        """How the filter sees an edge: supported (it counts), denied (its admitted claims
        leave no support), or unclaimed (no admitted claim, or not valid on the date)."""
        if self.step(u, v, key, data) is not None:
            return "supported"
        claims = self.admitted(data)
        return "denied" if claims else "unclaimed"

    def edges(self, node: str, type_: str, *, incoming: bool = False) -> list[Step]:
        edges = (self.G.in_edges(node, keys=True, data=True) if incoming
                 else self.G.out_edges(node, keys=True, data=True))
        out = []
        for u, v, key, data in edges:
            if data["type"] == type_:
                step = self.step(u, v, key, data)
                if step is not None:
                    out.append(step)
        return sorted(out, key=lambda s: s.edge)


def filter_for(G: nx.MultiDiGraph, claims: ClaimFilter | None, *,
               according_to: Collection[str] = (), exclude: Collection[str] = (),
               min_confidence: float = 0.0, as_of: str | dt.date | None = None) -> ClaimFilter:
    """The filter an analysis works with: `claims` if given, else one built from the separate
    keyword arguments (the two ways do not mix)."""
    if claims is None:
        return claim_filter(G, according_to=according_to, exclude=exclude,
                            min_confidence=min_confidence, as_of=as_of)
    if according_to or exclude or min_confidence or as_of is not None:
        raise UsageError("give either claims=ClaimFilter(...) or according_to/exclude/"
                         "min_confidence/as_of, not both")
    return claims
