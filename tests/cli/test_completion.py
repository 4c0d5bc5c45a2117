"""Shell completion: the printed scripts, and real bash completing commands, options and ids."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.cli import main

from ..conftest import DATA, GRAPH_DIR

pytest.importorskip("argcomplete")
BASH = shutil.which("bash")


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory) -> Path:
    """`actorgraph completion bash` as printed, and a folder with an `actorgraph` command that
    runs this checkout."""
    folder = tmp_path_factory.mktemp("completion")
    exe = folder / "bin" / "actorgraph"
    exe.parent.mkdir()
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m actorgraph "$@"\n', encoding="utf-8")
    exe.chmod(0o755)
    script = folder / "actorgraph.bash"
    out = subprocess.run([exe, "completion", "bash"], capture_output=True, text=True,
                         env=_env(exe.parent), check=True).stdout
    script.write_text(out, encoding="utf-8")
    return script


def _env(bin_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ACTORGRAPH_GRAPH"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2] / "src")
    env["ACTORGRAPH_GRAPH"] = str(GRAPH_DIR)
    return env


def complete(script: Path, line: str) -> list[str]:
    """What bash offers at the end of `line`, through the printed script's own function."""
    driver = (f'source "{script}"\n'
              'COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()\n'
              '_python_argcomplete actorgraph\n'
              'printf "%s\\n" "${COMPREPLY[@]}"\n')
    out = subprocess.run([BASH, "-c", driver, "complete", line], capture_output=True,
                         text=True, env=_env(script.parent / "bin"), check=True, timeout=120)
    return [w.strip() for w in out.stdout.splitlines() if w.strip()]


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_the_bash_script_is_valid_bash(bash_script):
    result = subprocess.run([BASH, "-n", str(bash_script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "complete -o nospace -o default -o bashdefault -F _python_argcomplete actorgraph" \
        in bash_script.read_text()


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_bash_completes_commands_options_and_ids(bash_script):
    assert complete(bash_script, "actorgraph ga") == ["gains"]
    assert complete(bash_script, "actorgraph per") == ["perspectives"]
    assert complete(bash_script, "actorgraph gains russia azerbaijan --acc") == ["--according-to"]
    assert complete(bash_script, "actorgraph gains uk") == ["ukraine"]
    assert complete(bash_script, "actorgraph gains russia azerbaijan --according-to dm") == [
        "dmitry-masyuk", "dmitry-peskov"]
    assert complete(bash_script, "actorgraph gains russia azerbaijan --according-to seed-c") == [
        "seed-comment-1", "seed-comment-2"]
    assert complete(bash_script, "actorgraph show azal") == ["azal-crash"]  # an event
    assert complete(bash_script, "actorgraph render --focus turkiye-") == [
        "turkiye-influence-central-asia"]
    assert complete(bash_script, "actorgraph diff HE") == ["HEAD"]
    # the ids of the graph the command line names
    other = DATA / "valid" / "india-canada"
    assert complete(bash_script, f"actorgraph --graph {other} gains ind") == [
        "india", "indian-government"]


def test_zsh_and_fish_scripts(capsys):
    assert main(["completion", "zsh"]) == 0
    assert "compdef _python_argcomplete actorgraph" in capsys.readouterr().out
    assert main(["completion", "fish"]) == 0
    assert "complete --command actorgraph" in capsys.readouterr().out
    assert main(["completion", "tcsh"]) == 2
    assert "invalid choice: 'tcsh'" in capsys.readouterr().err


def test_an_ordinary_run_does_not_import_argcomplete(tmp_path):
    code = ("import sys\nfrom actorgraph.cli import main\nmain(['--help'])\n"
            "main(['validate'])\nprint('argcomplete' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    env.pop("_ARGCOMPLETE", None)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True, cwd=tmp_path).stdout
    assert out.splitlines()[-1] == "False"
