"""The corpus store: one Store protocol, SQLite (default) and PostgreSQL implementations.

``open_store(url)`` picks the backend from the URL:

* a file path or ``sqlite:///path`` → :class:`SQLiteStore` (default ``presslens.db``);
* ``postgresql://user:password@host:port/db`` (or ``postgres://``) → :class:`PostgresStore`.

``resolve_url(None)`` reads ``PRESSLENS_DB``, else gives ``presslens.db``.
"""

from __future__ import annotations

import os

from presslens.errors import StoreError
from presslens.store.base import (
    ClaimHit,
    DocSpan,
    EntityOccurrence,
    EntityProfile,
    EntitySummary,
    FailureRow,
    Page,
    QuoteHit,
    SearchHit,
    Store,
    TimelineHit,
)
from presslens.store.schema import SCHEMA_VERSION

DEFAULT_DB = "presslens.db"
ENV_VAR = "PRESSLENS_DB"

__all__ = [
    "DEFAULT_DB",
    "ENV_VAR",
    "SCHEMA_VERSION",
    "ClaimHit",
    "DocSpan",
    "EntityOccurrence",
    "EntityProfile",
    "EntitySummary",
    "FailureRow",
    "Page",
    "QuoteHit",
    "SearchHit",
    "Store",
    "TimelineHit",
    "open_store",
    "resolve_url",
]


def resolve_url(url: str | None) -> str:
    """The store URL to use: the one given, else ``$PRESSLENS_DB``, else ``presslens.db``."""
    return url or os.environ.get(ENV_VAR) or DEFAULT_DB


def is_postgres(url: str) -> bool:
    """True for a ``postgresql://`` (or ``postgres://``) URL."""
    return url.startswith(("postgresql://", "postgres://"))


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open the store at ``url`` (see module doc); ``create=False`` refuses a missing SQLite file."""
    url = resolve_url(url)
    if is_postgres(url):
        from presslens.store.postgres import PostgresStore

        return PostgresStore(url, create=create)
    if url.startswith("sqlite://"):
        url = url.removeprefix("sqlite://").removeprefix("/")
        if not url:
            raise StoreError("sqlite:///PATH: give the path of the store file")
    elif "://" in url:
        raise StoreError(f"{url.split('://')[0]}://: unknown store URL; use a file path, sqlite:///PATH "
                         "or postgresql://USER@HOST/DB")
    from presslens.store.sqlite import SQLiteStore

    return SQLiteStore(url, create=create)
