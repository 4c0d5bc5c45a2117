"""Analyses: functions that take the graph first, never print, read files or draw.

- `gains`: who gains from a rift, and on whose word.
- `balance`: structural balance and blocs.
- `perspectives`: the answer per claimant, source or affiliation; robustness.
- `diff`: what changed between two versions, and which answers changed.
- `quotes`: checking quotes against a source's text.
"""
