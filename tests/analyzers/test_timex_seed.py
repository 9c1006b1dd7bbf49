"""The seed article's dates and inferred publication date (runs when ../shared/seeds is present)."""

from __future__ import annotations

from collections import defaultdict


def _values(analysis) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    out: dict[str, set[str]] = defaultdict(set)
    for t in analysis.timexes:
        out[" ".join(analysis.document.text_of(t.span).split())].add(t.value)
    return out


def test_seed_dates_resolve(seed_analysis) -> None:  # type: ignore[no-untyped-def]
    values = _values(seed_analysis)
    every = set().union(*values.values()) | {t.implies for t in seed_analysis.timexes if t.implies}
    for year in ("1979", "1996", "2003", "2011", "2014", "2017"):
        assert year in every
    assert {"2003-03-19", "2019-12-31"} <= every
    # the article gives no date of its own that presslens can trust: dates that need one stay
    # underspecified (the year missing), never anchored to a guess
    assert {"XXXX-01-03", "XXXX-04-13", "XXXX-04-19", "XXXX-06"} <= every


def test_seed_modifiers_and_chain(seed_analysis) -> None:  # type: ignore[no-untyped-def]
    by_mod = {(t.value, t.mod) for t in seed_analysis.timexes}
    assert ("XXXX-03", "END") in by_mod and ("XXXX-04", "START") in by_mod
    durations = {t.value for t in seed_analysis.timexes if t.type == "DURATION"}
    assert "P8Y" in durations and "P20Y" in durations


def test_seed_published_withheld_with_candidates(seed_analysis) -> None:  # type: ignore[no-untyped-def]
    pub = seed_analysis.document.published
    assert pub.inferred and pub.value is None and pub.confidence is None
    assert pub.candidates and all(0.0 <= c.confidence < 0.8 for c in pub.candidates)
