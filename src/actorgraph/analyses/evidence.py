"""The evidence model: independent voices as witnesses, and what a verdict's support means.

**Voices.** A claim is someone's word; a *voice* is what counts as one independent witness:
by default a claimant grouped by organisation (up ``part_of`` to the first organisation,
government or outlet, so two officials of one ministry are one voice); ``voices="claimant"``
makes each claimant a voice, ``voices="source"`` each source.

**Witnesses.** Each voice v is one random variable: a level U_v, uniform on [0, 1]. A claim
of strength c (`claim_strength`: its confidence times its hedge's likelihood) is *right* when
U_v < c. So a voice that is right on a claim of strength c is right on all its claims of
strength up to c; the voice is one witness however many claims it makes. Voices err
independently of one another.

- a **link** (an interest, an effect, a relation) *holds* when at least one voice asserting
  it is right and no voice denying it is right;
- a **route** (a chain of links from the rift to an actor's stake) holds when all its links
  hold;
- a **verdict** ("C gains") holds when at least one of its routes holds.

**Support** of a verdict = the probability that it holds: *the chance that at least one
chain of claims for it holds, if each voice is right with its claims' stated confidence,
voices err independently, and no denial of a link on that chain is right.* It lies in [0, 1],
and it follows that: splitting a link never raises it; a route of the same voices' claims
adds nothing; a quote or voice counts once however many records cite it; only an
independent voice raises it; a hedge never raises it; an independent denial lowers it.

It is computed exactly by Shannon expansion over the voices involved (each voice's level
split at its claims' strengths), with memoisation, up to `EXACT_VOICES` voices: parts that
share no voice are independent and are combined directly (routes: one minus the product of
their chances of failing; links of one route: the product of their chances; one link:
the chance some asserting voice is right times the chance no denying voice is), and only
parts whose voices are entangled are expanded. Past `EXACT_VOICES` it is a seeded Monte
Carlo estimate, and the result says which (`Support.method`).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from ..model.records import Claim
from ..model.sourcing import LIKELIHOOD, claim_strength

__all__ = [
    "EXACT_VOICES",
    "MC_DRAWS",
    "MEANING",
    "SPECULATES_FACTOR",
    "VOICE_KINDS",
    "Link",
    "Support",
    "Voices",
    "claim_strength",
    "likelihood_words",
    "link_of",
    "probability",
    "speaker_of",
    "voice_of",
]

SPECULATES_FACTOR = LIKELIHOOD["roughly even chance"]
"""A hedged (speculative) claim without a stated likelihood counts half as much as an
assertion: "roughly even chance" (`actorgraph.model.sourcing.hedge_factor`)."""
EXACT_VOICES = 20
"""Up to this many voices in one verdict, support is exact; past it, a Monte Carlo estimate."""
MC_DRAWS = 20_000
"""Draws of the Monte Carlo estimate (seed 0; its standard error is at most 0.0036)."""
VOICE_KINDS = frozenset({"organization", "government", "outlet"})
"""Actor kinds a claimant is grouped under when voices are counted by organisation."""

Voices = Literal["claimant", "organisation", "source"]

MEANING = ("support: the chance that at least one chain of claims for the verdict holds, "
           "if each independent voice is right with its claims' stated confidence, voices err "
           "independently, and no denial of a link on that chain is right")
"""What a support number means, as the answers state it."""

Lit = tuple[str, float]
"""(voice, strength): true when that voice's level is below the strength."""
Link = tuple[frozenset[Lit], frozenset[Lit]]
"""A link as witnesses: the asserting literals (one per voice, its strongest claim) and the
denying ones."""


def speaker_of(G: nx.MultiDiGraph, claim: Claim) -> str:
    """Whose word a claim is, for counting voices: its claimant, except that an unidentified
    claimant (unnamed analysts, "sources") cannot be told apart from whoever cites it:

    - relayed ``via`` an outlet, it is heard as the first relay in ``via``;
    - cited by the page itself (no ``via``, and no ``part_of`` that places it), it is heard
      as the page: the source's ``author`` when the source names one, else the source.

    So unnamed speakers never outnumber the outlet that quotes them. A named claimant keeps
    its own voice however many outlets relay it: relays add no voice of their own."""
    node = G.nodes[claim.by] if claim.by in G else None
    if node is None or node.get("kind") != "unidentified":
        return claim.by
    if claim.via:
        return claim.via[0]
    if getattr(node.get("record"), "part_of", None):
        return claim.by
    source = G.graph.get("sources", {}).get(claim.source)
    author = getattr(source, "author", None)
    return author if author and author != claim.by else claim.source


