"""Speaker trust in the quotes layer: agreement, discourse, aides, confidence and uncertainty.

Invented texts written from the rules of English reference (a pronoun agrees in gender with
its antecedent; an aide introduced by a possessive is the speaker, not the person possessed),
not from errors seen in any data set.
"""

from __future__ import annotations

from tests.analyzers.test_quotes_rules import _entity, _paragraphs, by_content, run, t

from presslens.analyzers.quotes import decide, draft_quotes
from presslens.analyzers.quotes.confidence import FEATURES, Calibrator, calibrator, vector
from presslens.analyzers.quotes.cues import lexicon
from presslens.analyzers.quotes.discourse import Discourse
from presslens.model.analysis import Analysis
from presslens.model.document import Document
from presslens.model.records import Quote, SpeakerCandidate
from presslens.model.span import Span


def _drafts(nlp, text, entities):
    """Draft quotes (speaker candidates before the threshold) of a text."""
    document = Document(text, paragraphs=_paragraphs(text))
    return draft_quotes(document, nlp(text), entities, lexicon())


def test_pronoun_agrees_in_gender_with_its_antecedent(nlp):
    text = ("Maria Lopez, the harbour's chief engineer, met Tom Baker at the dock on Monday. "
            "“The crane will be repaired by June,” she said.")
    ents = (_entity("E1", text, "Maria Lopez", "PERSON"), _entity("E2", text, "Tom Baker", "PERSON"))
    draft = _drafts(nlp, text, ents)[0]
    assert draft.resolution.method == "pronoun"
    assert [o.entity for o in draft.resolution.options] == ["E1"]  # Tom Baker cannot be "she"


def test_gender_from_honorific_and_possessive(nlp):
    text = ("Ms Arlen and Mr Quist toured the plant. Quist said his team had finished the audit. "
            "“The audit found no leaks,” she told reporters.")
    ents = (_entity("E1", text, "Arlen", "PERSON"), _entity("E2", text, "Quist", "PERSON"))
    discourse = Discourse(nlp(text), ents)
    assert discourse.genders == {"E1": "f", "E2": "m"}
    draft = _drafts(nlp, text, ents)[-1]
    assert [o.entity for o in draft.resolution.options] == ["E1"]


def test_person_named_inside_the_quote_is_not_its_speaker(nlp):
    text = ("The ferry service resumed on Friday after the storm. "
            "“Jon Farrow worked every night to fix the engines,” he said.")
    ents = (_entity("E1", text, "Jon Farrow", "PERSON"),)
    draft = _drafts(nlp, text, ents)[0]
    assert draft.resolution.options == ()


def test_aide_introduced_by_possessive_is_the_speaker(nlp):
    text = "Senator Vera Holt's spokesman Dan Pike said the bill would pass in May."
    ents = (_entity("E1", text, "Vera Holt", "PERSON"), _entity("E2", text, "Dan Pike", "PERSON"))
    quote = by_content(text, run(nlp, text, ents), "the bill would pass")
    assert quote.speaker == "E2" and quote.speaker_status == "resolved"


def test_employer_of_an_unnamed_speaker_is_never_shown_as_speaker(nlp):
    text = "A spokesman for Vera Holt said the bill would pass in May."
    ents = (_entity("E1", text, "Vera Holt", "PERSON"),)
    quote = by_content(text, run(nlp, text, ents), "the bill would pass")
    assert quote.speaker is None
    draft = _drafts(nlp, text, ents)[0]
    assert draft.resolution.method in ("modifier", "none")


def test_named_speaker_is_resolved_with_a_calibrated_confidence(nlp):
    text = "“We will reopen the bridge on Monday,” said Ana Ruiz, the city's transport director."
    ents = (_entity("E1", text, "Ana Ruiz", "PERSON"),)
    quote = run(nlp, text, ents)[0]
    assert quote.speaker == "E1" and quote.confidence is not None
    assert quote.confidence >= calibrator().threshold
    assert quote.candidates[0] == SpeakerCandidate("E1", quote.confidence)


def test_below_the_threshold_the_speaker_is_null_with_candidates(nlp):
    text = ("Lena Ortiz and Rosa Diaz left the meeting together on Tuesday. "
            "“Nothing was decided tonight,” she said.")
    ents = (_entity("E1", text, "Lena Ortiz", "PERSON"), _entity("E2", text, "Rosa Diaz", "PERSON"))
    draft = _drafts(nlp, text, ents)[0]
    assert {o.entity for o in draft.resolution.options} == {"E1", "E2"}
    strict = Calibrator(calibrator().weights, calibrator().bias, threshold=1.0)
    quote = decide("QT1", draft, strict)
    assert quote.speaker is None and quote.speaker_status == "uncertain" and quote.uncertain
    assert [c.entity for c in quote.candidates] and all(0 < c.confidence < 1 for c in quote.candidates)
    assert quote.confidence == quote.candidates[0].confidence


def test_candidates_are_kept_in_json_and_read_back():
    text = "“Nothing was decided,” she said."
    quote = Quote("QT1", Span(1, 20), None, Span(23, 27), True, Span(22, 25), 0.41,
                  (SpeakerCandidate("E1", 0.41), SpeakerCandidate("E2", 0.3)))
    data = Analysis(Document(text), quotes=(quote,)).to_dict()
    row = data["quotes"][0]
    assert row["speaker"] is None and row["speaker_status"] == "uncertain"
    assert row["candidates"] == [{"entity": "E1", "confidence": 0.41}, {"entity": "E2", "confidence": 0.3}]
    assert Analysis.from_dict(data).quotes[0] == quote


def test_status_is_derived_for_records_built_without_it():
    assert Quote("Q", Span(0, 1), "E1").speaker_status == "resolved"
    assert Quote("Q", Span(0, 1)).speaker_status == "unknown"


def test_feature_vector_matches_the_shipped_model():
    assert len(vector("pronoun", {"dist": 2.0})) == len(FEATURES) == len(calibrator().weights)
    assert 0.0 < calibrator().threshold < 1.0


def test_quotes_layer_works_without_entities(nlp):
    text = "“The tide is late,” she said."
    quote = run(nlp, text, None)[0]
    assert quote.speaker is None and quote.speaker_status == "unknown" and t(text, quote.source) == "she"
