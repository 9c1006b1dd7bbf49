"""An invented article whose report exercises each fix of issue 15 (hand-built analysis, exact spans)."""

from __future__ import annotations

from presslens.model.analysis import Analysis
from presslens.model.document import Document
from presslens.model.records import Attribution, Claim, Entity, Event, Quote, TimelineEntry
from presslens.model.span import Span

TEXT = (
    "Dockers blockade Marrow Bay terminal as talks collapse\n"
    "Dockworkers blocked the Marrow Bay container terminal on 14 June 2024 after talks with the Harbour Board "
    "collapsed, union leader Petra Lund said. Police said two officers were assaulted near the gates. "
    "\"We will stay until the board listens,\" Lund said. The board claims the blockade costs 2 million euros "
    "a day. Some residents at 12 Harbour Street say the dispute has gone on for years. "
    "Officials will meet again next week, and the minister may intervene."
)


def sp(part: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of ``part``."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(part, start + 1)
    return Span(start, start + len(part))


def sentence(part: str) -> Span:
    """The sentence around ``part`` (up to the next full stop)."""
    s = sp(part)
    start = TEXT.rfind(". ", 0, s.start)
    start = 0 if start < 0 else start + 2
    return Span(start, TEXT.index(".", s.end) + 1)


def fixes_analysis() -> Analysis:
    """Claims of mixed scores in document order, long event type names, dated and undated timeline
    rows, a confident person and an uncertain "person" that is a street address; no title given."""
    doc = Document(text=TEXT, source="marrow-bay.txt")
    lund = Entity("E1", "Petra Lund", "PERSON", ("Lund",), ("union leader",), (sp("Petra Lund"), sp("Lund", 1)),
                  confidence=0.97)
    street = Entity("E2", "12 Harbour Street", "PERSON", (), (), (sp("12 Harbour Street"),), confidence=0.31,
                    uncertain=True)
    board = Entity("E3", "Harbour Board", "ORG", (), (), (sp("Harbour Board"),), confidence=0.9)
    claims = (
        Claim("C1", sentence("Dockworkers blocked"), "factual", 0.41, attribution=Attribution("named", "E1")),
        Claim("C2", sentence("two officers"), "factual", 0.93, ("injury", "police source")),
        Claim("C3", sentence("costs 2 million"), "factual", 0.78, ("number",)),
        Claim("C4", sentence("Some residents"), "opinion", 0.12),
    )
    events = (
        Event("V1", "ASSAULT", sp("assaulted"), sentence("two officers"), date="2024-06-14", target=("E3",)),
        Event("V2", "MOBILIZE", sp("blocked"), sentence("Dockworkers blocked"), date="2024-06-14",
              actor=("E1",), target=("E3",)),
        Event("V3", "CONSULT", sp("meet"), sentence("Officials will meet"), status="planned"),
    )
    timeline = (
        TimelineEntry("2024-06-14", "day", "Dockworkers blocked the terminal", sp("14 June 2024"), event="V2"),
        TimelineEntry(None, "none", "Officials will meet again", sp("next week"), event="V3"),
        TimelineEntry(None, "none", "the dispute has gone on for years", sp("for years")),
    )
    quote = Quote("Q1", sp("We will stay until the board listens,"), "E1")
    return Analysis(doc, entities=(street, lund, board), claims=claims, events=events, timeline=timeline,
                    quotes=(quote,))
