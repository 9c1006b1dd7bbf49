"""A hand-built Analysis with every layer filled, over an invented article.

Imported by the other presenter tests (``from test_html_sample import ...``) so
they never depend on the analyzers' progress.  The tests here check the
sample itself: every span lies inside the text and slices what it should.
"""

from __future__ import annotations

from presslens.model.analysis import Analysis, Provenance
from presslens.model.document import Document, Paragraph, Published
from presslens.model.records import (
    Attribution,
    Claim,
    Entity,
    Event,
    Genre,
    Geo,
    Inconsistency,
    Loadedness,
    Quantity,
    Quote,
    Technique,
    TimelineEntry,
    Timex,
)
from presslens.model.span import Span

SAMPLE_TEXT = (
    "Ferry Fares Frozen After Week of Protests in Lindqvist\n"
    "\n"
    "The island council of Lindqvist froze ferry fares on 4 May 2023 after a week of "
    "protests, council leader Oskar Bremer said. Nearly 2,000 residents marched to the "
    "harbour on 28 April, according to police.\n"
    "\n"
    "\"We heard them loud and clear,\" Bremer told reporters. \"This disgraceful price "
    "gouging ends today.\" The operator, Nordvik Lines, said fares had risen 18 percent "
    "since 2021 because of fuel costs.\n"
    "\n"
    "Nordvik's chief executive, Hanna Sel, warned that the freeze would cost the company "
    "an estimated €3 million a year. Mr Bremmer, as one statement spelt his name, promised "
    "talks in Oslo in June.\n"
)


def sp(text: str, needle: str, nth: int = 0) -> Span:
    """Span of the nth occurrence of needle in text (fails loudly when absent)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Blocks separated by blank lines; the first is the heading."""
    out, pos = [], 0
    for i, block in enumerate(text.split("\n\n")):
        body = block.strip("\n")
        start = text.index(body, pos)
        out.append(Paragraph(Span(start, start + len(body)), "heading" if i == 0 else "paragraph"))
        pos = start + len(body)
    return tuple(out)


