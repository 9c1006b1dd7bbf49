"""Claims layer on invented texts with hand-built entity, quote and quantity records."""

from __future__ import annotations

import re

import pytest

from presslens.analyzers.base import Context
from presslens.analyzers.claims import make_claims
from presslens.model.document import Document, Paragraph
from presslens.model.records import Entity, Quantity, Quote
from presslens.model.span import Span
from presslens.settings import Settings

TEXT = (
    "Flood relief falters\n\n"
    "The river burst its banks on Sunday, and rescuers evacuated 1,200 residents from Marlow. "
    "Floods killed an estimated 45 people in the valley, which reportedly forced the closure of two schools. "
    "The council's response was a shameful, chaotic disgrace. "
    "The government should apologise to every family. "
    "Will the dam hold? "
    "Engineers will inspect the dam next week. "
    "Damage reached 30 million euros, according to the regional water board. "
    "Officials said the repairs had clearly been delayed. "
    "Mayor Ines Kroll said the town had received no warning."
)


def _span(text: str, needle: str) -> Span:
    i = text.index(needle)
    return Span(i, i + len(needle))


def _run(nlp, text: str, layers: dict | None = None, headings: tuple[Span, ...] = ()):
    paragraphs = tuple(Paragraph(h, "heading") for h in headings)
    doc = Document(text=text, paragraphs=paragraphs or (Paragraph(Span(0, len(text))),))
    return make_claims()(doc, Context(nlp(text), Settings(), dict(layers or {})))["claims"]


def _claim(claims, text: str, needle: str):
    found = [c for c in claims if needle in text[c.span.start : c.span.end]]
    assert found, f"no claim contains {needle!r}"
    return found[0]


@pytest.fixture(scope="module")
def claims(nlp):
    kroll = Entity("E1", "Ines Kroll", "PERSON", mentions=(_span(TEXT, "Ines Kroll"),))
    marlow = Entity("E2", "Marlow", "GPE", mentions=(_span(TEXT, "Marlow"),))
    quote_cue = _span(TEXT, "said the town")
    quote = Quote("Q1", _span(TEXT, "the town had received no warning"), "E1", Span(quote_cue.start, quote_cue.start + 4), False)
    quantities = (
        Quantity("N1", _span(TEXT, "1,200 residents"), 1200, counts="residents"),
        Quantity("N2", _span(TEXT, "an estimated 45 people"), 45, approximate=True, counts="people"),
        Quantity("N3", _span(TEXT, "30 million euros"), 30e6, unit="EUR"),
    )
    headings = (_span(TEXT, "Flood relief falters"),)
    return _run(nlp, TEXT, {"entities": (kroll, marlow), "quotes": (quote,), "quantities": quantities}, headings)


def test_ids_offsets_and_order(claims):
    assert [c.id for c in claims] == [f"C{i + 1}" for i in range(len(claims))]
    assert all(c.span.end > c.span.start for c in claims)
    assert [c.span.start for c in claims] == sorted(c.span.start for c in claims)
    for c in claims:
        body = TEXT[c.span.start : c.span.end]
        assert body == body.strip() and not body.endswith(",")


def test_coordinated_clauses_with_own_subjects_split(claims):
    first = _claim(claims, TEXT, "burst its banks")
    second = _claim(claims, TEXT, "rescuers evacuated")
    assert first is not second
    assert "rescuers" not in TEXT[first.span.start : first.span.end]
    assert second.quantities == ("N1",) and second.entities == ("E2",)


def test_kinds(claims):
    assert _claim(claims, TEXT, "Flood relief").kind == "other"
    assert _claim(claims, TEXT, "shameful").kind == "opinion"
    assert _claim(claims, TEXT, "should apologise").kind == "opinion"
    assert _claim(claims, TEXT, "Will the dam hold").kind == "question"
    assert _claim(claims, TEXT, "will inspect").kind == "prediction"
    assert _claim(claims, TEXT, "Floods killed").kind == "factual"


