"""The whole-graph cache entry: an unchanged folder that passed before is not checked across
files again, and its records are built only when asked for; anything that could change the
answer (a file's bytes, its name, a source text) makes the load run every check again."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys

import pytest

import actorgraph
from actorgraph.errors import Problem
from actorgraph.io.cache import GRAPH_SUFFIX
from actorgraph.io.loader import LazyRecords, load_records
from actorgraph.io.wholegraph import decode_summary, encode_summary

from ..conftest import ROOT

TABLES = ("sources", "actors", "outcomes", "events", "interests", "effects", "relations",
          "claims", "origins")


@pytest.fixture
def cached(cached):
    """The cache tests' copy of the curated graph and cache folder (tests/io/conftest.py),
    with an empty file and an outcome nobody wants (two warnings)."""
    graph, folder = cached
    (graph / "empty.yaml").write_text("", encoding="utf-8")
    (graph / "lonely.yaml").write_text(
        "outcomes:\n  - id: lonely-outcome\n    label: Nobody wants this\n"
        "    kind: alignment\n", encoding="utf-8")
    return graph, folder


def graph_entries(folder):
    return sorted(folder.glob("*" + GRAPH_SUFFIX))


def test_an_unchanged_folder_comes_back_lazily_and_the_same(cached):
    graph, folder = cached
    cold = load_records(graph, disk=False)
    assert [w.message for w in cold.warnings] == [
        "file is empty (no records)",
        "outcome 'lonely-outcome' is not wanted, opposed or linked by any effect"]
    first = load_records(graph)
    assert type(first) is not LazyRecords and len(graph_entries(folder)) == 1
    warm = load_records(graph)
    assert type(warm) is LazyRecords
    # what validate prints needs no record
    assert warm.warnings == cold.warnings
    assert warm.files == cold.files and warm.digests == cold.digests
    assert warm.relative == cold.relative
    assert warm.counts() == cold.counts()
    assert "actors" not in vars(warm)  # not built yet
    for table in TABLES:  # built on first use, from the per-file entries
        assert getattr(warm, table) == getattr(cold, table), table
    assert warm.counts() == cold.counts()
    assert [a.model_fields_set for a in warm.actors.values()] == \
        [a.model_fields_set for a in cold.actors.values()]
    G = actorgraph.load(graph)
    assert type(G.graph["records"]) is LazyRecords
    assert actorgraph.who_gains(G, "russia", "azerbaijan").gainers[0] == "ukraine"


def test_an_edit_that_keeps_size_and_time_is_checked_again(cached):
    graph, folder = cached
    path = graph / "actors" / "turkiye.yaml"
    load_records(graph)
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    # an unknown actor of the same length: only the checks across files can see it
    assert "part_of: [turkiye]" in text
    path.write_text(text.replace("part_of: [turkiye]", "part_of: [turkiyo]", 1),
                    encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    with pytest.raises(actorgraph.GraphDataError) as info:
        load_records(graph)
    assert "unknown actor 'turkiyo'; did you mean 'turkiye'?" in str(info.value)
    assert len(graph_entries(folder)) == 1  # a graph with errors leaves no entry


def test_a_renamed_file_is_another_graph(cached):
    graph, folder = cached
    load_records(graph)
    (graph / "lonely.yaml").rename(graph / "alone.yaml")
    records = load_records(graph)
    assert type(records) is not LazyRecords
    assert [os.path.basename(w.file) for w in records.warnings] == ["alone.yaml",
                                                                    "empty.yaml"]
    assert len(graph_entries(folder)) == 2
    assert type(load_records(graph)) is LazyRecords


@pytest.mark.parametrize("change, message", [
    (lambda t: t.write_text(t.read_text(encoding="utf-8").replace(
        "do everything possible", "do all it can"), encoding="utf-8"),
     "quote not found in sources/seed-article.txt (the source's text)"),
    (lambda t: t.unlink(), "source 'seed-article': text: "),
])
def test_a_source_text_changed_after_the_entry_is_checked_again(cached, change, message):
    graph, _ = cached
    load_records(graph)
    assert type(load_records(graph)) is LazyRecords
    change(graph / "sources" / "seed-article.txt")
    with pytest.raises(actorgraph.GraphDataError) as info:
        load_records(graph)
    errors = [p.message for p in info.value.problems if p.level == "error"]
    assert errors and all(m.startswith(message) for m in errors), errors


def test_a_damaged_graph_entry_is_dropped_and_rebuilt(cached):
    graph, folder = cached
    cold = load_records(graph, disk=False)
    load_records(graph)
    [entry] = graph_entries(folder)
    intact = entry.read_bytes()
    for damage in (intact[:-5], b"garbage", b"", intact[:40] + b"\0" * 40):
        entry.write_bytes(damage)
        records = load_records(graph)
        assert type(records) is not LazyRecords
        assert records.warnings == cold.warnings
        assert entry.read_bytes() == intact  # written again, whole
        assert type(load_records(graph)) is LazyRecords


def test_a_summary_round_trips_and_refuses_what_it_did_not_write():
    warnings = [Problem("a.yaml", 1, 1, "file is empty (no records)", "warning")]
    body = encode_summary(warnings, {"actors": 3}, {"t.txt": "sha256:00"})
    summary = decode_summary(body)
    assert (summary.warnings, summary.counts, summary.texts) == (
        warnings, {"actors": 3}, {"t.txt": "sha256:00"})

    for bad in (b"", b"x", marshal.dumps(("actorgraph-graph-0", [], [], [])),
                marshal.dumps(("actorgraph-graph-1", [("a", "1", 1, "m", "warning")], [], [])),
                marshal.dumps(("actorgraph-graph-1", [("a", 1, 1, "m", "fatal")], [], []))):
        with pytest.raises(ValueError):
            decode_summary(bad)


def test_validate_says_the_same_from_the_entry(cached):
    graph, folder = cached
    env = {**os.environ, "ACTORGRAPH_CACHE_DIR": str(folder), "PYTHONPATH": str(ROOT / "src")}
    runs = [subprocess.run([sys.executable, "-m", "actorgraph", "validate", "--graph",
                            str(graph)], capture_output=True, text=True, env=env, cwd=ROOT,
                           timeout=120) for _ in range(2)]
    assert len(graph_entries(folder)) == 1
    assert [r.returncode for r in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr
    assert runs[1].stdout.startswith("ok: ") and "lonely-outcome" in runs[1].stderr
