"""The whole-graph cache entry: what the checks across files concluded about a graph that
passed them, so that loading the same folder again skips those checks.

A graph's entry is keyed by its label, its folder and every file's name and SHA-256 (and,
through `actorgraph.io.cache.FileStore.name`, by the cache's salt: the versions and the
checking code). It holds the load's warnings, its counts of records, and the fingerprint
(`actorgraph.io.sourcetext.text_fingerprint`) of every source text the checks read; it is
used only while each of those texts still gives the same fingerprint. It is written only for
a load without errors, of files that could all be read; it is signed like every entry of the
cache, and one that does not decode is dropped.

With a good entry the loader builds no record at all until a caller asks for one
(`actorgraph.io.loader.LazyRecords`): ``validate`` of an unchanged folder reads and hashes
its files and prints what the entry says.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem
from .sourcetext import text_fingerprint

__all__ = ["GraphSummary", "decode_summary", "encode_summary", "graph_digest",
           "texts_unchanged"]

_FORMAT = "actorgraph-graph-1"


@dataclass(frozen=True)
class GraphSummary:
    """What a load that passed concluded: its warnings, counts and the texts it checked."""

    warnings: list[Problem]
    counts: dict[str, int]
    texts: dict[str, str]
    """source text (as the source names it) -> its fingerprint when checked"""


def graph_digest(label: str, root: Path | None, text_root: Path | None,
                 files: Iterable[tuple[str, str, str]]) -> str:
    """The key of a graph: its label, folder, where texts are read, and every file as
    (name shown, path in the graph, SHA-256 of its bytes), in the order read."""
    key = repr((_FORMAT, label, str(root), str(text_root), list(files)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def encode_summary(warnings: Iterable[Problem], counts: Mapping[str, int],
                   texts: Mapping[str, str]) -> bytes:
    return marshal.dumps((_FORMAT,
                          [(p.file, p.line, p.column, p.message, p.level) for p in warnings],
                          list(counts.items()), sorted(texts.items())))


def decode_summary(data: bytes) -> GraphSummary:
    """The summary `encode_summary` wrote; ValueError if `data` is not one."""
    try:
        fmt, warnings, counts, texts = marshal.loads(data)
        if fmt != _FORMAT:
            raise ValueError("another format")
        problems = [Problem(_str(f), _int(line), _int(col), _str(m), _level(lv))
                    for f, line, col, m, lv in warnings]
        return GraphSummary(problems, {_str(k): _int(n) for k, n in counts},
                            {_str(k): _str(v) for k, v in texts})
    except (EOFError, ValueError, TypeError) as exc:
        raise ValueError(f"not a graph entry: {exc}") from None


def texts_unchanged(text_root: Path | None, texts: Mapping[str, str]) -> bool:
    """Whether every source text a summary's checks read still reads the same."""
    if not texts:
        return True
    if text_root is None:
        return False
    return all(text_fingerprint(text_root, name) == fp for name, fp in texts.items())


def _str(x: Any) -> str:
    if type(x) is not str:
        raise TypeError("expected text")
    return x


def _int(x: Any) -> int:
    if type(x) is not int:
        raise TypeError("expected a number")
    return x


def _level(x: Any) -> Any:
    if x not in ("error", "warning"):
        raise ValueError("not a level")
    return x