def voice_of(G: nx.MultiDiGraph, claim: Claim, voices: Voices = "organisation") -> str:
    """The voice a claim speaks with: its source, its speaker (`speaker_of`: the claimant,
    or an unidentified claimant's first relay), or (the default) the nearest organisation,
    government or outlet: the speaker itself if it is one (UNCTAD speaks as UNCTAD, as its
    staff do, even when it is ``part_of`` the UN), else the first up its ``part_of`` (else
    the speaker).

    >>> import actorgraph
    >>> G = actorgraph.load()
    >>> zakharova = Claim(by="maria-zakharova", source="seed-article", quote="q")
    >>> voice_of(G, zakharova), voice_of(G, zakharova, "claimant")
    ('russian-foreign-ministry', 'maria-zakharova')
    """
    if voices == "source":
        return claim.source
    speaker = speaker_of(G, claim)
    if voices == "claimant" or speaker not in G:
        return speaker
    seen = {speaker}
    frontier = [speaker]
    while frontier:  # breadth first: the nearest organisation, the speaker itself first
        nxt = []
        for node in frontier:
            if G.nodes[node].get("kind") in VOICE_KINDS:
                return node
            record = G.nodes[node].get("record")
            for up in sorted(getattr(record, "part_of", ())):  # the member_of edges' ends
                if up not in seen and up in G:
                    seen.add(up)
                    nxt.append(up)
        frontier = nxt
    return speaker


def link_of(claims: Iterable[Claim], sources: dict[str, Any], voice: Any) -> Link:
    """The witnesses of one link: per voice (``voice(claim)``) its strongest asserting
    (or speculating) claim, and its strongest denial. A claim of strength 0 is no witness."""
    pro: dict[str, float] = {}
    con: dict[str, float] = {}
    for claim in claims:
        side = con if claim.stance == "denies" else pro
        v = voice(claim)
        side[v] = max(side.get(v, 0.0), claim_strength(claim, sources))
    return (frozenset((v, c) for v, c in pro.items() if c > 0),
            frozenset((v, c) for v, c in con.items() if c > 0))


@dataclass(frozen=True)
class Support:
    """How well a verdict (or a link) is attested: the probability it holds, its voices."""

    value: float
    voices: tuple[str, ...]
    """The independent voices whose assertions it rests on."""
    method: str = "exact"
    """'exact', or 'monte carlo (N draws, seed 0)' past `EXACT_VOICES` voices."""

    @property
    def words(self) -> str:
        return likelihood_words(self.value)

    def describe(self) -> str:
        """``likely (0.64, 2 voices)``."""
        n = len(self.voices)
        approx = "" if self.method == "exact" else "~"
        return f"{self.words} ({approx}{self.value:.2f}, {n} voice{'' if n == 1 else 's'})"


_WORDS = ((0.05, "almost no chance"), (0.20, "very unlikely"), (0.45, "unlikely"),
          (0.55, "roughly even chance"), (0.80, "likely"), (0.95, "very likely"))


def likelihood_words(p: float) -> str:
    """ICD 203's words for a probability: remote 1-5%, very unlikely 5-20%, unlikely 20-45%,
    roughly even 45-55%, likely 55-80%, very likely 80-95%, almost certain 95-99%.

    >>> likelihood_words(0.6), likelihood_words(0.84), likelihood_words(0.5)
    ('likely', 'very likely', 'roughly even chance')
    """
    for bound, words in _WORDS:
        if p < bound or (bound == 0.55 and p <= bound):
            return words
    return "almost certain"


# -- probability of a verdict ------------------------------------------------------------

_Link = tuple[frozenset[Lit] | None, frozenset[Lit]]  # None: already asserted by a right voice
_Formula = frozenset[frozenset[_Link]]


def voices_in(routes: Iterable[Iterable[Link]]) -> set[str]:
    return {v for route in routes for link in route for side in link for v, _ in side}


def probability(routes: Iterable[Iterable[Link]], *, exact_voices: int = EXACT_VOICES,
                draws: int = MC_DRAWS, seed: int = 0) -> tuple[float, str]:
    """P(at least one route holds), and how it was computed ('exact' or 'monte carlo ...').

    >>> a = (frozenset({("x", 0.6)}), frozenset())
    >>> b = (frozenset({("y", 0.6)}), frozenset())
    >>> probability([[a]]), probability([[a], [a, a]]), round(probability([[a], [b]])[0], 4)
    ((0.6, 'exact'), (0.6, 'exact'), 0.84)
    """
    formula: _Formula = _absorb(frozenset(frozenset(route) for route in routes))
    if len(voices_in(formula)) > exact_voices:  # type: ignore[arg-type]
        return _monte_carlo(formula, draws, seed), f"monte carlo ({draws} draws, seed {seed})"
    return _exact(formula), "exact"


