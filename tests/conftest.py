"""Shared fixtures: the curated graph, the seed text, and small graphs written to disk."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import networkx as nx
import pytest

import actorgraph

# The suite never touches the user's cache: every load in it (and in the command lines it
# runs) uses a cache folder of its own, made fresh for this run.
os.environ["ACTORGRAPH_CACHE_DIR"] = tempfile.mkdtemp(prefix="actorgraph-test-cache-")
atexit.register(shutil.rmtree, os.environ["ACTORGRAPH_CACHE_DIR"], ignore_errors=True)
os.environ.pop("ACTORGRAPH_NO_CACHE", None)

ROOT = Path(__file__).resolve().parent.parent
GRAPH_DIR = ROOT / "graph"
DATA = Path(__file__).resolve().parent / "data"
SEED_NAME = "000_7a2309e86cf298ac.txt"
"""The seed article the curated graph quotes. It is not part of the repository: it sits in
the project's shared folder beside the clone (../shared/seeds/), or where $ACTORGRAPH_SEED
points."""


@pytest.fixture(scope="session")
def seed() -> Path:
    """The seed article's path; tests that quote-check against it skip, saying why, when a
    clone has no copy of it beside."""
    path = Path(os.environ.get("ACTORGRAPH_SEED") or ROOT.parent / "shared" / "seeds" / SEED_NAME)
    if not path.is_file():
        pytest.skip(f"the seed article is not at {path} (it is not part of the repository; "
                    "set ACTORGRAPH_SEED to its path)")
    return path


@pytest.fixture(scope="session")
def curated() -> nx.MultiDiGraph:
    return actorgraph.load(GRAPH_DIR)


@pytest.fixture
def write_graph(tmp_path: Path):
    """Write YAML files (name -> text, dedented) into a fresh folder and return its path."""

    def write(files: dict[str, str] | str) -> Path:
        if isinstance(files, str):
            files = {"graph.yaml": files}
        folder = tmp_path / "graph"
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return write
