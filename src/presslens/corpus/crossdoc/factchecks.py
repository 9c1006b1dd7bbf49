"""Read fact-checks: schema.org ClaimReview (JSON-LD, JSONL) and the CheckThat! 2020 T2 pool TSV.

ClaimReview as fact-checkers publish it: one object, an array, a ``@graph``, an HTML page with
``<script type="application/ld+json">`` blocks, objects nested anywhere (``itemReviewed`` holding
the claim's author and date, ``reviewRating.alternateName`` the verdict in words); or a JSONL file,
one record per line.  The CheckThat! layout is ``vclaim_id<TAB>vclaim<TAB>title`` with a header.

A bad record never stops an import: :func:`read` returns the good records and one message per bad
one (line or position named), which the CLI prints on stderr.  JSON itself is read by the standard
library; the walk over a JSON-LD tree is a few lines, and no maintained JSON-LD library reads
ClaimReview's loose real-world shapes (strings or objects for ``author``, lists or single values).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_LD_SCRIPT = re.compile(r"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.S | re.I)


@dataclass(frozen=True, slots=True)
class FactCheck:
    """One fact-check: the claim reviewed, its verdict, who reviewed it and where."""

    id: str
    claim: str
    title: str = ""
    rating: str | None = None
    reviewer: str | None = None
    url: str | None = None
    date: str | None = None
    claimant: str | None = None
    origin: str = ""

    def row(self) -> tuple[Any, ...]:
        """The ``factchecks`` row."""
        return (self.id, self.claim, self.title, self.rating, self.reviewer, self.url, self.date, self.claimant,
                self.origin)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"id": self.id, "claim": self.claim, "title": self.title, "rating": self.rating,
                "reviewer": self.reviewer, "url": self.url, "date": self.date, "claimant": self.claimant}


def read(path: str | Path) -> tuple[list[FactCheck], list[str]]:
    """``(fact-checks, problems)`` of a file, its format told by its content."""
    p = Path(path)
    raw = p.read_bytes().decode("utf-8-sig", errors="replace")
    origin = p.name
    head = raw.lstrip()[:1]
    if p.suffix.lower() in (".tsv", ".txt") or (head not in ("{", "[", "<") and "\t" in raw.split("\n", 1)[0]):
        return _tsv(raw, origin)
    if head == "<":
        return _html(raw, origin)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return _jsonl(raw, origin)
    return _records(data, origin, "")


def _tsv(raw: str, origin: str) -> tuple[list[FactCheck], list[str]]:
    """CheckThat! 2020 T2 pool rows (``vclaim_id, vclaim, title``)."""
    out, bad = [], []
    lines = raw.splitlines()
    start = 1 if lines and "vclaim" in lines[0].lower() else 0
    for n, line in enumerate(lines[start:], start=start + 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            bad.append(f"{origin}:{n}: not a vclaim_id<TAB>vclaim<TAB>title row")
            continue
        out.append(FactCheck(f"checkthat:{cols[0].strip()}", cols[1].strip(), cols[2].strip() if len(cols) > 2 else "",
                             origin=origin))
    return out, bad


def _html(raw: str, origin: str) -> tuple[list[FactCheck], list[str]]:
    """The ClaimReviews of every JSON-LD script of an HTML page."""
    out, bad = [], []
    for n, block in enumerate(_LD_SCRIPT.findall(raw), start=1):
        try:
            found, problems = _records(json.loads(block), origin, f"script {n}: ")
        except json.JSONDecodeError as exc:
            bad.append(f"{origin}: script {n}: not JSON ({exc.msg})")
            continue
        out += found
        bad += problems
    if not out and not bad:
        bad.append(f"{origin}: no ClaimReview found")
    return out, bad


def _jsonl(raw: str, origin: str) -> tuple[list[FactCheck], list[str]]:
    """One JSON record per line."""
    out, bad = [], []
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found, problems = _records(json.loads(line), origin, f"line {n}: ")
        except json.JSONDecodeError as exc:
            bad.append(f"{origin}:{n}: not JSON ({exc.msg})")
            continue
        out += found
        bad += problems
    return out, bad


def _records(data: Any, origin: str, where: str) -> tuple[list[FactCheck], list[str]]:
    """Every ClaimReview in a JSON tree; a reviewed-less one is a problem, not a record."""
    out, bad = [], []
    reviews = list(_claim_reviews(data))
    if not reviews:
        return [], [f"{origin}: {where}no ClaimReview object"]
    for n, obj in enumerate(reviews, start=1):
        try:
            out.append(_fact_check(obj, origin))
        except ValueError as exc:
            bad.append(f"{origin}: {where}ClaimReview {n}: {exc}")
    return out, bad


def _claim_reviews(node: Any) -> Iterator[dict[str, Any]]:
    """Objects typed ClaimReview anywhere in a JSON tree (``@graph``, arrays, nested values)."""
    if isinstance(node, list):
        for item in node:
            yield from _claim_reviews(item)
    elif isinstance(node, dict):
        types = node.get("@type")
        if "ClaimReview" in (types if isinstance(types, list) else [types]):
            yield node
            return
        for value in node.values():
            yield from _claim_reviews(value)


def _fact_check(obj: dict[str, Any], origin: str) -> FactCheck:
    """A :class:`FactCheck` from one ClaimReview object."""
    claim = _text(obj.get("claimReviewed"))
    item: dict[str, Any] = obj["itemReviewed"] if isinstance(obj.get("itemReviewed"), dict) else {}
    claim = claim or _text(item.get("text")) or _text(item.get("name"))
    if not claim:
        raise ValueError("no claimReviewed text")
    rating: dict[str, Any] = obj["reviewRating"] if isinstance(obj.get("reviewRating"), dict) else {}
    verdict = _text(rating.get("alternateName")) or _text(rating.get("name"))
    if not verdict and rating.get("ratingValue") is not None:
        verdict = f"{rating.get('ratingValue')}/{rating.get('bestRating', '?')}"
    url = _text(obj.get("url")) or _text(obj.get("@id"))
    reviewer = _name(obj.get("author")) or _name(obj.get("publisher"))
    ident = url or "claimreview:" + hashlib.sha256(f"{claim}|{reviewer}".encode()).hexdigest()[:16]
    return FactCheck(ident, claim, _text(obj.get("headline")) or _text(obj.get("name")), verdict or None,
                     reviewer or None, url or None, _text(obj.get("datePublished")) or None,
                     _name(item.get("author")) or None, origin)


def _text(value: Any) -> str:
    """A JSON-LD value as one trimmed string (first of a list; ``@value`` of an object)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) else ""


def _name(value: Any) -> str:
    """The name of an author / publisher given as a string, an object or a list of them."""
    if isinstance(value, list):
        return ", ".join(n for n in (_name(v) for v in value) if n)
    if isinstance(value, dict):
        return _text(value.get("name")) or _text(value.get("url"))
    return _text(value)


def claim_review(claim: dict[str, Any], check: FactCheck, confidence: float) -> dict[str, Any]:
    """A schema.org ClaimReview JSON-LD object of a stored claim that repeats a known fact-check."""
    review: dict[str, Any] = {"@context": "https://schema.org", "@type": "ClaimReview",
                              "claimReviewed": check.claim,
                              "itemReviewed": {"@type": "Claim", "appearance": {
                                  "@type": "CreativeWork", "identifier": claim["document"],
                                  "text": claim["text"]}},
                              "reviewRating": {"@type": "Rating", "alternateName": check.rating or "unrated"},
                              "presslens:matchConfidence": round(confidence, 4)}
    if check.url:
        review["url"] = check.url
    if check.reviewer:
        review["author"] = {"@type": "Organization", "name": check.reviewer}
    if check.date:
        review["datePublished"] = check.date
    return review
