"""actorgraph: who gains from a rift between two actors, and on whose word.

Load a folder of curated YAML into a `networkx.MultiDiGraph` whose every assertion carries
the claims behind it (who said it, where, and the exact quote), then ask questions of it.

>>> import actorgraph
>>> G = actorgraph.load()          # $ACTORGRAPH_GRAPH, ./graph, or the bundled graph
>>> actorgraph.resolve(G, "Turkey")
'turkiye'
>>> actorgraph.who_gains(G, "Russia", "Azerbaijan").losers
['russia', 'azerbaijan']
>>> actorgraph.structural_balance(G).strict.frustration
0

Names are imported on first use, so ``import actorgraph`` (and the command line's
``--help``) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "ActorGraphError": "errors", "GraphDataError": "errors", "Problem": "errors",
    "UnknownNameError": "errors", "UsageError": "errors",
    "actors": "model.graph", "build_graph": "model.graph", "load": "model.graph",
    "load_versions": "model.graph", "outcomes": "model.graph", "resolve": "model.graph",
    "GraphRecords": "io.loader", "Origin": "io.loader", "default_graph_dir": "io.loader",
    "load_records": "io.loader",
    "ClaimFilter": "analyses.claims", "claim_filter": "analyses.claims",
    "QuoteMiss": "analyses.quotes", "check_quotes": "analyses.quotes",
    "RiftReport": "analyses.gains", "who_gains": "analyses.gains",
    "rift_reports": "analyses.gains",
    "GraphDiff": "analyses.diff", "diff_graphs": "analyses.diff",
    "BalanceReport": "analyses.balance", "Partition": "analyses.balance",
    "structural_balance": "analyses.balance",
    "Perspectives": "analyses.perspectives", "perspectives": "analyses.perspectives",
    "robustness": "analyses.perspectives",
    "MapSelection": "present.selection", "choose_map": "present.maps",
    "draw_interest_map": "present.drawing", "render_map": "present.render",
}
"""Each name ``actorgraph.<name>`` gives, and the module it comes from (imported on first
use). The block under ``TYPE_CHECKING`` below says the same to editors and type checkers;
a test keeps the two equal."""

if TYPE_CHECKING:
    from .analyses.balance import BalanceReport, Partition, structural_balance
    from .analyses.claims import ClaimFilter, claim_filter
    from .analyses.diff import GraphDiff, diff_graphs
    from .analyses.gains import RiftReport, rift_reports, who_gains
    from .analyses.perspectives import Perspectives, perspectives, robustness
    from .analyses.quotes import QuoteMiss, check_quotes
    from .errors import ActorGraphError, GraphDataError, Problem, UnknownNameError, UsageError
    from .io.loader import GraphRecords, Origin, default_graph_dir, load_records
    from .model.graph import actors, build_graph, load, load_versions, outcomes, resolve
    from .present.drawing import draw_interest_map
    from .present.maps import choose_map
    from .present.render import render_map
    from .present.selection import MapSelection

_SUBPACKAGES = {"analyses", "cli", "errors", "io", "model", "present"}

# Where the modules of version 0.1 (a flat package) live now. ``import actorgraph.gains``
# still works for one release, with a DeprecationWarning (see `_compat`).
MOVED = {
    "yamlread": "io.yamlread", "_messages": "io.messages", "loader": "io.loader",
    "gitread": "io.gitread", "cache": "io.cache", "schema": "io.schema",
    "models": "model.records", "ids": "model.ids", "graph": "model.graph",
    "gains": "analyses.gains", "balance": "analyses.balance",
    "perspectives": "analyses.perspectives", "diff": "analyses.diff",
    "quotes": "analyses.quotes", "present": "present.text", "report": "present.gains",
    "analysis_format": "present.analyses", "diff_format": "present.diff",
    "export": "present.export", "render": "present.render", "html": "present.html",
    "cli_analyses": "cli.commands_analyses",
}

__all__ = [
    "ActorGraphError", "BalanceReport", "ClaimFilter", "GraphDataError", "GraphDiff",
    "GraphRecords", "MapSelection", "Origin", "Partition", "Perspectives", "Problem",
    "QuoteMiss", "RiftReport", "UnknownNameError", "UsageError", "actors", "build_graph",
    "check_quotes", "choose_map", "claim_filter", "default_graph_dir", "diff_graphs",
    "draw_interest_map", "load", "load_records", "load_versions", "outcomes", "perspectives",
    "render_map", "resolve", "rift_reports", "robustness", "structural_balance", "who_gains",
]

from . import _compat  # noqa: E402  (installs the finder for the old module paths)

_compat.install(__name__, MOVED)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _SUBPACKAGES:
        return importlib.import_module(f".{name}", __name__)
    if name in MOVED:
        return importlib.import_module(f".{name}", __name__)  # through the finder: warns
    raise AttributeError(f"module 'actorgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS, *_SUBPACKAGES})
