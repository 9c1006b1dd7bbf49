"""The web app's settings: the store, the access rules and the upload limits."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from presslens.settings import Settings

MAX_UPLOAD_BYTES = 2_000_000  # an article, even a long PDF one, is far below this
UPLOAD_TYPES = {  # file extension -> suffix of the temporary name; nothing else is accepted
    ".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".pdf": "pdf",
}
PAGE_SIZES = (10, 20, 50, 100)


@dataclass(frozen=True)
class WebConfig:
    """How one ``presslens serve`` runs.

    Attributes:
        db: the store URL (file path, ``sqlite:///…`` or ``postgresql://…``).
        read_only: refuse uploads and pasted articles (the store is only read).
        token: when set, every request must carry it (``Authorization: Bearer``, the
            ``presslens_token`` cookie, or ``?token=`` once, which sets the cookie).
        max_upload_bytes: the largest upload or paste accepted.
        settings: analysis settings for pasted and uploaded articles.
        secret: signs the CSRF tokens (new for each process).
        local_hosts: Host header names accepted without a token (a page of another site whose
            name was re-pointed at 127.0.0.1, "DNS rebinding", sends its own name and is refused).
    """

    db: str
    read_only: bool = False
    token: str | None = None
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    settings: Settings = field(default_factory=Settings)
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    local_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
