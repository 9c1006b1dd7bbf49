"""PDF files → plain text with pypdf, repairing what extraction breaks.

pypdf yields hard-wrapped lines, sometimes words split by stray spaces
("gov ernment") and odd hyphen characters (U+00AD, U+2010, U+2011); the
reflow normaliser handles wrapping and hyphens, this module joins pages.
The document's offsets then index this extracted text (a PDF has no
character stream to point into); ``meta.format`` says so.
"""

from __future__ import annotations

import io
import logging

from presslens.errors import EmptyInputError, InputError


def pdf_to_text(data: bytes, source: str) -> tuple[str, str | None]:
    """Extract the text of every page; return ``(text, title from metadata)``."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
        title = str(meta.title) if meta is not None and meta.title else None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise InputError(f"{source}: unreadable or truncated PDF ({exc.__class__.__name__})") from exc
    text = "\n\n".join(p.strip("\n") for p in pages if p.strip())
    if not text.strip():
        raise EmptyInputError(f"{source}: the PDF has no extractable text (scanned image?)")
    return text, title
