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
import stat
from typing import Any

from ..errors import Problem, display_path

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Mark",
    "MarkedList",
    "MarkedMap",
    "YamlProblem",
    "mark_at",
    "read_file_bytes",
    "read_plain_bytes",
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


def _pos(mark: Any) -> Mark:
    """A libyaml mark (0-based) as a 1-based (line, column)."""
    return mark.line + 1, mark.column + 1


class MarkedMap(dict):  # type: ignore[type-arg]
    """A dict that remembers where it, each key and each value stood in the file.

    Positions are kept as the parser's own mark objects and turned into 1-based
    (line, column) pairs only when asked for.
    """

    __slots__ = ("_keys", "_mark", "_values")

    def __init__(self, mark: Any) -> None:
        super().__init__()
        self._mark = mark
        self._keys: dict[str, Any] = {}
        self._values: dict[str, Any] = {}

    @property
    def mark(self) -> Mark:
        return _pos(self._mark)

    def key_mark(self, key: str) -> Mark:
        m = self._keys.get(key)
        return _pos(m) if m is not None else self.mark

    def value_mark(self, key: str) -> Mark:
        m = self._values.get(key)
        return _pos(m) if m is not None else self.mark


class MarkedList(list):  # type: ignore[type-arg]
    """A list that remembers where it and each of its items stood in the file."""

    __slots__ = ("_items", "_mark")

    def __init__(self, mark: Any) -> None:
        super().__init__()
        self._mark = mark
        self._items: list[Any] = []

    @property
    def mark(self) -> Mark:
        return _pos(self._mark)

    def item_mark(self, index: int) -> Mark:
        return _pos(self._items[index]) if 0 <= index < len(self._items) else self.mark


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


def clip(text: str, limit: int = 60) -> str:
    """`text` cut to `limit` characters for a message (a pasted novel stays out of it)."""
    return text if len(text) <= limit else text[:limit - 3] + "..."


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


