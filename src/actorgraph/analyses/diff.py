"""What changed between two versions of a graph, record by record, and in the answers.

Records are matched by their stable ids: given ids for sources, actors, outcomes and events;
derived ids for interests, effects, relations and claims (`actorgraph.model.ids`), so moving a
record to another file or reordering a list changes nothing. A record whose new version
lists the old id under ``formerly:`` is reported as renamed, and references to it (and
derived ids that contain it) are followed through the rename. A claim whose claimant,
source and assertion stay but whose quote changes is reported as changed, and so is a
relation whose domain alone changes (its id names the domain), with its claims unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from ..errors import UnknownNameError
from ..io.loader import GraphRecords, Origin
from ..model import ids
from ..model.graph import resolve
from ..model.kinds import ACTOR, OUTCOME, RIFT
from .diffscope import affected_rifts, scoped_options

__all__ = [
    "RECORD_TYPES",
    "AnswerChange",
    "FieldChange",
    "FileStat",
    "GraphDiff",
    "RecordChange",
    "diff_graphs",
    "diff_records",
    "file_stats",
]

RECORD_TYPES = ("source", "actor", "outcome", "event", "interest", "effect", "relation",
                "claim")

# fields that hold ids of other records, so a rename is followed through them
_REFERENCES = {"by", "source", "author", "in_reply_to", "part_of", "outcome", "between",
               "involves", "to", "from", "actors", "led_to", "actor", "about"}
# lists whose order carries no meaning
_UNORDERED = {"aliases", "part_of", "between", "involves", "actors", "led_to"}


@dataclass(frozen=True)
class FieldChange:
    """One field of one record: its old and new value (None where absent)."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecordChange:
    """A record added, removed, changed, or renamed (possibly changed as well)."""

    kind: Literal["added", "removed", "changed", "renamed"]
    type: str
    id: str
    """The id in the new version (the old one for removed records)."""
    old_id: str | None = None
    """For renamed records, re-quoted claims and relations moved to another domain: the id
    in the old version."""
    fields: tuple[FieldChange, ...] = ()
    old_origin: Origin | None = None
    new_origin: Origin | None = None


@dataclass(frozen=True)
class AnswerChange:
    """How one actor's stake in one rift changed between the versions."""

    rift: tuple[str, str]
    actor: str
    kind: Literal["appeared", "disappeared", "verdict", "score"]
    old_verdict: str | None
    new_verdict: str | None
    old_score: float | None
    new_score: float | None


@dataclass(frozen=True)
class GraphDiff:
    """Everything that differs between two versions; empty when they say the same."""

    old: str
    new: str
    records: tuple[RecordChange, ...] = ()
    answers: tuple[AnswerChange, ...] = ()
    renames: dict[str, str] = field(default_factory=dict)
    rifts: tuple[tuple[str, str], ...] = ()
    """The rifts whose answers were compared."""
    files: dict[str, str] = field(default_factory=dict)
    """Each file as either version shows it -> one name for it in both (the new version's
    where it has the file), so a file's changes count once whatever the side."""

    def __bool__(self) -> bool:
        return bool(self.records or self.answers)

    def count(self, kind: str) -> int:
        return sum(1 for r in self.records if r.kind == kind)


# -- record tables ----------------------------------------------------------------------

def _rename_refs(value: Any, key: str, ren: dict[str, str]) -> Any:
    if not ren or key not in _REFERENCES:
        return value
    if isinstance(value, str):
        return ren.get(value, value)
    if isinstance(value, list):
        return [ren.get(v, v) if isinstance(v, str) else v for v in value]
    return value


@dataclass(frozen=True)
class _Entry:
    """One record of one version, as the diff sees it."""

    record: Any
    extra: tuple[tuple[str, str], ...]  # fields not in the model (the owning actor, ...)
    exclude: frozenset[str]             # nested records, compared as records of their own
    origin: Origin
    written_id: str                     # the id as this version writes it

    def fields(self, ren: dict[str, str]) -> dict[str, Any]:
        data = self.record.model_dump(mode="json", by_alias=True,
                                      exclude=set(self.exclude) | {"formerly"})
        data.update(self.extra)
        return {k: _rename_refs(v, k, ren) for k, v in data.items()}


_NO_EXTRA: tuple[tuple[str, str], ...] = ()


