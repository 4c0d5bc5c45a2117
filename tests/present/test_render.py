"""The interest map: what is drawn (not pixels), determinism, pinning, hostile text."""

from __future__ import annotations

import pytest
import yaml
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

import actorgraph
from actorgraph.analyses.gains import who_gains
from actorgraph.cli import main
from actorgraph.present.drawing import draw_interest_map, drawn_part
from actorgraph.present.layout import layout_positions, read_layout
from actorgraph.present.render import render_map
from actorgraph.present.selection import left_out_note, select_bloc_map, select_map
from actorgraph.present.style import BLOC_FILL, GAIN_COLOR, LOSS_COLOR, STATUS_COLOR

from ..conftest import DATA, GRAPH_DIR


def drawn(ax):
    """(node ids, edge keys, label texts, legend texts, figure texts) of a drawn map."""
    nodes = sorted(p.get_gid()[5:] for p in ax.patches if (p.get_gid() or "").startswith("node:"))
    edges = sorted(p.get_gid()[5:] for p in ax.patches if (p.get_gid() or "").startswith("edge:"))
    labels = {t.get_gid()[6:]: t.get_text() for t in ax.texts}
    legend = [t.get_text() for t in ax.figure.legends[0].get_texts()]
    fig_texts = {t.get_gid(): t.get_text() for t in ax.figure.texts}
    return nodes, edges, labels, legend, fig_texts


def new_axes():
    fig = Figure(figsize=(11.69, 8.27))
    FigureCanvasAgg(fig)
    return fig.add_axes((0.02, 0.09, 0.74, 0.83))


def test_whole_map_draws_every_linked_record_and_names_the_rest(curated):
    ax = new_axes()
    assert draw_interest_map(curated, ax=ax, footnote="note") is ax
    nodes, edges, labels, legend, texts = drawn(ax)
    unlinked = ["armenia", "article-author", "commenter-1", "commenter-2", "global-south",
                "gorchakov-fund"]
    assert nodes == sorted(set(curated) - set(unlinked))
    assert edges == sorted(k for _, _, k in curated.edges(keys=True))
    assert labels["turkiye"] == "Turkiye"
    assert labels["azerbaijan-sides-with-turkiye-and-west"] == (
        "Azerbaijan sides with\nTurkiye and the West\nagainst Russia")
    assert texts["unlinked"] == ("Not drawn (no interests, effects or relations): Armenia, the "
                                 "article's author, author of reader comment 1, author of reader "
                                 "comment 2, the Global South, Gorchakov Fund")
    assert (texts["title"], texts["footnote"]) == ("Interest map", "note")
    assert legend == [
        "actor: state", "actor: government", "actor: faction", "actor: bloc", "actor: person",
        "actor: unidentified", "outcome", "wants (interest)", "opposes (interest)",
        "advances (effect)", "hinders (effect)", "allied / friendly (relation)",
        "hostile (relation)", "relation only denied", "member of / part of",
        "can influence (0-3)"]


def test_a_dotted_or_dashed_edge_ends_in_a_solid_head(curated):
    # drawn in the line's own dots, a hinders bar (or an opposes arrow) was a smudge
    ax = new_axes()
    draw_interest_map(curated, ax=ax)
    patches = {p.get_gid(): p for p in ax.patches if p.get_gid()}
    edges = [(k, d["type"], d["sign"]) for _, _, k, d in curated.edges(keys=True, data=True)]
    hinders = [k for k, kind, sign in edges if kind == "effect" and sign < 0]
    opposes = [k for k, kind, sign in edges if kind == "interest" and sign < 0]
    assert hinders and opposes
    for key in hinders + opposes:
        line, head = patches[f"edge:{key}"], patches[f"head:{key}"]
        assert line.get_linestyle() != "solid" and head.get_linestyle() == "solid", key
    assert not [k for k, kind, sign in edges if kind == "effect" and sign > 0
                and f"head:{k}" in patches]


def test_no_two_boxes_overlap(curated):
    ax = new_axes()
    draw_interest_map(curated, ax=ax)
    boxes = [p.get_bbox() for p in ax.patches if (p.get_gid() or "").startswith("node:")]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1)


