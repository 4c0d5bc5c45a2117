"""Hostile and careless input through the real command line: every case ends in clean
messages and its exit code, never a traceback.

Cases run in-process (`actorgraph.cli.main` with capsys) unless their danger is the
resources they take: the bombs (aliases, merge keys, nesting, a part_of lattice) and files
that would block a read run in a child process under CPU and memory limits (`run_limited`),
so a regression is killed instead of hanging or exhausting the test run."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

from actorgraph.cli import main

from .conftest import DATA, ROOT
from .io.test_loader import INVALID

CPU_SECONDS = 5        # CPU time, not wall clock: a hang or a bomb is killed, a slow CI is not
MEMORY_BYTES = 1 << 30  # 1 GiB of address space


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run_limited(*argv: str, cwd=DATA / "invalid") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ACTORGRAPH_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "actorgraph", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, preexec_fn=_limits, timeout=60)


BOMBS = {"alias-bomb", "merge-key-bomb", "deep-nesting", "cyclic-alias", "part-of-lattice"}
"""The invalid cases whose danger is CPU time or memory: they run under limits."""


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the command line in this process: (exit code, stdout, stderr)."""
    monkeypatch.setenv("ACTORGRAPH_NO_CACHE", "1")

    def run(*argv: str, cwd=DATA / "invalid") -> tuple[int, str, str]:
        monkeypatch.chdir(cwd)
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def expected_stderr(case: str) -> list[str]:
    errors = sum(" error: " in m for m in INVALID[case])
    return [*(f"{case}/{m}" for m in INVALID[case]),
            f"actorgraph: {errors} error{'s' if errors != 1 else ''} in the graph"]


@pytest.mark.parametrize("case", sorted(set(INVALID) - BOMBS))
def test_each_hostile_case_fails_cleanly(case, run):
    code, out, err = run("validate", "--graph", case)
    assert (code, out) == (1, "")
    assert err.splitlines() == expected_stderr(case)
    assert "Traceback" not in err


@pytest.mark.parametrize("case", sorted(BOMBS))
def test_each_bomb_fails_cleanly_within_limits(case):
    result = run_limited("validate", "--graph", case)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == expected_stderr(case)
    assert "Traceback" not in result.stderr


def test_every_bomb_is_an_invalid_case():
    assert set(INVALID) >= BOMBS


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, run):
    folder = tmp_path / "graph"
    folder.mkdir()
    (folder / "big.yaml").write_bytes(b"# " + b"x" * (9 * 1024 * 1024) + b"\n")
    code, _, err = run("validate", "--graph", "graph", cwd=tmp_path)
    assert code == 1
    assert err.splitlines()[0] == (
        "graph/big.yaml:1:1: error: file is 9,437,187 bytes; the limit is 8,388,608 (split it "
        "into several files)")


def test_a_deep_block_nesting_bomb_is_refused_within_limits(tmp_path):
    folder = tmp_path / "graph"
    folder.mkdir()
    (folder / "deep.yaml").write_text("".join("  " * i + "- \n" for i in range(2000)))
    result = run_limited("validate", "--graph", "graph", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].endswith("error: nesting deeper than 64 levels")


def test_empty_and_comment_only_files_are_warnings_not_errors(tmp_path, run):
    folder = tmp_path / "graph"
    folder.mkdir()
    (folder / "empty.yaml").write_text("")
    (folder / "notes.yaml").write_text("# to do\n")
    (folder / "a.yaml").write_text("actors:\n  - {id: a, name: A, kind: state}\n")
    code, _, err = run("validate", "--graph", "graph", cwd=tmp_path)
    assert code == 0
    assert err.splitlines() == [
        "graph/empty.yaml:1:1: warning: file is empty (no records)",
        "graph/notes.yaml:1:1: warning: file is empty (no records)"]
    # every command that reads the graph tells them, on stderr, and still answers
    code, out, err = run("list", "actors", "--format", "json", "--graph", "graph", cwd=tmp_path)
    assert code == 0 and '"id": "a"' in out
    assert err.splitlines() == [
        "graph/empty.yaml:1:1: warning: file is empty (no records)",
        "graph/notes.yaml:1:1: warning: file is empty (no records)"]


def test_a_folder_without_yaml_files_is_said_to_be_empty(tmp_path, run):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.md").write_text("# not a graph\n")
    code, _, err = run("validate", "--graph", "docs", cwd=tmp_path)
    assert code == 0
    assert err == "docs: warning: no *.yaml or *.yml files here: the graph is empty\n"


def test_a_pipe_or_device_named_like_yaml_is_refused_not_read(tmp_path):
    folder = tmp_path / "graph"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")  # reading it would block for ever
    (folder / "zero.yaml").symlink_to("/dev/zero")  # reading it would never end
    (folder / "a.yaml").write_text("actors:\n  - {id: a, name: A, kind: state}\n")
    result = run_limited("validate", "--graph", "graph", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "graph/pipe.yaml: error: not a regular file (a pipe, device or socket named like "
        "YAML); remove it from the graph",
        "graph/zero.yaml: error: not a regular file (a pipe, device or socket named like "
        "YAML); remove it from the graph",
        "actorgraph: 2 errors in the graph"]


def test_a_huge_pasted_key_is_clipped_in_messages(tmp_path, run):
    folder = tmp_path / "graph"
    folder.mkdir()
    key = "x" * 1000  # libyaml allows plain keys up to 1024 characters
    (folder / "a.yaml").write_text(f"actors:\n  - id: a\n    name: A\n    kind: state\n"
                                   f"    {key}: 1\n    {key}: 2\n")
    code, _, err = run("validate", "--graph", "graph", cwd=tmp_path)
    assert code == 1
    assert err.splitlines()[0] == (
        f"graph/a.yaml:6:5: error: duplicate key '{'x' * 57}...' (first at line 5, column 5); "
        "YAML would keep only the last one")
    assert len(err) < 500
