"""A cache of loaded graphs, keyed by the contents of every file, stored outside the graph.

Where: ``$ACTORGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/actorgraph``, else
``~/.cache/actorgraph``. ``ACTORGRAPH_NO_CACHE=1`` turns it off. Only graphs of at least
`MIN_BYTES` of YAML are cached (a small graph loads faster than it unpickles);
``ACTORGRAPH_CACHE_MIN_BYTES`` changes that threshold.

It is never stale and never trusted:

- the key hashes actorgraph's, Python's and pydantic's versions and, for every file, the
  name it is shown by and the SHA-256 of its bytes; any change to any file is a new key;
- an entry is signed with HMAC-SHA256 under a random per-user key (``key``, mode 0600) and
  unpickled through a whitelist of the few classes a graph holds, so a damaged or tampered
  entry is dropped and the graph rebuilt from the YAML, never executed;
- entries are written atomically; at most `MAX_ENTRIES` are kept, the oldest go first.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["MAX_ENTRIES", "MIN_BYTES", "GraphCache", "cache_dir", "min_bytes"]

MIN_BYTES = 1_000_000
MAX_ENTRIES = 8
_MAGIC = b"actorgraph-cache-1\n"
_ALLOWED = {
    ("actorgraph.io.loader", "GraphRecords"), ("actorgraph.io.loader", "Origin"),
    ("actorgraph.errors", "Problem"),
    *(("actorgraph.model.records", n) for n in ("Actor", "Claim", "Effect", "Event", "Interest",
                                                 "LintAck", "Outcome", "Relation", "Source")),
    ("networkx.classes.multidigraph", "MultiDiGraph"),
    ("pathlib", "PosixPath"), ("pathlib", "WindowsPath"),
}


def min_bytes() -> int:
    """The smallest graph (total bytes of YAML) worth caching."""
    try:
        return int(os.environ.get("ACTORGRAPH_CACHE_MIN_BYTES", MIN_BYTES))
    except ValueError:
        return MIN_BYTES


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("ACTORGRAPH_NO_CACHE"):
        return None
    if os.environ.get("ACTORGRAPH_CACHE_DIR"):
        return Path(os.environ["ACTORGRAPH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "actorgraph"


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")
        return super().find_class(module, name)


class GraphCache:
    """Get and put loaded graphs by the contents of their files."""

    def __init__(self, folder: Path):
        self.folder = folder

    @staticmethod
    def key(files: list[tuple[str, str]]) -> str:
        """The key for (shown name, sha256) of every file, with the software's versions."""
        import pydantic

        from .. import __version__

        h = hashlib.sha256()
        h.update(f"{__version__}|{sys.version}|{pydantic.VERSION}|{nx.__version__}".encode())
        for shown, digest in sorted(files):
            h.update(f"\0{shown}\0{digest}".encode())
        return h.hexdigest()

    def _secret(self) -> bytes:
        path = self.folder / "key"
        try:
            return path.read_bytes()
        except FileNotFoundError:
            self.folder.mkdir(parents=True, exist_ok=True)
            secret = os.urandom(32)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:  # another process made it first
                return path.read_bytes()
            with os.fdopen(fd, "wb") as fh:
                fh.write(secret)
            return secret

    def get(self, key: str) -> nx.MultiDiGraph | None:
        """The cached graph, or None when absent, damaged or not signed by us."""
        path = self.folder / f"{key}.pickle"
        try:
            data = path.read_bytes()
            secret = (self.folder / "key").read_bytes()
        except OSError:
            return None
        body = data[len(_MAGIC) + 32:]
        signature = data[len(_MAGIC):len(_MAGIC) + 32]
        good = data.startswith(_MAGIC) and hmac.compare_digest(
            signature, hmac.new(secret, key.encode() + body, hashlib.sha256).digest())
        if good:
            try:
                graph = _Unpickler(io.BytesIO(body)).load()
                if isinstance(graph, nx.MultiDiGraph):
                    os.utime(path)  # recently used: evicted last
                    return graph
            except Exception:
                pass
        path.unlink(missing_ok=True)
        return None

    def put(self, key: str, graph: nx.MultiDiGraph) -> bool:
        """Store `graph`; False (and nothing stored) if the cache folder cannot be written."""
        try:
            secret = self._secret()
            body = pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL)
            signature = hmac.new(secret, key.encode() + body, hashlib.sha256).digest()
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + signature + body)
            os.replace(tmp, self.folder / f"{key}.pickle")
            self._evict()
            return True
        except OSError:
            return False

    def _evict(self) -> None:
        entries = sorted(self.folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-MAX_ENTRIES]:
            old.unlink(missing_ok=True)
