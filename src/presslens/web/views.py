"""Pure helpers shaping store records for the templates (highlight segments, pages, query strings)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from presslens.store.base import SearchHit

UNCERTAIN = 0.5  # a quote speaker below this confidence is shown as uncertain


def marked(hit: SearchHit) -> list[tuple[str, bool]]:
    """The hit's fragment cut into (text, is_match) pieces for ``<mark>`` (escaped by the template)."""
    if hit.fragment is None:
        return [(hit.snippet, False)]
    frag = hit.fragment
    out: list[tuple[str, bool]] = []
    pos = frag.start
    for h in sorted(hit.highlights, key=lambda s: s.start):
        if h.start < pos:
            continue
        out.append((frag.text[pos - frag.start : h.start - frag.start], False))
        out.append((h.text, True))
        pos = h.end
    out.append((frag.text[pos - frag.start :], False))
    return [(t, m) for t, m in out if t]


@dataclass(frozen=True)
class Pager:
    """Where a page of results sits: ``first``–``last`` of ``total``, with prev/next links."""

    total: int
    page: int
    per_page: int
    shown: int
    prev_url: str | None
    next_url: str | None

    @property
    def first(self) -> int:
        """1-based number of the first row shown (0 when none)."""
        return (self.page - 1) * self.per_page + 1 if self.shown else 0

    @property
    def last(self) -> int:
        """1-based number of the last row shown."""
        return (self.page - 1) * self.per_page + self.shown

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"total": self.total, "page": self.page, "per_page": self.per_page, "first": self.first,
                "last": self.last, "prev": self.prev_url, "next": self.next_url}


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` of the non-empty parameters, with changes applied."""
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def pager(path: str, params: dict[str, Any], total: int, page: int, per_page: int, shown: int) -> Pager:
    """The pager of a result page (links keep every filter)."""
    prev_url = path + query_string(params, page=page - 1) if page > 1 else None
    next_url = path + query_string(params, page=page + 1) if page * per_page < total else None
    return Pager(total, page, per_page, shown, prev_url, next_url)


def split_timeline(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Dated and undated timeline rows, kept apart."""
    return [i for i in items if i.get("date")], [i for i in items if not i.get("date")]


def syndication_groups(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A story's members grouped by syndication group (copies of one text together), in first-date order.

    A document without a group (not fingerprinted) is a group of its own."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for m in members:
        groups.setdefault(m.get("group") or "doc:" + m["document"], []).append(m)
    return [{"group": key if not key.startswith("doc:") else None, "copies": len(docs), "members": docs}
            for key, docs in groups.items()]
