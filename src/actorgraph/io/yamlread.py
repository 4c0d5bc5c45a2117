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
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem(Problem(file, 1, 1, too_big(len(data))))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise YamlProblem(Problem(file, 1, 1, "the file is UTF-16 (it starts with a UTF-16 "
                                  "byte-order mark); save it as UTF-8"))
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
    yaml = _yaml()
    try:
        return _build(_event_source(yaml, text), file)
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
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))


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


def _build(next_event: Any, file: str) -> Any:
    """Build Marked values from parser events, refusing what is unsafe.

    One flat loop (no recursion, no per-event method calls): this is the hot path of a load.
    """
    result: Any = None
    documents = 0
    # parallel stacks: the open container, whether it is a mapping, and a mapping's
    # pending key (None while a key is expected)
    containers: list[Any] = []
    is_map: list[bool] = []
    pending: list[Any] = []
    while True:
        event = next_event()
        if event is None:
            break
        cls = event.__class__
        if cls is _ScalarEvent:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                _check_node(file, event)
            raw = event.value
            if not event.implicit[0]:
                value: Any = raw  # quoted or block scalar: always text
            elif raw in _NULLS:
                value = None
            elif raw in _TRUE:
                value = True
            elif raw in _FALSE:
                value = False
            else:
                value = raw
            node: Any = value
        elif cls is _MappingStart or cls is _SequenceStart:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                _check_node(file, event)
            if len(containers) >= MAX_DEPTH:
                _fail(file, event, f"nesting deeper than {MAX_DEPTH} levels")
            node = MarkedMap(event.start_mark) if cls is _MappingStart \
                else MarkedList(event.start_mark)
        elif cls is _MappingEnd or cls is _SequenceEnd:
            containers.pop()
            is_map.pop()
            pending.pop()
            continue
        elif cls is _Alias:
            _fail(file, event, f"alias '*{event.anchor}' found: anchors and aliases are not "
                  "supported in the graph; write the value out")
            continue
        elif cls is _DocumentStart:
            documents += 1
            if documents > 1:
                _fail(file, event, "a second YAML document ('---') in one file; put each "
                      "document in its own file")
            continue
        else:
            continue
        # place the node in its parent
        if not containers:
            result = node
        elif not is_map[-1]:
            parent = containers[-1]
            parent.append(node)
            parent._items.append(event.start_mark)
        elif pending[-1] is None:  # this node is a key
            if cls is not _ScalarEvent:
                _fail(file, event, "a mapping or list used as a key; keys must be plain text")
            key = event.value
            parent = containers[-1]
            if key == "<<" and event.implicit[0]:
                _fail(file, event, "merge keys ('<<') are not supported; write the keys out")
            if key in parent:
                line, col = _pos(parent._keys[key])
                _fail(file, event, f"duplicate key '{clip(key)}' (first at line {line}, "
                      f"column {col}); YAML would keep only the last one")
            parent[key] = None  # reserve the key's place (and catch duplicates early)
            parent._keys[key] = event.start_mark
            pending[-1] = key
        else:
            parent = containers[-1]
            key = pending[-1]
            parent[key] = node
            parent._values[key] = event.start_mark
            pending[-1] = None
        if cls is not _ScalarEvent:
            containers.append(node)
            is_map.append(cls is _MappingStart)
            pending.append(None)
    return result
