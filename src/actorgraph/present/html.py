"""An interactive map in one self-contained HTML file that works offline.

Drawn with vis-network (https://visjs.github.io/vis-network/): maintained, dependency-free in
the browser, with pan, zoom, hover and click events built in, and fixed node positions, so
the page shows the same deterministic layout as the PNG. Its build is taken from the `pyvis`
package (the optional ``html`` extra: ``pip install "actorgraph[html]"``) and inlined, so
the file needs no network. Only vis-network's JavaScript is used; the page and its script are
actorgraph's own.

The reader can pan and zoom, tick which claimants to believe (edges no ticked claimant
asserts or relays disappear), and click a node or an edge to read the claims behind it:
claimant and the outlets that relayed it, source, locator, stance, likelihood, confidence,
any stated quantity and the exact quote. Every text from the YAML is set with
``textContent``, never parsed as HTML.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import UsageError, writing
from ..io.output import output_file
from ..model.kinds import ACTOR, RELATION
from ..model.records import claim_confidence
from .selection import MapSelection, left_out_note
from .shared import shared_origin
from .style import (
    ACTOR_FILL,
    BASE_FONT,
    BLOC_FILL,
    EDGE_LEGEND,
    EDGE_STYLE,
    MARKS,
    STATUS_COLOR,
    STATUS_LEGEND,
)
from .text import node_name, quantity_text, relay_text
from .words import count

__all__ = ["html_map_data", "vis_network_js", "write_html_map"]

VIS_VERSION = "9.1.2"
PX_PER_INCH = 14 / (BASE_FONT / 72)
"""The page's 14 px labels are the PNG's BASE_FONT labels, so the PNG's placement in inches
becomes pixels at this scale and the boxes keep their room."""
MAP_PX = (1010, 730)
"""The map's part of a 1400 x 900 window beside the 360 px sidebar, in pixels (less the
browser's own bars)."""
_ARROWS = {"-|>": "arrow", "->": "vee", "-[": "bar"}
"""vis-network's arrowhead for each matplotlib arrow style of `style.EDGE_STYLE`."""


def vis_network_js() -> str:
    """The vis-network build shipped in the `pyvis` package."""
    try:
        path = resources.files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}" / \
            "vis-network.min.js"
        return path.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        raise UsageError("the interactive map needs the html extra: "
                         "pip install \".[html]\" in a clone of actorgraph, or "
                         "\"actorgraph[html]\" from a package index") from None


