"""Audit scorers of the ``what`` group on hand-built analyses of an invented article."""

from __future__ import annotations

import pytest

from presslens.eval.audit.what import (
    LAYERS,
    polarity,
    score,
    status_compatible,
    technique_group,
)
from presslens.model.analysis import Analysis
from presslens.model.document import Document
from presslens.model.records import Attribution, Claim, Entity, Event, Genre, Technique
from presslens.model.span import Span

TEXT = (
    "Dock workers walked out on Monday after the port authority fined the union. "
    "The harbour master said the stoppage cost 2 million euros. "
    "Critics say the fine is a disgrace and went on the offensive against him. "
    "If the union had blocked the gates, police would have arrested the leaders."
)


def at(words: str, nth: int = 1) -> Span:
    """Span of the nth occurrence of ``words`` in TEXT."""
    pos = -1
    for _ in range(nth):
        pos = TEXT.index(words, pos + 1)
    return Span(pos, pos + len(words))


def pair(words: str, nth: int = 1) -> list[int]:
    """Gold ``[start, end]`` of the nth occurrence of ``words``."""
    s = at(words, nth)
    return [s.start, s.end]


def sentence(n: int) -> Span:
    """Span of sentence n (1-based) of TEXT."""
    parts = TEXT.split(". ")
    start = sum(len(p) + 2 for p in parts[: n - 1])
    end = start + len(parts[n - 1]) + (1 if n < len(parts) else 0)
    return Span(start, end)


def analysis(**layers) -> Analysis:
    """An Analysis of TEXT with the given layers."""
    return Analysis(document=Document(text=TEXT), **layers)


def event(words: str, typ: str, status: str = "happened", negated: bool = False, actors: tuple[str, ...] = ()) -> Event:
    """A system event on ``words``."""
    return Event(id=f"V{words}", type=typ, trigger=at(words), sentence=Span(0, 1), status=status,  # type: ignore[arg-type]
                 negated=negated, actor_spans=tuple(at(a) for a in actors))


GOLD_EVENTS = {
    "events": [
        {"trigger": pair("fined"), "type": "SANCTION", "status": "happened", "negated": False,
         "actor": [pair("the port authority")], "target": [pair("the union")], "date": None},
        {"trigger": pair("walked out"), "type": "PROTEST", "status": "happened", "negated": False,
         "actor": [pair("Dock workers")], "target": [], "date": None},
        {"trigger": pair("blocked"), "type": "PROTEST", "status": "hypothetical", "negated": False,
         "actor": [], "target": [], "date": None},
        {"trigger": pair("arrested"), "type": "COERCE", "status": "hypothetical", "negated": False,
         "actor": [pair("police")], "target": [], "date": None},
    ],
    "event_non_triggers": [{"span": pair("went on the offensive"), "why": "metaphor"}],
}


def test_layers_are_the_four_of_the_brief():
    assert LAYERS == ("events", "claims", "techniques", "genre")


@pytest.mark.parametrize(("gold", "system", "ok"), [
    (("happened", False), ("happened", False), True),
    (("happened", False), ("reported", False), True),       # same assertion, other voice
    (("reported", False), ("happened", False), True),
    (("happened", True), ("happened", False), False),       # negation lost
    (("happened", True), ("denied", False), True),          # both say it did not occur
    (("hypothetical", False), ("happened", False), False),  # a conditional shown as fact
    (("planned", False), ("hypothetical", False), False),
    (("demanded", False), ("demanded", False), True),
    (("planned", True), ("planned", False), False),
])
def test_status_compatibility(gold, system, ok):
    assert status_compatible(gold[0], gold[1], system[0], system[1]) is ok


def test_polarity_names():
    assert polarity("reported", False) == "asserted"
    assert polarity("denied", False) == "negative"
    assert polarity("planned", True) == "planned-neg"


def test_events_correct_needs_type_and_compatible_status():
    a = analysis(events=(
        event("fined", "SANCTION", "reported", actors=("the port authority",)),  # correct, actor agrees
        event("walked out", "RETREAT"),                  # type error
        event("arrested", "COERCE", "happened"),         # status error: hypothetical shown as fact
        event("offensive", "ASSAULT"),                   # on a labelled metaphor
        event("Critics", "ACCUSE"),                      # nothing there
        event("blocked", "PROTEST", "hypothetical"),     # correct, no gold actor
    ))
    c = score("events", GOLD_EVENTS, a, TEXT)
    assert (c["predicted"], c["correct"]) == (6, 2)
    assert (c["type_error"], c["status_error"], c["on_non_trigger"], c["spurious"]) == (1, 1, 1, 1)
    assert c["gold"] == 4
    assert c["found"] == 3            # fined, blocked, arrested (type right, status aside)
    assert c["found_any_type"] == 4   # walked out is covered, by the wrong type
    assert c["status_exact"] == 1     # reported vs happened is compatible, not exact
    assert (c["actor_checked"], c["actor_agree"]) == (1, 1)


