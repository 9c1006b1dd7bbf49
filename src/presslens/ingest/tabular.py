"""CSV/TSV files with a text column → the same records JSONL gives.

Each row becomes a record ``{"id", "text", "title"?, "published"?, "url"?}``
and goes through the JSONL record path (``jsonl.record_item``: validated, then
built in-process), so a row and the equivalent JSONL line build the same Document.  The stdlib ``csv`` module reads the file (quoted
fields may hold commas, quotes and line breaks); ``.tsv`` is tab-separated.

Columns are found by name, case-insensitively: the text is the first of
``text``, ``body``, ``content``, ``article``; the id is ``id`` (else
``FILE:ROW``); ``title``, ``published`` (or ``date``) and ``url`` are optional.
A bad row is a failing item of its own and never stops the file.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator

from presslens.errors import InputError
from presslens.ingest.inputs import InputItem, failing_item
from presslens.settings import Settings

TEXT_COLUMNS = ("text", "body", "content", "article")
OPTIONAL = {"title": ("title",), "published": ("published", "date"), "url": ("url",)}
MAX_ERRORS = 100


def _columns(header: list[str]) -> dict[str, str]:
    """Map record fields (id, text, title, published, url) to the file's column names."""
    lower = {h.strip().lower(): h for h in header if h}
    found: dict[str, str] = {}
    for field, names in {"text": TEXT_COLUMNS, "id": ("id",), **OPTIONAL}.items():
        for name in names:
            if name in lower:
                found[field] = lower[name]
                break
    return found


def iter_tabular(path: str, settings: Settings) -> Iterator[InputItem]:
    """One lazily built item per row; a missing text column is one failing item for the file."""
    csv.field_size_limit(max(settings.max_bytes, 1 << 20))
    delimiter = "\t" if path.lower().endswith(".tsv") else ","
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8-sig", errors="replace", newline="")  # noqa: SIM115
    except OSError as exc:
        yield failing_item(path, InputError(f"{path}: cannot read ({exc.strerror or exc})"))
        return
    try:
        yield from _rows(path, csv.reader(stream, delimiter=delimiter), settings)
    finally:
        if stream is not sys.stdin:
            stream.close()


def _rows(path: str, reader: Iterator[list[str]], settings: Settings) -> Iterator[InputItem]:
    """Items for the rows after the header (the header names the columns)."""
    header = next(reader, None)
    cols = _columns(header or [])
    if "text" not in cols:
        shown = ", ".join(h for h in (header or []) if h)[:200] or "none"
        msg = f"{path}: no text column (name one of {', '.join(TEXT_COLUMNS)}; columns: {shown})"
        yield failing_item(path, InputError(msg))
        return
    index = {field: (header or []).index(name) for field, name in cols.items()}
    errors = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            errors += 1
            where = f"{path}:{getattr(reader, 'line_num', '?')}"
            yield failing_item(where, InputError(f"{where}: unreadable CSV row ({exc})"))
            if errors >= MAX_ERRORS:
                return
            continue
        yield _item(path, getattr(reader, "line_num", 0), row, index, settings)


def _item(path: str, line: int, row: list[str], index: dict[str, int], settings: Settings) -> InputItem:
    """The item of one row, built as a JSONL record is."""
    from presslens.ingest.jsonl import record_item

    rec: dict[str, object] = {f: row[i] for f, i in index.items() if i < len(row) and row[i] != ""}
    return record_item(rec, settings, f"{path}:{line}")
