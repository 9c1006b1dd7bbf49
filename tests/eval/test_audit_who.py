"""The ``who`` audit scorers on hand-built analyses of tiny invented texts (no model needed)."""

from __future__ import annotations

from presslens.eval.audit import who
from presslens.model.analysis import Analysis
from presslens.model.document import Document, Published
from presslens.model.records import Entity, Quantity, Quote, Timex
from presslens.model.span import Span

TEXT = ("Bill Clinton met Hillary Clinton in Ohio. Clinton said the plan was sound. "
        "\"We will win,\" she said. A spokesman said 1,693 days had passed and tens of thousands "
        "of Ohioans, about 26 percent of voters, paid $2.5m. On Tuesday, March 3, 2016, he left.")


def at(phrase: str, nth: int = 1) -> Span:
    """The span of the nth occurrence of a phrase in TEXT."""
    start = -1
    for _ in range(nth):
        start = TEXT.index(phrase, start + 1)
    return Span(start, start + len(phrase))


def pair(phrase: str, nth: int = 1) -> list[int]:
    """The gold ``[start, end]`` of the nth occurrence of a phrase."""
    s = at(phrase, nth)
    return [s.start, s.end]


GOLD_ENTITIES = [
    {"id": "bill", "type": "PERSON", "mentions": [pair("Bill Clinton")]},
    {"id": "hillary", "type": "PERSON", "mentions": [pair("Hillary Clinton"), pair("Clinton", 3)]},
    {"id": "ohio", "type": "GPE", "mentions": [pair("Ohio")]},
    {"id": "ohioans", "type": "NORP", "mentions": [pair("Ohioans")], "also": ["ohio"]},
]


def analysis(**layers) -> Analysis:  # type: ignore[no-untyped-def]
    """An Analysis of TEXT with the given layers."""
    return Analysis(document=Document(text=TEXT), **layers)


def entity(eid: str, etype: str, *spans: Span) -> Entity:
    """A system entity with these mentions."""
    return Entity(eid, "x", etype, mentions=tuple(spans))


# --- matching -----------------------------------------------------------------------------

def test_a_nested_span_pairs_with_the_nested_gold() -> None:
    outer, inner = (0, 100), (40, 60)
    assert who.best_match((42, 58), [outer, inner]) == 1
    assert who.best_match((0, 95), [outer, inner]) == 0
    assert who.best_match((200, 210), [outer, inner]) is None
    assert not who.overlap_ok((0, 10), (9, 30))


# --- entities -----------------------------------------------------------------------------

def test_pure_clusters_are_correct_and_a_merged_surname_is_not() -> None:
    good = analysis(entities=(
        entity("E1", "PERSON", at("Bill Clinton")),
        entity("E2", "PERSON", at("Hillary Clinton"), at("Clinton", 3)),
        entity("E3", "GPE", at("Ohio")),
    ))
    counts = who.score_entities({"entities": GOLD_ENTITIES}, good, TEXT)
    assert (counts["predicted"], counts["correct"], counts["gold"], counts["found"]) == (3, 3, 4, 3)
    assert counts["type_correct"] == 3
    merged = analysis(entities=(entity("E1", "PERSON", at("Bill Clinton"), at("Hillary Clinton"), at("Clinton", 3)),))
    counts = who.score_entities({"entities": GOLD_ENTITIES}, merged, TEXT)
    assert (counts["correct"], counts["merged"]) == (0, 1)
    assert counts["found"] == 2  # Hillary's two mentions stay together; Bill's one is in the same cluster


def test_junk_cluster_is_wrong_and_a_linked_demonym_merge_is_tolerated() -> None:
    result = analysis(entities=(
        entity("E1", "ORG", at("A spokesman")),
        entity("E2", "GPE", at("Ohio"), at("Ohioans")),
        entity("E3", "ORG", at("Bill Clinton")),
    ))
    counts = who.score_entities({"entities": GOLD_ENTITIES}, result, TEXT)
    assert (counts["junk"], counts["correct"], counts["type_correct"]) == (1, 2, 1)


def test_uncertain_clusters_are_kept_apart_from_resolved_ones() -> None:
    """An unattached bare surname (uncertain) is neither right nor wrong, and finds nothing."""
    from dataclasses import replace

    from presslens.model.records import EntityCandidate

    bare = replace(entity("E3", "PERSON", at("Clinton", 3)), uncertain=True,
                   candidates=(EntityCandidate("E1", 0.6), EntityCandidate("E2", 0.4)))
    result = analysis(entities=(entity("E1", "PERSON", at("Bill Clinton")),
                                entity("E2", "PERSON", at("Hillary Clinton")), bare))
    counts = who.score_entities({"entities": GOLD_ENTITIES}, result, TEXT)
    assert (counts["predicted"], counts["correct"], counts["uncertain"]) == (2, 2, 1)
    assert counts["found"] == 1  # Hillary's cluster keeps one of her two mentions: not more than half
    assert counts["mentions_found"] == 3  # the uncertain mention is still found


