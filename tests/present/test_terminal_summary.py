"""The terminal summary fits 100 columns, shows every layer, and prints hostile text literally."""

from __future__ import annotations

from dataclasses import replace

from test_html_sample import sample_analysis

from presslens.model.analysis import Analysis
from presslens.model.document import Document
from presslens.model.records import Entity
from presslens.model.span import Span
from presslens.present.terminal import clean, render_summary, sparkline


def _render(analysis: Analysis, width: int = 100) -> str:
    """The summary as plain text, as a Console of this width records it."""
    from rich.console import Console

    console = Console(width=width, record=True, file=open("/dev/null", "w"), color_system=None)  # noqa: SIM115
    for part in render_summary(analysis):
        console.print(part)
    return console.export_text()


def test_fits_100_columns() -> None:
    """No line of the full summary is wider than 100 columns."""
    text = _render(sample_analysis())
    assert max(len(line) for line in text.splitlines()) <= 100


def test_every_section_has_its_findings() -> None:
    """Header, entities, timeline, claims, quotes, quantities, techniques, inconsistencies."""
    text = _render(sample_analysis())
    assert "Ferry Fares Frozen" in text and "2023-05-04 (inferred from “4 May 2023”)" in text
    assert "reporting 0.77" in text
    for title in ("Entities (6)", "Timeline (4)", "Claims (5", "Quotes (4)", "Quantities (3)",
                  "Techniques (3 spans, 0 uncertain)", "Inconsistencies (1)"):
        assert title in text, title
    assert "Oskar Bremer" in text and "council leader" in text and "ALA 60.10,19.90" in text
    assert "0.86" in text and "named: police" in text and "contains a number" in text
    assert "(reported)" in text and "unknown speaker" in text
    assert "Loadedness per paragraph ▁▂█▂" in text
    assert "Loaded Language" in text and "'Bremer' is also spelt 'Bremmer'" in text
    assert "No " not in text


def test_claims_are_ordered_by_checkworthiness() -> None:
    """The most check-worthy claim is listed first."""
    text = _render(sample_analysis())
    assert text.index("0.86") < text.index("0.74") < text.index("0.63") < text.index("0.55")


def test_empty_layers_are_listed() -> None:
    """A bare document gives the header and one line naming the empty layers."""
    text = _render(Analysis(Document(text="Nothing to see here.")))
    assert "No entities, timeline, events, claims, quotes, quantities, techniques, inconsistencies found." in text


def test_hostile_text_prints_literally() -> None:
    """Rich markup and ANSI escapes from the article neither style nor break the output."""
    body = "Hello [bold red]loud[/] and [/nonsense] \x1b[2J\x1b]8;;x\x07 Zed [link=file:///etc]x[/link]."
    doc = Document(text=body, title="[blink]Title[/blink]\x1b[31m")
    start = body.index("[bold")
    ent = Entity("E1", body[start:start + 25], "PERSON", mentions=(Span(start, start + 25),))
    analysis = replace(Analysis(doc), entities=(ent,))
    text = _render(analysis)
    assert "[blink]Title[/blink]" in text and "[bold red]loud[/]" in text
    assert "\x1b" not in text and "\x07" not in text


def test_narrow_console_still_renders() -> None:
    """At 60 columns nothing overflows either."""
    text = _render(sample_analysis(), width=60)
    assert max(len(line) for line in text.splitlines()) <= 60


def test_helpers() -> None:
    """clean() strips controls and clips; sparkline scales to the maximum."""
    assert clean("a\x1b[31m\n b\u202e c", 0) == "a [31m b c"
    assert clean("abcdefghij", 5) == "abcd…"
    assert sparkline([0.0, 0.1, 0.2]) == "▁▅█"


def test_undated_timeline_items_come_last() -> None:
    """An undated item listed first by the layer is printed after the dated ones."""
    from presslens.model.records import TimelineEntry

    a = sample_analysis()
    undated = TimelineEntry(None, "unknown", "an undated walkout", a.timeline[0].evidence)
    text = _render(replace(a, timeline=(undated, *a.timeline)))
    assert text.index("2023-06") < text.index("an undated walkout")


def test_events_show_confidence_and_uncertainty() -> None:
    """The events section gives each event's confidence; an uncertain one is marked and counted."""
    a = sample_analysis()
    events = (replace(a.events[0], confidence=0.93), replace(a.events[1], confidence=0.41, uncertain=True),
              *a.events[2:])
    text = _render(replace(a, events=events))
    assert f"Events ({len(events)}, 1 uncertain, off the timeline)" in text
    assert "0.93" in text and "0.41?" in text
    assert "CONSULT · planned" in text


def test_uncertain_timeline_entries_are_marked() -> None:
    """A timeline entry of an uncertain event (settings asked for it) carries a question mark."""
    a = sample_analysis()
    first = replace(a.timeline[0], uncertain=True)
    text = _render(replace(a, timeline=(first, *a.timeline[1:])))
    assert f"{first.date} ?" in text
