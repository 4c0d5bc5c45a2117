"""Issue 15 items 1 and 3: effects onto actors as stated routes of `gains`, and events'
effects as causes of a rift, on real YAML (`tests/data/valid/effects/` and graphs written to
a temporary folder)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import actorgraph
from actorgraph.analyses.gains import who_gains
from actorgraph.analyses.lint import lint
from actorgraph.errors import GraphDataError
from actorgraph.present.gains import format_text, report_to_dict

from ..conftest import DATA

EFFECTS = DATA / "valid" / "effects"


@pytest.fixture(scope="module")
def G():
    return actorgraph.load(EFFECTS, cache=False)


def test_an_effect_onto_an_actor_makes_it_lose_and_a_two_step_chain_makes_one_gain(G):
    report = who_gains(G, "northland", "southland")
    # the rift advances the sanctions, which hurt the exporters: they lose; the rift hinders
    # the transit deal, which hinders Eastland: Eastland gains; nobody has an interest record
    assert (report.gainers, report.losers, report.mixed) == (
        ["eastland"], ["grain-exporters"], [])
    assert not G.graph["records"].interests
    exporters = report.stake("grain-exporters")
    assert [(e.route, e.sign, e.outcome, [s.target for s in e.steps])
            for e in exporters.evidence] == [
        ("effect", -1, None, ["grain-sanctions", "grain-exporters"])]
    assert (exporters.score, exporters.voices, exporters.stake, exporters.interests,
            exporters.effects) == (0.6, ("reporter",), 1.0, 0, 1)
    eastland = report.stake("eastland")
    assert [(e.route, e.sign) for e in eastland.evidence] == [("effect", 1)]
    assert (eastland.score, eastland.voices) == (0.6, ("analyst",))


def test_explain_shows_the_effect_chain_and_the_cause_with_their_claimants(G):
    text = format_text(G, who_gains(G, "northland", "southland"), explain=True)
    lines = text.splitlines()
    assert "  Eastland (eastland)                likely (0.60, 1 voice)  stake 1 (1 effect); " \
           "effect chain" in lines
    assert ("  gain 0.60 effect chain: Rift between Northland and Southland -> hinders Transit "
            "deal through Southland -> hinders Eastland; according to An analyst") in lines
    at = lines.index("      Transit deal through Southland hinders Eastland (support 0.60)")
    assert lines[at + 1:at + 3] == [
        "        - An analyst in wire (asserts, 0.6): \u201cThe transit deal costs Eastland its "
        "role as the", "          corridor of the region.\u201d"]
    # the event that advances the rift is named, with who says so and who denies it
    start = lines.index("WHAT CAUSED THE RIFT  (contested: the sources give 1 account and deny "
                        "it)")
    assert lines[start + 1:start + 8] == [
        "  Border clash at the river: unlikely (0.24, 1 voice: The reporter); denied by "
        "Southland's trade minister",
        "      event: Border clash at the river",
        "        - The reporter in wire (asserts, 0.6): \u201cNorthland's troops clashed with "
        "smugglers at the",
        "          river in March.\u201d",
        "      effect: Border clash at the river advances Rift between Northland and Southland",
        "        - The reporter in wire (asserts, 0.6): \u201cThe border clash set off the "
        "rift.\u201d",
        "        - Southland's trade minister in wire (denies, 0.6): \u201cThe clash at the "
        "river had nothing to"]


def test_json_names_the_route_kind_and_the_causes_claims(G):
    data = report_to_dict(G, who_gains(G, "northland", "southland"))
    [exporters] = [s for s in data["stakes"] if s["actor"] == "grain-exporters"]
    assert (exporters["stake"], exporters["interests"], exporters["effects"]) == (1.0, 0, 1)
    assert [e["route"] for e in exporters["evidence"]] == ["effect"]
    assert [s["kind"] for s in exporters["evidence"][0]["steps"]] == ["effect", "effect"]
    [cause] = data["causes"]["accounts"]
    assert (cause["event"], cause["voices"], cause["denied_by"], cause["contested"]) == (
        "border-clash", ["reporter"], ["minister"], True)
    assert [(c["by"], c["stance"]) for c in cause["effect_claims"]] == [
        ("reporter", "asserts"), ("minister", "denies")]


def test_a_denied_event_effect_is_contested_and_lowers_the_cause(G):
    [cause] = who_gains(G, "northland", "southland").causes
    # the reporter says the clash happened and set off the rift (one voice, right on both
    # with 0.6), and the minister denies the second at 0.6: 0.6 * (1 - 0.6)
    assert (cause.event, cause.chain, cause.voices, cause.denied_by) == (
        "border-clash", ("border-clash",), ("reporter",), ("minister",))
    assert cause.support == round(0.6 * 0.4, 6)
    assert cause.contested
    # without the minister's word, nobody contests it
    [alone] = who_gains(G, "northland", "southland", exclude=["minister"]).causes
    assert (alone.support, alone.contested, alone.denied_by) == (0.6, False, ())


# -- small graphs written to a folder ---------------------------------------------------


def claim(by, quote, stance="asserts"):
    return {"by": by, "source": "s", "quote": quote, "stance": stance}


def write(folder: Path, outcomes=(), events=(), interests=None) -> Path:
    people = {"x": "Xenia", "y": "Yuri", "z": "Zora", "c": "Carthage"}
    data = {
        "sources": [{"id": "s", "title": "S", "kind": "article", "confidence": 0.6}],
        "actors": [{"id": a, "name": a.upper(), "kind": "state"} for a in ("a", "b")] +
                  [{"id": p, "name": name, "kind": "person",
                    **({"interests": interests[p]} if interests and p in interests else {})}
                   for p, name in people.items()],
        "outcomes": [{"id": "rift-a-b", "label": "Rift", "kind": "rift", "between": ["a", "b"],
                      "effects": []},
                     {"id": "thaw-a-b", "label": "Thaw", "kind": "rapprochement",
                      "between": ["a", "b"]}, *outcomes],
        "events": list(events)}
    for o in data["outcomes"][2:]:
        if o.get("from_rift"):
            data["outcomes"][0]["effects"].append(o.pop("from_rift"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "graph.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


def event(eid, claims, effects=(), actors=("a",)):
    return {"id": eid, "label": eid.replace("-", " "), "actors": list(actors),
            "claims": claims, "effects": list(effects)}


def test_two_voices_naming_different_causes_are_contested(tmp_path):
    G = actorgraph.load(write(tmp_path / "g", events=[
        event("raid", [claim("x", "the raid")], [
            {"to": "rift-a-b", "sign": "advances", "claims": [claim("x", "the raid split them")]}]),
        event("vote", [claim("y", "the vote")], [
            # hindering a rapprochement of the same two is a cause of the rift too
            {"to": "thaw-a-b", "sign": "hinders", "claims": [claim("y", "the vote ended it")]}]),
        # an event whose effect is on something else is no cause of this rift
        event("storm", [claim("z", "a storm")], [
            {"to": "c", "sign": "hinders", "claims": [claim("z", "the storm hurt C")]}])]),
        cache=False)
    report = who_gains(G, "a", "b")
    assert [(c.event, c.voices, c.denied_by, c.contested, c.support)
            for c in report.causes] == [("raid", ("x",), (), True, 0.6),
                                        ("vote", ("y",), (), True, 0.6)]
    assert "WHAT CAUSED THE RIFT  (contested: the sources give 2 accounts)" in \
        format_text(G, report)
    # an event's effect onto an actor is carried, but it is no route of the rift's gains
    assert report.stakes == ()
    assert "effect:storm->c" in G.graph["records"].effects
    assert not G.has_node("storm")


def test_a_voice_that_only_reports_the_event_does_not_name_it_as_the_cause(tmp_path):
    G = actorgraph.load(write(tmp_path / "g", events=[
        event("raid", [claim("x", "the raid"), claim("z", "z saw the raid")], [
            {"to": "rift-a-b", "sign": "advances", "claims": [claim("y", "the raid split them")]}
        ])]), cache=False)
    [cause] = who_gains(G, "a", "b").causes
    # z and x say the raid happened; only y says it caused the rift
    assert (cause.voices, cause.contested) == (("y",), False)
    assert cause.support == round((1 - 0.4 * 0.4) * 0.6, 6)


def test_an_actor_with_an_interest_and_an_effect_of_opposite_signs_is_mixed(tmp_path):
    G = actorgraph.load(write(tmp_path / "g", outcomes=[
        {"id": "tariffs", "label": "Tariffs", "kind": "other",
         "from_rift": {"to": "tariffs", "sign": "advances",
                       "claims": [claim("x", "the rift brings tariffs")]},
         "effects": [{"to": "c", "sign": "hinders",
                      "claims": [claim("y", "tariffs hurt C")]}]}],
        interests={"c": [{"outcome": "rift-a-b", "stance": "wants",
                          "claims": [claim("z", "C wants the rift")]}]}), cache=False)
    stake = who_gains(G, "a", "b").stake("c")
    assert sorted((e.route, e.sign) for e in stake.evidence) == [("direct", 1), ("effect", -1)]
    # gain 0.6 (z); loss 0.6 * 0.6 (x and y): the smaller is over a third of the larger
    assert (stake.verdict, stake.gain, stake.loss) == ("mixed", 0.6, 0.36)
    assert (stake.contested, stake.stake, stake.interests, stake.effects) == (True, 2.0, 1, 1)


def test_effects_onto_actors_are_checked_and_linted(tmp_path):
    folder = write(tmp_path / "bad", events=[
        event("raid", [claim("x", "the raid")], [
            {"to": "raid-two", "sign": "advances", "claims": [claim("x", "it led on")]}]),
        event("raid-two", [claim("x", "the second raid")])])
    with pytest.raises(GraphDataError) as err:
        actorgraph.load(folder, cache=False)
    assert [p.message for p in err.value.problems if p.level == "error"] == [
        "'raid-two' is an event, not an outcome or actor"]
    # a quote that names the actor an effect lands on names the record
    G = actorgraph.load(write(tmp_path / "ok", outcomes=[
        {"id": "tariffs", "label": "Tariffs", "kind": "other",
         "from_rift": {"to": "tariffs", "sign": "advances",
                       "claims": [claim("x", "The rift brings tariffs.")]},
         "effects": [{"to": "c", "sign": "hinders",
                      "claims": [claim("y", "This hurts Carthage badly.")]}]}],
        events=[event("raid", [claim("x", "The raid came.")], [
            {"to": "c", "sign": "hinders", "claims": [claim("y", "Carthage suffered.")]}])]),
        cache=False)
    rules = {f.rule for f in lint(G).findings}
    assert "quote-names-nothing" not in rules


# -- a property: refining an effect chain onto an actor changes no ranking --------------

chains = st.lists(st.tuples(st.lists(st.sampled_from(["advances", "hinders"]), min_size=1,
                                     max_size=3),
                            st.sampled_from(["x", "y", "z"]),
                            st.sampled_from([0.5, 0.6, 0.8])),
                  min_size=1, max_size=4)


def _chain_graph(folder: Path, spec, refine: int | None) -> Path:
    """Per entry, a chain of effects from the rift onto actor c<i> with those signs, every
    link claimed by one voice at one confidence; `refine` splits the first link of that
    entry into two links with the same voice (signs multiplying to the same sign)."""
    outcomes, actors = [], []
    rift_effects = []
    for i, (signs, voice, conf) in enumerate(spec):
        actors.append({"id": f"c{i}", "name": f"C{i}", "kind": "state"})
        nodes = [f"o{i}-{k}" for k in range(len(signs) - 1)] + [f"c{i}"]
        if refine == i:
            nodes = [f"o{i}-fine", *nodes]
            signs = ["hinders", "advances" if signs[0] == "hinders" else "hinders", *signs[1:]]
        say = {"by": voice, "source": "s", "quote": f"chain {i}", "confidence": conf}
        rift_effects.append({"to": nodes[0], "sign": signs[0], "claims": [dict(say)]})
        for k, node in enumerate(nodes[:-1]):
            outcomes.append({"id": node, "label": node, "kind": "other", "effects": [
                {"to": nodes[k + 1], "sign": signs[k + 1], "claims": [dict(say)]}]})
    data = {"sources": [{"id": "s", "title": "S", "kind": "article"}],
            "actors": [{"id": x, "name": x, "kind": "person"} for x in ("a", "b", "x", "y", "z")]
            + actors,
            "outcomes": [{"id": "rift-a-b", "label": "Rift", "kind": "rift",
                          "between": ["a", "b"], "effects": rift_effects}, *outcomes]}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "graph.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


def _ranking(folder: Path):
    report = who_gains(actorgraph.load(folder, cache=False), "a", "b", depth=8)
    return [(s.actor, s.verdict, s.score, s.voices, s.stake) for s in report.stakes]


@settings(max_examples=25, deadline=None)
@given(chains, st.data())
def test_splitting_an_effect_chain_onto_an_actor_changes_no_ranking(spec, data):
    i = data.draw(st.integers(0, len(spec) - 1))
    with tempfile.TemporaryDirectory() as tmp:
        before = _ranking(_chain_graph(Path(tmp) / "coarse", spec, None))
        after = _ranking(_chain_graph(Path(tmp) / "fine", spec, i))
    assert after == before
    signs = spec[i][0]
    sign = -1 if signs.count("hinders") % 2 else 1
    assert (f"c{i}", "gains" if sign > 0 else "loses") in [(a, v) for a, v, *_ in before]


# -- carried everywhere: show, exports, the YAML round trip, diff -----------------------


def test_show_exports_round_trip_and_diff_carry_effects_onto_actors_and_events(G, tmp_path):
    from actorgraph.analyses.diff import diff_graphs
    from actorgraph.present.export import flat_graph, records_yaml
    from actorgraph.present.text import describe

    assert describe(G, "grain-exporters").splitlines()[2:4] == [
        "affected by:",
        "  Grain sanctions (grain-sanctions) hinders Grain exporters (grain-exporters)"]
    assert "  Border clash at the river (border-clash) advances Rift between Northland and " \
           "Southland (rift-northland-southland)" in describe(G, "border-clash").splitlines()
    edge = flat_graph(G).edges["grain-sanctions", "grain-exporters",
                               "effect:grain-sanctions->grain-exporters"]
    assert (edge["edge_type"], edge["kind"], edge["sign"], edge["claimants"]) == (
        "effect", "hinders", -1, "reporter")
    (tmp_path / "rt").mkdir()
    (tmp_path / "rt" / "all.yaml").write_text(records_yaml(G), encoding="utf-8")
    back = actorgraph.load(tmp_path / "rt", cache=False)
    assert back.graph["records"].effects.keys() == G.graph["records"].effects.keys()
    assert back.graph["events"]["border-clash"] == G.graph["events"]["border-clash"]
    # taking the event's effect out is one removed effect record, reported once
    text = (EFFECTS / "graph.yaml").read_text(encoding="utf-8")
    cut = text[:text.index("    effects:\n      - to: rift-northland-southland")]
    (tmp_path / "cut").mkdir()
    (tmp_path / "cut" / "graph.yaml").write_text(cut, encoding="utf-8")
    d = diff_graphs(G, actorgraph.load(tmp_path / "cut", cache=False))
    assert [(c.type, c.kind, c.id) for c in d.records if c.type != "claim"] == [
        ("effect", "removed", "effect:border-clash->rift-northland-southland")]


def test_the_rdf_export_states_effects_onto_actors_and_events_with_their_claims(G):
    rdflib = pytest.importorskip("rdflib")
    from actorgraph.present.rdf import rdf_graph

    g = rdf_graph(G)
    rows = g.query("""
        PREFIX ag: <urn:actorgraph:vocab:>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?s ?p ?o ?who WHERE {
          ?st a ag:Effect ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
          ?claim ag:about ?st ; prov:wasAttributedTo ?who ; ag:stance "asserts" .
        }""")
    name = {rdflib.URIRef("urn:actorgraph:vocab:" + x): x for x in ("advances", "hinders")}
    found = {(str(s).rsplit(":", 1)[1], name[p], str(o).rsplit(":", 1)[1],
              str(w).rsplit(":", 1)[1]) for s, p, o, w in rows}
    assert ("grain-sanctions", "hinders", "grain-exporters", "reporter") in found
    assert ("border-clash", "advances", "rift-northland-southland", "reporter") in found


def test_an_incident_between_both_sides_that_a_voice_blames_is_named_by_the_blamer(tmp_path):
    G = actorgraph.load(write(tmp_path / "g", events=[
        event("summit-walkout", [claim("x", "the walkout")], [
            {"to": "rift-a-b", "sign": "advances", "claims": [claim("y", "the walkout did it")]}],
              actors=("a", "b"))]), cache=False)
    [cause] = who_gains(G, "a", "b").causes
    # it involves both sides, but y says what it did to the rift: y names it, and the
    # account needs x's report that it happened and y's blame, as it does when the event's
    # actors leave one side out (it was named by x and y at x's 0.6 alone, so listing the
    # actors moved the number; a fresh user's finding)
    assert (cause.event, cause.voices, cause.support_voices, cause.support,
            cause.contested) == ("summit-walkout", ("y",), ("x", "y"), 0.36, False)


def test_an_event_between_both_sides_said_to_hinder_the_rift_is_no_cause(tmp_path):
    calm = {"to": "rift-a-b", "sign": "hinders", "claims": [claim("y", "the truce eased it")]}
    G = actorgraph.load(write(tmp_path / "g", events=[
        event("truce", [claim("x", "the truce")], [calm], actors=("a", "b")),
        event("clash", [claim("x", "the clash")], actors=("a", "b"))]), cache=False)
    assert [c.event for c in who_gains(G, "a", "b").causes] == ["clash"]
    # on a filter that leaves the calming word out, the truce is an incident again
    assert [c.event for c in who_gains(G, "a", "b", exclude=["y"]).causes] == [
        "clash", "truce"]


def test_the_rift_itself_may_affect_an_actor(tmp_path):
    folder = write(tmp_path / "g")
    data = yaml.safe_load((folder / "graph.yaml").read_text(encoding="utf-8"))
    data["outcomes"][0]["effects"] = [
        {"to": "c", "sign": "advances", "claims": [claim("x", "The rift helps Carthage.")]},
        {"to": "a", "sign": "hinders", "claims": [claim("y", "The rift hurts A.")]}]
    (folder / "graph.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    report = who_gains(actorgraph.load(folder, cache=False), "a", "b")
    assert (report.gainers, report.losers) == (["c"], ["a"])
    assert [len(e.steps) for e in report.stake("c").evidence] == [1]
