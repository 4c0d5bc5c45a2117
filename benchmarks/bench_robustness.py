"""Time `gains --robustness` (leave one source or claimant out) on a synthetic graph.

    python benchmarks/bench_robustness.py [--actors 10000] [--rifts 3]

For the first few rifts of the graph (rift-0 is between actor-1 and actor-2), prints the
number of gainers and losers, how many are robust, and the time of `robustness` alone (the
base `who_gains` answer is computed before the clock starts, as the command line does).
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
from actorgraph.analyses.gains import rift_reports
from actorgraph.analyses.perspectives import robustness


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=10000)
    parser.add_argument("--rifts", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_synthetic_graph(Path(tmp), args.actors)
        G = actorgraph.load(tmp, cache=False)
        claims = len(G.graph["records"].claims)
        print(f"{args.actors:,} actors, {claims:,} claims")
        print(f"{'rift':<22} {'stakes':>7} {'robust':>7} {'ms':>9}")
        for report in rift_reports(G)[:args.rifts]:
            t = time.perf_counter()
            result = robustness(G, report)
            ms = (time.perf_counter() - t) * 1000
            robust = sum(r.robust for r in result.values())
            print(f"{report.a + ' / ' + report.b:<22} {len(result):>7} {robust:>7} {ms:>9.0f}")


if __name__ == "__main__":
    main()
