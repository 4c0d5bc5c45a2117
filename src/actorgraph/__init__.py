"""actorgraph: who gains from a rift between two actors, and on whose word.

Load a folder of curated YAML into a `networkx.MultiDiGraph` whose every assertion carries
the claims behind it (who said it, where, and the exact quote), then ask questions of it.

>>> import actorgraph
>>> G = actorgraph.load()          # the bundled graph, or $ACTORGRAPH_GRAPH
>>> actorgraph.resolve(G, "Turkey")
'turkiye'
"""

from .errors import ActorGraphError, GraphDataError, Problem, UnknownNameError, UsageError
from .graph import actors, build_graph, load, outcomes, resolve
from .loader import GraphRecords, Origin, default_graph_dir, load_records
from .quotes import QuoteMiss, check_quotes

__version__ = "0.1.0"

__all__ = [
    "ActorGraphError",
    "GraphDataError",
    "GraphRecords",
    "Origin",
    "Problem",
    "QuoteMiss",
    "UnknownNameError",
    "UsageError",
    "actors",
    "build_graph",
    "check_quotes",
    "default_graph_dir",
    "load",
    "load_records",
    "outcomes",
    "resolve",
]
