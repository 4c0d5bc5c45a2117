"""What caused a rift, on whose word: the accounts the sources give, and whether they agree.

An *incident* of a rift between A and B is an event that involves both (an actor of each
side, or one part of it), or one whose own ``effects`` advance the rift (or hinder a
rapprochement of the two): then the voices of that effect are the ones naming it as a
cause, the effect is a link of the account, and a voice denying the effect contests it. An
event between both sides that its only supported effects on the pair say *hinders* the rift
(a ceasefire) is no incident of it. The
events that ``led_to`` an incident, as far back as a voice tells it, make that voice's
*account*: the earliest event of the chain the voice itself claims is the cause it gives.
An incident that led_to another is told in that one's chains. Once a
source ties some incident to a cause (an event led_to it, or its effect advances the
rift), incidents nobody ties to anything are what happened in the rift (responses,
consequences), no rival account; when none is tied, every incident is an account.
Accounts with different first causes are competing explanations; when there are several, or
when a voice denies an event of an account that other voices assert, the answer says the
cause is **contested** and shows each account with its voices, the voices denying it, and
its support (the chance that the events of its chain all happened as claimed, no denial of
them right, in the evidence model's sense).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.graph import pair_outcomes
from ..model.ids import effect_id
from .claims import ClaimView, link_support, members_of
from .evidence import Link, link_of, probability

__all__ = ["Cause", "rift_causes"]


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
    denied_by: tuple[str, ...]
    """Voices that deny an event of this account and assert none of it."""
    support: float
    method: str
    contested: bool
    claims: tuple[Any, ...]
    """Every claim of the account: the events' own, then `effect_claims`."""
    effect_claims: tuple[Any, ...] = ()
    """The claims that the incident's own effects advance the rift (or hinder a
    rapprochement of the two), asserting or denying: who blames it, and who does not."""


def _incidents(view: ClaimView, a: str, b: str, pair: list[tuple[str, int]]
               ) -> dict[str, tuple[list[Link], list[Link], tuple[Any, ...]]]:
    """Each incident of the rift: the links of the event's own effects that make it one
    (none when the event involves both sides), every link of its effects onto the rift (to
    find denials) and those effects' admitted claims."""
    side_a, side_b = members_of(view.G, {a}), members_of(view.G, {b})
    effects = view.G.graph["records"].effects
    out: dict[str, tuple[list[Link], list[Link], tuple[Any, ...]]] = {}
    for eid, event in sorted(view.G.graph["events"].items()):
        involved = set(event.actors)
        both = bool(involved & side_a and involved & side_b)
        links: list[Link] = []
        claims: list[Any] = []
        calms = False  # a supported effect says it works against the rift
        for effect in event.effects:
            sign = 1 if effect.sign == "advances" else -1
            if (effect.to, -sign) in pair:
                calms = calms or link_support(link_of(
                    (c for c in effects[effect_id(eid, effect.to)][1].claims
                     if view.cf.admits(c, view.sources)), view.sources, view.voice)) > 0
            if (effect.to, sign) not in pair:  # advances the rift, or hinders a rapprochement
                continue
            admitted = tuple(c for c in effects[effect_id(eid, effect.to)][1].claims
                             if view.cf.admits(c, view.sources))
            link = link_of(admitted, view.sources, view.voice)
            if link_support(link) > 0 or link[1]:
                links.append(link)
                claims.extend(admitted)
        supported = any(link_support(x) > 0 for x in links)
        if both and calms and not supported:
            continue  # between both sides, but said to hinder the rift: no cause of it
        if both or supported:
            out[eid] = ([] if both else [x for x in links if link_support(x) > 0], links,
                        tuple(claims))
    return out


def _told(incidents: dict[str, tuple[list[Link], list[Link], tuple[Any, ...]]],
          links: dict[str, Link], parents: dict[str, list[str]], events: dict[str, Any]
          ) -> list[str]:
    """The incidents an account of the cause ends with. An incident that led_to another is
    told in that one's chains, not alone. When a source ties an incident to a cause (an event
    led_to it, or its effect advances the rift), incidents nobody ties to anything are what
    happened in the rift (responses, consequences, manifestations), not rival accounts of
    its cause; when no source gives any cause, the incidents are all the sources tell."""
    held = {i for i in incidents if link_support(links[i]) > 0}
    ends = [i for i in sorted(held) if not set(events[i].led_to) & held]
    tied = [i for i in ends
            if any(link_support(x) > 0 for x in incidents[i][1])
            or _cause_named(i, links, parents)]
    return tied or ends


def _cause_named(event: str, links: dict[str, Link], parents: dict[str, list[str]]) -> bool:
    """Whether some voice says an event that `led_to` this one happened."""
    return any(link_support(links[p]) > 0 for p in parents.get(event, ()))


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
    accounts: dict[tuple[str, ...], set[str]] = {}
    for incident in _told(incidents, links, parents, events):
        caused, effect_links, _ = incidents[incident]
        # who names the incident: whoever says it advances the rift, and, when it involves
        # both sides and no source names its own cause, whoever says it happened (once a
        # source says what caused it, a report that it happened is no account of the cause)
        blamers = {v for x in effect_links if link_support(x) > 0 for v, _ in x[0]}
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
    firsts = {chain[0] for chain in accounts}
    out = []
    for chain, voices in sorted(accounts.items()):
        caused, effect_links, effect_claims = incidents[chain[-1]]
        # an earlier event of the chain that is itself said to advance the rift: that claim
        # (and any denial of it) is part of the account
        blamed = [x for e in chain[:-1] if e in incidents for x in incidents[e][1] if x[0]]
        effect_claims = tuple(c for e in chain[:-1] if e in incidents
                              for c in incidents[e][2]) + effect_claims
        route = [links[e] for e in chain] + blamed
        p, method = probability([[*route, x] for x in caused] if caused else [route])
        every = [*route, *effect_links]
        asserting = {v for link in every for v, _ in link[0]}
        deniers = tuple(sorted({v for link in every for v, _ in link[1]} - asserting))
        out.append(Cause(chain[0], chain, tuple(events[chain[0]].actors), tuple(sorted(voices)),
                         deniers, round(p, 6), method, len(firsts) > 1 or bool(deniers),
                         tuple(c for e in chain for c in admitted[e]) + effect_claims,
                         effect_claims))
    out.sort(key=lambda c: (-c.support, c.event))
    return out
