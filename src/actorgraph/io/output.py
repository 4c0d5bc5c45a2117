"""Where results are written: one rule for every file or folder actorgraph writes.

`output_file` and `output_folder` check a path before any work is done and create the
folders it needs, the same way for every writer (maps, HTML pages, layouts, exports, the
schema). So ``actorgraph export --format yaml -o merged/all.yaml`` makes ``merged/``, and
a path that cannot be written (a parent that is a file, a folder given where a file is
meant, a folder without write permission) is a `UsageError` at once, naming the path,
instead of after a long render.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import UsageError

__all__ = ["output_file", "output_folder"]


def output_file(path: str | os.PathLike[str]) -> Path:
    """Check that a file can be written at `path`, creating its missing parent folders.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     output_file(Path(tmp) / "merged" / "all.yaml").parent.is_dir()
    True
    """
    out = Path(path)
    if out.is_dir():
        raise UsageError(f"cannot write {path}: it is a folder; give a file name")
    _make_folder(out.parent, path)
    if out.exists() and not os.access(out, os.W_OK):
        raise UsageError(f"cannot write {path}: permission denied")
    return out


def output_folder(path: str | os.PathLike[str]) -> Path:
    """Check that files can be written into the folder `path`, creating it if missing."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise UsageError(f"cannot write into {path}: it is a file, not a folder")
    _make_folder(out, path)
    return out


def _make_folder(folder: Path, path: str | os.PathLike[str]) -> None:
    """Create `folder` (and its parents) for writing `path`; refuse what cannot be made."""
    for above in (folder, *folder.parents):
        if above.exists():
            if not above.is_dir():
                raise UsageError(f"cannot write {path}: {above} is a file, not a folder")
            break
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write {path}: permission denied in {folder}")
