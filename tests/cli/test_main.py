"""The command's entry point: `run` ends the process at once after flushing its output;
`main`, called in a long-lived process, keeps nothing and leaves the collector as it was."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys

from actorgraph.cli import common, main

from ..conftest import GRAPH_DIR, ROOT

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as usual
ENV["PYTHONPATH"] = str(ROOT / "src")


def run_cli(*argv: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actorgraph", *argv], capture_output=True,
                          text=True, env=ENV, cwd=ROOT, timeout=120, **kw)


def test_the_command_prints_everything_and_keeps_its_exit_codes():
    ok = run_cli("validate", "--graph", str(GRAPH_DIR))
    assert (ok.returncode, ok.stderr) == (0, "")
    assert ok.stdout.startswith("ok: ") and ok.stdout.endswith(" files\n")
    bad = run_cli("gains", "russia", "nobody-at-all", "--graph", str(GRAPH_DIR))
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.startswith("actorgraph: error: ")
    usage = run_cli("no-such-command")
    assert usage.returncode == 2 and "invalid choice" in usage.stderr


def test_a_long_answer_arrives_whole():
    """os._exit does not flush: run must, or the last buffer of a long answer is lost."""
    shown = run_cli("gains", "russia", "azerbaijan", "--format", "json", "--graph",
                    str(GRAPH_DIR))
    assert shown.returncode == 0, shown.stderr
    assert len(shown.stdout) > 20000
    assert json.loads(shown.stdout)["stakes"]


def test_a_reader_that_stops_early_is_no_error():
    """Like ``actorgraph gains ... | head -c 10``: exit 0, no complaint (Python's own exit
    said 'Exception ignored ... BrokenPipeError' and returned 120)."""
    with subprocess.Popen([sys.executable, "-m", "actorgraph", "gains", "russia",
                           "azerbaijan", "--format", "json", "--graph", str(GRAPH_DIR)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
                          cwd=ROOT) as proc:
        assert proc.stdout.read(10)
        proc.stdout.close()
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 0
    assert "Traceback" not in err and "Exception ignored" not in err


def test_main_in_process_keeps_nothing_and_restores_the_collector(capsys):
    assert gc.isenabled()
    assert main(["gains", "russia", "azerbaijan", "--graph", str(GRAPH_DIR)]) == 0
    assert "Who gains" in capsys.readouterr().out
    assert gc.isenabled()
    assert common._kept == [] and not common.KEEP_LOADED


def test_validate_of_an_unchanged_folder_imports_neither_networkx_nor_yaml(tmp_path):
    """The answer comes from the whole-graph entry: nothing to parse, no graph to build."""
    import shutil

    graph = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, graph)
    code = ("import sys\nfrom actorgraph.cli import main\nmain(['validate', '--graph', "
            f"{str(graph)!r}])\nprint(sorted({{'networkx', 'yaml'}} & set(sys.modules)))\n")
    env = {**ENV, "ACTORGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, cwd=ROOT, timeout=120) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    # read (yaml); checked across files on the files' summaries, which need no networkx
    assert runs[0].stdout.splitlines()[-1] == "['yaml']"
    assert runs[1].stdout.splitlines()[-1] == "[]"
    assert runs[0].stdout.splitlines()[0] == runs[1].stdout.splitlines()[0]


def test_a_profiler_still_gets_to_write_its_profile(tmp_path):
    out = tmp_path / "validate.prof"
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "actorgraph",
                           "validate", "--graph", str(GRAPH_DIR)], capture_output=True,
                          text=True, env=ENV, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: ")
    assert out.stat().st_size > 0


def test_help_through_the_command_itself_imports_no_pydantic_yaml_or_networkx():
    """`actorgraph --help` (the console script's path, `run`, which sets how many workers
    read a cold load) stays fast: none of the heavy libraries is imported."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "actorgraph", "--help"],
                          capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=120)
    assert done.returncode == 0 and "usage: actorgraph" in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert "actorgraph.io.parallel" in imported  # the path that once pulled in the models
    assert not imported & {"pydantic", "yaml", "networkx", "actorgraph.model.records"}
