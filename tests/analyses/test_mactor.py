"""MACTOR on claims (`actorgraph coalitions`): the published reference case, checked against a
second calculation written here from Godet's definitions, the claim filters, missing and
contested cells, the model's checks, and the picture."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import actorgraph
from actorgraph.analyses.balance import balance
from actorgraph.analyses.mactor import coalitions, mactor_outputs
from actorgraph.cli.main import main
from actorgraph.errors import GraphDataError

from ..conftest import DATA, GRAPH_DIR

AEROPORT = DATA / "valid" / "mactor-aeroport-paris"
PUBLISHED = AEROPORT / "published"


def _ident(name: str) -> str:
    return name.lower().replace("_", "-")


def published() -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Actors, objectives, MID and 2MAO straight from the two CSVs of the demo case."""
    with open(PUBLISHED / "MID.csv", encoding="utf-8") as f:
        mid_rows = list(csv.reader(f))
    with open(PUBLISHED / "2MAO.csv", encoding="utf-8") as f:
        mao_rows = list(csv.reader(f))
    actors = [_ident(r[0]) for r in mid_rows[1:]]
    assert actors == [_ident(c) for c in mid_rows[0][1:]] == [_ident(r[0]) for r in mao_rows[1:]]
    objectives = [_ident(c) for c in mao_rows[0][1:]]
    mid = np.array([[int(x) for x in r[1:]] for r in mid_rows[1:]])
    mao = np.array([[int(x) for x in r[1:]] for r in mao_rows[1:]])
    return actors, objectives, mid, mao


def godet(mid: np.ndarray, mao: np.ndarray) -> dict:
    """MACTOR's outputs, computed cell by cell from the definitions (loops, not the library).

    MIDI_ij = MID_ij + sum_k min(MID_ik, MID_kj); Ii, Di the row and column sums of MIDI
    without the diagonal; r_i = (Ii - MIDI_ii) / sum(I) x Ii / (Ii + Di); r*_i = n r_i / sum(r);
    3MAO_ik = r*_i 2MAO_ik; nCAA_ij (nDAA_ij) = sum over the objectives where i and j agree
    (disagree) in sign of (|nMAO_ik| + |nMAO_jk|) / 2.
    """
    n, m = mao.shape
    midi = [[mid[i][j] + sum(min(mid[i][k], mid[k][j]) for k in range(n)) for j in range(n)]
            for i in range(n)]
    inf = [sum(midi[i][j] for j in range(n) if j != i) for i in range(n)]
    dep = [sum(midi[j][i] for j in range(n) if j != i) for i in range(n)]
    r = [(inf[i] - midi[i][i]) / sum(inf) * inf[i] / (inf[i] + dep[i]) for i in range(n)]
    r_star = [n * x / sum(r) for x in r]
    levels = {1: [[(v > 0) - (v < 0) for v in row] for row in mao.tolist()],
              2: mao.tolist(),
              3: [[r_star[i] * mao[i][k] for k in range(m)] for i in range(n)]}
    caa, daa = {}, {}
    for level, t in levels.items():
        caa[level] = [[0.0 if i == j else sum((abs(t[i][k]) + abs(t[j][k])) / 2
                                              for k in range(m) if t[i][k] * t[j][k] > 0)
                       for j in range(n)] for i in range(n)]
        daa[level] = [[0.0 if i == j else sum((abs(t[i][k]) + abs(t[j][k])) / 2
                                              for k in range(m) if t[i][k] * t[j][k] < 0)
                       for j in range(n)] for i in range(n)]
    mobilisation = {level: [(sum(t[i][k] for i in range(n) if t[i][k] > 0),
                             -sum(t[i][k] for i in range(n) if t[i][k] < 0))
                            for k in range(m)] for level, t in levels.items()}
    return {"midi": midi, "inf": inf, "dep": dep, "r": r, "r_star": r_star, "mao": levels,
            "caa": caa, "daa": daa, "mobilisation": mobilisation}


