"""JSONL records ``{"id", "text", "published"?, "title"?, "url"?}`` → Documents.

The record's ``id`` becomes ``document.source`` so outputs join back to inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from presslens.errors import InputError
from presslens.ingest import InputItem, ingest_text, read_json_lines
from presslens.model.document import Document
from presslens.settings import Settings


def iter_jsonl(path: str, settings: Settings) -> Iterator[InputItem]:
    """Yield one lazily built item per JSONL record; bad lines become failing items."""
    try:
        for n, rec in read_json_lines(path):
            if isinstance(rec, Exception):
                yield InputItem(f"{path}:{n}", _fail(rec))
                continue
            rid = str(rec.get("id", f"{path}:{n}"))
            yield InputItem(rid, _loader(rec, rid, settings, f"{path}:{n}"))
    except OSError as exc:
        yield InputItem(path, _fail(InputError(f"{path}: cannot read ({exc.strerror or exc})")))


def _loader(rec: dict[str, object], rid: str, settings: Settings, where: str) -> Callable[[], Document]:
    """A loader that builds the Document of one record (or raises)."""

    def load() -> Document:
        """Build the Document, or raise."""
        text = rec.get("text")
        if not isinstance(text, str):
            raise InputError(f"{where}: record has no 'text' string")
        if len(text.encode("utf-8", "replace")) > settings.max_bytes:
            raise InputError(f"{where}: text is over the {settings.max_bytes:,}-byte limit")
        opt = {k: rec.get(k) for k in ("title", "published", "url")}
        return ingest_text(
            text,
            source=rid,
            settings=settings,
            title=opt["title"] if isinstance(opt["title"], str) else None,
            published=opt["published"] if isinstance(opt["published"], str) else None,
            url=opt["url"] if isinstance(opt["url"], str) else None,
        )

    return load


def _fail(exc: Exception) -> Callable[[], Document]:
    """A loader that raises ``exc``."""

    def load() -> Document:
        """Raise the stored error."""
        raise exc

    return load
