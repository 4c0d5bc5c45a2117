"""The diff asks `who_gains` again only about rifts a change can reach (`diffscope`).

First, changes far from a rift (a source's confidence, a claimant joining an organisation,
a denial two effects away) that change its answer, and the diff reports each exactly; a
re-quoted claim reaches no rift. Then, on random small graphs with random edits
(hypothesis), the scoped diff equals the diff that asks about every rift.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import actorgraph
from actorgraph.analyses.diff import AnswerChange, diff_graphs, diff_records
from actorgraph.analyses.diffscope import affected_rifts, marked_nodes, scoped_options


def claim(by, source, quote, **extra):
    return {"by": by, "source": source, "quote": quote, **extra}


def far_graph() -> dict[str, dict]:
    """Rift a-b advances o1, o1 advances o2, x wants o2 on the word of p1 (source s1, 0.6)
    and p2 (s2, 0.5); p1 is part of the ministry; p2 is unidentified, so heard as s2, which
    names no author. A second rift c-d is far away."""
    return {
        "sources.yaml": {"sources": [
            {"id": "s1", "title": "S1", "kind": "article", "confidence": 0.6},
            {"id": "s2", "title": "S2", "kind": "article", "confidence": 0.5},
            {"id": "s3", "title": "S3", "kind": "article", "confidence": 1.0}]},
        "people.yaml": {"actors": [
            {"id": "ministry", "name": "Ministry", "kind": "organization"},
            {"id": "p1", "name": "P1", "kind": "person", "part_of": ["ministry"]},
            {"id": "p2", "name": "P2", "kind": "unidentified"},
            {"id": "analyst", "name": "Analyst", "kind": "person"},
            {"id": "critic", "name": "Critic", "kind": "person"}]},
        "sides.yaml": {"actors": [
            {"id": "a", "name": "A", "kind": "state"},
            {"id": "b", "name": "B", "kind": "state"},
            {"id": "c", "name": "C", "kind": "state"},
            {"id": "d", "name": "D", "kind": "state",
             "interests": [{"outcome": "rift-c-d", "stance": "opposes",
                            "claims": [claim("d", "s1", "we oppose it")]}]},
            {"id": "x", "name": "X", "kind": "state",
             "interests": [{"outcome": "o2", "stance": "wants",
                            "claims": [claim("p1", "s1", "x wants o2"),
                                       claim("p2", "s2", "x needs o2")]}]}]},
        "outcomes.yaml": {"outcomes": [
            {"id": "rift-a-b", "label": "Rift A-B", "kind": "rift", "between": ["a", "b"],
             "effects": [{"to": "o1", "sign": "advances",
                          "claims": [claim("analyst", "s3", "the rift advances o1")]}]},
            {"id": "o1", "label": "O1", "kind": "other",
             "effects": [{"to": "o2", "sign": "advances",
                          "claims": [claim("analyst", "s3", "o1 advances o2")]}]},
            {"id": "o2", "label": "O2", "kind": "other"},
            {"id": "rift-c-d", "label": "Rift C-D", "kind": "rift", "between": ["c", "d"]}]},
    }


def write(folder: Path, files: dict[str, dict]) -> Path:
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


def versions(tmp_path: Path, old: dict, new: dict):
    return (actorgraph.load(write(tmp_path / "old", old), cache=False),
            actorgraph.load(write(tmp_path / "new", new), cache=False))


def x_score(old: float, new: float) -> AnswerChange:
    return AnswerChange(("a", "b"), "x", "score", "gains", "gains", old, new)


def source_confidence(g):
    g["sources.yaml"]["sources"][1]["confidence"] = 0.8


def joins_ministry(g):
    g["people.yaml"]["actors"][2]["part_of"] = ["ministry"]


def author(g):
    g["sources.yaml"]["sources"][1]["author"] = "p1"


def denial(g):
    g["outcomes.yaml"]["outcomes"][1]["effects"][0]["claims"].append(
        claim("critic", "s2", "o1 does not advance o2", stance="denies"))


def requote(g):
    g["sides.yaml"]["actors"][4]["interests"][0]["claims"][1]["quote"] = "x needs o2 badly"


def o1_is_a_rift_of_c_and_d(g):
    g["outcomes.yaml"]["outcomes"][1].update(kind="rift", between=["c", "d"])


AB, CD = ("a", "b"), ("c", "d")


@pytest.mark.parametrize(("edit", "answers", "asked"), [
    # two voices, 0.6 and 0.5: 1 - 0.4 * 0.5 = 0.8; s2 at 0.8: 1 - 0.4 * 0.2 = 0.92
    (source_confidence, [x_score(0.8, 0.92)], {AB}),
    # p2 joins the ministry: one voice, its strongest claim, 0.6
    (joins_ministry, [x_score(0.8, 0.6)], {AB}),
    # s2 names p1 its author: the unidentified p2 is heard as p1, the ministry's voice
    (author, [x_score(0.8, 0.6)], {AB}),
    # the critic (0.5) denies o1 -> o2, a link two effects from the rift: 0.8 * 0.5
    (denial, [x_score(0.8, 0.4)], {AB}),
    (requote, [], set()),
    # o1 becomes a rift of c and d: x, two effects on, now gains from it too
    (o1_is_a_rift_of_c_and_d, [AnswerChange(CD, "x", "appeared", None, "gains", None, 0.8)],
     {AB, CD}),
])
def test_a_change_far_from_a_rift_changes_its_answer_and_the_diff_says_so(
        tmp_path, edit, answers, asked):
    old = far_graph()
    new = copy.deepcopy(old)
    edit(new)
    G_old, G_new = versions(tmp_path, old, new)
    d = diff_graphs(G_old, G_new)
    assert list(d.answers) == answers
    assert d == diff_graphs(G_old, G_new, every_rift=True)
    assert d.rifts == (AB, CD)
    assert affected_rifts(G_old, G_new, d.records, d.rifts, {}, depth=4) == asked


def test_depth_bounds_the_rifts_asked(tmp_path):
    """x's interest is two effects from rift a-b: with depth 1 the diff cannot reach it."""
    old = far_graph()
    new = copy.deepcopy(old)
    source_confidence(new)
    G_old, G_new = versions(tmp_path, old, new)
    records = diff_records(G_old.graph["records"], G_new.graph["records"])
    assert marked_nodes(G_old, G_new, records) == {"x", "o2"}
    assert affected_rifts(G_old, G_new, records, [("a", "b")], {}, depth=1) == set()
    assert affected_rifts(G_old, G_new, records, [("a", "b")], {}, depth=2) == {("a", "b")}
    assert diff_graphs(G_old, G_new, depth=1).answers == ()
    assert diff_graphs(G_old, G_new, depth=2).answers == (x_score(0.8, 0.92),)