def read_file_bytes(path: str | os.PathLike[str], *,
                    inside: str | os.PathLike[str] | None = None) -> bytes:
    """The bytes of a file, refusing one over `MAX_FILE_BYTES` before reading it, and, with
    `inside` (a folder), one that a symbolic link leads out of that folder."""
    shown = display_path(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
            raise YamlProblem(Problem(shown, 0, 0, "not a regular file (a pipe, device or "
                                      "socket named like YAML); remove it from the graph"))
        if inside is not None and os.path.commonpath(
                [os.path.realpath(path), os.path.realpath(inside)]) != os.path.realpath(inside):
            raise YamlProblem(Problem(shown, 0, 0, "a link to a file outside the graph "
                                      "folder; not read (copy the file into the graph)"))
        if info.st_size > MAX_FILE_BYTES:
            raise YamlProblem(Problem(shown, 1, 1, too_big(info.st_size)))
        with open(path, "rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise YamlProblem(Problem(shown, 0, 0, f"cannot read file: {exc.strerror}")) from None


def too_big(size: int) -> str:
    return (f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (split it into several "
            "files)")


def read_yaml_bytes(data: bytes, file: str = "<bytes>") -> Any:
    """Decode `data` strictly as UTF-8 and parse it with `read_yaml_text`."""
    return read_yaml_text(_decode(data, file), file)


def read_plain_bytes(data: bytes, file: str = "<bytes>") -> tuple[Any, dict[int, Any]]:
    """`read_yaml_bytes` with every check, but plain dicts and lists that keep only where
    each mapping starts: ``(doc, starts)``, `starts` keyed by ``id()`` of each dict of `doc`
    (valid while `doc` lives), its value a libyaml mark (0-based ``.line``, ``.column``).

    The fast read for validating a file: pydantic reads plain dicts faster than `MarkedMap`,
    and the records need only their mappings' positions. A message that needs any other
    position reads the file again with `read_yaml_bytes` (a problem found here does).
    """
    text = _decode(data, file)
    starts: dict[int, Any] = {}
    try:
        return _read(text, file, starts), starts
    except _NeedsPositions:
        read_yaml_text(text, file)  # raises the problem with its positions
        raise AssertionError("the full read accepted what the plain read refused") from None


def _decode(data: bytes, file: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem(Problem(file, 1, 1, too_big(len(data))))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise YamlProblem(Problem(file, 1, 1, "the file is UTF-16 (it starts with a UTF-16 "
                                  "byte-order mark); save it as UTF-8"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[start:exc.start].decode("utf-8", "replace")) + 1
        bad = data[exc.start:exc.start + 1].hex()
        raise YamlProblem(Problem(file, line, col, f"byte 0x{bad} is not valid UTF-8; "
                                  "save the file as UTF-8")) from None


def read_yaml_text(text: str, file: str = "<string>") -> Any:
    """Parse one YAML document from `text` into Marked values (``None`` for an empty file)."""
    return _read(text, file, None)


def _read(text: str, file: str, starts: dict[int, Any] | None) -> Any:
    """Marked values (`starts` None), or plain ones with each mapping's start in `starts`."""
    if text.startswith("\ufeff"):
        text = text[1:]
    yaml = _yaml()
    try:
        return _build(_event_source(yaml, text), file, starts)
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


def _event_source(yaml: Any, text: str) -> Any:
    """A function returning the next parser event, then None: libyaml's when available."""
    cparser = getattr(getattr(yaml, "_yaml", None), "CParser", None)
    if cparser is not None:
        return cparser(text).get_event
    events = iter(yaml.parse(text, Loader=yaml.SafeLoader))
    return lambda: next(events, None)


_ScalarEvent: Any = None
_MappingStart: Any = None
_SequenceStart: Any = None
_MappingEnd: Any = None
_SequenceEnd: Any = None
_Alias: Any = None
_DocumentStart: Any = None


def _yaml() -> Any:
    """PyYAML, imported on the first parse: a load served by the per-file cache (and every
    command's start-up) does without it."""
    global _ScalarEvent, _MappingStart, _SequenceStart, _MappingEnd, _SequenceEnd, _Alias
    global _DocumentStart
    import yaml

    if _ScalarEvent is None:
        events = yaml.events
        _ScalarEvent, _MappingStart = events.ScalarEvent, events.MappingStartEvent
        _SequenceStart, _MappingEnd = events.SequenceStartEvent, events.MappingEndEvent
        _SequenceEnd, _Alias = events.SequenceEndEvent, events.AliasEvent
        _DocumentStart = events.DocumentStartEvent
    return yaml


_PLAIN = {"": None, "~": None, "null": None, "Null": None, "NULL": None,
          "true": True, "True": True, "TRUE": True, "false": False, "False": False,
          "FALSE": False}
"""The plain (unquoted) scalars that are not text: null and the two booleans, as YAML 1.2's
core schema spells them; every other plain scalar stays text as written."""


class _NeedsPositions(Exception):
    """A plain read found a problem whose message needs positions it did not keep."""


def _fail(file: str, event: Any, message: str) -> None:
    line, col = _pos(event.start_mark)
    raise YamlProblem(Problem(file, line, col, message))


def _check_node(file: str, event: Any) -> None:
    if event.anchor is not None:
        _fail(file, event, f"anchor '&{event.anchor}' found: anchors and aliases are not "
              "supported in the graph; write the value out")
    if event.tag is not None and event.tag != "!":
        _fail(file, event, f"explicit tag '{event.tag}' is not supported; remove it "
              "(quote the value to make it text)")


def _check_key(file: str, event: Any, parent: Any, keys: Any) -> None:
    """Refuse a merge key or a duplicate key (`keys` None: its first position was not kept)."""
    key = event.value
    if key == "<<" and event.implicit[0]:
        _fail(file, event, "merge keys ('<<') are not supported; write the keys out")
    if keys is None:
        raise _NeedsPositions
    line, col = _pos(keys[key])
    _fail(file, event, f"duplicate key '{clip(key)}' (first at line {line}, column {col}); "
          "YAML would keep only the last one")


def _build(next_event: Any, file: str, starts: dict[int, Any] | None = None) -> Any:
    """Build values from parser events, refusing what is unsafe: `MarkedMap` and
    `MarkedList` with every position (`starts` None), or plain dicts and lists with each
    dict's start mark put in `starts` by its ``id()``.

    One flat loop (no recursion, no per-event call but the parser's), the open container
    and its pending key in locals: this is the hot path of a cold load. A plain scalar in
    `_PLAIN` is null or a boolean; any other scalar is text.
    """
    full = starts is None
    plain = _PLAIN
    scalar_event, mapping_start, sequence_start = _ScalarEvent, _MappingStart, _SequenceStart
    mapping_end, sequence_end = _MappingEnd, _SequenceEnd
    result: Any = None
    documents = 0
    stack: list[tuple[Any, ...]] = []  # the enclosing containers' states
    # the open container, whether it is a mapping, its pending key (None while a key is
    # expected) and, when positions are kept, its tables of them
    top: Any = None
    top_map = False
    key: Any = None
    keys: Any = None
    values: Any = None
    items: Any = None
    while True:
        event = next_event()
        if event is None:
            break
        cls = event.__class__
        if cls is scalar_event:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                _check_node(file, event)
            raw = event.value
            if top_map:
                if key is None:  # this scalar is a key
                    if raw in top or (raw == "<<" and event.implicit[0]):
                        _check_key(file, event, top, keys)
                    if full:
                        keys[raw] = event.start_mark
                    key = raw
                    continue
                top[key] = plain.get(raw, raw) if event.implicit[0] else raw
                if full:
                    values[key] = event.start_mark
                key = None
            elif top is not None:
                top.append(plain.get(raw, raw) if event.implicit[0] else raw)
                if full:
                    items.append(event.start_mark)
            else:
                result = plain.get(raw, raw) if event.implicit[0] else raw
            continue
        if cls is mapping_end or cls is sequence_end:
            top, top_map, keys, values, items = stack.pop()
            key = None
            continue
        if cls is mapping_start or cls is sequence_start:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                _check_node(file, event)
            if len(stack) >= MAX_DEPTH:
                _fail(file, event, f"nesting deeper than {MAX_DEPTH} levels")
            mark = event.start_mark
            if full:
                node: Any = MarkedMap(mark) if cls is mapping_start else MarkedList(mark)
            elif cls is mapping_start:
                node = {}
                starts[id(node)] = mark  # type: ignore[index]
            else:
                node = []
            if top_map:
                if key is None:
                    _fail(file, event, "a mapping or list used as a key; keys must be plain "
                          "text")
                top[key] = node
                if full:
                    values[key] = mark
            elif top is not None:
                top.append(node)
                if full:
                    items.append(mark)
            else:
                result = node
            stack.append((top, top_map, keys, values, items))
            top, key = node, None
            top_map = cls is mapping_start
            if full:
                if top_map:
                    keys, values = node._keys, node._values
                else:
                    items = node._items
            continue
        if cls is _Alias:
            _fail(file, event, f"alias '*{event.anchor}' found: anchors and aliases are not "
                  "supported in the graph; write the value out")
        elif cls is _DocumentStart:
            documents += 1
            if documents > 1:
                _fail(file, event, "a second YAML document ('---') in one file; put each "
                      "document in its own file")
    return result
