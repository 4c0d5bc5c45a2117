"""The maps a reader can ask for, each in one call: what `actorgraph render` draws.

>>> import actorgraph
>>> G = actorgraph.load()
>>> sel = choose_map(G, rift=("Russia", "Azerbaijan"))
>>> sel.highlight["turkiye"], len(default_layout(G, whole=True)) > 0
('gains', True)

Then `actorgraph.present.render.render_map` draws a selection to a PNG, SVG or PDF and
`actorgraph.present.html.write_html_map` writes it as an interactive page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import networkx as nx

from ..errors import UsageError
from .layout import read_layout
from .selection import MapSelection, select_bloc_map, select_diff_map, select_map

__all__ = ["choose_map", "default_layout"]

Positions = dict[str, tuple[float, float]]


def choose_map(G: nx.MultiDiGraph, *, rift: tuple[str, str] | None = None,
               focus: str | None = None, radius: int = 1,
               blocs: Literal["weak", "strict"] | None = None,
               since: nx.MultiDiGraph | None = None, claims: Any = None) -> MapSelection:
    """What one map shows, by what the reader asks for (at most one of these):

    - nothing: the whole graph;
    - `rift` (two actors): the rift with every stakeholder, by verdict;
    - `focus` (an actor or outcome): its neighbourhood, `radius` steps out;
    - `blocs` ("weak": any number of blocs, "strict": at most two): the actors filled by the
      blocs of `actorgraph.analyses.balance.balance`, with the ties against them marked;
    - `since` (an older version of `G`): the union of both, with what changed marked.

    `claims` (a `actorgraph.analyses.claims.ClaimFilter`) decides which claims count, as in
    the analyses.
    """
    asked = [name for name, value in (("rift", rift), ("focus", focus), ("blocs", blocs),
                                      ("since", since)) if value is not None]
    if len(asked) > 1:
        raise UsageError("a map shows one of rift, focus, blocs or since; got "
                         + " and ".join(asked))
    if blocs is not None:
        from ..analyses.balance import structural_balance

        if blocs not in ("weak", "strict"):
            raise UsageError(f"blocs is 'weak' or 'strict', not {blocs!r}")
        return select_bloc_map(G, structural_balance(G, claims=claims), weak=blocs == "weak")
    if since is not None:
        from ..analyses.diff import diff_graphs

        return select_diff_map(since, G, diff_graphs(since, G))
    options: dict[str, Any] = {"claims": claims}
    if rift is not None:
        options["rift"] = tuple(rift)
    if focus is not None:
        options.update(focus=focus, radius=radius)
    return select_map(G, **options)


def default_layout(G: nx.MultiDiGraph, *, whole: bool) -> Positions | None:
    """The positions a map is pinned to when none are given: for a `whole` map (all of the
    graph, or the diff of two versions) the graph folder's own ``layout.json``, the view
    compared across versions; None for a part (a rift, a neighbourhood, blocs), which reads
    better laid out on its own."""
    path = Path(G.graph["root"]) / "layout.json"
    return read_layout(path) if whole and path.is_file() else None
