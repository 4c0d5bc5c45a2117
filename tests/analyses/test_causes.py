"""What caused a rift, on whose word: accounts, their voices, and when they are contested."""

from __future__ import annotations

import yaml

import actorgraph
from actorgraph.analyses.gains import who_gains
from actorgraph.present.gains import format_text, report_to_dict


def claim(by, quote, stance="asserts"):
    return {"by": by, "source": "s", "quote": quote, "stance": stance}


def graph(write_graph, events):
    data = {
        "sources": [{"id": "s", "title": "S", "kind": "article", "confidence": 0.6}],
        "actors": [{"id": x, "name": x.upper(), "kind": "state"} for x in ("a", "b")] + [
            {"id": "ministry", "name": "Ministry", "kind": "government", "part_of": ["a"]},
            {"id": "x", "name": "X", "kind": "person", "part_of": ["ministry"]},
            {"id": "x2", "name": "X2", "kind": "person", "part_of": ["ministry"]},
            {"id": "y", "name": "Y", "kind": "person"},
            {"id": "z", "name": "Z", "kind": "person"}],
        "outcomes": [{"id": "rift-a-b", "label": "Rift", "kind": "rift", "between": ["a", "b"]}],
        "events": events}
    return actorgraph.load(write_graph(yaml.safe_dump(data, sort_keys=False)), cache=False)


def event(eid, actors, claims, led_to=()):
    return {"id": eid, "label": eid.replace("-", " "), "actors": list(actors),
            "led_to": list(led_to), "claims": claims}


def test_one_account_is_not_contested(write_graph):
    G = graph(write_graph, [
        event("spark", ["a"], [claim("x", "the spark")], led_to=["clash"]),
        event("clash", ["a", "b"], [claim("x", "the clash"), claim("x2", "the clash again")]),
        event("unrelated", ["a"], [claim("y", "something else")])])
    [cause] = who_gains(G, "a", "b").causes
    # the ministry's two officials are one voice; the first cause it gives is the spark
    assert (cause.event, cause.chain, cause.voices) == ("spark", ("spark", "clash"),
                                                        ("ministry",))
    assert (cause.support, cause.contested, cause.denied_by) == (0.6, False, ())


def test_different_first_causes_and_a_denial_are_contested(write_graph):
    G = graph(write_graph, [
        event("spark", ["a"], [claim("x", "the spark")], led_to=["clash"]),
        event("clash", ["a", "b"], [claim("x", "the clash"), claim("y", "y saw the clash")]),
        # y says the plot split them: a causal claim, so a rival account (an incident nobody
        # ties to the rift is none beside the clash that x ties to the spark)
        {**event("plot", ["b", "a"], [claim("y", "a plot"), claim("z", "no plot", "denies")]),
         "effects": [{"to": "rift-a-b", "sign": "advances",
                      "claims": [claim("y", "the plot split them")]}]}])
    report = who_gains(G, "a", "b")
    causes = {c.event: c for c in report.causes}
    # x traces the clash back to the spark; y gives a plot, which z denies. That y saw the
    # clash happen is no account of its cause once x says what caused it (it was one before)
    assert {e: (c.chain, c.voices, c.denied_by) for e, c in causes.items()} == {
        "spark": (("spark", "clash"), ("ministry",), ()),
        "plot": (("plot",), ("y",), ("z",))}
    assert all(c.contested for c in report.causes)
    assert causes["plot"].support == round(0.6 * (1 - 0.6), 6)  # the denial lowers it
    text = format_text(G, report)
    assert "WHAT CAUSED THE RIFT  (contested: the sources give 2 accounts and deny one)" in text
    assert "  plot: unlikely (0.24, 1 voice: Y); denied by Z" in text
    data = report_to_dict(G, report)["causes"]
    assert data["contested"] is True
    assert {a["event"]: a["denied_by"] for a in data["accounts"]}["plot"] == ["z"]


def test_the_filter_decides_whose_account_counts(write_graph):
    G = graph(write_graph, [
        event("spark", ["a"], [claim("x", "the spark")], led_to=["clash"]),
        event("clash", ["a", "b"], [claim("x", "the clash"), claim("y", "y saw the clash")])])
    only_y = who_gains(G, "a", "b", according_to=["y"]).causes
    assert [(c.chain, c.contested) for c in only_y] == [(("clash",), False)]


