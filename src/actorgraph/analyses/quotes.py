"""Check that claims quote their source verbatim."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import networkx as nx

from ..errors import UnknownNameError
from ..io.loader import GraphRecords, Origin
from ..io.messages import nearest

__all__ = ["QuoteMiss", "check_quotes", "normalize_text"]

_TYPOGRAPHIC = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2026": "...", "\u00a0": " ",
})


def normalize_text(text: str) -> str:
    """Fold what differs between copies of one text: typographic quotes, dashes, spacing.

    >>> normalize_text("He’s  “close”\\n— to Putin…")
    'He\\'s "close" - to Putin...'
    """
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHIC)
    return re.sub(r"\s+", " ", text).strip()


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
