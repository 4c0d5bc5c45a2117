"""Balance, perspectives and robustness, each rule on a small graph; the CLI on the curated."""

from __future__ import annotations

import itertools
import json

import actorgraph
from actorgraph.analyses.balance import EXACT_LIMIT, WALK_LIMIT, balance
from actorgraph.analyses.gains import who_gains
from actorgraph.analyses.perspectives import perspectives, robustness
from actorgraph.cli import main
from actorgraph.present.analyses import format_balance

from ..conftest import DATA, GRAPH_DIR
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
    # each unbalanced triad costs one frustrated tie under two blocs; --- none under weak balance
    assert (report.strict.frustration, report.strict.exact) == (2, True)
    assert (report.weak.frustration, report.weak.exact) == (1, True)
    assert {frozenset(b) for b in report.weak.blocs if {"j", "k", "l"} & set(b)} == {
        frozenset("j"), frozenset("k"), frozenset("l")}


def camps(n: int) -> tuple[list, list, list[str], list[str]]:
    """Two camps of n actors: allies in a chain inside each, rivals across, pair by pair."""
    west = [f"w{i:02d}" for i in range(n)]
    east = [f"e{i:02d}" for i in range(n)]
    rels = [relation(x, y, "alliance") for side in (west, east)
            for x, y in itertools.pairwise(side)]
    rels += [relation(w, e, "rivalry") for w, e in zip(west, east, strict=True)]
    return [actor(x) for x in west + east], rels, west, east


def test_blocs_split_two_hostile_camps(write_graph):
    actors_, rels, west, east = camps(20)
    report = balance(small_graph(write_graph, actors_, relations=rels))
    for split in (report.strict, report.weak):
        assert (split.frustration, split.exact) == (0, True)
        assert {frozenset(b) for b in split.blocs} == {frozenset(west), frozenset(east)}


def test_weak_balance_prefers_the_fewest_blocs_for_the_same_fit(write_graph):
    # three mutual enemies need three blocs; a fourth actor allied to none, hostile to a only,
    # can share a bloc with b or c: the split keeps three blocs, not four
    rels = [relation("a", "b", "war"), relation("a", "c", "war"), relation("b", "c", "war"),
            relation("a", "d", "rivalry")]
    report = balance(small_graph(write_graph, [actor("d")], relations=rels))
    assert (report.weak.frustration, len(report.weak.blocs)) == (0, 3)
    assert (report.strict.frustration, len(report.strict.blocs)) == (1, 2)


def test_a_search_out_of_budget_says_its_split_is_a_heuristic(write_graph):
    G = actorgraph.load(GAHUKU_GAMA, cache=False)
    report = balance(G, search_budget=0)
    assert (report.strict.exact, report.weak.exact) == (False, False)
    # the local search alone lands on a split at least as frustrated as the optimum
    assert report.strict.frustration >= 7 and report.weak.frustration >= 2
    out = format_balance(G, report)
    assert "least frustration (heuristic: the search ran out, a better split may exist)" in out


def test_a_connected_group_too_large_to_search_gets_the_local_search_only(write_graph):
    # a ring of allies closed by one rivalry cannot be balanced: one tie is always against
    # the blocs; past EXACT_LIMIT actors there is no exact search, past WALK_LIMIT no walks
    assert WALK_LIMIT > EXACT_LIMIT
    ring = [f"r{i:04d}" for i in range(WALK_LIMIT + 1)]
    rels = [relation(x, y, "alliance") for x, y in itertools.pairwise(ring)]
    rels.append(relation(ring[0], ring[-1], "rivalry"))
    G = small_graph(write_graph, [actor(x) for x in ring], relations=rels)
    report = balance(G)
    assert (report.strict.frustration, report.strict.exact) == (1, False)
    assert report.walk is None
    assert "Walk-based" not in format_balance(G, report)


# -- a published worked example: the Gahuku-Gama alliance structure -------------------------

GAHUKU_GAMA = DATA / "valid" / "gahuku-gama"
PUBLISHED = GAHUKU_GAMA / "published"


def published_matrix() -> dict[frozenset[str], int]:
    """The signed adjacency matrix as printed in Schoch's "Signed Networks" (R4SNA)."""
    lines = (PUBLISHED / "tribes-matrix.txt").read_text(encoding="utf-8").splitlines()
    names = lines[0].split() + lines[17].split()
    rows: dict[str, list[int]] = {}
    for line in lines[1:17] + lines[18:34]:
        name, *cells = line.split()
        rows.setdefault(name, []).extend(int(c) for c in cells)
    return {frozenset((a.lower(), b.lower())): rows[a][j]
            for a in names for j, b in enumerate(names) if rows[a][j]}


