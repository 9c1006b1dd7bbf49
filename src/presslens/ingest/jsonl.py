"""JSONL records ``{"id", "text", "published"?, "title"?, "url"?}`` → lazily built items.

The record's ``id`` becomes ``document.source`` so outputs join back to inputs.
Every record is validated on its own, before any model loads; a bad record
becomes a failing item of its own (E055) and never stops the batch:

* the line: at most ``6 × max_bytes`` bytes (a ``\\uXXXX`` escape is 6 bytes for one
  character), UTF-8, valid JSON, an object, nested at most ``MAX_DEPTH`` deep (checked
  *before* ``json.loads``, whose C parser recurses and would overflow the stack
  if the host raised the recursion limit), integers of at most 4,300 digits;
* ``id``: a string or an integer (not a boolean), 1–255 UTF-8 bytes, no control
  characters (NUL, line breaks: ids become file names and CSV cells);
* ``text``: a string of at most ``max_bytes`` UTF-8 bytes;
* ``title``, ``published``, ``url``: a string or null;
* no lone surrogate (``"\\ud800"``, which JSON allows but Unicode does not) in any of them.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import sys
from collections.abc import Iterator, Mapping
from typing import IO, Any

from presslens.errors import InputError, PresslensError, RecordError
from presslens.ingest.inputs import InputItem, failing_item
from presslens.settings import Settings

MAX_DEPTH = 32
MAX_ID_BYTES = 255
OPTIONAL_FIELDS = ("title", "published", "url")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def iter_jsonl(path: str, settings: Settings) -> Iterator[InputItem]:
    """Yield one item per record of a JSONL file (``-`` = stdin); bad lines become failing items."""
    from presslens import ingest

    name = "<stdin>" if path == "-" else ingest.display_name(path)
    try:
        stream = _open(path, name, settings)
    except PresslensError as exc:
        yield failing_item(name, exc)
        return
    try:
        for n, line in _lines(stream, 6 * settings.max_bytes + 4096):
            where = f"{name}:{n}"
            if isinstance(line, PresslensError):
                yield failing_item(where, line)
                continue
            try:
                rec = parse_line(line, where)
            except PresslensError as exc:
                yield failing_item(where, exc)
                continue
            yield record_item(rec, settings, where)
    except OSError as exc:
        yield failing_item(name, InputError(f"{name}: cannot read ({exc.strerror or exc})"))
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _open(path: str, name: str, settings: Settings) -> IO[bytes]:
    """Standard input, or the JSONL file once it is known to be a regular file."""
    from presslens import ingest

    if path == "-":
        return sys.stdin.buffer
    ingest.check_regular(path, name, sys.maxsize)  # no size limit: records are checked one by one
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | PresslensError]]:
    """Numbered non-blank lines, each read with at most ``limit`` bytes held in memory."""
    for n in itertools.count(1):
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield n, RecordError(f"the line is over the {limit:,}-byte limit (raise --max-bytes)")
        elif line.strip():
            yield n, line


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    """Read and drop bytes up to the next line break."""
    while chunk := stream.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return


def parse_line(line: bytes, where: str) -> dict[str, Any]:
    """One JSONL line → its object; raise RecordError (or InputError for bad JSON)."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(f"{where}: the line is not UTF-8 (byte {exc.start})") from None
    if nesting_depth(text) > MAX_DEPTH:
        raise RecordError(f"{where}: the record is nested more than {MAX_DEPTH} levels deep")
    try:
        rec = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise RecordError(f"{where}: the record is nested too deeply") from None
    except ValueError as exc:  # e.g. an integer over 4,300 digits
        raise RecordError(f"{where}: a number in the record is too long ({str(exc).split(':')[0]})") from None
    if not isinstance(rec, dict):
        raise InputError(f"{where}: not a JSON object")
    return rec


def nesting_depth(text: str) -> int:
    """The deepest bracket nesting of a JSON text (strings ignored), without recursion."""
    bare = _STRING.sub("", text)
    if bare.count("[") + bare.count("{") <= MAX_DEPTH:
        return bare.count("[") + bare.count("{")
    brackets = _NOT_BRACKET.sub("", bare)
    return max(itertools.accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


def record_item(rec: Mapping[str, Any], settings: Settings, where: str) -> InputItem:
    """A validated record as an item (built in-process: its text needs no risky parsing)."""
    from presslens import ingest

    try:
        rid = record_id(rec, where)
    except PresslensError as exc:
        return failing_item(where, exc)
    try:
        text = _text(rec, where, settings.max_bytes)
        extra = {k: _optional(rec, k, where) for k in OPTIONAL_FIELDS}
    except PresslensError as exc:
        return failing_item(rid, exc)
    load = functools.partial(ingest.ingest_text, text, source=rid, settings=settings, **extra)
    return InputItem(rid, load)


def record_id(rec: Mapping[str, Any], where: str) -> str:
    """The record's id as a string (its location when it has none); raise when it is unusable."""
    rid = rec.get("id")
    if rid is None:
        return where
    if isinstance(rid, bool) or not isinstance(rid, (str, int)):
        raise RecordError(f"{where}: 'id' must be a string or an integer, not {_json_type(rid)}")
    rid = str(rid)
    if not rid.strip():
        raise RecordError(f"{where}: 'id' is empty")
    _check_unicode(rid, where, "id")
    if len(rid.encode("utf-8")) > MAX_ID_BYTES:
        raise RecordError(f"{where}: 'id' is longer than {MAX_ID_BYTES} bytes")
    if _CONTROL.search(rid):
        raise RecordError(f"{where}: 'id' holds a control character (NUL, line break…)")
    return rid


def _text(rec: Mapping[str, Any], where: str, limit: int) -> str:
    """The record's text, checked for type, size and valid Unicode."""
    text = rec.get("text")
    if not isinstance(text, str):
        raise RecordError(f"{where}: record has no 'text' string" + ("" if text is None else f" ({_json_type(text)})"))
    _check_unicode(text, where, "text")
    if len(text) > limit or len(text.encode("utf-8")) > limit:
        raise RecordError(f"{where}: text is over the {limit:,}-byte limit (raise --max-bytes)")
    return text


def _optional(rec: Mapping[str, Any], key: str, where: str) -> str | None:
    """An optional string field: a string, or None when absent or null."""
    value = rec.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"{where}: '{key}' must be a string or null, not {_json_type(value)}")
    _check_unicode(value, where, key)
    return value


def _check_unicode(value: str, where: str, key: str) -> None:
    """Refuse a lone surrogate: it cannot be written as UTF-8 (JSON, CSV, file names)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RecordError(f"{where}: '{key}' holds a lone surrogate (invalid Unicode) at character {exc.start}") from None


def _json_type(value: object) -> str:
    """The JSON name of a Python value's type."""
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array", dict: "an object"}
    return names.get(type(value), type(value).__name__)
