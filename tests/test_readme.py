"""The README's example sessions are what the command line prints today.

Each ```text block that starts with ``$ actorgraph ...`` is run in-process from the project
root. Its other lines must appear in the output in the same order (the README may leave
lines out); a ``...`` inside a line stands for any text, a line of just ``...`` for lines
left out.
"""

from __future__ import annotations

import ast
import re
import shlex

import pytest

from actorgraph.cli import main

from .conftest import GRAPH_DIR, ROOT

BLOCKS = [m.group(1) for m in re.finditer(r"```text\n(.*?)```",
                                          (ROOT / "README.md").read_text(encoding="utf-8"),
                                          re.S)]
SESSIONS = [b for b in BLOCKS if b.startswith("$ actorgraph ")]
PYTHON = [m.group(1) for m in re.finditer(r"```python\n(.*?)```",
                                          (ROOT / "README.md").read_text(encoding="utf-8"),
                                          re.S)]


def _pattern(line: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in line.split("...")) + "$")


def test_the_readme_has_example_sessions():
    assert len(SESSIONS) >= 6


@pytest.mark.parametrize("block", SESSIONS, ids=[b.splitlines()[0][2:] for b in SESSIONS])
def test_a_readme_session_matches_the_command_line(block, capsys, monkeypatch):
    command, *expected = block.rstrip("\n").splitlines()
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("ACTORGRAPH_GRAPH", str(GRAPH_DIR))
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(shlex.split(command)[2:]) == 0  # past "$ actorgraph"
    output = capsys.readouterr().out.splitlines()
    at = 0
    for line in expected:
        if line.strip() == "...":
            continue
        pattern = _pattern(line)
        while at < len(output) and not pattern.match(output[at]):
            at += 1
        assert at < len(output), f"README line not in the output (in order): {line!r}"
        at += 1


def test_the_readme_python_example_runs_and_gives_its_commented_values(monkeypatch, capsys):
    """Each statement runs in order; an expression followed by ``# <a Python literal>`` must
    evaluate to that literal."""
    assert PYTHON
    monkeypatch.setenv("ACTORGRAPH_GRAPH", str(GRAPH_DIR))
    checked = 0
    for block in PYTHON:
        lines = block.splitlines()
        namespace: dict = {}
        for node in ast.parse(block).body:
            if not isinstance(node, ast.Expr):
                exec(compile(ast.Module([node], []), "README.md", "exec"), namespace)
                continue
            value = eval(compile(ast.Expression(node.value), "README.md", "eval"), namespace)
            _, _, comment = lines[node.end_lineno - 1].partition("#")
            try:
                expected = ast.literal_eval(comment.strip())
            except (ValueError, SyntaxError):
                continue
            assert value == expected, lines[node.lineno - 1]
            checked += 1
    assert checked >= 2
