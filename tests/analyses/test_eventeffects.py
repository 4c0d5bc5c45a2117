"""Effects of a rift's events that the gains answer does not follow, listed so it can say so."""

from __future__ import annotations

import shutil

import yaml

import actorgraph
from actorgraph.analyses.claims import ClaimView, claim_filter
from actorgraph.analyses.eventeffects import EventEffect, uncounted_effects
from actorgraph.analyses.gains import who_gains

from ..conftest import DATA

ON_EVENT = DATA / "valid" / "aland-borea-event-effects"
"""A new user's graph: the rift's consequences curated as effects of the gas cut (event)."""
ON_RIFT = DATA / "valid" / "aland-borea"
"""The same graph with those effects on the rift outcome, where gains follows them."""

GAS_CUT = [EventEffect("gas-cut", "borea", -1, ("jon-vale",)),
           EventEffect("gas-cut", "borean-steelmakers", -1, ("jon-vale",)),
           EventEffect("gas-cut", "coria", 1, ("ft-analysts",))]


def test_the_gas_cuts_effects_are_listed_and_not_counted():
    report = who_gains(actorgraph.load(ON_EVENT, cache=False), "aland", "borea")
    assert report.stakes == ()
    assert list(report.uncounted) == GAS_CUT


def test_the_same_effects_on_the_rift_outcome_count_and_are_not_listed():
    report = who_gains(actorgraph.load(ON_RIFT, cache=False), "aland", "borea")
    assert report.uncounted == ()
    assert (report.gainers, report.losers) == (["coria"], ["borean-steelmakers", "borea"])


def test_the_answers_filter_applies():
    G = actorgraph.load(ON_EVENT, cache=False)
    view = ClaimView(G, claim_filter(G, according_to=["financial-times"]))
    assert uncounted_effects(view, "aland", "borea") == GAS_CUT[2:]
    view = ClaimView(G, claim_filter(G, exclude=["jon-vale", "ft-analysts"]))
    assert uncounted_effects(view, "borea", "aland") == []


def test_events_of_other_actors_and_effects_onto_rifts_are_left_out(tmp_path):
    folder = tmp_path / "graph"
    shutil.copytree(ON_EVENT, folder)
    events = yaml.safe_load((folder / "events.yaml").read_text())
    events["events"][0]["actors"] = ["coria"]  # the gas cut no longer involves a side
    (folder / "events.yaml").write_text(yaml.safe_dump(events, sort_keys=False))
    G = actorgraph.load(folder, cache=False)
    assert who_gains(G, "aland", "borea").uncounted == ()
    events["events"][0]["actors"] = ["borea"]
    (folder / "events.yaml").write_text(yaml.safe_dump(events, sort_keys=False))
    G = actorgraph.load(folder, cache=False)
    assert list(who_gains(G, "aland", "borea").uncounted) == GAS_CUT
    # the border incident's effect onto the rift is an account of its cause, never listed
    assert [c.event for c in who_gains(G, "aland", "borea").causes] == ["border-incident"]


def test_the_bundled_graph_has_none(curated):
    assert who_gains(curated, "russia", "azerbaijan").uncounted == ()
