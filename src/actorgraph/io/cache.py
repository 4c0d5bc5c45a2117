"""The per-file cache: each graph file's checked records, keyed by the SHA-256 of its bytes.

Where: ``$ACTORGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/actorgraph``, else
``~/.cache/actorgraph``. ``ACTORGRAPH_NO_CACHE=1`` turns it off.

An edit to a file, even one that keeps its size and time, changes its hash: that file is
read again and the others come from the cache; the checks across files always run. An
entry is never stale and never trusted:

- its name hashes the file's bytes with a salt of actorgraph's, Python's and pydantic's
  versions, the source of the modules that read and check a file, and the models' layout;
- it is plain data (`actorgraph.io.units`, read with `marshal`), signed with HMAC-SHA256
  under a random per-user key (``key``, 32 bytes, mode 0600); an entry that is damaged, not
  signed with our key, or not plain data is dropped and the file read again;
- the folder is used only when it is the user's own and no one else can write to it, and
  the key only when it is the user's own regular file of 32 bytes that no one else can
  read; otherwise the graph loads uncached and `notices` says why (the command line prints
  it once). Entries and the key are checked with ``lstat`` and opened without following
  links and without blocking, so a FIFO, a device or a link to one is never read.
- entries are written atomically; at most `MAX_ENTRIES` are kept, the oldest go first.

Besides one entry per file (``.unit``), a load that passed keeps one entry per whole graph
(``.graph``, `actorgraph.io.wholegraph`): its warnings and counts, keyed by every file's
name and hash, so an unchanged folder skips the checks across files; at most
`MAX_GRAPH_ENTRIES` of those are kept. Each file also has a plain summary of its records
(``.sum``, `actorgraph.io.summary`, keyed like its ``.unit``) on which the checks across
files run after an edit.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
import sys
import tempfile
from pathlib import Path

import pydantic

from .. import __version__
from .units import layout_signature

__all__ = ["GRAPH_SUFFIX", "MAX_ENTRIES", "MAX_ENTRY_BYTES", "MAX_GRAPH_ENTRIES", "UNIT_SUFFIX",
           "FileStore",
           "cache_dir", "notices", "open_store", "take_notices"]

MAX_ENTRIES = 20_000
MAX_GRAPH_ENTRIES = 200
MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""Largest entry read (a file's records; an 8 MiB YAML file makes far less)."""
KEY_BYTES = 32
_MAGIC = b"actorgraph-unit-1\n"
UNIT_SUFFIX = _SUFFIX = ".unit"
GRAPH_SUFFIX = ".graph"
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)

notices: list[str] = []
"""Why the cache was not used, once per reason, for the command line to tell."""


def _notice(message: str) -> None:
    if message not in notices:
        notices.append(message)