def test_rift_map_highlights_gainers_and_losers(curated):
    ax = new_axes()
    draw_interest_map(curated, ax=ax, rift=("russia", "azerbaijan"))
    nodes, _, labels, legend, texts = drawn(ax)
    report = who_gains(curated, "russia", "azerbaijan")
    assert set(report.gainers + report.losers) <= set(nodes)
    assert "kremlin" not in nodes and "enemies-of-russia" not in nodes
    colour = {p.get_gid()[5:]: p.get_edgecolor() for p in ax.patches
              if (p.get_gid() or "").startswith("node:")}
    assert {n for n, c in colour.items() if c == to_rgba(GAIN_COLOR)} == set(report.gainers)
    assert {n for n, c in colour.items() if c == to_rgba(LOSS_COLOR)} == {"russia",
                                                                          "azerbaijan"}
    assert labels["turkiye"] == "Turkiye\n0.60"  # the verdict's support (issue 14)
    assert legend[-2:] == ["gains from the rift", "loses from the rift"]
    assert texts["title"] == "Who gains from a rift between Russia and Azerbaijan"


def test_focus_map_is_the_neighbourhood(curated):
    sel = select_map(curated, focus="Turkey")
    assert sorted(sel.graph) == [
        "armenia-protectorate", "azerbaijan", "azerbaijan-sides-with-turkiye-and-west",
        "containment-of-russia-south", "erdogan", "rift-russia-azerbaijan", "russia",
        "turkic-corridor", "turkiye", "turkiye-influence-central-asia"]
    assert sel.highlight == {"turkiye": "focus"}


def test_according_to_draws_only_that_claimants_edges(curated):
    sel = select_map(curated, according_to=["dmitry-peskov"])
    claimed = sorted(k for _, _, k, t in sel.graph.edges(keys=True, data="type")
                     if t != "member_of")
    assert claimed == ["interest:ukraine->rift-russia-azerbaijan",
                       "relation:russia->azerbaijan:threat",
                       "relation:ukraine->azerbaijan:influences=1"]
    assert sel.title == "Interest map — according to Dmitry Peskov"  # a name, never the id


def test_the_names_from_before_the_split_still_import():
    from actorgraph.present import render

    assert (render.draw_interest_map, render.render_map, render.select_map) == (
        draw_interest_map, render_map, select_map)


def test_what_the_page_needs_travels_in_the_selection_not_in_the_graph(curated):
    from actorgraph.present.html import html_map_data

    sel = select_map(curated, according_to=["dmitry-peskov"])
    threat = "relation:russia->azerbaijan:threat"  # Peskov only denies it
    assert sel.supported[threat] is False
    assert sel.category(threat, sel.graph.edges["russia", "azerbaijan", threat]) == "denied"
    assert all("supported" not in d for _, _, d in sel.graph.edges(data=True))
    ax = new_axes()
    draw_interest_map(curated, ax=ax, selection=sel)
    arrow = next(p for p in ax.patches if p.get_gid() == f"edge:{threat}")
    assert arrow.get_linestyle() == ":"  # the 'relation only denied' line
    page = {e["id"]: e["category"] for e in html_map_data(curated, sel)["edges"]}
    assert page[threat] == "denied"
    assert page["interest:ukraine->rift-russia-azerbaijan"] == "wants"


def test_names_with_mathtext_characters_are_drawn_literally(write_graph, tmp_path):
    names = ["Cost $x_1$ ^ \\alpha", "under_score $$", "back\\slash {braces}", "a" * 300,
             "مرحبا بالعالم", "🚀 emoji"]
    data = {"sources": [{"id": "s", "title": "$S$", "kind": "article"}],
            "actors": [{"id": f"x{i}", "name": n, "kind": "state",
                        "interests": [{"outcome": "o", "stance": "wants",
                                       "claims": [{"by": "x0", "source": "s",
                                                   "quote": n}]}]}
                       for i, n in enumerate(names)],
            "outcomes": [{"id": "o", "label": "$\\frac{1}{0}$ outcome_", "kind": "other"}]}
    G = actorgraph.load(write_graph(yaml.safe_dump(data, allow_unicode=True)))
    sel = render_map(G, tmp_path / "m.png", date="2026-01-01")
    assert sel.warnings == ["no glyph in the font for 🚀 (U+1F680); drawn as empty boxes"]
    ax = new_axes()
    with pytest.warns(UserWarning, match="missing from font"):
        draw_interest_map(G, ax=ax, selection=sel)
    _, _, labels, _, _ = drawn(ax)
    assert labels["x0"] == "Cost $x_1$ ^\n\\alpha"
    assert labels["o"] == "$\\frac{1}{0}$ outcome_"
    assert all(not t.get_parse_math() for t in ax.texts)


