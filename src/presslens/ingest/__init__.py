"""Ingest: the only code that reads bytes, files or stdin; returns Documents.

``ingest_path`` / ``ingest_bytes`` / ``ingest_text`` make one Document;
``iter_inputs`` (``inputs.py``) expands CLI arguments (files, directories, ``-``,
JSONL) into lazily loaded :class:`InputItem`s so that one bad input never stops
a batch.  Only regular files are read: FIFOs, sockets and devices are refused
before they are opened.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

from presslens.errors import EmptyInputError, InputError, LanguageError, SpecialFileError, TooLargeError
from presslens.ingest.build import build_document
from presslens.ingest.decode import decode_text, sniff
from presslens.model.document import Document
from presslens.settings import Settings

_SURROGATE = re.compile("[\ud800-\udfff]")

__all__ = [
    "TEXT_SUFFIXES", "InputItem", "build_document", "ingest_bytes", "ingest_path", "ingest_text", "iter_inputs",
]


def ingest_text(
    text: str,
    *,
    source: str = "<string>",
    settings: Settings | None = None,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Document:
    """Make a Document from already-decoded plain text.

    Lone surrogates (a Python ``str`` may hold them; UTF-8 cannot) become
    U+FFFD, one character for one, so offsets into ``text`` still hold.
    """
    settings = settings or Settings()
    text, source = without_surrogates(text), without_surrogates(source)
    title, url = (None if v is None else without_surrogates(v) for v in (title, url))
    if not text.strip():
        raise EmptyInputError(f"{source}: the input is empty")
    doc = build_document(text, source=source, settings=settings, title=title,
                         published=published or settings.published, url=url)
    _check_language(doc, settings)
    return doc


def without_surrogates(value: str) -> str:
    """``value`` with each lone surrogate replaced by U+FFFD (the same length)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)
    return value


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


def ingest_path(path: str | Path, settings: Settings | None = None, *, source: str | None = None) -> Document:
    """Read one regular file (or ``-`` for stdin) and make its Document.

    FIFOs, sockets and devices are refused before they are opened (E054):
    opening a FIFO blocks until a writer comes.
    """
    settings = settings or Settings()
    if str(path) == "-":
        return ingest_bytes(read_stdin(settings.max_bytes), source="<stdin>", settings=settings)
    name = source or display_name(str(path))
    return ingest_bytes(read_regular_file(path, settings.max_bytes, name), source=name, settings=settings)


def read_stdin(limit: int) -> bytes:
    """Read standard input, refusing more than ``limit`` bytes (without reading them all)."""
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(f"<stdin>: the input is over the {limit:,}-byte limit (raise --max-bytes)")
    return data


def check_regular(path: str | Path, source: str, limit: int) -> os.stat_result:
    """``stat`` a path and refuse what is not a regular file within the size limit (never opens it)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{source}: is a directory, not a file (pass it as a batch input)")
    if not stat.S_ISREG(st.st_mode):
        raise SpecialFileError(f"{source}: is a {file_kind(st.st_mode)}, not a regular file; "
                               "presslens reads regular files only")
    if st.st_size > limit:
        raise TooLargeError(f"{source}: {st.st_size:,} bytes is over the {limit:,}-byte limit "
                            "(split the file or raise --max-bytes)")
    return st


def read_regular_file(path: str | Path, limit: int, source: str) -> bytes:
    """The bytes of a regular file, at most ``limit``; special files are refused, never read.

    The file is opened non-blocking and checked again with ``fstat``, so a path
    swapped for a FIFO between the checks cannot block.
    """
    check_regular(path, source, limit)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from exc
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise SpecialFileError(f"{source}: is a {file_kind(mode)}, not a regular file")
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise TooLargeError(f"{source}: the file is over the {limit:,}-byte limit (raise --max-bytes)")
    return data


def file_kind(mode: int) -> str:
    """A word for a non-regular file type: FIFO, socket, character device…"""
    kinds = ((stat.S_ISFIFO, "FIFO (named pipe)"), (stat.S_ISSOCK, "socket"),
             (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"), (stat.S_ISDIR, "directory"))
    return next((name for test, name in kinds if test(mode)), "special file")


def display_name(path: str) -> str:
    """A path as printable text: bytes that are not UTF-8 shown as ``\\xNN`` escapes."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def _check_language(doc: Document, settings: Settings) -> None:
    """Raise LanguageError when English is required and the text is not English."""
    if settings.require_english and doc.language != "en":
        raise LanguageError(
            f"{doc.source}: the text does not read as English (presslens analyses English only)"
        )


from presslens.ingest.inputs import TEXT_SUFFIXES, InputItem, iter_inputs  # noqa: E402  (uses the functions above)