def take_notices() -> list[str]:
    """The notices not yet told, emptying the list."""
    out = list(notices)
    notices.clear()
    return out


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("ACTORGRAPH_NO_CACHE"):
        return None
    if os.environ.get("ACTORGRAPH_CACHE_DIR"):
        return Path(os.environ["ACTORGRAPH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "actorgraph"


def _uid() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None


def _unsafe(info: os.stat_result, what: str) -> str | None:
    """Why a file or folder must not be trusted, or None."""
    uid = _uid()
    if uid is not None and info.st_uid != uid:
        return f"{what} belongs to another user"
    if info.st_mode & 0o022:
        return f"{what} can be written by other users"
    return None


def _read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of `path` if it is a regular file of ours of at most `limit` bytes (no link
    followed, never blocking on a FIFO, never more than its size); else None."""
    try:
        before = os.lstat(path)
        if not stat.S_ISREG(before.st_mode) or before.st_size > limit:
            return None
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if (not stat.S_ISREG(info.st_mode) or (info.st_dev, info.st_ino) != (before.st_dev,
                                                                            before.st_ino)
                or info.st_size > limit or _unsafe(info, "entry")):
            return None
        chunks, left = [], info.st_size
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


class FileStore:
    """Signed entries in a checked folder; build with `open_store`."""

    def __init__(self, folder: Path, secret: bytes, salt: str):
        self.folder = folder
        self.secret = secret
        self.salt = salt
        self.written: set[str] = set()

    def name(self, digest: str) -> str:
        return hashlib.sha256(f"{self.salt}\0{digest}".encode()).hexdigest()

    def _sign(self, name: str, body: bytes) -> bytes:
        return hmac.new(self.secret, name.encode() + body, hashlib.sha256).digest()

    def get(self, digest: str, suffix: str = _SUFFIX) -> bytes | None:
        """The body stored for a file of this digest, or None (absent, damaged or forged)."""
        name = self.name(digest)
        data = _read_regular(self.folder / (name + suffix), MAX_ENTRY_BYTES)
        if data is None:
            return None
        head = len(_MAGIC)
        body = data[head + 32:]
        if data.startswith(_MAGIC) and hmac.compare_digest(data[head:head + 32],
                                                           self._sign(name, body)):
            return body
        self.drop(digest, suffix)
        return None

    def drop(self, digest: str, suffix: str = _SUFFIX) -> None:
        """Remove a bad entry (it is rewritten when the file is next read)."""
        with contextlib.suppress(OSError):
            os.unlink(self.folder / (self.name(digest) + suffix))

    def put(self, digest: str, body: bytes, suffix: str = _SUFFIX) -> None:
        """Store `body` for the file of `digest` (atomically); a failure is only a miss."""
        name = self.name(digest)
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(_MAGIC + self._sign(name, body) + body)
                os.replace(tmp, self.folder / (name + suffix))
            except BaseException:
                os.unlink(tmp)
                raise
            self.written.add(suffix)
        except OSError:
            return

    def evict(self) -> None:
        """Keep the newest `MAX_ENTRIES` file entries and `MAX_GRAPH_ENTRIES` graph entries
        (run once after a load that wrote some)."""
        written, self.written = self.written, set()
        if not written:
            return
        try:
            with os.scandir(self.folder) as it:
                found = [e for e in it if e.name.endswith(tuple(written))]
            for suffix in written:
                keep = MAX_GRAPH_ENTRIES if suffix == GRAPH_SUFFIX else MAX_ENTRIES
                entries = [e for e in found if e.name.endswith(suffix)]
                if len(entries) <= keep:
                    continue
                entries.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime)
                for old in entries[:-keep]:
                    os.unlink(old.path)
        except OSError:
            return


_SALT: list[str] = []


def _salt() -> str:
    """Everything a stored unit depends on besides the file: versions, checking code, models."""
    if not _SALT:
        _SALT.append(_compute_salt())
    return _SALT[0]


def _compute_salt() -> str:
    h = hashlib.sha256(f"{__version__}|{sys.version}|{pydantic.VERSION}".encode())
    here = Path(__file__).resolve().parent
    for module in sorted([*here.glob("*.py"), *(here.parent / "model").glob("*.py")]):
        try:
            h.update(module.name.encode() + b"\0" + module.read_bytes())
        except OSError:
            h.update(module.name.encode())
    h.update(layout_signature().encode())
    return h.hexdigest()


def _folder(folder: Path) -> str | None:
    """Make sure `folder` exists and is safe; the reason when it is not."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(folder)
    except OSError as exc:
        return f"cannot use the cache folder {folder}: {exc.strerror}"
    if not stat.S_ISDIR(info.st_mode):
        return f"the cache folder {folder} is not a folder"
    why = _unsafe(info, "it")
    return f"the cache folder {folder} is not safe: {why}" if why else None


def _key(folder: Path) -> bytes | str:
    """The secret key (made on first use), or the reason it cannot be trusted."""
    path = folder / "key"
    if not os.path.lexists(path):
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")  # mode 0600
            with os.fdopen(fd, "wb") as fh:
                fh.write(os.urandom(KEY_BYTES))
            try:
                os.link(tmp, path)  # atomic: a key is never seen half written
            except FileExistsError:
                pass  # another process made it first: use theirs
            finally:
                os.unlink(tmp)
        except OSError as exc:
            return f"cannot write the cache key in {folder}: {exc.strerror}"
    try:
        info = os.lstat(path)
    except OSError as exc:
        return f"cannot read the cache key {path}: {exc.strerror}"
    if not stat.S_ISREG(info.st_mode):
        return f"the cache key {path} is not a regular file"
    why = _unsafe(info, "it")
    if why is None and info.st_mode & 0o077:
        why = "other users can read it"
    if why is None and info.st_size != KEY_BYTES:
        why = f"it has {info.st_size} bytes, not {KEY_BYTES}"
    if why:
        return f"the cache key {path} is not safe: {why}"
    secret = _read_regular(path, KEY_BYTES)
    if secret is None or len(secret) != KEY_BYTES:
        return f"the cache key {path} cannot be read"
    return secret


def open_store() -> FileStore | None:
    """The per-file cache to use now, or None (caching off, or unsafe: see `notices`)."""
    folder = cache_dir()
    if folder is None:
        return None
    why = _folder(folder)
    secret = _key(folder) if why is None else why
    if isinstance(secret, str):
        _notice(f"cache not used: {secret}; loading without it")
        return None
    return FileStore(folder, secret, _salt())
