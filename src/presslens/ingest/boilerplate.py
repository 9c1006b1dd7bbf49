"""Page furniture out of the article: consent notices, newsletter boxes, polls, comment widgets.

trafilatura drops such blocks when the page names them (``class="cookie-banner"``,
``id="comments"``); on pages whose blocks carry neutral names (``class="box-b"``) it keeps them
as article text, whichever of its precision/recall options is set.  This pass runs before it:
an HTML block whose words are a widget's wording (``resources/ingest/boilerplate.tsv``: "we
use cookies", "sign up to our newsletter", "vote now", "leave a comment" …) and that is small
beside the page (at most 1,200 characters and 40% of the page's text) is removed from the
tree; a paragraph or list item with such wording is removed when at most 300 characters.
The outermost such block goes, so a comment thread goes with its "Have your say" heading.
The article element itself (``<article>``, ``<main>``, ``<body>``) is never a candidate.

Hand-written because no maintained library classifies these widgets by their wording; the
tree is lxml's (already installed with trafilatura).  Offsets are unaffected: the extracted
text is aligned to the original page afterwards.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from presslens import resources

_CONTAINERS = frozenset("div section aside form footer header nav dialog ul ol figure details table".split())
_LEAVES = frozenset("p li h2 h3 h4 h5 h6 label dd".split())
_MAX_BLOCK = 1200
_MAX_LEAF = 300
_MAX_SHARE = 0.4


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The widget-wording patterns and their kinds, compiled once."""
    rows = resources.table("ingest/boilerplate.tsv").dicts()
    return tuple((re.compile(r["pattern"], re.IGNORECASE | re.MULTILINE), r["kind"]) for r in rows)


def widget_kind(text: str) -> str | None:
    """The widget kind whose wording ``text`` carries (cookie, newsletter, poll, comments), or None."""
    for pattern, kind in _patterns():
        if pattern.search(text):
            return kind
    return None


def strip_widgets(page: str) -> tuple[str, Counter[str]]:
    """``page`` without its widget blocks (re-serialised), and how many of each kind went.

    The page comes back unchanged (the same string) when nothing is found or it does not parse.
    Linear in the page: text sizes are summed bottom-up once, and only blocks small enough to
    be a widget have their words read.
    """
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(page)
    except (lxml.etree.LxmlError, ValueError):
        return page, Counter()
    sizes = _text_sizes(root)
    found = _widget_blocks(root, sizes, len(_text(root)))
    if not found:
        return page, Counter()
    for element, _ in found:
        parent = element.getparent()
        if parent is not None:
            _drop(element, parent)
    return lxml.html.tostring(root, encoding="unicode"), Counter(kind for _, kind in found)


def _text_sizes(root: Any) -> dict[Any, int]:
    """Characters of text (before spaces are collapsed) under each element, in one pass."""
    sizes: dict[Any, int] = {}
    order = list(root.iter())  # document order: every child comes after its parent
    for element in reversed(order):
        own = len(element.text or "") if isinstance(element.tag, str) else 0
        sizes[element] = own + sum(sizes.get(child, 0) + len(child.tail or "") for child in element)
    return sizes


def _widget_blocks(root: Any, sizes: dict[Any, int], total: int) -> list[tuple[Any, str]]:
    """The outermost widget blocks of the tree, each with its kind (a found block's inside is not searched)."""
    found: list[tuple[Any, str]] = []
    stack = [root]
    while stack:
        element = stack.pop()
        kind = _block_kind(element, sizes, total) if isinstance(element.tag, str) else None
        if kind is not None:
            found.append((element, kind))
        else:
            stack.extend(reversed(list(element)))
    return found


def _block_kind(element: Any, sizes: dict[Any, int], total: int) -> str | None:
    """The widget kind of one element when it is a small block carrying widget wording."""
    tag = element.tag.lower()
    if tag not in _CONTAINERS and tag not in _LEAVES:
        return None
    limit = _MAX_LEAF if tag in _LEAVES else min(_MAX_BLOCK, _MAX_SHARE * total)
    if sizes.get(element, 0) > 4 * limit:  # far too long even before its spaces are collapsed
        return None
    text = _text(element)
    if not text or len(text) > limit:
        return None
    return widget_kind(text)


def _text(element: Any) -> str:
    """The element's visible words, one-spaced."""
    parts = [t for t in element.itertext(with_tail=False) if t and t.strip()]
    return " ".join(" ".join(parts).split())


def _drop(element: Any, parent: Any) -> None:
    """Remove ``element`` but keep its tail text (the words after it belong to the parent)."""
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
