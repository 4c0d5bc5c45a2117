"""Draw a map with matplotlib: deterministic, readable at A4, with a legend.

matplotlib is imported inside the drawing functions only, so importing this module (and
running the CLI's other commands) stays fast. Each node is a box around its label (actors
rounded and bold, coloured by kind; outcomes square and italic); everything is measured in
inches on an A4 page and scaled down uniformly when the map is larger, which keeps boxes
apart. What to draw comes from `selection.py`, where from `layout.py`.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..model.kinds import ACTOR, RELATION
from .boxes import Edges
from .layout import Ticker, _place_bloc_boxes, _place_boxes, map_positions
from .selection import MapSelection, left_out_note, select_map
from .style import (
    A4_LANDSCAPE,
    A4_PAGE,
    ACTOR_FILL,
    BASE_FONT,
    BLOC_FILL,
    EDGE_LEGEND,
    EDGE_STYLE,
    MAP_AXES,
    MARKS,
    MIN_READABLE_FONT,
    STATUS_COLOR,
    STATUS_LEGEND,
    PageStyle,
)
from .words import count

__all__ = ["draw_interest_map", "place_nodes"]


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=True)) or text


def _label(H: nx.MultiDiGraph, node: str, sel: MapSelection) -> str:
    data = H.nodes[node]
    text = _wrap(str(data["label"]), 18 if data["type"] == ACTOR else 24)
    if node in sel.scores:
        text += f"\n{sel.scores[node]:.2f}"
    return text



def _clip(centre: tuple[float, float], towards: tuple[float, float],
          size: tuple[float, float]) -> tuple[float, float]:
    """Where the line from `centre` to `towards` leaves the box of `size` around `centre`."""
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    if dx == 0 and dy == 0:
        return centre
    tx = (size[0] / 2) / abs(dx) if dx else math.inf
    ty = (size[1] / 2) / abs(dy) if dy else math.inf
    t = min(tx, ty, 1.0)
    return centre[0] + dx * t, centre[1] + dy * t


MPL_HEADS = {"-[": "-[, widthB=0.55, lengthB=0"}
"""matplotlib's spelling of a head where it differs from the style's: ``hinders`` ends in a
flat bar (the inhibition mark, ⊣), not the bracket matplotlib draws for ``-[``."""


def _just_before(start: tuple[float, float], end: tuple[float, float],
                 bow: str) -> tuple[float, float]:
    """A point a hair before `end` on the edge drawn from `start` with the ``arc3`` `bow`
    (the map's aspect is equal, so the bow's control point can be found in data units): the
    segment from it to `end` points the way the edge arrives."""
    rad = float(bow.split("=")[1])
    dx, dy = end[0] - start[0], end[1] - start[1]
    cx, cy = (start[0] + end[0]) / 2 + rad * dy, (start[1] + end[1]) / 2 - rad * dx
    tx, ty = end[0] - cx, end[1] - cy
    return end[0] - 0.02 * tx, end[1] - 0.02 * ty


def _measure(labels: dict[str, tuple[str, dict[str, Any]]], fontsize: float) -> dict[str, Any]:
    """Width and height in inches of each label's box at `fontsize`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 4), dpi=72)
    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    out = {}
    for node, (text, style) in labels.items():
        t = fig.text(0, 0, text, fontsize=fontsize, parse_math=False, linespacing=1.15,
                     **style)
        box = t.get_window_extent(renderer)
        out[node] = (box.width / 72 + 0.16, box.height / 72 + 0.1)
        t.remove()
    return out


def draw_interest_map(G: nx.MultiDiGraph, *, ax: Any = None,
                      selection: MapSelection | None = None,
                      layout: dict[str, tuple[float, float]] | None = None,
                      title: str | None = None, footnote: str | None = None,
                      progress: Callable[[str], None] | None = None,
                      style: PageStyle = A4_PAGE, warn: Callable[[str], None] | None = None,
                      **select_options: Any) -> Any:
    """Draw the interest map of `G` on `ax` (a new A4 figure if None) and return the Axes.

    ``select_options`` go to `select_map` (``rift=(a, b)``, ``focus=id``,
    ``according_to=[...]``) unless a ready `selection` is given. ``layout`` pins positions;
    ``style`` sets type sizes and the legend's place; ``warn``, if given, hears before the
    layout that the labels will be too small to read (else it is in ``selection.warnings``).
    Never calls ``plt.show()``; all text from the YAML is drawn literally (no mathtext).
    """
    say = progress or (lambda _msg: None)
    sel = selection or select_map(G, **select_options)
    H, unlinked = drawn_part(sel)
    ax = ax if ax is not None else _new_page()
    _page_texts(ax.figure, title or sel.title, left_out_note(G, sel, unlinked), footnote,
                style)
    _keep_clear_of_texts(ax)
    say(f"laying out {len(H)} nodes and {H.number_of_edges()} edges")
    page = _place(H, sel, ax, layout, say, style.base_font, warn)
    say("drawing")
    if sel.blocs:
        _draw_bloc_frames(ax, sel, page)
    used = _draw_nodes(ax, H, sel, page)
    used["edges"] = (_draw_edges(ax, H, sel, page) if len(H) <= CLEAR_ALL_EDGES_UP_TO
                     else _draw_edges_in_bulk(ax, H, sel, page))
    ax.figure.legend(handles=_legend_handles(sel, used), frameon=False, title="Legend",
                     alignment="left", **dict(style.legend))
    return ax


@dataclass
class _Page:
    """Where a map's boxes went: centres and sizes (inches), labels, the font size and the
    uniform shrink that fitted them on the page."""

    xy: dict[str, tuple[float, float]]
    sizes: dict[str, tuple[float, float]]
    labels: dict[str, tuple[str, dict[str, Any]]]
    fontsize: float
    shrink: float


def drawn_part(sel: MapSelection) -> tuple[nx.MultiDiGraph, list[str]]:
    """The part of the selection drawn as a network, and the nodes left out of it (no edge,
    no highlight, not a party to the rift nor the focus), which the page names instead."""
    H = sel.graph
    unlinked = sorted(n for n in H if H.degree(n) == 0 and n not in sel.highlight
                      and n not in sel.key_nodes)
    if len(H) > len(unlinked):
        return nx.MultiDiGraph(H.subgraph(set(H) - set(unlinked))), unlinked
    return H, []


def _new_page() -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=A4_LANDSCAPE, dpi=150)
    FigureCanvasAgg(fig)
    return fig.add_axes(MAP_AXES)


