"""The interest map, in three parts: what to draw (`selection`), where (`layout`), and the
matplotlib drawing (`drawing`); the look both the PNG and the HTML page share is `style`.

This module keeps the names it had before the split importable from one place.
"""

from __future__ import annotations

from .drawing import draw_interest_map, render_map
from .layout import bloc_positions, layout_positions, map_positions, read_layout, write_layout
from .selection import (
    MapSelection,
    edge_category,
    footnote_for,
    select_bloc_map,
    select_diff_map,
    select_map,
)
from .style import (
    A4_LANDSCAPE,
    ACTOR_FILL,
    BLOC_FILL,
    EDGE_LEGEND,
    EDGE_STYLE,
    GAIN_COLOR,
    LOSS_COLOR,
    MARKS,
    MIXED_COLOR,
    STATUS_COLOR,
    STATUS_LEGEND,
)

__all__ = [
    "A4_LANDSCAPE", "ACTOR_FILL", "BLOC_FILL", "EDGE_LEGEND", "EDGE_STYLE", "GAIN_COLOR",
    "LOSS_COLOR", "MARKS", "MIXED_COLOR", "STATUS_COLOR", "STATUS_LEGEND", "MapSelection",
    "bloc_positions", "draw_interest_map", "edge_category", "footnote_for", "layout_positions",
    "map_positions", "read_layout", "render_map", "select_bloc_map", "select_diff_map",
    "select_map", "write_layout",
]