def test_event_actor_disagreement_is_counted():
    a = analysis(events=(event("fined", "SANCTION", actors=("the union",)),))
    c = score("events", GOLD_EVENTS, a, TEXT)
    assert (c["correct"], c["actor_checked"], c["actor_agree"]) == (1, 1, 0)


def test_uncertain_events_leave_precision_but_count_for_coverage_and_calibration():
    from dataclasses import replace

    a = analysis(events=(
        replace(event("fined", "SANCTION"), confidence=0.9),                     # resolved, right
        replace(event("offensive", "ASSAULT"), confidence=0.3, uncertain=True),  # uncertain, wrong
        replace(event("blocked", "PROTEST", "hypothetical"), confidence=0.45, uncertain=True),  # uncertain, right
    ))
    c = score("events", GOLD_EVENTS, a, TEXT)
    assert (c["predicted"], c["correct"], c["uncertain"], c["uncertain_right"]) == (1, 1, 2, 1)
    assert (c["found"], c["found_resolved"]) == (2, 1)
    assert c["conf_n"] == 3 and c["brier_e4"] == 100 + 900 + 3025
    assert (c["cal4_n"], c["cal4_right"], c["cal1_n"], c["cal2_n"], c["cal2_right"]) == (1, 1, 1, 1, 1)
    assert c["cal4_conf_e4"] == 9000


def test_no_system_events_gives_zero_precision_base_and_zero_coverage():
    c = score("events", GOLD_EVENTS, analysis(), TEXT)
    assert (c["predicted"], c["correct"], c["gold"], c["found"]) == (0, 0, 4, 0)


MAYOR = Entity(id="E1", name="harbour master", type="PERSON", mentions=(at("The harbour master"),))
UNION = Entity(id="E2", name="union", type="ORG", mentions=(at("the union"),))
GOLD_CLAIMS = {"claims": [
    {"span": [sentence(1).start, sentence(1).end], "kind": "factual", "checkworthy": "yes",
     "attribution": {"type": "author", "source": None, "cue": None}},
    {"span": [sentence(2).start, sentence(2).end], "kind": "factual", "checkworthy": "yes",
     "attribution": {"type": "named", "source": pair("The harbour master"), "cue": pair("said")}},
    {"span": [sentence(3).start, sentence(3).end], "kind": "opinion", "checkworthy": "no",
     "attribution": {"type": "anonymous", "source": None, "cue": pair("say")}},
    {"span": [sentence(4).start, sentence(4).end], "kind": "prediction", "checkworthy": "no",
     "attribution": {"type": "author", "source": None, "cue": None}},
]}


def claim(n: int, kind: str, typ: str = "author", source: str | None = None, cw: float = 0.0, sub: str | None = None) -> Claim:
    """A system claim over sentence n (or over ``sub`` inside it)."""
    return Claim(id=f"C{n}", span=at(sub) if sub else sentence(n), kind=kind, checkworthiness=cw,  # type: ignore[arg-type]
                 attribution=Attribution(type=typ, source=source))  # type: ignore[arg-type]


def test_claims_need_kind_attribution_and_the_named_source():
    a = analysis(entities=(MAYOR, UNION), claims=(
        claim(1, "factual", cw=0.8),                       # right
        claim(2, "factual", "named", "E1", cw=0.7),        # right, source entity mentioned there
        claim(3, "factual", "anonymous", cw=0.6),          # kind wrong, flagged check-worthy wrongly
        claim(4, "prediction", "named", "E2"),             # attribution type wrong
    ))
    c = score("claims", GOLD_CLAIMS, a, TEXT)
    assert (c["predicted"], c["correct"]) == (4, 2)
    assert (c["kind_correct"], c["attribution_correct"]) == (3, 3)
    assert (c["gold"], c["found"]) == (2, 2)
    assert (c["cw_predicted"], c["cw_correct"]) == (3, 2)
    assert (c["gold_claims"], c["claims_found"]) == (4, 4)


def test_named_source_pointing_at_another_entity_is_wrong():
    a = analysis(entities=(MAYOR, UNION), claims=(claim(2, "factual", "named", "E2", cw=0.9),))
    c = score("claims", GOLD_CLAIMS, a, TEXT)
    assert (c["predicted"], c["correct"], c["attribution_correct"]) == (1, 0, 0)


def test_named_without_a_resolved_source_is_wrong():
    a = analysis(entities=(MAYOR,), claims=(claim(2, "factual", "named", None),))
    assert score("claims", GOLD_CLAIMS, a, TEXT)["correct"] == 0


def test_claim_pairs_with_the_gold_unit_it_overlaps_most_and_unmatched_are_apart():
    gold = {"claims": GOLD_CLAIMS["claims"][:2]}
    straddling = Claim(id="C9", span=Span(sentence(1).end - 3, sentence(2).end), kind="factual",
                       attribution=Attribution(type="named", source="E1"))
    outside = claim(4, "prediction")
    c = score("claims", gold, analysis(entities=(MAYOR,), claims=(straddling, outside)), TEXT)
    assert (c["predicted"], c["correct"], c["unmatched"]) == (1, 1, 1)


