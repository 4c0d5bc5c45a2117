"""Analyses: functions that take the graph first, never print, read files or draw.

- `claims`: which claims count (`ClaimFilter`, one for every analysis and the map) and the
  support of one assertion.
- `evidence`: the evidence model: voices, and a verdict's support (the chance that at least
  one chain of claims for it holds), exact or estimated; ICD 203 words.
- `gains`: who gains from a rift, and on whose word, ranked by support; `routes` holds a
  route of evidence, `inferred` what the tool infers (bloc membership, structural balance),
  kept apart; `causes` the accounts of what caused the rift.
- `balance`: structural balance and blocs.
- `perspectives`: the answer per claimant, source or affiliation; robustness.
- `diff`: what changed between two versions, and which answers changed.
- `quotes`: checking quotes against a source's text.
"""
