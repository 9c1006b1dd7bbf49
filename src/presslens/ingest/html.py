"""HTML pages → Document: trafilatura main text, title, date and URL.

Widget blocks (consent notices, newsletter boxes, polls, comment threads) are taken out of
the page first (:mod:`presslens.ingest.boilerplate`), and how many went is recorded in
``document.meta["widgets_removed"]``.

Each extracted line is a paragraph.  The offset map points into the HTML
source character by character: every extracted line is located in the
tag-stripped, entity-decoded page text, whose characters remember the page
region they came from (a literal character, an entity, a tag), so
``to_source`` of any span gives the exact markup it was extracted from.
trafilatura keeps no offsets itself, hence this alignment.  When it moves a
block out of page order, or outputs text that cannot be found in the page,
the affected spans are marked inexact (``Document.source_is_exact``,
``meta["offsets"] == "approximate"`` with the ranges) instead of mapping
silently to the wrong markup.  A page whose text is only menus and links is
refused (E044).
"""

from __future__ import annotations

import dataclasses
import html as htmllib
import re
from bisect import bisect_left

from presslens.errors import InputError, NoArticleError, TooManyElementsError
from presslens.ingest.boilerplate import strip_widgets
from presslens.ingest.build import build_document
from presslens.model.document import Document
from presslens.model.offsets import OffsetMap
from presslens.model.span import Span
from presslens.settings import Settings

_BODY_OPEN = re.compile(r"<body[\s>]", re.I)
_ENTITY_OR_TEXT = re.compile(r"&(?:#[xX]?[0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)|[^&]+|&")
# What an HTML tokenizer reads as markup: "<" then a letter, "/", "!" or "?" (else it is text).
_TAG = re.compile(
    r"<!--.*?(?:-->|$)|<script\b.*?(?:</script\s*>|$)|<style\b.*?(?:</style\s*>|$)|</?[A-Za-z][^>]*>?|<[!?][^>]*>?",
    re.S | re.I,
)
_WORD_CHAR = re.compile(r"\w")
_TAG_START = re.compile(r"<[A-Za-z]")
_LINK_OPEN = re.compile(r"<a\b[^>]*>", re.I)
_LINK_CLOSE = re.compile(r"</a\s*>", re.I)


def check_complete(page: str, source: str) -> None:
    """Refuse a page cut short: it ends inside a tag or comment, or its body never closes.

    A browser would render such a page, but it is the sign of a failed
    download, and the article text it holds is incomplete.
    """
    tail = page.rstrip()
    if tail.rfind("<") > tail.rfind(">") or tail.count("<!--") > tail.count("-->"):
        raise InputError(f"{source}: truncated HTML (the page ends inside a tag); download it again")
    low = tail[-4096:].lower()
    if _BODY_OPEN.search(page) and "</body" not in low and "</html" not in low:
        raise InputError(f"{source}: truncated HTML (the page never closes </body>); download it again")


def check_size(page: str, source: str, settings: Settings) -> None:
    """Refuse a page with more tags than ``settings.max_html_tags`` (counted in one linear scan)."""
    tags = sum(1 for _ in _TAG_START.finditer(page))
    if tags > settings.max_html_tags:
        raise TooManyElementsError(
            f"{source}: the page has {tags:,} HTML tags, over the {settings.max_html_tags:,}-tag limit "
            "(raise --max-html-tags)"
        )


def ingest_html(page: str, *, source: str, settings: Settings) -> Document:
    """Extract the main text of an HTML page and build its Document."""
    import trafilatura

    check_complete(page, source)
    check_size(page, source, settings)

    from trafilatura.settings import set_date_params

    cleaned, removed = strip_widgets(page)  # consent, newsletter, poll and comment blocks
    # No "extensive" date search: it runs dateparser's language detection over free text
    # (7 s on one Cyrillic page); metadata, <time> and URL dates are still read, and the
    # timex layer infers a date from the text itself.
    result = trafilatura.bare_extraction(
        cleaned, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True,
        date_extraction_params=set_date_params(extensive=False),
    )
    text = (getattr(result, "text", None) or "") if result is not None else ""
    if not text.strip():
        raise NoArticleError(f"{source}: no article text found in the HTML (truncated or not an article page)")
    if not has_article_text(text, page):
        raise NoArticleError(f"{source}: no article text found in the HTML (only navigation, menus or links)")
    title = getattr(result, "title", None)
    date = getattr(result, "date", None)
    url = getattr(result, "url", None)
    base = _align_to_page(page, text)
    doc = build_document(
        text,
        source=source,
        settings=settings,
        title=title,
        published=settings.published or date,
        url=url,
        lines_are_paragraphs=True,
        base_map=base,
        extra_meta={"format": "html", **({"widgets_removed": dict(sorted(removed.items()))} if removed else {})},
    )
    return _mark_approximate(doc)


