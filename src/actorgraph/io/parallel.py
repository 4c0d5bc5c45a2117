"""Reading the files of a cold load in worker processes, one core each.

A cold load of a large graph spends nearly all its time on each file alone: parse it,
validate its records, write its cache entry and its summary (`actorgraph.io.summary`).
Those files are independent, so when many need reading, worker processes read them side
by side, each writing the entries of its files to the per-file cache, and hand back only
each file's summary; the checks across files then run in the calling process as on any
other load. Messages do not change: a file with a problem of its own gives no summary, and
the loader's full checks read it again and word every problem exactly as before.

Workers are forked (Linux only), so they start at once with everything imported. Forking a
process that runs other threads can deadlock, so the library reads in one process unless
asked: the command line (a single-threaded, short-lived process) uses every core it may
run on; ``ACTORGRAPH_WORKERS=N`` sets the number for both (1: never fork).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: the command line sets `DEFAULT` before any load,
    # and its --help must not pay for pydantic's models
    from .cache import FileStore
    from .summary import FileSummary

__all__ = ["MIN_BYTES", "decode_all", "default_workers", "summarize_in_workers", "workers"]

ENV_VAR = "ACTORGRAPH_WORKERS"
MIN_BYTES = 1 << 20
"""Fewer bytes than this to read (about 400 actors' worth) are read in the calling process:
starting workers would cost more than they save."""
_FORK = sys.platform.startswith("linux")

DEFAULT = 1
"""Workers when ``ACTORGRAPH_WORKERS`` is not set: 1 in the library; the command line sets
`default_workers` (see `actorgraph.cli.main.run`)."""


def default_workers() -> int:
    """The cores this process may run on (at most 8)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def workers() -> int:
    """How many processes read a cold load's files (1: the calling process alone)."""
    text = os.environ.get(ENV_VAR, "").strip()
    if text.isdigit() and int(text) > 0:
        return min(int(text), 64)
    return DEFAULT


_JOB: tuple[FileStore, list[Any], list[Any]] | None = None
"""What the workers read: set in the parent just before they are forked, so they inherit it
(the files' bytes are never sent through a pipe)."""


def _summarize_one(k: int) -> tuple[int, bytes | None]:
    """In a worker: read, validate and store file `k`; its encoded summary, or None when the
    file has a problem of its own."""
    from .summary import stored_summary
    from .units import read_unit

    assert _JOB is not None
    store, files, digests = _JOB
    shown, _, data = files[k]
    unit = read_unit(shown, data, digests[k], [], store)
    if unit is None:
        return k, None
    return k, stored_summary(store, digests[k], unit)[1]


def summarize_in_workers(store: FileStore, files: list[Any], digests: list[Any],
                         wanted: list[int], n: int) -> dict[int, bytes | None] | None:
    """The encoded summaries of files `wanted` (indices into `files`), read by `n` forked
    workers that also store every entry; None when they are not worth starting (one
    worker, no fork, or too little to read): the caller then reads the files itself."""
    global _JOB
    size = sum(len(files[k][2]) for k in wanted)
    if n < 2 or not _FORK or len(wanted) < 2 * n or size < MIN_BYTES:
        return None
    import multiprocessing

    from .cache import UNIT_SUFFIX
    from .summary import SUMMARY_SUFFIX

    _JOB = (store, files, digests)
    try:
        with multiprocessing.get_context("fork").Pool(min(n, len(wanted))) as pool:
            chunk = max(1, len(wanted) // (n * 8))
            out = dict(pool.imap_unordered(_summarize_one, wanted, chunksize=chunk))
    finally:
        _JOB = None
    store.written.update((UNIT_SUFFIX, SUMMARY_SUFFIX))  # for the parent's eviction
    return out


def decode_all(bodies: dict[int, bytes | None]) -> dict[int, FileSummary | None]:
    """The summaries the workers encoded (None where a file had a problem)."""
    from .summary import decode_file_summary

    return {k: None if b is None else decode_file_summary(b) for k, b in bodies.items()}
