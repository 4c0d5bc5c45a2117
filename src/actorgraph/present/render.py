"""A map written to a file: `render_map` picks the page (an A4 map, or the 16:9 briefing
for a rift with stakes), draws it and saves it reproducibly.

The map itself is in parts: what to draw (`selection`), where (`layout`), the matplotlib
drawing (`drawing`, `briefing`); the look both the PNG and the HTML page share is `style`.
This module also keeps the names it had before the split importable from one place.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import UsageError, writing
from ..io.output import output_file
from .drawing import MAP_AXES, draw_interest_map
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
    SLIDE,
    STATUS_COLOR,
    STATUS_LEGEND,
)

__all__ = [
    "A4_LANDSCAPE",
    "ACTOR_FILL",
    "BLOC_FILL",
    "EDGE_LEGEND",
    "EDGE_STYLE",
    "GAIN_COLOR",
    "LOSS_COLOR",
    "MARKS",
    "MIXED_COLOR",
    "STATUS_COLOR",
    "STATUS_LEGEND",
    "MapSelection",
    "bloc_positions",
    "draw_interest_map",
    "edge_category",
    "footnote_for",
    "layout_positions",
    "map_file",
    "map_positions",
    "read_layout",
    "render_map",
    "select_bloc_map",
    "select_diff_map",
    "select_map",
    "write_layout",
]


def map_file(path: str | os.PathLike[str]) -> Path:
    """Check, before any drawing, that a map can be written at `path` (.png, .svg or .pdf;
    missing folders are created, as for every output: `actorgraph.io.output`)."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        raise UsageError(f"cannot render to '{suffix or path}': use a .png, .svg or .pdf name")
    return output_file(path)


def render_map(G: nx.MultiDiGraph, path: str | os.PathLike[str], *,
               layout: dict[str, tuple[float, float]] | None = None,
               date: str | None = None, progress: Callable[[str], None] | None = None,
               warn: Callable[[str], None] | None = None,
               selection: MapSelection | None = None, **select_options: Any) -> MapSelection:
    """Render the map to `path` (.png, .svg or .pdf by extension), reproducibly: an A4 map,
    or for a rift with stakes the 16:9 briefing (`briefing.draw_rift_briefing`).

    ``select_options`` go to `select_map`, unless a ready `selection` is given (for example
    from `select_diff_map`).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    suffix = map_file(path).suffix.lower()
    import matplotlib

    sel = selection or select_map(G, **select_options)
    briefing = sel.report is not None and sel.report.stakes
    fig = Figure(figsize=SLIDE if briefing else A4_LANDSCAPE, dpi=150)
    FigureCanvasAgg(fig)
    metadata: dict[str, Any] = {"png": {"Software": None}, "svg": {"Date": None},
                                "pdf": {"CreationDate": None, "ModDate": None}}[suffix[1:]]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if briefing:
            from .briefing import draw_rift_briefing

            draw_rift_briefing(G, fig=fig, selection=sel, layout=layout,
                               footnote=footnote_for(G, date), progress=progress, warn=warn)
        else:
            draw_interest_map(G, ax=fig.add_axes(MAP_AXES), selection=sel, layout=layout,
                              footnote=footnote_for(G, date), progress=progress, warn=warn)
        if progress:  # saving a big map takes seconds of its own: say so before it starts
            boxes = sum((p.get_gid() or "").startswith("node:")
                        for ax in fig.axes for p in ax.patches)
            progress(f"writing {boxes} boxes to {path}")
        with (matplotlib.rc_context({"svg.hashsalt": "actorgraph", "svg.fonttype": "none"}),
              writing(path)):
            fig.savefig(path, metadata=metadata)
    missing = sorted({f"{chr(int(m[1]))} (U+{int(m[1]):04X})" for w in caught
                      if (m := re.search(r"Glyph (\d+) .*missing", str(w.message)))})
    if missing:
        sel.warnings.append("no glyph in the font for " + ", ".join(missing) +
                            "; drawn as empty boxes")
    other = [str(w.message) for w in caught if "missing from font" not in str(w.message)]
    sel.warnings.extend(dict.fromkeys(other))
    return sel
