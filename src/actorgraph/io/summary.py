"""A plain summary of one file's records, kept next to its cache entry, and the checks
across files run on summaries alone.

After one file of a large graph is edited, ``validate`` needs only to know that the
graph has no error, its warnings and its counts. Every other file's summary (what it
defines, of which kind and where; the ids it refers to; its former ids, memberships and
signed relations; the outcomes it defines and uses) comes from the cache, and the checks
across files are set operations on them: no record is built.

The summaries decide only whether the graph is clean. They are sound for that: a graph
they pass would pass the full checks (`actorgraph.io.checker.Checker`) with the same
warnings and counts. When they find anything at all (a file with a problem of its own,
an id defined twice, an unknown or wrong reference, a former id in use, a circle of
``part_of``), `check_summaries` says None and the loader runs the full checks, which word
every message with its position exactly as before. Two checks need records: relations of
opposite sign between the same actors in one domain (their dates decide) and quotes
against their source's text. For them the records of only the files concerned are built
and the full checks' own functions run on those (`weigh_in_full`); a problem there, too,
hands the graph to the full checks.

A summary is keyed like the file's records, by the file's SHA-256 under the cache's salt
(which covers this module and the models), with its own suffix; it holds no file name.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..model import ids
from ..model.records import Claim
from .checker import Checker, GraphRecords, quantity_worded, unused_outcome
from .graphchecks import contradictory_relations
from .sourcetext import check_source_texts
from .units import FileUnit

if TYPE_CHECKING:
    from .cache import FileStore

__all__ = ["SUMMARY_SUFFIX", "check_summaries", "decode_file_summary",
           "encode_file_summary", "stored_summary", "summarize", "weigh_in_full"]

SUMMARY_SUFFIX = ".sum"
_FORMAT = "actorgraph-summary-1"
_KINDS = ("source", "actor", "outcome", "event")
_COUNTS = ("sources", "actors", "outcomes", "interests", "effects", "relations", "events",
           "claims")

FileSummary = tuple[Any, ...]
"""(format, counts, ids by kind, other record ids, refs, former ids, memberships, signed
relations, outcomes with positions, outcomes used, sources with a text); or (format, None)
for a file with a problem of its own."""


class _Summarizer(Checker):
    """The full checker's walk over one file, keeping the ids referred to (by the kinds
    they may be) instead of each reference's path, and only whether any error was met."""

    def __init__(self, unit: FileUnit) -> None:
        super().__init__(GraphRecords(root=Path()))
        self.marks = unit.marks
        self.bad = False
        self.targets: dict[str, set[str]] = {}

    def _targets(self, key: str) -> set[str]:
        found = self.targets.get(key)
        if found is None:
            found = self.targets[key] = set()
        return found

    def ref(self, file: str, path: tuple[Any, ...], target: str, *kinds: str) -> None:
        self._targets("|".join(kinds)).add(target)

    def claims(self, file: str, path: tuple[Any, ...], about: str,
               claims: Iterable[Claim]) -> None:
        """What `Checker.claims` registers and refers to, without paths or origins (a
        summary needs neither; the full checks word any problem)."""
        actors, sources = self._targets("actor"), self._targets("source")
        marks, known = self.marks, self.records.claims
        for claim in claims:
            actors.add(claim.by)
            sources.add(claim.source)
            actors.update(claim.via)
            cid = ids.claim_id(about, claim, marks[id(claim)][2])
            if cid in known or not quantity_worded(claim):
                self.bad = True
            known[cid] = (about, claim)

    def error(self, file: str, path: tuple[Any, ...], message: str, *, key: bool = False,
              level: str = "error") -> None:
        self.bad = True


def stored_summary(store: FileStore, digest: str, unit: FileUnit) -> tuple[FileSummary, bytes]:
    """The summary of a file just read (SHA-256 `digest`), stored beside its entry; and its
    bytes as stored."""
    summary = summarize(unit)
    body = encode_file_summary(summary)
    store.put(digest, body, SUMMARY_SUFFIX)
    return summary, body


def summarize(unit: FileUnit) -> FileSummary:
    """The summary of one validated file."""
    s = _Summarizer(unit)
    s.collect("", unit.parsed)
    r = s.records
    others = [*r.interests, *r.effects, *r.relations]
    # a claim's id holds '|', no record's does: so claims can clash only under one record,
    # which would then be defined twice (see `check_summaries`)
    if s.bad or any("|" in rid for rid in r.origins.keys() - r.claims.keys()):
        return (_FORMAT, None)
    by_kind: dict[str, list[str]] = {k: [] for k in _KINDS}
    for rid, kind in s.kind_of.items():
        by_kind[kind].append(rid)
    formerly = [old for table in (r.sources, r.actors, r.outcomes, r.events)
                for record in table.values() for old in record.formerly]
    members = [(a, c) for a, actor in r.actors.items() for c in actor.part_of]
    signed = [(tuple(sorted(set(rel.ends))), rel.domain, rel.sign)
              for rel in r.relations.values()
              if rel.sign and any(c.stance != "denies" for c in rel.claims)]
    outcomes = [(oid, r.origins[oid].line, r.origins[oid].column) for oid in r.outcomes]
    used = {i.outcome for _, i in r.interests.values()}
    used |= {e.to for _, e in r.effects.values()}
    used |= {start for start, _ in r.effects.values()}
    texts = [(sid, source.text) for sid, source in r.sources.items() if source.text]
    return (_FORMAT, tuple(r.counts().values()), [by_kind[k] for k in _KINDS], others,
            {k: sorted(v) for k, v in s.targets.items()}, formerly, members, signed,
            outcomes, sorted(used), texts)