def test_the_curated_tribes_are_both_published_copies_exactly(capsys):
    matrix = published_matrix()
    assert all(len(pair) == 2 for pair in matrix)  # no tribe related to itself
    names = [n.lower() for n in (PUBLISHED / "tribes-matrix.txt").read_text(
        encoding="utf-8").splitlines()[0].split()]
    names += ["uheto", "seuve", "nagad", "gama"]
    edges = {}
    for line in (PUBLISHED / "soc-tribes.edges").read_text(encoding="utf-8").splitlines():
        if not line.startswith("%"):
            u, v, sign = (int(x) for x in line.split())
            edges[frozenset((names[u - 1], names[v - 1]))] = 1 if sign == 1 else -1
    assert matrix == edges and len(matrix) == 58
    curated = {frozenset((t.a, t.b)): t.sign
               for t in balance(actorgraph.load(GAHUKU_GAMA, cache=False)).ties}
    assert curated == matrix
    # every claim quotes its copy: a matrix cell, or an edge-list line verbatim
    assert main(["check-quotes", "--graph", str(GAHUKU_GAMA),
                 "--text", f"network-repository-soc-tribes={PUBLISHED / 'soc-tribes.edges'}",
                 "--text", f"r4sna-signed-networks={PUBLISHED / 'tribes-matrix.txt'}"]) == 0
    assert "58 of 58 quotes found" in capsys.readouterr().out


def test_gahuku_gama_reproduces_the_published_balance_numbers():
    """Read, "Cultures of the Central Highlands, New Guinea" (1954), as coded by Hage and
    Harary, "Structural Models in Anthropology" (1983, pp. 56-60): 16 subtribes, 29 alliances
    (rova) and 29 enmities (hina). Schoch's signnet package and its "Signed Networks" chapter
    (R4SNA) publish for this graph:

    - balance_score(tribes, "triangles") = 0.8676471: the share of strictly balanced triangles;
    - balance_score(tribes, "walk") = 0.3575761: Estrada and Benzi's walk-based balance;
    - balance_score(tribes, "frustration") = 0.7586207: 1 - frustration / (ties / 2), i.e.
      7 of the 58 ties go against the best split into two blocs;
    - signed_blockmodel(tribes, k = 3): membership 2 2 1 1 3 1 1 1 3 3 1 1 3 3 2 2 (tribes
      in the order of the matrix), "2 edges violate the criterion".
    """
    report = balance(actorgraph.load(GAHUKU_GAMA, cache=False))
    assert (sum(t.sign > 0 for t in report.ties), sum(t.sign < 0 for t in report.ties)) == (29, 29)
    counts = report.counts()
    assert (counts["triads"], counts["strict_balanced"]) == (68, 59)
    assert round(counts["strict_balanced"] / counts["triads"], 7) == 0.8676471
    assert round(report.walk, 7) == 0.3575761
    assert (report.strict.frustration, report.strict.exact) == (7, True)
    assert round(1 - report.strict.frustration / (len(report.ties) / 2), 7) == 0.7586207
    # the published three blocs are the best split into any number of blocs: 2 ties against
    order = ["gavev", "kotun", "ove", "alika", "nagam", "gahuk", "masil", "ukudz", "notoh",
             "kohik", "geham", "asaro", "uheto", "seuve", "nagad", "gama"]
    membership = [2, 2, 1, 1, 3, 1, 1, 1, 3, 3, 1, 1, 3, 3, 2, 2]
    published = {frozenset(t for t, m in zip(order, membership, strict=True) if m == k)
                 for k in (1, 2, 3)}
    assert {frozenset(b) for b in report.weak.blocs} == published
    assert (report.weak.frustration, report.weak.exact) == (2, True)
    # only the two ++- triads break weak balance; the other seven tensions are ---
    assert (counts["weak_balanced"], counts["weak_unbalanced"]) == (66, 2)


def test_published_positive_and_negative_degrees_of_each_tribe():
    """The degree table of the same chapter (degree_signed, type "pos" and "neg")."""
    table = {"gavev": (3, 5), "kotun": (3, 5), "ove": (4, 2), "alika": (2, 1),
             "nagam": (3, 4), "gahuk": (5, 5), "masil": (7, 0), "ukudz": (6, 1),
             "notoh": (3, 4), "kohik": (2, 3), "geham": (4, 5), "asaro": (4, 4),
             "uheto": (4, 4), "seuve": (2, 3), "nagad": (3, 6), "gama": (3, 6)}
    ties = balance(actorgraph.load(GAHUKU_GAMA, cache=False)).ties
    degrees = {tribe: (sum(t.sign > 0 for t in ties if tribe in (t.a, t.b)),
                       sum(t.sign < 0 for t in ties if tribe in (t.a, t.b))) for tribe in table}
    assert degrees == table


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
    # before: the ++- triad (a, b, d) costs one tie; after the rift (a - b) the +-- triad
    # (a, b, d) is balanced and the ++- triad (a, b, c) costs one: a and d side against b,
    # and c, friends with both, is the one tie against the blocs either way
    assert report.strict.frustration == 1
    after = report.rift_strict
    assert after is not None and (after.frustration, after.exact) == (1, True)
    bloc_of = {x: i for i, bloc in enumerate(after.blocs) for x in bloc}
    assert bloc_of["a"] == bloc_of["d"] != bloc_of["b"]