def _place(H: nx.MultiDiGraph, sel: MapSelection, ax: Any,
           layout: dict[str, tuple[float, float]] | None,
           say: Callable[[str], None], base_font: float = BASE_FONT,
           warn: Callable[[str], None] | None = None) -> _Page:
    """Place the boxes of `H` on the axes' page area (`place_nodes`) and set the axes'
    limits to show them."""
    bbox = ax.get_position()
    fw, fh = ax.figure.get_size_inches()
    avail = (bbox.width * fw, bbox.height * fh)
    page, centre = place_nodes(H, sel, layout, avail, base_font, say, warn)
    if page.fontsize < MIN_READABLE_FONT and warn is None:
        sel.warnings.append(f"{len(H)} nodes on one page: labels are {page.fontsize:.1f} pt, "
                            "too small to read at A4; draw part of the graph with --focus ID "
                            "or --rift A B")
    shrink = page.shrink
    ax.set_xlim(centre[0] - avail[0] / 2 / shrink, centre[0] + avail[0] / 2 / shrink)
    ax.set_ylim(centre[1] - avail[1] / 2 / shrink, centre[1] + avail[1] / 2 / shrink)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return page


def place_nodes(H: nx.MultiDiGraph, sel: MapSelection,
                layout: dict[str, tuple[float, float]] | None, avail: tuple[float, float],
                base_font: float = BASE_FONT, say: Callable[[str], None] | None = None,
                warn: Callable[[str], None] | None = None
                ) -> tuple[_Page, tuple[float, float]]:
    """Lay out `H`, measure its labels at `base_font` and place their boxes on a page area
    of `avail` inches without overlap and off the edges; returns the placement (inches,
    before the uniform shrink that fits it) and the centre of what it covers. The PNG and
    the HTML page share it. `say` hears of progress at most every 2 s; `warn`, before any
    layout, that the labels will be too small to read."""
    import numpy as np

    say = say or (lambda _msg: None)
    tick = Ticker(say)
    nodes = sorted(H)
    labels = {n: (_label(H, n, sel), {"fontweight": "bold"} if H.nodes[n]["type"] == ACTOR
                  else {"fontstyle": "italic"}) for n in nodes}
    sizes_in = _measure(labels, base_font)
    room = np.array(avail)
    sizes = np.array([sizes_in[n] for n in nodes]) if nodes else np.zeros((0, 2))
    if warn and (font := _expected_font(sizes, room, base_font)) < MIN_READABLE_FONT:
        warn(f"{len(nodes)} nodes on one page: labels will be about {font:.0f} pt, too small "
             "to read; draw part of the graph with --focus ID or --rift A B")
    raw = map_positions(H, sel, layout, tick)
    pts = np.array([raw[n] for n in nodes]) if nodes else np.zeros((0, 2))
    if len(nodes) > 1:
        say("separating labels")
    edges = _edges_to_clear(H, nodes, sel)
    if sel.blocs and not layout:
        groups: dict[int, list[int]] = {}
        for i, n in enumerate(nodes):
            groups.setdefault(sel.blocs.get(n, 0), []).append(i)
        pts, shrink, centre = _place_bloc_boxes(pts, sizes, room,
                                                [groups[b] for b in sorted(groups)], edges)
    else:
        pts, shrink, centre = _place_boxes(pts, sizes, room, edges, tick)
    xy = {n: (float(p[0]), float(p[1])) for n, p in zip(nodes, pts, strict=True)}
    return (_Page(xy, sizes_in, labels, base_font * shrink, shrink),
            (float(centre[0]), float(centre[1])))


