"""Fixtures the cache tests share."""

from __future__ import annotations

import shutil

import pytest

from actorgraph.errors import GraphDataError
from actorgraph.io.cache import take_notices
from actorgraph.io.loader import load_records

from ..conftest import DATA, GRAPH_DIR

GRAPHS = [*sorted(p.name for p in (DATA / "valid").iterdir()), "curated"]
"""Every valid test graph, and the curated one: what a load must say the same of."""


def outcome(folder, **kwargs):
    """What a load says: its errors, or its warnings, counts and files, as a reader sees
    them (file:line:column: level: message)."""
    try:
        records = load_records(folder, **kwargs)
    except GraphDataError as exc:
        return ("error", [str(p) for p in exc.problems])
    return ("ok", [str(w) for w in records.warnings], records.counts(), records.files)


def copy_graph(name, tmp_path):
    """A copy of the graph `name` (one of `GRAPHS`) in `tmp_path`."""
    copy = tmp_path / "copy"
    shutil.copytree(GRAPH_DIR if name == "curated" else DATA / "valid" / name, copy)
    return copy


@pytest.fixture
def cached(tmp_path, monkeypatch):
    """A copy of the curated graph, and a cache folder of its own (not yet made)."""
    graph = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, graph)
    folder = tmp_path / "cache"
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(folder))
    monkeypatch.delenv("ACTORGRAPH_NO_CACHE", raising=False)
    take_notices()
    yield graph, folder
    take_notices()
