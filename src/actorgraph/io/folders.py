"""Which graph folder each file belongs to, for checking the files a commit touches.

A file is checked with its whole folder (references span files). Its folder is the
``--graph`` folder that holds it when one is given; otherwise the nearest folder above it
that holds ``graph.schema.json`` (what ``actorgraph schema -o DIR`` writes, and what an
editor reads to check the file as it is typed). Other files are not graph files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import UsageError, display_path
from .schema import SCHEMA_FILE

__all__ = ["BUNDLED_GRAPH", "ENV_VAR", "default_graph_dir", "graph_files", "graph_folders",
           "graph_label"]


ENV_VAR = "ACTORGRAPH_GRAPH"
"""The environment variable naming the default graph folder."""

BUNDLED_GRAPH = Path(__file__).resolve().parent.parent / "data" / "graph"
"""Where an installed wheel keeps the curated graph."""


def default_graph_dir() -> Path:
    """The graph to use when none is named, the same for every command and for `load()`:
    ``$ACTORGRAPH_GRAPH``, else a ``graph`` folder in the working directory (a curator's
    checkout, whose git history ``diff`` reads), else the bundled graph."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    if Path("graph").is_dir():
        return Path("graph")
    if BUNDLED_GRAPH.is_dir():
        return BUNDLED_GRAPH
    return Path(__file__).resolve().parents[3] / "graph"  # a source checkout


def graph_label(path: Path) -> str:
    """How to name a graph folder to a reader: "the bundled graph", or its path as shown."""
    if path.is_dir() and path.resolve() == BUNDLED_GRAPH:
        return "the bundled graph"
    return display_path(path)


def graph_files(root: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` file below `root`, skipping hidden folders, sorted by path."""
    try:
        if not root.exists():
            raise UsageError(f"graph folder not found: {display_path(root)}")
        if root.is_file():
            return [root]
    except OSError as exc:  # e.g. a name too long for the system
        raise UsageError(f"cannot read the graph folder {display_path(root)}: "
                         f"{exc.strerror}") from None
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / f for f in filenames
                     if f.endswith((".yaml", ".yml")) and not f.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _marked_folder(file: Path) -> Path | None:
    for folder in file.parents:
        if (folder / SCHEMA_FILE).is_file():
            return folder
    return None


def graph_folders(files: Iterable[str | os.PathLike[str]], graph: str | os.PathLike[str]
                  | None = None) -> tuple[dict[Path, list[str]], list[str]]:
    """({graph folder: the given files in it}, [the files in no graph folder]).

    Folders come in the order their first file was given. A file need not exist (a commit
    may delete it): its folder is checked all the same.

    >>> graph_folders(["graph/actors/russia.yaml", "README.md"], graph="graph")
    ({PosixPath('graph'): ['graph/actors/russia.yaml']}, ['README.md'])
    """
    folders: dict[Path, list[str]] = {}
    outside: list[str] = []
    root = Path(graph).absolute() if graph is not None else None
    for name in files:
        file = Path(name).absolute()
        if root is not None:
            folder = root if file.is_relative_to(root) else None
        else:
            folder = _marked_folder(file)
        if folder is None:
            outside.append(os.fspath(name))
            continue
        try:  # name the folder as the files were named: relative when they were
            shown = folder.relative_to(Path.cwd()) if not Path(name).is_absolute() else folder
        except ValueError:
            shown = folder
        folders.setdefault(shown, []).append(os.fspath(name))
    return folders, outside
