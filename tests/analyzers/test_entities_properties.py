"""Invariants of the entities layer on generated news-like sentences (hypothesis)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presslens.analyzers.entities import extract_entities
from presslens.analyzers.entities.lexicon import load_lexicon
from presslens.resources.gazetteer import load_gazetteer

pytestmark = pytest.mark.slow

PIECES = [
    "President", "PM", "Mr", "the", "former spy-chief", "Ana Lopez", "Lopez", "Lopes", "Kabul", "Iraqi",
    "the US", "America", "United States", "Ramadan", "COVID-19", "said", "met", "in", "Paris", ",",
    "the Central Bank", "CB", "Minister of Transport", "Ivo Marek", "Marek's", "(", ")", "Embassy",
    "the Kenyan Embassy", "North", "on Monday", ".", "Dr.", "Sayyed", "Ali Reza", "al-Reza", "-",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
def test_mentions_are_clean_disjoint_slices(nlp, pieces):
    text = " ".join(pieces)
    ents = extract_entities(nlp(text), load_lexicon(), load_gazetteer(), text)
    spans = sorted(s for e in ents for s in e.mentions)
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start, (a, b)
    for e in ents:
        assert e.mentions and list(e.mentions) == sorted(e.mentions) and e.name
        for s in e.mentions:
            piece = text[s.start : s.end]
            assert 0 <= s.start < s.end <= len(text) and piece == piece.strip()
        assert e.country is None or (len(e.country) == 3 and e.country.isupper())
    assert [e.id for e in ents] == [f"E{i}" for i in range(1, len(ents) + 1)]
    firsts = [e.mentions[0].start for e in ents]
    assert firsts == sorted(firsts)


@pytest.mark.parametrize("text", ["", "   ", "!!!", "President", "Mr", "the the the", "Minister of"])
def test_degenerate_texts_give_no_entities(nlp, text):
    assert extract_entities(nlp(text), load_lexicon(), load_gazetteer(), text) == ()
