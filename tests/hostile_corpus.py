"""The hostile corpus of issue 17 (second round): folder in tests/data/invalid/ -> the exact
messages `validate` prints for it, in order. `test_loader.INVALID` takes these in, so each
case is checked in-process and through the command line under CPU and memory limits."""

from __future__ import annotations

LATTICE_CIRCLE = " -> ".join(["a0-1", *(f"a{i}-0" for i in range(1, 23)), "a23-1", "a0-1"])

HIDDEN = ("they follow from this file not loading (references to the records it defines); "
          "fix the error above first")

HOSTILE = {
    # 17.1: 24 layers of two actors, each part of both of the next, closed into a circle
    "part-of-lattice": [f"graph.yaml:3:5: error: part_of goes round in a circle: "
                        f"{LATTICE_CIRCLE}"],
    # 17.4: refused where it is written, before any date arithmetic can fail on it
    "year-zero": ["graph.yaml:12:12: error: 'since': year 0000 does not exist (the calendar "
                  "starts at year 1)"],
    # 17.10: at the key written second, not at the record's first line
    "between-and-from": ["graph.yaml:11:5: error: give either 'between' or 'from'/'to', not "
                         "both"],
    # 17.9: one mistake, the cause first and at most one note on what it hid
    "one-mistake-in-outcomes": [
        "outcomes.yaml:7:5: error: a rift of 'a' with itself",
        f"outcomes.yaml:7:5: warning: 6 errors not shown: {HIDDEN}"],
    "one-syntax-error-in-sources": [
        "sources.yaml:3:17: error: YAML syntax: mapping values are not allowed in this context",
        f"sources.yaml:3:17: warning: 4 errors not shown: {HIDDEN}"],
    # 17.9: a misspelt id, used three times, is one error
    "misspelt-id-used-often": [
        "graph.yaml:7:30: error: unknown source 'seed-article'; did you mean 'seed-articel'?",
        "graph.yaml:7:30: warning: 2 more uses of 'seed-article' not shown"],
}