def test_same_graph_same_picture(curated, tmp_path):
    render_map(curated, tmp_path / "a.png", date="2026-01-01")
    render_map(curated, tmp_path / "b.png", date="2026-01-01")
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    render_map(curated, tmp_path / "a.svg", date="2026-01-01")
    render_map(curated, tmp_path / "b.svg", date="2026-01-01")
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_progress_says_how_many_boxes_it_writes_before_writing_them(curated, tmp_path):
    out = tmp_path / "map.png"
    heard = []
    render_map(curated, out, date="2026-01-01",
               progress=lambda message: heard.append((message, out.exists())))
    ax = new_axes()
    draw_interest_map(curated, ax=ax)
    nodes = drawn(ax)[0]
    assert len(nodes) > 20
    assert heard[-1] == (f"writing {len(nodes)} boxes to {out}", False)  # said, then written
    assert out.exists()


def test_pinned_positions_stay_when_records_are_added(write_graph):
    base = {"sources": [{"id": "s", "title": "S", "kind": "article"}],
            "actors": [{"id": a, "name": a, "kind": "state",
                        "interests": [{"outcome": "o", "stance": "wants",
                                       "claims": [{"by": a, "source": "s", "quote": a}]}]}
                       for a in ("a", "b", "c")],
            "outcomes": [{"id": "o", "label": "O", "kind": "other"}]}
    G1 = actorgraph.load(write_graph(yaml.safe_dump(base)))
    first = layout_positions(G1)
    base["actors"].append({"id": "d", "name": "d", "kind": "state", "interests": [
        {"outcome": "o", "stance": "opposes",
         "claims": [{"by": "d", "source": "s", "quote": "d"}]}]})
    G2 = actorgraph.load(write_graph(yaml.safe_dump(base)))
    second = layout_positions(G2, pinned=first)
    assert {k: second[k] for k in first} == first
    assert set(second) == {"a", "b", "c", "d", "o"}


def test_cli_render_writes_files_and_a_layout(capsys, tmp_path):
    out, layout = tmp_path / "rift.pdf", tmp_path / "layout.json"
    code = main(["render", "-o", str(out), "--rift", "Russia", "Azerbaijan", "--graph",
                 str(GRAPH_DIR), "--save-layout", str(layout), "--date", "2026-01-01"])
    stdout, stderr = capsys.readouterr()
    assert (code, stderr) == (0, "")
    # the West is no longer on the rift map: only the tool's inference had it gain (issue 14)
    assert stdout == f"wrote {out}: 8 actors, 3 outcomes, 17 edges\n"
    assert out.read_bytes().startswith(b"%PDF")
    assert set(read_layout(layout)) >= {"russia", "azerbaijan", "turkiye"}