def sample_analysis(text: str = SAMPLE_TEXT, source: str = "examples/invented-ferry.txt") -> Analysis:
    """Every layer filled by hand over the invented ferry article."""
    t = text
    doc = Document(text=t, source=source, title="Ferry Fares Frozen After Week of Protests in Lindqvist",
                   published=Published("2023-05-04", True, (sp(t, "4 May 2023"),), 0.8),
                   paragraphs=_paragraphs(t))
    entities = (
        Entity("E1", "Oskar Bremer", "PERSON", ("Oskar Bremer", "Bremer", "Mr Bremmer"), ("council leader",),
               (sp(t, "Oskar Bremer"), sp(t, "Bremer", 1), sp(t, "Mr Bremmer"))),
        Entity("E2", "Lindqvist", "GPE", ("Lindqvist",), (), (sp(t, "Lindqvist"), sp(t, "Lindqvist", 1)),
               Geo(60.1, 19.9, "ALA"), "ALA"),
        Entity("E3", "Nordvik Lines", "ORG", ("Nordvik Lines", "Nordvik"), (),
               (sp(t, "Nordvik Lines"), sp(t, "Nordvik", 1))),
        Entity("E4", "Hanna Sel", "PERSON", ("Hanna Sel",), ("chief executive",), (sp(t, "Hanna Sel"),)),
        Entity("E5", "Oslo", "GPE", ("Oslo",), (), (sp(t, "Oslo"),), Geo(59.91, 10.75, "NOR"), "NOR"),
        Entity("E6", "police", "ORG", ("police",), (), (sp(t, "police"),)),
    )
    quantities = (
        Quantity("N1", sp(t, "Nearly 2,000 residents"), 2000.0, None, True, "Nearly", "residents"),
        Quantity("N2", sp(t, "18 percent"), 18.0, "percent"),
        Quantity("N3", sp(t, "€3 million"), 3_000_000.0, "euro", True, "an estimated"),
    )
    timexes = (
        Timex("T1", sp(t, "4 May 2023"), "DATE", "2023-05-04"),
        Timex("T2", sp(t, "28 April"), "DATE", "2023-04-28", "2023-05-04"),
        Timex("T3", sp(t, "2021"), "DATE", "2021"),
        Timex("T4", sp(t, "a year"), "SET", "P1Y"),
        Timex("T5", sp(t, "June"), "DATE", "2023-06", "2023-05-04"),
    )
    s1 = sp(t, "The island council of Lindqvist froze ferry fares on 4 May 2023 after a week of protests, council leader Oskar Bremer said.")
    s2 = sp(t, "Nearly 2,000 residents marched to the harbour on 28 April, according to police.")
    s3 = sp(t, "Mr Bremmer, as one statement spelt his name, promised talks in Oslo in June.")
    events = (
        Event("V1", "CONCEDE", sp(t, "froze"), s1, actor=("E2",), date="2023-05-04", actor_country=("ALA",)),
        Event("V2", "PROTEST", sp(t, "marched"), s2, date="2023-04-28"),
        Event("V3", "CONSULT", sp(t, "talks"), s3, status="planned", actor=("E1",), location="E5", date="2023-06"),
    )
    timeline = (
        TimelineEntry("2021", "year", "fares had risen 18 percent since 2021", sp(t, "since 2021"), claim="C3"),
        TimelineEntry("2023-04-28", "day", "residents marched to the harbour", s2, event="V2"),
        TimelineEntry("2023-05-04", "day", "council froze ferry fares", s1, event="V1"),
        TimelineEntry("2023-06", "month", "talks in Oslo", s3, event="V3"),
    )
    claims = (
        Claim("C1", s1, "factual", 0.55, ("names an official", "dated event"),
              Attribution("named", "E1", sp(t, "said")), (), (), ("E1", "E2")),
        Claim("C2", s2, "factual", 0.86, ("contains a number", "dated event"),
              Attribution("named", "E6", sp(t, "according to")), (sp(t, "Nearly"),), ("N1",)),
        Claim("C3", sp(t, "fares had risen 18 percent since 2021 because of fuel costs"), "factual", 0.74,
              ("contains a number", "causal claim"), Attribution("named", "E3", sp(t, "said", 1)), (), ("N2",)),
        Claim("C4", sp(t, "This disgraceful price gouging ends today."), "opinion", 0.12, ("loaded words",),
              Attribution("named", "E1")),
        Claim("C5", sp(t, "the freeze would cost the company an estimated €3 million a year"), "prediction", 0.63,
              ("contains a number", "prediction"), Attribution("named", "E4", sp(t, "warned")),
              (sp(t, "an estimated"),), ("N3",)),
    )
    quotes = (
        Quote("Q1", sp(t, "We heard them loud and clear,"), "E1", sp(t, "told")),
        Quote("Q2", sp(t, "This disgraceful price gouging ends today."), "E1", sp(t, "told")),
        Quote("Q3", sp(t, "the freeze would cost the company an estimated €3 million a year"), "E4",
              sp(t, "warned"), direct=False),
        Quote("Q4", sp(t, "fares had risen 18 percent since 2021 because of fuel costs"), None, sp(t, "said", 1),
              direct=False),
    )
    techniques = (
        Technique(sp(t, "disgraceful price gouging"), "Loaded_Language", 0.81, "emotionally loaded words", True),
        Technique(sp(t, "price gouging"), "Name_Calling,Labeling", 0.64, "labels the operator", True),
        Technique(sp(t, "loud and clear"), "Thought-terminating_Cliches", 0.32, "stock phrase", True),
    )
    inconsistencies = (
        Inconsistency("name_variant", "'Bremer' is also spelt 'Bremmer'", (sp(t, "Bremer"), sp(t, "Bremmer"))),
    )
    paras = doc.paragraphs
    loadedness = tuple(Loadedness(i, p.span, v, v / 2) for i, (p, v) in enumerate(zip(paras, (0.0, 0.02, 0.19, 0.04), strict=True)))
    return Analysis(doc, entities, quantities, timexes, events, timeline, claims, quotes, techniques,
                    inconsistencies, loadedness, Genre("reporting", 0.77),
                    Provenance((("hand-built", "test"),)))


def test_sample_spans_lie_in_the_text():
    """Every span of the sample is inside the text and non-empty."""
    a = sample_analysis()
    n = len(a.document.text)
    spans = [m for e in a.entities for m in e.mentions] + [x.span for x in a.quantities + a.timexes]
    spans += [c.span for c in a.claims] + [q.span for q in a.quotes] + [t.span for t in a.techniques]
    assert spans and all(0 <= s.start < s.end <= n for s in spans)


def test_sample_serialises_with_texts_matching():
    """The JSON contract slices the same text the sample meant."""
    d = sample_analysis().to_dict()
    assert d["entities"][0]["mentions"][2]["text"] == "Mr Bremmer"
    assert d["quotes"][0]["text"] == "We heard them loud and clear,"
    assert [p["kind"] for p in d["document"]["paragraphs"]] == ["heading", "paragraph", "paragraph", "paragraph"]