def test_type_sure_counts_types_at_or_above_the_threshold() -> None:
    from dataclasses import replace

    sure = replace(entity("E1", "ORG", at("Bill Clinton")), type_confidence=who.TYPE_SURE)
    unsure = replace(entity("E2", "PERSON", at("Ohio")), type_confidence=who.TYPE_SURE - 0.1)
    counts = who.score_entities({"entities": GOLD_ENTITIES}, analysis(entities=(sure, unsure)), TEXT)
    assert (counts["type_sure"], counts["type_sure_correct"], counts["type_correct"]) == (1, 0, 0)


# --- quotes --------------------------------------------------------------------------------

QUOTE_GOLD = {
    "entities": GOLD_ENTITIES,
    "quotes": [
        {"content": pair("the plan was sound"), "direct": False, "cue": pair("said"), "speaker": "hillary",
         "speaker_span": pair("Clinton", 3), "speaker_kind": "named"},
        {"content": pair("We will win"), "direct": True, "cue": pair("said", 2), "speaker": "hillary",
         "speaker_span": pair("she"), "speaker_kind": "named"},
        {"content": pair("1,693 days had passed"), "direct": False, "cue": pair("said", 3), "speaker": None,
         "speaker_span": pair("A spokesman"), "speaker_kind": "anonymous"},
    ],
}
ENTS = (entity("E1", "PERSON", at("Bill Clinton")), entity("E2", "PERSON", at("Hillary Clinton"), at("Clinton", 3)))


def test_speaker_precision_counts_only_resolved_quotes() -> None:
    quotes = (
        Quote("Q1", at("the plan was sound"), speaker="E2"),
        Quote("Q2", at("We will win"), speaker="E1"),  # the wrong Clinton
        Quote("Q3", at("1,693 days had passed"), speaker=None),
        Quote("Q4", at("Bill Clinton met"), speaker="E1"),  # no gold quote there
    )
    counts = who.score_quotes(QUOTE_GOLD, analysis(entities=ENTS, quotes=quotes), TEXT)
    assert (counts["predicted"], counts["correct"], counts["gold"], counts["found"]) == (2, 1, 3, 3)
    assert (counts["unresolved"], counts["spurious"]) == (1, 1)
    assert (counts["named_gold"], counts["named_resolved"], counts["named_correct"]) == (2, 2, 1)


def test_a_named_speaker_for_an_anonymous_source_is_wrong_and_alternatives_count() -> None:
    quotes = (Quote("Q1", at("1,693 days had passed"), speaker="E1"),)
    counts = who.score_quotes(QUOTE_GOLD, analysis(entities=ENTS, quotes=quotes), TEXT)
    assert (counts["predicted"], counts["correct"]) == (1, 0)
    gold = {**QUOTE_GOLD, "quotes": [{**QUOTE_GOLD["quotes"][1], "speaker_alternatives": ["bill"]}]}
    counts = who.score_quotes(gold, analysis(entities=ENTS, quotes=(Quote("Q1", at("We will win"), speaker="E1"),)), TEXT)
    assert counts["correct"] == 1


def test_an_unlinked_speaker_entity_is_right_only_on_the_speaker_words() -> None:
    spokesman = entity("E9", "PERSON", at("A spokesman"))
    quotes = (Quote("Q1", at("1,693 days had passed"), speaker="E9"),)
    counts = who.score_quotes(QUOTE_GOLD, analysis(entities=(spokesman,), quotes=quotes), TEXT)
    assert counts["correct"] == 1
    elsewhere = entity("E9", "PERSON", at("Ohio"))
    counts = who.score_quotes(QUOTE_GOLD, analysis(entities=(elsewhere,), quotes=quotes), TEXT)
    assert counts["correct"] == 0


# --- quantities -------------------------------------------------------------------------------

QTY_GOLD = {"quantities": [
    {"span": pair("1,693 days"), "value": 1693, "value_max": None, "unit": "day", "approximate": False,
     "counts": None},
    {"span": pair("tens of thousands"), "value": 10000, "value_max": 100000, "unit": None, "approximate": True,
     "counts": pair("Ohioans")},
    {"span": pair("26 percent"), "value": 26, "value_max": None, "unit": "percent", "approximate": True,
     "counts": pair("voters")},
    {"span": pair("$2.5m"), "value": 2500000, "value_max": None, "unit": "USD", "approximate": False,
     "counts": None},
]}


