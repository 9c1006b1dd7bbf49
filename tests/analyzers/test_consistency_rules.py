"""Consistency checks on invented texts with hand-built entity, timex and quantity records."""

from __future__ import annotations

from presslens.analyzers.base import Context
from presslens.analyzers.consistency import make_consistency, name_variants
from presslens.model.document import Document
from presslens.model.records import Entity, Inconsistency, Quantity, Quote, Timex
from presslens.model.span import Span
from presslens.settings import Settings


def find(text: str, words: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of ``words``."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(words, i + 1)
    return Span(i, i + len(words))


def entity(eid: str, text: str, name: str, etype: str, *forms: str) -> Entity:
    """An entity with a mention at every occurrence of each form (longest forms first)."""
    spans: list[Span] = []
    for form in sorted(forms, key=len, reverse=True):
        i = text.find(form)
        while i >= 0:
            if not any(s.start <= i < s.end for s in spans):
                spans.append(Span(i, i + len(form)))
            i = text.find(form, i + 1)
    return Entity(eid, name, etype, aliases=forms, mentions=tuple(sorted(spans)))


def timex(text: str, words: str, value: str, nth: int = 0) -> Timex:
    """A DATE timex on the nth occurrence of ``words``."""
    return Timex(f"T{value}{nth}", find(text, words, nth), "DATE", value)


def run(nlp, text: str, **layers) -> tuple[Inconsistency, ...]:
    """Run the consistency analyzer with the given earlier layers."""
    ctx = Context(nlp_doc=nlp(text), settings=Settings(), layers=layers)
    return tuple(make_consistency()(Document(text), ctx)["inconsistencies"])


def kinds(found) -> list[str]:
    """The kinds of the findings, in order."""
    return [i.kind for i in found]


def test_name_variant_within_one_entity_with_both_spans():
    text = "Olena Kovalenko arrived in Lviv. Kovalenko's aides spoke first. Later Kovalemko left."
    ent = entity("E1", text, "Olena Kovalenko", "PERSON", "Olena Kovalenko", "Kovalenko's", "Kovalemko")
    (found,) = name_variants(text, [ent])
    assert found.kind == "name_variant"
    assert [text[s.start : s.end] for s in found.spans] == ["Kovalenko", "Kovalemko"]
    assert "Kovalenko" in found.message and "Kovalemko" in found.message


def test_name_variant_ignores_surnames_acronyms_and_lookalike_places():
    text = "Olena Kovalenko met the UN. Kovalenko thanked the United Nations. Iran and Iraq replied."
    people = entity("E1", text, "Olena Kovalenko", "PERSON", "Olena Kovalenko", "Kovalenko")
    un = entity("E2", text, "United Nations", "ORG", "UN", "United Nations")
    iran = entity("E3", text, "Iran", "GPE", "Iran")
    iraq = entity("E4", text, "Iraq", "GPE", "Iraq")
    assert name_variants(text, [people, un, iran, iraq]) == []


def test_name_variant_across_unmerged_people():
    text = "Tomasz Wieczorek spoke on Monday. On Tuesday Wieczorrek denied it."
    a = entity("E1", text, "Tomasz Wieczorek", "PERSON", "Tomasz Wieczorek")
    b = entity("E2", text, "Wieczorrek", "PERSON", "Wieczorrek")
    assert kinds(name_variants(text, [a, b])) == ["name_variant"]


def test_date_order_after_cue(nlp):
    text = "The army withdrew on May 3, 2021 after the ceasefire was signed on May 10, 2021."
    bad = run(nlp, text, timexes=(timex(text, "May 3, 2021", "2021-05-03"), timex(text, "May 10, 2021", "2021-05-10")))
    assert kinds(bad) == ["date_order"]
    good_text = text.replace("May 3", "May 13")
    good = (timex(good_text, "May 13, 2021", "2021-05-13"), timex(good_text, "May 10, 2021", "2021-05-10"))
    assert run(nlp, good_text, timexes=good) == ()


def test_date_order_then_across_sentences(nlp):
    text = "The talks opened in Geneva on June 4. Then, on June 2, the envoys signed the accord."
    found = run(nlp, text, timexes=(timex(text, "June 4", "2022-06-04"), timex(text, "June 2", "2022-06-02")))
    assert kinds(found) == ["date_order"]
    assert [text[s.start : s.end] for s in found[0].spans] == ["June 4", "June 2"]


def test_date_order_appointment_then_office_act(nlp):
    text = (
        "On March 20, the president named Ana Ruiz as prime minister. "
        "Ruiz announced on March 11 that she had formed a cabinet."
    )
    ruiz = entity("E1", text, "Ana Ruiz", "PERSON", "Ana Ruiz", "Ruiz")
    txs = (timex(text, "March 20", "XXXX-03-20"), timex(text, "March 11", "XXXX-03-11"))
    found = run(nlp, text, timexes=txs, entities=(ruiz,))
    assert kinds(found) == ["date_order"] and "Ruiz" in found[0].message
    later = text.replace("March 11", "March 24")
    txs = (timex(later, "March 20", "XXXX-03-20"), timex(later, "March 24", "XXXX-03-24"))
    assert run(nlp, later, timexes=txs, entities=(ruiz,)) == ()


def _deaths(text: str, values: list[tuple[str, float, bool]]) -> tuple[Quantity, ...]:
    """Quantities counting villagers at given surface forms."""
    return tuple(
        Quantity(f"Q{i}", find(text, words), value, approximate=approx, counts="villagers")
        for i, (words, value, approx) in enumerate(values, 1)
    )


def test_number_mismatch_same_measure(nlp):
    text = "The floods killed 40 villagers in the north. Officials later said the floods killed 55 villagers."
    found = run(nlp, text, quantities=_deaths(text, [("40", 40, False), ("55", 55, False)]))
    assert kinds(found) == ["number_mismatch"]
    assert "40" in found[0].message and "55" in found[0].message


def test_number_mismatch_tolerates_approximations_and_dates(nlp):
    text = "The floods killed about 50 villagers. The floods killed 52 villagers."
    assert run(nlp, text, quantities=_deaths(text, [("50", 50, True), ("52", 52, False)])) == ()
    text = "By May 2 the floods had killed 40 villagers. By May 9 the floods had killed 55 villagers."
    txs = (timex(text, "May 2", "2021-05-02"), timex(text, "May 9", "2021-05-09"))
    quantities = _deaths(text, [("40", 40, False), ("55", 55, False)])
    assert run(nlp, text, quantities=quantities, timexes=txs) == ()


def test_number_mismatch_reports_each_figure_once(nlp):
    text = ("The floods killed 40 villagers. Officials said the floods killed 55 villagers. "
            "A report said the floods killed 55 villagers. Police said the floods killed 70 villagers.")
    figures = [("40", 40, False), ("55", 55, False), ("55", 55, False), ("70", 70, False)]
    quantities = _deaths(text, figures)
    found = run(nlp, text, quantities=quantities)
    # every later figure against the first value it contradicts: 55, 55 and 70 against 40
    assert kinds(found) == ["number_mismatch"] * 3
    assert {text[f.spans[0].start : f.spans[0].end] for f in found} == {"40"}
    assert [text[f.spans[1].start : f.spans[1].end] for f in found] == ["55", "55", "70"]


def test_contradiction_reported_once_per_clause(nlp):
    text = ("The mayor signed the contract. The mayor never signed the contract. "
            "The mayor signed the contract. The mayor never signed the contract.")
    found = run(nlp, text)
    said, denied = "The mayor signed the contract.", "The mayor never signed the contract."
    # each later clause against the first that says the opposite (findings sorted by position)
    assert kinds(found) == ["contradiction"] * 3
    assert [tuple(text[s.start : s.end] for s in f.spans) for f in found] == [(said, denied), (said, denied), (denied, said)]
    assert [f.spans[1].start for f in found] == [text.index(denied), text.rindex(denied), text.rindex(said)]


def test_contradiction_and_its_guards(nlp):
    text = "The mayor signed the contract in June. Critics were loud. The mayor never signed the contract."
    found = run(nlp, text)
    assert kinds(found) == ["contradiction"]
    assert [text[s.start : s.end] for s in found[0].spans][1] == "The mayor never signed the contract."
    hedged = "The mayor signed the contract in June. The mayor could not sign the contract."
    assert run(nlp, hedged) == ()
    quoted = "The mayor signed the contract. “The mayor never signed the contract,” said his rival."
    quote = Quote("QT1", find(quoted, "The mayor never signed the contract"), None, None, True, None)
    assert run(nlp, quoted, quotes=(quote,)) == ()


def test_works_with_no_earlier_layers(nlp):
    assert run(nlp, "Nothing here contradicts itself. The sky was grey.") == ()


def test_quantities_in_verbless_sentences(nlp):
    text = "Storm toll: 40 villagers. Later report: 55 villagers."
    found = run(nlp, text, quantities=_deaths(text, [("40", 40, False), ("55", 55, False)]))
    assert found == ()  # no governing verb: not comparable as one measure


def test_first_name_and_surname_are_not_variants():
    text = "David Davis spoke. Davis later resigned."
    ent = entity("E1", text, "David Davis", "PERSON", "David Davis", "Davis")
    assert name_variants(text, [ent]) == []


def test_different_holders_are_different_measures(nlp):
    text = "The Aviator won 11 nominations this year. Ray won 6 nominations."
    quantities = (
        Quantity("Q1", find(text, "11"), 11, counts="nominations"),
        Quantity("Q2", find(text, "6"), 6, counts="nominations"),
    )
    assert run(nlp, text, quantities=quantities) == ()


def test_bounds_reconcile_values(nlp):
    text = "The filter stopped more than 30,000 copies in May. Later the filter stopped 90,000 copies."
    quantities = (
        Quantity("Q1", find(text, "30,000"), 30000, approximate=True, qualifier="more than", counts="copies"),
        Quantity("Q2", find(text, "90,000"), 90000, counts="copies"),
    )
    assert run(nlp, text, quantities=quantities) == ()
    exact = (quantities[0].__class__("Q1", find(text, "30,000"), 30000, counts="copies"), quantities[1])
    assert kinds(run(nlp, text, quantities=exact)) == ["number_mismatch"]
