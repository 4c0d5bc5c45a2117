"""actorgraph: who gains from a rift between two actors, and on whose word.

Load a folder of curated YAML into a `networkx.MultiDiGraph` whose every assertion carries
the claims behind it (who said it, where, and the exact quote), then ask questions of it.

>>> import actorgraph
>>> G = actorgraph.load()          # the bundled graph, or $ACTORGRAPH_GRAPH
>>> actorgraph.resolve(G, "Turkey")
'turkiye'
>>> actorgraph.who_gains(G, "Russia", "Azerbaijan").losers
['azerbaijan', 'russia']

Names are imported on first use, so ``import actorgraph`` (and the command line's
``--help``) stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "ActorGraphError": "errors", "GraphDataError": "errors", "Problem": "errors",
    "UnknownNameError": "errors", "UsageError": "errors",
    "actors": "graph", "build_graph": "graph", "load": "graph", "outcomes": "graph",
    "resolve": "graph",
    "GraphRecords": "loader", "Origin": "loader", "default_graph_dir": "loader",
    "load_records": "loader",
    "QuoteMiss": "quotes", "check_quotes": "quotes",
    "RiftReport": "gains", "who_gains": "gains", "rift_reports": "gains",
    "GraphDiff": "diff", "diff_graphs": "diff",
    "draw_interest_map": "render", "render_map": "render",
    "BalanceReport": "balance", "Partition": "balance",
    "Perspectives": "perspectives", "robustness": "perspectives",
}
# `balance` and `perspectives` are both a module and its function: import the function from
# the module (``from actorgraph.balance import balance``), as a package attribute would clash.
_SUBMODULES = {"analysis_format", "balance", "cache", "cli", "diff", "diff_format", "errors",
               "export", "gains", "gitread", "graph", "html", "ids", "loader", "models",
               "perspectives", "present", "quotes", "render", "report", "schema", "yamlread"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'actorgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS, *_SUBMODULES})
