"""The pre-commit hook, as another repository runs it, and `validate FILE...` behind it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.cli import main

from .conftest import GRAPH_DIR, ROOT

PLANTED = "source: seed-articel"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                          cwd=repo, check=True, capture_output=True, text=True).stdout


def plant_mistake(graph: Path) -> str:
    """Misspell the first source Russia's file cites; return the problem's file:line:col."""
    file = graph / "actors" / "russia.yaml"
    text = file.read_text(encoding="utf-8")
    at = text.index("source: seed-article")
    file.write_text(text[:at] + PLANTED + text[at + len(PLANTED):], encoding="utf-8")
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at) + len("source: ")
    return f"graph/actors/russia.yaml:{line}:{column}"


@pytest.fixture
def analysts(tmp_path, monkeypatch):
    """Another team's repository: a copy of the curated graph in graph/, committed."""
    root = tmp_path / "analysts"
    shutil.copytree(GRAPH_DIR, root / "graph")
    (root / "README.md").write_text("notes\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: notes\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "curated graph")
    monkeypatch.chdir(root)
    return root


def test_validate_files_checks_their_folder(analysts, capsys):
    assert main(["validate", "graph/actors/russia.yaml", "graph/relations.yaml",
                 "mkdocs.yml"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("graph: ok: ")
    assert out.count("\n") == 1  # the folder is checked once for its two files
    assert err == ("actorgraph: not checked, not in a folder holding graph.schema.json: "
                   "mkdocs.yml\n")
    where = plant_mistake(analysts / "graph")
    # a mistake anywhere in the folder fails a commit of any of its files
    assert main(["validate", "graph/relations.yaml"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{where}: error: unknown source 'seed-articel'")
    assert err.endswith("actorgraph: 1 error in the graph\n")


def test_validate_files_under_a_named_graph_folder(analysts, capsys):
    (analysts / "graph" / "graph.schema.json").unlink()
    assert main(["validate", "graph/actors/russia.yaml"]) == 0  # no marker: not a graph file
    assert "not checked" in capsys.readouterr().err
    plant_mistake(analysts / "graph")
    assert main(["validate", "--graph", "graph", "graph/actors/russia.yaml", "mkdocs.yml"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "actorgraph: not checked, not under graph: mkdocs.yml"
    assert "graph/actors/russia.yaml:" in err


def try_repo(target: Path, hook_repo: Path, *files: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "ACTORGRAPH_GRAPH", "PRE_COMMIT_HOME")}
    # pre-commit installs the hook's package from the clone into a fresh virtualenv; letting
    # that virtualenv see this interpreter's packages spares reinstalling numpy and
    # matplotlib each run (a full install takes over a minute on a busy machine), while
    # actorgraph itself is still built and installed from the clone
    env["VIRTUALENV_SYSTEM_SITE_PACKAGES"] = "1"
    args = ["--files", *files] if files else ["--all-files"]
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo),
                           "actorgraph-validate", "--verbose", *args], cwd=target, env=env,
                          capture_output=True, text=True, timeout=900)


def test_pre_commit_try_repo_passes_then_fails_on_a_planted_mistake(analysts, tmp_path):
    pytest.importorskip("pre_commit")
    if subprocess.run(["git", "rev-parse"], cwd=ROOT, capture_output=True).returncode:
        pytest.skip("the project is not a git checkout: pre-commit installs hooks from git")
    hook_repo = tmp_path / "actorgraph"  # this checkout's committed HEAD, as a remote would be
    subprocess.run(["git", "clone", "-q", str(ROOT), str(hook_repo)], check=True)
    assert (hook_repo / ".pre-commit-hooks.yaml").is_file()

    passed = try_repo(analysts, hook_repo)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "actorgraph validate......" in passed.stdout
    assert "Passed" in passed.stdout
    assert "graph: ok: " in passed.stdout

    where = plant_mistake(analysts / "graph")
    git(analysts, "add", "-A")
    failed = try_repo(analysts, hook_repo, "graph/actors/russia.yaml", "README.md")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert f"{where}: error: unknown source 'seed-articel'" in failed.stdout
