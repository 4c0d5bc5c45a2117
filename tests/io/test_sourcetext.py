"""Archived source texts (``text:``): quotes and ``para N`` locators checked where they come
from; and the Admiralty grades' one mapping into a claim's confidence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from actorgraph.errors import GraphDataError
from actorgraph.io.loader import load_records
from actorgraph.io.sourcetext import normalize_text, paragraphs
from actorgraph.model.records import Claim, Source, claim_confidence, claim_grade

from ..conftest import GRAPH_DIR, SEED_TEXTS

SEED = Path(os.environ.get("ACTORGRAPH_SEED")
            or GRAPH_DIR.parent.parent / "shared" / "seeds" / "000_7a2309e86cf298ac.txt")
"""The seed file as the project was given it, beside the clone or at $ACTORGRAPH_SEED."""


def test_every_curated_source_has_its_text_archived_and_every_quote_is_checked():
    records = load_records(GRAPH_DIR)
    assert {sid: s.text for sid, s in records.sources.items()} == {
        sid: f"sources/{path.name}" for sid, path in SEED_TEXTS.items()}
    for _, claim in records.claims.values():
        paras = paragraphs(SEED_TEXTS[claim.source].read_text(encoding="utf-8"))
        n = int(claim.locator.removeprefix("para "))
        assert normalize_text(claim.quote) in paras[n - 1], claim


@pytest.mark.skipif(not SEED.is_file(), reason="the seed file is not beside this clone "
                    "(set ACTORGRAPH_SEED to its path)")
def test_the_archived_texts_are_the_seed_line_by_line():
    lines = [normalize_text(line) for line in SEED.read_text(encoding="utf-8").splitlines()]
    archived = [p for path in SEED_TEXTS.values()
                for p in paragraphs(path.read_text(encoding="utf-8"))]
    assert archived == lines


def test_paragraphs_are_separated_by_blank_lines_whatever_the_line_ends():
    text = "\ufeffOne\r\nline.\r\n\r\n \t \r\nTwo,\rstill two.\n\n\n\nThree.\n"
    assert paragraphs(text.removeprefix("\ufeff")) == ["One line.", "Two, still two.", "Three."]


def test_a_quote_may_not_leave_the_folder_through_a_link(write_graph, tmp_path):
    (tmp_path / "secret.txt").write_text("A wants O.", encoding="utf-8")
    folder = write_graph("""\
        sources:
          - {id: s, title: S, kind: article, text: link.txt}
        actors:
          - id: a
            name: A
            kind: state
            interests:
              - {outcome: o, stance: wants, claims: [{by: a, source: s, quote: A wants O.}]}
        outcomes:
          - {id: o, label: O, kind: other}
        """)
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(GraphDataError) as info:
        load_records(folder)
    assert [p.message for p in info.value.problems] == [
        "source 's': text: link.txt leads outside the graph folder"]


# -- grading ------------------------------------------------------------------------------

SOURCES = {
    "plain": Source(id="plain", title="T", kind="article"),
    "numbered": Source(id="numbered", title="T", kind="article", confidence=0.4),
    "b": Source(id="b", title="T", kind="article", reliability="B"),
    "f": Source(id="f", title="T", kind="article", reliability="F"),
}


@pytest.mark.parametrize(("source", "grade", "expected", "shown"), [
    ("plain", {}, 0.7, None),               # nothing given: the default
    ("numbered", {}, 0.4, None),            # the source's number
    ("b", {}, 0.75, "B?"),                  # the source's grade
    ("f", {}, 0.7, "F?"),                   # F cannot be judged: the default, not zero
    ("b", {"credibility": 2}, 0.7, "B2"),   # the claim's grade is more specific
    ("b", {"credibility": 6}, 0.75, "B6"),  # 6 cannot be judged: the source's applies
    ("numbered", {"credibility": 5}, 0.1, "?5"),
    ("f", {"confidence": 0.33}, 0.33, "F?"),  # a number on the claim wins
], ids=["default", "number", "reliability", "F-unknown", "credibility", "6-unknown",
        "credibility-only", "claim-number"])
def test_one_mapping_from_grades_to_confidence(source, grade, expected, shown):
    claim = Claim(by="a", source=source, quote="q", **grade)
    assert claim_confidence(claim, SOURCES) == expected
    assert claim_grade(claim, SOURCES) == shown


GRADED = """\
    sources:
      - {id: wire, title: Wire report, kind: report, reliability: B}
      - {id: blog, title: A blog, kind: article, reliability: F}
    actors:
      - {id: a, name: A, kind: state}
      - {id: b, name: B, kind: state}
      - id: c
        name: C
        kind: state
        interests:
          - outcome: rift-a-b
            stance: wants
            claims:
              - {by: c, source: wire, quote: C wants the rift., credibility: 2}
              - {by: c, source: blog, quote: C says so., credibility: 6}
    outcomes:
      - {id: rift-a-b, label: Rift between A and B, kind: rift, between: [a, b]}
    """


def test_grades_are_shown_in_show_explain_and_exports(write_graph, tmp_path, capsys):
    import json

    from actorgraph.cli import main

    folder = str(write_graph(GRADED))
    assert main(["show", "c", "--graph", folder]) == 0
    out = capsys.readouterr().out
    assert "    - C in wire (asserts, 0.7, graded B2): \u201cC wants the rift.\u201d" in out
    assert "    - C in blog (asserts, 0.7, graded F6): \u201cC says so.\u201d" in out
    assert main(["show", "wire", "--graph", folder]) == 0
    assert capsys.readouterr().out.startswith("Wire report (wire): report, confidence 0.75 "
                                              "(reliability B)\n")
    assert main(["gains", "a", "b", "--explain", "--graph", folder]) == 0
    out = capsys.readouterr().out
    assert "- C in wire (asserts, 0.7, graded B2): \u201cC wants the rift.\u201d" in out
    assert main(["gains", "a", "b", "--format", "json", "--graph", folder]) == 0
    claims = list(_claims_in(json.loads(capsys.readouterr().out)))
    assert sorted({(c["source"], c["grade"], c["confidence"]) for c in claims}) == [
        ("blog", "F6", 0.7), ("wire", "B2", 0.7)]
    out_file = tmp_path / "g.json"
    assert main(["export", "--format", "json", "-o", str(out_file), "--graph", folder]) == 0
    edges = json.loads(out_file.read_text(encoding="utf-8"))["edges"]
    assert [e["grades"] for e in edges if e["edge_type"] == "interest"] == ["B2; F6"]


def _claims_in(data):
    """Every claim object anywhere in a JSON answer (those with a quote and a source)."""
    if isinstance(data, dict):
        if "quote" in data and "source" in data:
            yield data
        for value in data.values():
            yield from _claims_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from _claims_in(value)


def test_check_quotes_without_texts_reads_the_archived_ones(capsys, monkeypatch):
    from actorgraph.cli import main

    monkeypatch.chdir(GRAPH_DIR.parent)
    assert main(["check-quotes", "--graph", "graph"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "seed-article: 65 of 65 quotes found in graph/sources/seed-article.txt",
        "seed-comment-1: 2 of 2 quotes found in graph/sources/seed-comment-1.txt",
        "seed-comment-2: 2 of 2 quotes found in graph/sources/seed-comment-2.txt"]
    monkeypatch.chdir(GRAPH_DIR.parent / "tests" / "data" / "valid")
    assert main(["check-quotes", "--graph", "india-canada"]) == 2
    assert capsys.readouterr().err == ("actorgraph: error: give --text SOURCE_ID=PATH: no "
                                       "source of this graph archives its text (text:)\n")