def test_quantity_value_unit_and_counted_thing() -> None:
    right = (
        Quantity("N1", at("1,693 days"), 1693, unit="days"),
        Quantity("N2", at("tens of thousands"), 10000, value_max=100000, counts="Ohioans"),
        Quantity("N3", at("26 percent"), 26, unit="percentage", counts="voters"),
        Quantity("N4", at("$2.5m"), 2500000, unit="USD"),
    )
    counts = who.score_quantities(QTY_GOLD, analysis(quantities=right), TEXT)
    assert (counts["predicted"], counts["correct"], counts["gold"], counts["found"]) == (4, 4, 4, 4)
    wrong = (
        Quantity("N1", at("693 days"), 693, unit="day"),  # "1,693 days" read as 693
        Quantity("N2", at("tens"), 20, counts="Ohioans"),
        Quantity("N3", at("26 percent"), 26, unit="percent", counts="Ohio"),
        Quantity("N4", at("$2.5m"), 2.5, unit="USD"),
        Quantity("N5", at("2016"), 2016),
    )
    counts = who.score_quantities(QTY_GOLD, analysis(quantities=wrong), TEXT)
    assert (counts["predicted"], counts["correct"], counts["spurious"]) == (5, 0, 1)
    assert (counts["unit_correct"], counts["counts_correct"]) == (4, 3)


def test_word_amounts_sub_units_and_range_ends() -> None:
    gold = {"span": [0, 8], "value": 1000000, "value_max": None, "unit": None, "approximate": True}
    assert who.value_right(gold, 2000000, None, "millions of") and not who.value_right(gold, 2, None, "millions of")
    assert not who.value_right({**gold, "approximate": False}, 2000000, None, "millions of")
    ranged = {"span": [0, 5], "value": 500000, "value_max": 1000000}
    assert who.value_right(ranged, 1000000, None, "x" * 5)
    assert not who.value_right(ranged, 500000, 2000000, "x" * 5)
    cents = Quantity("N1", Span(0, 4), 5, unit="cent")
    assert who._system_reading(cents) == (0.05, None, "USD")
    assert who.norm_unit("gigabytes") == who.norm_unit("GB") == "gb" and who.norm_unit("times") is None


# --- timexes -----------------------------------------------------------------------------------

TIMEX_GOLD = {"timexes": [
    {"span": pair("Tuesday"), "type": "DATE", "value": None, "relative": True},
    {"span": pair("March 3, 2016"), "type": "DATE", "value": "2016-03-03"},
    {"span": pair("1,693 days"), "type": "DURATION", "value": "P1693D"},
]}


def test_timex_values_relative_and_unresolved() -> None:
    timexes = (
        Timex("T1", at("Tuesday"), "DATE", "2016-03-01"),
        Timex("T2", at("March 3, 2016"), "DATE", "2016-03-03"),
        Timex("T3", at("1,693 days"), "DURATION", "P693D"),
        Timex("T4", at("Ohio"), "DATE", "2016"),
    )
    counts = who.score_timexes(TIMEX_GOLD, analysis(timexes=timexes), TEXT)
    assert (counts["predicted"], counts["correct"], counts["gold"], counts["found"]) == (3, 1, 3, 3)
    assert (counts["relative_paired"], counts["relative_committed"], counts["spurious"]) == (1, 1, 1)
    hedged = (Timex("T2", at("March 3, 2016"), "DATE", "XXXX-03-03"), Timex("T3", at("1,693 days"), "DATE", "PAST_REF"))
    counts = who.score_timexes(TIMEX_GOLD, analysis(timexes=hedged), TEXT)
    assert (counts["predicted"], counts["uncertain"], counts["found"]) == (0, 2, 2)


# --- published ---------------------------------------------------------------------------------

def dated(value: str | None) -> Analysis:
    """An analysis whose document shows this publication date."""
    return Analysis(document=Document(text=TEXT, published=Published(value, inferred=True)))


def test_published_levels_and_bounds() -> None:
    true = {"published": "2016-09-25"}
    assert who.score_published(true, dated("2016-09-25"), TEXT)["day_correct"] == 1
    month = who.score_published(true, dated("2016-09"), TEXT)
    assert (month["correct"], month["month_correct"], month["day_correct"]) == (1, 1, 0)
    wrong = who.score_published(true, dated("2000"), TEXT)
    assert (wrong["predicted"], wrong["correct"], wrong["year_correct"]) == (1, 0, 0)
    assert who.score_published(true, dated(None), TEXT)["predicted"] == 0
    bounds = {"published": None, "published_bounds": ["2005-01-01", "2005-12-31"]}
    assert who.score_published(bounds, dated("2005-03"), TEXT)["correct"] == 1
    assert who.score_published(bounds, dated("2004"), TEXT)["correct"] == 0
    assert who.score_published({}, dated("2004"), TEXT)["gold"] == 0
    assert who.period("2016-12") == (who.date(2016, 12, 1), who.date(2016, 12, 31), "month")
