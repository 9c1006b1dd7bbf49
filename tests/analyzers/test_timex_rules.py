"""Rule families of the timexes layer on invented sentences (values per TimeML / TIMEX3)."""

from __future__ import annotations

import pytest

import presslens
from presslens.settings import Settings

SETTINGS = Settings(layers=("timexes",), require_english=False)


def tag(text: str, published: str | None = "2020-04-15") -> list[tuple[str, str, str, str | None]]:
    """(surface, type, value, mod) of every timex found in ``text``."""
    analysis = presslens.analyze(text, published=published, settings=SETTINGS)
    out = []
    for t in analysis.timexes:
        assert analysis.document.text[t.span.start : t.span.end].strip()
        out.append((analysis.document.text[t.span.start : t.span.end], t.type, t.value, t.mod))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The treaty was signed on March 19, 2003 in Geneva.", ("March 19, 2003", "DATE", "2003-03-19", None)),
        ("The treaty was signed on 19 March 2003 in Geneva.", ("19 March 2003", "DATE", "2003-03-19", None)),
        ("The file is dated 2003-03-19 and stamped.", ("2003-03-19", "DATE", "2003-03-19", None)),
        ("The mill closed in 1987 after a strike.", ("1987", "DATE", "1987", None)),
        ("Prices soared in the 1990s across the region.", ("the 1990s", "DATE", "199", None)),
        ("Railways spread in the 19th century.", ("the 19th century", "DATE", "18", None)),
        ("Sales fell in the third quarter of 2019.", ("the third quarter of 2019", "DATE", "2019-Q3", None)),
        ("The pool opened in summer 2018.", ("summer 2018", "DATE", "2018-SU", None)),
        ("Wages rose in September 2019.", ("September 2019", "DATE", "2019-09", None)),
        ("Output dipped in the mid-1980s.", ("the mid-1980s", "DATE", "198", "MID")),
    ],
)
def test_explicit_dates(text: str, expected: tuple[str, str, str, str | None]) -> None:
    assert expected in tag(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ferry sank on January 3, officials said.", ("January 3", "DATE", "2020-01-03", None)),
        ("The council will vote on June 2.", ("June 2", "DATE", "2020-06-02", None)),
        ("The festival took place in June.", ("June", "DATE", "2019-06", None)),
        ("The strike began in early April.", ("early April", "DATE", "2020-04", "START")),
        ("Floods hit the valley in late March.", ("late March", "DATE", "2020-03", "END")),
        ("Talks resumed in mid-February.", ("mid-February", "DATE", "2020-02", "MID")),
        ("The mayor resigned on Monday.", ("Monday", "DATE", "2020-04-13", None)),
        ("The mayor will resign on Friday.", ("Friday", "DATE", "2020-04-17", None)),
        ("The bridge reopened last week.", ("last week", "DATE", "2020-W15", None)),
        ("The budget passed last year.", ("last year", "DATE", "2019", None)),
        ("Elections are due next month.", ("next month", "DATE", "2020-05", None)),
        ("Exports grew this year.", ("this year", "DATE", "2020", None)),
        ("The dam burst seventeen years ago.", ("seventeen years ago", "DATE", "2003", None)),
        ("The minister spoke yesterday.", ("yesterday", "DATE", "2020-04-14", None)),
        ("The minister speaks today.", ("today", "DATE", "2020-04-15", None)),
        ("The minister will speak tomorrow.", ("tomorrow", "DATE", "2020-04-16", None)),
        ("Exports rose earlier this year.", ("earlier this year", "DATE", "2020", "START")),
        ("The vote is expected in the spring of 2021.", ("the spring of 2021", "DATE", "2021-SP", None)),
        ("The shop burned down on Thanksgiving Day.", ("Thanksgiving Day", "DATE", "2019-11-28", None)),
        ("Pilgrims gathered at Easter 2016.", ("Easter 2016", "DATE", "2016-03-27", None)),
    ],
)
def test_anchored_to_document_date(text: str, expected: tuple[str, str, str, str | None]) -> None:
    assert expected in tag(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The siege lasted eight years.", ("eight years", "DURATION", "P8Y", None)),
        ("The talks took three weeks.", ("three weeks", "DURATION", "P3W", None)),
        ("They endured almost two decades of war.", ("almost two decades", "DURATION", "P20Y", "APPROX")),
        ("The flight took about five hours.", ("five hours", "DURATION", "PT5H", "APPROX")),
        ("The march lasted 2 1/2 hours.", ("2 1/2 hours", "DURATION", "PT2H30M", None)),
        ("Rents rose over the past two years.", ("the past two years", "DURATION", "P2Y", None)),
        ("A two-year contract was signed.", ("two-year", "DURATION", "P2Y", None)),
        ("Sales stalled for several months.", ("several months", "DURATION", "PXM", None)),
    ],
)
def test_durations(text: str, expected: tuple[str, str, str, str | None]) -> None:
    assert expected in tag(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The town is now calm.", ("now", "DATE", "PRESENT_REF", None)),
        ("The firm currently employs 40 people.", ("currently", "DATE", "PRESENT_REF", None)),
        ("The museum recently reopened.", ("recently", "DATE", "PAST_REF", None)),
        ("Robots will do this in the future.", ("the future", "DATE", "FUTURE_REF", None)),
        ("The board meets every year.", ("every year", "SET", "P1Y", None)),
        ("The paper is published weekly.", ("weekly", "SET", "P1W", None)),
        ("The market opens every Tuesday.", ("every Tuesday", "SET", "XXXX-WXX-2", None)),
        ("The alarm rang at 7:15 p.m. yesterday.", ("7:15 p.m. yesterday", "TIME", "2020-04-14T19:15", None)),
        ("The alarm rang this morning.", ("this morning", "TIME", "2020-04-15TMO", None)),
    ],
)
def test_references_sets_times(text: str, expected: tuple[str, str, str, str | None]) -> None:
    assert expected in tag(text)