def test_checkworthy_coverage_uses_the_layers_flag():
    from presslens.eval.audit.what import checkworthy_threshold

    flag = checkworthy_threshold()
    low = score("claims", GOLD_CLAIMS, analysis(claims=(claim(1, "factual", cw=flag - 0.01),)), TEXT)
    high = score("claims", GOLD_CLAIMS, analysis(claims=(claim(1, "factual", cw=flag),)), TEXT)
    assert (low["found"], high["found"]) == (0, 1)


def test_uncertain_claims_are_left_out_of_precision_and_counted():
    import dataclasses

    sure = claim(1, "factual")
    unsure = dataclasses.replace(sure, uncertain=True, confidence=0.3)
    c = score("claims", GOLD_CLAIMS, analysis(claims=(unsure,)), TEXT)
    assert (c["predicted"], c["uncertain"], c["all_paired"]) == (0, 1, 1)
    assert c["uncertain_correct"] == score("claims", GOLD_CLAIMS, analysis(claims=(sure,)), TEXT)["correct"]


GOLD_TECH = {"techniques": [
    {"span": pair("a disgrace"), "technique": "Loaded_Language", "quoted": True},
    {"span": pair("Dock workers walked out"), "technique": "Name_Calling,Labeling", "quoted": False},
    {"span": pair("went on the offensive"), "technique": "Loaded_Language", "quoted": False},
]}


def test_techniques_span_precision_label_agreement_and_author_coverage():
    a = analysis(techniques=(
        Technique(span=at("disgrace"), technique="Loaded_Language", score=0.9, quoted=True),
        Technique(span=at("workers"), technique="Loaded_Language", score=0.5),   # span right, label not
        Technique(span=at("Monday"), technique="Doubt", score=0.4),              # nothing there
    ))
    c = score("techniques", GOLD_TECH, a, TEXT)
    assert (c["predicted"], c["correct"], c["label_agree"]) == (3, 2, 1)
    assert (c["gold"], c["found"]) == (2, 1)
    assert c["found_shown"] == c["found"]                      # nothing uncertain here
    assert (c["author_predicted"], c["author_correct"]) == (2, 1)
    assert (c["gold_quoted"], c["found_quoted"]) == (1, 1)


def test_uncertain_techniques_count_for_coverage_not_precision():
    a = analysis(techniques=(
        Technique(span=at("offensive"), technique="Loaded_Language", score=0.3, confidence=0.2, uncertain=True),
        Technique(span=at("Monday"), technique="Doubt", score=0.3, confidence=0.1, uncertain=True),
        Technique(span=at("disgrace"), technique="Loaded_Language", score=0.9, quoted=True, confidence=0.8),
    ))
    c = score("techniques", GOLD_TECH, a, TEXT)
    assert (c["predicted"], c["correct"]) == (1, 1)          # only the shown span is judged
    assert (c["uncertain"], c["uncertain_correct"]) == (2, 1)
    assert (c["gold"], c["found"]) == (2, 1)                  # the uncertain span still covers its gold
    assert c["found_shown"] == 0                              # ... but not what a reader sees as found
    assert c["quoted_agree"] == 1


def test_finer_technique_names_map_to_their_group():
    assert technique_group("Straw_Men") == "Whataboutism,Straw_Men,Red_Herring"
    assert technique_group("Loaded_Language") == "Loaded_Language"
    a = analysis(techniques=(Technique(span=at("offensive"), technique="Name_Calling", score=0.5),))
    gold = {"techniques": [{"span": pair("went on the offensive"), "technique": "Name_Calling,Labeling", "quoted": False}]}
    assert score("techniques", gold, a, TEXT)["label_agree"] == 1


def test_genre_accuracy_and_per_class_counts():
    right = score("genre", {"genre": "opinion"}, analysis(genre=Genre("opinion", 0.8)), TEXT)
    wrong = score("genre", {"genre": "opinion"}, analysis(genre=Genre("reporting", 0.6)), TEXT)
    none = score("genre", {"genre": "satire"}, analysis(), TEXT)
    assert right == {"predicted": 1, "correct": 1, "gold": 1, "found": 1,
                     "gold_opinion": 1, "correct_opinion": 1, "predicted_opinion": 1}
    assert (wrong["correct"], wrong["predicted_reporting"], wrong["correct_opinion"]) == (0, 1, 0)
    assert (none["predicted"], none["gold"], none["gold_satire"]) == (0, 1, 1)


def test_unknown_layer_and_spans_outside_the_text_are_refused():
    with pytest.raises(ValueError, match="unknown layer"):
        score("quotes", {}, analysis(), TEXT)
    bad = {"techniques": [{"span": [0, len(TEXT) + 5], "technique": "Doubt", "quoted": False}]}
    with pytest.raises(ValueError, match="outside the text"):
        score("techniques", bad, analysis(), TEXT)
