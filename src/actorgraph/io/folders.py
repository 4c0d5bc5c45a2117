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

from .schema import SCHEMA_FILE

__all__ = ["graph_folders"]


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
