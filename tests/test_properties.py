"""Property tests: the offset map round trip and the JSON round trip."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presslens.model.analysis import Analysis
from presslens.model.document import Document, Paragraph, Published
from presslens.model.offsets import Edit, OffsetMap, apply_edits
from presslens.model.records import Entity, Geo, Quantity
from presslens.model.span import Span

TEXT = st.text(alphabet=st.sampled_from("ab c\n-.\u00e9\u201c"), min_size=0, max_size=60)


@st.composite
def edited(draw, text_strategy=TEXT):
    """A text and a random list of non-overlapping edits of it."""
    text = draw(text_strategy)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        edits.append(Edit(start, end, draw(st.text(alphabet="xyz \n", max_size=4))))
    return text, draw(st.permutations(edits))


def copied_regions(text, edits):
    """(old_start, new_start, length) of every stretch of ``text`` no edit touches."""
    regions, old, new = [], 0, 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start > old:
            regions.append((old, new, e.start - old))
            new += e.start - old
        new += len(e.replacement)
        old = e.end
    if old < len(text):
        regions.append((old, new, len(text) - old))
    return regions


@given(edited(), st.data())
def test_copied_spans_map_back_to_the_same_text(case, data):
    text, edits = case
    new_text, omap = apply_edits(text, edits)
    for old, new, length in copied_regions(text, edits):
        a = data.draw(st.integers(0, length))
        b = data.draw(st.integers(a, length))
        src = omap.to_source(Span(new + a, new + b))
        assert text[src.start : src.end] == new_text[new + a : new + b]
        if a < b:  # an empty span at a deletion boundary may sit on either side of it
            assert (src.start, src.end) == (old + a, old + b)


@given(edited())
def test_any_span_maps_inside_the_source_in_order(case):
    text, edits = case
    new_text, omap = apply_edits(text, edits)
    previous = 0
    for pos in range(len(new_text) + 1):
        src = omap.to_source(Span(pos, pos))
        assert 0 <= src.start <= src.end <= len(text)
        assert src.start >= previous  # monotone
        previous = src.start
    whole = omap.to_source(Span(0, len(new_text)))
    if new_text and text:
        assert whole.start <= whole.end <= len(text)


@given(edited(), st.data())
def test_composed_maps(case, data):
    text, edits = case
    mid, first = apply_edits(text, edits)
    second_edits = data.draw(edited(st.just(mid)))[1]
    final, second = apply_edits(mid, second_edits)
    both = first.then(second)
    assert isinstance(both, OffsetMap)
    for old2, new2, length2 in copied_regions(mid, second_edits):
        for _old1, new1, length1 in copied_regions(text, edits):
            lo, hi = max(old2, new1), min(old2 + length2, new1 + length1)
            if lo < hi:  # copied through both stages
                span = Span(new2 + (lo - old2), new2 + (hi - old2))
                src = both.to_source(span)
                assert text[src.start : src.end] == final[span.start : span.end]


def test_identity_and_empty():
    omap = OffsetMap.identity(10)
    assert omap.to_source(Span(2, 5)) == Span(2, 5)
    new, omap = apply_edits("", [])
    assert new == "" and omap.to_source(Span(0, 0)) == Span(0, 0)


# ---- JSON round trip -------------------------------------------------------------------

WORDS = st.text(alphabet=st.sampled_from("abcdefgh \u00e9\u201c\u2019\n"), min_size=1, max_size=80)
FINITE = st.floats(allow_nan=False, allow_infinity=False, width=32)


def spans_in(n: int):
    return st.tuples(st.integers(0, n), st.integers(0, n)).map(lambda p: Span(min(p), max(p)))


@st.composite
def analyses(draw):
    text = draw(WORDS)
    n = len(text)
    sentences = tuple(sorted(draw(st.lists(spans_in(n), max_size=4))))
    paragraphs = tuple(Paragraph(s, draw(st.sampled_from(["heading", "paragraph"])))
                       for s in sorted(draw(st.lists(spans_in(n), min_size=1, max_size=3))))
    published = Published(value=draw(st.sampled_from([None, "2024-03-14", "2020-04"])),
                          inferred=draw(st.booleans()), evidence=tuple(draw(st.lists(spans_in(n), max_size=2))))
    doc = Document(text=text, source=draw(st.text(max_size=10)), title=draw(st.none() | st.text(max_size=10)),
                   paragraphs=paragraphs, sentences=sentences, published=published)
    entities = tuple(
        Entity(id=f"E{i}", name=draw(st.text(min_size=1, max_size=8)), type=draw(st.sampled_from(["PERSON", "GPE"])),
               aliases=tuple(draw(st.lists(st.text(max_size=5), max_size=2))),
               titles=tuple(draw(st.lists(st.text(max_size=5), max_size=2))),
               mentions=tuple(draw(st.lists(spans_in(n), max_size=3))),
               geo=draw(st.none() | st.builds(Geo, FINITE, FINITE, st.none() | st.just("FRA"))))
        for i in range(draw(st.integers(0, 3)))
    )
    quantities = tuple(
        Quantity(id=f"Q{i}", span=draw(spans_in(n)), value=draw(FINITE), unit=draw(st.none() | st.just("USD")),
                 approximate=draw(st.booleans()), qualifier=draw(st.none() | st.just("nearly")))
        for i in range(draw(st.integers(0, 3)))
    )
    return Analysis(document=doc, entities=entities, quantities=quantities)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(analyses())
def test_analysis_json_round_trip(analysis):
    data = json.loads(json.dumps(analysis.to_dict()))
    again = Analysis.from_dict(data)
    assert again.to_dict() == analysis.to_dict()
    assert again.entities == analysis.entities
    assert again.quantities == analysis.quantities
    assert again.document.sentences == analysis.document.sentences
    text = data["document"]["text"]
    for q in data["quantities"]:
        assert q["text"] == text[q["start"] : q["end"]]
