"""render --timeline: what goes on it (india-canada's dated sources), the filter, the picture."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import actorgraph
from actorgraph.analyses.claims import claim_filter
from actorgraph.cli import main
from actorgraph.errors import ActorGraphError, UsageError
from actorgraph.present.timeline import choose_timeline, draw_timeline

from ..conftest import DATA

INDIA_CANADA = DATA / "valid" / "india-canada"


@pytest.fixture(scope="module")
def india_canada():
    return actorgraph.load(INDIA_CANADA)


def test_actor_lanes_and_items_of_india_canada(india_canada):
    t = choose_timeline(india_canada)
    assert t.lanes == ("Canada", "China", "India", "Justin Trudeau", "Narendra Modi",
                       "Rift between India and Canada", "Sikh separatists in Canada",
                       "United States")
    assert [(i.date, i.lanes) for i in t.items] == [
        ("2023-09", ("India",)), ("2023-09", ("Canada",)), ("2023-09", ("Canada",)),
        ("2023-09-26", ("Rift between India and Canada",)), ("2023-09-26", ("United States",)),
        ("2024-10-16", ("Narendra Modi",)), ("2024-10-16", ("Justin Trudeau",)),
        ("2024-10-16", ("Narendra Modi",)), ("2024-10-16", ("Justin Trudeau",)),
        ("2024-11", ("India", "Sikh separatists in Canada")), ("2024-11", ("Justin Trudeau",)),
        ("2024-11", ("India", "Sikh separatists in Canada")), ("2024-11", ("China",)),
        ("2024-11", ("Canada", "India"))]
    assert t.items[9].text == ("Government of India (denies), hardnews-china-beneficiary: "
                               "\u201cIndia firmly denied the allegations, calling them "
                               "\u201cabsurd\u201d\u201d")
    assert t.undated == 0
    assert all(i.kind == "claim" for i in t.items)


def test_claimant_lanes(india_canada):
    t = choose_timeline(india_canada, lanes="claimant")
    assert t.lanes == ("Devdiscourse news desk", "Diego Mendoza", "Government of India",
                       "Justin Trudeau", "analysts cited by Devdiscourse",
                       "author of the Hardnews article", "experts cited by Live Mint")
    assert [len(i.lanes) for i in t.items] == [1] * 14


def test_the_claim_filter_changes_what_is_drawn(india_canada):
    trudeau = choose_timeline(india_canada, claim_filter(india_canada,
                                                         according_to=["Justin Trudeau"]))
    assert [(i.date, i.lanes) for i in trudeau.items] == [
        ("2024-11", ("India", "Sikh separatists in Canada"))]
    early = choose_timeline(india_canada, claim_filter(india_canada, as_of="2023-12"))
    assert [i.date for i in early.items] == ["2023-09", "2023-09", "2023-09", "2023-09-26",
                                             "2023-09-26"]


def _overlap(a, b):
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("lanes", ["actor", "claimant"])
def test_no_text_overlaps_another(india_canada, lanes):
    fig = draw_timeline(choose_timeline(india_canada, lanes=lanes), "footnote")
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "figure"))
             if t.get_visible() and t.get_text().strip()]
    boxes = [t.get_window_extent(renderer) for t in texts]
    assert len(boxes) > 14 + 8  # the listed items, the lane labels and the markers' numbers
    for i, a in enumerate(boxes):
        assert a.x0 >= 0 and a.x1 <= fig.bbox.width and a.y0 >= 0, texts[i].get_text()
        for j in range(i + 1, len(boxes)):
            assert not _overlap(a, boxes[j]), (texts[i].get_text(), texts[j].get_text())


def test_render_timeline_from_the_cli(tmp_path, capsys):
    out = tmp_path / "timeline.png"
    assert main(["render", "--timeline", "-o", str(out), "--graph", str(INDIA_CANADA),
                 "--according-to", "Justin Trudeau"]) == 0
    assert capsys.readouterr().out == (f"wrote {out}: 1 dated item in 2 lanes, "
                                       "0 undated left out\n")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_graph_without_dates_says_so(tmp_path, capsys):
    G = actorgraph.load()
    t = choose_timeline(G)
    assert t.items == () and t.undated > 0
    with pytest.raises(ActorGraphError, match="nothing dated to draw") as raised:
        draw_timeline(t)
    assert not isinstance(raised.value, UsageError)  # the data lack dates: exit 1, not 2
    assert main(["render", "--timeline", "-o", str(tmp_path / "t.png")]) == 1
    assert "nothing dated to draw" in capsys.readouterr().err
    assert not (tmp_path / "t.png").exists()


def _ticks(fig):
    ax = fig.axes[0]
    fig.draw(FigureCanvasAgg(fig).get_renderer())
    return [t.get_text() for t in ax.get_xticklabels()], ax.xaxis.get_offset_text().get_text()


def test_the_first_month_tick_names_its_year(india_canada):
    # a new user's finding: across a new year the ticks read 'Sep, Nov, 2024, ...', and
    # which September the first was, no tick or offset said
    labels, offset = _ticks(draw_timeline(choose_timeline(india_canada)))
    assert (labels, offset) == (
        ["Sep 2023", "Nov", "2024", "Mar", "May", "Jul", "Sep", "Nov"], "")


def test_within_one_year_the_offset_names_it_and_the_ticks_stay_short(india_canada):
    from actorgraph.analyses.claims import claim_filter

    t = choose_timeline(india_canada, claim_filter(india_canada, as_of="2023-12"))
    labels, offset = _ticks(draw_timeline(t))
    assert offset == "2023-Oct" and labels[:3] == ["15", "22", "Sep"], labels


def test_dated_events_go_on_their_actors_lanes_and_undated_ones_are_counted(tmp_path):
    (tmp_path / "graph.yaml").write_text("""\
