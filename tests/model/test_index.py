"""Indexes live outside the graph: a view never answers from its parent's, and asking a
question never changes ``G.graph`` (issue 13.3)."""

from __future__ import annotations

import copy

import pytest

import actorgraph
from actorgraph.analyses.balance import balance
from actorgraph.analyses.perspectives import robustness
from actorgraph.errors import UnknownNameError
from actorgraph.model.graph import pair_outcomes
from actorgraph.model.kinds import GRAPH_ATTRIBUTES


def test_a_subgraph_view_does_not_answer_from_a_view_of_equal_size(curated):
    with_turkiye = curated.subgraph(["ukraine", "russia", "turkiye"])
    assert actorgraph.resolve(with_turkiye, "Turkey") == "turkiye"
    without = curated.subgraph(["ukraine", "russia", "azerbaijan"])
    with pytest.raises(UnknownNameError) as caught:
        actorgraph.resolve(without, "Turkey")
    assert str(caught.value) == "no actor called 'Turkey'"
    assert actorgraph.resolve(curated, "Turkey") == "turkiye"  # the parent still knows it


def test_a_view_does_not_see_rift_outcomes_it_does_not_hold(curated):
    assert pair_outcomes(curated, "russia", "azerbaijan") == [("rift-russia-azerbaijan", 1)]
    actors_only = curated.subgraph(actorgraph.actors(curated))
    assert pair_outcomes(actors_only, "russia", "azerbaijan") == []


def test_an_index_follows_a_change_of_the_node_set(write_graph):
    G = actorgraph.load(write_graph("""
        actors:
          - {id: a, name: Alpha, kind: state}
          - {id: b, name: Beta, kind: state}
    """), cache=False)
    assert actorgraph.resolve(G, "Beta") == "b"
    G.remove_node("b")
    G.add_node("c", **{**G.nodes["a"], "label": "Beta"})  # same size, other nodes
    assert actorgraph.resolve(G, "Beta") == "c"


@pytest.mark.parametrize("ask", [
    lambda G: actorgraph.who_gains(G, "Russia", "Azerbaijan"),
    lambda G: actorgraph.rift_reports(G),
    lambda G: balance(G, rift=("russia", "azerbaijan")),
    lambda G: robustness(G, actorgraph.who_gains(G, "russia", "azerbaijan")),
    lambda G: actorgraph.resolve(G, "Turkey"),
], ids=["who_gains", "rift_reports", "balance", "robustness", "resolve"])
def test_an_analysis_leaves_the_graph_as_it_was(ask):
    G = actorgraph.load()
    graph_before = {k: copy.copy(v) for k, v in G.graph.items()}
    nodes_before = {n: dict(d) for n, d in G.nodes(data=True)}
    edges_before = {k: dict(d) for *_, k, d in G.edges(keys=True, data=True)}
    ask(G)
    assert tuple(G.graph) == GRAPH_ATTRIBUTES
    assert G.graph == graph_before
    assert {n: dict(d) for n, d in G.nodes(data=True)} == nodes_before
    assert {k: dict(d) for *_, k, d in G.edges(keys=True, data=True)} == edges_before