def test_the_curated_case_is_the_published_tables_cell_by_cell(capsys):
    actors, objectives, mid, mao = published()
    report = coalitions(actorgraph.load(AEROPORT, cache=False))
    assert sorted(report.actors) == sorted(actors)
    assert sorted(report.outcomes) == sorted(objectives)
    for i, a in enumerate(actors):
        for j, b in enumerate(actors):
            if a != b:
                assert report.influence_cells[(a, b)].value == mid[i, j], (a, b)
        for k, o in enumerate(objectives):
            assert report.position_cells[(a, o)].value == mao[i, k], (a, o)
    assert report.missing("influence") == report.missing("positions") == []
    # every claim quotes its table's row verbatim
    assert main(["check-quotes", "--graph", str(AEROPORT),
                 "--text", f"mactor-demo-mid={PUBLISHED / 'MID.csv'}",
                 "--text", f"mactor-demo-2mao={PUBLISHED / '2MAO.csv'}"]) == 0
    out = capsys.readouterr().out
    assert "30 of 30 quotes found" in out and out.count("30 of 30 quotes found") == 2
    # the quotes are a row's numbers: data, which lint's sentence rules leave alone
    from actorgraph.analyses.lint import lint

    assert lint(actorgraph.load(AEROPORT, cache=False)).findings == []


