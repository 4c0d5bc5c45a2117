"""The JSON Schema for editors agrees with the loader on the curated graph and on mistakes."""

from __future__ import annotations

import datetime as dt
import json
import textwrap

import jsonschema
import pytest
import yaml

from actorgraph.cli import main
from actorgraph.io.schema import SCHEMA_FILE, graph_file_schema

from ..conftest import DATA, GRAPH_DIR

FILES = sorted(GRAPH_DIR.rglob("*.yaml"))


def plain(value):
    """PyYAML reads full dates as date objects; JSON Schema sees text."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_the_committed_schema_is_the_generated_one():
    committed = json.loads((GRAPH_DIR / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert committed == graph_file_schema()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(GRAPH_DIR).as_posix())
def test_every_curated_file_validates_and_points_at_the_schema(path):
    text = path.read_text(encoding="utf-8")
    depth = len(path.relative_to(GRAPH_DIR).parts) - 1
    assert text.splitlines()[0] == ("# yaml-language-server: $schema="
                                    + "../" * depth + SCHEMA_FILE)
    jsonschema.validate(plain(yaml.safe_load(text)), graph_file_schema())


@pytest.mark.parametrize("bad", [
    {"actors": [{"id": "a", "name": "A", "kind": "stat"}]},
    {"actors": [{"id": "A b", "name": "A", "kind": "state"}]},
    {"actors": [{"id": "a", "nmae": "A", "kind": "state"}]},
    {"outcomes": [{"id": "o", "label": "O", "kind": "other",
                   "effects": [{"to": "p", "sign": "advances", "claims": []}]}]},
    {"sources": [{"id": "s", "title": "S", "kind": "article", "published": "last year"}]},
    {"relations": [{"from": "a", "to": "b", "kind": "war", "claims": [
        {"by": "a", "source": "s", "quote": "q", "confidence": 2}]}]},
], ids=["kind", "id", "unknown-key", "empty-claims", "date", "confidence"])
def test_the_schema_refuses_what_the_loader_refuses(bad):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, graph_file_schema())


def test_an_unquoted_year_is_a_date_for_the_schema_as_for_the_loader(write_graph, capsys):
    # `since: 1981` loads (the reader takes every scalar as text), but an editor reads a
    # number, and the schema refused it
    text = """\
        sources:
          - {id: s, title: S, kind: article, published: 2017}
        actors:
          - {id: a, name: A, kind: state}
          - {id: b, name: B, kind: state}
        relations:
          - {between: [a, b], kind: alliance, since: 1981, until: 2017-06,
             claims: [{by: a, source: s, quote: q}]}
        """
    assert main(["validate", "--graph", str(write_graph(text))]) == 0
    jsonschema.validate(plain(yaml.safe_load(textwrap.dedent(text))), graph_file_schema())
    short = yaml.safe_load(textwrap.dedent(text).replace("since: 1981", "since: 81"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plain(short), graph_file_schema())
    capsys.readouterr()
    assert main(["validate", "--graph", str(write_graph(
        textwrap.dedent(text).replace("since: 1981", "since: 81")))]) == 1


def test_cli_schema_writes_the_file(tmp_path, capsys):
    assert main(["schema", "-o", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path / SCHEMA_FILE}\n"
    assert json.loads((tmp_path / SCHEMA_FILE).read_text()) == graph_file_schema()


EXAMPLES = sorted((DATA / "valid").glob("*/*.yaml"))
"""The curated examples beside the tests (the published balance data set, a second article)."""


@pytest.mark.parametrize("path", [p for p in EXAMPLES if "bom" not in p.parts],
                         ids=lambda p: p.relative_to(DATA).as_posix())
def test_every_curated_example_validates_and_points_at_the_schema(path):
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../../graph/" \
        + SCHEMA_FILE
    jsonschema.validate(plain(yaml.safe_load(text)), graph_file_schema())
