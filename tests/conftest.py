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
SEED_TEXTS = {sid: GRAPH_DIR / "sources" / f"{sid}.txt"
              for sid in ("seed-article", "seed-comment-1", "seed-comment-2")}
"""The seed article and its reader comments as the curated graph archives them (each
source's ``text:``), so the tests that quote-check against the seed always run."""


@pytest.fixture(scope="session")
def seed() -> dict[str, Path]:
    """Source id -> path of the archived text of the seed article and its two comments."""
    return dict(SEED_TEXTS)


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
