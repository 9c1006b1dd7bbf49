"""Property tests (part of ``make test``): decoding, normalisation and the offset map on hostile input.

The long run over 100,000 generated inputs is ``make fuzz`` (``run_fuzz.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from fuzz_checks import document_violations
from fuzz_hostile import HOSTILE_CHARS, SENTENCES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presslens.errors import PresslensError
from presslens.ingest import ingest_bytes, ingest_text
from presslens.ingest.decode import decode_text
from presslens.model.offsets import OffsetMap
from presslens.model.span import Span
from presslens.settings import Settings

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = st.sampled_from([*SENTENCES, *HOSTILE_CHARS, "\n", "\n\n", "-\n", "  ", "\t", "inter-\nnational", "£85"])
HOSTILE_TEXT = st.lists(PIECES, min_size=1, max_size=25).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"])


@FAST
@given(st.binary(max_size=600))
def test_any_bytes_decode_or_raise_a_presslens_error(data):
    try:
        text = decode_text(data)
    except PresslensError:
        return
    assert isinstance(text, str) and text.strip()


@FAST
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6).map(" ".join), ENCODINGS)
def test_english_prose_round_trips_through_every_encoding(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # e.g. curly quotes in Latin-1
    assert decode_text(data) == text


@FAST
@given(HOSTILE_TEXT, st.booleans())
def test_ingest_text_never_crashes_and_offsets_hold(text, keep_text):
    try:
        doc = ingest_text(text, settings=Settings(keep_text=keep_text))
    except PresslensError:
        return
    doc.text.encode("utf-8")  # no lone surrogate survives
    assert not re.search("[\x00-\x08\x0e-\x1b\x7f]", doc.text) or keep_text
    assert document_violations(doc, text, markup=False) == []
    for para in doc.paragraphs:
        assert doc.text_of(para.span).strip() == doc.text_of(para.span) != "" or keep_text


@FAST
@given(HOSTILE_TEXT, ENCODINGS)
def test_ingest_bytes_never_crashes_and_offsets_hold(text, encoding):
    data = text.encode(encoding, "replace") if "utf-16" in encoding or encoding in ("cp1252", "latin-1") \
        else text.encode("utf-8", "surrogatepass")
    try:
        doc = ingest_bytes(data, source="t.txt")
    except PresslensError:
        return
    assert document_violations(doc, decode_text(data), markup=False) == []


@st.composite
def segment_tables(draw):
    """A source text, blocks of it in shuffled order, and the one-stage map of that text."""
    source = draw(st.text(alphabet="abc de\n", min_size=1, max_size=40))
    cuts = sorted({*draw(st.lists(st.integers(0, len(source)), max_size=6)), 0, len(source)})
    blocks = list(pairwise(cuts))
    order = draw(st.permutations(blocks))
    rows, text, pos = [], "", 0
    for a, b in order:
        rows.append((pos, pos + b - a, a, b, True))
        text += source[a:b]
        pos += b - a
    return source, text, OffsetMap.from_segments(rows, len(source))


@FAST
@given(segment_tables(), st.data())
def test_exact_spans_of_reordered_maps_are_their_source(case, data):
    source, text, omap = case
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    src, exact = omap.locate(Span(a, b))
    assert 0 <= src.start <= src.end <= len(source)
    if exact:
        assert source[src.start : src.end] == text[a:b]
    else:  # an inexact region is the hull: it still holds every character of the span
        assert not Counter(text[a:b]) - Counter(source[src.start : src.end])