def test_a_rift_regroups_the_curated_blocs_around_russia():
    report = balance(actorgraph.load(GRAPH_DIR), rift=("russia", "azerbaijan"))
    assert report.rift_changes == ()
    assert report.rift_strict is not None and report.rift_strict.frustration == 0
    assert report.rift_strict.blocs == (
        ("azerbaijan", "kazakhstan", "the-west", "turkiye", "ukraine", "united-kingdom",
         "united-states"), ("ilham-aliyev", "vladimir-putin"), ("russia",))


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


def test_robustness_leaves_out_a_voice_with_all_its_claimants(write_graph):
    # two officials of one ministry are one voice: losing either official leaves the verdict
    # standing, losing the ministry (the witness the support counted once) does not
    G = small_graph(write_graph, [
        actor("ministry", kind="government"),
        actor("p", kind="person", part_of=["ministry"]),
        actor("q", kind="person", part_of=["ministry"]),
        actor("y", interest("rift-a-b", claims=[claim("p", 0.6), claim("q", 0.6, source="t",
                                                                   quote="q says")]))],
        sources=[{"id": "s", "title": "S", "kind": "article"},
                 {"id": "t", "title": "T", "kind": "article"}])
    report = who_gains(G, "a", "b")
    assert report.stake("y").support.voices == ("ministry",)
    assert robustness(G, report)["y"].rests_on == ("ministry",)


def test_cli_balance_perspectives_and_robustness_on_the_curated_graph(capsys):
    g = ["--graph", str(GRAPH_DIR)]
    assert main(["balance", *g]) == 0
    out = capsys.readouterr().out
    assert "  bloc 1: Azerbaijan, Kazakhstan, Russia, United Kingdom" in out
    assert "Walk-based balance (Estrada and Benzi; every closed walk, shorter ones weigh more): " \
        "1.0000 (1 = balanced)." in out
    assert main(["balance", "--format", "json", *g]) == 0
    assert json.loads(capsys.readouterr().out)["strict"]["blocs"][1] == [
        "the-west", "turkiye", "ukraine", "united-states"]
    assert main(["perspectives", "russia", "azerbaijan", "--by", "affiliation", *g]) == 0
    out = capsys.readouterr().out
    assert "\nPerspectives: Russia = Dmitry Masyuk, Dmitry Peskov, Maria Zakharova\n" in out
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
    assert main(["gains", "russia", "azerbaijan", "--robustness", "--format", "json", *g]) == 0
    stakes = {x["actor"]: x for x in json.loads(capsys.readouterr().out)["stakes"]}
    assert stakes["ukraine"]["robustness"] == {"robust": False, "rests_on": ["seed-article"]}
    assert main(["gains", "russia", "azerbaijan", "--robustness", "--format", "markdown",
                 *g]) == 0
    # ranked by support now: Ukraine (two voices) first (issue 14)
    assert "\n### Robustness (leave one source, claimant or voice out)\n\n- Ukraine gains: " \
        "rests on seed-article\n- Azeri hardliners gains: rests on article-author, " \
        "seed-article\n- certain forces gains: rests on russian-foreign-ministry, " \
        "seed-article\n" in capsys.readouterr().out


def test_explain_cites_the_claims_behind_each_perspective_and_tension(capsys):
    g = ["--graph", str(GRAPH_DIR)]
    assert main(["perspectives", "russia", "azerbaijan", "--explain", *g]) == 0
    out = capsys.readouterr().out
    assert ("  Ukraine [dmitry-peskov]: Ukraine wants Rift between Russia and Azerbaijan\n"
            "      Ukraine wants Rift between Russia and Azerbaijan (support 0.60)\n"
            "        - Dmitry Peskov in seed-article, para 3 (asserts, 0.6): \u201cUkraine will do "
            "everything possible\n") in out
    assert main(["perspectives", "russia", "azerbaijan", "--explain", "--format", "markdown",
                 *g]) == 0
    out = capsys.readouterr().out
    assert ("- Ukraine [dmitry-peskov]: Ukraine wants Rift between Russia and Azerbaijan\n"
            "  - Ukraine wants Rift between Russia and Azerbaijan (support 0.60)\n"
            "    - Dmitry Peskov (seed-article, para 3, asserts): \u201cUkraine will do everything "
            "possible to add fuel to the fire of this situation and provoke the Azerbaijani side "
            "into taking emotional action.\u201d\n") in out
    assert main(["balance", "--explain", "--format", "markdown", "--graph",
                 str(GAHUKU_GAMA)]) == 0
    out = capsys.readouterr().out
    assert ("- Asaro - Gama, Asaro - Seuve, Gama - Seuve (---); weakly balanced\n"
            "  - Kenneth E. Read (r4sna-signed-networks, row Asaro, column Gama, asserts): "
            "\u201c-1\u201d\n"
            "  - Kenneth E. Read (network-repository-soc-tribes, line 57, asserts): "
            "\u201c12 16 2\u201d\n") in out
