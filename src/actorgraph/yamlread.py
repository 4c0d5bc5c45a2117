"""Safe, position-keeping YAML reading for hand-curated files.

PyYAML's defaults lose data without a word (duplicate keys, ``no`` read as false, ``010``
read as 8) and let hostile files explode (alias and merge-key bombs, deep nesting). This
module reads libyaml's *events* and builds plain Python values itself, so that:

- every mapping and list remembers the line and column of each key and item;
- a duplicate key, an anchor or alias, a merge key (``<<``), an explicit tag, a second
  document, or nesting deeper than `MAX_DEPTH` is an error at its position;
- scalars are read narrowly: a quoted scalar is always text; a plain one is ``None``
  (empty, ``~``, ``null``), a bool (``true``/``false`` only) or otherwise *text*, exactly
  as written. Numbers and dates stay text here and the models parse them, so ``no``,
  ``010``, ``1.10`` and ``2025-07`` reach a text field unchanged.

>>> doc = read_yaml_text("a: no\\nb: [1, '2']\\n", "x.yaml")
>>> doc, doc.value_mark("b")
({'a': 'no', 'b': ['1', '2']}, (2, 4))
"""

from __future__ import annotations

import os
from typing import Any

import yaml

from .errors import Problem, display_path

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Mark",
    "MarkedList",
    "MarkedMap",
    "YamlProblem",
    "mark_at",
    "read_file_bytes",
    "read_yaml_bytes",
    "read_yaml_file",
    "read_yaml_text",
]

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted; the graph's own files need about 8."""

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Largest YAML file accepted (8 MiB); a curated file is a few kB."""

Mark = tuple[int, int]
"""A 1-based (line, column) position."""

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class MarkedMap(dict):  # type: ignore[type-arg]
    """A dict that remembers where it, each key and each value stood in the file."""

    __slots__ = ("key_marks", "mark", "value_marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, Mark] = {}
        self.value_marks: dict[str, Mark] = {}

    def key_mark(self, key: str) -> Mark:
        return self.key_marks.get(key, self.mark)

    def value_mark(self, key: str) -> Mark:
        return self.value_marks.get(key, self.mark)


class MarkedList(list):  # type: ignore[type-arg]
    """A list that remembers where it and each of its items stood in the file."""

    __slots__ = ("item_marks", "mark")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks: list[Mark] = []

    def item_mark(self, index: int) -> Mark:
        return self.item_marks[index] if 0 <= index < len(self.item_marks) else self.mark


class YamlProblem(Exception):
    """A file cannot be read as safe YAML; ``problem`` says where and why."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def mark_at(doc: Any, path: tuple[Any, ...], *, key: bool = False) -> Mark:
    """The position of the value at `path` inside `doc` (or of its key, with ``key=True``).

    Walks as far as the path exists and returns the deepest position found, so a missing
    field points at the mapping that lacks it.
    """
    node, mark = doc, getattr(doc, "mark", (1, 1))
    for i, step in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, MarkedMap) and isinstance(step, str) and step in node:
            mark = node.key_mark(step) if (key and last) else node.value_mark(step)
            node = node[step]
        elif isinstance(node, MarkedList) and isinstance(step, int) and 0 <= step < len(node):
            mark = node.item_mark(step)
            node = node[step]
        else:
            break
    return mark


def _line_col(text: str, index: int) -> Mark:
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column:column + 1] if line < len(lines) else ""


def read_yaml_file(path: str | os.PathLike[str]) -> Any:
    """Read one YAML file safely; raise `YamlProblem` naming ``file:line:column``."""
    return read_yaml_bytes(read_file_bytes(path), display_path(path))