def has_article_text(text: str, page: str) -> bool:
    """Does the extracted text hold prose, not only menus and links?

    Lines that are the whole text of a link (``<a>``) do not count; of the rest,
    one line must have at least 5 words and all of them together at least 8.
    """
    links = {" ".join(htmllib.unescape(_TAG.sub(" ", inner)).split()) for inner in _link_texts(page)}
    counts = [len(line.split()) for line in text.split("\n") if " ".join(line.split()) not in links]
    return bool(counts) and max(counts) >= 5 and sum(counts) >= 8


def _link_texts(page: str) -> list[str]:
    """The markup inside each ``<a>…</a>`` (linear: opening and closing tags are paired by position)."""
    closes = [m.start() for m in _LINK_CLOSE.finditer(page)]
    out = []
    for m in _LINK_OPEN.finditer(page):
        k = bisect_left(closes, m.end())
        if k < len(closes) and closes[k] - m.end() <= 2000:
            out.append(page[m.end() : closes[k]])
    return out


def _mark_approximate(doc: Document) -> Document:
    """Record in ``meta`` the text ranges whose source regions are approximate, if any.

    ``meta["offsets"]`` becomes "approximate" and ``meta["approximate_ranges"]``
    lists ``[start, end]`` runs of words whose region is not exact; a span across
    a block the extractor moved is also inexact (``Document.source_is_exact``).
    """
    if doc.offsets.is_exact_everywhere:
        return doc
    ranges: list[list[int]] = []
    for m in re.finditer(r"\S+", doc.text):
        if doc.source_is_exact(Span(m.start(), m.end())):
            continue
        if ranges and not doc.text[ranges[-1][1] : m.start()].strip():
            ranges[-1][1] = m.end()
        else:
            ranges.append([m.start(), m.end()])
    meta = {**doc.meta, "offsets": "approximate", "approximate_ranges": ranges}
    return dataclasses.replace(doc, meta=meta)


def visible_text(page: str) -> tuple[str, list[tuple[int, int]]]:
    """Tag-stripped, entity-decoded page text and, per character, its ``page`` region.

    A literal character's region is itself; a character decoded from an
    entity owns the whole entity; a tag (or comment, script, style) becomes
    one space that owns the tag.
    """
    chars: list[str] = []
    where: list[tuple[int, int]] = []
    pos = 0
    for m in _TAG.finditer(page):
        _decode_run(page, pos, m.start(), chars, where)
        chars.append(" ")
        where.append((m.start(), m.end()))
        pos = m.end()
    _decode_run(page, pos, len(page), chars, where)
    return "".join(chars), where


def _decode_run(page: str, start: int, end: int, chars: list[str], where: list[tuple[int, int]]) -> None:
    """Append the decoded characters of ``page[start:end]`` and their page regions."""
    for m in _ENTITY_OR_TEXT.finditer(page, start, end):
        piece = m.group()
        decoded = htmllib.unescape(piece) if piece.startswith("&") else piece
        if decoded == piece:
            chars.extend(piece)
            where.extend((i, i + 1) for i in range(m.start(), m.end()))
        else:
            chars.extend(decoded)
            where.extend([(m.start(), m.end())] * len(decoded))


def _align_to_page(page: str, text: str) -> OffsetMap:
    """Map extracted ``text`` to ``page`` offsets character by character.

    Each extracted line is located (whitespace-insensitively) in the page's
    visible text: first in page order after the previous line, else anywhere
    (trafilatura moved the block: still exact, but a span across the move is
    not), else word by word.  Located characters map to their own page regions;
    the rest become segments between their neighbours, exact only when they
    hold no word characters (line separators, spaces).
    """
    visible, where = visible_text(page)
    squashed, sq_index = _squash_spaces(visible)
    locs: list[tuple[int, int] | None] = []
    cursor = 0
    for n, line in enumerate(text.split("\n")):
        if n:
            locs.append(None)  # the "\n" between lines
        key_of, key = _squash_line(line)
        at = squashed.find(key, cursor) if key else -1
        if at < 0 and key:
            at = squashed.find(key)
        if at >= 0:
            cursor = max(cursor, at + len(key))
            found: list[int | None] = [at + k for k in range(len(key))]
        else:
            found, cursor = _locate_words(squashed, line, key_of, cursor)
        for k in key_of:
            at_k = None if k is None else found[k]
            locs.append(None if at_k is None else where[sq_index[at_k]])
    return OffsetMap.from_segments(_segments(page, text, locs), len(page))


