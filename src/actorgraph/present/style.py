"""The look shared by the PNG map and the HTML page: page size, fills, line styles, marks and
the legend's words. Plain data, no matplotlib."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

A4_LANDSCAPE = (11.69, 8.27)
"""Figure size in inches."""

OKABE_ITO = {"orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00",
             "reddish purple": "#CC79A7", "black": "#000000"}
"""The colour-blind safe palette (Okabe & Ito 2008) every line and mark is drawn from."""
ACTOR_FILL = {"state": "#cce6f7", "government": "#8fc3e6", "faction": "#f6c7a8",
              "bloc": "#ebc9de", "organization": "#bde6d8", "person": "#fbf3b0",
              "group": "#d9d9d9", "unidentified": "#f4f4f4"}
"""Pale tints of the palette, told apart by lightness as well as hue (a government is a
darker tint of its state's blue); an unidentified actor also has a dashed border."""
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "wants": {"color": "#009E73", "linestyle": "-", "arrowstyle": "-|>", "lw": 1.4},
    "opposes": {"color": "#D55E00", "linestyle": "--", "arrowstyle": "-|>", "lw": 1.4},
    "advances": {"color": "#404040", "linestyle": "-", "arrowstyle": "-|>", "lw": 1.0},
    "hinders": {"color": "#404040", "linestyle": ":", "arrowstyle": "-[", "lw": 1.4},
    "friendly": {"color": "#0072B2", "linestyle": "-", "arrowstyle": "-", "lw": 2.2},
    "hostile": {"color": "#E69F00", "linestyle": "-.", "arrowstyle": "-", "lw": 2.2},
    "denied": {"color": "#CC79A7", "linestyle": ":", "arrowstyle": "-", "lw": 1.6},
    "member of": {"color": "#a8a8a8", "linestyle": "-", "arrowstyle": "->", "lw": 0.7},
    "influences": {"color": "#56B4E9", "linestyle": "--", "arrowstyle": "-|>", "lw": 1.2},
    "indifferent": {"color": "#a8a8a8", "linestyle": "--", "arrowstyle": "-", "lw": 0.9},
}
"""Line per edge category: no two share both colour and dash pattern (or width)."""
EDGE_LEGEND = {"wants": "wants (interest)", "opposes": "opposes (interest)",
               "advances": "advances (effect)", "hinders": "hinders (effect)",
               "friendly": "allied / friendly (relation)", "hostile": "hostile (relation)",
               "denied": "relation only denied", "member of": "member of / part of",
               "influences": "can influence (0-3)", "indifferent": "indifferent (position 0)"}
GAIN_COLOR, LOSS_COLOR, MIXED_COLOR = "#009E73", "#D55E00", "#E69F00"
STATUS_COLOR = {"added": GAIN_COLOR, "removed": LOSS_COLOR, "changed": MIXED_COLOR,
                "against": "#CC79A7"}
STATUS_LEGEND = {"added": "added in this diff", "removed": "removed in this diff",
                 "changed": "changed in this diff", "against": "tie against the blocs"}
"""Edge halos (a diff status, or a tie against the blocs of a balance map): the legend's
words, and the HTML page's note on a clicked edge."""
BLOC_FILL = ("#9fd3f3", "#f3c65f", "#7fd6bb", "#f6ef8a", "#e3aacb", "#8db9dc", "#f0a67a",
             "#d0d0d0")
"""Fills of the blocs of a balance map, bloc 1 first (cycled past eight): mid tints of the
palette, dark enough to tell apart, light enough for black text."""
MARKS: dict[str, tuple[str, str]] = {
    "gains": (GAIN_COLOR, "gains from the rift"), "mixed": (MIXED_COLOR, "mixed"),
    "loses": (LOSS_COLOR, "loses from the rift"), "focus": ("#000000", "in focus"),
    "added": (GAIN_COLOR, "record added"), "removed": (LOSS_COLOR, "record removed"),
    "changed": (MIXED_COLOR, "record changed"),
}
"""Node highlights (a verdict, the focus, or a diff status): border colour, legend text."""
@dataclass(frozen=True)
class PageStyle:
    """Type sizes (points) and where the legend goes, for one kind of page."""

    base_font: float = 8.5
    """labels in the boxes, before the map is shrunk to fit"""
    title_size: float = 13.0
    note_size: float = 7.0
    legend: tuple[tuple[str, Any], ...] = (
        ("loc", "upper left"), ("bbox_to_anchor", (0.775, 0.92)), ("fontsize", 7.5),
        ("title_fontsize", 8.5), ("ncols", 1))
    """keyword arguments of the figure's legend"""


A4_PAGE = PageStyle()
"""The A4 map: the legend in the right-hand column."""
SLIDE = (13.333, 7.5)
"""A 16:9 slide, in inches."""
BRIEFING_PAGE = PageStyle(base_font=10.0, title_size=17.0, note_size=8.0, legend=(
    ("loc", "upper left"), ("bbox_to_anchor", (0.64, 0.30)), ("fontsize", 8.0),
    ("title_fontsize", 8.5), ("ncols", 2)))
"""The rift briefing on a 16:9 slide: larger type, the legend under the ranked panel."""
BASE_FONT = A4_PAGE.base_font
MIN_READABLE_FONT = 5.0
MAP_AXES = (0.02, 0.09, 0.74, 0.83)
"""Where the map sits on the page (figure fractions); the legend takes the right column."""