def encode_file_summary(summary: FileSummary) -> bytes:
    return marshal.dumps(summary)


def decode_file_summary(data: bytes) -> FileSummary:
    """The summary `encode_file_summary` wrote; ValueError if `data` is not one."""
    try:
        summary = marshal.loads(data)
    except (EOFError, ValueError, TypeError) as exc:
        raise ValueError(f"not a summary: {exc}") from None
    if (type(summary) is not tuple or not summary or summary[0] != _FORMAT
            or len(summary) not in (2, 11)):
        raise ValueError("not a summary")
    return summary


Verdict = tuple[list[Problem], dict[str, int], list[int]]
"""(warnings, counts, the positions of the files whose records `weigh_in_full` must see)"""


def check_summaries(files: list[tuple[str, FileSummary]], text_root: Path | None
                    ) -> Verdict | None:
    """What the checks across files say of a graph made of these files (name shown,
    summary), if the summaries prove it has no error; None if the full checks must run (see
    the module). Two checks need more than a summary: relations of opposite sign between
    the same actors in one domain (their dates decide) and the quotes citing a source's
    text (when `text_root` is given, texts are read from it); the files they need are
    named, for `weigh_in_full`."""
    defined: dict[str, set[str]] = {k: set() for k in _KINDS}
    n_defined = 0
    others: list[str] = []
    refs: dict[str, set[str]] = {}
    formerly: list[str] = []
    members: list[tuple[str, str]] = []
    signs: dict[tuple[Any, ...], set[int]] = {}
    used: set[str] = set()
    texts: set[str] = set()
    counts = [0] * len(_COUNTS)
    for _, summary in files:
        if summary[1] is None:
            return None
        (_, n, by_kind, other_ids, file_refs, olds, file_members, signed, _, file_used,
         file_texts) = summary
        counts = [a + b for a, b in zip(counts, n, strict=True)]
        for kind, found in zip(_KINDS, by_kind, strict=True):
            defined[kind].update(found)
            n_defined += len(found)
        others.extend(other_ids)
        for key, targets in file_refs.items():
            refs.setdefault(key, set()).update(targets)
        formerly.extend(olds)
        members.extend(file_members)
        for ends, domain, sign in signed:
            signs.setdefault((ends, domain), set()).add(sign)
        used.update(file_used)
        texts.update(sid for sid, _ in file_texts)
    if not files:
        return None  # no file: the full checks say the graph is empty
    every = set().union(*defined.values())
    if len(every) != n_defined or len(set(others)) != len(others) or not every.isdisjoint(
            others):
        return None  # an id defined twice
    for key, targets in refs.items():
        kinds = key.split("|")
        known = defined[kinds[0]] if len(kinds) == 1 else set().union(
            *(defined[k] for k in kinds))
        if not targets <= known:
            return None  # an unknown id, or one of another kind
    if len(set(formerly)) != len(formerly) or not every.isdisjoint(formerly):
        return None
    actors = defined["actor"]
    if _has_cycle([(a, c) for a, c in members if c in actors]):
        return None
    mixed = {key for key, found in signs.items() if len(found) > 1}
    if text_root is None:
        texts = set()
    deep = [k for k, (_, summary) in enumerate(files)
            if (mixed and any((ends, domain) in mixed for ends, domain, _ in summary[7]))
            or (texts and (summary[10] or not texts.isdisjoint(summary[4].get("source", ()))))]
    warnings = [unused_outcome(shown, line, col, oid) for shown, summary in files
                for oid, line, col in summary[8] if oid not in used]
    return sorted(warnings), dict(zip(_COUNTS, counts, strict=True)), deep


def weigh_in_full(records: GraphRecords, text_root: Path | None,
                  texts: dict[str, str]) -> bool:
    """Whether the records of the files `check_summaries` named (every relation of a group
    of mixed signs, every source with a text and every claim that may cite one) pass the
    checks of relations' dates and of quotes against texts; `texts` gets each text's
    fingerprint."""
    if contradictory_relations(records):
        return False
    return text_root is None or not check_source_texts(text_root, records, texts)


def _has_cycle(edges: list[tuple[str, str]]) -> bool:
    """Whether the directed graph of `edges` has a circle (Kahn's algorithm)."""
    out: dict[str, list[str]] = {}
    into: dict[str, int] = {}
    for a, c in edges:
        out.setdefault(a, []).append(c)
        into[c] = into.get(c, 0) + 1
        into.setdefault(a, 0)
    ready = [node for node, n in into.items() if n == 0]
    done = 0
    while ready:
        node = ready.pop()
        done += 1
        for nxt in out.get(node, ()):
            into[nxt] -= 1
            if into[nxt] == 0:
                ready.append(nxt)
    return done != len(into)
