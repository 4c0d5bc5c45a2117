"""render --timeline: what goes on it (india-canada's dated sources), the filter, the picture."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import actorgraph
from actorgraph.analyses.claims import claim_filter
from actorgraph.cli import main
from actorgraph.errors import UsageError
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
    with pytest.raises(UsageError, match="nothing dated to draw"):
        draw_timeline(t)
    assert main(["render", "--timeline", "-o", str(tmp_path / "t.png")]) == 2
    assert "nothing dated to draw" in capsys.readouterr().err
    assert not (tmp_path / "t.png").exists()