def test_options_that_read_more_of_the_graph_ask_every_rift():
    assert scoped_options({}) and scoped_options({"depth": 2, "inferred": True})
    assert not scoped_options({"according_to": ["p1"]})
    assert not scoped_options({"as_of": "2025"})
    assert not scoped_options({"include_no_stake": True})


# -- random graphs, random edits: the scoped diff is the diff of every rift -------------

@st.composite
def graphs(draw) -> dict[str, dict]:
    n = draw(st.integers(4, 7))
    m = draw(st.integers(3, 6))
    actor_ids = [f"a{i}" for i in range(n)]
    outcome_ids = [f"o{j}" for j in range(m)]
    quotes = iter(range(10_000))

    def claims() -> list[dict]:
        return [claim(draw(st.sampled_from(actor_ids)), f"s{draw(st.integers(0, 2))}",
                      f"q{next(quotes)}",
                      stance=draw(st.sampled_from(["asserts", "asserts", "speculates",
                                                   "denies"])))
                for _ in range(draw(st.integers(1, 2)))]

    sources = [{"id": f"s{i}", "title": f"S{i}", "kind": "article",
                "confidence": draw(st.sampled_from([0.3, 0.5, 0.8]))} for i in range(3)]
    for s in sources:  # an unidentified claimant the page quotes is heard as its author
        if draw(st.booleans()):
            s["author"] = draw(st.sampled_from(actor_ids))
    actors = []
    for i, aid in enumerate(actor_ids):
        actor = {"id": aid, "name": aid.upper(),
                 "kind": draw(st.sampled_from(["state", "person", "organization",
                                               "unidentified"]))}
        if i > 0 and draw(st.booleans()):
            actor["part_of"] = [f"a{draw(st.integers(0, i - 1))}"]
        wanted = draw(st.lists(st.sampled_from(outcome_ids), unique=True, max_size=2))
        actor["interests"] = [{"outcome": o, "stance": draw(st.sampled_from(["wants",
                                                                             "opposes"])),
                               "claims": claims()} for o in wanted]
        actors.append(actor)
    outcomes = []
    for j, oid in enumerate(outcome_ids):
        outcome = {"id": oid, "label": oid.upper(), "kind": "other"}
        if j < 2:  # two rifts: a0-a1 and a2-a3
            outcome.update(kind="rift", between=[f"a{2 * j}", f"a{2 * j + 1}"])
        # an effect may name an actor: a route ending on the actor itself
        targets = draw(st.lists(st.sampled_from(outcome_ids + actor_ids[:3]), unique=True,
                                max_size=2))
        outcome["effects"] = [{"to": t, "sign": draw(st.sampled_from(["advances",
                                                                      "hinders"])),
                               "claims": claims()} for t in targets if t != oid]
        outcomes.append(outcome)
    return {"sources.yaml": {"sources": sources}, "actors.yaml": {"actors": actors},
            "outcomes.yaml": {"outcomes": outcomes}}