def test_what_nobody_ties_to_a_cause_is_what_happened_in_the_rift_not_an_account(write_graph):
    G = graph(write_graph, [
        event("spark", ["a"], [claim("x", "the spark")], led_to=["clash"]),
        event("clash", ["a", "b"], [claim("x", "the clash")]),
        # a response after the clash: it involves both sides, no one says what it caused
        event("ultimatum", ["a", "b"], [claim("y", "the ultimatum")]),
        event("talks", ["b", "a"], [claim("z", "the talks")])])
    assert [c.chain for c in who_gains(G, "a", "b").causes] == [("spark", "clash")]
    # when no voice left in gives any cause, the incidents are all the sources tell
    bare = who_gains(G, "a", "b", exclude=["x"]).causes
    assert [(c.chain, c.voices) for c in bare] == [(("talks",), ("z",)), (("ultimatum",), ("y",))]


def test_an_incident_that_led_to_another_is_told_in_its_chain_not_alone(write_graph):
    G = graph(write_graph, [
        event("policy", ["a", "b"], [claim("x", "the policy")], led_to=["blockade"]),
        event("blockade", ["a", "b"], [claim("y", "the blockade")])])
    # y only reports the blockade, which x says the policy led to: one account, x's
    assert [(c.chain, c.voices) for c in who_gains(G, "a", "b").causes] == [
        (("policy", "blockade"), ("ministry",))]


def test_a_report_that_an_incident_happened_is_an_account_only_when_no_cause_is_named(
        write_graph):
    # the Torkham closure: the pages report it and name no cause of it, so it stands as
    # the account; once a source names its cause, the report is no rival account
    G = graph(write_graph, [event("closure", ["a", "b"], [claim("y", "the closure")])])
    assert [(c.chain, c.voices) for c in who_gains(G, "a", "b").causes] == [
        (("closure",), ("y",))]



def test_a_denied_blame_on_an_earlier_event_of_the_chain_counts_against_the_account(
        write_graph):
    # Borean officials blame the border incident (an effect onto the rift) which led to the
    # gas cut; Aland denies that link. The account border -> cut showed the officials alone,
    # at the chain's support, as if nobody denied it (a fresh user's finding)
    border = event("border", ["a", "b"], [claim("y", "the border incident")], led_to=["cut"])
    border["effects"] = [{"to": "rift-a-b", "sign": "advances", "claims": [
        claim("y", "which the officials blamed for the dispute"),
        claim("z", "denied any link", stance="denies")]}]
    G = graph(write_graph, [border, event("cut", ["a", "b"], [claim("x", "the cut")])])
    chained = next(c for c in who_gains(G, "a", "b").causes if c.chain == ("border", "cut"))
    assert (chained.voices, chained.denied_by, chained.contested) == (("y",), ("z",), True)
    # y names it; its number also needs the ministry's word (x) that the cut happened
    assert chained.support_voices == ("ministry", "y")
    # Y (one witness for the incident and the blame) right 0.6, X (the cut) right 0.6, Z's
    # 0.6 denial wrong 0.4; without the denial counted it was 0.36
    assert chained.support == round(0.6 * 0.6 * 0.4, 6)


def test_a_denial_that_an_incident_split_them_lowers_it_though_nobody_blames_it(write_graph):
    # the clash involves both sides, so x's report makes it an incident; nobody says it
    # advanced the rift, but z denies it did. 'denied by Z' beside a number z's denial did
    # not touch was a number nobody could defend: now it counts, 0.6 * (1 - 0.6)
    clash = event("clash", ["a", "b"], [claim("x", "the clash")])
    clash["effects"] = [{"to": "rift-a-b", "sign": "advances",
                         "claims": [claim("z", "the clash had nothing to do with it", "denies")]}]
    G = graph(write_graph, [clash])
    [cause] = who_gains(G, "a", "b").causes
    assert (cause.voices, cause.support_voices, cause.denied_by, cause.contested) == (
        ("ministry",), ("ministry",), ("z",), True)
    assert cause.support == round(0.6 * 0.4, 6)
    assert "  clash: unlikely (0.24, 1 voice: Ministry); denied by Z" in format_text(
        G, who_gains(G, "a", "b")).splitlines()
