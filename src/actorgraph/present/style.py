"""The look shared by the PNG map and the HTML page: page size, fills, line styles, marks and
the legend's words. Plain data, no matplotlib."""

from __future__ import annotations

from typing import Any

A4_LANDSCAPE = (11.69, 8.27)
"""Figure size in inches."""

ACTOR_FILL = {"state": "#dbe9f6", "government": "#e2e4f3", "faction": "#fde3c4",
              "bloc": "#e6dcf2", "organization": "#d6efe9", "person": "#f8dbe6",
              "group": "#e6f2d5", "unidentified": "#ececec"}
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "wants": {"color": "#2e7d32", "linestyle": "-", "arrowstyle": "-|>", "lw": 1.3},
    "opposes": {"color": "#c62828", "linestyle": "--", "arrowstyle": "-|>", "lw": 1.3},
    "advances": {"color": "#37474f", "linestyle": "-", "arrowstyle": "-|>", "lw": 1.1},
    "hinders": {"color": "#37474f", "linestyle": ":", "arrowstyle": "-[", "lw": 1.4},
    "friendly": {"color": "#1565c0", "linestyle": "-", "arrowstyle": "-", "lw": 1.6},
    "hostile": {"color": "#ef6c00", "linestyle": "-.", "arrowstyle": "-", "lw": 1.6},
    "denied": {"color": "#9e9e9e", "linestyle": ":", "arrowstyle": "-", "lw": 1.0},
    "member of": {"color": "#b0b0b0", "linestyle": ":", "arrowstyle": "-|>", "lw": 0.8},
}
EDGE_LEGEND = {"wants": "wants (interest)", "opposes": "opposes (interest)",
               "advances": "advances (effect)", "hinders": "hinders (effect)",
               "friendly": "allied / friendly (relation)", "hostile": "hostile (relation)",
               "denied": "relation only denied", "member of": "member of / part of"}
GAIN_COLOR, LOSS_COLOR, MIXED_COLOR = "#1b8a3a", "#c0392b", "#b7950b"
STATUS_COLOR = {"added": GAIN_COLOR, "removed": LOSS_COLOR, "changed": MIXED_COLOR,
                "against": "#d81b60"}
STATUS_LEGEND = {"added": "added in this diff", "removed": "removed in this diff",
                 "changed": "changed in this diff", "against": "tie against the blocs"}
"""Edge halos (a diff status, or a tie against the blocs of a balance map): the legend's
words, and the HTML page's note on a clicked edge."""
BLOC_FILL = ("#8ecae6", "#ffb703", "#b5e48c", "#f4a6c6", "#cdb4db", "#ffd6a5", "#a0c4ff",
             "#d9d9d9")
"""Fills of the blocs of a balance map, bloc 1 first (cycled past eight)."""
MARKS: dict[str, tuple[str, str]] = {
    "gains": (GAIN_COLOR, "gains from the rift"), "mixed": (MIXED_COLOR, "mixed"),
    "loses": (LOSS_COLOR, "loses from the rift"), "focus": ("#000000", "in focus"),
    "added": (GAIN_COLOR, "record added"), "removed": (LOSS_COLOR, "record removed"),
    "changed": (MIXED_COLOR, "record changed"),
}
"""Node highlights (a verdict, the focus, or a diff status): border colour, legend text."""
BASE_FONT = 8.5
MIN_READABLE_FONT = 5.0
MAP_AXES = (0.02, 0.09, 0.74, 0.83)
"""Where the map sits on the page (figure fractions); the legend takes the right column."""
