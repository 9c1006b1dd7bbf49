"""Batch inputs: paths, ``-`` and JSONL files → lazily loaded :class:`InputItem`s.

Rules (issue 9):

* A file named on the command line is read whatever its extension; its bytes
  are sniffed (PDF magic, HTML markup, else text).
* A directory is walked (symbolic links to directories are not followed, so a
  link cycle cannot loop).  Only files with a known extension
  (``TEXT_SUFFIXES``) are read.  Everything else is *skipped and reported*
  through ``on_skip``, never read: extension-less files (README, LICENSE,
  Makefile), other formats (.docx, .xml), hidden directories (.git) and
  special files.  A folder is a collection nobody curated file by file, and
  extension-less files in it are more often build files than articles; name
  such a file explicitly to have it read.
* FIFOs, sockets and devices are refused without being opened (E054).
* Every check that needs no parsing (existence, file type, size, emptiness,
  JSONL record fields) happens here, in the calling process, before any model
  loads; an item that fails it is a non-isolated item whose loader raises at
  once.  Items that parse untrusted bytes (non-empty files, stdin) are marked
  ``isolate``: the runner loads them in a worker process with time and memory
  limits.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from presslens.errors import EmptyInputError, InputError, PresslensError
from presslens.model.document import Document
from presslens.settings import Settings

TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf", ".jsonl", ".csv", ".tsv")

SkipHook = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class InputItem:
    """One input of a batch: its name and a loader that makes the Document (or raises).

    Attributes:
        source: the path, record id or ``"<stdin>"`` (what failures and outputs name).
        load: makes the Document; must be picklable (a ``functools.partial`` of a
            module-level function) when ``isolate`` is set.
        isolate: load in a worker process with the time and memory limits
            (parsing untrusted bytes: PDF, HTML, charset detection).
    """

    source: str
    load: Callable[[], Document]
    isolate: bool = False


def failing_item(source: str, error: PresslensError) -> InputItem:
    """An item whose loader raises ``error`` (an input refused before loading)."""
    return InputItem(source, functools.partial(_raise, error))


def _raise(error: PresslensError) -> Document:
    """Raise the stored error (the loader of a refused input)."""
    raise error


def iter_inputs(
    paths: list[str],
    settings: Settings | None = None,
    *,
    input_format: str = "auto",
    on_skip: SkipHook | None = None,
) -> Iterator[InputItem]:
    """Expand inputs into lazily loaded items: files, directories, ``-``, JSONL records.

    Args:
        paths: file or directory paths, or ``-`` for standard input.
        input_format: ``auto`` (JSONL by the ``.jsonl`` extension), ``text`` or ``jsonl``.
        on_skip: called with ``(path, reason)`` for every directory entry not read.
    """
    settings = settings or Settings()
    for raw in paths:
        if raw != "-" and os.path.isdir(raw):
            yield from _directory_items(raw, settings, input_format, on_skip or _ignore)
        else:
            yield from _items_for_file(raw, settings, input_format)


def _ignore(path: str, reason: str) -> None:
    """The default skip hook: nothing."""


def _directory_items(root: str, settings: Settings, input_format: str, on_skip: SkipHook) -> Iterator[InputItem]:
    """Items for the readable files under ``root``, in path order; the rest reported as skipped."""
    from presslens.ingest import display_name

    files = sorted(_walk(root, on_skip))
    if not files:
        yield failing_item(root, InputError(f"{display_name(root)}: directory holds no .txt/.html/.pdf files"))
    for path in files:
        yield from _items_for_file(str(path), settings, input_format)


def _walk(root: str, on_skip: SkipHook) -> Iterator[Path]:
    """Regular files with a known extension under ``root``; report every other entry."""
    from presslens.ingest import display_name

    for folder, dirs, names in os.walk(root, onerror=lambda exc: on_skip(display_name(str(exc.filename)), "cannot list")):
        for d in [d for d in dirs if d.startswith(".")]:
            dirs.remove(d)
            on_skip(display_name(os.path.join(folder, d)), "hidden directory")
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            reason = _skip_reason(path)
            if reason:
                on_skip(display_name(path), reason)
            else:
                yield Path(path)


def _skip_reason(path: str) -> str | None:
    """Why a directory entry is not read, or None when it is."""
    from presslens.ingest import file_kind

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "broken link or unreadable"
    if not stat.S_ISREG(mode):
        return f"not a regular file ({file_kind(mode)})"
    suffix = Path(path).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return None
    return f"unsupported file type {suffix}" if suffix else "no file extension"


def _items_for_file(raw: str, settings: Settings, input_format: str) -> Iterator[InputItem]:
    """One item for a file, or one per record of a JSONL file (or row of a CSV/TSV file)."""
    if input_format == "csv" or (input_format == "auto" and raw.lower().endswith((".csv", ".tsv"))):
        from presslens.ingest.tabular import iter_tabular

        yield from iter_tabular(raw, settings)
        return
    is_jsonl = input_format == "jsonl" or (input_format == "auto" and raw.lower().endswith(".jsonl"))
    if is_jsonl:
        from presslens.ingest.jsonl import iter_jsonl

        yield from iter_jsonl(raw, settings)
    elif raw == "-":
        yield _stdin_item(settings)
    else:
        yield _file_item(raw, settings)


def _file_item(raw: str, settings: Settings) -> InputItem:
    """A checked file: refused at once (missing, special, too large, empty) or loaded isolated."""
    from presslens import ingest

    source = ingest.display_name(raw)
    try:
        st = ingest.check_regular(raw, source, settings.max_bytes)
    except PresslensError as exc:
        return failing_item(source, exc)
    if st.st_size == 0:
        return failing_item(source, EmptyInputError(f"{source}: the input is empty"))
    return InputItem(source, functools.partial(ingest.ingest_path, raw, settings, source=source), isolate=True)


def _stdin_item(settings: Settings) -> InputItem:
    """Standard input, read here (worker processes have no stdin) and parsed isolated."""
    from presslens import ingest

    try:
        data = ingest.read_stdin(settings.max_bytes)
    except PresslensError as exc:
        return failing_item("<stdin>", exc)
    if not data.strip():
        return failing_item("<stdin>", EmptyInputError("<stdin>: the input is empty"))
    return InputItem("<stdin>", functools.partial(ingest.ingest_bytes, data, source="<stdin>", settings=settings),
                     isolate=True)
