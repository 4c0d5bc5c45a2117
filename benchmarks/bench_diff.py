"""Time `actorgraph diff` of two versions of a synthetic graph with ~1% of actors changed.

    python benchmarks/bench_diff.py [--actors 10000]

Compares with one load of one version (the target: the whole diff within about twice that).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import mutate_graph, write_synthetic_graph

import actorgraph
from actorgraph.analyses.diff import diff_graphs
from actorgraph.io.loader import ParseCache, load_records
from actorgraph.model.graph import build_graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=10000)
    parser.add_argument("--fraction", type=float, default=0.01)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp) / "old", Path(tmp) / "new"
        write_synthetic_graph(old, args.actors)
        shutil.copytree(old, new)
        touched = mutate_graph(new, args.fraction)
        t = time.perf_counter()
        actorgraph.load(old, cache=False)
        single = time.perf_counter() - t
        t = time.perf_counter()
        cache = ParseCache()  # as `actorgraph diff` does: unchanged files are parsed once
        G_old = build_graph(load_records(old, cache=cache))
        G_new = build_graph(load_records(new, cache=cache))
        loaded = time.perf_counter() - t
        t = time.perf_counter()
        d = diff_graphs(G_old, G_new)
        compared = time.perf_counter() - t
    total = loaded + compared
    print(f"{args.actors} actors, {touched} changed: {len(d.records)} record changes, "
          f"{len(d.answers)} answer changes over {len(d.rifts)} rifts")
    print(f"  one load:                 {single:7.2f} s")
    print(f"  diff: load both versions  {loaded:7.2f} s")
    print(f"        compare + answers   {compared:7.2f} s")
    print(f"        total               {total:7.2f} s  = {total / single:.2f} x one load")


if __name__ == "__main__":
    main()
