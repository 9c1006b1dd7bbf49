"""Calendar arithmetic and value parsing of the timexes layer (pure functions)."""

from __future__ import annotations

from datetime import date

import pytest

from presslens.analyzers.timexes.calendar import fmt, parse_value, pick_weekday, pick_year, shifted_value
from presslens.analyzers.timexes.resolve import dct_from_value

REF = date(2020, 4, 15)  # a Wednesday


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-04-19", (date(2020, 4, 19), "day")),
        ("2020-04", (date(2020, 4, 1), "month")),
        ("2020", (date(2020, 1, 1), "year")),
        ("2020-Q3", (date(2020, 7, 1), "quarter")),
        ("2020-SU", (date(2020, 6, 1), "season")),
        ("PAST_REF", None),
        ("2020-13", None),
    ],
)
def test_parse_value(value: str, expected: tuple[date, str] | None) -> None:
    assert parse_value(value) == expected


def test_format_and_shift_at_each_granularity() -> None:
    assert fmt(REF, "week") == "2020-W16" and fmt(REF, "weekend") == "2020-W16-WE"
    assert fmt(REF, "quarter") == "2020-Q2" and fmt(REF, "decade") == "202" and fmt(REF, "century") == "20"
    assert shifted_value(REF, "day", -1) == "2020-04-14"
    assert shifted_value(REF, "month", -3) == "2020-01"
    assert shifted_value(REF, "year", -17) == "2003"
    assert shifted_value(date(2020, 1, 31), "month", 1) == "2020-02"


def test_pick_year_by_tense_and_direction() -> None:
    assert pick_year(REF, 1, 3, "past") == 2020
    assert pick_year(REF, 12, 31, "past") == 2019
    assert pick_year(REF, 1, 3, "future") == 2021
    assert pick_year(REF, 5, 2, "past") == 2020  # within a month ahead: a deadline, same year
    assert pick_year(REF, 6, 0, "unknown") == 2020
    assert pick_year(REF, 4, 0, "unknown", direction=-1) == 2019  # "last April"
    assert pick_year(date(2021, 1, 20), 4, 25, "past", weekday=5) == 2020  # Saturday, April 25


def test_pick_weekday() -> None:
    assert pick_weekday(REF, 0, "past") == date(2020, 4, 13)
    assert pick_weekday(REF, 4, "future") == date(2020, 4, 17)
    assert pick_weekday(REF, 2, "past") == REF
    assert pick_weekday(REF, 2, "unknown", direction=-1) == date(2020, 4, 8)
    assert pick_weekday(REF, 3, "unknown") == date(2020, 4, 16)


def test_dct_from_value_accepts_iso_and_plain_dates() -> None:
    dct = dct_from_value("April 15, 2020")
    assert dct is not None and dct.value == "2020-04-15" and dct.gran == "day"
    month = dct_from_value("2020-04")
    assert month is not None and month.gran == "month"
    assert dct_from_value("not a date") is None