def html_map_data(G: nx.MultiDiGraph, sel: MapSelection,
                  layout: dict[str, tuple[float, float]] | None = None) -> dict[str, Any]:
    """Nodes, edges (with their claims), claimants and legend, as plain data for the page."""
    from .drawing import drawn_part, place_nodes

    H, unlinked = drawn_part(sel)
    page, centre = place_nodes(H, sel, layout, (MAP_PX[0] / PX_PER_INCH,
                                                MAP_PX[1] / PX_PER_INCH))
    sources = G.graph["sources"]
    nodes = []
    for n in sorted(H):
        d = H.nodes[n]
        record = d["record"]
        is_actor = d["type"] == ACTOR
        verdict = sel.highlight.get(n)
        bloc = sel.blocs.get(n)
        nodes.append({
            "id": n, "label": str(d["label"]), "text": page.labels[n][0],
            "type": d["type"], "kind": d["kind"],
            "x": round((page.xy[n][0] - centre[0]) * PX_PER_INCH, 1),
            "y": round(-(page.xy[n][1] - centre[1]) * PX_PER_INCH, 1),
            "fill": (BLOC_FILL[(bloc - 1) % len(BLOC_FILL)] if bloc
                     else ACTOR_FILL.get(d["kind"], "#ffffff") if is_actor else "#ffffff"),
            "border": MARKS[verdict][0] if verdict else "#546e7a", "verdict": verdict,
            "rounded": is_actor, "dashed": d["kind"] == "unidentified",
            "details": [x for x in (
                f"bloc {bloc}" if bloc else None, getattr(record, "role", None),
                getattr(record, "description", None),
                ("aliases: " + ", ".join(record.aliases)) if getattr(record, "aliases", None)
                else None, f"defined at {shared_origin(G.graph['records'], d['origin'])}") if x]})
    edges, claimants = [], set()
    pair_count: dict[frozenset[str], int] = {}  # parallel edges bowed apart, as on the PNG
    for u, v, key, d in sorted(H.edges(keys=True, data=True), key=lambda e: e[2]):
        nth = pair_count[frozenset((u, v))] = pair_count.get(frozenset((u, v)), -1) + 1
        category = sel.category(key, d)
        style = EDGE_STYLE[category]
        claims = [{"by": c.by, "by_name": node_name(G, c.by), "source": c.source,
                   "locator": c.locator or "", "stance": c.stance,
                   "confidence": round(claim_confidence(c, sources), 2), "quote": c.quote,
                   "note": c.note or "", "via": relay_text(G, c),
                   "likelihood": c.likelihood or "", "quantity": quantity_text(c),
                   "who": [c.by, *c.via]} for c in d["claims"]]
        claimants.update(w for c in claims for w in c["who"])
        edges.append({"id": key, "from": u, "to": v, "category": category,
                      "legend": EDGE_LEGEND[category], "color": style["color"],
                      "dashed": style["linestyle"] != "-",
                      "arrow": _ARROWS.get(style["arrowstyle"], ""),
                      "text": f"{H.nodes[u]['label']} {category} {H.nodes[v]['label']}"
                              + (f" ({domain} tie)" if (domain := d.get("domain", "other"))
                                 != "other" else ""),
                      "domain": d.get("domain") if d["type"] == RELATION else None,
                      "label": "", "bow": nth,
                      "status": sel.status.get(key),
                      "status_text": STATUS_LEGEND.get(sel.status.get(key) or "", ""),
                      "status_color": STATUS_COLOR.get(sel.status.get(key) or "", ""),
                      "claims": claims})
    if len({e["domain"] for e in edges if e["domain"]}) > 1:  # ties of several domains:
        for e in edges:  # each one's domain written on it, as on the PNG map
            e["label"] = e["domain"] or ""
    return {"title": sel.title, "nodes": nodes, "edges": edges,
            "claimants": [{"id": c, "name": node_name(G, c)} for c in sorted(claimants)],
            "left_out": left_out_note(G, sel, unlinked),
            "legend": [*_bloc_legend(sel), *_node_legend(sel, nodes),
                       *({"label": EDGE_LEGEND[c], "color": s["color"],
                          "dashed": s["linestyle"] != "-"} for c, s in EDGE_STYLE.items()
                         if any(e["category"] == c for e in edges)),
                       *({"label": STATUS_LEGEND[st], "color": STATUS_COLOR[st],
                          "halo": True} for st in STATUS_COLOR
                         if any(e["status"] == st for e in edges))]}