@pytest.mark.parametrize(("argv", "message"), [
    (["-o", "map.gif"], "actorgraph: error: cannot render to '.gif': use a .png, .svg or .pdf "
                        "name\n"),
    (["-o", "m.png", "--rift", "russia", "azerbaijan", "--focus", "turkiye"],
     "actorgraph: error: give one of --rift, --focus, --diff, --blocs or --timeline\n"),
    (["-o", "m.png", "--focus", "narnia"],
     "actorgraph: error: no record called 'narnia'; did you mean 'armenia'?\n"),
])
def test_cli_render_usage_errors(capsys, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    assert main(["render", *argv, "--graph", str(GRAPH_DIR)]) == 2
    assert capsys.readouterr().err == message


def test_progress_is_silent_at_first_then_reports_on_stderr(capsys):
    from actorgraph.cli.commands_render import _Progress

    _Progress(after=60.0)("laying out")
    assert capsys.readouterr().err == ""
    _Progress(after=0.0)("drawing")
    assert capsys.readouterr().err == "actorgraph: drawing (0 s so far)\n"


def test_a_saved_layout_reproduces_the_picture(tmp_path, capsys):
    import shutil

    graph = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, graph)
    (graph / "layout.json").unlink()  # lay out afresh, then save what was drawn
    first, second, layout = tmp_path / "a.png", tmp_path / "b.png", tmp_path / "layout.json"
    common = ["--graph", str(graph), "--date", "2026-01-01"]
    assert main(["render", "-o", str(first), "--save-layout", str(layout), *common]) == 0
    assert main(["render", "-o", str(second), "--layout", str(layout), *common]) == 0
    capsys.readouterr()
    assert first.read_bytes() == second.read_bytes()


def test_a_bloc_map_fills_each_bloc_lays_them_apart_and_marks_the_ties_against():
    from actorgraph.analyses.balance import balance

    G = actorgraph.load(DATA / "valid" / "gahuku-gama", cache=False)
    report = balance(G)
    ax = new_axes()
    draw_interest_map(G, ax=ax, selection=select_bloc_map(G, report))
    nodes, edges, _, legend, texts = drawn(ax)
    assert nodes == sorted(n for bloc in report.weak.blocs for n in bloc)  # not Read himself
    assert len(edges) == 58
    fill = {p.get_gid()[5:]: p.get_facecolor() for p in ax.patches
            if (p.get_gid() or "").startswith("node:")}
    for i, bloc in enumerate(report.weak.blocs):
        assert {fill[n] for n in bloc} == {to_rgba(BLOC_FILL[i])}
    halos = sorted(p.get_gid() for p in ax.patches if (p.get_gid() or "").startswith("status:"))
    against = sorted(f"status:against:{r}" for t in report.weak.frustrated for r in t.relations)
    assert halos == against and len(against) == 2
    assert {p.get_edgecolor()[:3] for p in ax.patches
            if (p.get_gid() or "").startswith("status:")} == {to_rgba(STATUS_COLOR["against"])[:3]}
    assert legend == ["bloc 1 (7 actors)", "bloc 2 (5 actors)", "bloc 3 (4 actors)",
                      "allied / friendly (relation)", "hostile (relation)",
                      "tie against the blocs"]
    assert texts["title"] == "Blocs under weak balance: 2 ties against them"
    # each bloc sits apart: the boxes of one bloc span a region no box of another bloc enters
    centre = {p.get_gid()[5:]: ((p.get_bbox().x0 + p.get_bbox().x1) / 2,
                                (p.get_bbox().y0 + p.get_bbox().y1) / 2)
              for p in ax.patches if (p.get_gid() or "").startswith("node:")}
    boxes = [p.get_bbox() for p in ax.patches if (p.get_gid() or "").startswith("node:")]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1)
    hulls = [(min(centre[n][0] for n in b), max(centre[n][0] for n in b),
              min(centre[n][1] for n in b), max(centre[n][1] for n in b))
             for b in report.weak.blocs]
    for i, (x0, x1, y0, y1) in enumerate(hulls):
        for j, bloc in enumerate(report.weak.blocs):
            if i != j:
                assert not any(x0 < centre[n][0] < x1 and y0 < centre[n][1] < y1 for n in bloc)


def test_cli_renders_the_strict_blocs_of_the_curated_graph(capsys, tmp_path):
    out = tmp_path / "blocs.svg"
    assert main(["render", "-o", str(out), "--blocs", "strict", "--graph", str(GRAPH_DIR),
                 "--date", "2026-01-01"]) == 0
    assert capsys.readouterr().out == f"wrote {out}: 10 actors, 0 outcomes, 8 edges\n"
    svg = out.read_text(encoding="utf-8")
    assert "Blocs under strict balance: 0 ties against them" in svg
    assert "bloc 3 (2 actors)" in svg
    again = tmp_path / "again.svg"
    assert main(["render", "-o", str(again), "--blocs", "strict", "--graph", str(GRAPH_DIR),
                 "--date", "2026-01-01"]) == 0
    assert again.read_bytes() == out.read_bytes()  # the same picture, byte for byte