def _tables(r: GraphRecords, ren: dict[str, str], skip: set[str],
            moved: dict[str, str] | None = None) -> dict[str, dict[str, _Entry]]:
    """type -> id (with renames and `moved` relations applied) -> entry, leaving out
    records from `skip` files."""
    moved = moved or {}

    def name(x: str) -> str:
        return ren.get(x, x)

    def keep(rid: str) -> bool:
        return o[rid].file not in skip

    t: dict[str, dict[str, _Entry]] = {k: {} for k in RECORD_TYPES}
    o = r.origins
    for rtype, table, exclude in (("source", r.sources, {"id"}),
                                  ("actor", r.actors, {"id", "interests", "claims"}),
                                  ("outcome", r.outcomes, {"id", "effects"}),
                                  ("event", r.events, {"id", "claims", "effects"})):
        frozen = frozenset(exclude)
        for rid, rec in table.items():
            if keep(rid):
                t[rtype][name(rid)] = _Entry(rec, _NO_EXTRA, frozen, o[rid], rid)
    claims_only = frozenset({"claims"})
    assertion: dict[str, str] = {}  # id in this version -> id with renames applied
    for iid, (actor, i) in r.interests.items():
        new_id = ids.interest_id(name(actor), name(i.outcome), i.since) if ren else iid
        assertion[iid] = new_id
        if keep(iid):
            t["interest"][new_id] = _Entry(i, (("actor", actor),), claims_only, o[iid], iid)
    for eid, (src, e) in r.effects.items():
        new_id = ids.effect_id(name(src), name(e.to)) if ren else eid
        assertion[eid] = new_id
        if keep(eid):
            t["effect"][new_id] = _Entry(e, (("from", src),), claims_only, o[eid], eid)
    for rid, rel in r.relations.items():
        new_id = moved.get(rid) or (_relation_id(rel, ren) if ren else rid)
        assertion[rid] = new_id
        if keep(rid):
            t["relation"][new_id] = _Entry(rel, _NO_EXTRA, claims_only, o[rid], rid)
    for cid, (about, c) in r.claims.items():
        if not keep(cid):
            continue
        about_new = assertion.get(about, name(about))
        new_id = cid
        if about_new != about or c.by in ren or c.source in ren:
            new_id = ids.claim_id(about_new, c.model_copy(
                update={"by": name(c.by), "source": name(c.source)}))
        t["claim"][new_id] = _Entry(c, (("about", about_new),), frozenset(), o[cid], cid)
    return t


def _relation_id(rel: Any, ren: dict[str, str], **update: Any) -> str:
    """The id of relation `rel` with its ends renamed by `ren` (and fields `update`d)."""
    def name(x: str) -> str:
        return ren.get(x, x)

    if ren and any(x in ren for x in rel.ends):
        update.update({"between": [name(x) for x in rel.between] if rel.between else None,
                       "from_": name(rel.from_) if rel.from_ else None,
                       "to": name(rel.to) if rel.to else None})
    return ids.relation_id(rel.model_copy(update=update) if update else rel)


def _domain_moves(old: GraphRecords, new: GraphRecords, ren: dict[str, str]
                  ) -> dict[str, str]:
    """Old relation id -> new relation id, for a tie whose domain alone changed. The id
    names the domain (`ids.relation_id`), so otherwise a tie moved from one domain to
    another would read as one tie removed and another added, each with all its claims.
    Paired only one to one: where several ties of one pair and kind change domain at once,
    which went where is not guessed."""
    was = {_relation_id(rel, ren): rid for rid, rel in old.relations.items()}
    gone = [rid for key, rid in was.items() if key not in new.relations]
    came = [rid for rid in new.relations if rid not in was]
    if not gone or not came:
        return {}
    by_tie: dict[str, list[list[str]]] = {}
    for rid in gone:
        tie = _relation_id(old.relations[rid], ren, domain="other")
        by_tie.setdefault(tie, [[], []])[0].append(rid)
    for rid in came:
        tie = _relation_id(new.relations[rid], {}, domain="other")
        by_tie.setdefault(tie, [[], []])[1].append(rid)
    return {olds[0]: news[0] for olds, news in by_tie.values()
            if len(olds) == 1 and len(news) == 1}


def _renames(old: GraphRecords, new: GraphRecords) -> dict[str, str]:
    """old id -> new id, for records whose new version lists the old id under formerly."""
    old_ids = set(old.sources) | set(old.actors) | set(old.outcomes) | set(old.events)
    out = {}
    for table in (new.sources, new.actors, new.outcomes, new.events):
        for rid, record in table.items():
            for former in record.formerly:
                if former in old_ids and rid not in old_ids:
                    out[former] = rid
    return out


