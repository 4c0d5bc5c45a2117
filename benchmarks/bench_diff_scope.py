"""What `diff` asks again after one edit (issue 18.4), and what asking every rift costs.

    python benchmarks/bench_diff_scope.py [--actors 1000] [--no-every-rift]

Writes a synthetic graph (`synth.py`), then for each kind of edit: a fresh copy with that
one edit, both versions loaded (one parse cache, as `diff` loads them), and, in-process,
`diff_graphs` (only the rifts a change can reach) then `diff_graphs(every_rift=True)`
(every rift, both versions). The two results must be equal; the script stops if not.
Each edit runs with an empty exact-support cache for the scoped diff; the every-rift diff
runs second, with that cache as the scoped one left it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_synthetic_graph


def _sub(path: Path, pattern: str, repl: str | Callable[[re.Match[str]], str]) -> None:
    text, count = re.subn(pattern, repl, path.read_text(encoding="utf-8"), count=1)
    assert count == 1, (path, pattern)
    path.write_text(text, encoding="utf-8")


def _flip(m: re.Match[str]) -> str:
    return "stance: " + ("opposes" if m[1] == "wants" else "wants") + "\n"


EDITS: dict[str, Callable[[Path], None]] = {
    "one quote re-worded": lambda d: _sub(d / "actors" / "actors-0020.yaml",
                                          r'(quote: "[^"]*?)"', r'\1 edited"'),
    "one interest's stance flipped": lambda d: _sub(d / "actors" / "actors-0020.yaml",
                                                    r"stance: (wants|opposes)\n", _flip),
    "one effect claim turned into a denial": lambda d: _sub(
        d / "outcomes" / "outcomes-0003.yaml", r"stance: asserts", "stance: denies"),
    "one source's confidence changed": lambda d: _sub(d / "sources.yaml",
                                                      r"confidence: [0-9.]+",
                                                      "confidence: 0.95"),
    "an actor put in a bloc (part_of)": lambda d: _sub(
        d / "actors" / "actors-0020.yaml", r"(kind: (?:state|faction|person)\n)(?!    part_of)",
        r"\1    part_of: [actor-0]\n"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=1000)
    parser.add_argument("--no-every-rift", action="store_true",
                        help="time only the scoped diff (every rift is slow at 10k actors)")
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="actorgraph-bench-cache-")
    os.environ["ACTORGRAPH_CACHE_DIR"] = cache  # keep the user's cache out of it

    from actorgraph.analyses import evidence
    from actorgraph.analyses.diff import diff_graphs
    from actorgraph.analyses.diffscope import affected_rifts
    from actorgraph.model.graph import load_versions

    print("| edit | records changed | rifts asked | answers changed | scoped s | every rift s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        write_synthetic_graph(old, args.actors)
        for name, edit in EDITS.items():
            new = Path(tmp) / "new"
            shutil.rmtree(new, ignore_errors=True)
            shutil.copytree(old, new)
            edit(new)
            G_old, G_new = load_versions(str(old), str(new))
            evidence._exact.cache_clear()
            t = time.perf_counter()
            d = diff_graphs(G_old, G_new)
            scoped = time.perf_counter() - t
            asked = affected_rifts(G_old, G_new, d.records, d.rifts, {}, 4)
            every = "-"
            if not args.no_every_rift:
                t = time.perf_counter()
                full = diff_graphs(G_old, G_new, every_rift=True)
                every = f"{time.perf_counter() - t:.2f}"
                if full != d:
                    raise SystemExit(f"{name}: the scoped diff differs from every rift's")
            print(f"| {name} | {len(d.records)} | {len(asked)} of {len(d.rifts)} "
                  f"| {len(d.answers)} | {scoped:.2f} | {every} |", flush=True)
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
