"""The edit loop at team scale (issue 18): every figure of its table, whole processes, each
side by side with its floor, in one run.

    python benchmarks/bench_loop.py [--actors 100 1000 10000] [--repeat 3] [--startup 9]
    python benchmarks/bench_loop.py --only-diff --actors 1000 3000 10000   # the diff row

Every figure is a whole process (interpreter start and imports included), timed with the
wall clock, its runs alternating with its floor's runs (the machine is shared and noisy:
read the ratios), medians of --repeat:

- floor: ``python -c`` that imports yaml and parses every file with CSafeLoader;
- cold validate: ``actorgraph validate`` with an empty cache folder (it fills it);
- warm validate: the same again, every file's entry in the cache;
- edited validate: after changing one quote in one file (a new quote each run);
- diff: ``actorgraph diff OLD NEW`` where NEW is OLD with one quote changed and OLD was
  loaded before (its files are cached), against one cold load of OLD
  (``actorgraph.load(cache=False)``, the yardstick the issue names);
- peak memory (max RSS from ``wait4``) of the cold load, against the floor's;
- gains: one ``who_gains`` query, in-process (median of 20);
- start-up: ``actorgraph gains russia azerbaijan`` on the bundled graph (cache filled)
  against ``python -c "import yaml, pydantic, networkx"``.

actorgraph's modules are byte-compiled first (``compileall``), as installing the package
does: yaml, pydantic and networkx come compiled from their wheels, and a run with
``PYTHONDONTWRITEBYTECODE`` set would otherwise compile our ~70 modules in every process.
``--skip-diff`` leaves the diff column out (at 10,000 actors it is the longest figure).
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_synthetic_graph

FLOOR = ("import glob, sys, yaml\n"
         "for f in sorted(glob.glob(sys.argv[1] + '/**/*.yaml', recursive=True)):\n"
         "    with open(f, 'rb') as fh:\n"
         "        yaml.load(fh.read(), Loader=yaml.CSafeLoader)\n")
COLD_LOAD = "import sys, actorgraph\nactorgraph.load(sys.argv[1], cache=False)\n"
GAINS = ("import statistics, sys, time, actorgraph\n"
         "from actorgraph.analyses.gains import who_gains\n"
         "G = actorgraph.load(sys.argv[1])\n"
         "times = []\n"
         "for _ in range(20):\n"
         "    t = time.perf_counter(); who_gains(G, 'actor-1', 'actor-2')\n"
         "    times.append(time.perf_counter() - t)\n"
         "print(statistics.median(times))\n")
PY = sys.executable
AG = [PY, "-m", "actorgraph"]


def run_rss(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one process, reaped with wait4 for its own usage."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{argv} failed ({proc.returncode}): {proc.stderr.read().decode()}")
    proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def edit_one_quote(path: Path, n: int) -> None:
    """Give the first quote in `path` a new last word (valid, different every call)."""
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r'(quote: "[^"]*?)( \w+)?"', rf'\1 edit{n}"', text, count=1)
    assert count == 1, path
    path.write_text(text, encoding="utf-8")


def pairs(repeat: int, floor: list[str], subject: list[str], env: dict[str, str],
          before=None) -> tuple[float, float, float, float]:
    """Alternating runs of floor and subject: (floor s, subject s, floor MiB, subject MiB)."""
    f_s, s_s, f_m, s_m = [], [], [], []
    for i in range(repeat):
        t, m = run_rss(floor, env)
        f_s.append(t)
        f_m.append(m)
        if before:
            before(i)
        t, m = run_rss(subject, env)
        s_s.append(t)
        s_m.append(m)
    med = statistics.median
    return med(f_s), med(s_s), med(f_m), med(s_m)


def measure(actors: int, repeat: int, tmp: Path, diff: bool = True, only_diff: bool = False
            ) -> dict[str, object]:
    graph, new, cache = tmp / "graph", tmp / "new", tmp / "cache"
    write_synthetic_graph(graph, actors)
    files = sorted(graph.rglob("*.yaml"))
    env = {**os.environ, "ACTORGRAPH_CACHE_DIR": str(cache)}
    env.pop("ACTORGRAPH_NO_CACHE", None)
    floor = [PY, "-c", FLOOR, str(graph)]
    validate = [*AG, "validate", "--graph", str(graph)]
    row: dict[str, object] = {"actors": actors, "files": len(files),
                              "mb": sum(f.stat().st_size for f in files) / 1e6}
    if only_diff:
        row["diff"] = measure_diff(graph, new, files, repeat, env)
        return row

    def empty_cache(_: int) -> None:
        shutil.rmtree(cache, ignore_errors=True)

    row["cold"] = pairs(repeat, floor, validate, env, before=empty_cache)
    run_rss(validate, env)  # fill the cache
    row["warm"] = pairs(repeat, floor, validate, env)
    edited = files[len(files) // 2]
    row["edited"] = pairs(repeat, floor, validate, env,
                          before=lambda i: edit_one_quote(edited, i))
    row["cached_entries"] = len(list(cache.glob("*.unit")))
    row["load"] = pairs(repeat, floor, [PY, "-c", COLD_LOAD, str(graph)], env)
    row["diff"] = measure_diff(graph, new, files, repeat, env) if diff else None
    out = subprocess.run([PY, "-c", GAINS, str(graph)], env=env, capture_output=True,
                         text=True, check=True).stdout
    row["gains_ms"] = float(out) * 1000
    return row


def measure_diff(graph: Path, new: Path, files: list[Path], repeat: int,
                 env: dict[str, str]) -> tuple[float, float, float, float]:
    """``diff OLD NEW``, NEW a copy of OLD with one quote edited, OLD validated before,
    alternating with a cold load of OLD."""
    shutil.copytree(graph, new)
    target = sorted(new.rglob("*.yaml"))[len(files) // 3]
    run_rss([*AG, "validate", "--graph", str(graph)], env)  # OLD loaded before
    return pairs(repeat, [PY, "-c", COLD_LOAD, str(graph)],
                 [*AG, "diff", str(graph), str(new), "--no-pager"], env,
                 before=lambda i: edit_one_quote(target, 100 + i))


def startup(repeat: int) -> tuple[float, float]:
    env = {**os.environ}
    floor = [PY, "-c", "import yaml, pydantic, networkx"]
    gains = [*AG, "gains", "russia", "azerbaijan"]
    run_rss(gains, env)  # the bundled graph's files into the cache
    f, s, _, _ = pairs(repeat, floor, gains, env)
    return f, s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--startup", type=int, default=9, help="runs of the start-up pair")
    parser.add_argument("--skip-diff", action="store_true", help="leave the diff column out")
    parser.add_argument("--only-diff", action="store_true",
                        help="measure the diff row alone (cold load s, diff s, ratio)")
    args = parser.parse_args()
    import actorgraph

    compileall.compile_dir(Path(actorgraph.__file__).parent, quiet=1)
    if args.only_diff:
        print("| actors | files | MB | cold load s | diff s | diff / cold load |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for actors in args.actors:
            with tempfile.TemporaryDirectory() as tmp:
                r = measure(actors, args.repeat, Path(tmp), only_diff=True)
            dl, ds, _, _ = r["diff"]
            print(f"| {actors:,} | {r['files']} | {r['mb']:.1f} | {dl:.2f} | {ds:.2f} "
                  f"| {ds / dl:.2f} |", flush=True)
        return
    print("| actors | files | MB | floor s | cold validate (x) | warm validate (x) "
          "| one quote edited (x) | cold load (x) | diff s (x cold load) | peak MiB floor / "
          "cold load (x) | gains ms |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for actors in args.actors:
        with tempfile.TemporaryDirectory() as tmp:
            r = measure(actors, args.repeat, Path(tmp), diff=not args.skip_diff)
        (cf, cs, _, _), (wf, ws, _, _) = r["cold"], r["warm"]
        (ef, es, _, _), (lf, ls, lfm, lsm) = r["edited"], r["load"]
        if r["diff"] is None:
            diff = "-"
        else:
            dl, ds, _, _ = r["diff"]
            diff = f"{ds:.2f} ({ds / dl:.2f})"
        print(f"| {actors:,} | {r['files']} | {r['mb']:.1f} | {cf:.2f} | {cs:.2f} "
              f"({cs / cf:.2f}) | {ws:.2f} ({ws / wf:.2f}) | {es:.2f} ({es / ef:.2f}) "
              f"| {ls:.2f} ({ls / lf:.2f}) | {diff} | {lfm:.0f} / {lsm:.0f} "
              f"({lsm / lfm:.2f}) | {r['gains_ms']:.1f} |", flush=True)
        assert r["cached_entries"] >= r["files"], "validate did not fill the cache"
    f, s = startup(args.startup)
    print(f"\nstart-up, bundled graph: import yaml, pydantic, networkx {f * 1000:.0f} ms; "
          f"actorgraph gains russia azerbaijan {s * 1000:.0f} ms ({s / f:.2f}x)")


if __name__ == "__main__":
    main()
