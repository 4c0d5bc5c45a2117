"""Check that claims quote their source verbatim."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..errors import UnknownNameError
from ..io.loader import GraphRecords, Origin
from ..io.messages import nearest
from ..io.sourcetext import normalize_text

__all__ = ["QuoteMiss", "check_quotes", "normalize_text"]


@dataclass(frozen=True)
class QuoteMiss:
    """A claim whose quote does not occur in the source's text."""

    claim_id: str
    claimant: str
    quote: str
    origin: Origin


def check_quotes(G: nx.MultiDiGraph, source: str, text: str) -> list[QuoteMiss]:
    """Every claim citing `source` whose quote is not in `text`, in file order."""
    records: GraphRecords = G.graph["records"]
    if source not in records.sources:
        raise UnknownNameError("source", source, nearest(source, records.sources))
    haystack = normalize_text(text)
    misses = [QuoteMiss(cid, claim.by, claim.quote, records.origins[cid])
              for cid, (_, claim) in records.claims.items()
              if claim.source == source and normalize_text(claim.quote) not in haystack]
    return sorted(misses, key=lambda m: (m.origin.file, m.origin.line))
