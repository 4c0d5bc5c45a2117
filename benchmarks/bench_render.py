"""Time rendering the whole interest map of a synthetic graph.

    python benchmarks/bench_render.py [--actors 500] [--out /tmp/map500.png]

Prints the time of each stage the CLI reports as progress, and the total.
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


if __name__ == "__main__":
    main()
