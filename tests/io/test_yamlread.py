"""The safe reader: positions kept, nothing silently lost or reinterpreted."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actorgraph.io.yamlread import (
    MAX_DEPTH,
    MarkedList,
    MarkedMap,
    YamlProblem,
    read_plain_bytes,
    read_yaml_bytes,
    read_yaml_text,
)

from ..mutations import delete_line, duplicate_line, insert_bytes, reindent, swap_lines

GRAPH_FILES = sorted((Path(__file__).resolve().parents[2] / "graph").rglob("*.yaml"))


def test_scalars_stay_as_written():
    doc = read_yaml_text("a: no\nb: 010\nc: 1.10\nd: 2025-07-03\ne: 1:20\nf: ~\ng: true\n"
                         "h: 'yes'\ni: off\n")
    assert doc == {"a": "no", "b": "010", "c": "1.10", "d": "2025-07-03", "e": "1:20",
                   "f": None, "g": True, "h": "yes", "i": "off"}


def test_positions_of_keys_values_and_items():
    doc = read_yaml_text("top:\n  - x: 1\n    y: [a, b]\n")
    assert isinstance(doc, MarkedMap)
    item = doc["top"][0]
    assert isinstance(doc["top"], MarkedList)
    assert doc["top"].item_mark(0) == (2, 5)
    assert item.key_mark("y") == (3, 5)
    assert item.value_mark("y") == (3, 8)
    assert item["y"].item_mark(1) == (3, 12)


def test_bom_is_stripped_and_positions_are_unchanged():
    assert read_yaml_text("\ufeffa: 1\n").value_mark("a") == (1, 4)


def test_non_ascii_columns_count_characters():
    doc = read_yaml_text("é: ü\nb: [ä, ö]\n")
    assert doc["b"].item_mark(1) == (2, 8)


@pytest.mark.parametrize(("text", "message"), [
    ("a: 1\nb:\n  c: 1\n  c: 2\n",
     "f.yaml:4:3: error: duplicate key 'c' (first at line 3, column 3); YAML would keep only "
     "the last one"),
    ("a: {x: 1, x: 2}\n",
     "f.yaml:1:11: error: duplicate key 'x' (first at line 1, column 5); YAML would keep only "
     "the last one"),
    ("a: &anchor 1\n",
     "f.yaml:1:4: error: anchor '&anchor' found: anchors and aliases are not supported in the "
     "graph; write the value out"),
    ("a: *nowhere\n",
     "f.yaml:1:4: error: alias '*nowhere' found: anchors and aliases are not supported in the "
     "graph; write the value out"),
    ("<<: {a: 1}\n",
     "f.yaml:1:1: error: merge keys ('<<') are not supported; write the keys out"),
    ("a: !!str 1\n",
     "f.yaml:1:4: error: explicit tag 'tag:yaml.org,2002:str' is not supported; remove it "
     "(quote the value to make it text)"),
    ("? [a]\n: 1\n",
     "f.yaml:1:3: error: a mapping or list used as a key; keys must be plain text"),
    ("a: 1\n---\nb: 2\n",
     "f.yaml:2:1: error: a second YAML document ('---') in one file; put each document in its "
     "own file"),
    ("a:\n\tb: 1\n",
     "f.yaml:2:1: error: YAML syntax: a tab character; YAML indents with spaces only"),
    ("a: b\x0c\n",
     "f.yaml:1:5: error: character U+000C is not allowed in YAML (control character); "
     "remove it"),
    ("a: [1, 2\n",
     "f.yaml:2:1: error: YAML syntax: while parsing a flow sequence, did not find expected "
     "',' or ']'"),
], ids=["duplicate-nested", "duplicate-flow", "anchor", "alias", "merge-key", "tag",
        "complex-key", "two-documents", "tab", "control-char", "unclosed-flow"])
def test_hazards_are_errors_at_their_position(text, message):
    with pytest.raises(YamlProblem) as info:
        read_yaml_text(text, "f.yaml")
    assert str(info.value) == message
    with pytest.raises(YamlProblem) as info:  # the fast read refuses it in the same words
        read_plain_bytes(text.encode(), "f.yaml")
    assert str(info.value) == message


def test_nesting_is_capped_at_the_level_it_passes():
    with pytest.raises(YamlProblem) as info:
        read_yaml_text("[" * 500 + "]" * 500, "f.yaml")
    assert str(info.value) == f"f.yaml:1:{MAX_DEPTH + 1}: error: nesting deeper than " \
                              f"{MAX_DEPTH} levels"


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_absurd_nesting_fails_cleanly_before_anything_recursive_runs(opener):
    # 100k levels would crash libyaml's recursive composer; PyYAML >= 6.0.4's scanner stops
    # at 1000 flow levels before our own cap sees them, so only the position varies.
    depth = 100_000
    if opener == "- ":
        text = "".join("  " * i + "-\n" for i in range(2000))
    else:
        text = opener * depth
    with pytest.raises(YamlProblem) as info:
        read_yaml_text(text, "f.yaml")
    assert str(info.value).endswith(f": error: nesting deeper than {MAX_DEPTH} levels")
    assert info.value.problem.line in (1, MAX_DEPTH + 1)


def test_empty_and_comment_only_text_is_none():
    assert read_yaml_text("") is None
    assert read_yaml_text("# nothing here\n") is None


def _same_as_marked(plain, starts, marked):
    """`plain` is `marked` as plain dicts and lists, each dict's start in `starts`."""
    if isinstance(marked, MarkedMap):
        assert type(plain) is dict and list(plain) == list(marked)
        start = starts[id(plain)]
        assert (start.line + 1, start.column + 1) == marked.mark
        for key, value in marked.items():
            _same_as_marked(plain[key], starts, value)
    elif isinstance(marked, MarkedList):
        assert type(plain) is list and len(plain) == len(marked)
        for p, m in zip(plain, marked, strict=True):
            _same_as_marked(p, starts, m)
    else:
        assert type(plain) is type(marked) and plain == marked


def _both(data: bytes):
    """What each reader makes of `data`: a value, or the problem's words."""
    try:
        marked = read_yaml_bytes(data, "f.yaml")
    except YamlProblem as exc:
        marked = str(exc)
    try:
        plain, starts = read_plain_bytes(data, "f.yaml")
    except YamlProblem as exc:
        plain, starts = str(exc), {}
    return marked, plain, starts


def test_the_fast_read_is_the_marked_read_without_positions():
    text = ("a: [x, {b: null, c: 'true'}]\nd:\n  - e: ~\n    f: true\n  - [g, False]\n"
            "h: 010\n")
    marked, plain, starts = _both(text.encode())
    assert plain == {"a": ["x", {"b": None, "c": "true"}], "d": [{"e": None, "f": True},
                                                                 ["g", False]], "h": "010"}
    _same_as_marked(plain, starts, marked)
    assert len(starts) == 3  # one per mapping, none per list or scalar


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(GRAPH_FILES), st.integers(0, 2**32),
       st.lists(st.sampled_from([delete_line, duplicate_line, swap_lines, reindent,
                                 insert_bytes]), max_size=3))
def test_the_fast_read_agrees_with_the_marked_read(path, seed, mutations):
    """Careless edits of the curated files (duplicate keys, anchors, tabs, bad bytes...):
    both readers give the same values, or refuse with the same words."""
    data, rng = path.read_bytes(), random.Random(seed)
    for mutation in mutations:
        data = mutation(rng, data)
    marked, plain, starts = _both(data)
    if isinstance(marked, str) or isinstance(plain, str):
        assert plain == marked
    else:
        _same_as_marked(plain, starts, marked)