def _expected_font(sizes: Any, room: Any, base_font: float) -> float:
    """The label size a map will likely end with, before laying it out: boxes take about
    three times their own area once pushed apart, and the whole is shrunk to the page."""
    need = 3.0 * float((sizes[:, 0] * sizes[:, 1]).sum()) if len(sizes) else 0.0
    return base_font * min(1.0, (float(room[0] * room[1]) / need) ** 0.5 if need else 1.0)


CLEAR_ALL_EDGES_UP_TO = 250
"""Maps up to this many nodes keep every edge clear of boxes; larger ones only the key
actors' edges (the work grows with edges times boxes)."""


def _edges_to_clear(H: nx.MultiDiGraph, nodes: list[str], sel: MapSelection) -> Edges | None:
    """The node pairs joined by an edge, by index into `nodes`, and which are key."""
    import numpy as np

    index = {n: i for i, n in enumerate(nodes)}
    key = set(sel.key_nodes)
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v]))
                    for u, v in H.edges() if u != v})
    if len(nodes) > CLEAR_ALL_EDGES_UP_TO:
        pairs = [p for p in pairs if {nodes[p[0]], nodes[p[1]]} & key]
    if not pairs:
        return None
    return Edges(np.array(pairs, dtype=int),
                 np.array([bool({nodes[i], nodes[j]} & key) for i, j in pairs]))


