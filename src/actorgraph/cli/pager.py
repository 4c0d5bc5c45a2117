"""Colour and a pager the way git decides them, for output a reader pages through (``diff``).

Colour: ``--color always`` or ``never``; ``auto`` (the default) colours only a terminal,
and not when ``NO_COLOR`` is set to anything non-empty (https://no-color.org) or
``TERM=dumb``. Pager: only when standard output is a terminal, never into a pipe or a
file; the command is ``$GIT_PAGER``, else git's ``core.pager``, else ``$PAGER``, else
``less``, run by the shell as git runs it, with ``LESS=FRX`` unless ``LESS`` is set (quit
if the text fits one screen, keep colours, leave the screen as it was). An empty pager or
``cat`` means none.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TextIO

__all__ = ["pager_command", "show", "use_color"]


def use_color(choice: str, stream: TextIO | None = None) -> bool:
    """Whether to colour output to `stream` for ``--color`` `choice` (auto/always/never)."""
    if choice != "auto":
        return choice == "always"
    stream = stream or sys.stdout
    return (stream.isatty() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM") != "dumb")


def _git_core_pager(where: Path | None) -> str | None:
    try:
        result = subprocess.run(["git", "config", "--get", "core.pager"], cwd=where,
                                capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def pager_command(where: Path | None = None) -> str | None:
    """The pager git would use in `where` (a folder of the repository), or None for none."""
    for command in (os.environ.get("GIT_PAGER"), _git_core_pager(where),
                    os.environ.get("PAGER"), "less"):
        if command is not None:
            return None if command.strip() in ("", "cat") else command
    return None


def show(text: str, *, use_pager: bool = True, where: Path | None = None) -> None:
    """Print `text` (a final newline added), through the pager if standard output is a
    terminal and `use_pager`; if the pager cannot start, print it plainly."""
    command = pager_command(where) if use_pager and sys.stdout.isatty() else None
    if command is None:
        print(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    sys.stdout.flush()
    try:
        # a pager is a shell command line (``less -R``), run by the shell as git runs it
        subprocess.run(command, shell=True, input=(text + "\n").encode(), env=env,
                       check=False)
    except OSError:
        print(text)
    except KeyboardInterrupt:  # the reader quit the pager with ^C: nothing left to show
        pass
