"""Mutation fuzz of whole graph folders, more cases than the suite runs
(tests/test_fuzz_folders.py runs 120 per folder).

    python benchmarks/fuzz_folders.py [--cases 2000] [--seed 1] [--keep DIR]

Each case mutates one file of a curated folder (tests/mutations.py: delete, duplicate or
swap lines, reindent, truncate, insert bytes, replace a scalar by a list or mapping, drop a
file) and loads it through the library. Every case must end in a graph or a clean
GraphDataError/UsageError; anything else is printed with the mutation that caused it (and,
with --keep, the mutated folder is written there to reproduce it) and the exit code is 1.
Prints the outcomes, the errors per broken case (one mistake should give at most two) and
the time per case.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mutations import mutate, read_graph  # noqa: E402

from actorgraph.errors import GraphDataError, UsageError  # noqa: E402
from actorgraph.io.loader import ParseCache, load_records_from  # noqa: E402
from actorgraph.model.graph import build_graph  # noqa: E402

FOLDERS = [ROOT / "graph", ROOT / "tests" / "data" / "valid" / "india-canada",
           ROOT / "tests" / "data" / "valid" / "gahuku-gama"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=2000, help="cases per folder")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--keep", type=Path, help="write each crashing case's folder here")
    args = parser.parse_args()
    crashes = 0
    for folder in FOLDERS:
        files = read_graph(folder)
        cache = ParseCache()
        rng = random.Random(f"{args.seed}-{folder.name}")
        outcomes: dict[str, int] = {}
        errors_per_case: list[int] = []
        start = time.perf_counter()
        for case in range(args.cases):
            what, mutated = mutate(rng, files)
            try:
                build_graph(load_records_from(mutated, "fuzzed", cache=cache, disk=False))
                result = "ok"
            except GraphDataError as exc:
                result = "data error"
                errors_per_case.append(sum(p.level == "error" for p in exc.problems))
            except UsageError:
                result = "usage error"
            except Exception as exc:  # the bug this script is here to find
                result = "CRASH"
                crashes += 1
                print(f"CRASH {folder.name} case {case}: {what}: {type(exc).__name__}: {exc}")
                if args.keep:
                    out = args.keep / f"{folder.name}-{case}"
                    for _, relative, data in mutated:
                        (out / relative).parent.mkdir(parents=True, exist_ok=True)
                        (out / relative).write_bytes(data)
            outcomes[result] = outcomes.get(result, 0) + 1
        took = time.perf_counter() - start
        errors_per_case.sort()
        spread = (f"errors per broken case: median {errors_per_case[len(errors_per_case) // 2]}, "
                  f"at most two in {sum(e <= 2 for e in errors_per_case)} of "
                  f"{len(errors_per_case)}, max {errors_per_case[-1]}"
                  if errors_per_case else "")
        print(f"{folder.name}: {args.cases} cases in {took:.1f} s "
              f"({1000 * took / args.cases:.1f} ms each): {outcomes}; {spread}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