def _keep_clear_of_texts(ax: Any) -> None:
    """Lower the map's top below the title and raise its bottom above the notes under it
    (the note on what was left out can run to several lines)."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    box = ax.get_position()
    inv = fig.transFigure.inverted()
    bottom, top = box.y0, box.y1
    for t in fig.texts:
        ext = inv.transform_bbox(t.get_window_extent(renderer))
        if t.get_gid() in ("unlinked", "footnote"):
            bottom = max(bottom, ext.y1 + 0.012)
        elif t.get_gid() == "title":
            top = min(top, ext.y0 - 0.012)
    ax.set_position((box.x0, bottom, box.width, top - bottom))


def _draw_bloc_frames(ax: Any, sel: MapSelection, page: _Page) -> None:
    """A pale rounded frame around each bloc's boxes, in the bloc's colour, named."""
    from matplotlib.patches import FancyBboxPatch

    members: dict[int, list[str]] = {}
    for n, b in sel.blocs.items():
        if n in page.xy:
            members.setdefault(b, []).append(n)
    pad = 0.08
    for b, nodes in sorted(members.items()):
        x0 = min(page.xy[n][0] - page.sizes[n][0] / 2 for n in nodes) - pad
        x1 = max(page.xy[n][0] + page.sizes[n][0] / 2 for n in nodes) + pad
        y0 = min(page.xy[n][1] - page.sizes[n][1] / 2 for n in nodes) - pad
        y1 = max(page.xy[n][1] + page.sizes[n][1] / 2 for n in nodes) + pad
        color = BLOC_FILL[(b - 1) % len(BLOC_FILL)]
        ax.add_patch(FancyBboxPatch((x0, y0), x1 - x0, y1 - y0,
                                    boxstyle="round,pad=0,rounding_size=0.15",
                                    facecolor=color, alpha=0.18, edgecolor=color, linewidth=1.5,
                                    zorder=0, clip_on=False, gid=f"bloc:{b}"))


def _node_fill(sel: MapSelection, node: str, data: dict[str, Any]) -> str:
    """A node's fill: its bloc's on a balance map, else its kind's (actors) or white."""
    if node in sel.blocs:
        return BLOC_FILL[(sel.blocs[node] - 1) % len(BLOC_FILL)]
    return ACTOR_FILL.get(data["kind"], "#ffffff") if data["type"] == ACTOR else "#ffffff"


def _draw_nodes(ax: Any, H: nx.MultiDiGraph, sel: MapSelection,
                page: _Page) -> dict[str, set[str]]:
    """A box and a label per node; returns the node kinds and marks used (for the legend)."""
    from matplotlib.patches import FancyBboxPatch

    kinds, marks = set(), set()
    for n in sorted(H):
        data = H.nodes[n]
        (x, y), (w, h) = page.xy[n], page.sizes[n]
        is_actor = data["type"] == ACTOR
        verdict = sel.highlight.get(n)
        ax.add_patch(FancyBboxPatch(
            (x - w / 2, y - h / 2), w, h,
            boxstyle="round,pad=0,rounding_size=0.08" if is_actor else "square,pad=0",
            facecolor=_node_fill(sel, n, data),
            edgecolor=MARKS[verdict][0] if verdict else "#546e7a",
            linewidth=2.4 if verdict else 0.9,
            linestyle="--" if data["kind"] == "unidentified" else "-", zorder=3, gid=f"node:{n}"))
        ax.text(x, y, page.labels[n][0], ha="center", va="center", fontsize=page.fontsize,
                parse_math=False, linespacing=1.15, zorder=4, gid=f"label:{n}",
                **page.labels[n][1])
        kinds.add(data["kind"] if is_actor else "outcome")
        if verdict:
            marks.add(verdict)
    return {"kinds": kinds, "marks": marks}


