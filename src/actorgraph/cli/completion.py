"""Shell completion (bash, zsh, fish) of commands, options and the graph's ids, by argcomplete.

``actorgraph completion SHELL`` prints the script a shell sources once. At each Tab the shell
runs ``actorgraph`` again with ``_ARGCOMPLETE`` set; only then is argcomplete imported and the
completers below attached, so an ordinary run pays nothing for completion. Ids come from the
graph the command line names (``--graph``, else the default graph): actors for the actors of
a rift, actors and sources for ``--according-to``, any record for ``show``, git revisions
for ``diff``.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable
from typing import Any

from ..errors import UsageError
from .common import Add

__all__ = ["SHELLS", "complete", "register"]

SHELLS = ("bash", "zsh", "fish")
INSTALL = "pip install 'actorgraph[completion]'"

Completer = Callable[..., Iterable[str]]


def _ids(*tables: str) -> Completer:
    """A completer of the ids in these tables of the graph's records."""
    def complete(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
        from ..errors import ActorGraphError
        from ..model.graph import load

        try:
            records = load(getattr(parsed_args, "graph", None)).graph["records"]
        except (ActorGraphError, OSError):  # a broken graph completes nothing, silently
            return []
        return sorted(rid for table in tables for rid in getattr(records, table)
                      if rid.startswith(prefix))
    return complete


def _revisions(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """Folders and git revisions (HEAD, branches, tags) for `diff`."""
    import subprocess

    from argcomplete.completers import DirectoriesCompleter

    refs = ["HEAD"]
    try:
        listed = subprocess.run(["git", "for-each-ref", "--format=%(refname:short)",
                                 "refs/heads", "refs/tags"], capture_output=True, text=True,
                                check=False, timeout=10)
        refs += listed.stdout.split() if listed.returncode == 0 else []
    except (OSError, subprocess.SubprocessError):
        pass
    return [r for r in refs if r.startswith(prefix)] + list(DirectoriesCompleter()(prefix))


ACTORS = _ids("actors")
COMPLETERS: dict[str, Completer] = {
    "a": ACTORS, "b": ACTORS, "rift": ACTORS,
    "according_to": _ids("actors", "sources"), "exclude_claimant": _ids("actors", "sources"),
    "focus": _ids("actors", "outcomes"),
    "name": _ids("actors", "outcomes", "sources", "events"),
    "old": _revisions, "new": _revisions, "diff": _revisions,
}
"""Which ids complete which argument (by its ``dest``), in every command that has it."""


def _attach(parser: argparse.ArgumentParser) -> None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _attach(sub)
        elif action.dest in COMPLETERS:
            action.completer = COMPLETERS[action.dest]  # type: ignore[attr-defined]


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request (``_ARGCOMPLETE`` is set) and exit; do nothing
    if argcomplete is not installed (the shell then completes file names)."""
    try:
        import argcomplete
    except ImportError:
        return
    _attach(parser)
    argcomplete.autocomplete(parser)


def cmd_completion(args: argparse.Namespace) -> int:
    try:
        import argcomplete
    except ImportError:
        raise UsageError(f"completion needs argcomplete: {INSTALL}") from None
    print(argcomplete.shellcode(["actorgraph"], shell=args.shell), end="")
    return 0


def register(add: Add) -> None:
    p = add("completion", cmd_completion, "print the shell code that completes commands, "
            f"options and the graph's ids (needs argcomplete: {INSTALL})")
    p.add_argument("shell", choices=SHELLS, help="bash: eval \"$(actorgraph completion bash)\" "
                   "in ~/.bashrc; zsh: the same in ~/.zshrc; fish: actorgraph completion fish "
                   "| source in ~/.config/fish/config.fish")


def requested() -> bool:
    """Whether the shell is asking for completions (argcomplete's protocol)."""
    return "_ARGCOMPLETE" in os.environ
