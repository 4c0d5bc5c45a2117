"""Tradecraft checks on a curated graph: what a careful analyst would query before citing it.

Each rule finds a place where the YAML says more than its sources, or counts a source twice:

``hedged-assertion``
    A claim recorded as ``asserts`` whose quote hedges: it contains one of `HEDGES` (whole
    words, any case; "may" only in lower case, so the month is not a hedge). Record it as
    ``speculates``.
``stance-conflict``
    One quote (same source, same words after `normalize_text`) recorded with different
    stances in different places (a quote without words, such as a matrix cell, is data and
    not compared). Reported once, at the first claim that differs.
``quote-reused``
    One quote cited by several records: an answer that meets two of them counts one
    sentence twice. A sentence listing several actors' stakes (interests, or effects that
    land on actors: "lost ... to Iran, Central Asia, Turkiye and India"), each of a
    different actor, is not reported: each actor's answer meets it once. Reported once, at
    the first claim in another record.
``quote-names-nothing``
    A claim whose quote names none of the actors and outcomes of its record, and whose
    ``note`` does not either: the quote may be about something else ("it", "that outcome").
    A quote without words (a matrix cell, a line of an edge list) is data and not checked.
    Names are the words of ids, names, aliases, labels and descriptions; an actor is also
    named by its members' and direct containers' names (Erdogan names Turkiye), an outcome by
    the actors it is ``between`` or ``involves``. Words match on their first five letters
    (Russian ~ Russia), shorter ones whole or as a prefix (West ~ Western).
``comments-only``
    A record (an interest, effect, relation, event or actor) whose every claim that does not
    deny it comes from reader comments (sources of kind ``comment``).
``quantity-not-in-text``
    A claim whose ``quantity`` has a ``value`` that is no amount its ``text`` gives ("up to
    2% of output" with ``value: 3``): a number as written, or scaled by the word after it
    ("$1.2bn" is 1.2 or 1200000000), written-out numbers too
    (`actorgraph.analyses.quantities`). A text without a number ("a third") is not checked.

A finding is acknowledged by ``lint: {ignore: [rule, ...], reason: "..."}`` on the claim, or
on its record (covering the record and all its claims); for the two rules about one quote,
on any claim citing it. An acknowledged finding is kept apart, not shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..io.loader import GraphRecords, Origin
from ..io.sourcetext import normalize_text
from ..model.records import LINT_RULES, Claim
from .quantities import text_numbers, value_in_text

__all__ = ["HEDGES", "LINT_RULES", "Finding", "LintReport", "lint"]

HEDGES = ("could", "would", "might", "may", "perhaps", "possibly", "probably", "likely",
          "unlikely", "maybe", "envisage", "envisages", "envisaged", "seem", "seems",
          "seemingly", "apparently", "reportedly", "allegedly", "supposedly", "presumably",
          "arguably")
"""Words that make a statement a hedge, a guess or hearsay rather than an assertion."""

_HEDGE = re.compile(r"\b(" + "|".join(h for h in HEDGES if h != "may") + r")\b", re.IGNORECASE)
_MAY = re.compile(r"\bmay\b")
_WORD = re.compile(r"[^\W\d_]{2,}")
"""A word: two letters or more. A quote without one is data (a matrix cell, a line of an
edge list), not a sentence: the rules about quotes leave it alone."""


@dataclass(frozen=True)
class Finding:
    """One thing lint found, at the claim (or record) it is about."""

    rule: str
    origin: Origin
    message: str
    record: str
    """the id of the record (``interest:a->o``, ``relation:...``, an actor or event id)"""
    claim: str | None = None
    """the claim's id, for a finding about one claim"""
    related: tuple[str, ...] = ()
    """the other claims citing the same quote: an acknowledgement on any of them (or on
    their records) covers the finding, which is about the sentence"""


@dataclass
class LintReport:
    """What `lint` found, and what the YAML acknowledges (``lint: {ignore: ...}``)."""

    findings: list[Finding] = field(default_factory=list)
    acknowledged: list[Finding] = field(default_factory=list)
    claims: int = 0
    """how many claims were checked"""


