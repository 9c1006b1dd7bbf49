"""Quantities v2: the kinds of error issue 10 names, each written as a rule of English amounts."""

from __future__ import annotations

import math

import pytest

import presslens
from presslens.settings import Settings

ONLY = Settings(layers=("quantities",), require_english=False)


def _found(text: str) -> dict[str, object]:
    analysis = presslens.analyze(text, settings=ONLY)
    return {analysis.document.text_of(q.span): q for q in analysis.quantities}


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The siege of the port lasted 2,417 days in all.", "2,417 days", 2417, "day"),
        ("The miners were trapped for seventeen hours.", "seventeen hours", 17, "hour"),
        ("The lender wrote off $3.8m of bad loans.", "$3.8m", 3.8e6, "USD"),
        ("Shipping firms lost £2.7bn last year.", "£2.7bn", 2.7e9, "GBP"),
        ("A grant of €450k went to the museum.", "€450k", 4.5e5, "EUR"),
        ("Each ticket costs 80 pence more.", "80 pence", 0.8, "GBP"),
        ("The road climbs 1,200 metres above the valley.", "1,200 metres", 1200, "metre"),
        ("Temperatures fell to -5C overnight in the hills.", "-5C", -5, "degree Celsius"),
        ("The drive has 512GB of space.", "512GB", 512, "gigabyte"),
    ],
)
def test_amounts_with_their_unit(text, surface, value, unit):
    q = _found(text)[surface]
    assert math.isclose(q.value, value) and q.unit == unit


def test_more_than_a_fraction_keeps_the_fraction_and_the_qualifier():
    q = _found("More than two-fifths of the tenants signed the petition.")["two-fifths"]
    assert math.isclose(q.value, 0.4) and q.approximate and q.qualifier == "more than"
    assert q.kind == "fraction" and q.counts == "tenants"


def test_tens_of_thousands_is_one_vague_amount():
    found = _found("Tens of thousands of farmers blocked the motorways.")
    assert list(found) == ["Tens of thousands"]
    q = found["Tens of thousands"]
    assert 1e4 <= q.value < 1e5 and q.approximate and q.counts == "farmers"


@pytest.mark.parametrize(
    ("text", "surface", "years"),
    [
        ("A 34-year-old nurse was among the injured.", "34-year-old", 34),
        ("The cyclist, aged 19, was taken to hospital.", "19", 19),
        ("She became a judge at the age of 41.", "41", 41),
    ],
)
def test_ages_are_read_in_years(text, surface, years):
    q = next(q for s, q in _found(text).items() if surface in s)
    assert q.value == years and q.unit == "year" and q.kind == "age"


def test_percentages_say_what_they_measure():
    found = _found("Youth unemployment rose to 14.5% in the spring.")
    q = found["14.5%"]
    assert q.unit == "percent" and q.counts == "Youth unemployment"
    share = _found("Some 38 per cent of the nurses voted to strike.")["38 per cent"]
    assert share.counts == "nurses" and share.approximate


@pytest.mark.parametrize(
    "text",
    [
        "The final of the Six Nations drew a big crowd.",
        "The index tracks Fortune 500 firms.",
        "She spoke to Radio 4 listeners about the plan.",
        "The Apollo 13 crew returned safely.",
        "Engineers grounded the F-16 fleet.",
        "One of the engineers said the bridge was safe.",
        "The two spoke by phone after the vote.",
        "He called it a one-off payment.",
        "The ferry left at 0600 GMT.",
    ],
)
def test_numbers_that_are_not_amounts(text):
    assert _found(text) == {}


def test_a_tally_is_two_counts_not_a_range():
    found = _found("The council backed the plan by 31 votes to 12.")
    assert found["31"].value == 31 and found["31"].value_max is None
    assert found["12"].value == 12


def test_a_range_takes_the_scale_of_its_upper_bound():
    q = _found("The floods displaced 4 to 6 million people.")["4 to 6 million"]
    assert (q.value, q.value_max) == (4e6, 6e6) and q.approximate and q.counts == "people"


def test_ratios_multiples_and_rates():
    found = _found("One in eight households had no heating, and bills have doubled; staff earn £14 an hour.")
    assert math.isclose(found["One in eight"].value, 0.125) and found["One in eight"].counts == "households"
    assert found["doubled"].value == 2 and found["doubled"].kind == "multiple"
    assert found["£14"].per == "hour"


def test_every_reading_has_a_calibrated_confidence():
    for q in _found("Nearly 900 homes lost power and repairs cost £3.2m.").values():
        assert q.confidence is not None and 0.0 <= q.confidence <= 1.0
        assert q.uncertain == (q.confidence < 0.9)  # the shipped threshold
