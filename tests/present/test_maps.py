"""`actorgraph.present.maps`: each map `render` draws, in one library call."""

from __future__ import annotations

import pytest

import actorgraph
from actorgraph.analyses.balance import structural_balance
from actorgraph.errors import UsageError
from actorgraph.present.html import html_map_data
from actorgraph.present.layout import read_layout
from actorgraph.present.maps import choose_map, default_layout

from ..conftest import DATA, GRAPH_DIR


def test_the_whole_map_holds_every_node_and_is_pinned_to_the_graphs_layout(curated):
    sel = choose_map(curated)
    assert set(sel.graph) == set(curated)
    assert default_layout(curated, whole=True) == read_layout(GRAPH_DIR / "layout.json")


def test_a_rift_map_marks_the_gainers_and_is_laid_out_on_its_own(curated):
    sel = choose_map(curated, rift=("Russia", "Azerbaijan"))
    assert sel.highlight["turkiye"] == "gains"
    assert {sel.highlight["russia"], sel.highlight["azerbaijan"]} == {"loses"}
    assert default_layout(curated, whole=False) is None


def test_a_focus_map_is_the_neighbourhood(curated):
    one = choose_map(curated, focus="turkiye", radius=1)
    two = choose_map(curated, focus="turkiye", radius=2)
    assert "turkiye" in one.graph
    assert set(one.graph) < set(two.graph) <= set(curated)


@pytest.mark.parametrize("split", ["weak", "strict"])
def test_a_bloc_map_fills_the_actors_by_the_blocs_of_balance(curated, split):
    blocs = getattr(structural_balance(curated), split).blocs
    sel = choose_map(curated, blocs=split)
    assert sorted(sorted(a for a, n in sel.blocs.items() if n == k)
                  for k in set(sel.blocs.values())) == sorted(sorted(b) for b in blocs)


def test_a_diff_map_of_a_graph_with_itself_marks_nothing(curated):
    assert choose_map(curated, since=curated).status == {}


def test_one_map_at_a_time(curated):
    with pytest.raises(UsageError, match="got rift and blocs"):
        choose_map(curated, rift=("russia", "azerbaijan"), blocs="weak")


def test_an_effect_onto_an_actor_is_drawn_like_any_effect():
    """Issue 15: the sanctions hurt the exporters (an effect onto an actor); the rift map
    draws that edge with the hinders mark, on the PNG's selection and the HTML page alike."""
    G = actorgraph.load(DATA / "valid" / "effects", cache=False)
    sel = choose_map(G, rift=("northland", "southland"))
    key = "effect:grain-sanctions->grain-exporters"
    assert sel.graph.has_edge("grain-sanctions", "grain-exporters", key)
    assert sel.category(key, sel.graph.edges["grain-sanctions", "grain-exporters", key]) == \
        "hinders"
    assert (sel.highlight["grain-exporters"], sel.highlight["eastland"]) == ("loses", "gains")
    edges = {e["id"]: e for e in html_map_data(G, sel)["edges"]}
    assert (edges[key]["category"], edges[key]["dashed"], edges[key]["text"]) == (
        "hinders", True, "Grain sanctions hinders Grain exporters")
    assert [c["by"] for c in edges[key]["claims"]] == ["reporter"]