def lint(G: nx.MultiDiGraph, *, rules: Iterable[str] | None = None) -> LintReport:
    """Run the tradecraft checks (`LINT_RULES`, or those in `rules`) on the graph `G`.

    >>> from actorgraph import load
    >>> lint(load()).findings
    []
    """
    records: GraphRecords = G.graph["records"]
    wanted = set(LINT_RULES if rules is None else rules)
    unknown = wanted - set(LINT_RULES)
    if unknown:
        from ..errors import UsageError

        raise UsageError(f"unknown lint rule(s): {', '.join(sorted(unknown))}; the rules are: "
                         f"{', '.join(LINT_RULES)}")
    quotes = _by_quote(records) if wanted & {"stance-conflict", "quote-reused"} else {}
    checks = {"hedged-assertion": lambda: _hedged(records),
              "stance-conflict": lambda: _stance_conflicts(records, quotes),
              "quote-reused": lambda: _reused(records, quotes),
              "quote-names-nothing": lambda: _names_nothing(records),
              "comments-only": lambda: _comments_only(records),
              "quantity-not-in-text": lambda: _quantities(records)}
    report = LintReport(claims=len(records.claims))
    for rule in LINT_RULES:
        if rule not in wanted:
            continue
        for finding in checks[rule]():
            quiet = _acknowledged(records, finding)
            (report.acknowledged if quiet else report.findings).append(finding)
    def order(f: Finding) -> tuple[str, int, int, int]:
        return f.origin.file, f.origin.line, f.origin.column, LINT_RULES.index(f.rule)
    report.findings.sort(key=order)
    report.acknowledged.sort(key=order)
    return report


def _record(records: GraphRecords, rid: str) -> Any:
    """The record with id `rid`: an actor, interest, effect, relation or event."""
    for table in (records.interests, records.effects):
        if rid in table:
            return table[rid][1]
    for table in (records.relations, records.events, records.actors):  # type: ignore[assignment]
        if rid in table:
            return table[rid]
    return None


def _acknowledged(records: GraphRecords, f: Finding) -> bool:
    holders = [_record(records, f.record)]
    for cid in (f.claim, *f.related) if f.claim is not None else ():
        about, claim = records.claims[cid]
        holders += [claim, _record(records, about)]
    return any(h is not None and h.lint is not None and f.rule in h.lint.ignore
               for h in holders)


def _claims(records: GraphRecords) -> Iterator[tuple[str, str, Claim]]:
    for cid, (about, claim) in records.claims.items():
        yield cid, about, claim


def _at(records: GraphRecords, rid: str) -> str:
    return f"{rid} ({records.origins[rid]})"


# -- the rules ------------------------------------------------------------------------------

def hedges_in(quote: str) -> list[str]:
    """The hedge words in `quote`, lower-cased, in order, each once.

    >>> hedges_in("Erdogan would prefer it; perhaps even more. May 2025 may tell.")
    ['would', 'perhaps', 'may']
    """
    found = [(m.start(), m[0].lower()) for m in _HEDGE.finditer(quote)]
    found += [(m.start(), "may") for m in _MAY.finditer(quote)]
    return list(dict.fromkeys(word for _, word in sorted(found)))


def _hedged(records: GraphRecords) -> Iterator[Finding]:
    for cid, about, claim in _claims(records):
        # a claim that states its likelihood has weighed the hedge: not flagged
        words = (hedges_in(claim.quote) if claim.stance == "asserts"
                 and claim.likelihood is None else [])
        if words:
            listed = ", ".join(f"'{w}'" for w in words)
            yield Finding("hedged-assertion", records.origins[cid],
                          f"the quote hedges ({listed}) but is recorded as 'asserts': record "
                          "it as 'speculates' or give its likelihood", about, cid)


Groups = dict[tuple[str, str], list[tuple[str, str, Claim]]]


def _by_quote(records: GraphRecords) -> Groups:
    """The claims by (source, normalised quote)."""
    groups: Groups = defaultdict(list)
    for cid, about, claim in _claims(records):
        if _WORD.search(claim.quote):  # a quote without words is data: "-1" is not a sentence
            groups[claim.source, normalize_text(claim.quote)].append((cid, about, claim))
    return groups


