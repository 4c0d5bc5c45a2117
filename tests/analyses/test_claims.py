"""The claims layer: one filter, one answer to "which edges does this claimant support?"."""

from __future__ import annotations

import pytest

from actorgraph.analyses.balance import balance
from actorgraph.analyses.claims import ClaimFilter, ClaimView, claim_filter
from actorgraph.analyses.gains import who_gains
from actorgraph.analyses.perspectives import perspectives
from actorgraph.errors import UsageError
from actorgraph.present.render import select_map

from .test_gains import actor, claim, interest, relation, small_graph


@pytest.fixture
def asserted_and_denied(write_graph):
    """An alliance of a and b asserted by x (0.5) and denied by y (0.9); z is hostile to a,
    so the rift between a and b is z's gain by structural balance."""
    return small_graph(write_graph, [actor("x"), actor("y"), actor("z")], relations=[
        relation("a", "b", "alliance", claims=[claim("x", 0.5), claim("y", 0.9, "denies")]),
        relation("z", "a", "hostility", claims=[claim("x", 0.5)])])


def _alliance(G):
    [(u, v, k)] = [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
                   if d["type"] == "relation" and {u, v} == {"a", "b"}]
    return u, v, k


def _inferred_gainers(G, claims):
    report = who_gains(G, "a", "b", claims=claims, inferred=True)
    return [s.actor for s in report.inferred if s.verdict == "gains"]


def test_map_balance_and_gains_agree_on_what_x_supports(asserted_and_denied):
    G = asserted_and_denied
    u, v, k = _alliance(G)
    x = claim_filter(G, according_to=["x"])
    # balance sees the +1 tie x asserts
    ties = {frozenset((t.a, t.b)): t.sign for t in balance(G, claims=x).ties}
    assert ties[frozenset(("a", "b"))] == 1
    # gains reasons from the same tie: z gains, structurally, because a and b are allied
    assert _inferred_gainers(G, x) == ["z"]
    # and the map draws it as supported, not as "relation only denied"
    assert select_map(G, claims=x).supported[k] is True
    assert ClaimView(G, x).step(u, v, k, G.edges[u, v, k]).support == 0.5
    # all claims together: y's denial lowers the alliance to 0.5 x (1 - 0.9) and marks it
    # contested, alike for all three; it is not subtracted away
    everyone = ClaimFilter()
    step = ClaimView(G, everyone).step(u, v, k, G.edges[u, v, k])
    assert (round(step.support, 4), step.contested) == (0.05, True)
    assert frozenset(("a", "b")) in {frozenset((t.a, t.b))
                                     for t in balance(G, claims=everyone).ties}
    assert _inferred_gainers(G, everyone) == ["z"]
    assert select_map(G, claims=everyone).supported[k] is True
    # according to y alone, the alliance is only denied: no tie, no inference, drawn denied
    y = claim_filter(G, according_to=["y"])
    assert select_map(G, claims=y).supported[k] is False
    assert ClaimView(G, y).status(u, v, k, G.edges[u, v, k]) == "denied"
    assert frozenset(("a", "b")) not in {frozenset((t.a, t.b))
                                         for t in balance(G, claims=y).ties}
    assert _inferred_gainers(G, y) == []


def test_the_keyword_options_and_the_filter_object_give_one_answer(asserted_and_denied):
    G = asserted_and_denied
    by_keywords = who_gains(G, "a", "b", according_to=["x"])
    by_filter = who_gains(G, "a", "b", claims=claim_filter(G, according_to=["x"]))
    assert by_keywords.stakes == by_filter.stakes
    assert select_map(G, according_to=["x"]).graph.edges(keys=True) == \
        select_map(G, claims=claim_filter(G, according_to=["x"])).graph.edges(keys=True)
    with pytest.raises(UsageError, match="not both"):
        who_gains(G, "a", "b", claims=ClaimFilter(), according_to=["x"])


def test_a_claimant_stands_for_everyone_part_of_it(write_graph):
    G = small_graph(write_graph, [
        actor("ministry", kind="government", part_of=["a"]),
        actor("spokesman", kind="person", part_of=["ministry"]),
        actor("x", interest("rift-a-b", claims=[claim("spokesman", 0.6)])),
        actor("w", interest("rift-a-b", claims=[claim("c", 0.6)]))])
    assert who_gains(G, "a", "b", according_to=["a"]).gainers == ["x"]
    assert who_gains(G, "a", "b", according_to=["ministry"]).gainers == ["x"]
    assert who_gains(G, "a", "b", exclude=["a"]).gainers == ["w"]
    assert who_gains(G, "a", "b", according_to=["spokesman"]).gainers == ["x"]


def test_the_map_takes_as_of_like_the_analyses(write_graph):
    G = small_graph(write_graph, [actor("x"), actor("z")], relations=[
        relation("a", "b", "alliance", since="2025-03"), relation("z", "a", "war")])
    before = select_map(G, as_of="2024")
    assert {(u, v) for u, v, d in before.graph.edges(data=True) if d["type"] == "relation"} \
        == {("z", "a")}
    assert before.title.endswith("as of 2024-12-31")
    assert {frozenset((t.a, t.b)) for t in balance(G, as_of="2024").ties} == \
        {frozenset(("z", "a"))}


def test_perspectives_take_the_filter(curated):
    officials = claim_filter(curated, according_to=["russia"])
    p = perspectives(curated, "russia", "azerbaijan", claims=officials)
    assert set(p.columns) == {"all", "dmitry-masyuk", "dmitry-peskov", "maria-zakharova"}
    assert p.reports["all"].claims == officials


def test_bad_filter_values_name_the_parameter(curated):
    with pytest.raises(UsageError, match="min_confidence takes a number from 0 to 1"):
        claim_filter(curated, min_confidence=1.5)
    with pytest.raises(UsageError, match="as_of takes YYYY"):
        claim_filter(curated, as_of="last year")
    with pytest.raises(UsageError, match="a list of claimants"):
        claim_filter(curated, according_to="russia")
