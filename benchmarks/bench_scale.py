"""Scale benchmark: the numbers of issue "Hostile input and scale", side by side in one run.

    python benchmarks/bench_scale.py [--claims 1000 10000 100000] [--repeat 3]

For each corpus size (synthetic, ~10 claims per actor, many files), every timing runs in a
fresh Python process (so nothing is warm that should not be), median of --repeat runs:

- floor: ``yaml.load(..., Loader=yaml.CSafeLoader)`` of every file, nothing else;
- cold: ``actorgraph.load`` with the cache off (parse + validate + build, every check on);
- warm: ``actorgraph.load`` with the cache filled by a previous run;
- gains: one ``who_gains`` query (in-process, median of 20);
- diff: two versions with 1% of actors changed, as ``actorgraph diff`` loads them;
- peak RSS of the cold load.

Then CLI start-up on the bundled graph against ``python -c "import yaml, pydantic, networkx"``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import mutate_graph, write_synthetic_graph

CHILD = r"""
import json, resource, statistics, sys, time, glob
what, folder, other = sys.argv[1], sys.argv[2], sys.argv[3]
out = {}
if what == "floor":
    import yaml
    files = sorted(glob.glob(folder + "/**/*.yaml", recursive=True))
    t = time.perf_counter()
    for f in files:
        with open(f, "rb") as fh:
            yaml.load(fh.read(), Loader=yaml.CSafeLoader)
    out["s"] = time.perf_counter() - t
elif what in ("cold", "warm"):
    import actorgraph
    # imports are not load time (as for the floor)
    import actorgraph.model.graph, actorgraph.io.cache
    t = time.perf_counter()
    G = actorgraph.load(folder, cache=(what == "warm"))
    out["s"] = time.perf_counter() - t
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["claims"] = len(G.graph["records"].claims)
elif what == "gains":
    import actorgraph
    from actorgraph.analyses.gains import who_gains
    G = actorgraph.load(folder, cache=False)
    times = []
    for _ in range(20):
        t = time.perf_counter()
        who_gains(G, "actor-1", "actor-2")
        times.append(time.perf_counter() - t)
    out["s"] = statistics.median(times)
elif what == "diff":
    from actorgraph.analyses.diff import diff_graphs
    from actorgraph.model.graph import build_graph
    from actorgraph.io.loader import ParseCache, load_records
    t = time.perf_counter()
    cache = ParseCache()
    a = build_graph(load_records(folder, cache=cache))
    b = build_graph(load_records(other, cache=cache))
    d = diff_graphs(a, b)
    out["s"] = time.perf_counter() - t
    out["records"] = len(d.records)
print(json.dumps(out))
"""


def child(what: str, folder: Path, other: Path | None = None,
          env: dict[str, str] | None = None) -> dict:
    result = subprocess.run([sys.executable, "-c", CHILD, what, str(folder), str(other or "")],
                            capture_output=True, text=True, check=True, env=env)
    return json.loads(result.stdout)


def median_of(repeat: int, what: str, folder: Path, other: Path | None = None,
              env: dict[str, str] | None = None) -> dict:
    runs = [child(what, folder, other, env) for _ in range(repeat)]
    best = dict(runs[0])
    best["s"] = statistics.median(r["s"] for r in runs)
    return best


def cli_startup(repeat: int) -> list[tuple[str, float]]:
    def run(argv: list[str]) -> float:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True)
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    exe = [sys.executable, "-m", "actorgraph"]
    return [("python -c 'import yaml, pydantic, networkx'",
             run([sys.executable, "-c", "import yaml, pydantic, networkx"])),
            ("actorgraph --help", run([*exe, "--help"])),
            ("actorgraph gains russia azerbaijan", run([*exe, "gains", "russia", "azerbaijan"]))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| claims | files | MB | floor s | cold s (x floor) | warm s (x floor) | gains ms "
          "| diff 1% s (x cold) | cold peak RSS MB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for claims in args.claims:
        with tempfile.TemporaryDirectory() as tmp:
            old, new, cache = Path(tmp) / "old", Path(tmp) / "new", Path(tmp) / "cache"
            write_synthetic_graph(old, max(10, claims // 10))
            shutil.copytree(old, new)
            mutate_graph(new, 0.01)
            files = list(old.rglob("*.yaml"))
            mb = sum(f.stat().st_size for f in files) / 1e6
            env = {**os.environ, "ACTORGRAPH_CACHE_DIR": str(cache),
                   "ACTORGRAPH_CACHE_MIN_BYTES": "0"}
            floor = median_of(args.repeat, "floor", old)["s"]
            cold = median_of(args.repeat, "cold", old, env=env)
            child("warm", old, env=env)  # fill the cache
            warm = median_of(args.repeat, "warm", old, env=env)["s"]
            gains = child("gains", old)["s"]
            diff = median_of(args.repeat, "diff", old, new)["s"]
            print(f"| {cold['claims']:,} | {len(files)} | {mb:.1f} | {floor:.2f} "
                  f"| {cold['s']:.2f} ({cold['s'] / floor:.2f}) | {warm:.2f} "
                  f"({warm / floor:.2f}) | {gains * 1000:.1f} | {diff:.2f} "
                  f"({diff / cold['s']:.2f}) | {cold['rss_mb']:.0f} |", flush=True)
    print("\nCLI start-up on the bundled graph (median wall clock):")
    for label, seconds in cli_startup(max(5, args.repeat * 3)):
        print(f"  {label:<45} {seconds * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
