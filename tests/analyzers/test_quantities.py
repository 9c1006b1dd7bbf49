"""Quantities: values, units, approximation qualifiers and what is counted."""

from __future__ import annotations

import pytest

import presslens
from presslens.analyzers.quantities import parse_number
from presslens.settings import Settings

ONLY = Settings(layers=("quantities",))


def _quantities(text: str) -> dict[str, object]:
    analysis = presslens.analyze(text, settings=ONLY)
    return {analysis.document.text_of(q.span): q for q in analysis.quantities}


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["1,400"], 1400.0),
        (["2.5", "million"], 2_500_000.0),
        (["twenty-five"], 25.0),
        (["seventeen"], 17.0),
        (["two", "hundred", "and", "five"], 205.0),
        (["three", "thousand"], 3000.0),
        (["banana"], None),
    ],
)
def test_quantities_parse_number(words, value):
    assert parse_number(words) == value


def test_quantities_money_with_qualifier_and_purpose():
    found = _quantities("The ministry spent nearly $3 trillion in reconstruction costs over a decade.")
    q = found["$3 trillion"]
    assert q.value == 3e12 and q.unit == "USD"
    assert q.approximate and q.qualifier == "nearly"
    assert q.counts == "reconstruction costs"


def test_quantities_estimate_counts_people():
    found = _quantities("Officials say an estimated 40,000 Sudanese refugees crossed the border.")
    q = found["40,000"]
    assert q.value == 40000 and q.approximate and q.qualifier == "an estimated"
    assert q.counts == "Sudanese refugees"


def test_quantities_spelled_out_and_vague():
    found = _quantities("Rebels fired four mortars at the camp, wounding dozens of recruits.")
    assert found["four"].value == 4 and found["four"].counts == "mortars"
    vague = found["dozens"]
    assert vague.approximate and vague.counts == "recruits" and vague.value >= 12


def test_quantities_units_and_ranges():
    found = _quantities("The refinery lost 2 to 4 million barrels and output fell 7% as 3.5 million tonnes of grain rotted.")
    rng = found["2 to 4 million barrels"]
    assert rng.value == 2e6 and rng.value_max == 4e6 and rng.unit == "barrel" and rng.approximate
    assert found["7%"].unit == "percent" and found["7%"].value == 7
    grain = found["3.5 million tonnes"]
    assert grain.unit == "tonne" and grain.counts == "grain"


def test_quantities_skip_dates_years_names_and_pronoun_one():
    found = _quantities("On March 19, 2003, one of the aides said COVID-19 hit in 2020.")
    assert found == {}


def test_quantities_currency_codes():
    found = _quantities("The council approved €12 million and £4.5 billion for the new line.")
    assert found["€12 million"].unit == "EUR" and found["€12 million"].value == 12e6
    assert found["£4.5 billion"].unit == "GBP" and found["£4.5 billion"].value == 4.5e9


def test_quantities_seed_article(seed_analysis):
    text = seed_analysis.document.text
    by_text = {text[q.span.start : q.span.end]: q for q in seed_analysis.quantities}
    trillion = next(q for t, q in by_text.items() if "trillion" in t)
    assert trillion.value == 2e12 and trillion.unit == "USD" and trillion.approximate
    estimate = next(q for q in seed_analysis.quantities if q.value == 600_000)
    assert estimate.approximate and estimate.qualifier == "an estimated" and "civilians" in estimate.counts
    cases = next(q for q in seed_analysis.quantities if q.value == 1400)
    assert not cases.approximate and "cases" in cases.counts
    assert any(q.value == 15 and "bases" in (q.counts or "") for q in seed_analysis.quantities)
    assert any(q.value == 3 and q.counts == "rockets" for q in seed_analysis.quantities)
    dozens = next(q for q in seed_analysis.quantities if q.qualifier == "dozens")
    assert dozens.approximate and dozens.counts == "soldiers"