def _same(key: str, a: Any, b: Any) -> bool:
    if key in _UNORDERED and isinstance(a, list) and isinstance(b, list):
        return sorted(map(str, a)) == sorted(map(str, b))
    return bool(a == b)


def _field_changes(a: dict[str, Any], b: dict[str, Any]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(k, a.get(k), b.get(k)) for k in sorted(set(a) | set(b))
                 if not _same(k, a.get(k), b.get(k)))


def diff_records(old: GraphRecords, new: GraphRecords) -> list[RecordChange]:
    """Every record added, removed, changed or renamed between `old` and `new`."""
    ren = _renames(old, new)
    # a file with the same bytes in both versions holds the same records: nothing to compare
    same = {rel for rel, digest in old.digests.items() if new.digests.get(rel) == digest}
    t_old = _tables(old, ren, {shown for shown, rel in old.relative.items() if rel in same},
                    _domain_moves(old, new, ren))
    t_new = _tables(new, {}, {shown for shown, rel in new.relative.items() if rel in same})
    out: list[RecordChange] = []

    def changes(x: _Entry, y: _Entry) -> tuple[FieldChange, ...]:
        if x.record == y.record and x.extra == y.extra:  # the cheap test first
            return ()
        return _field_changes(x.fields(ren), y.fields({}))

    for rtype in RECORD_TYPES:
        a, b = t_old[rtype], t_new[rtype]
        removed = sorted(set(a) - set(b))
        added = sorted(set(b) - set(a))
        if rtype == "claim":  # the same claimant, source and assertion, re-quoted
            by_key = {k.rsplit("|", 1)[0]: k for k in added}
            for k in list(removed):
                match = by_key.pop(k.rsplit("|", 1)[0], None)
                if match is not None:
                    removed.remove(k)
                    added.remove(match)
                    out.append(RecordChange("changed", rtype, match, a[k].written_id,
                                            changes(a[k], b[match]), a[k].origin,
                                            b[match].origin))
        out += [RecordChange("removed", rtype, a[k].written_id, None, (), a[k].origin, None)
                for k in removed]
        out += [RecordChange("added", rtype, k, None, (), None, b[k].origin) for k in added]
        for k in sorted(set(a) & set(b)):
            was = a[k].written_id
            fields = changes(a[k], b[k])
            if was != b[k].written_id and rtype in ("source", "actor", "outcome", "event"):
                out.append(RecordChange("renamed", rtype, k, was, fields, a[k].origin,
                                        b[k].origin))
            elif fields:
                out.append(RecordChange("changed", rtype, k, was if was != k else None,
                                        fields, a[k].origin, b[k].origin))
    order = {t: i for i, t in enumerate(RECORD_TYPES)}
    out.sort(key=lambda c: (order[c.type], c.id, c.kind))
    return out


def _file_names(old: GraphRecords, new: GraphRecords) -> dict[str, str]:
    shown_new = {rel: shown for shown, rel in new.relative.items()}
    names = {shown: shown_new.get(rel, shown) for shown, rel in old.relative.items()}
    names.update((shown, shown) for shown in new.relative)
    return names


@dataclass(frozen=True)
class FileStat:
    """How many records of one file were added, removed, changed and renamed."""

    file: str
    added: int = 0
    removed: int = 0
    changed: int = 0
    renamed: int = 0

    @property
    def total(self) -> int:
        return self.added + self.removed + self.changed + self.renamed


def file_stats(d: GraphDiff) -> list[FileStat]:
    """The record changes of `d` counted per file (like ``git diff --stat``), by file name.

    A removed record counts in the file it was removed from; any other in its new file.
    """
    counts: dict[str, dict[str, int]] = {}
    for r in d.records:
        origin = r.old_origin if r.kind == "removed" else r.new_origin
        if origin is None:
            continue
        name = d.files.get(origin.file, origin.file)
        per_kind = counts.setdefault(name, {})
        per_kind[r.kind] = per_kind.get(r.kind, 0) + 1
    return [FileStat(name, **counts[name]) for name in sorted(counts)]


# -- answers ----------------------------------------------------------------------------

