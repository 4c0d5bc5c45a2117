"""Time `balance` (triads and both bloc searches) on synthetic and worst-case graphs.

    python benchmarks/bench_balance.py [--sizes 1000 10000] [--dense 16 20 24]

Two kinds of input:
- the synthetic graphs of synth.py (sparse relations, about one per actor), as analysts'
  graphs are;
- "dense": every pair of N actors related, each tie's sign drawn at random (seeded). Random
  signs are the hardest case for the exact bloc search: nothing is balanced, many splits are
  nearly as good as the best. Past some size the search runs out of budget and says so.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import networkx as nx
from synth import write_synthetic_graph

import actorgraph
from actorgraph.analyses.balance import balance


def write_dense_graph(out: Path, n: int, seed: int = 1) -> None:
    """N actors, every pair allied or hostile at random."""
    rng = random.Random(seed)
    lines = ["sources:", "  - {id: s, title: S, kind: article}", "actors:"]
    lines += [f"  - {{id: a{i:03d}, name: A{i:03d}, kind: state}}" for i in range(n)]
    lines.append("relations:")
    for i in range(n):
        for j in range(i + 1, n):
            kind = rng.choice(("alliance", "hostility"))
            lines.append(f"  - between: [a{i:03d}, a{j:03d}]\n    kind: {kind}\n    claims:\n"
                         f"      - {{by: a{i:03d}, source: s, quote: \"q{i}-{j}\"}}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "graph.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _row(label: str, G: nx.MultiDiGraph) -> None:
    t = time.perf_counter()
    r = balance(G)
    _ = r.walk  # computed on first use; the balance command prints it
    ms = (time.perf_counter() - t) * 1000
    print(f"{label:<22} {len(r.ties):>7} {len(r.triads):>7} "
          f"{r.strict.frustration:>5}{'' if r.strict.exact else '*':<2}"
          f"{r.weak.frustration:>5}{'' if r.weak.exact else '*':<2} {len(r.weak.blocs):>6} "
          f"{ms:>9.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--dense", type=int, nargs="+", default=[16, 20, 24, 30])
    args = parser.parse_args()
    print(f"{'graph':<22} {'ties':>7} {'triads':>7} {'strict':>7}{'weak':>7} {'blocs':>6} "
          f"{'ms':>9}   (* = heuristic: the search ran out)")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            write_synthetic_graph(Path(tmp), n)
            _row(f"synthetic {n:,} actors", actorgraph.load(tmp, cache=False))
    for n in args.dense:
        with tempfile.TemporaryDirectory() as tmp:
            write_dense_graph(Path(tmp), n)
            _row(f"dense random {n}", actorgraph.load(tmp, cache=False))


if __name__ == "__main__":
    main()