def test_extent_excludes_prepositions_and_keeps_modifiers() -> None:
    found = {s for s, *_ in tag("On April 2 and in 1999, for nearly three years, by early May.")}
    assert {"April 2", "1999", "nearly three years", "early May"} <= found


def test_quantities_and_modal_words_are_not_dates() -> None:
    assert tag("He is 52 years old and may march with 2000 troops.") == []


def test_narrative_reference_for_later_and_next_day() -> None:
    found = tag("The siege began on May 4, 1941. Two days later the city fell. The next day it rained.",
                published=None)
    assert ("Two days later", "DATE", "1941-05-06", None) in found
    assert ("The next day", "DATE", "1941-05-07", None) in found


def test_event_chain_anchors_to_the_dated_event() -> None:
    text = ("The rebels were defeated on March 2, 2015. Trade resumed in 2016. "
            "Three days after the defeat, the governor resigned.")
    analysis = presslens.analyze(text, published="2017-01-10", settings=SETTINGS)
    chained = [t for t in analysis.timexes if analysis.document.text_of(t.span) == "Three days"]
    assert chained and (chained[0].type, chained[0].value) == ("DURATION", "P3D")  # TimeML: "after" is a signal
    assert chained[0].implies == "2015-03-05"
    assert chained[0].anchor is not None and chained[0].anchor.startswith("T1")


def test_weekday_in_date_fixes_the_year() -> None:
    assert ("Saturday, April 25", "DATE", "2020-04-25", None) in tag("It opened on Saturday, April 25.", "2021-01-20")


def test_without_any_date_relative_values_stay_underspecified() -> None:
    found = tag("He came back yesterday and will leave in June.", published=None)
    values = {v for _, _, v, _ in found}
    assert "PAST_REF" in values and "XXXX-06" in values


def test_an_unsure_document_date_is_withheld_and_anchors_nothing() -> None:
    text = ("Twelve years ago, on May 2, 2008, the factory burned down. "
            "On March 3 the owners announced a new plant. "
            "The plant is expected to open before March 20 next year.")
    analysis = presslens.analyze(text, settings=SETTINGS)
    pub = analysis.document.published
    assert pub.inferred and pub.value is None and pub.confidence is None
    assert pub.candidates and all(c.confidence < 0.8 for c in pub.candidates)  # the shipped threshold
    found = {analysis.document.text_of(t.span): t.value for t in analysis.timexes}
    assert found["March 3"] == "XXXX-03-03" and found["next year"] == "FUTURE_REF"
    assert found["May 2, 2008"] == "2008-05-02"


def test_a_quoted_relative_date_takes_the_time_of_the_speech() -> None:
    text = "\u201cNext year we will open a second plant,\u201d the owner said in 2012. The plant never opened."
    analysis = presslens.analyze(text, published="2019-05-01", settings=SETTINGS)
    found = {analysis.document.text_of(t.span): t for t in analysis.timexes}
    quoted = found["Next year"]
    best = quoted.candidates[0].value if quoted.candidates else quoted.value
    assert best == "2013" and quoted.anchor == found["2012"].id  # not 2020, the year after the article
    assert quoted.value in ("2013", "FUTURE_REF")  # shown, or withheld as uncertain: never 2020


def test_one_weekday_names_one_date_in_an_article() -> None:
    text = ("The minister resigned on Friday. Protesters will gather outside parliament on Friday, "
            "organisers said. On Friday evening the streets were quiet.")
    analysis = presslens.analyze(text, published="2021-03-10", settings=SETTINGS)
    fridays = [t.value for t in analysis.timexes if analysis.document.text_of(t.span) == "Friday"]
    assert len(fridays) == 2 and len(set(fridays)) == 1


def test_given_published_wins_over_inference() -> None:
    analysis = presslens.analyze("Ten years ago, on May 2, 2008, it burned.", published="2019-05-01",
                                 settings=SETTINGS)
    assert analysis.document.published.value == "2019-05-01"
    assert not analysis.document.published.inferred
    assert analysis.timexes[0].value == "2009"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # TimeML: "earlier"/"later" before a day word lies inside the extent and sets no mod,
        # while "early"/"late" mark the start or end of the day.
        ("The minister spoke earlier today about the harbour.", ("earlier today", "DATE", "2020-04-15", None)),
        ("The ferry left late yesterday from the pier.", ("late yesterday", "DATE", "2020-04-14", "END")),
    ],
)
def test_earlier_later_day_words(text: str, expected: tuple[str, str, str, str | None]) -> None:
    assert expected in tag(text)
