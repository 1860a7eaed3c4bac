"""Frozen dataclasses to and from summary.json's JSON shape, driven by their type hints: nested summaries, tuples
and mappings of them, optional parts; keys kept in the order the fields are declared, so a summary read back and
written again is the same text.

Field metadata (`meta(...)`): `omit="none"` leaves the key out when the value is None, `omit="empty"` when it is
falsy ("" / 0 / empty); a field marked `extra=True` (a dict) keeps the keys the class does not declare (a rep's
spec-specific measures, an assessment's test-specific values, fields written by a newer coach), written last.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Self, TypeVar

T = TypeVar("T")


class JsonSummary:
    """Mixin of the summary dataclasses: to_dict / from_dict in summary.json's shape (to_json / from_json)."""

    def to_dict(self) -> dict:
        """JSON-ready dict, keys in field order."""
        return to_json(self)

    @classmethod
    def from_dict(cls, d: dict) -> Self:
        """From its JSON dict (see from_json)."""
        return from_json(cls, d)


def meta(omit: str = "", extra: bool = False) -> dict:
    """Field metadata read by to_json / from_json."""
    return {"omit": omit, "extra": extra}


@cache
def _hints(cls: type) -> dict[str, Any]:
    """The resolved type hints of a dataclass (string annotations evaluated once)."""
    return typing.get_type_hints(cls)


def _encode(v: Any) -> Any:
    """A value as JSON data: summaries by their to_dict, tuples as lists, mappings element-wise."""
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return v.to_dict() if hasattr(v, "to_dict") else to_json(v)
    if isinstance(v, (list, tuple)):
        return [_encode(x) for x in v]
    if isinstance(v, dict):
        return {k: _encode(x) for k, x in v.items()}
    return v


def to_json(obj: Any) -> dict:
    """A summary dataclass as a JSON-ready dict, keys in field order (see the module)."""
    out: dict = {}
    extra: dict = {}
    for f in dataclasses.fields(obj):
        v = getattr(obj, f.name)
        if f.metadata.get("extra"):
            extra = v or {}
            continue
        omit = f.metadata.get("omit", "")
        if (omit == "none" and v is None) or (omit == "empty" and not v):
            continue
        out[f.name] = _encode(v)
    return out | {k: _encode(v) for k, v in extra.items() if k not in out}


def _decode(hint: Any, v: Any) -> Any:
    """JSON data as the hinted type: dataclasses by from_dict, tuple[X, ...], dict[str, X], X | None."""
    if v is None:
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _decode(inner[0], v) if len(inner) == 1 else v
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(v, dict):
        return hint.from_dict(v) if hasattr(hint, "from_dict") else from_json(hint, v)
    if origin is tuple and isinstance(v, (list, tuple)):
        return tuple(_decode(args[0], x) for x in v) if args else tuple(v)
    if origin is dict and isinstance(v, dict) and len(args) == 2:
        return {k: _decode(args[1], x) for k, x in v.items()}
    return v


def from_json(cls: type[T], d: dict) -> T:
    """A summary dataclass from its JSON dict: missing keys take the field's default (older summaries), unknown keys
    go to the `extra` field when the class has one (else they are dropped). Raises TypeError on a missing key whose
    field has no default."""
    if not isinstance(d, dict):
        raise TypeError(f"{cls.__name__}: expected a JSON object, got {type(d).__name__}")
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls.__name__} is not a dataclass")
    hints = _hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    kwargs: dict = {}
    for f in dataclasses.fields(cls):
        if f.metadata.get("extra"):
            kwargs[f.name] = {k: v for k, v in d.items() if k not in known}
        elif f.name in d:
            kwargs[f.name] = _decode(hints[f.name], d[f.name])
    return cls(**kwargs)
