"""Entities of the seed article (read at run time from ../shared/seeds; skipped when absent)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _surface(analysis, span) -> str:
    return analysis.document.text[span.start : span.end]


def _entity_with(analysis, surface: str):
    found = [e for e in analysis.entities if any(_surface(analysis, s) == surface for s in e.mentions)]
    assert found, f"no entity mentions {surface!r}"
    return found[0]


def test_prime_minister_designate_spellings_are_one_person(seed_analysis):
    e = _entity_with(seed_analysis, "Kadhimi")
    assert e.type == "PERSON"
    assert _entity_with(seed_analysis, "Kadhemi") is e
    assert _entity_with(seed_analysis, "Mustafa Kadhimi") is e
    assert any("spy-chief" in t for t in e.titles)


def test_united_states_forms_are_one_entity(seed_analysis):
    us = _entity_with(seed_analysis, "US")
    assert _entity_with(seed_analysis, "United States of America") is us
    assert us.country == "USA" and us.type == "GPE"


def test_baghdad_is_geocoded_to_iraq(seed_analysis):
    e = _entity_with(seed_analysis, "Baghdad")
    assert e.geo is not None and e.geo.country == "IRQ"
    assert 32 < e.geo.lat < 35 and 43 < e.geo.lon < 46


def test_ramadan_and_covid_are_not_people(seed_analysis):
    for e in seed_analysis.entities:
        if e.type == "PERSON":
            texts = {_surface(seed_analysis, s) for s in e.mentions}
            assert not any("Ramadan" in t or "COVID" in t for t in texts), e


def test_every_mention_is_a_trimmed_slice(seed_analysis):
    seen = set()
    for e in seed_analysis.entities:
        for s in e.mentions:
            text = _surface(seed_analysis, s)
            assert text and text == text.strip() and not text.startswith(("the ", "The "))
            assert s not in seen
            seen.add(s)
