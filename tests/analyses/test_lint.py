"""`actorgraph lint`: tradecraft checks, each at file:line:col with its rule, acknowledged in
the YAML with a reason; the curated graph is clean, and a planted hedge is caught."""

from __future__ import annotations

import json
import shutil

import pytest

import actorgraph
from actorgraph.analyses.lint import LINT_RULES, hedges_in, lint
from actorgraph.cli import main

from ..conftest import DATA, GRAPH_DIR

PLANTED = [
    "planted/graph.yaml:17:13: warning: the quote hedges ('would') but is recorded as "
    "'asserts': record it as 'speculates' or give its likelihood [hedged-assertion]",
    "planted/graph.yaml:20:13: warning: the quote names none of 'east', 'rift-north-south', "
    "and no note says what it refers to: is it about this record? [quote-names-nothing]",
    "planted/graph.yaml:33:9: warning: interest:west->rift-north-south rests only on reader "
    "comments (reader): find it in an article, statement or report, or acknowledge it "
    "[comments-only]",
    "planted/graph.yaml:59:13: warning: the same quote is 'speculates' here and 'asserts' at "
    "planted/graph.yaml:26:13 (interest:east->eastern-port): one sentence has one stance "
    "[stance-conflict]",
    "planted/graph.yaml:59:13: warning: the same quote is cited by interest:east->eastern-port "
    "(planted/graph.yaml:23:9): an answer meeting these records counts one sentence more "
    "than once [quote-reused]",
    "lint: 5 findings (1 comments-only, 1 hedged-assertion, 1 quote-names-nothing, "
    "1 quote-reused, 1 stance-conflict) in 6 claims; 1 acknowledged in the YAML (lint: ignore)",
]


def test_each_rule_is_reported_at_its_claim_with_its_name(capsys, monkeypatch):
    monkeypatch.chdir(DATA / "lint")
    assert main(["lint", "--graph", "planted"]) == 0
    assert capsys.readouterr().out.splitlines() == PLANTED
    assert main(["lint", "--graph", "planted", "--strict"]) == 1
    capsys.readouterr()