sources:
  - id: wire
    title: A wire report
    kind: article
    published: 2024-03-02
actors:
  - {id: a, name: Alpha, kind: state}
  - {id: b, name: Beta, kind: state}
events:
  - id: talks
    label: Alpha and Beta hold talks
    date: 2024-02
    actors: [a, b]
    claims:
      - {by: a, source: wire, quote: "the talks took place"}
  - id: later
    label: Something with no date
    claims:
      - {by: b, source: wire, quote: "something happened"}
""", encoding="utf-8")
    G = actorgraph.load(tmp_path)
    t = choose_timeline(G)
    assert [(i.date, i.kind, i.lanes, i.text) for i in t.items] == [
        ("2024-02", "event", ("Alpha", "Beta"), "event: Alpha and Beta hold talks")]
    assert t.undated == 1
    assert [i.lanes for i in choose_timeline(G, lanes="claimant").items] == [("Alpha",)]
    assert choose_timeline(G, claim_filter(G, as_of="2024-01")).items == ()
    assert choose_timeline(G, claim_filter(G, according_to=["b"])).items == ()


def test_an_events_effects_are_named_on_its_line_and_their_claims_dated():
    """Issue 15: the border clash advances the rift; its line says so, and the claims on
    that effect (the reporter's and the minister's denial) are dated by their source."""
    t = choose_timeline(actorgraph.load(DATA / "valid" / "effects", cache=False))
    assert (t.items[0].date, t.items[0].lanes, t.items[0].text) == (
        "2026-03", ("Northland",),
        "event: Border clash at the river; advances Rift between Northland and Southland")
    on_the_effect = [(i.lanes, i.text) for i in t.items if "clash" in i.text and
                     i.kind == "claim"]
    assert on_the_effect == [
        (("Northland",), "Southland's trade minister (denies), wire: \u201cThe clash at the "
                         "river had nothing to do with our decision.\u201d"),
        (("Northland",), "The reporter, wire: \u201cThe border clash set off the rift.\u201d")]
    assert t.undated == 0
