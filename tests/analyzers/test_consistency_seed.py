"""Consistency on the seed article: the prime minister's two spellings and the date order."""

from __future__ import annotations

import pytest


def test_seed_name_variant_and_date_order(seed_analysis):
    if not seed_analysis.entities:
        pytest.skip("the entities layer is still the placeholder (no entities on the seed)")
    text = seed_analysis.document.text
    pm = next(e for e in seed_analysis.entities if any("Kadhimi" in a for a in e.aliases))
    variants = [i for i in seed_analysis.inconsistencies if i.kind == "name_variant"]
    assert variants, "the two spellings of the prime minister's name are flagged"
    for found in variants:  # and nothing else is
        assert all(any(m.contains(s) for m in pm.mentions) for s in found.spans)
        assert len({text[s.start : s.end] for s in found.spans}) == 2
    assert any(i.kind == "date_order" for i in seed_analysis.inconsistencies)
    for found in seed_analysis.inconsistencies:
        assert found.message and found.spans