def _rift_pairs(G: nx.MultiDiGraph, name: Callable[[str], str]
                ) -> dict[frozenset[str], tuple[str, str]]:
    """Each rift's pair of actors, in the order its outcome names them."""
    pairs: dict[frozenset[str], tuple[str, str]] = {}
    for node in sorted(G):
        d = G.nodes[node]
        if d["type"] == OUTCOME and d["kind"] == RIFT:
            a, b = (name(x) for x in d["record"].between)
            pairs.setdefault(frozenset((a, b)), (a, b))
    return pairs


def _stakes(G: nx.MultiDiGraph, a: str, b: str, name: Callable[[str], str],
            options: dict[str, Any]) -> dict[str, tuple[str, float]]:
    from .gains import who_gains

    if not all(x in G and G.nodes[x]["type"] == ACTOR for x in (a, b)):
        return {}
    report = who_gains(G, a, b, **options)
    return {name(s.actor): (s.verdict, s.score) for s in report.stakes}


def diff_graphs(G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph, *,
                rifts: Iterable[tuple[str, str]] | None = None,
                score_tolerance: float = 0.005, every_rift: bool = False,
                **gains_options: Any) -> GraphDiff:
    """Compare two loaded versions: their records, and who gains from each rift.

    `rifts` defaults to every rift outcome either version knows; each is a pair of actors,
    by id, name or alias in either version (`rift_ids`). A score change smaller than
    `score_tolerance` is not reported. Only the rifts a changed record can reach are asked
    again (`actorgraph.analyses.diffscope`: the others' answers are provably the same);
    `every_rift` asks `who_gains` about every rift in both versions instead (the same
    result, slower).

    >>> import actorgraph
    >>> G = actorgraph.load()
    >>> bool(diff_graphs(G, G))
    False
    """
    if rifts is not None:
        rifts = [rift_ids(G_old, G_new, a, b) for a, b in rifts]
    return _diff_graphs(G_old, G_new, rifts, score_tolerance, gains_options, every_rift)


def rift_ids(G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph, a: str, b: str
             ) -> tuple[str, str]:
    """The ids of two actors named in either version: an id as given if either version has
    it, else a name or alias as the new version knows it, else as the old one did.

    >>> import actorgraph
    >>> G = actorgraph.load()
    >>> rift_ids(G, G, "Russia", "azerbaijan")
    ('russia', 'azerbaijan')
    """
    def one(x: str) -> str:
        if x in G_new:
            return resolve(G_new, x)  # an id: it must name an actor
        if x in G_old:
            return resolve(G_old, x)
        try:
            return resolve(G_new, x)
        except UnknownNameError:
            return resolve(G_old, x)

    return one(a), one(b)


def _diff_graphs(G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph,
                 rifts: Iterable[tuple[str, str]] | None, score_tolerance: float,
                 gains_options: dict[str, Any], every_rift: bool = False) -> GraphDiff:
    old, new = G_old.graph["records"], G_new.graph["records"]
    records = diff_records(old, new)
    ren = _renames(old, new)
    back = {v: k for k, v in ren.items()}

    def forward(x: str) -> str:
        return ren.get(x, x)

    if rifts is None:
        known = _rift_pairs(G_old, forward)
        known.update(_rift_pairs(G_new, lambda x: x))
        pairs = sorted(known.values())
    else:
        pairs = [(forward(a), forward(b)) for a, b in rifts]
    asked = pairs
    if not every_rift and scoped_options(gains_options):
        import inspect

        from .gains import who_gains

        depth = gains_options.get(
            "depth", inspect.signature(who_gains).parameters["depth"].default)
        reach = affected_rifts(G_old, G_new, records, pairs, back, depth)
        asked = [p for p in pairs if p in reach]
    answers: list[AnswerChange] = []
    for a, b in asked:
        before = _stakes(G_old, back.get(a, a), back.get(b, b), forward, gains_options)
        after = _stakes(G_new, a, b, lambda x: x, gains_options)
        for actor in sorted(set(before) | set(after)):
            (ov, os_), (nv, ns) = before.get(actor, (None, None)), after.get(actor, (None, None))
            if ov is None:
                kind = "appeared"
            elif nv is None:
                kind = "disappeared"
            elif ov != nv:
                kind = "verdict"
            elif abs((ns or 0) - (os_ or 0)) >= score_tolerance:
                kind = "score"
            else:
                continue
            answers.append(AnswerChange((a, b), actor, kind, ov, nv, os_, ns))  # type: ignore[arg-type]
    return GraphDiff(old.label, new.label, tuple(records), tuple(answers), ren, tuple(pairs),
                     _file_names(old, new))
