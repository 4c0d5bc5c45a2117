"""The command line: output, exit codes, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import actorgraph
from actorgraph.cli import build_parser, main

from ..conftest import DATA, GRAPH_DIR


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_prints_one_summary_line(capsys):
    code, out, err = run(capsys, "validate", "--graph", str(GRAPH_DIR))
    assert (code, err) == (0, "")
    assert out == ("ok: 3 sources, 26 actors, 13 outcomes, 23 interests, 13 effects, "
                   "14 relations, 6 events, 69 claims in 11 files\n")


def test_validate_lists_every_problem_and_exits_1(capsys, monkeypatch):
    monkeypatch.chdir(DATA / "invalid")
    code, out, err = run(capsys, "validate", "--graph", "wrong-types")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "wrong-types/graph.yaml:7:11: error: 'name' must be text, got true: quote it (\"true\")",
        "wrong-types/graph.yaml:9:14: error: 'aliases' must be a list, got 'Turkey'",
        "wrong-types/graph.yaml:12:17: error: 'stance' must be one of: wants, opposes, "
        "indifferent; got "
        "'want' (did you mean 'wants'?)",
        "wrong-types/graph.yaml:13:19: error: 'strength' must be a number, got 'lots'",
        "actorgraph: 4 errors in the graph",
    ]


def test_graph_option_works_before_or_after_the_command(capsys, monkeypatch):
    monkeypatch.chdir(DATA / "invalid")
    assert main(["--graph", "norway", "validate"]) == 1
    assert main(["validate", "--graph", "norway"]) == 1
    capsys.readouterr()


@pytest.mark.parametrize("argv", [["nonsense"], ["gains", "russia"], ["list", "people"],
                                  ["gains", "russia", "azerbaijan", "--depth", "x"], []])
def test_usage_errors_exit_2(capsys, argv):
    assert main(argv) == 2
    capsys.readouterr()


def test_unknown_actor_is_a_usage_error_with_a_suggestion(capsys):
    code, out, err = run(capsys, "gains", "russia", "azerbajan", "--graph", str(GRAPH_DIR))
    assert (code, out) == (2, "")
    assert err == "actorgraph: error: no actor called 'azerbajan'; did you mean 'azerbaijan'?\n"


@pytest.mark.parametrize("command", [["gains", "Russia", "russia"],
                                     ["perspectives", "Russia", "russia"],
                                     ["balance", "--rift", "Russia", "russia"],
                                     ["render", "-o", "x.png", "--rift", "Russia", "russia"]])
def test_self_rift_is_a_usage_error(capsys, command):
    code, _, err = run(capsys, *command, "--graph", str(GRAPH_DIR))
    assert code == 2
    assert err == "actorgraph: error: a rift needs two different actors; both name 'russia'\n"


def test_missing_graph_folder_is_a_usage_error(capsys, tmp_path):
    code, _, err = run(capsys, "validate", "--graph", str(tmp_path / "none"))
    assert code == 2 and err.startswith("actorgraph: error: graph folder not found: ")


def test_every_command_has_help(capsys):
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(commands) == {"validate", "list", "show", "check-quotes", "gains", "rifts",
                             "render", "diff", "balance", "perspectives", "schema",
                             "export", "lint", "coalitions", "completion"}
    for name in commands:
        assert main([name, "--help"]) == 0
        assert "usage: actorgraph " + name in capsys.readouterr().out


def test_show_by_alias_lists_interests_relations_and_quotes(capsys):
    code, out, _ = run(capsys, "show", "Türkiye", "--graph", str(GRAPH_DIR))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Turkiye (turkiye): state, TUR, wikidata Q43"
    assert "  wants Rift between Russia and Azerbaijan (rift-russia-azerbaijan)" in lines
    assert "  rivalry: Turkiye (turkiye) -> Russia (russia)" in lines
    assert "Turkiye envisages expanding its" in out


def test_show_a_person_lists_every_claim_they_make(capsys):
    code, out, _ = run(capsys, "show", "Peskov", "--graph", str(GRAPH_DIR))
    assert code == 0
    assert out.splitlines()[0] == "Dmitry Peskov (dmitry-peskov): person"
    assert "claims made by Dmitry Peskov: 7" in out
    assert out.count("  about outside-forces-drive-wedge") == 1
    assert out.count("  about interest:ukraine->rift-russia-azerbaijan") == 2
    assert out.count("  about relation:ukraine->azerbaijan:influences=1") == 1


def test_a_rift_nobody_has_a_stake_in_says_why(capsys):
    code, out, _ = run(capsys, "gains", "US", "UK", "--graph", str(GRAPH_DIR))
    assert code == 0
    # what the sources say comes first; the tool's inferences are named as left out (issue 14)
    assert out.splitlines()[-3:] == [
        "No source gives an actor a stake in this rift under these filters. No rift or "
        "rapprochement between them is in the data.", "",
        "(The tool's own inferences, from bloc membership and structural balance, are left "
        "out; --inferred shows them apart.)"]


def test_show_a_source_lists_the_claims_citing_it(capsys):
    code, out, _ = run(capsys, "show", "seed-comment-2", "--graph", str(GRAPH_DIR))
    assert code == 0
    assert out.splitlines()[0] == ("Reader comment on Russia being \"caught off guard\" "
                                   "(seed-comment-2): comment, confidence 0.3")
    assert "claims citing it: 2" in out


def test_list_actors_as_json(capsys):
    code, out, _ = run(capsys, "list", "actors", "--format", "json", "--graph", str(GRAPH_DIR))
    rows = json.loads(out)
    assert code == 0 and len(rows) == 26
    assert rows[0] == {"id": "anglo-american-axis", "name": "Anglo-American Axis",
                       "kind": "bloc", "part_of": ""}


def test_check_quotes_finds_every_quote_of_the_seed(capsys, seed):
    code, out, _ = run(capsys, "check-quotes", "--graph", str(GRAPH_DIR),
                       *(f"--text={sid}={path}" for sid, path in seed.items()))
    assert code == 0
    assert [line.split(":")[0] + ":" + line.split(":")[1].split(" in ")[0]
            for line in out.splitlines()] == [
        "seed-article: 65 of 65 quotes found", "seed-comment-1: 2 of 2 quotes found",
        "seed-comment-2: 2 of 2 quotes found"]


def test_check_quotes_reports_a_misquote_at_its_line(capsys, write_graph, tmp_path):
    folder = write_graph("""\
        sources:
          - {id: s, title: S, kind: article}
        actors:
          - id: a
            name: A
            kind: state
            interests:
              - outcome: o
                stance: wants
                claims:
                  - {by: a, source: s, quote: "we never said this"}
                  - {by: a, source: s, quote: "we said “this”"}
        outcomes:
          - {id: o, label: O, kind: other}
        """)
    text = tmp_path / "s.txt"
    text.write_text("Then: we   said \"this\" loudly.", encoding="utf-8")
    code, out, _ = run(capsys, "check-quotes", "--graph", str(folder), "--text", f"s={text}")
    assert code == 1
    assert out.splitlines()[0].endswith(
        "graph.yaml:11:13: quote not found in " + str(text) + ": “we never said this”")
    assert out.splitlines()[1] == f"s: 1 of 2 quotes found in {text}"


def test_installed_console_script_works_from_any_folder(tmp_path):
    exe = shutil.which("actorgraph")
    assert exe, "the actorgraph console script is not installed (pip install '.[test]')"
    env = {k: v for k, v in os.environ.items() if k != "ACTORGRAPH_GRAPH"}
    result = subprocess.run([exe, "gains", "russia", "azerbaijan"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Who gains from a rift between Russia and Azerbaijan?")


def test_gains_cli_does_not_import_matplotlib():
    code = ("import sys; from actorgraph.cli import main; "
            f"rc = main(['gains', 'russia', 'azerbaijan', '--graph', {str(GRAPH_DIR)!r}]); "
            "assert 'matplotlib' not in sys.modules, 'matplotlib imported'; raise SystemExit(rc)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr


def test_gains_text_ranks_and_explains(capsys):
    code, out, _ = run(capsys, "gains", "russia", "azerbaijan", "--graph", str(GRAPH_DIR))
    assert code == 0
    lines = out.splitlines()
    gains_at, loses_at = lines.index("GAINS"), lines.index("LOSES")
    ranked = [line.split("(")[1].split(")")[0] for line in lines[gains_at + 1:loses_at - 1]]
    # ranked by support (issue 14): the gainer two independent voices name first
    assert ranked == ["ukraine", "azeri-hardliners", "certain-forces", "turkiye",
                      "united-kingdom", "united-states"]
    assert lines[gains_at + 1].split() == [
        "Ukraine", "(ukraine)", "very", "likely", "(0.84,", "2", "voices)", "stake", "1",
        "(1", "interest);", "direct"]
    assert lines[loses_at + 1].split() == [
        "Russia", "(russia)", "likely", "(0.60,", "1", "voice)", "stake", "1", "(1",
        "interest);", "direct"]
    assert lines[loses_at + 2].split() == [
        "Azerbaijan", "(azerbaijan)", "unlikely", "(0.30,", "1", "voice)", "stake", "2",
        "(2", "interests);", "2", "chains"]


def test_gains_explain_quotes_every_claim(capsys):
    code, out, _ = run(capsys, "gains", "russia", "azerbaijan", "--according-to", "Peskov",
                       "--explain", "--graph", str(GRAPH_DIR))
    assert code == 0
    text = " ".join(out.split())
    assert ("Dmitry Peskov in seed-article, para 3 (asserts, 0.6): “Ukraine will do everything "
            "possible to add fuel to the fire of this situation and provoke the Azerbaijani side "
            "into taking emotional action.”") in text
    assert "Dmitry Peskov in seed-article, para 4 (asserts, 0.6): “the Kiev regime" in text


def test_gains_json_is_plain_data_with_claims(capsys):
    code, out, _ = run(capsys, "gains", "Russia", "Azerbaijan", "--format", "json",
                       "--graph", str(GRAPH_DIR))
    data = json.loads(out)
    assert code == 0
    assert data["rift"] == {"a": "russia", "b": "azerbaijan",
                            "outcomes": ["rift-russia-azerbaijan"]}
    assert [s["actor"] for s in data["stakes"] if s["verdict"] == "loses"] == [
        "russia", "azerbaijan"]
    ukraine = next(s for s in data["stakes"] if s["actor"] == "ukraine")
    direct = ukraine["evidence"][0]
    assert (direct["route"], direct["weight"], direct["claimants"]) == (
        "direct", 0.84, ["article-author", "dmitry-peskov"])
    assert {c["by"] for c in direct["steps"][0]["claims"]} == {"article-author",
                                                              "dmitry-peskov"}


def test_gains_markdown_table(capsys):
    code, out, _ = run(capsys, "gains", "russia", "azerbaijan", "--format", "markdown",
                       "--graph", str(GRAPH_DIR))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "## Who gains from a rift between Russia and Azerbaijan?"
    assert "| Turkiye (`turkiye`) | gains | likely (0.60, 1 voice) | 1 | no | direct |" \
        in lines
    assert "| Russia (`russia`) | loses | likely (0.60, 1 voice) | 1 | no | direct |" in lines


def test_rifts_lists_gainers_and_losers_and_counts_those_cut(capsys):
    code, out, _ = run(capsys, "rifts", "--top", "3", "--graph", str(GRAPH_DIR))
    assert code == 0
    assert out.splitlines() == ["Russia / Azerbaijan",
                                "  gainers: Ukraine, Azeri hardliners, certain forces and 3 more",
                                "  losers:  Russia, Azerbaijan"]


def test_bad_option_values_are_usage_errors(capsys):
    code, _, err = run(capsys, "gains", "russia", "azerbaijan", "--min-confidence", "2",
                       "--graph", str(GRAPH_DIR))
    assert (code, err) == (2, "actorgraph: error: --min-confidence takes a number from 0 to 1, "
                              "got 2.0\n")
    code, _, err = run(capsys, "gains", "russia", "azerbaijan", "--as-of", "2025-13",
                       "--graph", str(GRAPH_DIR))
    assert (code, err) == (2, "actorgraph: error: --as-of takes YYYY, YYYY-MM, YYYY-MM-DD or "
                              "'today', got '2025-13'\n")


@pytest.mark.parametrize(("argv", "message"), [
    (["render", "-o", "{tmp}/map.png", "--save-layout", "{tmp}/a-file/layout.json"],
     "cannot write {tmp}/a-file/layout.json: {tmp}/a-file is a file, not a folder"),
    (["render", "-o", "{tmp}/a-file/deeper/map.png"],
     "cannot write {tmp}/a-file/deeper/map.png: {tmp}/a-file is a file, not a folder"),
    (["render", "--html", "{tmp}/a-file/map.html"],
     "cannot write {tmp}/a-file/map.html: {tmp}/a-file is a file, not a folder"),
    (["render", "-o", "{tmp}"],
     "cannot render to '{tmp}': use a .png, .svg or .pdf name"),
    (["render", "--html", "{tmp}"],
     "cannot write {tmp}: it is a folder; give a file name"),
    (["export", "--format", "gexf", "-o", "{tmp}/a-file/g.gexf"],
     "cannot write {tmp}/a-file/g.gexf: {tmp}/a-file is a file, not a folder"),
    (["schema", "-o", "{tmp}/a-file"],
     "schema -o takes a folder (the schema is written as graph.schema.json in it); "
     "{tmp}/a-file is a file"),
    (["schema", "-o", "{tmp}/a-file/schemas"],
     "cannot write {tmp}/a-file/schemas: {tmp}/a-file is a file, not a folder"),
    (["render", "-o", "{tmp}/map.png", "--focus", "russia", "--radius", "-1"],
     "radius must be 0 or more, got -1"),
])
def test_outputs_that_cannot_be_written_are_usage_errors(capsys, tmp_path, argv, message):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    argv = [a.format(tmp=tmp_path) for a in argv]
    code, _, err = run(capsys, *argv, "--graph", str(GRAPH_DIR))
    assert (code, err) == (2, f"actorgraph: error: {message.format(tmp=tmp_path)}\n")


def test_show_works_for_every_record_of_the_curated_graph(capsys):
    import actorgraph

    records = actorgraph.load(GRAPH_DIR).graph["records"]
    for rid in [*records.actors, *records.outcomes, *records.sources, *records.events]:
        assert main(["show", rid, "--graph", str(GRAPH_DIR)]) == 0, rid
        assert f"({rid})" in capsys.readouterr().out


def test_show_finds_events_outcomes_and_sources_by_label_in_any_case(capsys):
    """A new user typed an event's label in lower case and got no hint, where a misspelt
    actor got one."""
    import actorgraph

    G = actorgraph.load(GRAPH_DIR)
    records = G.graph["records"]
    labels = [*((e, r.label) for e, r in records.events.items()),
              *((o, r.label) for o, r in records.outcomes.items()),
              *((s, r.title) for s, r in records.sources.items())]
    for rid, label in labels:
        for typed in (label, label.lower(), label.upper()):
            assert main(["show", typed, "--graph", str(GRAPH_DIR)]) == 0, typed
            assert capsys.readouterr().out.startswith(f"{label} ({rid})"), typed
    aland = str(DATA / "valid" / "aland-borea")
    code, out, err = run(capsys, "show", "border incident", "--graph", aland)
    assert (code, err, out.splitlines()[0]) == (
        0, "", "Border incident (border-incident): event, last week")
    for typed, hint in [("border incdent", "border-incident"),
                        ("crash of an azal", "azal-crash"),  # the start of a long label
                        ("rift betwen russia and azerbaijan", "rift-russia-azerbaijan")]:
        graph = aland if typed.startswith("border") else str(GRAPH_DIR)
        assert run(capsys, "show", typed, "--graph", graph) == (
            2, "", f"actorgraph: error: no record called '{typed}'; did you mean '{hint}'?\n")


# Before issue 16.8 a missing folder was an error for every writer; now each command that
# writes creates the folders its output needs, by one rule (`actorgraph.io.output`).
@pytest.mark.parametrize("argv", [
    ["export", "--format", "yaml", "-o", "{tmp}/merged/all.yaml"],
    ["export", "--format", "gexf", "-o", "{tmp}/for/gephi/g.gexf"],
    ["schema", "-o", "{tmp}/schemas/v1"],
    ["render", "-o", "{tmp}/maps/2026/map.png", "--save-layout", "{tmp}/layouts/map.json",
     "--html", "{tmp}/pages/map.html", "--rift", "russia", "azerbaijan"],
], ids=["export-yaml", "export-gexf", "schema", "render"])
def test_every_writer_creates_the_folders_its_output_needs(capsys, tmp_path, argv):
    argv = [a.format(tmp=tmp_path) for a in argv]
    code, out, err = run(capsys, *argv, "--graph", str(GRAPH_DIR))
    assert (code, err) == (0, "")
    written = [a for a in argv if a.startswith(str(tmp_path))]
    for path in written:
        target = Path(path) / "graph.schema.json" if argv[0] == "schema" else Path(path)
        assert target.is_file() and target.stat().st_size > 0, target
        assert f"wrote {target}" in out or (argv[0] == "render" and "--save-layout" in argv)


def test_the_readme_export_example_works_as_written(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "export", "--format", "yaml", "-o", "merged/all.yaml",
                       "--graph", str(GRAPH_DIR))
    assert code == 0
    assert out.startswith("wrote merged/all.yaml: ")
    written = yaml.safe_load((tmp_path / "merged" / "all.yaml").read_text(encoding="utf-8"))
    records = actorgraph.load(GRAPH_DIR, cache=False).graph["records"]
    assert sorted(a["id"] for a in written["actors"]) == sorted(records.actors)
    # the export is a graph of its own: the sources' archived texts come along, so it loads
    # back (every quote checked against them again) with the same claims
    again = actorgraph.load(tmp_path / "merged", cache=False).graph["records"]
    assert sorted(again.claims) == sorted(records.claims)


@pytest.mark.parametrize("argv", [
    ["render", "-o", "{tmp}/a-file/map.png"],
    ["render", "-o", "{tmp}/map.png", "--save-layout", "{tmp}/a-file/layout.json"],
    ["render", "--html", "{tmp}/a-file/map.html"],
    ["export", "--format", "json", "-o", "{tmp}/a-file/g.json"],
])
def test_a_bad_output_path_is_refused_before_the_graph_is_read(capsys, tmp_path, argv):
    # the graph is broken (exit 1 if it were read); the output path is checked first
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "graph.yaml").write_text("actors: [{id: x}]\n", encoding="utf-8")
    code, _, err = run(capsys, *[a.format(tmp=tmp_path) for a in argv], "--graph", str(broken))
    assert code == 2
    assert err.startswith(f"actorgraph: error: cannot write {tmp_path}/a-file/")


def test_as_of_says_how_many_undated_sources_it_kept(capsys):
    # none of the bundled graph's three sources gives a publication date, so --as-of cannot
    # drop them: the heading must say so rather than look like a filtered answer
    code, out, _ = run(capsys, "gains", "russia", "azerbaijan", "--as-of", "2024",
                       "--graph", str(GRAPH_DIR))
    assert code == 0
    assert out.splitlines()[1] == (
        "Rift outcomes in the data: rift-russia-azerbaijan. Depth 4, voices by organisation, "
        "as of 2024-12-31 (3 sources with no publication date kept).")


def test_perspectives_output_ends_its_last_line(capsys):
    code, out, _ = run(capsys, "perspectives", "russia", "azerbaijan", "--by", "affiliation",
                       "--graph", str(GRAPH_DIR))
    assert code == 0 and out.endswith("\n") and not out.endswith("\n\n\n")


def test_a_graph_folder_picked_from_the_current_folder_is_named_when_it_fails(
        tmp_path, monkeypatch, capsys):
    # an analyst's unrelated graph/ folder was read in place of the bundled graph, and the
    # error did not say why that folder was read
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "network.yaml").write_text("nodes: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ACTORGRAPH_GRAPH", raising=False)
    assert main(["gains", "russia", "azerbaijan"]) == 1
    err = capsys.readouterr().err
    assert err.endswith("actorgraph: note: read ./graph, the graph folder in the current "
                        "folder, as no --graph was given; name another with --graph DIR or "
                        "$ACTORGRAPH_GRAPH\n")
    assert main(["gains", "russia", "azerbaijan", "--graph", "graph"]) == 1
    assert "note: read ./graph" not in capsys.readouterr().err
