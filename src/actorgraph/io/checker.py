"""The checks across the records of one graph: every file's records registered under their
ids (`Checker.collect`), then references, duplicates, cycles, contradictions, unused
outcomes and source texts checked across them (`Checker.finish`). The loader
(`actorgraph.io.loader`) feeds it files; `actorgraph.io.summary` reuses its walk over one
file's records to keep a plain summary of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GraphDataError, Problem
from ..model import ids
from ..model.records import (
    Actor,
    Claim,
    Effect,
    Event,
    GraphFile,
    Interest,
    Outcome,
    Relation,
    Source,
)
from .cache import FileStore
from .graphchecks import contradictory_relations, former_id_problems, membership_cycles
from .lost import LostFiles
from .messages import a_or_an, nearest
from .sourcetext import check_source_texts, normalize_text
from .units import FileUnit, read_unit
from .yamlread import mark_at, read_yaml_bytes

__all__ = ["Checker", "GraphRecords", "Origin", "ParseCache", "quantity_worded",
           "unused_outcome"]

@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was written: ``file:line:column`` (1-based)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass
class GraphRecords:
    """Every validated record of a graph folder, keyed by its id (given or derived)."""

    root: Path
    label: str = ""
    """How to name this version: its folder, or ``REV:path`` for a git revision."""
    files: list[str] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    interests: dict[str, tuple[str, Interest]] = field(default_factory=dict)
    """interest id -> (actor id, interest)"""
    effects: dict[str, tuple[str, Effect]] = field(default_factory=dict)
    """effect id -> (id of the outcome or event it starts from, effect)"""
    relations: dict[str, Relation] = field(default_factory=dict)
    claims: dict[str, tuple[str, Claim]] = field(default_factory=dict)
    """claim id -> (id of what it is about, claim)"""
    origins: dict[str, Origin] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)
    """file path within the graph -> sha256 of its bytes"""
    relative: dict[str, str] = field(default_factory=dict)
    """file as displayed -> path within the graph"""

    def counts(self) -> dict[str, int]:
        """Records per type, in a fixed order."""
        return {"sources": len(self.sources), "actors": len(self.actors),
                "outcomes": len(self.outcomes), "interests": len(self.interests),
                "effects": len(self.effects), "relations": len(self.relations),
                "events": len(self.events), "claims": len(self.claims)}


class ParseCache:
    """Parsed and validated files (`FileUnit`) by content digest, shared between loads.

    Loading two versions of a graph with one cache parses each unchanged file once (``diff``
    does this). Only files that parsed cleanly are kept; positions are kept with them.
    """

    def __init__(self) -> None:
        self.files: dict[str, FileUnit] = {}


class Checker:
    def __init__(self, records: GraphRecords, cache: ParseCache | None = None,
                 store: FileStore | None = None):
        self.records = records
        self.cache = cache
        self.store = store
        self.problems: list[Problem] = []
        self.docs: dict[str, Any] = {}
        """positioned documents, read again from `data` only when a message needs one"""
        self.data: dict[str, bytes] = {}
        self.marks: dict[int, tuple[int, int, str | None]] = {}
        # (file, path to the referring field, referenced id, kinds it may be)
        self.refs: list[tuple[str, tuple[Any, ...], str, tuple[str, ...]]] = []
        self.kind_of: dict[str, str] = {}
        self.lost = LostFiles()
        self.text_root: Path | None = None  # where sources' texts are read (None: unchecked)
        self.texts: dict[str, str] = {}  # source text -> its fingerprint, once checked

    def finish(self) -> GraphRecords:
        if not self.records.files:
            self.problems.append(Problem(self.records.label, 0, 0, "no *.yaml or *.yml files "
                                         "here: the graph is empty", "warning"))
        self.check_references()
        self.problems.extend(self.lost.notes())
        if any(p.level == "error" for p in self.problems):
            raise GraphDataError(self.problems)
        self.records.warnings = sorted(self.problems)
        return self.records

    # stage 1 and 2 --------------------------------------------------------------------
    def read(self, shown: str, relative: str, data: bytes | Problem,
             digest: str | None = None) -> None:
        self.records.files.append(shown)
        if isinstance(data, Problem):  # the file could not be read at all
            self.problems.append(data)
            self.lost.add(shown, None, [data])
            return
        digest = digest or hashlib.sha256(data).hexdigest()
        self.records.digests[relative] = digest
        self.records.relative[shown] = relative
        self.data[shown] = data
        unit = self.cache.files.get(digest) if self.cache is not None else None
        if unit is None:
            before = len(self.problems)
            unit = read_unit(shown, data, digest, self.problems, self.store)
            if unit is None:
                self.lost.add(shown, data, self.problems[before:])
                return
        if self.cache is not None:
            self.cache.files[digest] = unit
        self.marks = unit.marks
        self.collect(shown, unit.parsed)

    def doc(self, file: str) -> Any:
        """The positioned document of a valid `file` (read again on first need)."""
        if file not in self.docs:
            self.docs[file] = read_yaml_bytes(self.data[file], file)
        return self.docs[file]

    def origin(self, file: str, path: tuple[Any, ...]) -> Origin:
        line, col = mark_at(self.doc(file), path)
        return Origin(file, line, col)

    def error(self, file: str, path: tuple[Any, ...], message: str, *, key: bool = False,
              level: str = "error") -> None:
        line, col = mark_at(self.doc(file), path, key=key)
        self.problems.append(Problem(file, line, col, message, level))  # type: ignore[arg-type]

    def add(self, table: dict[str, Any], rid: str, value: Any, file: str,
            path: tuple[Any, ...], what: str, model: Any) -> bool:
        """Register a record under its id; a second one with the same id is an error."""
        if rid in self.records.origins:
            first = self.records.origins[rid]
            hint = ("; an actor has one interest per outcome: put claims that disagree "
                    "under it with stance: denies") if what == "interest" else ""
            self.error(file, path, f"duplicate {what} '{rid}' (first defined at {first}){hint}")
            return False
        table[rid] = value
        line, col, _ = self.marks[id(model)]
        self.records.origins[rid] = Origin(file, line, col)
        return True

    def ref(self, file: str, path: tuple[Any, ...], target: str, *kinds: str) -> None:
        self.refs.append((file, path, target, kinds))

    def claims(self, file: str, path: tuple[Any, ...], about: str,
               claims: Iterable[Claim]) -> None:
        marks = self.marks
        for k, claim in enumerate(claims):
            cpath = (*path, "claims", k)
            self.ref(file, (*cpath, "by"), claim.by, "actor")
            self.ref(file, (*cpath, "source"), claim.source, "source")
            for j, relay in enumerate(claim.via):
                self.ref(file, (*cpath, "via", j), relay, "actor")
            if not quantity_worded(claim):
                self.error(file, (*cpath, "quantity", "text"), f"the quantity's text "
                           f"'{claim.quantity.text}' is not in the claim's quote: give the "
                           "number as the quote words it")
            line, col, digest = marks[id(claim)]
            cid = ids.claim_id(about, claim, digest)
            if cid in self.records.claims:
                self.error(file, cpath, f"the same claim twice (same claimant, source and "
                           f"quote; first at {self.records.origins[cid]})")
                continue
            self.records.claims[cid] = (about, claim)
            self.records.origins[cid] = Origin(file, line, col)

    def collect(self, file: str, parsed: GraphFile) -> None:
        """Register every record of a validated file; each record's origin is its model's
        position in `marks`."""
        r = self.records
        for i, source in enumerate(parsed.sources):
            path = ("sources", i)
            if self.add(r.sources, source.id, source, file, path, "id", source):
                self.kind_of[source.id] = "source"
            if source.author:
                self.ref(file, (*path, "author"), source.author, "actor")
            if source.in_reply_to:
                self.ref(file, (*path, "in_reply_to"), source.in_reply_to, "source")
        for i, actor in enumerate(parsed.actors):
            path = ("actors", i)
            if self.add(r.actors, actor.id, actor, file, path, "id", actor):
                self.kind_of[actor.id] = "actor"
            for j, container in enumerate(actor.part_of):
                self.ref(file, (*path, "part_of", j), container, "actor")
                if container == actor.id:
                    self.error(file, (*path, "part_of", j), f"'{actor.id}' is part of itself")
            self.claims(file, path, actor.id, actor.claims)
            for j, interest in enumerate(actor.interests):
                ipath = (*path, "interests", j)
                iid = ids.interest_id(actor.id, interest.outcome, interest.since)
                if self.add(r.interests, iid, (actor.id, interest), file, ipath, "interest",
                            interest):
                    self.claims(file, ipath, iid, interest.claims)
                self.ref(file, (*ipath, "outcome"), interest.outcome, "outcome")
        for i, outcome in enumerate(parsed.outcomes):
            path = ("outcomes", i)
            if self.add(r.outcomes, outcome.id, outcome, file, path, "id", outcome):
                self.kind_of[outcome.id] = "outcome"
            for j, actor_id in enumerate(outcome.between):
                self.ref(file, (*path, "between", j), actor_id, "actor")
            for j, actor_id in enumerate(outcome.involves):
                self.ref(file, (*path, "involves", j), actor_id, "actor")
            self.effects(file, path, outcome.id, outcome.effects)
        for i, relation in enumerate(parsed.relations):
            path = ("relations", i)
            rid = ids.relation_id(relation)
            if self.add(r.relations, rid, relation, file, path, "relation", relation):
                self.claims(file, path, rid, relation.claims)
            ends = ("between", 0), ("between", 1)
            if relation.directed:
                ends = ("from",), ("to",)
            for end, actor_id in zip(ends, relation.ends, strict=True):
                self.ref(file, (*path, *end), actor_id, "actor")
        for i, event in enumerate(parsed.events):
            path = ("events", i)
            if self.add(r.events, event.id, event, file, path, "id", event):
                self.kind_of[event.id] = "event"
                self.claims(file, path, event.id, event.claims)
            for j, actor_id in enumerate(event.actors):
                self.ref(file, (*path, "actors", j), actor_id, "actor")
            for j, event_id in enumerate(event.led_to):
                self.ref(file, (*path, "led_to", j), event_id, "event")
            self.effects(file, path, event.id, event.effects)

    def effects(self, file: str, path: tuple[Any, ...], start: str,
                effects: Iterable[Effect]) -> None:
        """Register the effects of an outcome or an event: each onto an outcome or an actor."""
        for j, effect in enumerate(effects):
            epath = (*path, "effects", j)
            if effect.to == start:
                self.error(file, (*epath, "to"), f"'{start}' cannot affect itself")
                continue
            eid = ids.effect_id(start, effect.to)
            if self.add(self.records.effects, eid, (start, effect), file, epath, "effect",
                        effect):
                self.claims(file, epath, eid, effect.claims)
            self.ref(file, (*epath, "to"), effect.to, "outcome", "actor")

    # stage 3 --------------------------------------------------------------------------
    def check_references(self) -> None:
        again: dict[str, list[Any]] = {}  # unknown id -> [its error, later uses not shown]
        for file, path, target, kinds in self.refs:
            found = self.kind_of.get(target)
            if found in kinds:
                continue
            want = " or ".join(kinds)
            if found is not None:
                self.error(file, path, f"'{target}' is {a_or_an(found)}, not {a_or_an(want)}")
                continue
            if self.lost.explains(target):  # a broken file would define it, perhaps
                continue
            if target in again:  # one misspelt id is one error, however often it is used
                again[target][1] += 1
                continue
            pool = [i for i, k in self.kind_of.items() if k in kinds]
            near = nearest(target, pool)
            if near:
                hint = f"; did you mean '{near[0]}'?"
            elif 0 < len(pool) <= 8:
                hint = f" (known: {', '.join(sorted(pool))})"
            else:
                hint = ""
            self.error(file, path, f"unknown {want} '{target}'{hint}")
            again[target] = [self.problems[-1], 0]
        for target, (first, n) in again.items():
            if n:
                self.problems.append(Problem(first.file, first.line, first.column, f"{n} more "
                                             f"use{'s' if n > 1 else ''} of '{target}' not "
                                             "shown", "warning"))
        self.problems += former_id_problems(self.records, self.kind_of)
        self.problems += membership_cycles(self.records)
        self.problems += contradictory_relations(self.records)
        self.check_unused_outcomes()
        if self.text_root is not None:
            self.problems.extend(check_source_texts(self.text_root, self.records,
                                                    self.texts))

    def check_unused_outcomes(self) -> None:
        used = {i.outcome for _, i in self.records.interests.values()}
        used |= {e.to for _, e in self.records.effects.values()}
        used |= {src for src, _ in self.records.effects.values()}
        for oid in self.records.outcomes:
            if oid not in used and not self.lost.explains(None, "warning"):
                o = self.records.origins[oid]
                self.problems.append(unused_outcome(o.file, o.line, o.column, oid))


def quantity_worded(claim: Claim) -> bool:
    """Whether a claim's quantity, if it has one, is given in words its quote holds."""
    return not claim.quantity or (normalize_text(claim.quantity.text)
                                  in normalize_text(claim.quote))


def unused_outcome(file: str, line: int, column: int, oid: str) -> Problem:
    """The warning for an outcome no interest or effect names."""
    return Problem(file, line, column, f"outcome '{oid}' is not wanted, opposed or linked by "
                   "any effect", "warning")
