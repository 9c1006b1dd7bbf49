"""HTML pages → Document: trafilatura main text, title, date and URL.

Each extracted line is a paragraph.  The offset map points into the page's
visible text: every paragraph is located in the tag-stripped, entity-decoded
page text (whose positions map back to the HTML bytes), so ``to_source`` gives
offsets into the HTML source; paragraphs that cannot be located map to the
nearest located neighbour.
"""

from __future__ import annotations

import html as htmllib
import re

from presslens.errors import InputError
from presslens.ingest.build import build_document
from presslens.model.document import Document
from presslens.model.offsets import Edit, OffsetMap, apply_edits
from presslens.settings import Settings

_BODY_OPEN = re.compile(r"<body[\s>]", re.I)
_TAG = re.compile(r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<[^>]*>", re.S | re.I)


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


def ingest_html(page: str, *, source: str, settings: Settings) -> Document:
    """Extract the main text of an HTML page and build its Document."""
    import trafilatura

    check_complete(page, source)

    result = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
    )
    text = (getattr(result, "text", None) or "") if result is not None else ""
    if not text.strip():
        raise InputError(f"{source}: no article text found in the HTML (truncated or not an article page)")
    title = getattr(result, "title", None)
    date = getattr(result, "date", None)
    url = getattr(result, "url", None)
    base = _align_to_page(page, text)
    return build_document(
        text,
        source=source,
        settings=settings,
        title=title,
        published=settings.published or date,
        url=url,
        lines_are_paragraphs=True,
        base_map=base,
        extra_meta={"format": "html"},
    )


def visible_text(page: str) -> tuple[str, list[int]]:
    """Tag-stripped, entity-decoded page text and, per character, its offset in ``page``."""
    chars: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _TAG.finditer(page):
        _decode_run(page, pos, m.start(), chars, index)
        chars.append(" ")
        index.append(m.start())
        pos = m.end()
    _decode_run(page, pos, len(page), chars, index)
    return "".join(chars), index


def _decode_run(page: str, start: int, end: int, chars: list[str], index: list[int]) -> None:
    for m in re.finditer(r"&#?\w+;|[^&]+|&", page[start:end]):
        piece = m.group()
        decoded = htmllib.unescape(piece) if piece.startswith("&") else piece
        if decoded == piece:
            chars.extend(piece)
            index.extend(range(start + m.start(), start + m.end()))
        else:
            chars.extend(decoded)
            index.extend([start + m.start()] * len(decoded))


def _align_to_page(page: str, text: str) -> OffsetMap:
    """Map extracted ``text`` to ``page`` offsets by locating each line in the visible text."""
    visible, index = visible_text(page)
    squashed, sq_index = _squash_spaces(visible)
    return _line_map(page, text, squashed, sq_index, index)


def _squash_spaces(visible: str) -> tuple[str, list[int]]:
    out: list[str] = []
    idx: list[int] = []
    prev_space = True
    for i, ch in enumerate(visible):
        if ch.isspace():
            if not prev_space:
                out.append(" ")
                idx.append(i)
            prev_space = True
        else:
            out.append(ch)
            idx.append(i)
            prev_space = False
    return "".join(out), idx


def _line_map(page: str, text: str, squashed: str, sq_index: list[int], index: list[int]) -> OffsetMap:
    """Build a map whose 'source' is ``page``: each extracted line replaces its page region."""
    edits: list[Edit] = []
    cursor = 0
    src_pos = 0
    lines = text.split("\n")
    regions: list[tuple[int, int]] = []
    for line in lines:
        key = " ".join(line.split())
        at = squashed.find(key, cursor) if key else -1
        if at < 0:
            regions.append((src_pos, src_pos))
            continue
        start = index[sq_index[at]]
        end = index[sq_index[at + len(key) - 1]] + 1
        if start < src_pos:
            regions.append((src_pos, src_pos))
            continue
        regions.append((start, end))
        cursor = at + len(key)
        src_pos = end
    # The page is turned into ``text`` by: deleting what lies between regions,
    # and replacing each region by its extracted line (+ "\n" separators).
    prev = 0
    for i, (start, end) in enumerate(regions):
        sep = "\n" if i else ""
        edits.append(Edit(prev, start, sep))
        edits.append(Edit(start, end, lines[i]))
        prev = end
    edits.append(Edit(prev, len(page), ""))
    merged = _merge_touching(edits)
    new_text, omap = apply_edits(page, merged)
    if new_text != text:  # alignment failed: fall back to a single block map
        _, omap = apply_edits(page, [Edit(0, len(page), text)])
    return omap


def _merge_touching(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for e in edits:
        if out and out[-1].end == e.start and e.start == e.end:
            last = out[-1]
            out[-1] = Edit(last.start, last.end, last.replacement + e.replacement)
        elif out and out[-1].start == out[-1].end == e.start:
            last = out[-1]
            out[-1] = Edit(last.start, e.end, last.replacement + e.replacement)
        else:
            out.append(e)
    return out
