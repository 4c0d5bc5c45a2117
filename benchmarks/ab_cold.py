"""A/B of a cold ``actorgraph validate`` between source trees, against the parse floor.

    python benchmarks/ab_cold.py GRAPH --repeat 5 OLD/src NEW/src

For comparing a change on a shared, noisy machine: each round runs the floor (a ``python -c``
that parses every file with CSafeLoader, as `bench_loop.py`'s) and then ``actorgraph
validate --graph GRAPH`` once per source tree (``PYTHONPATH`` set to it), each with an
empty cache folder, so old and new alternate under the same load. Prints the medians of
wall clock and of CPU (user + system, from ``wait4``), each as a ratio to the floor's, and
the least CPU of the runs against the floor's least; the CPU ratios move less with the
machine's load. Make a tree to compare with
``git archive REV src | tar -x -C /tmp/old`` and byte-compile both
(``python -m compileall -q``), as installing does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_loop import FLOOR

PY = sys.executable


def run(argv: list[str], env: dict[str, str], cache: Path) -> tuple[float, float]:
    """(wall s, CPU s) of one process, started with an empty cache folder."""
    shutil.rmtree(cache, ignore_errors=True)
    t = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed: {proc.stderr.read().decode()}")
    proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("graph")
    parser.add_argument("trees", nargs="+", help="source folders (what PYTHONPATH names)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        base = {**os.environ, "ACTORGRAPH_CACHE_DIR": str(cache)}
        base.pop("ACTORGRAPH_NO_CACHE", None)
        times: dict[str, list[tuple[float, float]]] = {"floor": [], **{t: [] for t in args.trees}}
        for _ in range(args.repeat):
            times["floor"].append(run([PY, "-c", FLOOR, args.graph], base, cache))
            for tree in args.trees:
                times[tree].append(run([PY, "-m", "actorgraph", "validate", "--graph",
                                        args.graph], {**base, "PYTHONPATH": tree}, cache))
    med = statistics.median
    floor_wall, floor_cpu = med(w for w, _ in times["floor"]), med(c for _, c in times["floor"])
    for name, runs in times.items():
        wall, cpu = med(w for w, _ in runs), med(c for _, c in runs)
        least = min(c for _, c in runs) / min(c for _, c in times["floor"])
        print(f"{name}: wall {wall:.3f} s ({wall / floor_wall:.3f}x), CPU {cpu:.3f} s "
              f"({cpu / floor_cpu:.3f}x; least CPU against least {least:.3f}x); walls "
              f"{[round(w, 2) for w, _ in runs]}")


if __name__ == "__main__":
    main()
