"""The HTML report renders every layer of a hand-built analysis, and empty layers say so."""

from __future__ import annotations

import html
import json
import re

import pytest
from test_html_sample import SAMPLE_TEXT, sample_analysis

from presslens.model.analysis import Analysis
from presslens.model.document import Document
from presslens.model.span import Span
from presslens.present.html import render_html
from presslens.present.html.charts import date_position, timeline_chart
from presslens.present.html.segments import Ann, segment_document


@pytest.fixture(scope="module")
def page() -> str:
    """The report of the sample analysis."""
    return render_html(sample_analysis())


def _article(page: str) -> str:
    """The <article> element's markup."""
    return page.split('<article id="article"', 1)[1].split("</article>", 1)[0]


def _visible_text(markup: str) -> str:
    """Text of a markup fragment without tags, unescaped."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_article_text_survives_segmentation(page: str) -> None:
    """Concatenating the article's segments gives back every paragraph of document.text."""
    text = _visible_text(_article(page))
    for para in sample_analysis().document.paragraphs:
        assert SAMPLE_TEXT[para.span.start:para.span.end] in text


def test_every_layer_is_highlighted(page: str) -> None:
    """Each layer's CSS class appears on at least one segment of the article."""
    art = _article(page)
    for cls in ("et-PERSON", "et-GPE", "et-ORG", " tx", " qt", " qu", "qs-0", "qs-1", " cl", "cw-4", " tq", "tq-quoted"):
        assert re.search(rf'class="s [^"]*{cls.strip()}', art), cls


def test_each_annotation_has_one_anchor(page: str) -> None:
    """Anchor ids are unique and every panel link points at an existing id."""
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets and targets <= set(ids), targets - set(ids)


def test_panels_show_the_findings(page: str) -> None:
    """Entity cards, map pins, timeline, claims with reasons, quotes by speaker, counts."""
    assert 'id="ent-E1"' in page and "council leader" in page and "Mr Bremmer" in page
    assert page.count('class="pin"') == 2
    assert 'class="chart tl"' in page and "2023-06" in page and "p-month" in page
    assert page.count('<tr data-pos=') == 5 and "contains a number" in page
    quotes = page.split('id="panel-quotes"', 1)[1].split("</details>", 1)[0]
    assert quotes.index("Oskar Bremer") < quotes.index("Hanna Sel") < quotes.index("unknown speaker")
    assert "Loaded Language" in page and 'class="chart ld"' in page
    assert "is also spelt" in page and "No " not in _visible_text(page.split('<aside', 1)[1])


def test_header_shows_inferred_date_with_evidence(page: str) -> None:
    """Title, source, inferred badge with its evidence link, version and schema."""
    head = page.split("<header", 1)[1].split("</header>", 1)[0]
    assert "Ferry Fares Frozen" in head and "examples/invented-ferry.txt" in head
    assert "inferred" in head and "“4 May 2023”" in head and "presslens.analysis/1" in head
    assert "reporting (0.77)" in head


def test_data_island_maps_entities_to_mentions(page: str) -> None:
    """The script's data lists all three mentions of Bremer with their labels."""
    island = page.split('id="pl-data">', 1)[1].split("</script>", 1)[0]
    data = json.loads(island)
    assert len(data["ent"]["E1"]) == 3
    assert data["ann"][data["ent"]["E1"][0]][:1] == ["ent"]


def test_empty_layers_say_so() -> None:
    """A document with no layer filled still renders, every panel saying 'No … found'."""
    page = render_html(Analysis(Document(text="Just one line of text.\n\nAnd another.")))
    for what in ("entities", "geocoded places", "timeline items", "events", "claims", "quotes",
                 "quantities", "persuasion techniques", "loadedness profile", "inconsistencies"):
        assert f"No {what} found." in page, what
    assert "Just one line of text." in page and "(untitled article)" in page


def test_segments_split_crossing_spans() -> None:
    """Crossing spans cut the text into pieces carrying both ids; text is preserved."""
    doc = Document(text="alpha beta gamma delta")
    anns = [Ann("a", "ent", 0, 10, ("ent",)), Ann("b", "claim", 6, 16, ("cl",)), Ann("c", "tech", 6, 10, ("tq",))]
    (block,) = segment_document(doc, anns)
    assert "".join(s.text for s in block.segments) == doc.text
    assert [(s.text, s.ids) for s in block.segments] == [
        ("alpha ", "a"), ("beta", "a b c"), (" gamma", "b"), (" delta", "")]
    assert [s.starts for s in block.segments] == [["a"], ["b", "c"], [], []]


def test_span_crossing_paragraphs_is_anchored_once() -> None:
    """A span across a paragraph break is drawn in both, anchored in the first."""
    from presslens.model.document import Paragraph

    doc = Document(text="one two\n\nthree four", paragraphs=(Paragraph(Span(0, 7)), Paragraph(Span(9, 19))))
    blocks = segment_document(doc, [Ann("x", "quote", 4, 14, ("qu",))])
    starts = [sid for b in blocks for s in b.segments for sid in s.starts]
    covered = [s.text for b in blocks for s in b.segments if s.ids == "x"]
    assert starts == ["x"] and covered == ["two", "three"]


def test_timeline_precision_sets_bar_width() -> None:
    """A year is wider than a month; a day is a point; unparseable dates are left out."""
    day = date_position("2023-05-04")
    assert day is not None and day[0] == day[1]
    assert date_position("PAST_REF") is None
    chart = timeline_chart([{"date": d} for d in ("2021", "2023-06", "2023-05-04", "FUTURE_REF")])
    assert chart is not None
    widths = [r["w"] for r in chart["rows"]]
    assert len(widths) == 3 and widths[0] > widths[1] > widths[2] == 0


def test_end_to_end_through_analyze() -> None:
    """The real pipeline's analysis of an invented article renders as one page."""
    import presslens
    from presslens.errors import PresslensError

    try:
        analysis = presslens.analyze(SAMPLE_TEXT, source="ferry.txt")
    except PresslensError as exc:  # another layer mid-refactor must not hide this presenter
        pytest.skip(f"pipeline unavailable: {exc}")
    page = render_html(analysis)
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert "Bremer" in _visible_text(_article(page))
    for ent in analysis.entities:
        assert html.escape(ent.name, quote=True) in page or ent.name in page


def test_uncertain_events_are_marked_in_the_report() -> None:
    """The events panel shows each confidence; an uncertain event gets the badge and a note."""
    from dataclasses import replace

    a = sample_analysis()
    events = (replace(a.events[0], confidence=0.93), replace(a.events[1], confidence=0.41, uncertain=True),
              *a.events[2:])
    page = render_html(replace(a, events=events))
    assert '<tr class="uncertain">' in page and "0.41" in page and "0.93" in page
    assert ">uncertain</span>" in page and "--timeline-uncertain" in page
    assert '<tr class="uncertain">' not in render_html(a) and "--timeline-uncertain" not in render_html(a)
