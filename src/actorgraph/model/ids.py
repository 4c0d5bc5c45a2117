"""Derived ids for records the curator does not name: interests, effects, relations, claims.

They depend only on what the record *is*, never on its place in a file, so reordering a
list or moving a record to another file changes nothing, and two versions line up in a diff.

>>> from actorgraph.model.records import Claim
>>> interest_id("ukraine", "rift-russia-azerbaijan")
'interest:ukraine->rift-russia-azerbaijan'
>>> claim_id("interest:a->b", Claim(by="c", source="s", quote="q"))
'interest:a->b|s|c|22ea1c64'
"""

from __future__ import annotations

import hashlib

from .records import Claim, Relation

__all__ = ["claim_id", "effect_id", "interest_id", "membership_id", "quote_digest",
           "relation_id"]


def _at(since: str | None) -> str:
    return f"@{since}" if since else ""


def interest_id(actor: str, outcome: str, since: str | None = None) -> str:
    return f"interest:{actor}->{outcome}{_at(since)}"


def effect_id(source_outcome: str, target_outcome: str) -> str:
    return f"effect:{source_outcome}->{target_outcome}"


def relation_id(relation: Relation) -> str:
    """``relation:a~b:kind@since`` (``->`` when directed); a tie of a domain other than
    ``other`` names it (``relation:a~b:security/partnership``), so one pair's ties of one
    kind in two domains are two records, and the ids of ties without a domain never change.

    >>> relation_id(Relation(between=["b", "a"], kind="sanctions", domain="economic",
    ...                      since="2022", claims=[Claim(by="a", source="s", quote="q")]))
    'relation:a~b:economic/sanctions@2022'
    """
    a, b = relation.ends
    kind = relation.kind if relation.domain == "other" else f"{relation.domain}/{relation.kind}"
    if relation.kind == "influences":
        # the intensity is part of what is claimed: two claimants who give different
        # intensities curate two records, and both stand
        return f"relation:{a}->{b}:{kind}={relation.intensity}{_at(relation.since)}"
    if relation.directed:
        return f"relation:{a}->{b}:{kind}{_at(relation.since)}"
    a, b = sorted((a, b))
    return f"relation:{a}~{b}:{kind}{_at(relation.since)}"


def membership_id(member: str, container: str) -> str:
    return f"member:{member}->{container}"


def quote_digest(quote: str) -> str:
    """The short hash of a quote a claim id ends with (blind to how it is spaced)."""
    return hashlib.sha1(" ".join(quote.split()).encode()).hexdigest()[:8]


def claim_id(about: str, claim: Claim, digest: str | None = None) -> str:
    """``<assertion>|<source>|<claimant>|<hash of the quote>``; `digest` is the quote's
    `quote_digest` when already known."""
    return f"{about}|{claim.source}|{claim.by}|{digest or quote_digest(claim.quote)}"
