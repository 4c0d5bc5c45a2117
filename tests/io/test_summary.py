"""The checks across files on cached per-file summaries (`actorgraph.io.summary`): after one
file changes, a load answers from the other files' summaries exactly what the full checks
answer (the same errors at the same file:line:column, the same warnings and counts), and
hands the full checks every graph the summaries cannot prove clean."""

from __future__ import annotations

import random
import re
import shutil

import pytest

from actorgraph.errors import GraphDataError, display_path
from actorgraph.io.cache import open_store
from actorgraph.io.loader import LazyRecords, load_records
from actorgraph.io.summary import (
    SUMMARY_SUFFIX,
    check_summaries,
    decode_file_summary,
    encode_file_summary,
)

from ..conftest import DATA
from ..mutations import mutate, read_graph
from .conftest import GRAPHS, copy_graph, outcome

SOURCES = """\
sources:
  - {id: wire, title: Wire, kind: article, author: reporter}
  - {id: memo, title: Memo, kind: report}
"""
ACTORS = """\
actors:
  - {id: reporter, name: Reporter, kind: person}
  - {id: bloc, name: Bloc, kind: group}
  - id: north
    name: North
    kind: state
    part_of: [bloc]
    interests:
      - outcome: rift
        stance: opposes
        claims:
          - {by: reporter, source: wire, quote: "North stands to lose from the rift"}
  - id: south
    name: South
    kind: state
    part_of: [bloc]
    claims:
      - {by: north, source: memo, quote: "South is a state"}
"""
OUTCOMES = """\
outcomes:
  - id: rift
    label: Rift between North and South
    kind: rift
    between: [north, south]
    effects:
      - to: south
        sign: hinders
        claims:
          - {by: reporter, source: wire, quote: "The rift hurts South"}
  - id: spare
    label: An outcome no one names
    kind: other
"""
RELATIONS = """\
relations:
  - between: [north, south]
    kind: alliance
    claims:
      - {by: reporter, source: wire, quote: "North and South are allies"}
"""
BASE = {"sources.yaml": SOURCES, "actors.yaml": ACTORS, "outcomes.yaml": OUTCOMES,
        "relations.yaml": RELATIONS}

# one file's new text each; every case but the first few is an error a check across files
# (or of one file's records) must find, or a warning it must give
EDITS = {
    "a new quote": ("actors.yaml", ACTORS.replace("lose from", "lose much from")),
    "the spare outcome used": ("actors.yaml", ACTORS.replace(
        "    part_of: [bloc]\n    claims:", "    part_of: [bloc]\n    interests:\n"
        "      - outcome: spare\n        stance: wants\n        claims:\n"
        "          - {by: reporter, source: wire, quote: \"South wants it\"}\n    claims:")),
    "another unused outcome": ("outcomes.yaml", OUTCOMES + "  - {id: idle, label: Idle, "
                               "kind: other}\n"),
    "relations at peace by their dates": ("relations.yaml", RELATIONS.replace(
        "    kind: alliance\n", "    kind: alliance\n    since: \"2001\"\n") + """\
  - between: [north, south]
    kind: hostility
    until: "1999"
    claims:
      - {by: reporter, source: wire, quote: "They fought until 1999"}
"""),
    "a source given its text": ("sources.yaml", SOURCES.replace(
        "kind: report}", "kind: report, text: memo.txt}")),
    "a source given a text without the quote": ("sources.yaml", SOURCES.replace(
        "kind: report}", "kind: report, text: other.txt}")),
    "a source given a text that is not there": ("sources.yaml", SOURCES.replace(
        "kind: report}", "kind: report, text: gone.txt}")),
    "a claim relayed": ("relations.yaml", RELATIONS.replace("by: reporter,",
                                                            "by: reporter, via: [north],")),
    "a claim relayed by no one known": ("relations.yaml", RELATIONS.replace(
        "by: reporter,", "by: reporter, via: [north, nobody],")),
    "an unknown claimant": ("relations.yaml", RELATIONS.replace("by: reporter", "by: nobody")),
    "a misspelt id used twice": ("relations.yaml", RELATIONS.replace("[north, south]",
                                                                     "[nort, south]")
                                 .replace("by: reporter", "by: nort")),
    "a source as claimant": ("relations.yaml", RELATIONS.replace("by: reporter", "by: memo")),
    "an actor as source": ("outcomes.yaml", OUTCOMES.replace("source: wire", "source: north")),
    "an actor defined in two files": ("relations.yaml", RELATIONS + "actors:\n"
                                      "  - {id: north, name: North again, kind: state}\n"),
    "an id for two kinds": ("relations.yaml", RELATIONS + "sources:\n"
                            "  - {id: bloc, title: Bloc paper, kind: report}\n"),
    "a circle of part_of": ("relations.yaml", RELATIONS + "actors:\n"
                            "  - {id: union, name: Union, kind: group, part_of: [league]}\n"
                            "  - {id: league, name: League, kind: group, part_of: [union]}\n"),
    "part of itself": ("actors.yaml", ACTORS.replace("{id: bloc, name: Bloc, kind: group}",
                                                     "{id: bloc, name: Bloc, kind: group, "
                                                     "part_of: [bloc]}")),
    "contradictory relations": ("relations.yaml", RELATIONS + """\
  - between: [south, north]
    kind: hostility
    claims:
      - {by: reporter, source: memo, quote: "North and South are foes"}
"""),
    "a former id still in use": ("sources.yaml", SOURCES.replace(
        "kind: report}", "kind: report, formerly: [wire]}")),
    "one former id claimed twice": ("sources.yaml", SOURCES.replace(
        "kind: report}", "kind: report, formerly: [old-paper]}").replace(
        "author: reporter}", "author: reporter, formerly: [old-paper]}")),
    "the same claim twice": ("relations.yaml", RELATIONS + RELATIONS.splitlines()[-1] + "\n"),
    "the same relation twice": ("relations.yaml", RELATIONS + RELATIONS.split("\n", 1)[1]),
    "a quantity not in its quote": ("relations.yaml", RELATIONS.replace(
        'allies"}', 'allies", quantity: {value: 2, unit: states, text: "two"}}')),
    "an effect on itself": ("outcomes.yaml", OUTCOMES.replace("- to: south", "- to: rift")),
    "an empty file": ("relations.yaml", ""),
    "a file that does not parse": ("relations.yaml", RELATIONS.replace("kind: alliance",
                                                                       "kind: [alliance")),
}


