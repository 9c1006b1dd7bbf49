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
    assert {"2003-03-19", "2019-12-31", "2020-01-03", "2020-01-05", "2020-06"} <= every
    assert {"2020-04-13", "2020-04-14", "2020-04-19", "2020-04-23"} <= every


def test_seed_modifiers_and_chain(seed_analysis) -> None:  # type: ignore[no-untyped-def]
    by_mod = {(t.value, t.mod) for t in seed_analysis.timexes}
    assert ("2020-03", "END") in by_mod and ("2020-04", "START") in by_mod
    chained = [t for t in seed_analysis.timexes if t.implies == "2020-01-05"]
    assert chained and chained[0].anchor and chained[0].anchor.split(":")[0].startswith("T")
    anchor = next(t for t in seed_analysis.timexes if t.id == chained[0].anchor.split(":")[0])
    assert anchor.value == "2020-01-03"
    durations = {t.value for t in seed_analysis.timexes if t.type == "DURATION"}
    assert "P8Y" in durations


def test_seed_published_inferred(seed_analysis) -> None:  # type: ignore[no-untyped-def]
    pub = seed_analysis.document.published
    assert pub.value == "2020-04" and pub.inferred
    assert len(pub.evidence) >= 2 and pub.confidence is not None
    texts = [seed_analysis.document.text_of(s) for s in pub.evidence]
    assert any("2003" in t for t in texts)
