"""Loading graph folders: the curated graph, and one invalid graph per kind of mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

import actorgraph
from actorgraph import GraphDataError, load_records
from actorgraph.model.records import date_bounds

from ..conftest import DATA, GRAPH_DIR
from ..hostile_corpus import HOSTILE


def test_curated_graph_counts(curated):
    records = curated.graph["records"]
    assert records.counts() == {"sources": 3, "actors": 26, "outcomes": 13, "interests": 23,
                                "effects": 13, "relations": 14, "events": 6, "claims": 69}
    assert records.warnings == []
    assert curated.number_of_nodes() == 26 + 13
    edge_types = [t for _, _, t in curated.edges(data="type")]
    assert {t: edge_types.count(t) for t in set(edge_types)} == {
        "interest": 23, "effect": 11, "relation": 9, "member_of": 11, "influence": 5}


def test_every_assertion_in_the_curated_graph_has_a_claim(curated):
    for _, _, data in curated.edges(data=True):
        if data["type"] != "member_of":
            assert data["claims"], data


def test_claims_keep_their_claimant_apart_from_the_author(curated):
    edge = curated.edges["ukraine", "rift-russia-azerbaijan",
                         "interest:ukraine->rift-russia-azerbaijan"]
    assert sorted({c.by for c in edge["claims"]}) == ["article-author", "dmitry-peskov"]


def test_origins_point_at_the_yaml(curated):
    origin = curated.nodes["turkiye"]["origin"]
    assert (Path(origin.file).as_posix().endswith("graph/actors/turkiye.yaml"),
            origin.line, origin.column) == (True, 3, 5)


def test_files_are_read_in_a_stable_order(curated):
    files = [Path(f).relative_to(GRAPH_DIR).as_posix() if Path(f).is_absolute()
             else Path(f).as_posix().split("graph/", 1)[1] for f in curated.graph["records"].files]
    assert files == sorted(files)
    assert files[0] == "actors/anglo-american.yaml"


INVALID = {
    "duplicate-key": ["graph.yaml:8:5: error: duplicate key 'name' (first at line 7, column 5); "
                      "YAML would keep only the last one"],
    "duplicate-key-flow": ["graph.yaml:6:35: error: duplicate key 'id' (first at line 6, "
                           "column 6); YAML would keep only the last one"],
    "norway": ["graph.yaml:8:11: error: 'kind' must be one of: state, government, faction, bloc, "
               "organization, person, group, unidentified; got 'no'"],
    "unknown-key": ["graph.yaml:6:5: error: missing required key 'name'",
                    "graph.yaml:7:5: error: unknown key 'nmae'; did you mean 'name'?"],
    "missing-key": ["graph.yaml:6:5: error: missing required key 'kind'"],
    "bad-id": ["graph.yaml:6:9: error: 'id' must be an id (lower-case letters and digits joined "
               "by single hyphens, like 'azeri-hardliners'); got 'Azeri Hardliners'"],
    "dangling-ref": ["graph.yaml:10:18: error: unknown outcome 'rift-a-bb'; did you mean "
                     "'rift-a-b'?",
                     "graph.yaml:23:5: warning: outcome 'rift-a-b' is not wanted, opposed or "
                     "linked by any effect"],
    "wrong-kind-ref": ["graph.yaml:10:18: error: 'a' is an actor, not an outcome"],
    "duplicate-id": ["b.yaml:2:5: error: duplicate id 'x' (first defined at "
                     "duplicate-id/a.yaml:6:5)"],
    "empty-claims": ["graph.yaml:12:17: error: 'claims' is empty: every assertion needs at least "
                     "one claim saying who asserts it, where, and the quote",
                     "graph.yaml:13:9: error: missing required key 'claims'"],
    "self-rift": ["graph.yaml:13:5: error: a rift of 'a' with itself"],
    "anchor": ["graph.yaml:6:5: error: anchor '&x' found: anchors and aliases are not supported "
               "in the graph; write the value out"],
    "alias-bomb": ["graph.yaml:1:4: error: anchor '&a' found: anchors and aliases are not "
                   "supported in the graph; write the value out"],
    "merge-key": ["graph.yaml:6:5: error: merge keys ('<<') are not supported; write the keys "
                  "out"],
    "explicit-tag": ["graph.yaml:7:11: error: explicit tag 'tag:yaml.org,2002:python/object:"
                     "os.system' is not supported; remove it (quote the value to make it text)"],
    "deep-nesting": ["graph.yaml:1:72: error: nesting deeper than 64 levels"],
    "tab-indent": ["graph.yaml:7:1: error: YAML syntax: a tab character; YAML indents with "
                   "spaces only"],
    "control-char": ["graph.yaml:7:12: error: character U+0007 is not allowed in YAML (control "
                     "character); remove it"],
    "not-utf8": ["graph.yaml:7:14: error: byte 0xe9 is not valid UTF-8; save the file as UTF-8"],
    "two-documents": ["graph.yaml:5:1: error: a second YAML document ('---') in one file; put "
                      "each document in its own file"],
    "impossible-date": ["graph.yaml:5:16: error: 'published': day 30 does not exist in 2024-02"],
    "since-after-until": ["graph.yaml:16:5: error: since (2025-03) is after until (2024)"],
    "wrong-types": ["graph.yaml:7:11: error: 'name' must be text, got true: quote it (\"true\")",
                    "graph.yaml:9:14: error: 'aliases' must be a list, got 'Turkey'",
                    "graph.yaml:12:17: error: 'stance' must be one of: wants, opposes, "
                    "indifferent; got "
                    "'want' (did you mean 'wants'?)",
                    "graph.yaml:13:19: error: 'strength' must be a number, got 'lots'"],
    # true/false where a number is due was read as 1/0 (a claim held certain, a quantity of
    # 1 USD) before the number fields refused bools
    "number-as-bool": ["graph.yaml:7:17: error: 'confidence' must be a number, got false",
                       "graph.yaml:15:17: error: 'degree' must be a number, got true",
                       "graph.yaml:19:25: error: 'confidence' must be a number, got true",
                       "graph.yaml:21:31: error: 'value' must be a number, got true"],
    "contradictory-relations": [
        "graph.yaml:19:5: error: contradictory relations between 'a' and 'b', both of domain "
        "'other': 'war' here and 'alliance' at contradictory-relations/graph.yaml:13:5, both "
        "undated, so both hold at all times; if they are ties of different kinds, give each its "
        "domain (security, economic, diplomatic, other); if one followed the other, give them "
        "dates that do not overlap (until is inclusive: after 'until: 1913' comes 'since: "
        "1914', or 'since: 1913' for a change within 1913); or mark the disputed one's claims "
        "'denies'"],
    "unknown-source": ["graph.yaml:14:21: error: unknown source 't' (known: s)"],
    "part-of-cycle": ["graph.yaml:2:5: error: part_of goes round in a circle: a -> b -> a"],
    "not-a-mapping": ["graph.yaml:1:1: error: expected a mapping of sections (sources, actors, "
                      "outcomes, relations, events)"],
    "merge-key-bomb": ["graph.yaml:1:4: error: anchor '&a' found: anchors and aliases are not "
                       "supported in the graph; write the value out"],
    "cyclic-alias": ["graph.yaml:1:9: error: anchor '&loop' found: anchors and aliases are not "
                     "supported in the graph; write the value out"],
    "nul-byte": ["graph.yaml:2:10: error: character U+0000 is not allowed in YAML (control "
                 "character); remove it"],
    "utf16": ["graph.yaml:1:1: error: the file is UTF-16 (it starts with a UTF-16 byte-order "
              "mark); save it as UTF-8"],
    "duplicate-interest": ["graph.yaml:11:9: error: duplicate interest 'interest:a->o' (first "
                           "defined at duplicate-interest/graph.yaml:8:9); an actor has one "
                           "interest per outcome: put claims that disagree under it with "
                           "stance: denies"],
    "self-effect": ["graph.yaml:6:5: warning: outcome 'o' is not wanted, opposed or linked by "
                    "any effect",
                    "graph.yaml:10:13: error: 'o' cannot affect itself"],
    "duplicate-claim": ["graph.yaml:12:13: error: the same claim twice (same claimant, source "
                        "and quote; first at duplicate-claim/graph.yaml:11:13)"],
    "source-text": [
        "graph.yaml:6:5: error: source 'missing': text: source-text/sources/missing.txt does not "
        "exist",
        "graph.yaml:18:13: error: locator 'para 2' is wrong: para 2 of sources/report.txt does "
        "not hold the quote; the quote is in para 1",
        "graph.yaml:26:13: error: locator 'para 9' is wrong: sources/report.txt has 2 "
        "paragraphs; the quote is in para 2",
        "graph.yaml:30:13: error: quote not found in sources/report.txt (the source's text): "
        "\u201cA never said this.\u201d",
        "graph.yaml:33:13: error: locator 'para 1' is wrong: para 1 of sources/report.txt does "
        "not hold the quote; the quote runs across paragraphs (paragraphs are separated by "
        "blank lines)"],
    "grades-and-text-path": [
        "graph.yaml:5:11: error: 'text': must be a path inside the graph folder, written with "
        "'/' and without '..' (like 'sources/article.txt'); got '../outside.txt'",
        "graph.yaml:6:5: error: give 'confidence' or 'reliability', not both: each sets the "
        "source's confidence",
        "graph.yaml:19:13: error: give 'confidence' or 'credibility', not both: each sets the "
        "claim's confidence",
        "graph.yaml:20:61: error: 'credibility' must be at most 6, got '7'"],
    "huge-number": ["graph.yaml:5:17: error: 'confidence' must be at most 1.0, got "
                    "'9999999999999999999999999999999999999...'"],
    **HOSTILE,
}


def test_every_invalid_case_is_tested():
    assert sorted(p.name for p in (DATA / "invalid").iterdir()) == sorted(INVALID)


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_graph_reports_every_problem_exactly(case, monkeypatch):
    monkeypatch.chdir(DATA / "invalid")
    with pytest.raises(GraphDataError) as info:
        load_records(case)
    assert [str(p) for p in info.value.problems] == [f"{case}/{m}" for m in INVALID[case]]


def test_a_byte_order_mark_is_fine():
    records = load_records(DATA / "valid" / "bom")
    assert (list(records.actors), records.origins["a"].line, records.origins["a"].column) == (
        ["a"], 2, 5)


def test_problems_from_several_files_come_sorted_together(write_graph, monkeypatch):
    folder = write_graph({
        "b.yaml": "actors:\n  - id: b\n    name: B\n    kind: stat\n",
        "a.yaml": "actors:\n  - id: a\n    nme: A\n    kind: state\n",
    })
    monkeypatch.chdir(folder)
    with pytest.raises(GraphDataError) as info:
        load_records(".")
    assert [str(p) for p in info.value.problems] == [
        "a.yaml:2:5: error: missing required key 'name'",
        "a.yaml:3:5: error: unknown key 'nme'; did you mean 'name'?",
        "b.yaml:4:11: error: 'kind' must be one of: state, government, faction, bloc, "
        "organization, person, group, unidentified; got 'stat' (did you mean 'state'?)",
    ]


def test_text_fields_keep_what_the_curator_wrote(write_graph):
    folder = write_graph("""\
        sources:
          - id: s
            title: 1.10
            kind: article
            published: 2025-07
        actors:
          - id: no
            name: no
            kind: state
            aliases: [010, on, 1:20]
        """)
    records = load_records(folder)
    assert records.sources["s"].title == "1.10"
    assert records.actors["no"].name == "no"
    assert records.actors["no"].aliases == ["010", "on", "1:20"]
    assert date_bounds(records.sources["s"].published)[1].isoformat() == "2025-07-31"


def test_empty_files_are_warned_about_not_dropped_silently(write_graph, monkeypatch):
    folder = write_graph({"empty.yaml": "", "notes.yml": "# later\n",
                          "a.yaml": "actors:\n  - {id: a, name: A, kind: state}\n"})
    monkeypatch.chdir(folder)
    records = load_records(".")
    assert [str(w) for w in records.warnings] == [
        "empty.yaml:1:1: warning: file is empty (no records)",
        "notes.yml:1:1: warning: file is empty (no records)",
    ]
    assert list(records.actors) == ["a"]


def test_hidden_folders_and_other_files_are_not_read(write_graph):
    folder = write_graph({".git/x.yaml": "broken: [", "README.md": "# hi",
                          "a.yaml": "actors:\n  - {id: a, name: A, kind: state}\n"})
    assert list(load_records(folder).actors) == ["a"]


def test_missing_folder_is_a_usage_error(tmp_path):
    with pytest.raises(actorgraph.UsageError, match="graph folder not found"):
        load_records(tmp_path / "nope")


def test_env_var_selects_the_graph(write_graph, monkeypatch):
    folder = write_graph("actors:\n  - {id: only, name: Only, kind: state}\n")
    monkeypatch.setenv("ACTORGRAPH_GRAPH", str(folder))
    assert list(actorgraph.load().nodes) == ["only"]


def test_resolve_accepts_names_and_aliases_case_and_accent_blind(curated):
    for name in ("turkiye", "Turkey", "Türkiye", "TURKEY", "TUR"):
        assert actorgraph.resolve(curated, name) == "turkiye"
    assert actorgraph.resolve(curated, "USA") == "united-states"
    assert actorgraph.resolve(curated, "Kiev regime") == "ukraine"
    with pytest.raises(actorgraph.UnknownNameError) as info:
        actorgraph.resolve(curated, "Turkie")
    assert str(info.value) == "no actor called 'Turkie'; did you mean 'turkiye'?"


def test_files_are_named_as_display_path_names_them(tmp_path, monkeypatch):
    """read_folder works out the names once per folder; they are display_path's, inside
    and outside the working folder, through a linked folder, for a linked file and for
    names that must be quoted."""
    import os

    from actorgraph.errors import display_path
    from actorgraph.io.folders import graph_files
    from actorgraph.io.loader import read_folder

    graph = tmp_path / "work" / "graph"
    (graph / "actors").mkdir(parents=True)
    for name in ("a.yaml", "actors/b c.yaml", "actors/caf\u00e9.yaml", "actors/x\ty.yaml"):
        (graph / name).write_text("actors: []\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("actors: []\n", encoding="utf-8")
    os.symlink(elsewhere, graph / "linked.yaml")
    os.symlink(graph, tmp_path / "work" / "alias")
    (tmp_path / "other").mkdir()
    cases = [(tmp_path / "work", "graph"), (tmp_path / "work", "alias"),
             (tmp_path / "work", str(graph)), (tmp_path / "other", str(graph)),
             (tmp_path / "other", "../work/alias"), (graph, "."), (graph / "actors", ".."),
             (graph / "actors", "../../graph"), (graph / "actors", str(tmp_path))]
    for cwd, root in cases:
        monkeypatch.chdir(cwd)
        shown = [name for name, _, _ in read_folder(Path(root))]
        assert shown == [display_path(f) for f in graph_files(Path(root))], (cwd, root)
        assert len(shown) == 5 + (root == str(tmp_path))  # (and elsewhere.yaml)
