"""What a broken file takes with it: the errors that only follow from it are not shown.

When a file cannot be read, parsed or validated, none of its records enter the graph, and
every reference to them elsewhere would be reported as "unknown": one mistake would bury its
cause under dozens of errors. `LostFiles` remembers each broken file's first error and the
ids it would define (read off its bytes, which may not parse), so the reference check can
hide what follows from it and say how much it hid, at the cause.
"""

from __future__ import annotations

import re

from ..errors import Problem

__all__ = ["LostFiles"]

# an ``id:`` key, in block or flow style, quoted or not: enough to know what a file defines
# even when it does not parse
_ID = re.compile(rb"(?:^|[\s{,])id:[ \t]*[\"']?([a-z0-9]+(?:-[a-z0-9]+)*)", re.MULTILINE)


class LostFiles:
    """Broken files, the ids they would define, and what was hidden because of them."""

    def __init__(self) -> None:
        self.cause: dict[str, Problem] = {}
        """broken file -> its first error"""
        self.ids: dict[str, str] = {}
        """id -> the broken file that would define it"""
        self.unreadable: str | None = None
        """a broken file whose ids cannot be known (it could not be read at all)"""
        self.hidden: dict[str, list[int]] = {}
        """broken file -> [errors, warnings] hidden because of it"""

    def add(self, file: str, data: bytes | None, problems: list[Problem]) -> None:
        """`file` failed with `problems`; `data` is its bytes, or None if it was unread."""
        errors = [p for p in problems if p.level == "error"]
        if not errors:
            return
        self.cause.setdefault(file, min(errors))
        if data is None:
            self.unreadable = self.unreadable or file
            return
        for m in _ID.finditer(data):
            self.ids.setdefault(m[1].decode("ascii"), file)

    def explains(self, target: str | None, level: str = "error") -> bool:
        """Whether a problem about `target` (an id no file defines; None: anything a missing
        record could cause) may follow from a broken file; if so, count it as hidden, under
        the file that names the id, else the first broken one (a mistake may have cut the
        id itself: an unknown id is not to be trusted while any file is broken)."""
        if not self.cause:
            return False
        file = self.ids.get(target or "") or self.unreadable or min(self.cause)
        counts = self.hidden.setdefault(file, [0, 0])
        counts[level != "error"] += 1
        return True

    def notes(self) -> list[Problem]:
        """One warning per broken file that hid something, at its first error."""
        out = []
        for file, (errors, warnings) in sorted(self.hidden.items()):
            cause = self.cause[file]
            parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in
                     ((errors, "error"), (warnings, "warning")) if n]
            out.append(Problem(cause.file, cause.line, cause.column,
                               f"{' and '.join(parts)} not shown: they follow from this file "
                               "not loading (references to the records it defines); fix the "
                               "error above first", "warning"))
        return out