def _stance_conflicts(records: GraphRecords, quotes: Groups) -> Iterator[Finding]:
    for group in quotes.values():
        first = group[0][2].stance
        odd = [item for item in group if item[2].stance != first]
        if not odd:
            continue
        cid, about, claim = odd[0]
        others = "; ".join(f"'{c.stance}' at {records.origins[i]} ({a})"
                           for i, a, c in group if c.stance != claim.stance)
        yield Finding("stance-conflict", records.origins[cid],
                      f"the same quote is '{claim.stance}' here and {others}: one sentence "
                      "has one stance", about, cid, tuple(i for i, _, _ in group if i != cid))


def _stakeholder(records: GraphRecords, about: str) -> str | None:
    """The actor whose stake record `about` states: an interest's actor, or the actor an
    effect lands on (None for any other record)."""
    if about in records.interests:
        return records.interests[about][0]
    if about in records.effects and records.effects[about][1].to in records.actors:
        return records.effects[about][1].to
    return None


def _reused(records: GraphRecords, quotes: Groups) -> Iterator[Finding]:
    for group in quotes.values():
        abouts = list(dict.fromkeys(about for _, about, _ in group))
        if len(abouts) < 2:
            continue
        stakeholders = [_stakeholder(records, a) for a in abouts]
        if None not in stakeholders and len(set(stakeholders)) == len(abouts):
            continue  # one sentence naming several actors' interests, or what befalls each
        cid, about, _ = next(item for item in group if item[1] != abouts[0])
        others = ", ".join(_at(records, a) for a in abouts if a != about)
        yield Finding("quote-reused", records.origins[cid],
                      f"the same quote is cited by {others}: an answer meeting these records "
                      "counts one sentence more than once", about, cid,
                      tuple(i for i, _, _ in group if i != cid))


def _comments_only(records: GraphRecords) -> Iterator[Finding]:
    by_record: dict[str, list[Claim]] = defaultdict(list)
    for _, about, claim in _claims(records):
        by_record[about].append(claim)
    for about, claims in by_record.items():
        standing = [c for c in claims if c.stance != "denies"]
        kinds = {records.sources[c.source].kind if c.source in records.sources else None
                 for c in standing}
        if standing and kinds == {"comment"}:
            sources = ", ".join(sorted({c.source for c in standing}))
            yield Finding("comments-only", records.origins[about],
                          f"{about} rests only on reader comments ({sources}): find it in an "
                          "article, statement or report, or acknowledge it", about)


def _quantities(records: GraphRecords) -> Iterator[Finding]:
    for cid, about, claim in _claims(records):
        q = claim.quantity
        if q is not None and not value_in_text(q.value, q.text):
            shown = ", ".join(f"{n:g}" for n in sorted(text_numbers(q.text)))
            yield Finding("quantity-not-in-text", records.origins[cid],
                          f"the quantity's value {q.value:g} is no amount its text "
                          f"'{q.text}' gives ({shown}): give the value the words state "
                          "(25% is 25, $1.2bn is 1200000000)", about, cid)


# -- does a quote name its record? ------------------------------------------------------------

_COMMON = """
a an the and or but nor of to in on at by for with from into onto over under about against
between among through during before after above below up down out off per via as than then
so such too very also only just even still yet all any both each either neither few more
most other others some own same this that these those there here it its they them their
theirs he him his she her hers we us our ours you your i me my who whom whose which what
when where why how is are was were be been being am has have had do does did will would
shall should can could may might must not no non new old one two first last
"""
_STOPWORDS = frozenset(_COMMON.split())
"""Words that name nothing, left out of names and quotes (an all-capitals one such as "US"
is kept: it is an abbreviation, not the pronoun)."""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> set[str]:
    words = {w for w in re.findall(r"[a-z0-9]{2,}", _fold(text)) if w not in _STOPWORDS}
    return words | {w.lower() for w in re.findall(r"\b[A-Z]{2,}\b", text)}


