"""Generic dataclass ⇄ JSON-ready dict codec for records and documents.

Spans become ``{start, end, text}`` with text sliced from the document here, so
the contract "span text equals document.text[start:end]" cannot be broken by an
analyzer.  A field called ``span`` is flattened into the record itself.
Hand-written (about 80 lines) because the alternatives (pydantic, cattrs) would
need a parallel schema of every record for this one job.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, TypeVar, Union

from presslens.model.span import Span

T = TypeVar("T")


def encode(obj: Any, text: str) -> Any:
    """Encode a record, span, tuple or primitive into JSON-ready data."""
    if isinstance(obj, Span):
        return {"start": obj.start, "end": obj.end, "text": text[obj.start : obj.end]}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name == "span" and isinstance(value, Span):
                out.update(encode(value, text))
            elif not f.name.startswith("_"):
                out[f.name] = encode(value, text)
        return out
    if isinstance(obj, (tuple, list)):
        return [encode(v, text) for v in obj]
    return obj


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(cls: type[T], data: Any) -> T:
    """Decode JSON-ready data produced by :func:`encode` back into ``cls``."""
    return typing.cast(T, _decode_type(cls, data))


def _decode_type(tp: Any, data: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        if data is None:
            return None
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode_type(inner[0], data)
    if origin is typing.Literal:
        return data
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode_type(args[0], v) for v in data)
        return tuple(_decode_type(a, v) for a, v in zip(args, data, strict=True))
    if tp is Span:
        return Span(data["start"], data["end"])
    if dataclasses.is_dataclass(tp):
        return _decode_record(typing.cast(type, tp), data)
    if tp is float and isinstance(data, int):
        return float(data)
    return data


def _decode_record(cls: type, data: dict[str, Any]) -> Any:
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name.startswith("_") or not f.init:
            continue
        if f.name == "span" and hints[f.name] is Span and "start" in data:
            kwargs["span"] = Span(data["start"], data["end"])
        elif f.name in data:
            kwargs[f.name] = _decode_type(hints[f.name], data[f.name])
    return cls(**kwargs)