def test_casualty_estimate_is_author_voice_hedged_and_high(claims):
    c = _claim(claims, TEXT, "Floods killed")
    hedges = [TEXT[h.start : h.end] for h in c.hedges]
    assert "an estimated" in hedges and "reportedly" in hedges
    assert c.attribution.type == "author"
    assert c.quantities == ("N2",)
    assert "casualty figure" in c.reasons
    assert c.checkworthiness > _claim(claims, TEXT, "shameful").checkworthiness
    assert c.checkworthiness > _claim(claims, TEXT, "should apologise").checkworthiness
    assert c.checkworthiness >= sorted(x.checkworthiness for x in claims)[len(claims) * 3 // 4 - 1]


def test_attribution_kinds(claims):
    doc_claim = _claim(claims, TEXT, "Damage reached")
    assert doc_claim.attribution.type == "named"  # an institution, not an entity of this text
    assert "water board" in TEXT[doc_claim.attribution.cue.start : doc_claim.attribution.cue.end]
    anon = _claim(claims, TEXT, "Officials said")
    assert anon.attribution.type == "anonymous"
    assert [TEXT[h.start : h.end] for h in anon.hedges] == ["clearly"]
    quoted = _claim(claims, TEXT, "Mayor Ines Kroll")
    assert quoted.attribution.type == "named" and quoted.attribution.source == "E1"
    assert TEXT[quoted.attribution.cue.start : quoted.attribution.cue.end] == "said"


def test_opinion_and_heading_reasons_lower(claims):
    assert "opinion (lowers)" in _claim(claims, TEXT, "shameful").reasons
    assert _claim(claims, TEXT, "Flood relief").checkworthiness < 0.2


def test_works_without_other_layers(nlp):
    text = "According to a new study, bus fares rose 12 percent in 2022. Some critics say so."
    claims = _run(nlp, text)
    first = claims[0]
    assert first.attribution.type == "document"
    assert first.quantities == () and first.entities == ()
    assert "contains a number" in first.reasons


def test_month_may_and_bare_approximators_are_not_hedges(nlp):
    text = "The bridge opened on May 4 after about 300 workers finished it. It may close about the time of the fair."
    claims = _run(nlp, text)
    hedges = [text[h.start : h.end] for c in claims for h in c.hedges]
    assert hedges == ["about", "may"]
    assert re.search(r"about 300", text)


def test_no_parse_no_claims():
    doc = Document(text="Anything.")
    assert make_claims()(doc, Context(None, Settings(), {})) == {"claims": ()}


def test_pronoun_speaker_resolves_to_previous_person(nlp):
    text = "Lena Ortiz chairs the committee. She said the audit had found 14 missing invoices."
    ortiz = Entity("E1", "Lena Ortiz", "PERSON", mentions=(_span(text, "Lena Ortiz"),))
    claims = _run(nlp, text, {"entities": (ortiz,)})
    said = _claim(claims, text, "She said")
    assert said.attribution.type == "named" and said.attribution.source == "E1"
    assert text[said.attribution.cue.start : said.attribution.cue.end] == "said"


def test_quote_nested_in_an_act_leaves_the_act_to_the_author(nlp):
    text = "The assembly met on Monday and passed a motion demanding the release of 12 detained reporters."
    cue = _span(text, "demanding")
    nested = Quote("Q1", _span(text, "the release of 12 detained reporters"), None, cue, False)
    claims = _run(nlp, text, {"quotes": (nested,)})
    assert claims[0].attribution.type == "author"


def test_speech_verb_as_main_verb_attributes_to_its_subject(nlp):
    text = "Critics accused the port authority of hiding 3 safety reports."
    assert _run(nlp, text)[0].attribution.type == "anonymous"


def test_every_reason_is_true_of_its_claim(claims):
    from presslens.analyzers.claims.calibrate import SIGNALS
    from presslens.analyzers.claims.features import DENSE_NAMES, dense_features

    for c in claims:
        body = TEXT[c.span.start : c.span.end]
        cues = dict(zip(DENSE_NAMES, dense_features(body), strict=True))
        for reason in c.reasons:
            name = reason.removesuffix(" (lowers)")
            assert name in cues or name in SIGNALS, reason
            if name in cues and name not in SIGNALS:
                assert cues[name] > 0, f"{reason!r} shown for {body!r}"


def test_uncertain_claims_carry_candidates_and_a_confidence(claims):
    for c in claims:
        assert c.confidence is not None and 0.0 <= c.confidence <= 1.0
        if c.uncertain:
            assert len(c.kind_candidates) == 2 and c.kind_candidates[0].kind == c.kind
        else:
            assert c.kind_candidates == ()


def test_slogan_is_not_scored_as_a_checkable_fact(nlp):
    from presslens.analyzers.claims.calibrate import packaged_calibration

    text = "No one is above the law. Everyone deserves a fair hearing."
    for claim in _run(nlp, text):
        assert claim.checkworthiness < 0.5, text[claim.span.start : claim.span.end]
        assert "contains a number" not in claim.reasons
    assert min(c.checkworthiness for c in _run(nlp, text)) < packaged_calibration().flag * 2


def test_comparison_with_numbers_outranks_an_opinion(nlp):
    text = ("Harbour exports rose 14 percent in 2023, twice as fast as imports. "
            "The new harbour master is a wonderful, inspiring leader.")
    from presslens.analyzers.claims.features import DENSE_NAMES, dense_features

    comparison, opinion = _run(nlp, text)
    cues = dict(zip(DENSE_NAMES, dense_features(text[comparison.span.start : comparison.span.end]), strict=True))
    assert comparison.kind == "factual" and cues["comparison"] == 1.0
    assert comparison.checkworthiness > 0.5 > opinion.checkworthiness


def test_sweeping_causal_claim_in_the_authors_voice_is_factual(nlp):
    text = "The disastrous closure of the shipyard led to the collapse of the town's economy."
    (claim,) = _run(nlp, text)
    assert claim.kind == "factual" and claim.attribution.type == "author"


def test_uncertain_quote_speaker_caps_the_claims_confidence(nlp):
    from presslens.model.records import SpeakerCandidate

    text = "Ines Kroll met Tomas Berg. The harbour will close in May, one of them said."
    kroll = Entity("E1", "Ines Kroll", "PERSON", mentions=(_span(text, "Ines Kroll"),))
    berg = Entity("E2", "Tomas Berg", "PERSON", mentions=(_span(text, "Tomas Berg"),))
    quote = Quote("Q1", _span(text, "The harbour will close in May"), None, _span(text, "said"), False,
                  candidates=(SpeakerCandidate("E2", 0.55), SpeakerCandidate("E1", 0.45)))
    claim = _run(nlp, text, {"entities": (kroll, berg), "quotes": (quote,)})[-1]
    assert claim.attribution.type == "named" and claim.attribution.source == "E2"
    assert claim.confidence is not None and claim.confidence <= 0.55


def test_the_title_is_a_headline_and_section_headings_are_markers(nlp):
    text = "Council cuts forty bus routes\n\nHow the cuts work\n\nThe council cut forty routes on Monday."
    title, section = _span(text, "Council cuts forty bus routes"), _span(text, "How the cuts work")
    paragraphs = (Paragraph(title, "heading"), Paragraph(section, "heading"), Paragraph(_span(text, "The council cut")))
    doc = Document(text=text, paragraphs=paragraphs, title="Council cuts forty bus routes")
    claims = make_claims()(doc, Context(nlp(text), Settings(), {}))["claims"]
    assert _claim(claims, text, "Council cuts").kind != "other"  # a headline asserts
    assert _claim(claims, text, "How the cuts").kind == "other"  # a section marker does not
    untitled = Document(text=text, paragraphs=paragraphs)
    claims = make_claims()(untitled, Context(nlp(text), Settings(), {}))["claims"]
    assert _claim(claims, text, "Council cuts").kind == "other"
