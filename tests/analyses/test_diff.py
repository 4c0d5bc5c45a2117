"""Diffing graph versions: folders and git revisions, exact records, renames, answers."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

import actorgraph
from actorgraph.analyses.diff import FieldChange, RecordChange, diff_graphs
from actorgraph.cli import main
from actorgraph.model.ids import claim_id, interest_id
from actorgraph.model.records import Claim

from ..conftest import GRAPH_DIR

SOURCES = """\
sources:
  - {id: s, title: S, kind: article, confidence: 0.5}
"""
RIFT = """\
outcomes:
  - {id: rift-a-b, label: Rift between A and B, kind: rift, between: [a, b]}
relations:
  - between: [a, b]
    kind: alliance
    claims:
      - {by: a, source: s, quote: allied}
"""


def actor(aid, name, *, stance=None, quote=None, formerly=None):
    text = f"  - id: {aid}\n    name: {name}\n    kind: state\n"
    if formerly:
        text += f"    formerly: [{formerly}]\n"
    if stance:
        text += (f"    interests:\n      - outcome: rift-a-b\n        stance: {stance}\n"
                 f"        claims:\n          - {{by: {aid}, source: s, quote: '{quote}'}}\n")
    return text


V1 = {"graph/main.yaml": SOURCES + RIFT + "actors:\n" + actor("a", "A") + actor("b", "B")
      + actor("x", "X", stance="wants", quote="we want it")
      + actor("hardliner-old", "Hardliners", stance="wants", quote="down with b")}
V2 = {"graph/main.yaml": SOURCES + RIFT + "actors:\n"
      + actor("hardliner", "Hardliners", stance="wants", quote="down with b",
              formerly="hardliner-old")
      + actor("x", "Ex", stance="wants", quote="we want it badly")
      + actor("y", "Y", stance="opposes", quote="no rift") + actor("a", "A"),
      "graph/b.yaml": "actors:\n" + actor("b", "B")}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                          cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository whose graph/ has three versions: V1, V2, and V2 again (v3)."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for i, version in enumerate((V1, V2, V2), start=1):
        for stale in (root / "graph").glob("*.yaml") if (root / "graph").exists() else []:
            stale.unlink()
        for name, text in version.items():
            path = root / name
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "--allow-empty", "-m", f"v{i}")
        git(root, "tag", f"v{i}")
    monkeypatch.chdir(root)
    monkeypatch.delenv("ACTORGRAPH_GRAPH", raising=False)
    return root


def expected_records():
    x_old = claim_id(interest_id("x", "rift-a-b"), Claim(by="x", source="s",
                                                          quote="we want it"))
    x_new = claim_id(interest_id("x", "rift-a-b"), Claim(by="x", source="s",
                                                          quote="we want it badly"))
    y_claim = claim_id(interest_id("y", "rift-a-b"), Claim(by="y", source="s", quote="no rift"))
    return [
        ("renamed", "actor", "hardliner", "hardliner-old", ()),
        ("changed", "actor", "x", None, (FieldChange("name", "X", "Ex"),)),
        ("added", "actor", "y", None, ()),
        ("added", "interest", "interest:y->rift-a-b", None, ()),
        ("changed", "claim", x_new, x_old,
         (FieldChange("quote", "we want it", "we want it badly"),)),
        ("added", "claim", y_claim, None, ()),
    ]


def as_tuples(records: tuple[RecordChange, ...]):
    return [(r.kind, r.type, r.id, r.old_id, r.fields) for r in records]


def test_diff_of_two_revisions_is_exact(repo):
    from actorgraph.io.gitread import read_revision

    G1 = actorgraph.build_graph(read_revision("v1", repo / "graph"))
    G2 = actorgraph.build_graph(read_revision("v2", repo / "graph"))
    d = diff_graphs(G1, G2)
    assert as_tuples(d.records) == expected_records()
    assert d.renames == {"hardliner-old": "hardliner"}
    assert [(a.rift, a.actor, a.kind, a.new_verdict, a.new_score) for a in d.answers] == [
        (("a", "b"), "y", "appeared", "loses", 0.5)]  # score = support, unsigned (issue 14)
    renamed = d.records[0]
    assert (str(renamed.old_origin), str(renamed.new_origin)) == (
        "v1:graph/main.yaml:25:5", "v2:graph/main.yaml:11:5")


def test_moving_and_reordering_records_is_no_change(repo):
    old = actorgraph.build_graph(actorgraph.io.gitread.read_revision("v2", repo / "graph"))
    d = diff_graphs(old, actorgraph.load(repo / "graph"))
    assert not d and d.records == () and d.answers == ()


def test_cli_diff_text_and_exit_codes(repo, capsys):
    assert main(["diff", "v1", "v2", "--color", "never"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["actorgraph diff v1:graph -> v2:graph",
                       "records: 3 added, 0 removed, 2 changed, 1 renamed", "actors"]
    assert "  > hardliner (renamed from hardliner-old)  [v2:graph/main.yaml:11:5]" in out
    assert "  ~ x  [v2:graph/main.yaml:20:5]" in out
    assert "      name: 'X' -> 'Ex'" in out
    assert out[-2:] == ["  who gains from a rift between a and b:", "    + y: now loses 0.50"]
    assert main(["diff", "v1", "v2", "--exit-code"]) == 1
    assert main(["diff", "v2", "v3", "--exit-code"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "no differences"


def test_cli_diff_between_a_revision_and_a_folder(repo, capsys):
    assert main(["diff", "v2", "graph", "--exit-code"]) == 0
    assert main(["diff", "HEAD~2", "./graph", "--exit-code"]) == 1
    capsys.readouterr()


def test_cli_diff_colours_only_when_asked_or_on_a_terminal(repo, capsys):
    main(["diff", "v1", "v2", "--color", "always"])
    assert "\033[32m  + y" in capsys.readouterr().out
    main(["diff", "v1", "v2"])  # captured output is not a terminal: plain
    assert "\033[" not in capsys.readouterr().out


def test_cli_diff_json_is_stable_and_documented(repo, capsys):
    assert main(["diff", "v1", "v2", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"added": 3, "removed": 0, "changed": 2, "renamed": 1}
    assert data["renames"] == {"hardliner-old": "hardliner"}
    assert data["records"][1] == {
        "kind": "changed", "type": "actor", "id": "x", "old_id": None,
        "old_origin": "v1:graph/main.yaml:17:5", "new_origin": "v2:graph/main.yaml:20:5",
        "fields": [{"field": "name", "old": "X", "new": "Ex"}]}
    assert data["answers"] == [{"rift": ["a", "b"], "actor": "y", "kind": "appeared",
                                "old": None, "new": {"verdict": "loses", "score": 0.5}}]


def test_cli_diff_markdown(repo, capsys):
    assert main(["diff", "v1", "v2", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("### actorgraph diff `v1:graph` → `v2:graph`\n")
    assert "| renamed | actor | `hardliner` (from `hardliner-old`) |  |" in out
    assert "- rift a / b: + y: now loses 0.50" in out


def test_markdown_says_the_answers_are_unchanged_as_the_text_does(tmp_path, capsys):
    # a new user's finding: the text said "answers: unchanged for 1 rift", Markdown nothing
    shutil.copytree(GRAPH_DIR, tmp_path / "a")
    shutil.copytree(GRAPH_DIR, tmp_path / "b")
    relations = tmp_path / "b" / "relations.yaml"
    text = relations.read_text(encoding="utf-8")
    assert "status: officially strategic allies; strained" in text
    relations.write_text(text.replace("status: officially strategic allies; strained",
                                      "status: strategic allies, strained"), encoding="utf-8")
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    assert main(["diff", a, b]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "answers: unchanged for 1 rift"
    assert main(["diff", a, b, "--format", "markdown"]) == 0
    assert capsys.readouterr().out.endswith("|\n\nAnswers: unchanged for 1 rift.\n")


@pytest.mark.parametrize(("rev", "message"), [
    ("--output=/tmp/pwned", "actorgraph: error: not a revision: '--output=/tmp/pwned' "
                            "(revisions cannot start with '-')\n"),
    ("-p", "actorgraph: error: not a revision: '-p' (revisions cannot start with '-')\n"),
    ("no-such-tag", "actorgraph: error: unknown revision or not a commit: 'no-such-tag'\n"),
    ("v1:graph", "actorgraph: error: unknown revision or not a commit: 'v1:graph'\n"),
    ("HEAD^{tree}", "actorgraph: error: unknown revision or not a commit: 'HEAD^{tree}'\n"),
])
def test_hostile_or_unknown_revisions_are_refused(repo, capsys, rev, message):
    before = git(repo, "status", "--porcelain")
    # after "--" argparse hands anything over as a positional: our own check must refuse it
    assert main(["diff", "--exit-code", "--", rev, "HEAD"]) == 2
    assert capsys.readouterr().err == message
    assert main(["diff", "--", "HEAD", rev]) == 2
    assert capsys.readouterr().err == message
    if not rev.startswith("-"):
        assert main(["diff", rev, "HEAD"]) == 2
        capsys.readouterr()
    assert git(repo, "status", "--porcelain") == before
    assert not Path("/tmp/pwned").exists()


def test_outside_a_repository_is_a_clear_error(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "plain" / "graph"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text(textwrap.dedent(SOURCES), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "plain")
    assert main(["diff", "HEAD", "graph", "--exit-code"]) == 2
    assert capsys.readouterr().err == (
        "actorgraph: error: graph is not inside a git repository, so git holds no versions "
        "of it: compare two folders (actorgraph diff OLD_DIR NEW_DIR), or give --graph a "
        "graph folder in a git checkout\n")


def test_bad_data_in_an_old_revision_names_the_revision(repo, capsys):
    (repo / "graph" / "main.yaml").write_text(SOURCES + "actors:\n  - id: a\n", "utf-8")
    git(repo, "commit", "-qam", "broken")
    assert main(["diff", "HEAD", "v2", "--exit-code"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "HEAD:graph/main.yaml:4:5: error: missing required key 'kind'",
        "HEAD:graph/main.yaml:4:5: error: missing required key 'name'",
        "actorgraph: 2 errors in the graph"]
    assert main(["diff", "HEAD", "v2"]) == 1
    capsys.readouterr()


def test_formerly_must_not_name_a_live_id(write_graph):
    folder = write_graph(SOURCES + "actors:\n" + actor("a", "A") + actor("b", "B", formerly="a"))
    with pytest.raises(actorgraph.GraphDataError) as info:
        actorgraph.load(folder)
    assert [p.message for p in info.value.problems] == [
        "'b' lists 'a' as a former id, but 'a' is still defined at "
        f"{info.value.problems[0].file}:4:5"]


def test_render_diff_marks_added_removed_and_changed(repo, capsys):
    from actorgraph.io.gitread import read_revision
    from actorgraph.present.selection import select_diff_map

    G1 = actorgraph.build_graph(read_revision("v1", repo / "graph"))
    G2 = actorgraph.build_graph(read_revision("v2", repo / "graph"))
    sel = select_diff_map(G1, G2, diff_graphs(G1, G2))
    assert sel.highlight == {"hardliner": "changed", "x": "changed", "y": "added"}
    assert sel.status == {"interest:y->rift-a-b": "added",
                          "interest:x->rift-a-b": "changed"}
    assert sel.title == "Changes from v1:graph to v2:graph"
    assert main(["render", "--diff", "v1", "v2", "-o", "diff.png", "--date", "2026-01-01"]) == 0
    assert capsys.readouterr().out == "wrote diff.png: 5 actors, 1 outcome, 4 edges\n"
    assert (repo / "diff.png").read_bytes()[:4] == b"\x89PNG"


def test_render_diff_keeps_removed_records(repo):
    from actorgraph.io.gitread import read_revision
    from actorgraph.present.selection import select_diff_map

    G2 = actorgraph.build_graph(read_revision("v2", repo / "graph"))
    G1 = actorgraph.build_graph(read_revision("v1", repo / "graph"))
    sel = select_diff_map(G2, G1, diff_graphs(G2, G1))  # backwards: y is removed
    assert sel.highlight["y"] == "removed" and "y" in sel.graph
    assert sel.status["interest:y->rift-a-b"] == "removed"


def test_a_shared_parse_cache_gives_the_same_records(repo):
    from actorgraph.io.loader import ParseCache, load_records

    cache = ParseCache()
    first = load_records(repo / "graph", cache=cache)
    parsed = dict(cache.files)
    second = load_records(repo / "graph", cache=cache)
    assert cache.files == parsed  # nothing parsed twice
    assert (second.counts(), second.origins, second.claims) == (
        first.counts(), first.origins, first.claims)
    assert diff_graphs(actorgraph.build_graph(first), actorgraph.build_graph(second)).records == ()


def domain_graph(tmp_path, name, ties, renamed=False):
    """A graph whose pair a~b (b once named `b-old`, see `renamed`) has the given ties:
    (kind, domain or None, status or None)."""
    text = SOURCES + "actors:\n" + actor("a", "A") + (
        actor("b", "B", formerly="b-old") if renamed else actor("b-old", "B"))
    text += "relations:\n"
    for kind, domain, status in ties:
        text += (f"  - between: [a, {'b' if renamed else 'b-old'}]\n    kind: {kind}\n"
                 + (f"    domain: {domain}\n" if domain else "")
                 + (f"    status: {status}\n" if status else "")
                 + f"    claims:\n      - {{by: a, source: s, quote: '{kind}'}}\n")
    folder = tmp_path / name
    folder.mkdir()
    (folder / "g.yaml").write_text(text, encoding="utf-8")
    return actorgraph.load(folder, cache=False)


def test_a_tie_moved_to_another_domain_is_one_changed_record(tmp_path):
    old = domain_graph(tmp_path, "old", [("alliance", None, None), ("sanctions", "economic",
                                                                      None)])
    new = domain_graph(tmp_path, "new", [("alliance", "security", "strained"),
                                         ("sanctions", "economic", None)])
    # the claims under it are the same claims: their ids follow the relation's
    assert as_tuples(diff_graphs(old, new).records) == [
        ("changed", "relation", "relation:a~b-old:security/alliance",
         "relation:a~b-old:alliance",
         (FieldChange("domain", "other", "security"), FieldChange("status", None, "strained")))]


def test_a_domain_move_is_followed_through_a_rename(tmp_path):
    old = domain_graph(tmp_path, "old", [("alliance", "economic", None)])
    new = domain_graph(tmp_path, "new", [("alliance", "diplomatic", None)], renamed=True)
    records = as_tuples(diff_graphs(old, new).records)
    assert ("changed", "relation", "relation:a~b:diplomatic/alliance",
            "relation:a~b-old:economic/alliance",
            (FieldChange("domain", "economic", "diplomatic"),)) in records
    assert [r[:2] for r in records if r[1] == "relation"] == [("changed", "relation")]


def test_which_tie_went_to_which_domain_is_never_guessed(tmp_path):
    old = domain_graph(tmp_path, "old", [("alliance", None, None),
                                         ("alliance", "economic", None)])
    new = domain_graph(tmp_path, "new", [("alliance", "security", None),
                                         ("alliance", "diplomatic", None)])
    relations = sorted(r[:3] for r in as_tuples(diff_graphs(old, new).records)
                       if r[1] == "relation")
    assert relations == [("added", "relation", "relation:a~b-old:diplomatic/alliance"),
                         ("added", "relation", "relation:a~b-old:security/alliance"),
                         ("removed", "relation", "relation:a~b-old:alliance"),
                         ("removed", "relation", "relation:a~b-old:economic/alliance")]