def test_json_lists_findings_and_acknowledged_ones(capsys, monkeypatch):
    monkeypatch.chdir(DATA / "lint")
    assert main(["lint", "--graph", "planted", "--format", "json",
                 "--rule", "comments-only"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["findings"] == [{
        "rule": "comments-only", "file": "planted/graph.yaml", "line": 33, "column": 9,
        "message": "interest:west->rift-north-south rests only on reader comments (reader): "
                   "find it in an article, statement or report, or acknowledge it",
        "record": "interest:west->rift-north-south", "claim": None}]
    assert [(f["record"], f["line"]) for f in data["acknowledged"]] == [
        ("interest:west->eastern-port", 40)]
    assert data["claims_checked"] == 6


def test_the_curated_graph_is_clean_and_says_so_without_the_word_warning(capsys):
    assert main(["lint", "--graph", str(GRAPH_DIR), "--strict"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("lint: clean, 69 claims checked; 12 acknowledged in the YAML "
                          "(lint: ignore)\n", "")
    # the before-stop hook flags any 'warning' or 'error' in lint's output
    assert "warning" not in out.lower() and "error" not in out.lower()


def test_every_acknowledgement_in_the_curated_graph_is_used():
    """An `ignore:` that silences nothing is a stale excuse; each one here silences one."""
    report = lint(actorgraph.load(GRAPH_DIR))
    assert sorted((f.rule, f.record) for f in report.acknowledged) == [
        ("comments-only", "interest:enemies-of-russia->russia-friends-won-over"),
        ("comments-only", "interest:the-west->fragmentation-of-russia"),
        ("comments-only", "relation:the-west->russia:hostility"),
        ("hedged-assertion", "interest:turkiye->turkiye-influence-central-asia"),
        # the sentence giving Turkiye's plans and Azerbaijan's influence on them
        ("quote-reused", "effect:azerbaijan-sides-with-turkiye-and-west->armenia-protectorate"),
        # the author's denial, which denies the wedge and its effect on the rift alike
        ("quote-reused", "effect:outside-forces-drive-wedge->rift-russia-azerbaijan"),
        ("quote-reused", "interest:russia->rift-russia-azerbaijan"),  # Masyuk's sentence
        ("quote-reused", "outside-forces-drive-wedge"),  # Peskov's
        # Russia's responses: reported at the influence tie now, silenced by the effect's
        ("quote-reused", "relation:russia->azerbaijan:influences=1"),
        ("quote-reused", "relation:turkiye->russia:rivalry"),
        ("quote-reused", "relation:united-kingdom->kazakhstan:influences=1"),
        ("quote-reused", "relation:united-states->russia:influences=2"),
    ]


def test_a_hedge_planted_in_a_copy_of_the_curated_graph_is_caught(tmp_path, capsys):
    graph = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, graph)
    path = graph / "actors" / "anglo-american.yaml"
    text = path.read_text(encoding="utf-8")
    speculated = ("            stance: speculates\n"
                  "            quote: \"That outcome would also autonomously align")
    assert speculated in text
    path.write_text(text.replace(speculated, speculated.replace(
        "            stance: speculates\n", "")), encoding="utf-8")
    assert main(["lint", "--graph", str(graph), "--strict"]) == 1
    [line, summary] = capsys.readouterr().out.splitlines()
    assert line == (f"{path}:11:13: warning: the quote hedges ('would') but is recorded as "
                    "'asserts': record it as 'speculates' or give its likelihood "
                    "[hedged-assertion]")
    assert summary.startswith("lint: 1 finding (1 hedged-assertion) in 69 claims")


def test_an_acknowledgement_needs_a_known_rule_and_a_reason(write_graph, capsys):
    folder = write_graph("""\
        sources:
          - {id: s, title: S, kind: article}
        actors:
          - id: a
            name: A
            kind: state
            interests:
              - outcome: o
                stance: wants
                lint: {ignore: [hedged-asertion]}
                claims:
                  - {by: a, source: s, quote: A might want O.}
        outcomes:
          - {id: o, label: O, kind: other}
        """)
    assert main(["validate", "--graph", str(folder)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith(":10:15: error: missing required key 'reason'")
    assert err[1].endswith(":10:25: error: each item of 'ignore' must be one of: "
                           "hedged-assertion, "
                           "stance-conflict, quote-reused, quote-names-nothing, comments-only, "
                           "quantity-not-in-text; got 'hedged-asertion' (did you mean "
                           "'hedged-assertion'?)")


LISTING = """\
    sources:
      - {id: s, title: S, kind: article}
    actors:
      - {id: w, name: Writer, kind: person}
      - {id: iran, name: Iran, kind: state}
      - {id: turkiye, name: Turkiye, kind: state}
      - id: india
        name: India
        kind: state
        interests:
          - {outcome: market-lost, stance: wants, claims: [{by: w, source: s, quote: Q}]}
    outcomes:
      - id: market-lost
        label: Pakistan loses the Afghan market
        kind: other
        effects:
          - {to: iran, sign: advances, claims: [{by: w, source: s, quote: Q}]}
          - {to: WHOM, sign: advances, claims: [{by: w, source: s, quote: Q}]}
      - {id: iran-share-grows, label: Iran's share grows, kind: other}
    """


@pytest.mark.parametrize(("whom", "reused"), [("turkiye", False), ("iran-share-grows", True)])
def test_one_sentence_naming_what_befalls_several_actors_is_not_a_reuse(write_graph, whom,
                                                                        reused):
    # "the market was lost to Iran, India and Turkiye", cited for India's interest and for
    # the effects onto Iran and Turkiye: each actor's answer meets it once. Cited for an
    # effect onto another outcome instead, a chain meeting both counts it twice.
    text = LISTING.replace("Q}", "'The market was lost to Iran, India and Turkiye.'}")
    G = actorgraph.load(write_graph(text.replace("WHOM", whom)), cache=False)
    found = [f.record for f in lint(G, rules=["quote-reused"]).findings]
    assert found == (["effect:market-lost->iran"] if reused else [])


@pytest.mark.parametrize(("quote", "hedges"), [
    ("it naturally follows that Erdogan would prefer", ["would"]),
    ("lest he possibly be perceived", ["possibly"]),
    ("Turkiye envisages expanding", ["envisages"]),
    ("PERHAPS even provoke; Likely so", ["perhaps", "likely"]),
    ("signed in May 2025, it may hold", ["may"]),     # the month is not a hedge
    ("Ukraine will do everything possible", []),      # 'possible' is not 'possibly'
    ("the wouldbe, mighty; it could", ["could"]),     # whole words only
    ("They are speculating about the crash", []),
], ids=["would", "possibly", "envisages", "any-case", "May", "possible", "whole-words",
        "speculating"])
def test_hedge_words_are_matched_as_whole_words(quote, hedges):
    assert hedges_in(quote) == hedges


def test_rules_can_be_chosen_and_unknown_ones_are_usage_errors(curated):
    assert LINT_RULES == ("hedged-assertion", "stance-conflict", "quote-reused",
                          "quote-names-nothing", "comments-only", "quantity-not-in-text")
    report = lint(curated, rules=["comments-only"])
    assert {f.rule for f in report.acknowledged} == {"comments-only"}
    with pytest.raises(actorgraph.UsageError, match="unknown lint rule"):
        lint(curated, rules=["hedges"])


def test_lint_on_the_other_curated_graphs():
    """India-Canada: three quotes name no party of their record. Gahuku-Gama quotes matrix
    cells ("-1") and edge-list lines ("12 16 2"):
    they name nothing and repeat across records, and lint leaves them alone."""
    report = lint(actorgraph.load(DATA / "valid" / "india-canada"))
    assert [(f.rule, f.record) for f in report.findings] == [
        # "Both the countries stands to lose": which countries, the quote does not say
        ("quote-names-nothing", "interest:india->rift-india-canada"),
        ("quote-names-nothing", "interest:canada->rift-india-canada"),
        # "Ottawa stands to lose": Ottawa is not among Canada's aliases
        ("quote-names-nothing", "interest:canada->rift-india-canada")]
    assert lint(actorgraph.load(DATA / "valid" / "gahuku-gama")).findings == []


def test_a_quantity_whose_value_its_text_does_not_give_is_caught(tmp_path, capsys,
                                                                  monkeypatch):
    # a new user's graph: "could cost 'up to 2% of output'" recorded with value 3
    shutil.copytree(DATA / "valid" / "aland-borea", tmp_path / "g")
    outcomes = tmp_path / "g" / "outcomes.yaml"
    text = outcomes.read_text(encoding="utf-8")
    assert "{value: 2, unit: percent" in text
    outcomes.write_text(text.replace("{value: 2, unit: percent", "{value: 3, unit: percent"),
                        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "--graph", "g"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "g/outcomes.yaml:22:13: warning: the quantity's value 3 is no amount its text 'up to "
        "2% of output' gives (2): give the value the words state (25% is 25, $1.2bn is "
        "1200000000) [quantity-not-in-text]",
        "lint: 1 finding (1 quantity-not-in-text) in 10 claims"]
    assert main(["lint", "--graph", str(DATA / "valid" / "aland-borea"), "--strict"]) == 0
    capsys.readouterr()


def test_every_quantity_in_the_curated_graphs_is_in_its_text():
    """The 39 quantities of the curated graphs, most from published articles ("$4.5
    billion", "250\u2013300 containers", "0.05 to 0.07 percent" as 0.06, "about 16 trillion
    won"): none is flagged."""
    checked = 0
    for folder in [GRAPH_DIR, *sorted((DATA / "valid").iterdir())]:
        G = actorgraph.load(folder)
        checked += sum(1 for _, c in G.graph["records"].claims.values() if c.quantity)
        assert lint(G, rules=["quantity-not-in-text"]).findings == [], folder.name
    assert checked >= 39
