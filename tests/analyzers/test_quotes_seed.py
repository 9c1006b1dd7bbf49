"""Quotes on the seed article: every direct quote goes to the right speaker."""

from __future__ import annotations

import pytest


def _entity_named(analysis, surname: str):
    """The entity one of whose aliases contains ``surname`` (skip when entities are a placeholder)."""
    if not analysis.entities:
        pytest.skip("the entities layer is still the placeholder (no entities on the seed)")
    found = [e for e in analysis.entities if any(surname in a for a in (e.name, *e.aliases))]
    assert found, f"no entity named like {surname!r}"
    return found[0]


def test_direct_quotes_have_the_right_speakers(seed_analysis):
    pm = _entity_named(seed_analysis, "Kadhimi")
    leader = _entity_named(seed_analysis, "Khamenei")
    caretaker = _entity_named(seed_analysis, "Abdul-Mahdi")
    direct = [q for q in seed_analysis.quotes if q.direct]
    speakers = [q.speaker for q in direct]
    assert speakers.count(pm.id) >= 2, "the prime minister's two quotes"
    assert speakers.count(leader.id) >= 1, "the Iranian leader's quote"
    assert set(speakers) <= {pm.id, leader.id, caretaker.id}, "no scare quote is taken for speech"


def test_reported_speech_speakers_and_sources(seed_analysis):
    text = seed_analysis.document.text
    _entity_named(seed_analysis, "Kadhimi")
    by_id = {e.id: e for e in seed_analysis.entities}
    for q in seed_analysis.quotes:
        assert q.id.startswith("QT")
        if q.source is not None and q.speaker is not None:
            source = text[q.source.start : q.source.end].lower()
            entity = by_id[q.speaker]
            pronoun = source in ("he", "she", "it", "they", "who")
            named = any(part.lower() in source for a in entity.aliases for part in a.split())
            titled = any(word in source for t in entity.titles for word in t.lower().split())
            assert pronoun or named or titled or entity.type != "PERSON", (source, entity.name)
