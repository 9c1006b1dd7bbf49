"""Store queries on three invented articles with known answers, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from invented import BUDGET, FERRY, HARBOUR, budget, ferry, harbour, invented

from presslens.errors import CorpusQueryError
from presslens.store import open_store

TEXTS = {a.document.id: a.document.text for a in invented()}


@pytest.fixture
def store(store_url):
    """A store holding the three invented analyses (version v1)."""
    s = open_store(store_url)
    for a in invented():
        assert s.put_analysis(a, version="v1", source=a.document.source, origin=a.document.source)
    yield s
    s.close()


def doc_id(text: str) -> str:
    """The document id of one of the invented texts."""
    return next(d for d, t in TEXTS.items() if t == text)


def assert_exact(span) -> None:
    """A result span's text is exactly its document's text at its offsets."""
    assert TEXTS[span.document][span.start : span.end] == span.text


def test_search_ranks_the_matching_document_and_highlights_exact_spans(store):
    page = store.search("dockworkers")
    assert [h.document for h in page.items] == [doc_id(HARBOUR)]
    hit = page.items[0]
    assert [h.text for h in hit.highlights] == ["dockworkers"]
    assert hit.highlights[0].start == HARBOUR.index("dockworkers")
    assert_exact(hit.fragment)
    assert "dockworkers" in hit.snippet


def test_search_syntax_phrase_or_and_exclusion(store):
    assert [h.document for h in store.search('"victory for every family"').items] == [doc_id(HARBOUR)]
    assert {h.document for h in store.search("ferries OR budget").items} == {doc_id(FERRY), doc_id(BUDGET)}
    assert store.search("ferries -inquiry").items == ()
    assert [h.document for h in store.search("union -strike").items] == [doc_id(FERRY)]
    # stemming: "collide" finds "collided"
    assert [h.document for h in store.search("collide").items] == [doc_id(FERRY)]


def test_search_rejects_an_empty_query_and_reads_operators_as_words(store):
    with pytest.raises(CorpusQueryError):
        store.search("  ")
    with pytest.raises(CorpusQueryError):
        store.search('-- ""')
    for hostile in ('"; DROP TABLE documents; --', "NEAR(a b)", "title:x* AND", "' OR 1=1 --"):
        store.search(hostile)
    assert store.stats()["documents"] == 3


def test_search_pages_never_drop_rows_silently(store):
    first = store.search("said", limit=1)
    assert len(first.items) == 1 and first.more
    rest = store.search("said", limit=None, offset=1)
    assert not rest.more
    everything = {h.document for h in first.items + rest.items}
    assert everything == set(TEXTS)


def test_entities_rank_names_by_documents(store):
    page = store.entities(limit=3)
    assert page.items[0].name == "Mara Quintel" and page.items[0].documents == 2 and page.items[0].mentions == 3
    assert page.more
    people = store.entities(type="person", limit=None).items
    assert {e.name for e in people} == {"Mara Quintel", "Tobias Renner", "Ilse Varga"}


def test_entity_profile_by_alias_with_roles_titles_and_mentions(store):
    profile = store.entity("quintel")
    assert profile is not None
    assert profile.name == "Mara Quintel" and profile.types == ("PERSON",)
    assert profile.documents == 2 and profile.mentions == 3
    assert set(profile.aliases) == {"Mara Quintel", "Quintel"}
    assert profile.titles == ("union leader",)
    assert profile.roles == {"actor": 1, "claim_source": 2, "speaker": 2}
    spans = [m for occ in profile.occurrences for m in occ.mentions]
    assert len(spans) == 3
    for m in spans:
        assert_exact(m)
    assert store.entity("Nobody Here") is None
    assert store.entity("x' OR '1'='1") is None


def test_claims_sorted_by_checkworthiness_with_filters(store):
    scores = [c.checkworthiness for c in store.claims(limit=None).items]
    assert scores == sorted(scores, reverse=True) and len(scores) == 8
    assert [c.span.text for c in store.claims(entity="port authority").items] == [
        "The Port Authority agreed on 12 March 2024 to rehire 240 dockworkers"]
    by_speaker = store.claims(speaker="Quintel").items
    assert [c.claim_id for c in by_speaker] == ["C1", "C3"] and {c.document for c in by_speaker} == {doc_id(HARBOUR)}
    assert [c.span.text for c in store.claims(kind="opinion").items] == ["This is a victory for every family"]
    assert [c.checkworthiness for c in store.claims(min_score=0.9).items] == [0.99, 0.97, 0.91]
    # --entity: claims that mention the name (--speaker: claims attributed to it)
    assert [c.document for c in store.claims(entity="Mara Quintel").items] == [doc_id(FERRY)]
    both = store.claims(entity="Port Authority", speaker="Mara Quintel").items
    assert [c.claim_id for c in both] == ["C1"]
    for c in store.claims(limit=None).items:
        assert_exact(c.span)
        if c.cue:
            assert_exact(c.cue)


def test_quotes_by_speaker(store):
    quotes = store.quotes(speaker="Mara Quintel").items
    assert [q.span.text for q in quotes] == ["This is a victory for every family,", "called for an inquiry"]
    assert [q.direct for q in quotes] == [True, False]
    assert all(q.speaker == "Mara Quintel" for q in quotes)
    assert len(store.quotes(limit=None).items) == 3
    for q in store.quotes(limit=None).items:
        assert_exact(q.span)


def test_quotes_carry_speaker_status_confidence_and_candidates(store_url):
    """An uncertain speaker is stored as uncertain, with its candidates; a resolved one as resolved."""
    import dataclasses

    from presslens.model.records import SpeakerCandidate

    analysis = budget()
    sure = analysis.quotes[0]
    unsure = type(sure)("QT2", sure.span, None, sure.cue, sure.direct, sure.source, 0.41,
                        (SpeakerCandidate("E1", 0.41), SpeakerCandidate("E2", 0.2)))
    sure = dataclasses.replace(sure, confidence=0.97, candidates=(SpeakerCandidate("E1", 0.97),))
    s = open_store(store_url)
    try:
        assert s.put_analysis(dataclasses.replace(analysis, quotes=(sure, unsure)), version="v1", source="b.txt",
                              origin="b.txt")
        by_id = {q.quote_id: q for q in s.quotes(limit=None).items}
        assert by_id["QT1"].speaker_status == "resolved" and by_id["QT1"].confidence == pytest.approx(0.97)
        assert by_id["QT2"].speaker is None and by_id["QT2"].speaker_status == "uncertain"
        assert by_id["QT2"].confidence == pytest.approx(0.41)
        assert [(c["entity"], c["name"], c["confidence"]) for c in by_id["QT2"].candidates] == [
            ("E1", "Ilse Varga", 0.41), ("E2", "council", 0.2)]
    finally:
        s.close()


def test_timeline_in_date_order_with_ranges_and_entity(store):
    entries = store.timeline(limit=None).items
    assert [t.date for t in entries] == ["2023", "2024-03-12", "2024-04", None]
    march = store.timeline(date_from="2024-03", date_to="2024-03").items
    assert [t.date for t in march] == ["2024-03-12"]
    # a month-precision entry overlaps a day range inside that month
    assert [t.date for t in store.timeline(date_from="2024-04-20", date_to="2024-12-31").items] == ["2024-04"]
    assert [t.date for t in store.timeline(entity="Quintel").items] == ["2024-04"]
    assert [t.date for t in store.timeline(entity="Port Authority").items] == ["2024-03-12"]
    for t in entries:
        assert_exact(t.evidence)
    with pytest.raises(CorpusQueryError):
        store.timeline(date_from="last week")


def test_stats_counts(store):
    stats = store.stats("v1")
    assert stats["documents"] == 3 and stats["analyses"] == 3 and stats["failures"] == 0
    assert stats["stale"] == 0 and stats["claims"] == 8 and stats["quotes"] == 3
    assert store.stats("v2")["stale"] == 3


def test_results_serialise_with_document_and_span(store):
    data = store.claims(limit=1).to_dict()
    span = data["items"][0]["span"]
    assert set(span) == {"document", "start", "end", "text"}
    assert TEXTS[span["document"]][span["start"] : span["end"]] == span["text"]


def test_analysis_round_trips(store):
    for a in invented():
        assert store.get_analysis(a.document.id).to_dict() == a.to_dict()


def test_claim_entity_links_ignore_unknown_ids(store_url):
    a = budget()
    s = open_store(store_url)
    s.put_analysis(a, version="v1", source="b", origin=None)
    assert s.claims(entity="council").items[0].claim_id == "C1"
    s.close()


def test_harbour_and_ferry_are_distinct_documents():
    assert harbour().document.id != ferry().document.id


def test_an_alias_widens_to_one_canonical_name_but_never_merges_homonyms(store_url):
    from presslens.model.analysis import Analysis
    from presslens.model.document import Document
    from presslens.model.records import Entity
    from presslens.model.span import Span

    def person(text: str, name: str, aliases: tuple[str, ...]) -> Analysis:
        doc = Document(text=text, source=text[:10])
        mentions = tuple(Span(text.index(a), text.index(a) + len(a)) for a in aliases)
        return Analysis(document=doc, entities=(Entity("E1", name, "PERSON", aliases, (), mentions),))

    s = open_store(store_url)
    for a in (person("Anna Berg spoke. Berg left.", "Anna Berg", ("Anna Berg", "Berg")),
              person("Anna Berg arrived early.", "Anna Berg", ("Anna Berg",))):
        s.put_analysis(a, version="v1", source=a.document.source, origin=None)
    assert s.entity("berg").documents == 2  # one canonical name behind the alias: widened
    karl = person("Karl Berg, no relation. Berg smiled.", "Karl Berg", ("Karl Berg", "Berg"))
    s.put_analysis(karl, version="v1", source="karl", origin=None)
    ambiguous = s.entity("berg")
    assert ambiguous.documents == 2 and set(ambiguous.aliases) == {"Anna Berg", "Karl Berg", "Berg"}
    assert s.entity("Anna Berg").documents == 2 and s.entity("Karl Berg").documents == 1
    s.close()
