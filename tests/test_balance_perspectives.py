"""Balance, perspectives and robustness, each rule on a small graph; the CLI on the curated."""

from __future__ import annotations

import itertools
import json

from actorgraph.balance import balance
from actorgraph.cli import main
from actorgraph.gains import who_gains
from actorgraph.perspectives import perspectives, robustness

from .conftest import GRAPH_DIR
from .test_gains import actor, claim, interest, relation, small_graph


def triads_of(report):
    return {t.actors: (t.pattern, t.strictly_balanced, t.weakly_balanced)
            for t in report.triads}


def test_triads_under_strict_and_weak_balance(write_graph):
    names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]
    rels = [relation("a", "b", "alliance"), relation("a", "c", "alliance"),
            relation("b", "c", "alliance"),                                    # +++
            relation("d", "e", "alliance"), relation("d", "f", "alliance"),
            relation("e", "f", "war"),                                         # ++-
            relation("g", "h", "alliance"), relation("g", "i", "war"),
            relation("h", "i", "rivalry"),                                     # +--
            relation("j", "k", "war"), relation("j", "l", "hostility"),
            relation("k", "l", "sanctions")]                                   # ---
    G = small_graph(write_graph, [actor(n) for n in names], relations=rels)
    report = balance(G)
    assert triads_of(report) == {("a", "b", "c"): ("+++", True, True),
                                 ("d", "e", "f"): ("++-", False, False),
                                 ("g", "h", "i"): ("+--", True, True),
                                 ("j", "k", "l"): ("---", False, True)}
    assert report.counts() == {"triads": 4, "strict_balanced": 2, "strict_unbalanced": 2,
                               "weak_balanced": 3, "weak_unbalanced": 1}
    assert [t.actors for t in report.tensions] == [("d", "e", "f"), ("j", "k", "l")]
    # each unbalanced triad costs one frustrated tie under two blocs
    assert (report.frustration, report.exact) == (2, True)


def test_blocs_split_two_hostile_camps_exactly_and_by_heuristic(write_graph):
    def camps(n):
        west = [f"w{i}" for i in range(n)]
        east = [f"e{i}" for i in range(n)]
        rels = [relation(x, y, "alliance") for side in (west, east)
                for x, y in itertools.pairwise(side)]
        rels += [relation(w, e, "rivalry") for w, e in zip(west, east, strict=True)]
        return [actor(x) for x in west + east], rels, west, east

    actors_, rels, west, east = camps(4)
    report = balance(small_graph(write_graph, actors_, relations=rels))
    assert (report.frustration, report.exact) == (0, True)
    assert {frozenset(b) for b in report.blocs} == {frozenset(west), frozenset(east)}


def test_beyond_the_exact_limit_a_heuristic_is_used_and_said(write_graph, tmp_path):
    west = [f"w{i:02d}" for i in range(10)]
    east = [f"e{i:02d}" for i in range(10)]
    rels = [relation(x, y, "alliance") for side in (west, east)
            for x, y in itertools.pairwise(side)]
    rels += [relation(w, e, "rivalry") for w, e in zip(west, east, strict=True)]
    report = balance(small_graph(write_graph, [actor(x) for x in west + east], relations=rels))
    assert (report.frustration, report.exact) == (0, False)
    assert {frozenset(b) for b in report.blocs} == {frozenset(west), frozenset(east)}


def test_what_a_rift_does_to_the_triads(write_graph):
    rels = [relation("a", "b", "alliance"),
            # c: a friend of both; d: a's friend and b's adversary
            relation("a", "c", "alliance"), relation("b", "c", "alliance"),
            relation("a", "d", "alliance"), relation("b", "d", "rivalry")]
    G = small_graph(write_graph, [actor("d")], relations=rels)
    report = balance(G, rift=("a", "b"))
    changes = {after.actors: (before.strictly_balanced, after.strictly_balanced)
               for before, after in report.rift_changes}
    assert changes == {("a", "b", "c"): (True, False), ("a", "b", "d"): (False, True)}


def test_perspectives_single_out_disagreement(write_graph):
    G = small_graph(write_graph, [
        actor("p"), actor("q"),
        actor("x", interest("rift-a-b", claims=[claim("p", 0.6)])),
        actor("y", interest("rift-a-b", "opposes", claims=[claim("q", 0.6)])),
        actor("z", interest("rift-a-b", claims=[claim("p", 0.5, quote="z by p")]),
              interest("o", "wants", claims=[claim("q", 0.5, quote="z by q")]))],
        [{"id": "rift-a-b", "label": "R", "kind": "rift", "between": ["a", "b"],
          "effects": [{"to": "o", "sign": "hinders", "claims": [claim("q", 0.8)]}]},
         {"id": "o", "label": "O", "kind": "other"}])
    p = perspectives(G, "a", "b")
    assert p.columns == ("all", "p", "q")
    assert p.cells["x"] == {"all": ("gains", 0.6), "p": ("gains", 0.6)}
    assert p.cells["z"]["p"][0] == "gains" and p.cells["z"]["q"][0] == "loses"
    assert p.disagreements == ("z",)


def test_robustness_names_the_single_voice_a_verdict_rests_on(write_graph):
    G = small_graph(write_graph, [
        actor("p"), actor("q"),
        actor("x", interest("rift-a-b", claims=[claim("p", 0.6), claim("q", 0.6, source="t")])),
        actor("y", interest("rift-a-b", claims=[claim("p", 0.6, quote="only p")]))],
        sources=[{"id": "s", "title": "S", "kind": "article"},
                 {"id": "t", "title": "T", "kind": "article"}])
    r = robustness(G, who_gains(G, "a", "b"))
    assert (r["x"].robust, r["x"].label) == (True, "robust")
    assert (r["y"].rests_on, r["y"].label) == (("p", "s"), "rests on p, s")


def test_cli_balance_perspectives_and_robustness_on_the_curated_graph(capsys):
    g = ["--graph", str(GRAPH_DIR)]
    assert main(["balance", *g]) == 0
    out = capsys.readouterr().out
    assert "  bloc 1: Azerbaijan, Kazakhstan, Russia, United Kingdom" in out
    assert main(["balance", "--format", "json", *g]) == 0
    assert json.loads(capsys.readouterr().out)["blocs"][1] == [
        "the-west", "turkiye", "ukraine", "united-states"]
    assert main(["perspectives", "russia", "azerbaijan", "--by", "affiliation", *g]) == 0
    out = capsys.readouterr().out
    assert "Perspectives: article-author = article-author; russia = dmitry-masyuk, " \
           "dmitry-peskov, maria-zakharova" in out
    assert "No verdict on their word alone: author of reader comment 1, author of reader " \
           "comment 2" in out
    assert main(["perspectives", "russia", "azerbaijan", "--by", "source", "--format",
                 "json", *g]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["columns"] == ["all", "seed-article"]
    assert data["silent"] == ["seed-comment-1", "seed-comment-2"]
    assert main(["gains", "russia", "azerbaijan", "--robustness", *g]) == 0
    out = capsys.readouterr().out
    assert "  Ukraine gains: rests on seed-article" in out
    assert "  Turkiye gains: rests on article-author, seed-article" in out
