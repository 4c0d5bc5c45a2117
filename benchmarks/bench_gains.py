"""Time `who_gains` on synthetic graphs (CLI start-up: see bench_scale.py).

    python benchmarks/bench_gains.py [--sizes 1000 10000] [--repeat 30]

Prints a table: graph size, load time, and the median / 90th percentile of one `who_gains`
query (rift-0, between actor-1 and actor-2, which are allied, so structural evidence runs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_synthetic_graph

import actorgraph
from actorgraph.analyses.gains import who_gains


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_gains(sizes: list[int], repeat: int) -> None:
    print(f"{'actors':>7} {'claims':>7} {'load s':>7} {'gains median ms':>16} "
          f"{'p90 ms':>7} {'stakes':>7}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            write_synthetic_graph(Path(tmp), n)
            t = time.perf_counter()
            G = actorgraph.load(tmp)
            load_s = time.perf_counter() - t
            times, report = [], None
            for _ in range(repeat):
                t = time.perf_counter()
                report = who_gains(G, "actor-1", "actor-2")
                times.append((time.perf_counter() - t) * 1000)
            claims = len(G.graph["records"].claims)
            print(f"{n:>7} {claims:>7} {load_s:>7.2f} {statistics.median(times):>16.1f} "
                  f"{_percentile(times, 0.9):>7.1f} {len(report.stakes):>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    bench_gains(args.sizes, args.repeat)


if __name__ == "__main__":
    main()
