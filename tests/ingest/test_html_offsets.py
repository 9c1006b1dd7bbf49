"""HTML: navigation-only pages are refused; offsets are exact or marked approximate, never wrong."""

from __future__ import annotations

import html
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presslens.errors import NoArticleError, PresslensError
from presslens.ingest import ingest_bytes
from presslens.ingest.build import build_document
from presslens.ingest.html import _align_to_page, _mark_approximate, has_article_text
from presslens.model.span import Span
from presslens.settings import Settings

NAV = "".join(f'<li><a href="/{w}">{w.title()}</a></li>' for w in ["home", "world", "sport", "weather", "log in"])
PARAS = [
    "The ferry service to Brisk resumed on Monday after a two-week halt, the operator said.",
    "Dockers had walked out over pay &amp; conditions; the strike cost the port &pound;85 million.",
    "&#8220;We will not accept another delay,&#8221; said Mara <b>Quintel</b>, who leads the union.",
]


def _page(body: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>Courier</title></head><body><header><nav><ul>{NAV}</ul></nav>"
            f"</header><main>{body}</main><footer><a href='/privacy'>Privacy</a></footer></body></html>")


def _words_hold(page: str, doc) -> int:
    """Assert every exact word's region holds the word; return how many words were exact."""
    exact = 0
    for m in re.finditer(r"\w+", doc.text):
        span = Span(m.start(), m.end())
        src = doc.to_source(span)
        region = html.unescape(re.sub(r"<[^>]*>", "", page[src.start : src.end]))
        if doc.source_is_exact(span):  # compare word characters: normalisation drops controls
            exact += 1
            assert re.sub(r"\W", "", m.group()) in re.sub(r"\W", "", region), (m.group(), region)
        else:
            assert src.start <= src.end
    return exact


def test_a_navigation_only_page_is_refused():
    with pytest.raises(NoArticleError, match="no article text found"):
        ingest_bytes(_page("").encode(), source="nav.html")
    links = "".join(f'<p><a href="/{i}">Ferry collides with barge near Brisk harbour {i}</a></p>' for i in range(5))
    with pytest.raises(NoArticleError):
        ingest_bytes(_page(links).encode(), source="links.html")


def test_a_short_article_page_is_read():
    doc = ingest_bytes(_page(f"<article><p>{PARAS[0]}</p></article>").encode(), source="brief.html")
    assert "The ferry service to Brisk resumed on Monday" in doc.text
    assert "offsets" not in doc.meta


def test_has_article_text_rules():
    page = _page('<a href="/x">Ferry collides with barge near Brisk</a>')
    assert not has_article_text("Home\nWorld\nFerry collides with barge near Brisk", page)
    assert has_article_text("Home\nThe ferry service to Brisk resumed on Monday.", page)
    assert not has_article_text("Ferry resumed", page)


def test_in_order_pages_map_exactly():
    page = _page("<article>" + "".join(f"<p>{p}</p>\n" for p in PARAS) + "</article>")
    doc = ingest_bytes(page.encode(), source="a.html")
    assert doc.offsets.is_exact_everywhere and "offsets" not in doc.meta
    assert _words_hold(page, doc) == len(re.findall(r"\w+", doc.text))
    for para in doc.paragraphs:
        assert doc.source_is_exact(para.span)


def _decoded(p: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", p))


def test_a_moved_block_is_exact_inside_and_approximate_across():
    page = _page("<article>" + "".join(f"<p>{p}</p>\n" for p in PARAS) + "</article>")
    lines = [_decoded(PARAS[2]), _decoded(PARAS[0]), _decoded(PARAS[1])]
    text = "\n".join(lines)
    omap = _align_to_page(page, text)
    assert not omap.is_exact_everywhere
    doc = build_document(text, source="m.html", settings=Settings(), lines_are_paragraphs=True, base_map=omap)
    assert _words_hold(page, doc) == len(re.findall(r"\w+", doc.text))  # every word still exact
    first, second = doc.paragraphs[0].span, doc.paragraphs[1].span
    assert doc.source_is_exact(first) and doc.source_is_exact(second)
    across = Span(first.start, second.end)
    assert not doc.source_is_exact(across)
    region = doc.to_source(across)  # the hull: covers both moved blocks
    assert "Mara" in page[region.start : region.end] and "ferry service" in page[region.start : region.end]


def test_text_not_found_in_the_page_is_marked_approximate():
    page = _page("<article>" + "".join(f"<p>{p}</p>\n" for p in PARAS[:2]) + "</article>")
    text = "\n".join([_decoded(PARAS[0]), "Entirely fabricated sentence appears here", _decoded(PARAS[1])])
    doc = build_document(text, source="u.html", settings=Settings(), lines_are_paragraphs=True,
                         base_map=_align_to_page(page, text))
    doc = _mark_approximate(doc)
    assert doc.meta["offsets"] == "approximate"
    ranges = doc.meta["approximate_ranges"]
    assert [doc.text[a:b] for a, b in ranges] == ["Entirely fabricated sentence appears here"]
    _words_hold(page, doc)


WORD = st.sampled_from(["port", "ferry", "Brisk", "said", "caf&eacute;", "&pound;85", "M&amp;S", "<b>union</b>",
                        "<em>strike</em>", "on", "Monday", "&#8220;No&#8221;", "the", "<a href='/x'>council</a>"])
PARA = st.lists(WORD, min_size=6, max_size=20).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PARA, min_size=1, max_size=5), st.randoms(use_true_random=False))
def test_property_every_exact_word_maps_to_markup_holding_it(paras, rnd):
    page = _page("<article>" + "".join(f"<p>{p}</p>\n" for p in paras) + "</article>")
    try:
        doc = ingest_bytes(page.encode(), source="p.html")
    except PresslensError:
        return
    _words_hold(page, doc)
    lines = [_decoded(p) for p in paras]
    rnd.shuffle(lines)  # as if the extractor had reordered the blocks
    text = "\n".join(" ".join(line.split()) for line in lines)
    moved = build_document(text, source="p.html", settings=Settings(), lines_are_paragraphs=True,
                           base_map=_align_to_page(page, text))
    _words_hold(page, moved)


def test_fuzzed_pages_never_map_an_exact_word_wrongly():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
    from fuzz_hostile import article_html, mutate_text

    rng = random.Random(909)
    checked = 0
    for _ in range(60):
        page = mutate_text(article_html(rng), rng)
        try:
            doc = ingest_bytes(page.encode("utf-8", "surrogatepass"), source="f.html")
        except PresslensError:
            continue
        source = page.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        checked += _words_hold(source, doc)
    assert checked > 1000


def test_pages_with_too_many_tags_are_refused_before_extraction():
    from presslens.errors import TooManyElementsError

    page = _page("<p>" * 300_000 + f"<article><p>{PARAS[0]}</p></article>")
    with pytest.raises(TooManyElementsError, match="over the 200,000-tag limit"):
        ingest_bytes(page.encode(), source="tags.html")
    small = _page("<br>" * 50 + f"<article><p>{PARAS[0]}</p></article>")
    with pytest.raises(TooManyElementsError):
        ingest_bytes(small.encode(), source="tags.html", settings=Settings(max_html_tags=40))
    assert ingest_bytes(small.encode(), source="tags.html").text