TEXTS = {"memo.txt": "A memo.\n\nSouth is a state, it says.\n",
         "other.txt": "Another memo.\n"}


def write(folder, files):
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def graph(cached):
    folder = cached[0].parent / "small"
    write(folder, {**BASE, **TEXTS})
    return folder


def test_the_small_graph_is_clean_and_warns_of_its_spare_outcome(graph):
    said = outcome(graph)
    assert said[0] == "ok"
    assert said[1] == [f"{display_path(graph / 'outcomes.yaml')}:11:5: warning: outcome "
                       "'spare' is not wanted, opposed or linked by any effect"]
    assert said[2] == {"sources": 2, "actors": 4, "outcomes": 2, "interests": 1, "effects": 1,
                       "relations": 1, "events": 0, "claims": 4}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_one_file_edited_says_what_the_full_checks_say(graph, cached, edit):
    """Every file's summary cached, then one file changed: the answer is the full checks'
    (`disk=False` reads everything and runs them), message for message."""
    folder = cached[1]
    assert outcome(graph)[0] == "ok"  # fills the entries and summaries
    assert len(list(folder.glob(f"*{SUMMARY_SUFFIX}"))) == len(BASE)
    name, text = EDITS[edit]
    (graph / name).write_text(text, encoding="utf-8")
    said = outcome(graph)
    assert said == outcome(graph, disk=False)
    assert outcome(graph) == said  # and again, now with the edited file's own entries


def test_a_clean_edit_is_answered_from_the_summaries(graph):
    load_records(graph)
    (graph / "actors.yaml").write_text(EDITS["a new quote"][1], encoding="utf-8")
    records = load_records(graph)
    assert isinstance(records, LazyRecords) and records.__dict__["_pending"] is not None
    # and its records, built on first use, are the full load's
    full = load_records(graph, disk=False)
    assert records.claims == full.claims and records.origins == full.origins


def test_dates_and_texts_are_weighed_from_the_files_that_hold_them(graph):
    """Relations of opposite sign between the same actors, and a source's text, need the
    records of the files holding them (and only those): still answered without the full
    checks, and a text changed afterwards is read again."""
    load_records(graph)
    write(graph, dict([EDITS["relations at peace by their dates"],
                       EDITS["a source given its text"]]))
    records = load_records(graph)
    assert isinstance(records, LazyRecords) and records.__dict__["_pending"] is not None
    assert outcome(graph) == outcome(graph, disk=False)
    (graph / "memo.txt").write_text("South is not a state.\n", encoding="utf-8")
    said = outcome(graph)
    assert said == outcome(graph, disk=False)
    assert said[1][0].endswith("quote not found in memo.txt (the source's text): "
                               "\u201cSouth is a state\u201d")


