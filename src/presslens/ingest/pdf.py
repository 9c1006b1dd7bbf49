"""PDF files → plain text with pypdf, repairing what extraction breaks.

pypdf's layout mode keeps vertical gaps as blank lines (so paragraphs
survive); its text is hard-wrapped, padded with spaces, sometimes has words
split by stray spaces ("gov ernment") and odd hyphen characters (U+00AD,
U+2010, U+2011).  The normalisers handle all of these (``normalize.py``
rules 1–5); this module only extracts and joins pages.
The document's offsets then index this extracted text (a PDF has no
character stream to point into); ``meta.format`` says so.
"""

from __future__ import annotations

import io
import logging

from presslens.errors import EmptyInputError, InputError


def _page_text(page: object) -> str:
    """Layout-mode text (blank lines where the page has vertical gaps), else plain mode."""
    try:
        text = page.extract_text(extraction_mode="layout")  # type: ignore[attr-defined]
    except Exception:
        text = ""
    return text or page.extract_text() or ""  # type: ignore[attr-defined]


def pdf_to_text(data: bytes, source: str) -> tuple[str, str | None]:
    """Extract the text of every page; return ``(text, title from metadata)``."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = [_page_text(page) for page in reader.pages]
        meta = reader.metadata
        title = str(meta.title) if meta is not None and meta.title else None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise InputError(f"{source}: unreadable or truncated PDF ({exc.__class__.__name__})") from exc
    text = "\n\n".join(p.strip("\n") for p in pages if p.strip())
    if not text.strip():
        raise EmptyInputError(f"{source}: the PDF has no extractable text (scanned image?)")
    return text, title
