"""Mutation fuzz of whole curated folders (issue 17): a few hundred careless or hostile edits
of the bundled graph and of the two test graphs, each loaded through the library, end in a
graph or in a clean `GraphDataError`, never another exception. More cases:
``python benchmarks/fuzz_folders.py``."""

from __future__ import annotations

import random

import pytest

from actorgraph.errors import GraphDataError, UsageError
from actorgraph.io.loader import ParseCache, load_records_from
from actorgraph.model.graph import build_graph

from .conftest import DATA, GRAPH_DIR
from .mutations import mutate, read_graph

FOLDERS = {"curated": GRAPH_DIR, "india-canada": DATA / "valid" / "india-canada",
           "gahuku-gama": DATA / "valid" / "gahuku-gama"}
CASES = 120  # per folder


def outcome(files, cache):
    """'ok', or the kind of clean error; anything else propagates (and fails the test)."""
    try:
        build_graph(load_records_from(files, "fuzzed", cache=cache, disk=False))
    except GraphDataError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        assert sum(p.level == "error" for p in exc.problems) >= 1
        return "data error"
    except UsageError:
        return "usage error"
    return "ok"


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_mutated_folders_load_or_fail_cleanly(name):
    files = read_graph(FOLDERS[name])
    cache = ParseCache()  # each unchanged file is parsed once for all the cases
    assert outcome(files, cache) == "ok"
    rng = random.Random(f"fuzz-{name}")
    seen: dict[str, int] = {}
    for _ in range(CASES):
        what, mutated = mutate(rng, files)
        try:
            result = outcome(mutated, cache)
        except Exception as exc:  # pragma: no cover - the failure names the mutation
            raise AssertionError(f"{what}: {type(exc).__name__}: {exc}") from exc
        seen[result] = seen.get(result, 0) + 1
    # the mutations do break things: most cases are data errors, some still load
    assert seen.get("data error", 0) > CASES // 4, seen