def _absorb(formula: _Formula) -> _Formula:
    """Drop routes that need every link another route needs and more (they add nothing)."""
    routes = sorted(formula, key=len)
    kept: list[frozenset[_Link]] = []
    for r in routes:
        if not any(k <= r for k in kept):
            kept.append(r)
    return frozenset(kept)


def _voices_of(route: frozenset[_Link]) -> set[str]:
    return {v for link in route for side in link if side is not None for v, _ in side}


def _independent(items: Iterable[Any], voices: Any) -> list[list[Any]]:
    """`items` grouped so that no two groups share a voice (``voices(item)``)."""
    groups: list[tuple[set[str], list[Any]]] = []
    for item in items:
        mine, members = set(voices(item)), [item]
        for group in [g for g in groups if g[0] & mine]:
            groups.remove(group)
            mine |= group[0]
            members += group[1]
        groups.append((mine, members))
    return [members for _, members in groups]


def _strongest(side: Iterable[Lit]) -> dict[str, float]:
    """Each voice's strongest literal (a voice right at strength c is right below it)."""
    out: dict[str, float] = {}
    for v, c in side:
        out[v] = max(out.get(v, 0.0), c)
    return out


@functools.lru_cache(maxsize=65536)
def _exact(formula: _Formula) -> float:
    if not formula:
        return 0.0
    if frozenset() in formula:
        return 1.0
    # voices err independently: routes (or, in one route, links) that share no voice are
    # independent events, so their probabilities combine without expanding over voices
    parts = _independent(formula, _voices_of)
    if len(parts) > 1:
        miss = 1.0
        for part in parts:
            miss *= 1.0 - _exact(frozenset(part))
        return 1.0 - miss
    if len(formula) == 1:
        (route,) = formula
        groups = _independent(route, lambda link: _voices_of(frozenset({link})))
        if len(groups) > 1:
            held = 1.0
            for group in groups:
                held *= _exact(frozenset({frozenset(group)}))
            return held
        if len(route) == 1:  # one link: some asserting voice right, no denying one
            (pro, con), = route
            ayes, noes = _strongest(pro or ()), _strongest(con)
            if not set(ayes) & set(noes):
                held = 1.0
                if pro is not None:
                    for c in ayes.values():
                        held *= 1.0 - c
                    held = 1.0 - held
                for c in noes.values():
                    held *= 1.0 - c
                return held
    counts = Counter(v for route in formula for link in route
                     for side in link if side is not None for v, _ in side)
    voice = max(sorted(counts), key=lambda v: counts[v])  # Shannon on the busiest voice
    levels = sorted({c for route in formula for link in route for side in link
                     if side is not None for v, c in side if v == voice})
    total, low = 0.0, 0.0
    for high in [*levels, 1.0]:
        if high > low:  # the voice's level in [low, high): claims of strength >= high right
            total += (high - low) * _exact(_absorb(_given(formula, voice, high)))
        low = high
    return total


def _given(formula: _Formula, voice: str, high: float) -> _Formula:
    routes = set()
    for route in formula:
        links: set[_Link] = set()
        for pro, con in route:
            if any(v == voice and c >= high for v, c in con):
                break  # a right denial: the link, and the route, fail
            con = frozenset(x for x in con if x[0] != voice)
            if pro is not None:
                if any(v == voice and c >= high for v, c in pro):
                    pro = None
                else:
                    pro = frozenset(x for x in pro if x[0] != voice)
                    if not pro:
                        break  # no asserting voice left: the link fails
            if pro is None and not con:
                continue  # the link holds
            links.add((pro, con))
        else:
            routes.add(frozenset(links))
    return frozenset(routes)


def _monte_carlo(formula: _Formula, draws: int, seed: int) -> float:
    import numpy as np

    voices = sorted(voices_in(formula))  # type: ignore[arg-type]
    index = {v: i for i, v in enumerate(voices)}
    levels = np.random.default_rng(seed).random((draws, len(voices)))
    held = np.zeros(draws, dtype=bool)
    for route in formula:
        ok = np.ones(draws, dtype=bool)
        for pro, con in route:
            link = np.zeros(draws, dtype=bool)
            for v, c in pro or ():
                link |= levels[:, index[v]] < c
            for v, c in con:
                link &= levels[:, index[v]] >= c
            ok &= link
        held |= ok
    return float(held.mean())