def _locate_words(
    squashed: str, line: str, key_of: list[int | None], cursor: int
) -> tuple[list[int | None], int]:
    """Per key character of ``line``, its index in ``squashed`` when its word is found in order."""
    found: list[int | None] = [None] * sum(1 for k in key_of if k is not None)
    for m in re.finditer(r"\S+", line):
        at = squashed.find(m.group(), cursor)
        if at < 0:
            continue
        for offset in range(len(m.group())):
            k = key_of[m.start() + offset]
            if k is not None:
                found[k] = at + offset
        cursor = at + len(m.group())
    return found, cursor


def _segments(page: str, text: str, locs: list[tuple[int, int] | None]) -> list[tuple[int, int, int, int, bool]]:
    """Segment rows ``(new_start, new_end, old_start, old_end, exact)`` tiling ``text``."""
    rows: list[tuple[int, int, int, int, bool]] = []
    i, n, prev_end = 0, len(text), 0
    next_starts = _next_starts(locs, len(page))
    while i < n:
        loc = locs[i]
        if loc is None:
            j = i
            while j < n and locs[j] is None:
                j += 1
            nxt = next_starts[j]
            gap_end = nxt if nxt >= prev_end else prev_end
            rows.append((i, j, prev_end, gap_end, _WORD_CHAR.search(text, i, j) is None))
            prev_end, i = gap_end, j
            continue
        if loc[0] > prev_end:  # markup or spaces skipped between located characters
            rows.append((i, i, prev_end, loc[0], True))
        j = i + 1
        if loc[1] == loc[0] + 1 and page[loc[0]] == text[i]:  # a literal run
            while j < n and locs[j] == (loc[0] + j - i, loc[0] + j - i + 1) and page[loc[0] + j - i] == text[j]:
                j += 1
            rows.append((i, j, loc[0], loc[0] + j - i, True))
        else:  # an entity (one or more characters) or a tag read as a space
            while j < n and locs[j] == loc:
                j += 1
            rows.append((i, j, loc[0], loc[1], True))
        prev_end, i = rows[-1][3], j
    if prev_end < len(page) or not rows:
        rows.append((n, n, prev_end, len(page), True))
    return _merge_runs(rows)


def _merge_runs(rows: list[tuple[int, int, int, int, bool]]) -> list[tuple[int, int, int, int, bool]]:
    """Join neighbouring one-for-one exact rows (a word, its space, the next word) into one run.

    Position by position the mapping is unchanged; the map just holds far fewer segments.
    """
    out: list[tuple[int, int, int, int, bool]] = []
    for row in rows:
        if out:
            a, b, c, d, exact = out[-1]
            if (exact and row[4] and b == row[0] and d == row[2]
                    and b - a == d - c and row[1] - row[0] == row[3] - row[2]):
                out[-1] = (a, row[1], c, row[3], True)
                continue
        out.append(row)
    return out


def _next_starts(locs: list[tuple[int, int] | None], default: int) -> list[int]:
    """Per index, the page start of the next located character at or after it (``default`` if none)."""
    out = [default] * (len(locs) + 1)
    for k in range(len(locs) - 1, -1, -1):
        loc = locs[k]
        out[k] = loc[0] if loc is not None else out[k + 1]
    return out


def _squash_line(line: str) -> tuple[list[int | None], str]:
    """``line`` without whitespace and, per line character, its index in that key (None: a space)."""
    key_of: list[int | None] = []
    kept = 0
    for ch in line:
        if ch.isspace():
            key_of.append(None)
        else:
            key_of.append(kept)
            kept += 1
    return key_of, "".join(ch for ch in line if not ch.isspace())


def _squash_spaces(visible: str) -> tuple[str, list[int]]:
    """Visible text without whitespace, and the visible index of each kept character.

    Matching ignores whitespace entirely: extractors add or drop spaces around
    inline markup ("<b>Quintel</b> ," → "Quintel,").
    """
    idx = [i for i, ch in enumerate(visible) if not ch.isspace()]
    return "".join(visible[i] for i in idx), idx
