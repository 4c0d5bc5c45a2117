"""Load a graph folder: read every YAML file, validate records, check references across them.

Stages (each collects *every* problem before the next runs):

1. read each ``*.yaml``/``*.yml`` file safely, keeping positions (`actorgraph.io.yamlread`);
2. validate each file against `actorgraph.model.records.GraphFile`;
3. check what spans records: duplicate ids, dangling references, duplicate or
   contradictory assertions, membership cycles;
4. hand the checked records (`GraphRecords`) to `actorgraph.model.graph.build_graph`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import Problem, display_path, quote_name
from .cache import GRAPH_SUFFIX, FileStore, open_store
from .checker import Checker, GraphRecords, Origin, ParseCache
from .folders import ENV_VAR, default_graph_dir, graph_files, graph_label
from .parallel import decode_all, summarize_in_workers, workers
from .summary import (
    SUMMARY_SUFFIX,
    FileSummary,
    check_summaries,
    decode_file_summary,
    stored_summary,
    weigh_in_full,
)
from .units import read_unit
from .wholegraph import (
    GraphSummary,
    decode_summary,
    encode_summary,
    graph_digest,
    texts_unchanged,
)
from .yamlread import YamlProblem, read_file_bytes

__all__ = [
    "ENV_VAR",
    "GraphRecords",
    "LazyRecords",
    "Origin",
    "ParseCache",
    "default_graph_dir",
    "graph_files",
    "load_records",
]


def load_records(root: str | os.PathLike[str] | None = None, *,
                 cache: ParseCache | None = None, disk: bool = True) -> GraphRecords:
    """Read and check every file of the graph at `root` (default: `default_graph_dir`).

    Each file's checked records come from the per-file cache (`actorgraph.io.cache`) when
    its bytes were seen before; ``disk=False`` reads every file afresh.
    Raises `GraphDataError` with every problem found, sorted by file and line.
    """
    path = Path(root) if root is not None else default_graph_dir()
    return load_records_from(read_folder(path), graph_label(path), cache=cache, root=path,
                             disk=disk)


FileContents = tuple[str, str, "bytes | Problem"]
"""(name as shown, path within the graph, the bytes, or the problem that kept them unread)"""


def read_folder(root: Path) -> list[FileContents]:
    """Every graph file below `root` (or `root` itself, a file), read once."""
    files = graph_files(root)
    if files == [root]:
        relatives = [root.name]
        shown = [display_path(root)]
    else:
        relatives = [file.relative_to(root).as_posix() for file in files]
        shown = _display_names(root, files, relatives)
    out: list[FileContents] = []
    for file, relative, name in zip(files, relatives, shown, strict=True):
        try:
            out.append((name, relative,
                        read_file_bytes(file, inside=None if file == root else root)))
        except YamlProblem as exc:
            out.append((name, relative, exc.problem))
    return out


def _display_names(root: Path, files: list[Path], relatives: list[str]) -> list[str]:
    """`display_path` of each file of the folder `root` (`relatives`: their paths in it),
    worked out once for the folder instead of once per file (a ``realpath`` each when the
    folder lies outside the working folder). The same names: below the working folder a
    file's relative path is the folder's joined with the file's; outside it (and not above
    it), the folder's real path joined with the file's, unless the file is itself a link
    (`graph_files` never goes down a linked folder), which is resolved on its own."""
    try:
        base = os.path.relpath(root)
    except (ValueError, OSError):
        base = None
    if base is None or os.sep != "/" or set(base.split("/")) == {".."}:
        # (a folder holding the working folder: some of its files are below it, some not)
        return [display_path(file) for file in files]
    if not base.startswith(".."):
        return [quote_name(rel if base == "." else f"{base}/{rel}") for rel in relatives]
    real = os.path.realpath(root)
    return [display_path(file) if os.path.islink(file) else quote_name(f"{real}/{rel}")
            for file, rel in zip(files, relatives, strict=True)]


def load_records_from(files: Iterable[FileContents], label: str, *,
                      cache: ParseCache | None = None,
                      root: Path | None = None, disk: bool = True) -> GraphRecords:
    """Check a graph given as (display name, path in the graph, contents), from a folder
    (`read_folder`) or a git revision.

    Problems name each file by its display name, e.g. ``HEAD~1:graph/actors/x.yaml:3:5``.
    `root` is the folder the files came from, if any. With `disk`, files already seen come
    from the per-file cache, and a graph that passed before with the same files, unchanged,
    comes back as `LazyRecords` without running the checks across files again.
    """
    store = open_store() if disk else None
    ordered = sorted(files)
    digests = [hashlib.sha256(d).hexdigest() if isinstance(d, bytes) else None
               for _, _, d in ordered]
    key = None
    if store is not None and cache is None and None not in digests:
        key = graph_digest(label, root, root, [(shown, relative, digest) for (shown, relative, _),
                                               digest in zip(ordered, digests, strict=True)])
        known = _known_graph(store, key, root)
        if known is not None:
            return LazyRecords(GraphRecords(root=root or Path(label), label=label), ordered,
                               digests, known, store)
        cache = ParseCache()  # the files read for their summaries, if the full checks run
        checked = _check_summaries(store, ordered, digests, cache, root)
        if checked is not None:
            store.put(key, encode_summary(checked.warnings, checked.counts, checked.texts),
                      GRAPH_SUFFIX)
            store.evict()
            return LazyRecords(GraphRecords(root=root or Path(label), label=label), ordered,
                               digests, checked, store)
    checker = Checker(GraphRecords(root=root or Path(label), label=label), cache, store)
    checker.text_root = root
    for (shown, relative, data), digest in zip(ordered, digests, strict=True):
        checker.read(shown, relative, data, digest)
    try:
        records = checker.finish()
        if store is not None and key is not None:
            store.put(key, encode_summary(records.warnings, records.counts(), checker.texts),
                      GRAPH_SUFFIX)
    finally:
        if store is not None:
            store.evict()
    return records


def _known_graph(store: FileStore, key: str, text_root: Path | None) -> Any:
    """The summary of a graph that passed with these very files, if its texts still read
    the same; else None."""
    body = store.get(key, GRAPH_SUFFIX)
    if body is None:
        return None
    try:
        summary = decode_summary(body)
    except ValueError:
        store.drop(key, GRAPH_SUFFIX)
        return None
    return summary if texts_unchanged(text_root, summary.texts) else None


def _check_summaries(store: FileStore, files: list[FileContents], digests: list[Any],
                     cache: ParseCache, text_root: Path | None) -> GraphSummary | None:
    """What the checks across files conclude, from every file's summary (`actorgraph.io.
    summary`), if the summaries prove the graph clean; else None. A file without a good
    summary is read (from its cache entry, else parsed: then kept in `cache`) and its
    summary stored; when many are to be read, worker processes read them side by side
    (`actorgraph.io.parallel`)."""
    found: dict[int, FileSummary | None] = {}
    for k, digest in enumerate(digests):
        body = store.get(digest, SUMMARY_SUFFIX)
        if body is not None:
            try:
                found[k] = decode_file_summary(body)
            except ValueError:
                store.drop(digest, SUMMARY_SUFFIX)
    wanted = [k for k in range(len(files)) if k not in found]
    read = summarize_in_workers(store, files, digests, wanted, workers()) if wanted else None
    if read is not None:  # read by worker processes, side by side
        found.update(decode_all(read))
    summaries: list[tuple[str, FileSummary]] = []
    for k, (shown, _, data) in enumerate(files):
        summary = found[k] if k in found else _file_summary(store, shown, data, digests[k],
                                                            cache)
        if summary is None:
            return None
        summaries.append((shown, summary))
    verdict = check_summaries(summaries, text_root)
    if verdict is None:
        return None
    warnings, counts, deep = verdict
    texts: dict[str, str] = {}
    if deep:  # the few files whose records the checks of dates and texts read
        checker = Checker(GraphRecords(root=text_root or Path()), cache, store)
        for k in deep:
            shown, relative, data = files[k]
            checker.read(shown, relative, data, digests[k])
        if checker.problems or not weigh_in_full(checker.records, text_root, texts):
            return None
    return GraphSummary(warnings, counts, texts)


def _file_summary(store: FileStore, shown: str, data: bytes, digest: str,
                  cache: ParseCache) -> FileSummary | None:
    """Read one file without a summary here, keep its unit in `cache`, store its summary."""
    unit = read_unit(shown, data, digest, [], store)
    if unit is None:  # the full checks read it again and tell why
        return None
    cache.files[digest] = unit
    return stored_summary(store, digest, unit)[0]


class LazyRecords(GraphRecords):
    """The records of a graph that passed every check before with the very same files: its
    warnings, files and counts are known at once; its records are built on first use
    (every file's from the per-file cache, no check across files run again)."""

    def __init__(self, base: GraphRecords, files: list[FileContents], digests: list[Any],
                 summary: Any, store: FileStore) -> None:
        self.root, self.label = base.root, base.label
        self.files = [shown for shown, _, _ in files]
        self.digests = {rel: d for (_, rel, _), d in zip(files, digests, strict=True)}
        self.relative = {shown: rel for shown, rel, _ in files}
        self.warnings = list(summary.warnings)
        self._counts = dict(summary.counts)
        self._pending: tuple[Any, ...] | None = (files, digests, store)

    def __getattr__(self, name: str) -> Any:  # only for what is not set yet: the records
        pending = self.__dict__.get("_pending")
        if name.startswith("_") or pending is None:
            raise AttributeError(name)
        files, digests, store = pending
        checker = Checker(GraphRecords(root=self.root, label=self.label), None, store)
        for (shown, relative, data), digest in zip(files, digests, strict=True):
            checker.read(shown, relative, data, digest)
        store.evict()  # a file whose entry had gone was read and stored again
        self._pending = None
        for key, value in vars(checker.records).items():
            if key not in self.__dict__:
                setattr(self, key, value)
        return getattr(self, name)

    def counts(self) -> dict[str, int]:
        return dict(self._counts) if self._pending is not None else super().counts()


