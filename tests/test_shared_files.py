"""Files meant for sharing (exports, the HTML page) carry no path of the machine (16.5) and
survive file names that are not UTF-8 (17.6)."""

from __future__ import annotations

import json
import os
import shutil

import networkx as nx
import pytest

from .conftest import GRAPH_DIR
from .test_hostile import run_limited

OUTPUTS = {fmt: ["export", "--format", fmt, "-o"] for fmt in
           ("graphml", "gexf", "json", "cytoscape", "yaml")}
OUTPUTS["html"] = ["render", "--html"]


def test_two_copies_of_a_graph_in_two_folders_give_identical_files(tmp_path):
    one, two = tmp_path / "qzx-one" / "graph", tmp_path / "qzx-two" / "work" / "graph"
    for folder in (one, two):
        shutil.copytree(GRAPH_DIR, folder)
    for fmt, argv in OUTPUTS.items():
        made = []
        for folder, cwd in ((one, tmp_path), (two, two.parent)):
            out = tmp_path / f"{folder.parent.name}.{fmt}"
            result = run_limited(*argv, str(out), "--graph", str(folder), cwd=cwd)
            assert result.returncode == 0, result.stderr
            made.append(out.read_bytes())
        assert made[0] == made[1], fmt
        assert str(tmp_path).encode() not in made[0], fmt
        assert b"qzx" not in made[0] and b"/graph/" not in made[0], fmt
    page = (tmp_path / "qzx-one.html").read_text(encoding="utf-8")
    assert "defined at actors/turkiye.yaml:3:5" in page
    node = json.loads((tmp_path / "qzx-one.json").read_text())["nodes"]
    assert {n["id"]: n["origin"] for n in node}["turkiye"] == "actors/turkiye.yaml:3:5"


@pytest.mark.skipif(os.name == "nt", reason="file names are text on Windows")
def test_a_file_name_that_is_not_utf8_gives_readable_exports(tmp_path):
    folder = tmp_path / "graph"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.yaml")).write_text(
        "actors:\n  - {id: a, name: A, kind: state}\n  - {id: b, name: B, kind: bloc}\n"
        "relations:\n  - between: [a, b]\n    kind: alliance\n"
        "    claims: [{by: a, source: s, quote: q}]\n"
        "sources:\n  - {id: s, title: S, kind: article}\n")
    origin = '"caf\\xe9.yaml":2:5'
    for fmt, argv in OUTPUTS.items():
        out = tmp_path / f"out.{fmt}"
        result = run_limited(*argv, str(out), "--graph", "graph", cwd=tmp_path)
        assert (result.returncode, result.stderr) == (0, ""), fmt
        text = out.read_text(encoding="utf-8")  # valid UTF-8 throughout
        if fmt in ("graphml", "gexf"):
            G = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
            assert G.nodes["a"]["origin"] == origin
        elif fmt == "json":
            assert json.loads(text)["nodes"][0]["origin"] == origin
        elif fmt == "html":
            assert json.dumps(f"defined at {origin}")[1:-1] in text  # as the page's JSON
    # and the message naming it is quoted the same way
    (folder / os.fsdecode(b"caf\xe9.yaml")).write_text("actors: [1]\n")
    result = run_limited("validate", "--graph", "graph", cwd=tmp_path)
    assert result.stderr.splitlines()[0].startswith('"graph/caf\\xe9.yaml":1:10: error:')
