"""Exports that real clients read: every node, edge and key attribute survives."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from actorgraph.cli import main

from ..conftest import GRAPH_DIR

UKRAINE = "interest:ukraine->rift-russia-azerbaijan"


def export(tmp_path, capsys, fmt):
    path = tmp_path / f"graph.{fmt}"
    assert main(["export", "--format", fmt, "-o", str(path), "--graph", str(GRAPH_DIR)]) == 0
    style = ("" if fmt != "cytoscape" else  # the style file is said to be written too
             f"wrote {tmp_path / 'graph.style.json'}: the map's look as a Cytoscape.js style\n")
    assert capsys.readouterr().out == f"wrote {path}: 39 nodes, 59 edges ({fmt})\n{style}"
    return path


def check_edge(attrs):
    assert attrs["edge_type"] == "interest" and attrs["kind"] == "wants"
    assert int(attrs["sign"]) == 1 and int(attrs["claim_count"]) == 4
    assert attrs["claimants"] == "article-author; dmitry-peskov"
    assert float(attrs["support"]) == pytest.approx(0.84)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_read_back_by_networkx_and_by_plain_xml(tmp_path, capsys, fmt):
    path = export(tmp_path, capsys, fmt)
    G = (nx.read_graphml(path, force_multigraph=True) if fmt == "graphml"
         else nx.read_gexf(path))
    assert (G.number_of_nodes(), G.number_of_edges()) == (39, 59)
    assert G.nodes["turkiye"]["label"] == "Turkiye"
    assert G.nodes["turkiye"]["iso3"] == "TUR"
    [attrs] = [d for _, _, k, d in G.edges(keys=True, data=True)
               if UKRAINE in (k, d.get("id"), d.get("edge_id"))]
    check_edge(attrs)
    root = ET.parse(path).getroot()  # a second, independent reader
    tags = [el.tag.rsplit("}", 1)[-1] for el in root.iter()]
    assert (tags.count("node"), tags.count("edge")) == (39, 59)
    if fmt == "gexf":  # GEXF's own edge type must stay a directedness
        assert {el.get("type") for el in root.iter() if el.tag.endswith("}edge")} <= {
            None, "directed"}


def test_graphml_read_by_igraph_a_second_library(tmp_path, capsys):
    import igraph

    g = igraph.Graph.Read_GraphML(str(export(tmp_path, capsys, "graphml")))
    assert (g.vcount(), g.ecount(), g.is_directed()) == (39, 59, True)
    [edge] = [e for e in g.es if e["edge_id"] == UKRAINE]
    check_edge(edge.attributes())
    assert {v["id"]: v["label"] for v in g.vs}["turkiye"] == "Turkiye"


def test_node_link_json(tmp_path, capsys):
    data = json.loads(export(tmp_path, capsys, "json").read_text(encoding="utf-8"))
    assert (len(data["nodes"]), len(data["edges"])) == (39, 59)
    [edge] = [e for e in data["edges"] if e["id"] == UKRAINE]
    check_edge(edge)
    G = nx.node_link_graph(data, edges="edges")
    assert (G.number_of_nodes(), G.number_of_edges()) == (39, 59)


def test_cytoscape_json(tmp_path, capsys):
    data = json.loads(export(tmp_path, capsys, "cytoscape").read_text(encoding="utf-8"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert (len(nodes), len(edges)) == (39, 59)
    [edge] = [e["data"] for e in edges if e["data"]["id"] == UKRAINE]
    check_edge(edge)
    assert {n["data"]["id"] for n in nodes} >= {"russia", "azerbaijan", "turkiye"}
    G = nx.cytoscape_graph(data)
    assert G.number_of_nodes() == 39


def test_gexf_carries_the_maps_colours_positions_and_weights(tmp_path, capsys):
    from actorgraph.present.style import ACTOR_FILL, EDGE_STYLE

    path = export(tmp_path, capsys, "gexf")
    G = nx.read_gexf(path)
    viz = G.nodes["turkiye"]["viz"]
    assert viz["color"] == {"r": 0xcc, "g": 0xe6, "b": 0xf7, "a": 1.0}  # a state's fill
    assert ACTOR_FILL["state"] == "#cce6f7"
    xs = {round(d["viz"]["position"]["x"]) for _, d in G.nodes(data=True)}
    assert len(xs) > 30  # laid out, not all in one spot
    [attrs] = [d for _, _, d in G.edges(data=True) if d["id"] == UKRAINE]
    assert attrs["weight"] == pytest.approx(0.84)  # the net support
    root = ET.parse(path).getroot()  # the edge's colour, read as plain XML
    edge = next(el for el in root.iter() if el.tag.endswith("}edge") and el.get("id") == UKRAINE)
    color = next(el for el in edge if el.tag.endswith("}color"))
    assert "#{:02x}{:02x}{:02x}".format(*(int(color.get(c)) for c in "rgb")) == (
        EDGE_STYLE["wants"]["color"].lower())
    assert float(edge.get("weight")) == pytest.approx(0.84)


def test_cytoscape_nodes_have_names_positions_and_a_style_file(tmp_path, capsys):
    from actorgraph.present.export import style_path

    path = export(tmp_path, capsys, "cytoscape")
    data = json.loads(path.read_text(encoding="utf-8"))
    nodes = {n["data"]["id"]: n for n in data["elements"]["nodes"]}
    assert nodes["turkiye"]["data"]["name"] == "Turkiye"
    assert set(nodes["turkiye"]["position"]) == {"x", "y"}
    [edge] = [e["data"] for e in data["elements"]["edges"] if e["data"]["id"] == UKRAINE]
    assert (edge["arrow"], edge["line_style"], edge["weight"]) == ("triangle", "solid", 0.84)
    style = json.loads(style_path(path).read_text(encoding="utf-8"))
    selectors = {s["selector"]: s["style"] for s in style}
    assert selectors["node"]["label"] == "data(name)"
    assert selectors["edge"]["line-color"] == "data(color)"
    # every attribute the style reads is on every element
    for n in data["elements"]["nodes"]:
        assert {"name", "color", "type"} <= set(n["data"])
    for e in data["elements"]["edges"]:
        assert {"color", "arrow", "line_style", "weight"} <= set(e["data"])


DOMAINS = GRAPH_DIR.parent / "tests" / "data" / "valid" / "ties-by-domain"
DOMAIN_OF = {"relation:arland~borvia:security/partnership@2015": "security",
             "relation:arland->borvia:economic/sanctions@2022-03": "economic",
             "relation:arland~dunmark:economic/agreement": "economic",
             "relation:cestra~dunmark:diplomatic/close": "diplomatic"}


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "yaml"])
def test_every_export_carries_each_ties_domain(tmp_path, capsys, fmt):
    import actorgraph

    path = tmp_path / f"graph.{fmt}"
    assert main(["export", "--format", fmt, "-o", str(path), "--graph", str(DOMAINS)]) == 0
    capsys.readouterr()
    if fmt in ("graphml", "gexf"):
        G = (nx.read_graphml(path, force_multigraph=True) if fmt == "graphml"
             else nx.read_gexf(path))
        got = {d.get("id") or d.get("edge_id") or k: d["domain"]
               for _, _, k, d in G.edges(keys=True, data=True)}
    elif fmt == "json":
        got = {e["id"]: e["domain"] for e in json.loads(path.read_text())["edges"]}
    else:  # loads back to the same records, domains and ids included
        (tmp_path / "again").mkdir()
        path.rename(tmp_path / "again" / "graph.yaml")
        again = actorgraph.load(tmp_path / "again", cache=False).graph["records"]
        assert again.relations == actorgraph.load(DOMAINS, cache=False).graph["records"].relations
        got = {rid: r.domain for rid, r in again.relations.items()}
    assert {k: got[k] for k in DOMAIN_OF} == DOMAIN_OF


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "cytoscape"])
def test_flat_exports_carry_the_amounts_claims_state(tmp_path, capsys, fmt):
    # curating.md promised the quantity in the exports; only YAML and RDF had it
    from ..conftest import DATA

    path = tmp_path / f"graph.{fmt}"
    assert main(["export", "--format", fmt, "-o", str(path), "--graph",
                 str(DATA / "valid" / "relay")]) == 0
    capsys.readouterr()
    if fmt in ("graphml", "gexf"):
        G = (nx.read_graphml(path, force_multigraph=True) if fmt == "graphml"
             else nx.read_gexf(path))
        values = [d.get("quantities", "") for _, _, d in G.edges(data=True)]
    elif fmt == "json":
        values = [e["quantities"] for e in json.loads(path.read_text())["edges"]]
    else:
        values = [e["data"]["quantities"]
                  for e in json.loads(path.read_text())["elements"]["edges"]]
    assert sorted(v for v in values if v) == ["$1.2bn = 1.2e+09 USD"]
