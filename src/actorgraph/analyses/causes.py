"""What caused a rift, on whose word: the accounts the sources give, and whether they agree.

An *incident* of a rift between A and B is an event that involves both (an actor of each
side, or one part of it), or one whose own ``effects`` advance the rift (or hinder a
rapprochement of the two). When a voice says an incident's effect advances the rift, that
voice names it as a cause, the effect is a link of the account, and a voice denying the
effect contests it and lowers its support, whether or not the event's ``actors`` list both
sides (listing them never moves the number). An event between both sides with no such
effect is an incident on its reporters' word; a voice denying that it worked on the rift
lowers that account too, so every voice shown denying an account counts in its number. An
event between both sides that its only supported effects on the pair say *hinders* the rift
(a ceasefire) is no incident of it. The events that ``led_to`` an incident, as far back as
a voice tells it, make that voice's *account*: the earliest event of the chain the voice
itself claims is the cause it gives. An incident that led_to another is told in that one's
chains. Once a source ties some incident to a cause (an event led_to it, or its effect advances the
rift), incidents nobody ties to anything are what happened in the rift (responses,
consequences), no rival account; when none is tied, every incident is an account.
Accounts with different first causes are competing explanations; when there are several, or
when a voice denies an event of an account that other voices assert, the answer says the
cause is **contested** and shows each account with its voices, the voices denying it, and
its support (the chance that the events of its chain all happened as claimed, and the
incident's effect onto the rift holds when a voice claims one, no denial of them right, in
the evidence model's sense).

Two sets of voices go with an account: `Cause.voices`, who *names* it as the cause (its
first event's claimants, or the blamers of an incident's effect), and `Cause.support_voices`,
every voice whose assertion its support rests on (the reporters of each event of the chain,
and the blamers). They differ when an account's number needs another voice's word, as when
one voice traces an incident back to an earlier event that another voice reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.graph import pair_outcomes
from ..model.ids import effect_id
from .claims import ClaimView, link_support, members_of
from .evidence import Link, link_of, probability

__all__ = ["Cause", "CauseLink", "rift_causes"]


@dataclass(frozen=True)
class CauseLink:
    """One link of an account with its admitted claims, asserting and denying: that an event
    happened (`to` is None), or that its effect works on the rift (or on a rapprochement)."""

    event: str
    to: str | None = None
    """The outcome the event's effect works on; None for the claims that it happened."""
    sign: str | None = None
    """``advances`` or ``hinders``, for an effect."""
    claims: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Cause:
    """One account of what caused the rift."""

    event: str
    """The first cause in this account: the earliest event its voices claim."""
    chain: tuple[str, ...]
    """Events from the first cause to the incident between the two sides (``led_to``)."""
    actors: tuple[str, ...]
    """The actors the first cause involves: whom this account points to."""
    voices: tuple[str, ...]
    """The voices that name this account as the cause."""
    denied_by: tuple[str, ...]
    """Voices that deny an event of this account and assert none of it."""
    support: float
    method: str
    contested: bool
    claims: tuple[Any, ...]
    """The claims that the events of the chain happened (or did not), each once."""
    effect_claims: tuple[Any, ...] = ()
    """The claims that an event of the chain advances the rift (or hinders a rapprochement
    of the two), asserting or denying: who blames it, and who does not; each once."""
    support_voices: tuple[str, ...] = ()
    """Every voice whose assertion `support` rests on (`voices` and the others whose word
    the chain needs)."""
    links: tuple[CauseLink, ...] = ()
    """Each link of the account with its own claims, in chain order (an event, then its
    effects onto the rift): `claims` and `effect_claims` grouped by what they are about."""


@dataclass(frozen=True)
class _Incident:
    caused: tuple[Link, ...]
    """The links of its effects onto the rift that a voice asserts: the blame that names it
    a cause (with any denial of it)."""
    effects: tuple[tuple[CauseLink, Link], ...]
    """Each of its effects onto the rift that some voice asserts or denies."""


def _incidents(view: ClaimView, a: str, b: str, pair: list[tuple[str, int]]
               ) -> dict[str, _Incident]:
    """Each incident of the rift, with its effects onto the rift (asserted or denied) and
    the supported ones among them."""
    side_a, side_b = members_of(view.G, {a}), members_of(view.G, {b})
    effects = view.G.graph["records"].effects
    out: dict[str, _Incident] = {}
    for eid, event in sorted(view.G.graph["events"].items()):
        involved = set(event.actors)
        both = bool(involved & side_a and involved & side_b)
        found: list[tuple[CauseLink, Link]] = []
        calms = False  # a supported effect says it works against the rift
        for effect in event.effects:
            sign = effect.polarity
            admitted = tuple(c for c in effects[effect_id(eid, effect.to)][1].claims
                             if view.cf.admits(c, view.sources))
            link = link_of(admitted, view.sources, view.voice)
            if (effect.to, -sign) in pair:
                calms = calms or link_support(link) > 0
            if (effect.to, sign) in pair and (link[0] or link[1]):
                found.append((CauseLink(eid, effect.to, effect.sign, admitted), link))
        caused = tuple(x for _, x in found if x[0])  # some voice says it works so
        if both and calms and not caused:
            continue  # between both sides, but said to hinder the rift: no cause of it
        if both or caused:
            out[eid] = _Incident(caused, tuple(found))
    return out