def _draw_edges(ax: Any, H: nx.MultiDiGraph, sel: MapSelection, page: _Page) -> set[str]:
    """An arrow per edge, clipped at the boxes, parallel edges bowed apart, a halo under
    an edge with a status; returns the edge categories used (for the legend)."""
    from matplotlib.patches import FancyArrowPatch

    used = set()
    pair_count: dict[frozenset[str], int] = {}
    # ties of more than one domain on the map: each tie is labelled with its domain
    domains = len({d["domain"] for *_, d in H.edges(data=True) if d["type"] == RELATION}) > 1
    for u, v, key, d in sorted(H.edges(keys=True, data=True), key=lambda e: e[2]):
        category = sel.category(key, d)
        style = EDGE_STYLE[category]
        nth = pair_count.get(frozenset((u, v)), 0)
        pair_count[frozenset((u, v))] = nth + 1
        bow = "arc3,rad=" + str(0.0 if nth == 0 else
                                0.18 * ((nth + 1) // 2) * (1 if nth % 2 else -1))
        start = _clip(page.xy[u], page.xy[v], page.sizes[u])
        end = _clip(page.xy[v], page.xy[u], page.sizes[v])
        status = sel.status.get(key)
        if status:  # a halo under the edge marks it, keeping the edge's own colour and style
            ax.add_patch(FancyArrowPatch(start, end, shrinkA=1.5, shrinkB=1.5, arrowstyle="-",
                                         color=STATUS_COLOR[status], alpha=0.35, linewidth=7,
                                         connectionstyle=bow, zorder=1,
                                         gid=f"status:{status}:{key}"))
        head = MPL_HEADS.get(style["arrowstyle"], style["arrowstyle"])
        broken = style["linestyle"] != "-" and head != "-"
        ax.add_patch(FancyArrowPatch(start, end, shrinkA=1.5, shrinkB=1.5,
                                     arrowstyle="-" if broken else head,
                                     mutation_scale=9 * page.shrink + 3, color=style["color"],
                                     linestyle=style["linestyle"], linewidth=style["lw"],
                                     connectionstyle=bow, zorder=2, gid=f"edge:{key}"))
        if broken:  # a dotted or dashed line keeps a solid head: drawn dotted, it is a smudge
            ax.add_patch(FancyArrowPatch(_just_before(start, end, bow), end, shrinkA=0,
                                         shrinkB=1.5, arrowstyle=head,
                                         mutation_scale=9 * page.shrink + 3,
                                         color=style["color"], linewidth=style["lw"],
                                         zorder=2, gid=f"head:{key}"))
        used.add(category)
        if domains and d["type"] == RELATION:  # a third of the way along the (bowed) line,
            # where lines crossing at their middles keep their labels apart
            rad, t = float(bow.split("=")[1]), 0.35
            control = ((start[0] + end[0]) / 2 + rad * (end[1] - start[1]),
                       (start[1] + end[1]) / 2 - rad * (end[0] - start[0]))
            at = [(1 - t) ** 2 * p0 + 2 * (1 - t) * t * c + t ** 2 * p2
                  for p0, c, p2 in zip(start, control, end, strict=True)]
            ax.text(*at, d["domain"], fontsize=page.fontsize * 0.75, style="italic",
                    color=style["color"], ha="center", va="center", zorder=4,
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none",
                          "alpha": 0.8}, gid=f"domain:{key}")
            used.add("domain labels")
    return used


def _draw_edges_in_bulk(ax: Any, H: nx.MultiDiGraph, sel: MapSelection,
                        page: _Page) -> set[str]:
    """The edges of a large map, one straight-line collection per category (and one of
    arrowheads), instead of an arrow object per edge: the same look at a glance, drawn in
    a fraction of the time (status halos and bows of parallel edges are left out)."""
    import numpy as np
    from matplotlib.collections import LineCollection, PolyCollection

    lines: dict[str, list[tuple[Any, Any]]] = {}
    for u, v, key, d in H.edges(keys=True, data=True):
        if u != v:
            lines.setdefault(sel.category(key, d), []).append(
                (_clip(page.xy[u], page.xy[v], page.sizes[u]),
                 _clip(page.xy[v], page.xy[u], page.sizes[v])))
    head = 0.07  # inches, before the map's shrink
    for category in sorted(lines):
        style = EDGE_STYLE[category]
        seg = np.array(lines[category], dtype=float)
        ax.add_collection(LineCollection(seg, colors=style["color"], linewidths=style["lw"],
                                         linestyles=style["linestyle"], zorder=2,
                                         gid=f"edges:{category}"))
        if style["arrowstyle"] in ("-|>", "->"):
            d = seg[:, 1] - seg[:, 0]
            u = d / np.maximum(np.linalg.norm(d, axis=1), 1e-9)[:, None]
            n = np.stack([-u[:, 1], u[:, 0]], axis=1)
            tip = seg[:, 1]
            base = tip - u * head
            tri = np.stack([tip, base + n * head * 0.4, base - n * head * 0.4], axis=1)
            ax.add_collection(PolyCollection(tri, facecolors=style["color"], edgecolors="none",
                                             zorder=2, gid=f"heads:{category}"))
    return set(lines)


def _legend_handles(sel: MapSelection, used: dict[str, set[str]]) -> list[Any]:
    """One legend entry per bloc, node kind, edge category, mark and status on the map."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = _bloc_handles(sel)
    for kind in [k for k in ACTOR_FILL if k in used["kinds"] and not sel.blocs]:
        handles.append(Patch(facecolor=ACTOR_FILL[kind], edgecolor="#546e7a",
                             linestyle="--" if kind == "unidentified" else "-",
                             label=f"actor: {kind}"))
    if "outcome" in used["kinds"]:
        handles.append(Patch(facecolor="#ffffff", edgecolor="#546e7a", label="outcome"))
    for category in [c for c in EDGE_STYLE if c in used["edges"]]:
        s = EDGE_STYLE[category]
        handles.append(Line2D([], [], color=s["color"], linestyle=s["linestyle"],
                              linewidth=s["lw"], label=EDGE_LEGEND[category]))
    if "domain labels" in used["edges"]:
        handles.append(Line2D([], [], linestyle="none", label="italic word: the tie's domain"))
    for mark, (color, text) in MARKS.items():
        if mark in used["marks"]:
            handles.append(Patch(facecolor="#ffffff", edgecolor=color, linewidth=2.4,
                                 label=text))
    for status, color in STATUS_COLOR.items():
        if status in sel.status.values():
            handles.append(Line2D([], [], color=color, alpha=0.35, linewidth=7,
                                  label=STATUS_LEGEND[status]))
    return handles


def _bloc_handles(sel: MapSelection) -> list[Any]:
    from matplotlib.patches import Patch

    handles = []
    bloc_numbers = sorted(set(sel.blocs.values()))
    for i in bloc_numbers[:len(BLOC_FILL)]:
        size = sum(1 for b in sel.blocs.values() if b == i)
        handles.append(Patch(facecolor=BLOC_FILL[(i - 1) % len(BLOC_FILL)],
                             edgecolor="#546e7a",
                             label=f"bloc {i} ({count(size, 'actor')})"))
    if len(bloc_numbers) > len(BLOC_FILL):
        more = len(bloc_numbers) - len(BLOC_FILL)
        handles.append(Patch(facecolor="none", edgecolor="none",
                             label=f"{more} more blocs (colours repeat)"))
    return handles


def _page_texts(fig: Any, title: str, left_out: str, footnote: str | None,
                style: PageStyle = A4_PAGE) -> None:
    """The title, what the drawing leaves out, and the footnote."""
    fig.text(0.02, 0.955, title, fontsize=style.title_size, fontweight="bold",
             parse_math=False, gid="title")
    if left_out:
        width = int(190 * 7.0 / style.note_size * fig.get_figwidth() / A4_LANDSCAPE[0])
        fig.text(0.02, 0.045, _wrap(left_out, width), fontsize=style.note_size,
                 color="#555555", parse_math=False, gid="unlinked", va="bottom")
    if footnote:
        fig.text(0.02, 0.02, footnote, fontsize=style.note_size, color="#555555",
                 parse_math=False, gid="footnote")
