"""The title on the first line of plain text: set as ``document.title``, kept in the text as a heading.

Cases written from how news files lay out a headline (one line, then the body), and from what
is not a headline: a long lead paragraph, a lower-case fragment, a lead-in ending in a colon.
"""

from __future__ import annotations

import pytest

from presslens.ingest import ingest_text
from presslens.ingest.build import is_title_line
from presslens.settings import Settings

BODY = ("The harbour authority of Valdora said on Monday that the night shift would return "
        "after a strike that had closed the container terminal for eleven days.\n\n"
        "Dock workers voted to accept a pay offer late on Sunday, the union said.")


@pytest.mark.parametrize("keep_text", [False, True])
@pytest.mark.parametrize("headline", [
    "Dockers 'ready to return' to Valdora terminal",    # sentence case, quoted words
    "Port Strike Ends After Eleven Days.",              # Title Case with a final full stop
    "$4m pay deal ends Valdora port strike",            # starts with a currency sign
    "Why did the port close?",                          # a question
])
def test_first_line_is_title_kept_in_text(headline, keep_text):
    """The headline becomes the title and a heading paragraph at offset 0; the text keeps it."""
    doc = ingest_text(f"{headline}\n\n{BODY}", settings=Settings(keep_text=keep_text))
    assert doc.title == headline
    first = doc.paragraphs[0]
    assert first.kind == "heading"
    assert doc.text[first.span.start : first.span.end] == headline
    assert doc.text.startswith(headline)
    assert (doc.to_source(first.span).start, doc.to_source(first.span).end) == (0, len(headline))
    assert all(p.kind == "paragraph" for p in doc.paragraphs[1:])


@pytest.mark.parametrize("first", [
    # a lead paragraph, not a headline: longer than what follows
    "The harbour authority of Valdora said on Monday that the night shift would return after a "
    "strike that had closed the container terminal for eleven days, ending the longest stoppage "
    "at the port since the terminal opened, and the union agreed.",
    "and then the dockers walked out",            # starts in lower case: a fragment
    "The union said in a statement:",             # a lead-in to what follows
])
def test_first_line_that_is_no_title(first):
    """A lead paragraph, a fragment or a lead-in is not taken for the title."""
    doc = ingest_text(f"{first}\n\nDock workers voted to accept a pay offer late on Sunday, the union said.")
    assert doc.title is None
    assert doc.paragraphs[0].kind == "paragraph"


def test_single_paragraph_has_no_title():
    """A text of one paragraph has no title to detect."""
    doc = ingest_text("Dock workers voted to accept a pay offer late on Sunday, the union said.")
    assert doc.title is None


def test_a_kicker_before_the_body_does_not_hide_the_title():
    """A short label paragraph ("ABSTRACT.") after the headline: the body after it decides."""
    doc = ingest_text(f"Port Talks Resume.\n\nABSTRACT.\n\n{BODY}")
    assert doc.title == "Port Talks Resume."


def test_title_rule_limits():
    """Long lines are titles only when in Title Case; a multi-line block never is."""
    long_plain = " ".join(["word"] * 30)
    assert not is_title_line("Many " + long_plain, BODY * 3)
    assert is_title_line(" ".join(["Word"] * 30), BODY * 3)
    assert not is_title_line("Port strike\nends", BODY)
