"""The US-China tariff war of 2018-2019 curated from three pages nobody had curated (issue 15
item 7): who gains from the rift, on whose word.

The case (tests/data/valid/us-china-tariffs-third-countries/) states three interests only (the
UN's call for a fast resolution, the two governments' scramble for a deal); every other
gainer and loser comes from what the pages say the war does to an actor (effects onto
actors), mostly on UNCTAD's study and the Peterson Institute's analysis as the pages report
them, with their amounts as claim quantities. Compared with a reader's key written from the
texts alone, 14 of its 15 gainers and losers come out with the reader's sign; the miss is
"the global economy", which the case keeps as an outcome (a downturn the war risks), since
it is no actor.
"""

from __future__ import annotations

import json

import pytest

import actorgraph
from actorgraph.analyses.gains import who_gains
from actorgraph.analyses.lint import lint
from actorgraph.cli.main import main

from ..conftest import DATA

CASE = DATA / "valid" / "us-china-tariffs-third-countries"


@pytest.fixture(scope="module")
def tariffs():
    return actorgraph.load(CASE, cache=False)


@pytest.fixture(scope="module")
def report(tariffs):
    return who_gains(tariffs, "united-states", "china")


def test_the_case_validates_and_is_lint_clean(capsys, tariffs):
    assert main(["validate", "--graph", str(CASE)]) == 0
    assert capsys.readouterr().out.startswith(
        "ok: 3 sources, 31 actors, 4 outcomes, 3 interests, 20 effects, 1 relation, 4 events,"
        " 52 claims in 5 files")
    assert main(["lint", "--graph", str(CASE), "--strict"]) == 0
    # the one finding (one sentence on two effects landing on different actors) is
    # acknowledged in the YAML with its reason
    assert lint(tariffs).findings == []


def test_who_gains_from_the_tariff_war(report):
    assert report.rift_outcomes == ("rift-united-states-china",)
    assert report.gainers == [
        "third-countries", "european-union", "japan", "canada", "bangladesh", "brazil",
        "chinese-firms", "indonesia", "us-allies", "vietnam", "mexico"]
    assert report.losers == [
        "american-firms", "us-exporters", "china", "chinese-exporters", "global-businesses",
        "united-nations"]
    assert report.mixed == []
    first = report.stakes[0]
    assert (first.actor, first.verdict) == ("third-countries", "gains")
    assert round(first.score, 2) == 0.94
    # three independent voices: UNCTAD (its study and its trade director are one voice),
    # the just-style writer and the Peterson Institute (Chad Brown)
    assert sorted(first.voices) == ["just-style", "peterson-institute", "unctad"]


def test_the_hedge_that_gains_could_be_undermined_is_shown_not_averaged_away(report):
    third = report.stake("third-countries")
    assert third.contested
    assert round(third.gain, 2) == 0.94 and round(third.loss, 2) == 0.30
    # Mexico rests on hedged claims only ("could": half their 0.6 each), two voices, so it
    # ranks last of the gainers: 1 - 0.7 * 0.7
    assert round(report.stake("mexico").score, 2) == 0.51


def test_every_verdict_rests_on_what_sources_say_not_on_inference(tariffs):
    report = who_gains(tariffs, "united-states", "china", inferred=True)
    for stake in report.stakes:
        assert stake.evidence and not any(ev.inferred for ev in stake.evidence), stake.actor
    interests = sorted((u, v) for u, v, d in tariffs.edges(data=True) if d["type"] == "interest")
    assert interests == [("chinese-government", "us-china-trade-deal"),
                         ("united-nations", "rift-united-states-china"),
                         ("us-government", "us-china-trade-deal")]


def test_each_study_is_the_voice_behind_its_gainers(tariffs):
    piie = who_gains(tariffs, "united-states", "china", according_to=["peterson-institute"])
    assert piie.gainers == ["chinese-firms", "third-countries", "us-allies"]
    assert piie.losers == ["american-firms"]
    unctad = who_gains(tariffs, "united-states", "china", according_to=["unctad"])
    # one voice counts once, however many of its sentences: 0.6 where one of them asserts,
    # 0.3 where all of them hedge ("could")
    assert unctad.gainers == ["european-union", "third-countries", "canada", "japan",
                              "mexico"]
    assert [round(unctad.stake(a).score, 2) for a in unctad.gainers] == [0.6, 0.6, 0.3, 0.3,
                                                                          0.3]
    assert unctad.losers == ["chinese-exporters", "us-exporters"]


def test_the_amounts_are_carried_beside_the_quotes(capsys):
    assert main(["gains", "united-states", "china", "--graph", str(CASE),
                 "--format", "json"]) == 0
    stakes = {s["actor"]: s for s in json.loads(capsys.readouterr().out)["stakes"]}
    claims = [c for ev in stakes["european-union"]["evidence"] for step in ev["steps"]
              for c in step["claims"]]
    assert {"value": 70000000000, "unit": "USD", "text": "$70 billion"} in [
        c["quantity"] for c in claims]
