"""Mutations of a whole graph folder, the careless and hostile edits a curated folder meets:
delete, duplicate or swap lines, change indentation, truncate, insert bytes, replace a scalar
by a list or a mapping, drop a file. Shared by the suite's fuzz test and
benchmarks/fuzz_folders.py (which runs many more)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

Files = list[tuple[str, str, bytes]]
"""(name as shown, path within the graph, bytes), as `actorgraph.io.loader.read_folder`
gives them."""

_SCALAR = re.compile(rb"^(\s*(?:- )?[A-Za-z_]+: )(.+)$")


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def delete_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def duplicate_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return b"\n".join(lines)


def swap_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def reindent(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines[i] = rng.choice([b"  " + lines[i], lines[i].lstrip(b" "), lines[i][2:],
                           b"\t" + lines[i].lstrip(b" ")])
    return b"\n".join(lines)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def insert_bytes(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = rng.choice([bytes(rng.randrange(256) for _ in range(rng.randrange(1, 6))),
                       b"\x00", b"\xff\xfe", b"\xc3", b"\t", b"&a ", b"*a", b"!!python/object ",
                       b"{", b"]", b"'", b'"', b": ", b"\n- ", b"\r", b"\xe2\x80\xa8",
                       b"0000-00-00", b"<<: ", b"---\n", b"%YAML 1.1\n"])
    return data[:at] + junk + data[at:]


def scalar_to_collection(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if _SCALAR.match(line)]
    if not candidates:
        return data
    i = rng.choice(candidates)
    m = _SCALAR.match(lines[i])
    assert m is not None
    value = m[2]
    lines[i] = m[1] + rng.choice([b"[" + value + b"]", b"{x: " + value + b"}", b"[]", b"{}",
                                  b"[[" + value + b"]]"])
    return b"\n".join(lines)


MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [
    delete_line, duplicate_line, swap_lines, reindent, truncate, insert_bytes,
    scalar_to_collection]


def mutate(rng: random.Random, files: Files) -> tuple[str, Files]:
    """One mutation of one file (or a file dropped); (what was done, the new files)."""
    k = rng.randrange(len(files))
    shown, relative, data = files[k]
    if rng.random() < 0.05:
        return f"drop {relative}", files[:k] + files[k + 1:]
    times = 1 if rng.random() < 0.8 else rng.randrange(2, 5)
    done = []
    for _ in range(times):
        how = rng.choice(MUTATIONS)
        if data:
            data = how(rng, data)
        done.append(how.__name__)
    return f"{'+'.join(done)} in {relative}", [*files[:k], (shown, relative, data),
                                               *files[k + 1:]]


def read_graph(folder: Path) -> Files:
    """The graph files of `folder` as bytes, as the loader reads them."""
    from actorgraph.io.loader import read_folder

    return [(shown, relative, data) for shown, relative, data in read_folder(folder)
            if isinstance(data, bytes)]
