"""Markdown that survives GitHub (16.7 / 17.11): every Markdown output, parsed by a
CommonMark + GFM-tables parser, keeps its table columns, carries no raw HTML from the data,
and mentions nobody, however hostile the YAML's text."""

from __future__ import annotations

import re
import shutil

import pytest

from actorgraph.cli import main

markdown_it = pytest.importorskip("markdown_it")

HOSTILE = """\
sources:
  - {id: s, title: "<b>S</b>", kind: article}
actors:
  - {id: a, name: "A <img src=x onerror=alert(1)> @octocat", kind: state}
  - {id: b, name: "B | pipe `tick`", kind: state}
  - id: c
    name: "C <script>alert(1)</script>"
    kind: state
    interests:
      - outcome: rift-a-b
        stance: wants
        claims:
          - {by: c, source: s, quote: "QUOTE <b>want</b> | @github/security <!-- x --> *x*"}
  - id: d
    name: "D [link](javascript:alert(1)) &amp; @d"
    kind: state
    interests:
      - outcome: rift-a-b
        stance: opposes
        claims: [{by: d, source: s, quote: "<div>no</div> @someone | x"}]
outcomes:
  - {id: rift-a-b, label: "Rift <i>a</i> | b", kind: rift, between: [a, b]}
relations:
  - {between: [a, b], kind: alliance, claims: [{by: a, source: s, quote: "<a href=x>ally</a>"}]}
  - {between: [a, c], kind: rivalry, claims: [{by: c, source: s, quote: "| @a |"}]}
  - {between: [b, c], kind: alliance, claims: [{by: c, source: s, quote: "ok"}]}
"""


def tokens(text: str) -> list:
    """Every token of `text` as GitHub would parse it (CommonMark with GFM tables),
    inline children included."""
    md = markdown_it.MarkdownIt("commonmark").enable("table")
    out = []
    for t in md.parse(text):
        out.append(t)
        out.extend(t.children or ())
    return out


def check_survives_github(text: str) -> None:
    toks = tokens(text)
    raw = [t.content for t in toks if t.type in ("html_inline", "html_block")]
    assert raw == [], raw
    links = [t for t in toks if t.type == "link_open"]
    assert links == []
    words = " ".join(t.content for t in toks if t.type in ("text", "code_inline"))
    assert not re.search(r"(?<![\w@])@[A-Za-z0-9]", words), words  # nobody mentioned
    # every row of every table has as many cells as its header
    cells, rows = 0, []
    for t in toks:
        if t.type == "tr_open":
            cells = 0
        elif t.type in ("th_open", "td_open"):
            cells += 1
        elif t.type == "tr_close":
            rows.append(cells)
        elif t.type == "table_close":
            assert len(set(rows)) == 1, rows
            rows = []


@pytest.fixture
def hostile(write_graph):
    return write_graph(HOSTILE)


def run(capsys, *argv) -> str:
    code = main([*argv, "--format", "markdown"])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


@pytest.mark.parametrize("argv", [
    ["gains", "a", "b", "--explain"],
    ["gains", "a", "b", "--robustness"],
    ["balance", "--explain", "--rift", "a", "b"],
    ["perspectives", "a", "b", "--explain"],
    ["rifts"],
])
def test_every_markdown_report_survives_github(hostile, capsys, argv):
    out = run(capsys, *argv, "--graph", str(hostile))
    check_survives_github(out)
    shown = " ".join(t.content for t in tokens(out) if t.type == "text")
    assert "<" in shown  # the data's text is shown literally, not dropped


def test_the_gains_table_keeps_its_columns_and_shows_the_text(hostile, capsys):
    out = run(capsys, "gains", "a", "b", "--explain", "--graph", str(hostile))
    toks = tokens(out)
    cells = [t.children[0].content if t.children else "" for t in toks if t.type == "inline"]
    assert any("C <script>alert(1)</script> (" in c for c in cells), cells
    quote = next(t.content for t in toks if t.type == "text" and "QUOTE" in t.content)
    assert quote.startswith("C <script>alert(1)</script> (s, asserts): \u201cQUOTE <b>want</b> | "
                            "@\u200bgithub/security <!-- x --> *x*\u201d")


def test_diff_markdown_survives_github_with_a_changed_quote(hostile, tmp_path, capsys):
    new = tmp_path / "new"
    shutil.copytree(hostile, new)
    path = new / "graph.yaml"
    path.write_text(path.read_text().replace("QUOTE <b>want</b>", "QUOTE <b>wanted</b>"))
    out = run(capsys, "diff", str(hostile), str(new), "--rift", "a", "b")
    check_survives_github(out)
    toks = tokens(out)
    heads = sum(t.type == "th_open" for t in toks)
    assert heads == 4
    # the changed quote's row, whose claim id holds '|', keeps its fields column
    row = [t for t in toks if t.type == "inline" and "QUOTE" in t.content]
    assert len(row) == 1
