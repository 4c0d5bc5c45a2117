"""Turn pydantic's validation errors into a curator's words, at the right YAML position."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..model.records import DATE_PATTERN, SLUG_PATTERN
from .yamlread import clip, mark_at

__all__ = ["nearest", "problems_from_validation"]


def nearest(word: str, candidates: typing.Iterable[str], n: int = 3) -> list[str]:
    """The candidates closest to `word` (case-insensitive), best first; only those nearly as
    close as the best one, so a suggestion is a real hint, not a list.

    >>> nearest("turkey", ["turkiye", "russia", "ukraine"])
    ['turkiye']
    """
    import difflib  # only when a name is not found: not on every start-up

    by_lower: dict[str, str] = {}
    for c in candidates:
        by_lower.setdefault(c.lower(), c)
    matcher = difflib.SequenceMatcher(b=word.lower())
    scored = []
    for low in by_lower:
        matcher.set_seq1(low)
        if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
            ratio = matcher.ratio()
            if ratio >= 0.6:
                scored.append((-ratio, low))
    scored.sort()
    if not scored:
        return []
    best = -scored[0][0]
    return [by_lower[low] for r, low in scored[:n] if -r >= best - 0.1]


def a_or_an(word: str) -> str:
    """``"an outcome"``, ``"a source"``: the word with its indefinite article."""
    return ("an " if word[:1] in ("a", "e", "i", "o", "u") else "a ") + word


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``list[Claim] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    if isinstance(annotation, types.UnionType):
        for arg in annotation.__args__:
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel]:
    """The model whose fields apply at `loc` (the last model the path goes through)."""
    model = root
    for step in loc:
        if isinstance(step, str):
            field = model.model_fields.get(step) or next(
                (f for f in model.model_fields.values() if f.alias == step), None)
            if field is None:
                break
            inner = _model_in(field.annotation)
            if inner is None:
                break
            model = inner
    return model


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _message(err: Any, root: type[BaseModel]) -> tuple[str, bool]:
    """The message for one pydantic error, and whether it points at the key (not the value)."""
    kind, loc, value = err["type"], err["loc"], err.get("input")
    field = loc[-1] if loc else ""
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _keys_of(_model_at(root, loc[:-1]))
        near = nearest(str(field)[:200], allowed, n=1)
        hint = (f"; did you mean '{near[0]}'?" if near
                else f"; expected one of: {', '.join(allowed)}")
        return f"unknown key '{clip(str(field))}'{hint}", True
    if kind == "missing":
        return f"missing required key '{field}'", False
    if kind == "string_type":
        if isinstance(value, bool):
            return (f"'{field}' must be text, got {_shown(value)}: quote it "
                    f"(\"{_shown(value)}\")"), False
        return f"'{field}' must be text, got {_shown(value)}", False
    if kind == "literal_error":
        options = [o.strip(" '") for o in str(ctx.get("expected", "")).replace(" or ", ", ")
                   .split(",")]
        near = nearest(str(value), options, n=1) if isinstance(value, str) else []
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        who = (f"'{field}'" if isinstance(field, str) or len(loc) < 2
               else f"each item of '{loc[-2]}'")
        return (f"{who} must be one of: {', '.join(options)}; got {_shown(value)}{hint}"), False
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == DATE_PATTERN:
            return (f"'{field}' must be a date as YYYY, YYYY-MM or YYYY-MM-DD; got "
                    f"{_shown(value)}"), False
        if pattern == SLUG_PATTERN:
            return (f"'{field}' must be an id (lower-case letters and digits joined by single "
                    f"hyphens, like 'azeri-hardliners'); got {_shown(value)}"), False
        return f"'{field}' has the wrong form: {_shown(value)} does not match {pattern}", False
    if kind == "too_short" and field == "claims":
        return ("'claims' is empty: every assertion needs at least one claim saying who "
                "asserts it, where, and the quote"), False
    if kind == "too_short":
        return f"'{field}' must not be empty", False
    if kind == "list_type":
        return f"'{field}' must be a list, got {_shown(value)}", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        where = f"'{field}'" if isinstance(field, str) else "each item"
        return f"{where} must be a mapping (key: value), got {_shown(value)}", False
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        return f"'{field}' must be a number, got {_shown(value)}", False
    bounds = {"less_than_equal": ("at most", "le"), "greater_than_equal": ("at least", "ge"),
              "less_than": ("less than", "lt"), "greater_than": ("more than", "gt")}
    if kind in bounds:
        words, key = bounds[kind]
        return f"'{field}' must be {words} {ctx.get(key)}, got {_shown(value)}", False
    if kind == "conflict":
        return str(err["msg"]), True
    if kind == "value_error":
        msg = str(err["msg"]).removeprefix("Value error, ")
        return (f"'{field}': {msg}" if isinstance(field, str) and field else msg), False
    name = f"'{field}' " if isinstance(field, str) and field else ""
    return f"{name}{err['msg'][0].lower()}{err['msg'][1:]}; got {_shown(value)}", False


def problems_from_validation(exc: ValidationError, doc: Any, file: str,
                             root: type[BaseModel]) -> list[Problem]:
    """One `Problem` per pydantic error, positioned via the marked document."""
    out = []
    for err in exc.errors(include_url=False):
        message, at_key = _message(err, root)
        # a model-level rule points at the record itself, or, for two fields in conflict
        # ("since is after until"), at the one written last
        loc = tuple(step for step in err["loc"] if step != "")
        if err["type"] == "conflict":
            loc = max(((*loc, f) for f in err["ctx"]["fields"]),
                      key=lambda path: mark_at(doc, path, key=True))
        line, col = mark_at(doc, loc, key=at_key)
        out.append(Problem(file, line, col, message))
    return out
