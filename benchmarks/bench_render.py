"""Time rendering the whole interest map of a synthetic graph, beside a plain networkx +
matplotlib drawing of the same graph (spring layout, nodes, edges, labels, savefig at the
same page size and dpi): the yardstick the map's own time is compared with.

    python benchmarks/bench_render.py [--actors 500] [--out /tmp/map500.png]

Prints the time of each stage the CLI reports as progress, the total, the plain drawing's
time and the ratio.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_synthetic_graph

import actorgraph
from actorgraph.present.render import render_map


def plain_drawing(G, out: Path) -> float:
    """Seconds for the plain networkx drawing: spring layout, nodes, edges, labels, savefig."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx

    start = time.perf_counter()
    fig, ax = plt.subplots(figsize=(11.69, 8.27), dpi=150)
    pos = nx.spring_layout(G, seed=1)
    nx.draw_networkx_nodes(G, pos, ax=ax, node_size=40)
    nx.draw_networkx_edges(G, pos, ax=ax, arrows=True, width=0.6)
    nx.draw_networkx_labels(G, pos, labels={n: d["label"] for n, d in G.nodes(data=True)},
                            ax=ax, font_size=5)
    fig.savefig(out)
    plt.close(fig)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "map.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_synthetic_graph(Path(tmp), args.actors)
        G = actorgraph.load(tmp)
    start = time.perf_counter()
    last = [start]

    def progress(message: str) -> None:
        now = time.perf_counter()
        print(f"  {now - start:6.2f} s  (+{now - last[0]:5.2f})  {message}")
        last[0] = now

    sel = render_map(G, args.out, date="2026-01-01", progress=progress)
    total = time.perf_counter() - start
    print(f"{args.actors} actors: {len(sel.graph)} nodes, {sel.graph.number_of_edges()} edges "
          f"rendered to {args.out} in {total:.2f} s")
    plain = plain_drawing(G, args.out.with_name("plain-" + args.out.name))
    print(f"plain networkx + matplotlib drawing of the same graph: {plain:.2f} s; "
          f"the map takes {total / plain:.2f}x that")


if __name__ == "__main__":
    main()