def _claims_of(g):
    for a in g["actors.yaml"]["actors"]:
        for i in a["interests"]:
            yield from i["claims"]
    for o in g["outcomes.yaml"]["outcomes"]:
        for e in o["effects"]:
            yield from e["claims"]


EDITS = ["source", "author", "part_of", "kind", "stance", "quote", "confidence", "interest",
         "effect", "drop effect", "outcome kind"]


def edit(g: dict, what: str, k: int) -> None:
    """One curator's edit of kind `what`; `k` picks which record."""
    actors, outcomes = g["actors.yaml"]["actors"], g["outcomes.yaml"]["outcomes"]
    claims = list(_claims_of(g))
    interests = [i for a in actors for i in a["interests"]]
    effects = [(o, e) for o in outcomes for e in o["effects"]]
    actor = actors[k % len(actors)]
    if what == "source":
        s = g["sources.yaml"]["sources"][k % 3]
        s["confidence"] = 0.9 if s["confidence"] != 0.9 else 0.2
    elif what == "author":
        s = g["sources.yaml"]["sources"][k % 3]
        if s.pop("author", None) is None:
            s["author"] = actor["id"]
    elif what == "part_of":
        index = actors.index(actor)
        if actor.pop("part_of", None) is None and index > 0:
            actor["part_of"] = [actors[(k // 7) % index]["id"]]
    elif what == "kind":
        actor["kind"] = "organization" if actor["kind"] != "organization" else "person"
    elif what in ("stance", "quote", "confidence") and claims:
        c = claims[k % len(claims)]
        if what == "stance":
            c["stance"] = "denies" if c["stance"] != "denies" else "asserts"
        elif what == "quote":
            c["quote"] += " (re-quoted)"
        else:
            c["confidence"] = 0.95
    elif what == "interest" and interests:
        i = interests[k % len(interests)]
        i["stance"] = "wants" if i["stance"] == "opposes" else "opposes"
    elif what == "effect" and effects:
        _, e = effects[k % len(effects)]
        e["sign"] = "advances" if e["sign"] == "hinders" else "hinders"
    elif what == "drop effect" and effects:
        o, e = effects[k % len(effects)]
        o["effects"].remove(e)
    elif what == "outcome kind":
        o = outcomes[2 + k % (len(outcomes) - 2)]
        if o["kind"] == "rift":
            o.update(kind="other", between=[])
        else:
            o.update(kind="rift", between=[actors[k % 2]["id"], actors[2 + k % 2]["id"]])


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(graphs(), st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 50)), min_size=1,
                          max_size=3), st.sampled_from([None, 1, 2, 4]))
def test_the_scoped_diff_equals_the_diff_of_every_rift(old, edits, depth):
    new = copy.deepcopy(old)
    for what, k in edits:
        edit(new, what, k)
    with tempfile.TemporaryDirectory() as tmp:
        G_old, G_new = versions(Path(tmp), old, new)
    options = {} if depth is None else {"depth": depth}
    assert diff_graphs(G_old, G_new, **options) == diff_graphs(G_old, G_new, every_rift=True,
                                                                **options)
