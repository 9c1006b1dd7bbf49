"""Golden ingest of the bundled (invented) example articles: titles, structure, sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.ingest import ingest_path
from presslens.nlp.language import sentence_spans

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(
    ("name", "title", "n_headings", "n_paragraphs"),
    [
        ("wire-ferry-collision.txt", "Two ferries collide off Brisk; 14 hurt, coastguard says", 1, 8),
        ("pdf-style-budget.txt", "Council Approves Leaner Budget", 5, 4),
        ("council-housing.html", "Tenants win rent freeze after month-long protest", 1, 4),
        ("harbour-strike.txt", "Harbour Strike Ends as Port Authority Bows to Dockers", None, None),
    ],
)
def test_example_structure(name, title, n_headings, n_paragraphs):
    doc = ingest_path(EXAMPLES / name)
    assert doc.title == title
    kinds = [p.kind for p in doc.paragraphs]
    if n_headings is not None:
        assert kinds.count("heading") == n_headings, [(p.kind, doc.text_of(p.span)[:30]) for p in doc.paragraphs]
        assert kinds.count("paragraph") == n_paragraphs
    for para in doc.paragraphs:
        assert doc.text_of(para.span).strip() == doc.text_of(para.span) != ""


def test_wire_sentences(nlp):
    doc = ingest_path(EXAMPLES / "wire-ferry-collision.txt")
    sents = [doc.text_of(s) for s in sentence_spans(nlp(doc.text))]
    assert any(s.startswith("The Meridian, carrying about 230 passengers") and s.endswith("told reporters.")
               for s in sents)  # "7:40 a.m. as" and "Lt. Pavel" do not split
    assert "\"Both masters had reduced speed, but not enough.\"" in sents
    assert "The transport ministry said an inquiry led by Capt. Miriam O'Day would report within six weeks." in sents