def _node_legend(sel: MapSelection, nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A box per actor kind and mark on the page, as the PNG's legend has them."""
    kinds = {n["kind"] if n["type"] == ACTOR else "outcome" for n in nodes}
    out: list[dict[str, Any]] = [] if sel.blocs else [
        {"label": f"actor: {k}", "fill": f, "border": "#546e7a",
         "dashed": k == "unidentified"} for k, f in ACTOR_FILL.items() if k in kinds]
    if "outcome" in kinds:
        out.append({"label": "outcome", "fill": "#ffffff", "border": "#546e7a"})
    verdicts = {n["verdict"] for n in nodes}
    out.extend({"label": text, "fill": "#ffffff", "border": color, "thick": True}
               for mark, (color, text) in MARKS.items() if mark in verdicts)
    return out


def _bloc_legend(sel: MapSelection) -> list[dict[str, Any]]:
    counts: dict[int, int] = {}
    for b in sel.blocs.values():
        counts[b] = counts.get(b, 0) + 1
    return [{"label": f"bloc {b} ({count(n, 'actor')})",
             "fill": BLOC_FILL[(b - 1) % len(BLOC_FILL)]} for b, n in sorted(counts.items())]


def write_html_map(G: nx.MultiDiGraph, path: str | os.PathLike[str], sel: MapSelection,
                   layout: dict[str, tuple[float, float]] | None = None,
                   footnote: str = "") -> None:
    """Write the interactive map of selection `sel` to `path`."""
    output_file(path)
    data = html_map_data(G, sel, layout)
    data["footnote"] = footnote
    # no "<" at all inside the script element: "</script" or "<!--" in a quote cannot
    # change how the page is parsed
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    page = (_PAGE.replace("@@VIS@@", vis_network_js().replace("</script", "<\\/script"))
            .replace("@@DATA@@", payload).replace("@@SCRIPT@@", _SCRIPT))
    with writing(path):
        Path(path).write_text(page, encoding="utf-8")


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>actorgraph map</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #222; }
  body { display: flex; }
  #map { flex: 1; height: 100vh; background: #fcfcfc; }
  #side { width: 360px; height: 100vh; overflow-y: auto; padding: 12px 16px;
          box-sizing: border-box; border-left: 1px solid #ddd; }
  h1 { font-size: 17px; margin: 0 0 4px; }
  h2 { font-size: 14px; margin: 14px 0 4px; }
  #summary, .muted { color: #666; font-size: 12px; }
  .claim { margin: 6px 0; padding: 6px 8px; background: #f5f5f5; border-radius: 4px; }
  .quote { font-style: italic; }
  .who { font-size: 12px; color: #444; }
  label { display: block; font-size: 13px; }
  .swatch { display: inline-block; width: 26px; margin-right: 6px; vertical-align: middle;
            border-top-width: 3px; box-sizing: border-box; }
</style>
</head>
<body>
<div id="map"></div>
<div id="side">
  <h1 id="title"></h1>
  <div id="summary"></div>
  <h2>Whose word?</h2>
  <label><input type="checkbox" id="every-claimant" checked> every claimant</label>
  <div id="claimants"></div>
  <h2>Details</h2>
  <div id="details" class="muted">Click a node or an edge to read the claims behind it.</div>
  <h2>Legend</h2>
  <div id="legend"></div>
  <p id="left-out" class="muted"></p>
  <p id="footnote" class="muted"></p>
</div>
<script type="application/json" id="graph-data">@@DATA@@</script>
<script>@@VIS@@</script>
<script>@@SCRIPT@@</script>
</body>
</html>
"""

_SCRIPT = r"""
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  document.getElementById("title").textContent = data.title;
  document.getElementById("footnote").textContent = data.footnote || "";
  document.getElementById("left-out").textContent = data.left_out || "";
  const nodes = new vis.DataSet(data.nodes.map(n => ({
    id: n.id, label: n.text, x: n.x, y: n.y, shape: "box",
    color: { background: n.fill, border: n.border,
             highlight: { background: n.fill, border: "#000" } },
    borderWidth: n.verdict ? 3 : 1, margin: { top: 6, bottom: 6, left: 9, right: 9 },
    shapeProperties: { borderRadius: n.rounded ? 6 : 0, borderDashes: n.dashed ? [4, 3] : false },
    font: { face: "DejaVu Sans, Verdana, sans-serif", size: 14 }
  })));
  const edges = new vis.DataSet(data.edges.map(e => ({
    id: e.id, from: e.from, to: e.to, color: { color: e.color, highlight: "#000" },
    dashes: e.dashed, width: e.status ? 4 : 1.6,
    shadow: e.status ? { enabled: true, color: e.status_color, size: 14, x: 0, y: 0 } : false,
    arrows: e.arrow ? { to: { enabled: true, type: e.arrow } } : undefined,
    smooth: { type: e.bow % 2 ? "curvedCCW" : "curvedCW",
              roundness: 0.08 + 0.1 * Math.ceil(e.bow / 2) },
    label: e.label || undefined,
    font: { size: 11, color: e.color, strokeWidth: 3, align: "middle", face: "DejaVu Sans" }
  })));
  const byId = new Map(data.edges.map(e => [e.id, e]));
  const nodeById = new Map(data.nodes.map(n => [n.id, n]));
  const network = new vis.Network(document.getElementById("map"), { nodes, edges }, {
    physics: false, interaction: { hover: true, tooltipDelay: 150 }, layout: { randomSeed: 1 }
  });

  const summary = () => {
    const shown = edges.get({ filter: e => !e.hidden }).length;
    document.getElementById("summary").textContent =
      data.nodes.length + " nodes, " + data.edges.length + " edges (" + shown + " shown)";
  };

  // claimant filter
  const box = document.getElementById("claimants");
  const every = document.getElementById("every-claimant");
  const ticks = data.claimants.map(c => {
    const label = el("label");
    const input = el("input");
    input.type = "checkbox"; input.checked = true; input.value = c.id;
    label.appendChild(input); label.appendChild(document.createTextNode(" " + c.name));
    box.appendChild(label);
    return input;
  });
  const applyFilter = () => {
    const allowed = new Set(ticks.filter(t => t.checked).map(t => t.value));
    edges.update(data.edges.map(e => ({
      id: e.id,
      hidden: e.category !== "member of" && !e.claims.some(c => c.who.some(w => allowed.has(w)))
    })));
    summary();
  };
  ticks.forEach(t => t.addEventListener("change", () => {
    every.checked = ticks.every(x => x.checked); applyFilter();
  }));
  every.addEventListener("change", () => { ticks.forEach(t => { t.checked = every.checked; });
                                           applyFilter(); });

  // details on click
  const details = document.getElementById("details");
  const claimBlock = (c) => {
    const d = el("div", undefined, "claim");
    d.appendChild(el("div", "\u201c" + c.quote + "\u201d", "quote"));
    const where = c.source + (c.locator ? ", " + c.locator : "");
    d.appendChild(el("div", c.by_name + c.via + " \u2014 " + where + " (" + c.stance +
                            (c.likelihood ? ", " + c.likelihood : "") + ", " +
                            c.confidence + ")", "who"));
    if (c.quantity) d.appendChild(el("div", "quantity: " + c.quantity, "who"));
    if (c.note) d.appendChild(el("div", "note: " + c.note, "who"));
    return d;
  };
  const showEdge = (id) => {
    const e = byId.get(id);
    details.replaceChildren(el("strong", e.text));
    if (e.status) details.appendChild(el("div", e.status_text, "muted"));
    if (!e.claims.length) details.appendChild(el("div", "structure, not a claim", "muted"));
    e.claims.forEach(c => details.appendChild(claimBlock(c)));
  };
  const showNode = (id) => {
    const n = nodeById.get(id);
    details.replaceChildren(el("strong", n.label.split("\n")[0]));
    details.appendChild(el("div", n.type + ", " + n.kind + (n.verdict ? ", " + n.verdict : ""),
                           "muted"));
    n.details.forEach(t => details.appendChild(el("div", t, "muted")));
    data.edges.filter(e => e.from === id || e.to === id).forEach(e => {
      details.appendChild(el("h2", e.text));
      e.claims.forEach(c => details.appendChild(claimBlock(c)));
    });
  };
  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // legend
  const legend = document.getElementById("legend");
  data.legend.forEach(l => {
    const row = el("div");
    const sw = el("span", undefined, "swatch");
    if (l.fill) {  // a box: a bloc, an actor's kind, an outcome, or a gains/loses border
      sw.style.background = l.fill; sw.style.height = "10px";
      sw.style.border = (l.thick ? "3px " : "1px ") + (l.dashed ? "dashed " : "solid ") +
                        (l.border || "#546e7a");
    } else if (l.halo) {  // a marked edge: a broad, pale line
      sw.style.borderTop = "7px solid " + l.color; sw.style.opacity = "0.45";
    } else {
      sw.style.borderTop = "3px " + (l.dashed ? "dashed " : "solid ") + l.color;
    }
    row.appendChild(sw); row.appendChild(document.createTextNode(l.label));
    legend.appendChild(row);
  });

  summary();
  // show every box as large as the map's part of the window allows: vis-network's own
  // fit() leaves a wide margin, which at 1400 x 900 makes the labels needlessly small
  const fitAll = () => {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    data.nodes.forEach(n => {
      const b = network.getBoundingBox(n.id);
      x0 = Math.min(x0, b.left); x1 = Math.max(x1, b.right);
      y0 = Math.min(y0, b.top); y1 = Math.max(y1, b.bottom);
    });
    if (!isFinite(x0)) return;
    const box = document.getElementById("map");
    const pad = 14;
    const scale = Math.min((box.clientWidth - 2 * pad) / Math.max(x1 - x0, 1),
                           (box.clientHeight - 2 * pad) / Math.max(y1 - y0, 1), 1.2);
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale,
                     animation: false });
  };
  window.addEventListener("resize", fitAll);
  network.once("afterDrawing", () => {
    fitAll();
    window.actorgraphMap = { ready: true, nodes: data.nodes.length, edges: data.edges.length,
                             network: network,
                             shownEdges: () => edges.get({ filter: e => !e.hidden })
                                                    .map(e => e.id).sort() };
  });
})();
"""
