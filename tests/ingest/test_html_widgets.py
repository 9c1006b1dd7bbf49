"""Consent notices, newsletter boxes, polls and comment widgets stay out of the article text.

Two invented pages: one whose widgets carry telling class names (trafilatura already drops
them) and one whose widgets sit in neutral ``div`` boxes inside the article column (the
wording decides).  The article's own paragraphs must all survive, and offsets still map
back to the page exactly.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from presslens.ingest import ingest_path
from presslens.ingest.boilerplate import strip_widgets, widget_kind
from presslens.model.span import Span

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "html"

WIDGET_WORDS = ("cookies", "newsletter", "inbox", "Vote", "votes", "poll", "POLL", "comment", "Posted by",
                "islandgirl72", "harbourmum", "privacy", "Subscribe", "unsubscribe")
ARTICLE_WORDS = {
    "boilerplate.html": ("Ferry fares between Valdora", "96 crowns", "said Lenka Varo", "410,000 crossings"),
    "boilerplate_plain.html": ("The only secondary school", "free season tickets", "said the head teacher",
                               "It now has 171."),
}


@pytest.mark.parametrize("name", sorted(ARTICLE_WORDS))
def test_widgets_out_article_in(name):
    """No widget wording reaches document.text; every article paragraph does."""
    doc = ingest_path(PAGES / name)
    for junk in WIDGET_WORDS:
        assert junk not in doc.text, junk
    for words in ARTICLE_WORDS[name]:
        assert words in doc.text, words


@pytest.mark.parametrize("name", sorted(ARTICLE_WORDS))
def test_offsets_still_point_into_the_page(name):
    """Each sentence-sized piece of the text maps back to the same words in the page source."""
    page = (PAGES / name).read_text("utf-8")
    doc = ingest_path(PAGES / name)
    for m in re.finditer(r"[A-Z][^.\n]{20,}", doc.text):
        source = doc.to_source(Span(m.start(), m.end()))
        assert " ".join(re.sub(r"<[^>]*>", " ", page[source.start : source.end]).split()) == " ".join(m.group().split())


def test_removed_widgets_are_counted():
    """The document says what kind of page furniture was taken out."""
    doc = ingest_path(PAGES / "boilerplate_plain.html")
    assert doc.meta["widgets_removed"] == {"comments": 1, "cookie": 1, "newsletter": 1, "poll": 1}


@pytest.mark.parametrize(("text", "kind"), [
    ("This site uses cookies to give you the best experience.", "cookie"),
    ("Sign up for our free morning newsletter.", "newsletter"),
    ("Quick poll: should the bridge be tolled?", "poll"),
    ("Comments are closed for this article.", "comments"),
    ("The harbour board met on Thursday.", None),
])
def test_widget_wording(text, kind):
    """Widget wording is recognised by kind; ordinary news prose is not."""
    assert widget_kind(text) == kind


def test_long_article_paragraph_about_cookies_is_kept():
    """Reporting about cookie banners is article text: a long paragraph is never a widget."""
    prose = ("The regulator said on Monday that sites telling readers 'we use cookies' without a "
             "real choice break the law, and that it had written to forty publishers, including "
             "three national newspapers, asking them to change their banners within a month or "
             "face fines of up to four per cent of their turnover, the largest penalty it can set.")
    page = f"<html><body><article><h1>Banner rules</h1><p>{prose}</p><p>{prose}</p></article></body></html>"
    cleaned, removed = strip_widgets(page)
    assert not removed and cleaned == page


def test_deep_and_wide_pages_are_handled_in_one_pass():
    """Deeply nested blocks (to the parser's depth limit) and thousands of siblings: one linear pass."""
    inner = "<p>Sign up for our free newsletter.</p>"
    story = "<article><p>" + "The ferry ran late again on Monday morning. " * 40 + "</p></article>"
    deep = "<html><body>" + "<div>" * 250 + inner + "</div>" * 250 + story + "</body></html>"
    cleaned, removed = strip_widgets(deep)
    assert removed["newsletter"] == 1 and "newsletter" not in cleaned
    wide = "<html><body>" + "<div><span>menu item</span></div>" * 5000 + inner + story + "</body></html>"
    cleaned, removed = strip_widgets(wide)
    assert removed["newsletter"] == 1 and "The ferry ran late" in cleaned
