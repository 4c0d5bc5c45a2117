"""Japan-South Korea export curbs (2019): a trade dispute curated from three published pages
(WTO Center, New Statesman/MarketLine, Bloomberg via NDTV Profit) as a new user would, from
the README and docs/curating.md alone (issue 15 item 7). Every gainer and loser comes from an
effect of the rift onto the actor that a page states; no actor has an interest. The answer is
pinned here: exact verdicts, their order, support and voices, the relay through Bloomberg,
the stated cause, and a clean validate and lint."""

from __future__ import annotations

import json

import pytest

import actorgraph
from actorgraph.analyses.gains import who_gains
from actorgraph.analyses.lint import lint
from actorgraph.cli import main

from ..conftest import DATA

CASE = DATA / "valid" / "japan-south-korea-export-curbs"

# (actor, verdict, support, independent voices), in the answer's order
ANSWER = [
    ("tsmc", "gains", 0.60, 1),                          # MarketLine: "has ended up benefiting"
    ("china", "gains", 0.51, 2),                         # the experts and Cho, both hedged
    ("chinese-electronics-industry", "gains", 0.51, 2),
    ("chinese-chipmakers", "gains", 0.30, 1),
    ("chinese-etching-gas-companies", "gains", 0.30, 1),
    ("samsung", "loses", 0.88, 2),                       # Bloomberg 0.7 and MarketLine 0.6
    ("korean-chipmakers", "loses", 0.72, 2),
    ("sk-hynix", "loses", 0.70, 1),
    ("tech-industry", "loses", 0.55, 2),
    ("japan", "loses", 0.51, 2),
    ("south-korea", "loses", 0.51, 2),
    ("asean", "loses", 0.30, 1),
    ("japanese-electronics-industry", "loses", 0.30, 1),
    ("korean-electronics-industry", "loses", 0.30, 1),
]


@pytest.fixture(scope="module")
def graph():
    return actorgraph.load(CASE, cache=False)


def gains_json(capsys, *extra):
    assert main(["gains", "japan", "south-korea", "--graph", str(CASE),
                 "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_case_validates_and_lint_is_clean(capsys):
    assert main(["validate", "--graph", str(CASE)]) == 0
    out = capsys.readouterr().out
    assert out == ("ok: 3 sources, 24 actors, 1 outcome, 0 interests, 15 effects, "
                   "2 relations, 1 event, 34 claims in 5 files\n")
    assert main(["lint", "--graph", str(CASE), "--strict"]) == 0
    assert capsys.readouterr().out == (
        "lint: clean, 34 claims checked\n")


def test_sentences_naming_two_actors_hit_need_no_acknowledgement(graph):
    """Three sentences each name two actors hit ('the Korean and Japanese economies', the two
    electronics industries, Samsung and SK Hynix): each verdict counts its sentence once, and
    lint leaves such a listing alone."""
    report = lint(graph)
    assert (report.findings, report.acknowledged) == ([], [])


def test_who_gains_and_who_loses_from_the_trade_dispute(capsys):
    data = gains_json(capsys)
    got = [(s["actor"], s["verdict"], round(s["score"], 2), s["voice_count"])
           for s in data["stakes"]]
    assert got == ANSWER
    # the first-ranked of each side: TSMC gains, Samsung loses
    report = who_gains(actorgraph.load(CASE, cache=False), "Japan", "South Korea")
    assert report.gainers[0] == "tsmc" and report.losers[0] == "samsung"
    assert report.gainers == [a for a, v, _, _ in ANSWER if v == "gains"]
    assert report.losers == [a for a, v, _, _ in ANSWER if v == "loses"]


def test_no_verdict_is_the_tools_inference_and_none_is_contested(capsys):
    data = gains_json(capsys, "--inferred")
    assert data["inferred"] == []
    assert [s["actor"] for s in data["stakes"] if s["contested"]] == []


def test_two_independent_voices_combine_and_hedges_count_half():
    """Samsung: Bloomberg (0.7, asserted market-value loss) and MarketLine (0.6, 'most
    affected') are two voices: 1 - 0.3 * 0.4 = 0.88. China: the experts and Cho, each hedged
    ('would', 'could': half of 0.6): 1 - 0.7 * 0.7 = 0.51."""
    G = actorgraph.load(CASE, cache=False)
    report = who_gains(G, "japan", "south-korea")
    assert report.stake("samsung").score == pytest.approx(1 - 0.3 * 0.4)
    assert report.stake("china").score == pytest.approx(1 - 0.7 * 0.7)


def test_bloombergs_unnamed_sources_count_for_bloomberg(capsys):
    """'the people said' is relayed via Bloomberg: --according-to bloomberg hears it, and
    the unnamed people are Bloomberg's voice, not a second one."""
    data = gains_json(capsys, "--according-to", "bloomberg")
    assert [(s["actor"], round(s["score"], 2), s["voice_count"]) for s in data["stakes"]] == [
        ("samsung", 0.70, 1), ("sk-hynix", 0.70, 1), ("tech-industry", 0.35, 1)]
    data = gains_json(capsys, "--according-to", "people-familiar")
    assert [(s["actor"], s["verdict"]) for s in data["stakes"]] == [("samsung", "loses")]


def test_the_cause_is_the_court_ruling_on_marketlines_word(capsys):
    assert main(["gains", "japan", "south-korea", "--graph", str(CASE)]) == 0
    out = capsys.readouterr().out
    section = out.split("WHAT CAUSED THE RIFT\n", 1)[1].split("\n\n", 1)[0]
    assert section == ("  South Korean court orders Mitsubishi to pay reparations for wartime "
                       "forced labour: likely (0.60, 1 voice: MarketLine)")


def test_explain_shows_the_quantities_the_pages_give(capsys):
    assert main(["gains", "japan", "south-korea", "--graph", str(CASE), "--explain"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    for shown in ["[quantity: -4.47 percent (“a 4.47 percent contraction”)]",
                  "[quantity: 16,000,000,000,000 KRW (“about 16 trillion won ($13 billion)”)]",
                  "[quantity: 2.1 percent (“2.1 percent”)]"]:
        assert shown in out
