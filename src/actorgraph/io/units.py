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
from .yamlread import MarkedMap, YamlProblem, read_yaml_bytes

__all__ = ["FileUnit", "decode_unit", "encode_unit", "fresh_unit", "layout_signature",
           "read_unit"]

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


def fresh_unit(doc: Any, parsed: GraphFile) -> FileUnit:
    """The unit of a file just validated: positions read off `doc`, the positioned document
    `parsed` was validated from (same shape)."""
    layout = _layout()
    marks: dict[int, tuple[int, int, str | None]] = {}
    put_set = _SLOT_SETTERS[0]

    def walk(model: BaseModel, node: Any, where: tuple[int, int]) -> None:
        # `node` is the model's mapping in the document; where a model was not written as
        # one (a default, or a shorthand a validator expanded) it takes its parent's place
        line, col = getattr(node, "mark", where)
        aux = quote_digest(model.quote) if type(model) is Claim else None  # type: ignore[attr-defined]
        marks[id(model)] = (line, col, aux)
        put_set(model, _shared_set(type(model), model.__pydantic_fields_set__))
        i = layout.index[type(model)]
        names, aliases = layout.names[i], layout.aliases[i]
        for f, many in layout.nested[i]:
            value = getattr(model, names[f])
            if value is None:
                continue
            sub = node.get(aliases[f]) if isinstance(node, dict) else None
            if many:
                for k, item in enumerate(value):
                    walk(item, sub[k] if isinstance(sub, list) and k < len(sub) else None,
                         (line, col))
            else:
                walk(value, sub, (line, col))

    walk(parsed, doc, (1, 1))
    return FileUnit(parsed, marks)


def encode_unit(unit: FileUnit) -> bytes | None:
    """The unit as marshal bytes; None if it holds something that cannot be stored."""
    layout = _layout()
    if not layout.cacheable:
        return None
    marks = unit.marks
    index, all_names, all_nested = layout.index, layout.names, layout.nested
    bits = [{n: 1 << k for k, n in enumerate(names)} for names in all_names]

    def enc(model: BaseModel) -> tuple[Any, ...]:
        i = index[type(model)]
        d = model.__dict__
        values = [d[n] for n in all_names[i]]
        for f, many in all_nested[i]:
            v = values[f]
            if many:
                values[f] = [enc(x) for x in v]
            elif v is not None:
                values[f] = enc(v)
        bit = bits[i]
        mask = sum(bit[n] for n in model.__pydantic_fields_set__)  # the fields written
        return (i, mask, *marks[id(model)], *values)

    try:
        return marshal.dumps(enc(unit.parsed))
    except (ValueError, KeyError, TypeError):
        return None


def decode_unit(data: bytes) -> FileUnit:
    """The unit stored by `encode_unit`; raises ValueError if `data` is not one."""
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
        doc = read_yaml_bytes(data, shown)
    except YamlProblem as exc:
        problems.append(exc.problem)
        return None
    if doc is None:
        problems.append(Problem(shown, 1, 1, "file is empty (no records)", "warning"))
        return None
    if not isinstance(doc, MarkedMap):
        line, col = getattr(doc, "mark", (1, 1))
        problems.append(Problem(shown, line, col, "expected a mapping of sections "
                                "(sources, actors, outcomes, relations, events)"))
        return None
    try:
        parsed = GraphFile.model_validate(doc)
    except ValidationError as exc:
        problems.extend(problems_from_validation(exc, doc, shown, GraphFile))
        return None
    unit = fresh_unit(doc, parsed)
    if store is not None:
        encoded = encode_unit(unit)
        if encoded is not None:
            store.put(digest, encoded)
    return unit