def test_a_bloc_map_legend_lists_eight_blocs_and_counts_the_rest(write_graph):
    from actorgraph.analyses.balance import balance

    pairs = "".join(
        f"  - {{between: [a{i}, b{i}], kind: war, claims: [{{by: a{i}, source: s, quote: q}}]}}\n"
        for i in range(5))
    actors = "".join(f"  - {{id: {x}{i}, name: {x.upper()}{i}, kind: state}}\n"
                     for i in range(5) for x in "ab")
    G = actorgraph.load(write_graph("sources: [{id: s, title: S, kind: article}]\nactors:\n"
                                    + actors + "relations:\n" + pairs), cache=False)
    ax = new_axes()
    draw_interest_map(G, ax=ax, selection=select_bloc_map(G, balance(G)))
    legend = drawn(ax)[3]
    assert legend[:9] == [*(f"bloc {i} (1 actor)" for i in range(1, 9)),
                          "2 more blocs (colours repeat)"]


# -- geometry: what covers what on the page ---------------------------------------------

def _boxes_px(ax):
    """Node boxes in display pixels."""
    return {p.get_gid()[5:]: p.get_window_extent() for p in ax.patches
            if (p.get_gid() or "").startswith("node:")}


def _overlap(a, b):
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _edges_under_boxes(G, ax, of=None):
    """(edge key, node) for each drawn edge (of the nodes `of`, if given) that passes under
    a box other than its own ends; the edge is sampled along the line it is drawn on."""
    import numpy as np

    ends = {k: (u, v) for u, v, k in G.edges(keys=True)}
    boxes = {n: b for n, b in _boxes_px(ax).items()}
    out = []
    for p in ax.patches:
        gid = p.get_gid() or ""
        if not gid.startswith("edge:"):
            continue
        key = gid[5:]
        u, v = ends[key]
        if of is not None and not {u, v} & set(of):
            continue
        path = p.get_transform().transform_path(p.get_path())  # data -> display
        pts = np.asarray(path.interpolated(40).vertices)
        for n, b in boxes.items():
            if n in (u, v):
                continue
            inside = ((pts[:, 0] > b.x0 + 1) & (pts[:, 0] < b.x1 - 1)
                      & (pts[:, 1] > b.y0 + 1) & (pts[:, 1] < b.y1 - 1))
            if inside.any():
                out.append((key, n))
    return out


MAPS = {"whole": {}, "rift": {"rift": ("russia", "azerbaijan")},
        "focus": {"focus": "turkiye"}, "according-to": {"according_to": ["Peskov"]}}


@pytest.mark.parametrize("name", MAPS)
def test_no_box_covers_a_box_or_the_texts_under_and_over_the_map(curated, name):
    ax = new_axes()
    draw_interest_map(curated, ax=ax, footnote="footnote", **MAPS[name])
    ax.figure.canvas.draw()
    boxes = list(_boxes_px(ax).values())
    texts = [t.get_window_extent() for t in ax.figure.texts]
    assert len(texts) >= 2
    for i, a in enumerate(boxes):
        assert not any(_overlap(a, b) for b in boxes[i + 1:])
        assert not any(_overlap(a, t) for t in texts)