class _Names:
    """The words naming a record's parts, matched the lenient way (see the module's doc)."""

    def __init__(self, words: set[str]):
        self.exact = words
        self.prefix4 = {w[:4] for w in words if len(w) >= 4}
        self.prefix5 = {w[:5] for w in words if len(w) >= 5}
        self.four = {w for w in words if len(w) == 4}

    def named_by(self, word: str) -> bool:
        if word in self.exact:
            return True
        if len(word) == 4:
            return word in self.prefix4
        return len(word) > 4 and (word[:5] in self.prefix5 or word[:4] in self.four)


def _actor_words(records: GraphRecords, aid: str, members: dict[str, list[str]]) -> set[str]:
    words: set[str] = set()
    seen, todo = set(), [aid]
    while todo:  # the actor and everyone in it, below
        a = todo.pop()
        if a in seen or a not in records.actors:
            continue
        seen.add(a)
        actor = records.actors[a]
        words |= _words(" ".join((a.replace("-", " "), actor.name, *actor.aliases,
                                  actor.iso3 or "")))
        todo.extend(members.get(a, ()))
    for container in records.actors[aid].part_of if aid in records.actors else ():
        if container in records.actors:
            c = records.actors[container]
            words |= _words(" ".join((container.replace("-", " "), c.name, *c.aliases)))
    return words


def _outcome_words(records: GraphRecords, oid: str) -> set[str]:
    outcome = records.outcomes.get(oid)
    if outcome is None:
        return set()
    words = _words(" ".join((oid.replace("-", " "), outcome.label, outcome.description or "")))
    for aid in (*outcome.between, *outcome.involves):
        actor = records.actors.get(aid)
        if actor is not None:
            words |= _words(" ".join((aid.replace("-", " "), actor.name, *actor.aliases)))
    return words


def _names_nothing(records: GraphRecords) -> Iterator[Finding]:
    members: dict[str, list[str]] = defaultdict(list)
    for aid, actor in records.actors.items():
        for container in actor.part_of:
            members[container].append(aid)
    actor_words: dict[str, set[str]] = {}
    cache: dict[str, _Names] = {}

    def names(about: str) -> _Names:
        if about not in cache:
            words: set[str] = set()
            for kind, key in _parts(records, about):
                if kind == "actor":
                    if key not in actor_words:
                        actor_words[key] = _actor_words(records, key, members)
                    words |= actor_words[key]
                else:
                    words |= (_outcome_words(records, key) if kind == "outcome"
                              else _words(records.events[key].label))
            cache[about] = _Names(words)
        return cache[about]

    for cid, about, claim in _claims(records):
        if not _WORD.search(claim.quote):
            continue  # data, not prose (a matrix cell, a line of an edge list)
        wanted = names(about)
        said = _words(claim.quote) | _words(claim.note or "")
        if wanted.exact and not any(map(wanted.named_by, said)):
            yield Finding("quote-names-nothing", records.origins[cid],
                          f"the quote names none of {_parts_named(records, about)}, and no "
                          "note says what it refers to: is it about this record?", about, cid)


def _parts(records: GraphRecords, about: str) -> list[tuple[str, str]]:
    """What a record is about: ('actor' | 'outcome' | 'event', id) pairs."""
    if about in records.interests:
        aid, interest = records.interests[about]
        return [("actor", aid), ("outcome", interest.outcome)]
    if about in records.effects:
        src, effect = records.effects[about]
        return [_kind_of(records, src), _kind_of(records, effect.to)]
    if about in records.relations:
        return [("actor", a) for a in records.relations[about].ends]
    if about in records.events:
        return [("event", about), *(("actor", a) for a in records.events[about].actors)]
    return [("actor", about)]


def _kind_of(records: GraphRecords, rid: str) -> tuple[str, str]:
    """An end of an effect: an outcome, an event or an actor."""
    kind = "outcome" if rid in records.outcomes else "event" if rid in records.events else "actor"
    return kind, rid


def _parts_named(records: GraphRecords, about: str) -> str:
    return ", ".join(f"'{key}'" for _, key in _parts(records, about))
