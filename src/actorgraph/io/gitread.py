"""Read a version of the graph from a git revision, without touching the working tree.

git runs with argument lists (never a shell string); a revision is checked before it
reaches git, so it cannot be read as an option; files come from ``git ls-tree`` and
``git cat-file --batch``, which read the object store only.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import Problem, UsageError, quote_name
from .folders import graph_label
from .loader import GraphRecords, ParseCache, load_records_from
from .yamlread import MAX_FILE_BYTES, too_big

__all__ = ["git_toplevel", "read_revision", "resolve_commit"]


def _git(args: list[str], cwd: Path, *, input: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=input, capture_output=True,
                              check=False, timeout=120)
    except FileNotFoundError:
        raise UsageError("git is not installed: cannot read graph versions from git") from None


def git_toplevel(where: Path) -> Path:
    """The top folder of the git repository holding `where`."""
    result = _git(["rev-parse", "--show-toplevel"], where if where.is_dir() else where.parent)
    if result.returncode != 0:
        raise UsageError(f"{graph_label(where)} is not inside a git repository, so git holds "
                         "no versions of it: compare two folders (actorgraph diff OLD_DIR "
                         "NEW_DIR), or give --graph a graph folder in a git checkout")
    return Path(result.stdout.decode().strip())


def resolve_commit(revision: str, repo: Path) -> str:
    """The commit id `revision` names; a clear error if it names none.

    >>> resolve_commit("--output=x", Path("."))
    Traceback (most recent call last):
    ...
    actorgraph.errors.UsageError: not a revision: '--output=x' (revisions cannot start with '-')
    """
    if not revision or revision.startswith("-"):
        raise UsageError(f"not a revision: {revision!r} (revisions cannot start with '-')")
    if any(c in revision for c in "\0\n\r") or len(revision) > 256:
        raise UsageError(f"not a revision: {revision!r}")
    result = _git(["rev-parse", "--verify", "--quiet", "--end-of-options",
                   f"{revision}^{{commit}}"], repo)
    if result.returncode != 0:
        hint = ""
        if "/" in revision or revision.startswith("."):
            hint = " (and no folder of that name)"  # most likely a mistyped folder
        raise UsageError(f"unknown revision or not a commit: {revision!r}{hint}")
    return result.stdout.decode().strip()


def read_revision(revision: str, graph_dir: Path, *,
                  cache: ParseCache | None = None) -> GraphRecords:
    """Load the graph folder `graph_dir` as it was in `revision` of its repository."""
    repo = git_toplevel(graph_dir)
    commit = resolve_commit(revision, repo)
    try:
        rel = graph_dir.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{graph_dir} is not inside the repository at {repo}") from None
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", rel or "."], repo)
    if listing.returncode != 0:
        raise UsageError(f"cannot list {rel} in {revision}: {listing.stderr.decode().strip()}")
    blobs: list[tuple[str, str]] = []  # (object id, path)
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.decode("utf-8", "surrogateescape").partition("\t")
        _mode, kind, oid = meta.split()
        inner = path[len(rel) + 1:] if rel else path
        if kind == "blob" and path.endswith((".yaml", ".yml")) and not any(
                part.startswith(".") for part in inner.split("/")):
            blobs.append((oid, path))
    if not blobs:
        raise UsageError(f"no YAML files under '{rel}' in revision {revision!r}")
    # sizes first (``--batch-check`` reads no content), so a blob over the limit is refused
    # before a byte of it is read, as a file in the working tree is
    check = _git(["cat-file", "--batch-check"], repo,
                 input="".join(f"{oid}\n" for oid, _ in blobs).encode())
    sizes = [int(line.split()[2]) for line in check.stdout.splitlines()]
    files: list[tuple[str, str, bytes | Problem]] = []
    wanted = []
    for (oid, path), size in zip(blobs, sizes, strict=True):
        inner = path[len(rel) + 1:] if rel else path
        shown = f"{revision}:{quote_name(path)}"  # the revision has no line breaks
        if size > MAX_FILE_BYTES:
            files.append((shown, inner, Problem(shown, 1, 1, too_big(size))))
        else:
            wanted.append((oid, shown, inner))
    batch = _git(["cat-file", "--batch"], repo,
                 input="".join(f"{oid}\n" for oid, _, _ in wanted).encode())
    out, pos = batch.stdout, 0
    for _oid, shown, inner in wanted:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        files.append((shown, inner, out[header_end + 1:header_end + 1 + size]))
        pos = header_end + 1 + size + 1
    return load_records_from(files, f"{revision}:{rel}", cache=cache)
