"""The graph's shape as `actorgraph.model.kinds` documents it: kinds, attributes, G.graph."""

from __future__ import annotations

import networkx as nx

from actorgraph.model import kinds

NODE_ATTRIBUTES = {"type", "record", "label", "kind", "origin"}
EDGE_ATTRIBUTES = {"type", "sign", "claims", "record", "origin"}
SIGNS = {kinds.INTEREST: {1, -1}, kinds.EFFECT: {1, -1}, kinds.RELATION: {1, -1},
         kinds.MEMBER_OF: {0}, kinds.INFLUENCE: {0}, kinds.INDIFFERENT: {0}}
EXTRA = {kinds.RELATION: {"kind", "domain", "directed"},
         kinds.INFLUENCE: {"kind", "domain", "directed", "intensity"},
         kinds.INTEREST: {"degree"}, kinds.INDIFFERENT: {"degree"}}


def test_every_node_has_a_documented_kind_and_exactly_the_documented_attributes(curated):
    seen = set()
    for node, data in curated.nodes(data=True):
        assert data["type"] in kinds.NODE_TYPES, node
        assert set(data) == NODE_ATTRIBUTES, node
        seen.add(data["type"])
    assert seen == set(kinds.NODE_TYPES)


def _check_edges(G: nx.MultiDiGraph) -> set[str]:
    seen = set()
    for u, v, key, data in G.edges(keys=True, data=True):
        t = data["type"]
        seen.add(t)
        assert t in kinds.EDGE_TYPES, key
        assert data["sign"] in SIGNS[t], key
        assert set(data) == EDGE_ATTRIBUTES | EXTRA.get(t, set()), key
        want = (kinds.OUTCOME, kinds.OUTCOME) if t == kinds.EFFECT else \
            (kinds.ACTOR, kinds.OUTCOME) if t in (kinds.INTEREST, kinds.INDIFFERENT) else \
            (kinds.ACTOR, kinds.ACTOR)
        assert (G.nodes[u]["type"], G.nodes[v]["type"]) == want, key
        assert (data["claims"] == ()) == (t == kinds.MEMBER_OF), key
    return seen


def test_every_edge_has_a_documented_kind_direction_sign_and_attributes(curated: nx.MultiDiGraph):
    import actorgraph

    from ..conftest import DATA

    # the seed says of no actor that it is indifferent; MACTOR's demo case says it of many
    seen = _check_edges(curated)
    seen |= _check_edges(actorgraph.load(DATA / "valid" / "mactor-aeroport-paris", cache=False))
    assert seen == set(kinds.EDGE_TYPES)


def test_graph_attributes_are_exactly_the_documented_ones(curated):
    assert tuple(curated.graph) == kinds.GRAPH_ATTRIBUTES


def test_rift_kinds_are_outcome_kinds_of_the_records():
    from typing import get_args

    from actorgraph.model.records import Outcome

    outcome_kinds = set(get_args(Outcome.model_fields["kind"].annotation))
    assert {kinds.RIFT, kinds.RAPPROCHEMENT} <= outcome_kinds