def _told(incidents: dict[str, _Incident], links: dict[str, Link],
          parents: dict[str, list[str]], events: dict[str, Any]) -> list[str]:
    """The incidents an account of the cause ends with. An incident that led_to another is
    told in that one's chains, not alone. When a source ties an incident to a cause (an event
    led_to it, or its effect advances the rift), incidents nobody ties to anything are what
    happened in the rift (responses, consequences, manifestations), not rival accounts of
    its cause; when no source gives any cause, the incidents are all the sources tell."""
    held = {i for i in incidents if link_support(links[i]) > 0}
    ends = [i for i in sorted(held) if not set(events[i].led_to) & held]
    tied = [i for i in ends if incidents[i].caused or _cause_named(i, links, parents)]
    return tied or ends


def _cause_named(event: str, links: dict[str, Link], parents: dict[str, list[str]]) -> bool:
    """Whether some voice says an event that `led_to` this one happened."""
    return any(link_support(links[p]) > 0 for p in parents.get(event, ()))


def _accounts(incidents: dict[str, _Incident], links: dict[str, Link],
              parents: dict[str, list[str]], events: dict[str, Any]
              ) -> dict[tuple[str, ...], set[str]]:
    """Each account (a chain, first cause to incident) with the voices that name it."""
    accounts: dict[tuple[str, ...], set[str]] = {}
    for incident in _told(incidents, links, parents, events):
        caused = incidents[incident].caused
        # who names the incident: whoever says it advances the rift, and, when no source
        # says what caused it (it is an incident because it involves both sides), whoever
        # says it happened
        blamers = {v for x in caused for v, _ in x[0]}
        reporters = {v for v, _ in links[incident][0]}
        named = caused or _cause_named(incident, links, parents)
        namers = {incident: blamers if named else blamers | reporters}
        # every chain back from the incident: first cause -> ... -> incident
        chains = [(incident,)]
        stack = [(incident,)]
        while stack:
            chain = stack.pop()
            for p in sorted(parents.get(chain[0], ())):
                if p not in chain and link_support(links[p]) > 0:
                    chains.append((p, *chain))
                    stack.append((p, *chain))
                    namers[p] = {v for v, _ in links[p][0]}
        for voice in sorted({v for chain in chains for e in chain for v in namers[e]}):
            claimed = [c for c in chains if voice in namers[c[0]]]
            longest = max(claimed, key=lambda c: (len(c), c))
            accounts.setdefault(longest, set()).add(voice)
    return accounts


def _effects_of(incidents: dict[str, _Incident], event: str
                ) -> tuple[tuple[CauseLink, Link], ...]:
    return incidents[event].effects if event in incidents else ()


def _denied_too(link: Link, effects: tuple[tuple[CauseLink, Link], ...]) -> Link:
    """An event's link with the denials of its effects onto the rift that no voice asserts:
    a voice saying the event did not work on the rift denies it as a cause, so its denial
    counts against the account (as it does beside a blame), not only beside its number."""
    return link[0], link[1] | frozenset(lit for _, x in effects if not x[0] for lit in x[1])


def rift_causes(view: ClaimView, a: str, b: str) -> list[Cause]:
    """The accounts of what caused the rift between `a` and `b`, under the view's filter."""
    events = view.G.graph["events"]
    parents: dict[str, list[str]] = {}
    for eid, event in events.items():
        for later in event.led_to:
            parents.setdefault(later, []).append(eid)
    links: dict[str, Link] = {}
    admitted: dict[str, tuple[Any, ...]] = {}
    for eid, event in events.items():
        admitted[eid] = tuple(c for c in event.claims if view.cf.admits(c, view.sources))
        links[eid] = link_of(admitted[eid], view.sources, view.voice)
    incidents = _incidents(view, a, b, pair_outcomes(view.G, a, b))
    accounts = _accounts(incidents, links, parents, events)
    firsts = {chain[0] for chain in accounts}
    out = []
    for chain, voices in sorted(accounts.items()):
        caused = incidents[chain[-1]].caused
        found = [x for e in chain for x in _effects_of(incidents, e)]
        # an earlier event of the chain that is itself said to advance the rift: that claim
        # (and any denial of it) is part of the account
        blamed = [x for e in chain[:-1] if e in incidents for x in incidents[e].caused]
        route = [_denied_too(links[e], _effects_of(incidents, e)) for e in chain] + blamed
        routes = [[*route, x] for x in caused] if caused else [route]
        p, method = probability(routes)
        every = [*route, *caused]
        asserting = {v for link in every for v, _ in link[0]}
        deniers = tuple(sorted({v for link in every for v, _ in link[1]} - asserting))
        rests_on = tuple(sorted({v for r in routes for link in r for v, _ in link[0]}))
        said = [CauseLink(e, claims=admitted[e]) for e in chain]
        grouped = tuple(x for e, own in zip(chain, said, strict=True)
                        for x in (own, *(y for y, _ in _effects_of(incidents, e))))
        out.append(Cause(chain[0], chain, tuple(events[chain[0]].actors), tuple(sorted(voices)),
                         deniers, round(p, 6), method, len(firsts) > 1 or bool(deniers),
                         tuple(c for x in said for c in x.claims),
                         tuple(c for x, _ in found for c in x.claims), rests_on, grouped))
    out.sort(key=lambda c: (-c.support, c.event))
    return out
