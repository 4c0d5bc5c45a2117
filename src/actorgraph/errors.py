"""The one exception hierarchy of actorgraph, and the `Problem` it reports."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

__all__ = [
    "ActorGraphError",
    "GraphDataError",
    "Problem",
    "UnknownNameError",
    "UsageError",
    "display_path",
    "quote_name",
]


def display_path(path: str | os.PathLike[str]) -> str:
    """Show `path` relative to the working folder when it lies below it, else absolute;
    an odd name quoted (`quote_name`)."""
    p = Path(path)
    try:
        rel = os.path.relpath(p)
    except (ValueError, OSError):  # another drive on Windows; a name too long to resolve
        return quote_name(str(p))
    return quote_name(str(p.resolve()) if rel.startswith("..") else rel)


_PLAIN_NAME = re.compile(r"[\w./@+=,~ -]*")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\"}


def quote_name(name: str) -> str:
    r"""`name` as it may be shown in a message or a shared file: as it is when it holds only
    letters, digits and the usual punctuation of file names; otherwise in double quotes, with
    control characters, quotes, backslashes and undecodable bytes escaped. So a file named
    ``a.yaml:1:1: error: ...⏎z.yaml`` cannot print a line that looks like an error, and a
    name that is not UTF-8 (read from the disk with surrogate escapes) is still valid text.

    >>> print(quote_name("actors/turkiye.yaml"), quote_name("a.yaml:1:1: x\nb.yaml"))
    actors/turkiye.yaml "a.yaml:1:1: x\nb.yaml"
    >>> print(quote_name("caf\udce9.yaml"))
    "caf\xe9.yaml"
    """
    if _PLAIN_NAME.fullmatch(name) and name.isprintable():
        return name
    out = []
    for ch in name:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif "\udc80" <= ch <= "\udcff":  # a byte that was not UTF-8
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif not ch.isprintable() or "\ud800" <= ch <= "\udfff":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or doubtful) in the graph, at ``file:line:column`` (both 1-based).

    >>> print(Problem("graph/a.yaml", 3, 5, "unknown key 'nmae'"))
    graph/a.yaml:3:5: error: unknown key 'nmae'
    """

    file: str
    line: int
    column: int
    message: str = field(compare=True)
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = self.file if self.line <= 0 else f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.level}: {self.message}"


class ActorGraphError(Exception):
    """Base of every error actorgraph raises on purpose. ``exit_code`` is what the CLI returns."""

    exit_code = 1


class GraphDataError(ActorGraphError):
    """The graph's YAML is wrong. ``problems`` holds every problem found, sorted."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        # by place; at one place the error first (a note on what it hid follows it)
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column,
                                                        p.level != "error", p.message))
        errors = [p for p in self.problems if p.level == "error"]
        head = f"{len(errors)} error(s) in the graph"
        super().__init__(head + ":\n" + "\n".join(str(p) for p in self.problems))


class UsageError(ActorGraphError):
    """The caller asked for something that cannot be done (bad option, bad argument)."""

    exit_code = 2


class UnknownNameError(UsageError, LookupError):
    """A name or id given by the caller matches no record; ``suggestions`` holds the nearest."""

    def __init__(self, what: str, name: str, suggestions: list[str]):
        self.what, self.name, self.suggestions = what, name, suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no {what} called {name!r}{hint}")


@contextmanager
def writing(path: str | os.PathLike[str]) -> Iterator[None]:
    """Turn an OSError while writing `path` into a `UsageError` that names it.

    >>> with writing("/nonexistent/map.png"):
    ...     open("/nonexistent/map.png", "w")
    Traceback (most recent call last):
    actorgraph.errors.UsageError: cannot write /nonexistent/map.png: No such file or directory
    """
    try:
        yield
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
