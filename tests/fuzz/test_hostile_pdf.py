"""Hostile PDFs: page limits, decompression bombs, damaged files, and pypdf kept silent."""

from __future__ import annotations

import random

import pytest
from fuzz_hostile import (
    article_pdf,
    cyclic_pages_pdf,
    deflate_bomb_pdf,
    many_pages_pdf,
    mutate_bytes,
    pdf_stream,
    raw_pdf,
    text_pdf,
)

from presslens.errors import (
    DamagedPdfError,
    DecompressionLimitError,
    EmptyInputError,
    InputError,
    LimitExceededError,
    PresslensError,
    TooManyPagesError,
)
from presslens.ingest import ingest_bytes
from presslens.ingest.pdf import pdf_to_text
from presslens.settings import Settings


def test_a_well_formed_pdf_reads_with_its_title():
    text, title = pdf_to_text(article_pdf(random.Random(3)), "a.pdf")
    assert title in ("Harbour Strike Ends", "Ferry Service to Resume", "Council Freezes Rents")
    assert text.startswith(title)
    doc = ingest_bytes(article_pdf(random.Random(3)), source="a.pdf")
    assert doc.meta["format"] == "pdf" and doc.title == title


def test_twenty_thousand_pages_are_refused_before_extraction():
    data = many_pages_pdf(20_000)
    assert len(data) < 130_000  # small on disk, like the file of the issue
    with pytest.raises(TooManyPagesError, match="20,000 pages, over the 1,000-page limit"):
        ingest_bytes(data, source="pages.pdf")
    # the limit is a setting; under it the same shared page is read
    text, _ = pdf_to_text(many_pages_pdf(3), "pages.pdf", Settings(max_pdf_pages=3))
    assert text.count("harbour authority") == 3 * 40


def test_deflate_bomb_is_stopped_at_the_decompression_limit():
    data = deflate_bomb_pdf(50_000_000)
    assert len(data) < 100_000
    with pytest.raises(DecompressionLimitError, match="32,000,000-byte limit"):
        ingest_bytes(data, source="bomb.pdf")
    small = Settings(max_decompressed_bytes=1_000_000)
    with pytest.raises(DecompressionLimitError):
        pdf_to_text(deflate_bomb_pdf(2_000_000), "bomb.pdf", small)
    assert "walked out" in pdf_to_text(deflate_bomb_pdf(100_000), "ok.pdf", small)[0]


def test_page_contents_share_one_decompression_budget():
    pages = [["The port reopened on Monday after the strike ended."] * 30] * 20
    data = text_pdf(pages)
    per_page = len(b"BT /F1 11 Tf 14 TL 72 760 Td") + 30 * 60
    with pytest.raises(DecompressionLimitError):
        pdf_to_text(data, "many.pdf", Settings(max_decompressed_bytes=5 * per_page))
    assert pdf_to_text(data, "many.pdf", Settings(max_decompressed_bytes=40 * per_page))[0]


def test_content_parsing_is_bounded():
    ops = b"BT /F1 11 Tf 72 760 Td " + b"(word) Tj " * 300_000 + b"ET"
    data = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
                    pdf_stream(ops, compress=True), b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])
    with pytest.raises(LimitExceededError, match="processing limit"):
        pdf_to_text(data, "ops.pdf")


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.99])
def test_truncated_pdfs_give_one_clear_error(cut):
    data = article_pdf(random.Random(5), 2)
    with pytest.raises(InputError) as info:
        ingest_bytes(data[: int(len(data) * cut)], source="cut.pdf")
    assert "\n" not in str(info.value) and "cut.pdf" in str(info.value)


def test_a_cyclic_page_tree_is_a_damaged_pdf():
    with pytest.raises(DamagedPdfError, match="damaged PDF"):
        pdf_to_text(cyclic_pages_pdf(), "cycle.pdf")


def test_a_pdf_without_text_is_empty():
    with pytest.raises(EmptyInputError):
        pdf_to_text(text_pdf([[]]), "blank.pdf")


def test_fuzzed_pdfs_raise_only_presslens_errors_and_print_nothing(capfd):
    rng = random.Random(20240914)
    seeds = [article_pdf(rng, 2), text_pdf([["One line"]], compress=False), many_pages_pdf(5)]
    outcomes = {"text": 0, "error": 0}
    for i in range(150):
        data = mutate_bytes(seeds[i % len(seeds)], rng)
        try:
            pdf_to_text(data, f"fuzz{i}.pdf", Settings(max_pdf_pages=10))
            outcomes["text"] += 1
        except PresslensError as exc:
            assert "\n" not in str(exc)
            outcomes["error"] += 1
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
    assert outcomes["text"] > 0 and outcomes["error"] > 0


def test_cli_limit_flags_reach_ingest(tmp_path):
    """--max-pdf-pages / --max-html-tags on the command line bound ingest (one line, E041 / E045)."""
    import subprocess
    import sys

    pdf = tmp_path / "three.pdf"
    pdf.write_bytes(many_pages_pdf(3))
    html = tmp_path / "page.html"
    html.write_text("<html><body>" + "<p>The council met on Monday.</p>" * 50 + "</body></html>", encoding="utf-8")
    for path, flag, code in ((pdf, "--max-pdf-pages", "E041"), (html, "--max-html-tags", "E045")):
        proc = subprocess.run([sys.executable, "-m", "presslens", "analyze", str(path), flag, "2", "-q"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode != 0
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and f"[{code}]" in lines[0] and flag in lines[0], proc.stderr
