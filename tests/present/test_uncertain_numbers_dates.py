"""Uncertain quantity readings, withheld timex anchors and a withheld document date are shown as
uncertain in the terminal, the HTML report and the claims CSV (issue 10), never as fact."""

from __future__ import annotations

import csv
import io

from presslens.model.analysis import Analysis
from presslens.model.document import DateCandidate, Document, Published
from presslens.model.records import Attribution, Claim, Quantity, Timex
from presslens.model.span import Span
from presslens.present.claims_csv import ClaimsCsvWriter
from presslens.present.html.render import render_html
from presslens.present.terminal import render_summary

TEXT = "Some 4,000 fishermen protested on Friday, and the port lost twice as much as last year."


def _span(words: str) -> Span:
    at = TEXT.index(words)
    return Span(at, at + len(words))


def _analysis() -> Analysis:
    pub = Published(None, inferred=True, candidates=(DateCandidate("2021", 0.41),))
    doc = Document(text=TEXT, source="port.txt", published=pub, sentences=(Span(0, len(TEXT)),))
    quantities = (
        Quantity("N1", _span("4,000"), 4000.0, None, True, "some", "fishermen", kind="count",
                 confidence=0.97, uncertain=False),
        Quantity("N2", _span("twice"), 2.0, None, kind="multiple", confidence=0.61, uncertain=True),
    )
    timexes = (
        Timex("T1", _span("Friday"), "DATE", "XXXX-WXX-5", confidence=0.3, uncertain=True,
              candidates=(DateCandidate("2021-03-05", 0.3),)),
        Timex("T2", _span("last year"), "DATE", "PAST_REF"),
    )
    claim = Claim("C1", Span(0, len(TEXT)), "factual", 0.8, (), Attribution("author", None, None), (), ("N1", "N2"))
    return Analysis(document=doc, quantities=quantities, timexes=timexes, claims=(claim,))


def _terminal(analysis: Analysis) -> str:
    from rich.console import Console

    console = Console(width=100, record=True, file=open("/dev/null", "w"), color_system=None)  # noqa: SIM115
    for part in render_summary(analysis):
        console.print(part)
    return console.export_text()


def test_terminal_marks_the_uncertain_reading_and_the_guessed_date():
    out = _terminal(_analysis())
    assert "uncertain reading (61%)" in out and "2 ?" in out
    assert "date unknown (uncertain guess 2021, 41%)" in out
    assert "uncertain reading (97%)" not in out


def test_html_report_marks_uncertain_quantities_dates_and_document_date():
    html = render_html(_analysis())
    assert "uncertain reading (confidence 61%)" in html
    assert "uncertain; best guess 2021-03-05 (30%)" in html
    assert "best guess" in html and "2021 (41%)" in html and "not used to date anything" in html


def test_claims_csv_marks_the_uncertain_quantity():
    parts: list[str] = []

    class Sink:
        def write(self, text: str) -> None:
            parts.append(text)

        def commit(self) -> None:
            pass

        def abort(self) -> None:
            pass

    writer = ClaimsCsvWriter(Sink())
    writer.add(_analysis())
    writer.commit()
    row = next(csv.DictReader(io.StringIO("".join(parts))))
    assert "twice (uncertain reading)" in row["quantities"] and "4,000 (uncertain" not in row["quantities"]
