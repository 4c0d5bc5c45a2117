"""One file's checked records, and the plain data the per-file cache keeps of them.

A `FileUnit` is what reading, parsing and validating one file yields: its `GraphFile` and,
for every model in it, where it was written (and, for a claim, the hash of its quote). Only
the cross-file checks of `actorgraph.io.loader` remain to be run on it.

On disk a unit is plain data (tuples, lists, text, numbers) that `marshal` writes and reads
fast: each model is a tuple ``(class, fields set, line, column, aux, *field values)``, with
nested models as tuples again. Reading it back builds the models directly, without
validating them again (they were validated when the entry was written, by the same code:
the cache's salt includes `layout_signature` and the source of the modules that check).

Models of the same class with the same fields written share one ``model_fields_set`` object
(pydantic gives each instance a set of its own, ~216 bytes: 69 MiB of a 10k-actor cold
load's 454 MiB peak). That is safe because every record model is frozen: pydantic adds to
the set only in ``__setattr__``, after the frozen check refuses, and ``model_copy(update=...)``
copies the set before adding to it (tests/io/test_cache.py pins both).
"""

from __future__ import annotations

import marshal
import re
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..model.ids import quote_digest
from ..model.records import Claim, GraphFile
from .messages import problems_from_validation
from .yamlread import YamlProblem, read_plain_bytes, read_yaml_bytes

__all__ = ["FileUnit", "decode_unit", "fresh_unit", "layout_signature", "read_unit"]

if TYPE_CHECKING:
    from .cache import FileStore

_set = object.__setattr__


@dataclass(frozen=True)
class FileUnit:
    """A validated file: its records, and per model ``id(model) -> (line, column, aux)``."""

    parsed: GraphFile
    marks: dict[int, tuple[int, int, str | None]]


class _Layout:
    """How the models of a graph file nest: per class, its fields and which hold models."""

    def __init__(self) -> None:
        self.classes: list[type[BaseModel]] = []
        self.index: dict[type[BaseModel], int] = {}
        self.names: list[tuple[str, ...]] = []
        self.aliases: list[tuple[str, ...]] = []
        # per class: (position of a field, True if a list of models / False if one model)
        self.nested: list[tuple[tuple[int, bool], ...]] = []
        self.cacheable = True
        self._add(GraphFile)

    def _add(self, cls: type[BaseModel]) -> None:
        self.index[cls] = len(self.classes)
        self.classes.append(cls)
        fields = cls.model_fields
        self.names.append(tuple(fields))
        self.aliases.append(tuple(f.alias or n for n, f in fields.items()))
        nested: list[tuple[int, bool]] = []
        self.nested.append(())
        for i, field in enumerate(fields.values()):
            kind = self._kind(field.annotation)
            if kind is None:
                continue
            model, many = kind
            nested.append((i, many))
            if model not in self.index:
                self._add(model)
        self.nested[self.index[cls]] = tuple(nested)

    def _kind(self, annotation: Any) -> tuple[type[BaseModel], bool] | None:
        """(model class, is a list) for a field holding models; None for plain values."""
        models = [a for a in _flatten(annotation)
                  if isinstance(a, type) and issubclass(a, BaseModel)]
        if not models:
            return None
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(models) == 1 and isinstance(annotation, type):  # Model
            return models[0], False
        if len(models) == 1 and origin is list:  # list[Model]
            return models[0], True
        if len(models) == 1 and len(args) == 1 and args[0] is models[0]:  # Model | None
            return models[0], False
        if (len(models) == 1 and len(args) == 1 and typing.get_origin(args[0]) is list
                and typing.get_args(args[0]) == (models[0],)):  # list[Model] | None
            return models[0], True
        self.cacheable = False  # a shape this module does not know: never cache
        return None

    def signature(self) -> str:
        """Classes, fields and annotations (without the addresses some reprs carry)."""
        text = repr([(c.__module__, c.__qualname__, {k: repr(f.annotation) for k, f in
                                                     c.model_fields.items()})
                     for c in self.classes])
        return re.sub(r" at 0x[0-9a-fA-F]+", "", text)


def _flatten(annotation: Any) -> list[Any]:
    out = [annotation]
    for arg in typing.get_args(annotation):
        out.extend(_flatten(arg))
    return out


_LAYOUT: _Layout | None = None


def _layout() -> _Layout:
    global _LAYOUT
    if _LAYOUT is None:
        _LAYOUT = _Layout()
    return _LAYOUT


def layout_signature() -> str:
    """Every model class, field and annotation a unit holds (part of the cache's salt)."""
    return _layout().signature()


