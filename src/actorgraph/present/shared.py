"""Names in files meant for others: the graph's own name and origins relative to its
folder, never a path of this machine (exports, the HTML page, a figure's footnote)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import quote_name

__all__ = ["shared_name", "shared_origin"]


def shared_name(records: Any) -> str:
    """The graph's name in a file meant for others: its folder's own name (never the folders
    above it), "the bundled graph", or ``REVISION:path`` for a git revision."""
    root = Path(records.root)
    if records.label != "the bundled graph" and root.exists():
        return quote_name(root.resolve().name)
    return quote_name(records.label)


def shared_origin(records: Any, origin: Any) -> str:
    """``file:line:column`` with the file relative to the graph folder, so a file meant for
    others carries no path of this machine and is the same wherever the graph sits."""
    file = records.relative.get(origin.file, origin.file)
    return f"{quote_name(file)}:{origin.line}:{origin.column}"

