"""Claims on the seed article (read at run time from ../shared; skipped when absent).

No seed sentence is copied here: claims are located by structure (the only
"an estimated" hedge, the first paragraph, the claim citing a ministry).
"""

from __future__ import annotations

import pytest


def _text(analysis, span) -> str:
    return analysis.document.text[span.start : span.end]


def test_unattributed_casualty_estimate(seed_analysis):
    a = seed_analysis
    hedged = [c for c in a.claims if any(_text(a, h).lower() == "an estimated" for h in c.hedges)]
    assert len(hedged) == 1
    claim = hedged[0]
    assert claim.kind == "factual"
    assert claim.attribution.type == "author"
    scores = sorted(c.checkworthiness for c in a.claims)
    assert claim.checkworthiness >= scores[int(len(scores) * 0.75)]
    assert "casualty figure" in claim.reasons


def test_opening_lines_are_never_resolved_as_fact(seed_analysis):
    """The opening is the author's interpretation; its first sentence is also a sweeping causal
    claim, factual by the labelling convention: each unit is opinion, or left uncertain with
    opinion among its likeliest kinds, and at least one is resolved as opinion."""
    a = seed_analysis
    first_para = next(p.span for p in a.document.paragraphs if p.kind == "paragraph")
    opening = [c for c in a.claims if first_para.contains(c.span)]
    assert len(opening) >= 2
    assert any(c.kind == "opinion" and not c.uncertain for c in opening)
    assert all(c.kind == "opinion" or (c.uncertain and "opinion" in {k.kind for k in c.kind_candidates})
               for c in opening)


def test_ministry_figures_are_attributed(seed_analysis):
    a = seed_analysis
    cited = [c for c in a.claims if "ministry" in _text(a, c.span).lower() and c.quantities]
    assert cited, "no claim with figures citing a ministry"
    att = cited[0].attribution
    if not a.entities and not a.quotes:
        pytest.skip("entities and quotes layers are empty")
    assert att.type in ("named", "document", "anonymous")
    speaker = a.entity(att.source)
    where = (_text(a, att.cue) if att.cue else "") + " " + (speaker.name if speaker else "")
    assert "ministry" in where.lower()


def test_headings_are_other_and_scores_in_range(seed_analysis):
    a = seed_analysis
    headings = [p.span for p in a.document.paragraphs if p.kind == "heading"]
    in_heading = [c for c in a.claims if any(h.contains(c.span) for h in headings)]
    assert in_heading and all(c.kind == "other" for c in in_heading)
    assert all(0.0 <= c.checkworthiness <= 1.0 for c in a.claims)
    assert all(c.reasons for c in a.claims if c.kind == "factual")