def test_an_error_is_never_answered_from_the_summaries(graph):
    load_records(graph)
    (graph / "relations.yaml").write_text(EDITS["an unknown claimant"][1], encoding="utf-8")
    with pytest.raises(GraphDataError) as caught:
        load_records(graph)
    assert [(p.file.rsplit("/", 1)[1], p.line, p.column, p.level, p.message)
            for p in caught.value.problems] == [
        ("outcomes.yaml", 11, 5, "warning",
         "outcome 'spare' is not wanted, opposed or linked by any effect"),
        ("relations.yaml", 5, 14, "error",
         "unknown actor 'nobody' (known: bloc, north, reporter, south)")]


def test_a_damaged_summary_is_dropped_and_made_again(graph, cached):
    folder = cached[1]
    expected = outcome(graph)
    entries = sorted(folder.glob(f"*{SUMMARY_SUFFIX}"))
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")
    for entry in folder.glob("*.graph"):
        entry.unlink()
    assert outcome(graph) == expected
    assert isinstance(load_records(graph), LazyRecords)
    assert sorted(folder.glob(f"*{SUMMARY_SUFFIX}")) == entries  # written again
    assert all(open_store().get(e.name, "") is None for e in entries)  # (names are hashed)


def test_an_entry_that_is_not_a_summary_is_refused():
    with pytest.raises(ValueError):
        decode_file_summary(b"\x00not marshal")
    with pytest.raises(ValueError):
        decode_file_summary(encode_file_summary(("another-format", None)))
    with pytest.raises(ValueError):
        decode_file_summary(encode_file_summary(["a list"]))


def test_no_files_is_left_to_the_full_checks():
    assert check_summaries([], None) is None


@pytest.mark.parametrize("folder", GRAPHS)
def test_every_valid_test_graph_says_the_same_from_its_summaries(cached, tmp_path, folder):
    copy = copy_graph(folder, tmp_path)
    full = outcome(copy, disk=False)
    assert outcome(copy) == full  # cold: summaries written
    for entry in cached[1].glob("*.graph"):
        entry.unlink()
    assert outcome(copy) == full  # from the summaries (or the full checks, for texts)


def test_random_edits_of_one_file_say_what_the_full_checks_say(cached, tmp_path):
    """Careless edits (tests/mutations.py) and ids swapped for others (a misspelling, an id
    of another kind, one defined elsewhere) in one file of a graph without source texts,
    every other file's summary cached: the same answer as the full checks."""
    copy = tmp_path / "copy"
    shutil.copytree(DATA / "valid" / "india-canada", copy)
    files = {rel: data for _, rel, data in read_graph(copy)}
    words = sorted({m.decode() for data in files.values()
                    for m in re.findall(rb"\bid: ([a-z0-9-]+)", data)})
    rng = random.Random("summaries")
    said_kinds = set()
    for case in range(40):
        load_records(copy)
        rel = rng.choice(sorted(files))
        data = files[rel]
        if case % 2:
            _, mutated = mutate(rng, [("x", rel, data)])
            data = mutated[0][2] if mutated else b""
        else:
            hits = [m for m in re.finditer(rb"[a-z0-9]+(?:-[a-z0-9]+)+", data)
                    if m[0].decode() in words]
            hit = rng.choice(hits)
            new = rng.choice([*words, hit[0].decode()[:-1]]).encode()
            data = data[:hit.start()] + new + data[hit.end():]
        (copy / rel).write_bytes(data)
        said = outcome(copy)
        assert said == outcome(copy, disk=False), case
        said_kinds.add(said[0])
        (copy / rel).write_bytes(files[rel])
    assert said_kinds == {"ok", "error"}


def test_summaries_without_their_units_still_answer_and_the_records_are_read_again(graph,
                                                                                  cached):
    """Units and summaries are evicted apart: with every unit gone, the summaries answer,
    and the records, built on first use, come from reading the files again."""
    folder = cached[1]
    expected = outcome(graph, disk=False)
    load_records(graph)
    for entry in [*folder.glob("*.unit"), *folder.glob("*.graph")]:
        entry.unlink()
    records = load_records(graph)
    assert isinstance(records, LazyRecords) and records.__dict__["_pending"] is not None
    assert not list(folder.glob("*.unit"))  # nothing read but the summaries
    full = load_records(graph, disk=False)
    assert (records.claims, records.origins) == (full.claims, full.origins)
    assert outcome(graph) == expected
    assert len(list(folder.glob("*.unit"))) == len(BASE)  # stored again