def test_coalitions_json_matches_an_independent_calculation(capsys):
    """The done-when of issue 19: the CLI's JSON on the reference inputs equals Godet's
    definitions computed here straight from the CSVs."""
    actors, objectives, mid, mao = published()
    want = godet(mid, mao)
    assert main(["coalitions", "--graph", str(AEROPORT), "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert set(got["actors"]) == set(actors) and set(got["outcomes"]) == set(objectives)
    for i, a in enumerate(actors):
        assert got["influence"][a] == want["inf"][i]
        assert got["dependence"][a] == want["dep"][i]
        assert got["retroaction"][a] == want["midi"][i][i]
        assert got["r_star"][a] == pytest.approx(want["r_star"][i], abs=1e-4)
        assert got["r"][a] == pytest.approx(want["r"][i], abs=1e-4)
        for j, b in enumerate(actors):
            assert got["midi"][a][b] == want["midi"][i][j]
            for level in (1, 2, 3):
                assert got["caa"][str(level)][a][b] == pytest.approx(
                    want["caa"][level][i][j], abs=1e-4)
                assert got["daa"][str(level)][a][b] == pytest.approx(
                    want["daa"][level][i][j], abs=1e-4)
        for k, o in enumerate(objectives):
            for level in (1, 2, 3):
                assert got["mao"][str(level)][a][o] == pytest.approx(
                    want["mao"][level][i][k], abs=1e-4)
    for k, o in enumerate(objectives):
        for level in (1, 2, 3):
            pro, con = want["mobilisation"][level][k]
            assert got["mobilisation"][str(level)][o] == pytest.approx(
                {"for": pro, "against": con, "total": pro + con}, abs=1e-4)


def test_the_reference_case_in_words():
    """What a reader takes from the demo: the State is the strongest actor and the charter
    airlines the weakest; the manufacturers and the State converge most; noise standards
    split the actors most evenly, and nobody opposes the market objective."""
    report = coalitions(actorgraph.load(AEROPORT, cache=False))
    by_power = sorted(report.actors, key=lambda a: -report.r_star[report.actors.index(a)])
    assert by_power == ["etat", "constr", "assocriv", "ciesreg", "ap", "ciescharter"]
    assert round(float(report.r_star.mean()), 9) == 1.0
    etat = report.actors.index("etat")
    assert (report.influence[etat], report.dependence[etat], report.retroaction[etat]) == \
        (39, 31, 8)
    assert report.pairs(3)[0][:2] == ("constr", "etat")
    assert report.pairs(3, divergent=True)[0][:2] == ("ciesreg", "constr")
    assert next(o for o, _, _ in report.splitting(3)) == "normes-bru"
    assert report.mobilisation(3)["marche"][1] == 0.0
    assert "marche" not in [o for o, _, _ in report.splitting(3)]


# -- claims: filters, missing and contested cells ---------------------------------------

TWO_VOICES = """\
sources:
  - {id: s1, title: One, kind: article, published: "2024-01"}
  - {id: s2, title: Two, kind: article, published: "2025-06"}
actors:
  - {id: x, name: X, kind: person}
  - {id: y, name: Y, kind: person}
  - id: a
    name: A
    kind: state
    interests:
      - outcome: o
        stance: wants
        degree: 2
        claims: [{by: x, source: s1, quote: "A wants o badly"}]
      - outcome: p
        stance: opposes
        claims: [{by: y, source: s2, quote: "A is against p"}]
  - id: b
    name: B
    kind: state
    interests:
      - outcome: o
        stance: indifferent
        claims: [{by: y, source: s2, quote: "B does not care about o"}]
outcomes:
  - {id: o, label: O, kind: other}
  - {id: p, label: P, kind: other}
relations:
  - from: a
    to: b
    kind: influences
    intensity: 3
    claims: [{by: x, source: s1, quote: "A holds B's fate"}]
  - from: a
    to: b
    kind: influences
    intensity: 1
    claims: [{by: y, source: s2, quote: "A barely sways B"}]
  - from: b
    to: a
    kind: influences
    intensity: 2
    until: "2023"
    claims: [{by: y, source: s2, quote: "B used to lean on A"}]
"""


def test_a_filter_by_claimant_changes_the_inputs(write_graph):
    G = actorgraph.load(write_graph(TWO_VOICES), cache=False)
    everyone = coalitions(G)
    ab = everyone.influence_cells[("a", "b")]
    # both intensities stand; equal support, so the cautious one is used and the other shown
    assert (ab.value, ab.alternatives, ab.contested) == (1, (3,), True)
    assert everyone.influence_cells[("b", "a")].value == 2
    x = coalitions(G, according_to=["x"])
    assert (x.influence_cells[("a", "b")].value, x.influence_cells[("a", "b")].contested) == \
        (3, False)
    assert ("b", "a") not in x.influence_cells and x.missing("influence") == [("b", "a")]
    assert x.position_cells[("a", "o")].value == 2 and ("b", "o") in x.missing("positions")
    y = coalitions(G, according_to=["Y"])  # a name works as well as an id
    assert y.influence_cells[("a", "b")].value == 1
    assert y.position_cells[("b", "o")].value == 0  # claimed indifferent: 0, not missing
    assert y.outcomes == ("o",)  # p: a sign without a degree is no valued position
    assert ("a", "o") in y.missing("positions")
    # a source works as a claimant; --exclude drops it
    assert coalitions(G, according_to=["s1"]).influence_cells[("a", "b")].value == 3
    assert coalitions(G, exclude=["x"]).influence_cells[("a", "b")].value == 1
    # as of 2024: b -> a ended in 2023, and source s2 (2025) is not yet published
    then = coalitions(G, as_of="2024")
    assert then.influence_cells[("a", "b")].value == 3
    assert ("b", "a") not in then.influence_cells


def test_missing_cells_are_said_to_be_missing_not_zero(write_graph, capsys):
    folder = write_graph(TWO_VOICES)
    assert main(["coalitions", "--graph", str(folder), "--outcome", "o", "--outcome", "p",
                 "--explain"]) == 0
    out = capsys.readouterr().out
    assert "Inputs: 2 of 2 influence cells and 2 of 4 positions claimed (missing: counted as " \
           "0, shown as '.').\n" in out
    assert "  positions: a on p (opposes, degree not given); b on p\n" in out
    assert "  position a on p: missing (opposes, degree not given)\n" in out
    assert "b on p:" not in out  # nobody says anything about it: under Missing only
    assert "  influence a -> b: 1 (contested: also 3)\n" in out
    assert "A barely sways B" in out and "A holds B's fate" in out
    assert "  a -> b: 1 used; also claimed 3" in out
    assert main(["coalitions", "--graph", str(folder), "--according-to", "x",
                 "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["inputs"]["mid"] == {"a": {"b": 3}, "b": {"a": None}}
    assert got["inputs"]["missing"]["influence"] == [["b", "a"]]
    assert got["cells"]["influence"]["b->a"] == {"value": None, "missing": True,
                                                 "records": [], "claims": []}


_CLAIM = "claims: [{by: a, source: s, quote: q}]"


@pytest.mark.parametrize(("section", "message"), [
    (f"relations: [{{from: a, to: b, kind: alliance, intensity: 2, {_CLAIM}}}]",
     "'intensity' belongs to influences, not to a alliance"),
    (f"relations: [{{between: [a, b], kind: influences, intensity: 2, {_CLAIM}}}]",
     "influence has a direction"),
    (f"relations: [{{from: a, to: b, kind: influences, {_CLAIM}}}]",
     "an influence needs 'intensity'"),
    (f"relations: [{{from: a, to: b, kind: influences, intensity: 4, {_CLAIM}}}]",
     "'intensity' must be at most 3, got '4'"),
    (f"actors: [{{id: c, name: C, kind: state, interests: [{{outcome: o, stance: wants, "
     f"degree: 0, {_CLAIM}}}]}}]",
     "degree 0 means indifferent: write 'stance: indifferent'"),
    (f"actors: [{{id: c, name: C, kind: state, interests: [{{outcome: o, "
     f"stance: indifferent, degree: 2, {_CLAIM}}}]}}]",
     "an indifferent actor has degree 0, not 2"),
])
def test_influence_ties_and_degrees_are_checked(write_graph, section, message):
    folder = write_graph({"base.yaml": """\
        sources: [{id: s, title: S, kind: article}]
        actors: [{id: a, name: A, kind: state}, {id: b, name: B, kind: state}]
        outcomes: [{id: o, label: O, kind: other}]
        """, "graph.yaml": section + "\n"})
    with pytest.raises(GraphDataError) as info:
        actorgraph.load(folder, cache=False)
    errors = [str(p) for p in info.value.problems if p.level == "error"]
    assert len(errors) == 1
    problem = errors[0]
    assert message in problem and problem.startswith(f"{folder / 'graph.yaml'}:1:")


def test_influence_ties_stay_out_of_balance_and_gains(write_graph):
    """An influence tie says who can act on whom, not who is friend or foe: it is no
    relation for balance, and no contradiction with an alliance of the same pair."""
    folder = write_graph(TWO_VOICES.replace("relations:\n", """relations:
  - between: [a, b]
    kind: alliance
    claims: [{by: x, source: s1, quote: "A and B are allies"}]
"""))
    G = actorgraph.load(folder, cache=False)
    assert [t.sign for t in balance(G).ties] == [1]
    assert {d["type"] for *_, d in G.edges(data=True)} == {"interest", "indifferent",
                                                         "relation", "influence"}


# -- properties of the calculation ------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(arrays(np.int64, (5, 5), elements=st.integers(0, 3)),
       arrays(np.int64, (5, 4), elements=st.integers(-3, 3)),
       st.permutations(range(5)))
def test_mactor_outputs_properties(mid, mao, order):
    np.fill_diagonal(mid, 0)
    out = mactor_outputs(mid, mao)
    # r* has mean 1 whenever anyone has power; CAA and DAA are symmetric with a zero diagonal
    if out["r"].sum() > 0:
        assert out["r_star"].mean() == pytest.approx(1.0)
    for level in (1, 2, 3):
        for m in (out["caa"][level], out["daa"][level]):
            assert np.allclose(m, m.T) and not np.diag(m).any()
    # 1CAA + 1DAA count the objectives both actors take a side on
    both = (mao[:, None, :] != 0) & (mao[None, :, :] != 0)
    total = out["caa"][1] + out["daa"][1]
    assert np.array_equal(total[~np.eye(5, dtype=bool)], both.sum(axis=2)[~np.eye(5, dtype=bool)])
    # the actors' order does not matter: renumbering them renumbers every output
    p = list(order)
    again = mactor_outputs(mid[np.ix_(p, p)], mao[p])
    assert np.allclose(again["r_star"], out["r_star"][p])
    assert np.allclose(again["midi"], out["midi"][np.ix_(p, p)])
    assert np.allclose(again["caa"][3], out["caa"][3][np.ix_(p, p)])


# -- the picture ------------------------------------------------------------------------

def test_plot_writes_the_plane_and_the_convergence_graph(tmp_path, capsys):
    path = tmp_path / "coalitions.png"
    assert main(["coalitions", "--graph", str(AEROPORT), "--plot", str(path)]) == 0
    assert f"wrote {path}" in capsys.readouterr().out
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 50_000
    assert main(["coalitions", "--graph", str(AEROPORT), "--plot",
                 str(tmp_path / "x.gif")]) == 2
    assert "--plot takes a .png, .svg or .pdf file" in capsys.readouterr().err


def test_convergence_graph_labels_do_not_overlap():
    # Aeroport de Paris and the scheduled airlines both converge (3.60) and diverge (3.56):
    # drawn on one straight line their two labels sat on top of each other
    from actorgraph.present.coalitions_plot import coalitions_figure

    G = actorgraph.load(AEROPORT, cache=False)
    fig = coalitions_figure(G, coalitions(G))
    renderer = fig.canvas.get_renderer()
    graph = fig.axes[1]
    boxes = {t.get_text(): t.get_window_extent(renderer) for t in graph.texts
             if t.get_text().replace(".", "").isdigit()}
    assert {"3.56", "3.60", "3.77", "4.22", "4.98", "5.29"} <= set(boxes)
    overlapping = [(a, b) for i, (a, box) in enumerate(boxes.items())
                   for b, other in list(boxes.items())[i + 1:] if box.overlaps(other)]
    assert overlapping == []


def test_reference_json_is_keyed_by_ids_and_says_what_it_used(capsys):
    assert main(["coalitions", "--graph", str(AEROPORT), "--format", "json",
                 "--according-to", "michel-godet"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["options"]["according_to"] == ["michel-godet"]
    assert got["most_convergent"][0] == {"a": "constr", "b": "etat",
                                         "caa3": got["caa"]["3"]["constr"]["etat"]}
    assert Path(got["cells"]["influence"]["etat->ap"]["claims"][0]["source"]).name == \
        "mactor-demo-mid"
    assert got["cells"]["influence"]["etat->ap"]["claims"][0]["quote"] == "2,3,3,0,3,2"


# -- the bundled graph ------------------------------------------------------------------

def test_the_bundled_graph_has_the_influence_ties_the_seed_states(curated):
    """Their quotes are checked against the seed with every other quote (test_cli)."""
    report = coalitions(curated)
    claimed = {k: (c.value, tuple(sorted({x.by for x in c.claims})))
               for k, c in report.influence_cells.items()}
    assert claimed == {
        ("azerbaijan", "turkiye"): (2, ("article-author",)),
        ("united-states", "russia"): (2, ("article-author",)),
        ("united-kingdom", "kazakhstan"): (1, ("article-author",)),
        ("ukraine", "azerbaijan"): (1, ("dmitry-peskov",)),
        ("russia", "azerbaijan"): (1, ("article-author",)),
    }
    # the seed values no position: nothing to weigh, and the missing cells are said
    assert report.outcomes == () and len(report.missing("influence")) == 37
    # according to Peskov, only Ukraine's influence on Azerbaijan is left
    assert set(coalitions(curated, according_to=["Peskov"]).influence_cells) == \
        {("ukraine", "azerbaijan")}


def test_power_from_few_claimed_cells_is_marked_beside_its_row(curated, capsys):
    """A new user's finding: the US's r* 2.69 from 5 of 42 cells topped the table, the caveat
    only in the Inputs line. Each row now says how many of its row's and column's cells a
    source gives, 'few' under a quarter; with every cell claimed the column is left out."""
    report = coalitions(curated)
    assert {a: (report.claimed_cells(a), report.rests_on_few(a)) for a in report.actors} == {
        "azerbaijan": (3, False), "kazakhstan": (1, True), "russia": (2, True),
        "turkiye": (1, True), "ukraine": (1, True), "united-kingdom": (1, True),
        "united-states": (1, True)}
    assert main(["coalitions", "--graph", str(GRAPH_DIR)]) == 0
    out = capsys.readouterr().out
    assert ("  ACTOR                            Ii  Di  retro    r*   claimed\n"
            "  United States (united-states)     3   0      0  2.69  1/12 few\n") in out
    assert "  Azerbaijan (azerbaijan)           2   3      0  0.72  3/12\n" in out
    assert main(["coalitions", "--graph", str(GRAPH_DIR), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["claimed_cells"]["united-states"] == {
        "claimed": 1, "of": 12, "few": True}
    assert main(["coalitions", "--graph", str(GRAPH_DIR), "--format", "markdown"]) == 0
    assert "| United States (`united-states`) | 3 | 0 | 0 | 2.69 | 1/12 few |" in \
        capsys.readouterr().out
    assert main(["coalitions", "--graph", str(AEROPORT)]) == 0
    assert "claimed" not in capsys.readouterr().out.split("Power (MIDI)")[1].split("\n")[1]


def test_a_graph_without_influence_ties_or_valued_positions_has_an_empty_report(capsys):
    """It crashed (exit 70, a numpy reshape of zero actors) on every graph without MACTOR
    inputs, such as tests/data/valid/effects; now it says there is nothing to weigh."""
    from ..conftest import DATA

    report = coalitions(actorgraph.load(DATA / "valid" / "effects", cache=False))
    assert (report.actors, report.outcomes, report.r_star.shape) == ((), (), (0,))
    assert main(["coalitions", "--graph", str(DATA / "valid" / "effects")]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Coalitions (MACTOR): 0 actors, 0 objectives; all claimants",
        "No influence ties or valued positions pass the filters."]