def fresh_unit(doc: Any, starts: dict[int, Any], parsed: GraphFile, *,
               encode: bool = True) -> tuple[FileUnit, bytes | None]:
    """The unit of a file just validated and, with `encode`, the bytes of its cache entry
    (None if it holds something that cannot be stored), in one walk of its models.

    `parsed` was validated from `doc` (same shape), plain values as `read_plain_bytes`
    gives them with `starts`, where each mapping begins: a model's position is its
    mapping's, or where a model was not written as one (a default, or a shorthand a
    validator expanded), its parent's.
    """
    layout = _layout()
    encode = encode and layout.cacheable
    marks: dict[int, tuple[int, int, str | None]] = {}
    index, all_names, all_aliases, all_nested = (layout.index, layout.names, layout.aliases,
                                                 layout.nested)
    written = _WRITTEN
    put_set = _SLOT_SETTERS[0]
    find = starts.get

    def walk(model: BaseModel, node: Any, where: tuple[int, int]) -> tuple[Any, ...]:
        start = find(id(node))
        if start is not None:
            where = (start.line + 1, start.column + 1)
        cls = type(model)
        aux = quote_digest(model.quote) if cls is Claim else None  # type: ignore[attr-defined]
        marks[id(model)] = (*where, aux)
        i = index[cls]
        fields_set = model.__pydantic_fields_set__
        found = written.get((i, frozenset(fields_set)))
        if found is None:
            found = _written(i, cls, fields_set)
        put_set(model, found[0])
        d = model.__dict__
        names = all_names[i]
        values = [d[n] for n in names]
        for f, many in all_nested[i]:
            value = values[f]
            if value is None:
                continue
            sub = node.get(all_aliases[i][f]) if type(node) is dict else None
            if many:
                subs = sub if type(sub) is list else ()
                values[f] = [walk(item, subs[k] if k < len(subs) else None, where)
                             for k, item in enumerate(value)]
            else:
                values[f] = walk(value, sub, where)
        return (i, found[1], *where, aux, *values) if encode else ()

    top = walk(parsed, doc, (1, 1))
    data = None
    if encode:
        try:
            data = marshal.dumps(top)
        except (ValueError, TypeError):
            data = None
    return FileUnit(parsed, marks), data


_WRITTEN: dict[tuple[int, frozenset[str]], tuple[set[str], int]] = {}
"""(class index, fields written) -> (the set the models share, its bit mask in an entry)"""


def _written(i: int, cls: type, fields_set: set[str]) -> tuple[set[str], int]:
    names = _layout().names[i]
    mask = sum(1 << k for k, name in enumerate(names) if name in fields_set)
    found = _WRITTEN[(i, frozenset(fields_set))] = (_shared_set(cls, fields_set), mask)
    return found


def decode_unit(data: bytes) -> FileUnit:
    """The unit whose entry `fresh_unit` wrote; raises ValueError if `data` is not one."""
    layout = _layout()
    classes, all_names, all_nested = layout.classes, layout.names, layout.nested
    marks: dict[int, tuple[int, int, str | None]] = {}
    sets: dict[tuple[int, int], set[str]] = {}
    # a model's slots, written straight through their descriptors (what pydantic's own
    # __setstate__ writes; no validation: the entry was validated when it was written)
    new, put_dict = object.__new__, _set
    put_set, put_extra, put_private = _SLOT_SETTERS

    def dec(t: tuple[Any, ...]) -> BaseModel:
        i, mask = t[0], t[1]
        names = all_names[i]
        nested = all_nested[i]
        if nested:
            values: Any = list(t[5:])
            for f, many in nested:
                v = values[f]
                if many:
                    values[f] = [dec(x) for x in v]
                elif v is not None:
                    values[f] = dec(v)
        else:
            values = t[5:]
        model = new(classes[i])
        put_dict(model, "__dict__", dict(zip(names, values, strict=True)))
        fs = sets.get((i, mask))
        if fs is None:
            fs = sets[(i, mask)] = _shared_set(classes[i], (n for k, n in enumerate(names)
                                                            if mask >> k & 1))
        put_set(model, fs)
        put_extra(model, None)
        put_private(model, None)
        marks[id(model)] = t[2:5]
        return model

    try:
        top = dec(marshal.loads(data))
    except (EOFError, ValueError, TypeError, IndexError, KeyError) as exc:
        raise ValueError(f"not a cache entry: {exc}") from None
    if not isinstance(top, GraphFile):
        raise ValueError("not a cache entry: not a graph file")
    return FileUnit(top, marks)  # type: ignore[arg-type]


_SHARED_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}


def _shared_set(cls: type, names: Iterable[str]) -> set[str]:
    """The one set of fields written that every `cls` model with these `names` holds (see
    the module's docstring)."""
    key = (cls, frozenset(names))
    found = _SHARED_SETS.get(key)
    if found is None:
        found = _SHARED_SETS[key] = set(key[1])
    return found


_SLOT_SETTERS = tuple(BaseModel.__dict__[name].__set__ for name in (
    "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"))


def read_unit(shown: str, data: bytes, digest: str, problems: list[Problem],
              store: FileStore | None = None) -> FileUnit | None:
    """The unit of one file (bytes `data`, SHA-256 `digest`): from the per-file cache `store`
    when its entry is good, else read and validated (and stored). None when the file is not
    valid, its problems appended to `problems`."""
    body = store.get(digest) if store is not None else None
    if body is not None:
        try:
            return decode_unit(body)
        except ValueError:
            store.drop(digest)  # type: ignore[union-attr]
    try:
        doc, starts = read_plain_bytes(data, shown)
    except YamlProblem as exc:
        problems.append(exc.problem)
        return None
    if doc is None:
        problems.append(Problem(shown, 1, 1, "file is empty (no records)", "warning"))
        return None
    if type(doc) is not dict:
        line, col = getattr(read_yaml_bytes(data, shown), "mark", (1, 1))
        problems.append(Problem(shown, line, col, "expected a mapping of sections "
                                "(sources, actors, outcomes, relations, events)"))
        return None
    try:
        parsed = GraphFile.model_validate(doc)
    except ValidationError as exc:  # its messages need every position: read it so
        problems.extend(problems_from_validation(exc, read_yaml_bytes(data, shown), shown,
                                                 GraphFile))
        return None
    unit, encoded = fresh_unit(doc, starts, parsed, encode=store is not None)
    if encoded is not None:
        store.put(digest, encoded)  # type: ignore[union-attr]
    return unit