@pytest.mark.parametrize("name", ["rift", "focus"])
def test_no_box_covers_an_edge_of_the_rift_or_focus_actors(curated, name):
    from actorgraph.present.boxes import KEY_EDGE_LENGTH

    ax = new_axes()
    sel = select_map(curated, **MAPS[name])
    draw_interest_map(curated, ax=ax, selection=sel)
    ax.figure.canvas.draw()
    assert sel.key_nodes
    assert _edges_under_boxes(sel.graph, ax, of=sel.key_nodes) == []
    # and each of their edges shows a stretch of line, not just an arrowhead
    import numpy as np

    from actorgraph.present.boxes import visible_length

    boxes = {p.get_gid()[5:]: p.get_bbox() for p in ax.patches  # inches on the page
             if (p.get_gid() or "").startswith("node:")}
    order = sorted(boxes)
    centres = np.array([[(boxes[n].x0 + boxes[n].x1) / 2, (boxes[n].y0 + boxes[n].y1) / 2]
                        for n in order])
    sizes = np.array([[boxes[n].width, boxes[n].height] for n in order])
    pairs = np.array([[order.index(u), order.index(v)] for u, v in sel.graph.edges()
                      if u != v and {u, v} & set(sel.key_nodes)])
    assert visible_length(centres, sizes, pairs).min() >= KEY_EDGE_LENGTH * 0.95


@pytest.mark.parametrize(("graph", "weak"), [(GRAPH_DIR, True), (GRAPH_DIR, False),
                                             (DATA / "valid" / "gahuku-gama", True)])
def test_no_box_of_a_bloc_map_covers_an_edge_and_blocs_stay_apart(graph, weak):
    """The ties between blocs (the ties against the blocs among them) are the point of a
    bloc map: none runs under a box, nor does any tie inside a bloc; and no bloc's boxes
    enter the rectangle around another bloc's boxes."""
    from actorgraph.analyses.balance import balance

    G = actorgraph.load(graph, cache=False)
    sel = select_bloc_map(G, balance(G), weak=weak)
    ax = new_axes()
    draw_interest_map(G, ax=ax, selection=sel)
    ax.figure.canvas.draw()
    ends = {k: (u, v) for u, v, k in sel.graph.edges(keys=True)}
    between = [k for k, (u, v) in ends.items() if sel.blocs[u] != sel.blocs[v]]
    assert len(set(sel.blocs.values())) > 1 and between  # there are ties between blocs
    assert _edges_under_boxes(sel.graph, ax) == []
    boxes = _boxes_px(ax)
    hull = {}
    for n, b in boxes.items():
        x0, y0, x1, y1 = hull.get(sel.blocs[n], (b.x0, b.y0, b.x1, b.y1))
        hull[sel.blocs[n]] = (min(x0, b.x0), min(y0, b.y0), max(x1, b.x1), max(y1, b.y1))
    for n, b in boxes.items():
        for bloc, (x0, y0, x1, y1) in hull.items():
            if bloc != sel.blocs[n]:
                assert not (b.x0 < x1 and x0 < b.x1 and b.y0 < y1 and y0 < b.y1), (n, bloc)


def test_a_claimant_map_says_what_it_left_out_in_true_words(curated):
    ax = new_axes()
    draw_interest_map(curated, ax=ax, according_to=["Peskov"])
    note = {t.get_gid(): t.get_text() for t in ax.figure.texts}["unlinked"].replace("\n", " ")
    assert note.startswith("Not drawn (no interests, effects or relations): Armenia, ")
    # the claimant is not among what he says nothing about (a new user's finding): 11
    # actors, not 12, and he is named as the claimant
    assert ("Not drawn (the claimant, not a subject of its own claims): Dmitry Peskov. "
            "Not drawn (12 outcomes and 11 actors Dmitry Peskov says nothing about): ") in note
    assert note.count("Dmitry Peskov,") == 0
    assert "Rift between Russia and Azerbaijan" not in note  # his one claim is drawn
    assert "and 8 more" in note


def test_a_claimant_maps_note_names_a_states_people_as_its_claimants(curated):
    sel = select_map(curated, according_to=["russia"])
    note = left_out_note(curated, sel, drawn_part(sel)[1])
    assert ("Not drawn (the claimants, not subjects of their own claims): Dmitry Masyuk, "
            "Dmitry Peskov, Maria Zakharova. Not drawn (12 outcomes and 8 actors Russia says "
            "nothing about): ") in note


