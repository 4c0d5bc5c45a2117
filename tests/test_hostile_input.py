"""Hostile input, second round (issue 17): each case a probe once broke, through the real
command line in a child process with CPU and memory limits (`run_limited`), ending in exit 0,
1 or 2 with clean messages: never 70, never a traceback, never a hang."""

from __future__ import annotations

from .test_hostile import run_limited


def lattice(layers: int) -> str:
    """`layers` layers of two actors, each part of both actors of the next layer: 2**layers
    paths from the bottom to the top, which a walk over every path never finishes."""
    lines = ["actors:"]
    for layer in range(layers):
        for k in range(2):
            lines.append(f"  - {{id: a{layer}-{k}, name: A{layer}-{k}, kind: group"
                         + (f", part_of: [a{layer + 1}-0, a{layer + 1}-1]}}"
                            if layer + 1 < layers else "}"))
    return "\n".join(lines) + "\n"


def test_a_part_of_lattice_validates_within_a_cpu_limit(tmp_path):
    # 24 layers took 83 s when the cycle check walked every path; the child is killed
    # after 5 s of CPU time (run_limited), so this fails if the check is not linear
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "lattice.yaml").write_text(lattice(24))
    result = run_limited("validate", "--graph", "graph", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("ok: 0 sources, 48 actors")


def test_a_circle_through_a_lattice_is_one_error_naming_the_shortest_way_round(tmp_path):
    text = lattice(24).replace("{id: a23-1, name: A23-1, kind: group}",
                               "{id: a23-1, name: A23-1, kind: group, part_of: [a0-1]}")
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "lattice.yaml").write_text(text)
    result = run_limited("validate", "--graph", "graph", cwd=tmp_path)
    circle = " -> ".join(["a0-1", *(f"a{i}-0" for i in range(1, 23)), "a23-1", "a0-1"])
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"graph/lattice.yaml:3:5: error: part_of goes round in a circle: {circle}",
        "actorgraph: 1 error in the graph"]
