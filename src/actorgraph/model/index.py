"""Lookup indexes over a graph, kept outside it.

An index (folded name -> node ids, actor pair -> rift outcomes) is built the first time it
is asked for and kept in a table keyed by the graph object itself (weakly: it goes when the
graph goes), together with the node set it was built from. So:

- nothing is written into ``G.graph``: asking a question never changes the graph;
- a subgraph view, or a copy, is another object with its own index: it never answers from
  its parent's;
- a graph (or view) whose node set changed since the index was built gets a new one.

Node attributes are assumed not to change after `build_graph` (they never do in
actorgraph); a caller that edits labels or records in place makes a new graph instead.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import networkx as nx

__all__ = ["graph_index"]

T = TypeVar("T")

_INDEXES: weakref.WeakKeyDictionary[nx.Graph, dict[Hashable, tuple[frozenset[Any], Any]]] = \
    weakref.WeakKeyDictionary()


def graph_index(G: nx.Graph, key: Hashable, build: Callable[[nx.Graph], T]) -> T:
    """The index `key` of `G`: ``build(G)``, computed once per graph object and node set.

    >>> G = nx.Graph([("a", "b")])
    >>> graph_index(G, "size", len), graph_index(G.subgraph(["a"]), "size", len)
    (2, 1)
    >>> G.add_node("c"); graph_index(G, "size", len)
    3
    """
    table = _INDEXES.setdefault(G, {})
    held = table.get(key)
    if held is not None and len(held[0]) == len(G) and held[0].issuperset(G):
        return held[1]  # type: ignore[no-any-return]
    value = build(G)
    table[key] = (frozenset(G), value)
    return value
