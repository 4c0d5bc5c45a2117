"""The kinds of node and edge in the graph, and every attribute the graph carries.

`build_graph` (in `actorgraph.model.graph`) makes a `networkx.MultiDiGraph`; this module
is the one place its shape is written down. Compare a node's or an edge's ``type`` with
these constants, never with a bare string:

>>> import actorgraph
>>> from actorgraph.model.kinds import ACTOR, RELATION
>>> G = actorgraph.load()
>>> G.nodes["turkiye"]["type"] == ACTOR
True
>>> sum(1 for *_, t in G.edges(data="type") if t == RELATION) > 0
True

Node attributes (every node)
    ``type``    `NodeType`: ``ACTOR`` or ``OUTCOME``
    ``record``  the pydantic record (`Actor` or `Outcome`, `actorgraph.model.records`)
    ``label``   the name shown to a reader (an actor's ``name``, an outcome's ``label``)
    ``kind``    the record's ``kind`` ("state", "bloc", ... for actors; "rift", ... for
                outcomes)
    ``origin``  `Origin`: file:line:column of the record

Edge attributes (every edge; the key is the edge's stable id, `actorgraph.model.ids`)
    ``type``    `EdgeType`, with direction and sign:

                ========== ================== ==========================================
                type       direction          sign
                ========== ================== ==========================================
                INTEREST   actor -> outcome   +1 wants, -1 opposes
                EFFECT     outcome -> outcome +1 advances, -1 hinders
                           or actor           (onto an actor: benefits, harms it)
                RELATION   actor -> actor     +1 friendly kinds, -1 hostile
                MEMBER_OF  actor -> actor     0 (structure, not a claim)
                INFLUENCE  actor -> actor     0 (who can act on whom, not friend or foe)
                INDIFFERENT actor -> outcome  0 (an interest with stance ``indifferent``)
                ========== ================== ==========================================
    ``sign``    int, as in the table
    ``claims``  tuple of `Claim`: who said it, where, when, the quote (empty for MEMBER_OF)
    ``record``  the pydantic record (None for MEMBER_OF)
    ``origin``  `Origin` of the record (of the member actor for MEMBER_OF)
    RELATION edges also have ``kind`` (alliance, rivalry, ...), ``domain`` (one of
    `RELATION_DOMAINS`) and ``directed`` (False for a ``between:`` relation, stored once from
    its first actor to its second).
    INTEREST edges also have ``degree`` (1-3, MACTOR's valued position; None when not
    given); INDIFFERENT edges have ``degree`` 0. INFLUENCE edges (relations of kind
    ``influences``) have ``kind``, ``domain``, ``directed`` (True) and ``intensity`` (0-3);
    `balance` and `gains` read RELATION edges only, so an influence tie never counts as
    friend or foe.

Graph attributes (``G.graph``), all set by `build_graph` and read-only afterwards
    ``root``      str: the folder (or git revision) the graph was read from
    ``records``   `GraphRecords`: every checked record, with ``claims`` and ``origins``
    ``sources``   dict: source id -> `Source`
    ``events``    dict: event id -> `Event`; an event's ``effects`` (onto outcomes or
                  actors) are not edges, since events are not nodes: they are in
                  ``records.effects`` (keyed by effect id, starting from the event's id)
    ``warnings``  list of `Problem`: what the load noticed but did not refuse

No analysis adds to ``G.graph``: indexes that speed up lookups are kept outside the graph
(see `actorgraph.model.index`), so a subgraph view never answers from its parent's index.
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = [
    "ACTOR", "EDGE_TYPES", "EFFECT", "GRAPH_ATTRIBUTES", "INDIFFERENT", "INFLUENCE", "INTEREST",
    "MEMBER_OF", "NODE_TYPES",
    "OUTCOME", "RAPPROCHEMENT", "RELATION", "RELATION_DOMAINS", "RIFT", "EdgeType", "NodeType",
]

NodeType = Literal["actor", "outcome"]
EdgeType = Literal["interest", "effect", "relation", "member_of", "influence", "indifferent"]

ACTOR: Final = "actor"
OUTCOME: Final = "outcome"
NODE_TYPES: Final[tuple[NodeType, ...]] = (ACTOR, OUTCOME)

INTEREST: Final = "interest"
EFFECT: Final = "effect"
RELATION: Final = "relation"
MEMBER_OF: Final = "member_of"
INFLUENCE: Final = "influence"
INDIFFERENT: Final = "indifferent"
EDGE_TYPES: Final[tuple[EdgeType, ...]] = (INTEREST, EFFECT, RELATION, MEMBER_OF, INFLUENCE,
                                           INDIFFERENT)

RELATION_DOMAINS: Final = ("security", "diplomatic", "economic", "other")
"""What a relation is about, in the order `balance` ranks them when a pair's ties of different
domains disagree in sign (`actorgraph.analyses.ties`). Contradictions are checked within one
domain: a security partnership and trade sanctions between one pair stand together."""

# The two outcome kinds that name a change between two actors (``between:`` holds them).
RIFT: Final = "rift"
RAPPROCHEMENT: Final = "rapprochement"

GRAPH_ATTRIBUTES: Final = ("root", "records", "sources", "events", "warnings")
