"""Ingest: the only code that reads bytes, files or stdin; returns Documents.

``ingest_path`` / ``ingest_bytes`` / ``ingest_text`` make one Document;
``iter_inputs`` expands CLI arguments (files, directories, ``-``, JSONL) into
lazily loaded :class:`InputItem`s so that one bad input never stops a batch.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from presslens.errors import EmptyInputError, InputError, LanguageError, TooLargeError
from presslens.ingest.build import build_document
from presslens.ingest.decode import decode_text, sniff
from presslens.model.document import Document
from presslens.settings import Settings

__all__ = ["InputItem", "build_document", "ingest_bytes", "ingest_path", "ingest_text", "iter_inputs"]

TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf", ".jsonl")


@dataclass(frozen=True, slots=True)
class InputItem:
    """One input of a batch: its name and a loader that makes the Document (or raises)."""

    source: str
    load: Callable[[], Document]


def ingest_text(
    text: str,
    *,
    source: str = "<string>",
    settings: Settings | None = None,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Document:
    """Make a Document from already-decoded plain text."""
    settings = settings or Settings()
    if not text.strip():
        raise EmptyInputError(f"{source}: the input is empty")
    doc = build_document(text, source=source, settings=settings, title=title,
                         published=published or settings.published, url=url)
    _check_language(doc, settings)
    return doc


def ingest_bytes(data: bytes, *, source: str = "<bytes>", settings: Settings | None = None) -> Document:
    """Make a Document from raw bytes of a text, HTML or PDF file."""
    settings = settings or Settings()
    if len(data) > settings.max_bytes:
        raise TooLargeError(
            f"{source}: {len(data):,} bytes is over the {settings.max_bytes:,}-byte limit "
            "(split the file or raise --max-bytes)"
        )
    kind = sniff(data, source)
    if kind == "pdf":
        from presslens.ingest.pdf import pdf_to_text

        text, meta_title = pdf_to_text(data, source, settings)
        if not text.strip():
            raise EmptyInputError(f"{source}: the PDF has no extractable text (scanned image?)")
        doc = build_document(text, source=source, settings=settings, title=meta_title,
                             published=settings.published, repair_words=True,
                             extra_meta={"format": "pdf"})
        _check_language(doc, settings)
        return doc
    text = decode_text(data)
    if kind == "html" and not settings.keep_text:
        from presslens.ingest.html import ingest_html

        doc = ingest_html(text, source=source, settings=settings)
        _check_language(doc, settings)
        return doc
    return ingest_text(text, source=source, settings=settings)


def ingest_path(path: str | Path, settings: Settings | None = None) -> Document:
    """Read one file (or ``-`` for stdin) and make its Document."""
    settings = settings or Settings()
    if str(path) == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        return ingest_bytes(data, source="<stdin>", settings=settings)
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a file (pass it as a batch input)")
    size = p.stat().st_size
    if size > settings.max_bytes:
        raise TooLargeError(
            f"{p}: {size:,} bytes is over the {settings.max_bytes:,}-byte limit "
            "(split the file or raise --max-bytes)"
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    return ingest_bytes(data, source=str(p), settings=settings)


def iter_inputs(
    paths: list[str], settings: Settings | None = None, *, input_format: str = "auto"
) -> Iterator[InputItem]:
    """Expand CLI inputs into lazily loaded items: files, directories, ``-``, JSONL records."""
    settings = settings or Settings()
    for raw in paths:
        p = Path(raw)
        if raw != "-" and p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
            if not files:
                yield InputItem(raw, _raiser(InputError(f"{p}: directory holds no .txt/.html/.pdf files")))
            for f in files:
                yield from _items_for_file(str(f), settings, input_format)
        else:
            yield from _items_for_file(raw, settings, input_format)


def _items_for_file(raw: str, settings: Settings, input_format: str) -> Iterator[InputItem]:
    """One item for a file, or one per record of a JSONL file."""
    is_jsonl = input_format == "jsonl" or (input_format == "auto" and raw.lower().endswith(".jsonl"))
    if is_jsonl:
        from presslens.ingest.jsonl import iter_jsonl

        yield from iter_jsonl(raw, settings)
    else:
        yield InputItem("<stdin>" if raw == "-" else raw, lambda: ingest_path(raw, settings))


def _raiser(exc: Exception) -> Callable[[], Document]:
    """A loader that raises ``exc`` (for inputs that fail before loading)."""
    def load() -> Document:
        """Raise the stored error."""
        raise exc

    return load


def _check_language(doc: Document, settings: Settings) -> None:
    """Raise LanguageError when English is required and the text is not English."""
    if settings.require_english and doc.language != "en":
        raise LanguageError(
            f"{doc.source}: the text does not read as English (presslens analyses English only)"
        )


def read_json_lines(path: str) -> Iterator[tuple[int, dict[str, object] | Exception]]:
    """Yield ``(line_number, record or error)`` for a JSONL file (``-`` = stdin)."""
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
    try:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, InputError(f"{path}:{n}: not valid JSON ({exc.msg})")
                continue
            yield n, rec if isinstance(rec, dict) else InputError(f"{path}:{n}: not a JSON object")
    finally:
        if stream is not sys.stdin:
            stream.close()
