"""HTML, PDF and JSONL ingest: main text, metadata and offsets back to the source."""

from __future__ import annotations

import html
import importlib
import json
import re
import sys
from pathlib import Path

import pytest

from presslens.errors import InputError
from presslens.ingest import ingest_bytes, ingest_path, iter_inputs
from presslens.model.span import Span
from presslens.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "examples" / "council-housing.html"


def _strip(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", " ", markup))


@pytest.fixture(scope="module")
def html_doc():
    return ingest_path(PAGE)


def test_html_main_text_without_boilerplate(html_doc):
    assert html_doc.title == "Tenants win rent freeze after month-long protest"
    assert html_doc.published.value == "2024-03-14"
    assert html_doc.meta["url"] == "https://courier.example/housing/rent-freeze"
    for junk in ("Subscribe", "All rights reserved", "Privacy", "analytics", "font-family", "Related"):
        assert junk not in html_doc.text
    assert "\u201cWe proved that people who organise can win,\u201d" in html_doc.text
    assert "increases & review" in html_doc.text


def test_every_sentence_maps_to_its_markup(html_doc, nlp):
    page = PAGE.read_text(encoding="utf-8")
    from presslens.nlp.language import sentence_spans

    spans = sentence_spans(nlp(html_doc.text))
    assert len(spans) >= 6
    for span in spans:
        src = html_doc.to_source(span)
        assert _strip(page[src.start : src.end]).split() == html_doc.text_of(span).split()
    for m in re.finditer(r"\w+", html_doc.text):
        src = html_doc.to_source(Span(m.start(), m.end()))
        assert _strip(page[src.start : src.end]).strip() == m.group()


def test_truncated_html_is_refused():
    page = PAGE.read_bytes()
    with pytest.raises(InputError, match="truncated"):
        ingest_bytes(page[: page.index(b"roughly")] + b"<sp", source="cut.html")
    with pytest.raises(InputError, match="truncated"):
        ingest_bytes(page[: page.index(b"</article>")], source="cut.html")


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "examples"))
    build_pdf = importlib.import_module("make_pdf").build_pdf
    return build_pdf(tmp_path_factory.mktemp("pdf") / "dockers.pdf")


def test_generated_pdf_is_repaired(pdf_path):
    doc = ingest_path(pdf_path)
    assert doc.meta["format"] == "pdf"
    assert doc.title == "Dockers Return to Work at Valdora"
    for fixed in ("according to", "international mediator", "spy-chief", "government said",
                  "the settlement would"):
        assert fixed in doc.text, fixed
    assert "  " not in doc.text
    assert len(doc.paragraphs) >= 3  # title + two paragraphs survive extraction


def test_truncated_pdf_is_refused(pdf_path):
    data = pdf_path.read_bytes()
    with pytest.raises(InputError):
        ingest_bytes(data[: len(data) // 2], source="half.pdf")


def test_jsonl_records_become_documents(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a-1", "text": "The ferry to Brisk resumed on Monday after a two-week halt.",
                    "published": "2024-05-02", "title": "Ferry", "url": "https://x.example/a"}),
        "not json",
        json.dumps({"id": "a-3"}),
        "",
        json.dumps({"id": "a-4", "text": "Dockers returned to work at the port of Valdora on Tuesday."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_inputs([str(path)], Settings()))
    assert [i.source for i in items] == ["a-1", f"{path}:2", "a-3", "a-4"]
    first = items[0].load()
    assert (first.source, first.title, first.published.value, first.meta["url"]) == (
        "a-1", "Ferry", "2024-05-02", "https://x.example/a")
    for bad in items[1:3]:
        with pytest.raises(InputError):
            bad.load()
    assert items[3].load().text.startswith("Dockers")


def test_directory_input_expands_to_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("The port reopened on Monday after the long strike.", encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    sources = [i.source for i in iter_inputs([str(tmp_path)], Settings())]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.html")]


def test_size_limit_is_checked_before_reading(tmp_path):
    from presslens.errors import TooLargeError

    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(TooLargeError):
        ingest_path(big, Settings())