def test_a_claimant_map_keeps_only_the_membership_around_what_they_claim(curated):
    sel = select_map(curated, according_to=["dmitry-peskov"])
    members = sorted(k for _, _, k, t in sel.graph.edges(keys=True, data="type")
                     if t == "member_of")
    claimed = {n for u, v, t in sel.graph.edges(data="type") if t != "member_of"
               for n in (u, v)}
    assert members and all(set(k.split(":")[1].split("->")) & claimed for k in members)


def test_every_legend_mark_differs_and_comes_from_a_colour_blind_safe_palette():
    from actorgraph.present.style import ACTOR_FILL, EDGE_STYLE, OKABE_ITO

    looks = [(s["color"], s["linestyle"], s["lw"], s["arrowstyle"]) for s in EDGE_STYLE.values()]
    assert len(set(looks)) == len(looks)
    # two categories of one colour differ in dash pattern, not only in width
    for i, a in enumerate(looks):
        for b in looks[i + 1:]:
            assert a[0] != b[0] or a[1] != b[1]
    greys = {c for c, *_ in looks if len({c[1:3], c[3:5], c[5:7]}) == 1}
    assert {c.upper() for c, *_ in looks} - {c.upper() for c in greys} <= set(OKABE_ITO.values())
    assert len(set(ACTOR_FILL.values())) == len(ACTOR_FILL)


def test_a_map_too_big_to_read_says_so_before_laying_it_out(write_graph):
    n = 400
    data = {"sources": [{"id": "s", "title": "S", "kind": "article"}],
            "actors": [{"id": f"actor-{i}", "name": f"Actor number {i}", "kind": "state",
                        "interests": [{"outcome": f"outcome-{i % 40}", "stance": "wants",
                                       "claims": [{"by": f"actor-{i}", "source": "s",
                                                   "quote": "we want it"}]}]}
                       for i in range(n)],
            "outcomes": [{"id": f"outcome-{j}", "label": f"Outcome {j}", "kind": "other"}
                         for j in range(40)]}
    G = actorgraph.load(write_graph(yaml.safe_dump(data)))
    events = []
    sel = select_map(G)
    draw_interest_map(G, ax=new_axes(), selection=sel,
                      warn=lambda m: events.append(("warn", m)),
                      progress=lambda m: events.append(("progress", m)))
    warned = [i for i, (kind, _) in enumerate(events) if kind == "warn"]
    separating = next(i for i, (_, m) in enumerate(events) if m == "separating labels")
    assert len(warned) == 1 and warned[0] < separating
    assert events[warned[0]][1].startswith("440 nodes on one page: labels will be about ")
    assert sel.warnings == []  # said once, early, not again at the end


def test_ties_of_several_domains_are_labelled_with_their_domain_on_the_png(curated):
    G = actorgraph.load(DATA / "valid" / "ties-by-domain", cache=False)
    ax = new_axes()
    draw_interest_map(G, ax=ax)
    words = {t.get_gid()[7:]: t.get_text() for t in ax.texts
             if (t.get_gid() or "").startswith("domain:")}
    assert words == {key: d["domain"] for _, _, key, d in G.edges(keys=True, data=True)}
    assert words["relation:arland->borvia:economic/sanctions@2022-03"] == "economic"
    assert drawn(ax)[3][-1] == "italic word: the tie's domain"
    # one domain only (the seed article's ties are all 'other'): no word on any tie
    ax = new_axes()
    draw_interest_map(curated, ax=ax)
    assert not [t for t in ax.texts if (t.get_gid() or "").startswith("domain:")]
    assert "italic word: the tie's domain" not in drawn(ax)[3]


def test_the_counts_render_prints_are_of_what_the_page_draws(capsys, tmp_path):
    # on Peskov's word 8 edges are drawn between 9 boxes; the message counted all 39 records
    out = tmp_path / "peskov.png"
    assert main(["render", "-o", str(out), "--according-to", "Peskov", "--graph",
                 str(GRAPH_DIR), "--html", str(tmp_path / "peskov.html")]) == 0
    assert capsys.readouterr().out == (f"wrote {tmp_path / 'peskov.html'}: 9 nodes, 8 edges "
                                       f"(interactive)\nwrote {out}: 8 actors, 1 outcome, "
                                       "8 edges\n")
