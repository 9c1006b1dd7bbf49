"""Three invented articles with hand-built analyses: every answer of the store's queries is known.

The analyses are written by hand (no spaCy), so the query tests check the store,
not the analyzers.  Spans are found with ``str.index`` on the text, so every
offset is exact by construction.
"""

from __future__ import annotations

from presslens.model.analysis import Analysis
from presslens.model.document import Document, Published
from presslens.model.records import Attribution, Claim, Entity, Event, Geo, Quote, TimelineEntry
from presslens.model.span import Span

HARBOUR = (
    "Valdora port strike ends\n\n"
    "The Port Authority agreed on 12 March 2024 to rehire 240 dockworkers, union leader Mara Quintel said. "
    "\"This is a victory for every family,\" Quintel said. "
    "The strike cost the city 3 million euros, according to the Chamber of Commerce."
)
FERRY = (
    "Ferries collide off Brisk\n\n"
    "Two ferries collided off Brisk on 9 April 2024, the coastguard said. "
    "Mara Quintel, the union leader, called for an inquiry. "
    "Captain Tobias Renner of the Meridian denied any fault."
)
BUDGET = (
    "Council approves budget\n\n"
    "The council approved a budget of 412 million euros in 2023. "
    "Mayor Ilse Varga said the plan protects every bus route."
)


def span(text: str, part: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part))


def sentence(text: str, part: str) -> Span:
    """The span of the sentence that contains ``part`` (sentences end with '. ')."""
    at = text.index(part)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1)
    end = text.find(". ", at)
    return Span(start, len(text) if end < 0 else end + 1)


def harbour() -> Analysis:
    """Port strike: Quintel speaks, the Port Authority agrees (dated 2024-03-12), a costed claim."""
    t = HARBOUR
    doc = Document(text=t, source="harbour.txt", title="Valdora port strike ends",
                   published=Published("2024-03-13"))
    ents = (
        Entity("E1", "Mara Quintel", "PERSON", ("Mara Quintel", "Quintel"), ("union leader",),
               (span(t, "Mara Quintel"), span(t, "Quintel", 1))),
        Entity("E2", "Port Authority", "ORG", ("Port Authority",), (), (span(t, "Port Authority"),)),
        Entity("E3", "Valdora", "GPE", ("Valdora",), (), (span(t, "Valdora"),), Geo(38.7, -9.1, "PRT"), "PRT"),
        Entity("E4", "Chamber of Commerce", "ORG", ("Chamber of Commerce",), (), (span(t, "Chamber of Commerce"),)),
    )
    agreed = "The Port Authority agreed on 12 March 2024 to rehire 240 dockworkers"
    claims = (
        Claim("C1", span(t, agreed), "factual", 0.91, ("number",), Attribution("named", "E1", span(t, "said")),
              entities=("E2",)),
        Claim("C2", span(t, "The strike cost the city 3 million euros"), "factual", 0.97, ("money",),
              Attribution("named", "E4", span(t, "according to")), entities=("E4",)),
        Claim("C3", span(t, "This is a victory for every family"), "opinion", 0.2, (),
              Attribution("named", "E1", span(t, "said", 1))),
    )
    quotes = (Quote("QT1", span(t, "This is a victory for every family,"), "E1", span(t, "said", 1), True,
                    span(t, "Quintel", 1)),)
    events = (Event("V1", "AGREE", span(t, "agreed"), sentence(t, "agreed"), actor=("E2",), location="E3",
                    date="2024-03-12", actor_spans=(span(t, "The Port Authority"),)),)
    timeline = (
        TimelineEntry("2024-03-12", "day", "AGREE: the Port Authority agreed", sentence(t, "agreed"), event="V1"),
        TimelineEntry(None, "unknown", "claim: the strike cost 3 million euros", sentence(t, "strike cost"),
                      claim="C2"),
    )
    return Analysis(document=doc, entities=ents, claims=claims, quotes=quotes, events=events, timeline=timeline)


def ferry() -> Analysis:
    """Ferry collision: Quintel calls for an inquiry (an event in April 2024), Captain Renner denies."""
    t = FERRY
    doc = Document(text=t, source="ferry.txt", title="Ferries collide off Brisk")
    ents = (
        Entity("E1", "Brisk", "GPE", ("Brisk",), (), (span(t, "Brisk"), span(t, "Brisk", 1))),
        Entity("E2", "Mara Quintel", "PERSON", ("Mara Quintel",), ("union leader",), (span(t, "Mara Quintel"),)),
        Entity("E3", "Tobias Renner", "PERSON", ("Tobias Renner",), ("Captain",), (span(t, "Tobias Renner"),)),
    )
    claims = (
        Claim("C1", span(t, "Two ferries collided off Brisk on 9 April 2024"), "factual", 0.88, ("date",),
              Attribution("anonymous", None, span(t, "said")), entities=("E1",)),
        Claim("C2", span(t, "Mara Quintel, the union leader, called for an inquiry"), "factual", 0.55, (),
              entities=("E2",)),
        Claim("C3", span(t, "Captain Tobias Renner of the Meridian denied any fault"), "factual", 0.61, (),
              Attribution("named", "E3", span(t, "denied")), entities=("E3",)),
    )
    quotes = (Quote("QT1", span(t, "called for an inquiry"), "E2", span(t, "called"), False,
                    span(t, "Mara Quintel")),)
    events = (Event("V1", "REQUEST", span(t, "called"), sentence(t, "called"), actor=("E2",), date="2024-04-09"),)
    timeline = (TimelineEntry("2024-04", "month", "REQUEST: Quintel called for an inquiry", sentence(t, "called"),
                              event="V1"),)
    return Analysis(document=doc, entities=ents, claims=claims, quotes=quotes, events=events, timeline=timeline)


def budget() -> Analysis:
    """Council budget of 2023; Mayor Ilse Varga speaks."""
    t = BUDGET
    doc = Document(text=t, source="budget.txt", title="Council approves budget")
    ents = (
        Entity("E1", "Ilse Varga", "PERSON", ("Ilse Varga",), ("Mayor",), (span(t, "Ilse Varga"),)),
        Entity("E2", "council", "ORG", ("council", "Council"), (), (span(t, "Council"), span(t, "council"))),
    )
    claims = (
        Claim("C1", span(t, "The council approved a budget of 412 million euros in 2023"), "factual", 0.99,
              ("money",), entities=("E2",)),
        Claim("C2", span(t, "the plan protects every bus route"), "prediction", 0.4, (),
              Attribution("named", "E1", span(t, "said")), entities=()),
    )
    quotes = (Quote("QT1", span(t, "the plan protects every bus route"), "E1", span(t, "said"), False,
                    span(t, "Mayor Ilse Varga")),)
    events = (Event("V1", "SUPPORT", span(t, "approved"), sentence(t, "approved"), actor=("E2",), date="2023"),)
    timeline = (TimelineEntry("2023", "year", "SUPPORT: the council approved a budget", sentence(t, "approved"),
                              event="V1"),)
    return Analysis(document=doc, entities=ents, claims=claims, quotes=quotes, events=events, timeline=timeline)


def invented() -> list[Analysis]:
    """The three analyses, in the order they are stored."""
    return [harbour(), ferry(), budget()]