def read_file_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file, refusing one over `MAX_FILE_BYTES` before reading it."""
    shown = display_path(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise YamlProblem(Problem(shown, 1, 1, _too_big(size)))
        with open(path, "rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise YamlProblem(Problem(shown, 0, 0, f"cannot read file: {exc.strerror}")) from None


def _too_big(size: int) -> str:
    return (f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (split it into several "
            "files)")


def read_yaml_bytes(data: bytes, file: str = "<bytes>") -> Any:
    """Decode `data` strictly as UTF-8 and parse it with `read_yaml_text`."""
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem(Problem(file, 1, 1, _too_big(len(data))))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[start:exc.start].decode("utf-8", "replace")) + 1
        bad = data[exc.start:exc.start + 1].hex()
        raise YamlProblem(Problem(file, line, col, f"byte 0x{bad} is not valid UTF-8; "
                                  "save the file as UTF-8")) from None
    return read_yaml_text(text, file)


def read_yaml_text(text: str, file: str = "<string>") -> Any:
    """Parse one YAML document from `text` into Marked values (``None`` for an empty file)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    builder = _Builder(file)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        what = f"character U+{exc.character:04X}" if isinstance(exc.character, int) else "byte"
        raise YamlProblem(Problem(file, line, col, f"{what} is not allowed in YAML "
                                  "(control character); remove it")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        parts = [p for p in (exc.context, exc.problem) if p]
        if "nesting depth" in str(exc.problem):  # newer libyaml caps nesting in its scanner
            parts = [f"nesting deeper than {MAX_DEPTH} levels"]
            raise YamlProblem(Problem(file, line, col, parts[0])) from None
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            parts = ["a tab character; YAML indents with spaces only"]
        raise YamlProblem(Problem(file, line, col, "YAML syntax: " + ", ".join(parts))) from None
    except yaml.YAMLError as exc:  # anything else libyaml reports, still one clean line
        raise YamlProblem(Problem(file, 1, 1, f"YAML syntax: {exc}")) from None
    return builder.result


class _Builder:
    """Turns a stream of parser events into Marked values, refusing what is unsafe."""

    def __init__(self, file: str):
        self.file = file
        self.stack: list[list[Any]] = []  # frames: [container, pending_key, pending_key_mark]
        self.documents = 0
        self.result: Any = None

    def fail(self, event: Any, message: str) -> None:
        m = event.start_mark
        raise YamlProblem(Problem(self.file, m.line + 1, m.column + 1, message))

    def feed(self, event: Any) -> None:
        kind = type(event).__name__
        if kind == "ScalarEvent":
            self.check_node(event)
            self.add(event, self.scalar(event))
        elif kind in ("MappingStartEvent", "SequenceStartEvent"):
            self.check_node(event)
            if len(self.stack) >= MAX_DEPTH:
                self.fail(event, f"nesting deeper than {MAX_DEPTH} levels")
            mark = (event.start_mark.line + 1, event.start_mark.column + 1)
            container = MarkedMap(mark) if kind == "MappingStartEvent" else MarkedList(mark)
            self.add(event, container)
            self.stack.append([container, None, None])
        elif kind in ("MappingEndEvent", "SequenceEndEvent"):
            self.stack.pop()
        elif kind == "AliasEvent":
            self.fail(event, f"alias '*{event.anchor}' found: anchors and aliases are not "
                      "supported in the graph; write the value out")
        elif kind == "DocumentStartEvent":
            self.documents += 1
            if self.documents > 1:
                self.fail(event, "a second YAML document ('---') in one file; put each "
                          "document in its own file")

    def check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self.fail(event, f"anchor '&{event.anchor}' found: anchors and aliases are not "
                      "supported in the graph; write the value out")
        if event.tag is not None and event.tag != "!":
            self.fail(event, f"explicit tag '{event.tag}' is not supported; remove it "
                      "(quote the value to make it text)")

    @staticmethod
    def scalar(event: Any) -> Any:
        if not event.implicit[0]:  # quoted or block scalar: always text
            return event.value
        value = event.value
        if value in ("", "~", "null", "Null", "NULL"):
            return None
        if value in ("true", "True", "TRUE"):
            return True
        if value in ("false", "False", "FALSE"):
            return False
        return value

    def add(self, event: Any, value: Any) -> None:
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not self.stack:
            self.result = value
            return
        frame = self.stack[-1]
        container = frame[0]
        if isinstance(container, MarkedList):
            container.append(value)
            container.item_marks.append(mark)
            return
        if frame[1] is None:  # this node is a key
            if type(event).__name__ != "ScalarEvent":
                self.fail(event, "a mapping or list used as a key; keys must be plain text")
            key = event.value
            if key == "<<" and event.implicit[0]:
                self.fail(event, "merge keys ('<<') are not supported; write the keys out")
            if key in container:
                line, col = container.key_marks[key]
                self.fail(event, f"duplicate key '{key}' (first at line {line}, column {col}); "
                          "YAML would keep only the last one")
            frame[1], frame[2] = key, mark
            container[key] = None  # reserve the key's place (and catch duplicates early)
            container.key_marks[key] = mark
            return
        key = frame[1]
        container[key] = value
        container.value_marks[key] = mark
        frame[1] = None
