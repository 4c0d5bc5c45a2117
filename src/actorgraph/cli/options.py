"""The claim-filter options, defined once for every command that filters claims.

gains, rifts, perspectives, balance, coalitions and render take the same options with the
same help; `claim_filter_from` turns them into the one `actorgraph.analyses.claims.ClaimFilter`
the library takes, checking each value and naming the flag when one is wrong.
"""

from __future__ import annotations

import argparse
from typing import Any

HELP = {
    "according_to": "only claims by this claimant (an actor's id, name or alias, with "
                    "everyone part of it) or in this source (repeatable)",
    "exclude": "leave out claims by this claimant (and everyone part of it) or in this "
               "source (repeatable)",
    "as_of": "records valid on DATE (YYYY, YYYY-MM, YYYY-MM-DD or today); leaves out claims "
             "from sources published later",
    "min_confidence": "leave out claims with confidence below X (0..1)",
    "voices": "what counts as one independent voice: each claimant, each claimant's "
              "organisation (default: colleagues of one ministry are one voice), or each source",
}


def add_claim_options(p: argparse.ArgumentParser) -> None:
    """--according-to, --exclude-claimant, --as-of, --min-confidence and --voices."""
    p.add_argument("--according-to", action="append", default=[], metavar="CLAIMANT",
                   help=HELP["according_to"])
    p.add_argument("--exclude-claimant", action="append", default=[], metavar="CLAIMANT",
                   help=HELP["exclude"])
    p.add_argument("--as-of", metavar="DATE", help=HELP["as_of"])
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help=HELP["min_confidence"])
    p.add_argument("--voices", choices=["claimant", "organisation", "source"],
                   default="organisation", help=HELP["voices"])


def claim_filter_from(G: Any, args: argparse.Namespace) -> Any:
    """The `ClaimFilter` the options ask for; a bad value is a usage error naming its flag."""
    from ..analyses.claims import as_of_date, claim_filter
    from ..errors import UsageError

    if not 0.0 <= args.min_confidence <= 1.0:
        raise UsageError(f"--min-confidence takes a number from 0 to 1, got {args.min_confidence}")
    try:
        as_of = as_of_date(args.as_of)
    except UsageError:
        raise UsageError(f"--as-of takes YYYY, YYYY-MM, YYYY-MM-DD or 'today', got "
                         f"{args.as_of!r}") from None
    return claim_filter(G, according_to=args.according_to, exclude=args.exclude_claimant,
                        min_confidence=args.min_confidence, as_of=as_of, voices=args.voices)
