"""Timeline layer: ordering, precision, undated events, claims (hand-built records)."""

from __future__ import annotations

from presslens.analyzers.base import Context
from presslens.analyzers.timeline import build_timeline, make_timeline
from presslens.model.document import Document
from presslens.model.records import Claim, Entity, Event, Timex
from presslens.model.span import Span
from presslens.settings import Settings

TEXT = ("In 2011 the garrison withdrew. On May 4, 2019 rebels shelled the port. "
        "Talks were held in May 2019. Envoys met again. The deal of 2011 still stands.")


def at(words: str) -> Span:
    """Span of the first occurrence of ``words`` in TEXT."""
    start = TEXT.index(words)
    return Span(start, start + len(words))


def event(eid: str, trigger: str, etype: str, date: str | None, **kw) -> Event:
    """A hand-built event whose sentence is the trigger's sentence."""
    trig = at(trigger)
    start = TEXT.rfind(". ", 0, trig.start)
    sentence = Span(start + 2 if start >= 0 else 0, TEXT.index(".", trig.end) + 1)
    return Event(eid, etype, trig, sentence, date=date, **kw)  # type: ignore[arg-type]


EVENTS = (
    event("V1", "withdrew", "RETREAT", "2011", actor=("E1",)),  # no words kept: the entity name is used
    event("V2", "shelled", "ASSAULT", "2019-05-04", target_spans=(at("the port"),)),
    event("V3", "Talks", "CONSULT", "2019-05"),
    event("V4", "met", "CONSULT", None, status="planned"),
)


def test_sorted_by_date_with_precision_then_undated():
    doc = Document(TEXT)
    entries = build_timeline(doc, EVENTS, (), (), (Entity("E1", "the Garrison", "ORG"),))
    assert [e.event for e in entries] == ["V1", "V3", "V2", "V4"]
    assert [e.precision for e in entries] == ["year", "month", "day", "unknown"]
    assert entries[0].text == "RETREAT: the Garrison withdrew"
    assert entries[2].text == "ASSAULT: shelled → the port"
    assert entries[3].date is None and entries[3].text.startswith("CONSULT (planned)")
    assert entries[1].evidence == EVENTS[2].sentence


def test_ties_keep_text_order():
    doc = Document(TEXT)
    twins = (event("V1", "met", "CONSULT", "2019"), event("V2", "withdrew", "RETREAT", "2019"))
    assert [e.event for e in build_timeline(doc, twins, (), ())] == ["V2", "V1"]


def test_dated_claims_join_unless_an_event_covers_them():
    doc = Document(TEXT)
    timexes = (Timex("T1", at("2011"), "DATE", "2011"), Timex("T2", at("May 4, 2019"), "DATE", "2019-05-04"),
               Timex("T3", Span(TEXT.rindex("2011"), TEXT.rindex("2011") + 4), "DATE", "2011"))
    claims = (Claim("C1", at("The deal of 2011 still stands."), "factual"),
              Claim("C2", at("On May 4, 2019 rebels shelled the port."), "factual"))
    entries = build_timeline(doc, EVENTS, timexes, claims)
    assert [(e.event, e.claim) for e in entries][:2] == [("V1", None), (None, "C1")]
    assert all(e.claim != "C2" for e in entries)  # V2 is the same fact, more specific
    assert entries[1].text.startswith("claim: The deal of 2011")


def test_layer_runs_without_claims_or_timexes():
    ctx = Context(nlp_doc=None, settings=Settings(), layers={"events": EVENTS})
    out = make_timeline()(Document(TEXT), ctx)
    assert len(out["timeline"]) == 4


UNSURE = (
    event("V1", "withdrew", "RETREAT", "2011", actor=("E1",), confidence=0.93),
    event("V2", "shelled", "ASSAULT", "2019-05-04", confidence=0.41, uncertain=True),
    event("V4", "met", "CONSULT", None, confidence=0.38, uncertain=True, status="negated", negated=True),
)


def test_uncertain_events_stay_off_the_timeline_by_default():
    doc = Document(TEXT)
    entries = build_timeline(doc, UNSURE, (), ())
    assert [e.event for e in entries] == ["V1"] and not entries[0].uncertain


def test_setting_puts_uncertain_events_on_the_timeline_marked():
    doc = Document(TEXT)
    entries = build_timeline(doc, UNSURE, (), (), with_uncertain=True)
    assert [(e.event, e.uncertain) for e in entries] == [("V1", False), ("V2", True), ("V4", True)]
    assert entries[1].text.startswith("ASSAULT (uncertain 0.41):")
    assert entries[2].text.startswith("CONSULT (negated, uncertain 0.38):")  # "negated" said once
    ctx = Context(nlp_doc=None, settings=Settings(timeline_uncertain=True), layers={"events": UNSURE})
    assert len(make_timeline(Settings(timeline_uncertain=True))(doc, ctx)["timeline"]) == 3
    assert len(make_timeline(Settings())(doc, ctx)["timeline"]) == 1


def test_uncertain_event_does_not_hide_a_dated_claim():
    doc = Document(TEXT)
    timexes = (Timex("T2", at("May 4, 2019"), "DATE", "2019-05-04"),)
    claims = (Claim("C2", at("On May 4, 2019 rebels shelled the port."), "factual"),)
    entries = build_timeline(doc, UNSURE, timexes, claims)
    assert [(e.event, e.claim) for e in entries] == [("V1", None), (None, "C2")]


def test_labels_say_the_status_and_references():
    doc = Document(TEXT)
    told = (event("V1", "withdrew", "RETREAT", "2011", status="hypothetical"),
            event("V2", "shelled", "ASSAULT", "2019-05-04", status="reported", reference=True))
    entries = build_timeline(doc, told, (), ())
    assert entries[0].text.startswith("RETREAT (hypothetical):")
    assert entries[1].text.startswith("ASSAULT (reported, mentioned in passing):")
