"""PDF files → plain text with pypdf, bounded and quiet, repairing what extraction breaks.

pypdf's layout mode keeps vertical gaps as blank lines (so paragraphs
survive); its text is hard-wrapped, padded with spaces, sometimes has words
split by stray spaces ("gov ernment") and odd hyphen characters (U+00AD,
U+2010, U+2011).  The normalisers handle all of these (``normalize.py``
rules 1–5); this module only extracts and joins pages.
The document's offsets then index this extracted text (a PDF has no
character stream to point into); ``meta.format`` says so.

Bounds (a hostile PDF is small on disk and huge in memory):
- pages: the page count is read from the page tree (pypdf flattens it
  within its own ``page_tree_maximum_*`` limits) and a PDF over
  ``Settings.max_pdf_pages`` is refused before any page is decoded (E041);
- decompressed bytes: pypdf's :class:`pypdf.Configuration` caps the output
  of every filter (Flate, LZW, RunLength, JBIG2, Brotli) and the declared
  stream length; all are set to ``Settings.max_decompressed_bytes``, and
  the page content streams together must stay under it too (E042);
- content parsing: at most 500,000 tokens per content stream;
- every other pypdf failure (its own errors and the ``NotImplementedError``,
  ``AssertionError``, ``RecursionError``… that damaged files provoke) is one
  clear :class:`DamagedPdfError` (E043), never "internal error";
- pypdf prints nothing: its logger and warnings are silenced while it runs.
Wall time and memory are bounded by the process that runs ingest (runner).
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator
from typing import Any

from presslens.errors import (
    DamagedPdfError,
    DecompressionLimitError,
    EmptyInputError,
    LimitExceededError,
    PresslensError,
    TooManyPagesError,
)
from presslens.settings import Settings

# Operators and operands per content stream: a dense news page has under 10,000; pypdf's
# default (2,000,000) lets one hostile page parse for ~10 s.
_MAX_CONTENT_TOKENS = 500_000

@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's logger (also its last-resort stderr output) and warnings for a block."""
    logger = logging.getLogger("pypdf")
    saved = (logger.level, logger.propagate, list(logger.handlers))
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    logger.handlers = [logging.NullHandler()]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]


def _limits(settings: Settings) -> dict[str, Any]:
    """pypdf configuration overrides that bound decompression by ``max_decompressed_bytes``."""
    cap = settings.max_decompressed_bytes
    names = (
        "maximum_declared_stream_length", "array_based_stream_maximum_output_length",
        "jbig2_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
        "zlib_maximum_output_length", "brotli_maximum_output_length", "image_maximum_buffer_size",
        "stream_decoding_work_maximum_length", "xfa_decoding_work_maximum_length",
    )
    limits = dict.fromkeys(names, cap)
    limits["zlib_maximum_recovery_input_length"] = min(cap, 5_000_000)
    limits["stream_parsing_work_maximum_count"] = _MAX_CONTENT_TOKENS
    return limits


def _page_text(page: Any) -> str:
    """Layout-mode text (blank lines where the page has vertical gaps), else plain mode."""
    from pypdf.errors import LimitReachedError

    try:
        text = page.extract_text(extraction_mode="layout")
    except (LimitReachedError, RecursionError, MemoryError):
        raise
    except Exception:
        text = ""
    return text or page.extract_text() or ""


def _content_bytes(page: Any) -> int:
    """Decoded size of a page's content streams (decoding is cached by pypdf for extraction)."""
    contents = page.get_contents()
    return len(contents.get_data()) if contents is not None else 0


def _extract(data: bytes, source: str, settings: Settings) -> tuple[list[str], str | None]:
    """Page texts and metadata title; raises PresslensError or pypdf's own exceptions."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    count = len(reader.pages)
    if count > settings.max_pdf_pages:
        raise TooManyPagesError(
            f"{source}: the PDF has {count:,} pages, over the {settings.max_pdf_pages:,}-page limit "
            "(split it or raise --max-pdf-pages)"
        )
    pages, budget = [], settings.max_decompressed_bytes
    for page in reader.pages:
        budget -= _content_bytes(page)
        if budget < 0:
            raise _decompression_error(source, settings)
        pages.append(_page_text(page))
    meta = reader.metadata
    title = str(meta.title) if meta is not None and meta.title else None
    return pages, title


def _decompression_error(source: str, settings: Settings) -> DecompressionLimitError:
    """The E042 error for ``source``."""
    return DecompressionLimitError(
        f"{source}: the PDF's compressed streams expand beyond the "
        f"{settings.max_decompressed_bytes:,}-byte limit (a compression bomb, or a very large PDF: "
        "raise --max-decompressed-bytes)"
    )


def _raised_in_filters(exc: BaseException) -> bool:
    """True when ``exc`` was raised by pypdf's stream filters (decompression)."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last, tb = tb.tb_frame.f_code.co_filename, tb.tb_next
    return last is not None and last.replace("\\", "/").endswith("pypdf/filters.py")


def _translate(exc: Exception, source: str, settings: Settings) -> PresslensError:
    """One clear PresslensError for any exception pypdf raised."""
    from pypdf.errors import LimitReachedError

    if isinstance(exc, MemoryError) or (isinstance(exc, LimitReachedError) and _raised_in_filters(exc)):
        return _decompression_error(source, settings)
    if isinstance(exc, LimitReachedError):
        reason = str(exc).splitlines()[0][:120] if str(exc) else "limit reached"
        return LimitExceededError(f"{source}: the PDF is over a processing limit ({reason})")
    what = "too deeply nested" if isinstance(exc, RecursionError) else exc.__class__.__name__
    return DamagedPdfError(f"{source}: unreadable, truncated or damaged PDF ({what})")


def pdf_to_text(data: bytes, source: str, settings: Settings | None = None) -> tuple[str, str | None]:
    """Extract the text of every page; return ``(text, title from metadata)``.

    Raises:
        TooManyPagesError, DecompressionLimitError, LimitExceededError: over a bound.
        DamagedPdfError: pypdf cannot read the file.
        EmptyInputError: no page has extractable text (a scanned image).
    """
    from pypdf import apply_configuration

    settings = settings or Settings()
    try:
        with _quiet_pypdf(), apply_configuration(**_limits(settings)):
            pages, title = _extract(data, source, settings)
    except PresslensError:
        raise
    except Exception as exc:  # pypdf raises far more than its documented errors on damaged files
        raise _translate(exc, source, settings) from exc
    text = "\n\n".join(p.strip("\n") for p in pages if p.strip())
    if not text.strip():
        raise EmptyInputError(f"{source}: the PDF has no extractable text (scanned image?)")
    return text, title
