"""The rule-based sentence case files (tune / held-out) and every segmenter on them."""

from __future__ import annotations

import pytest

from presslens.eval import packaged_cases
from presslens.eval.sentences import align, load_cases, run

TUNE = packaged_cases("sentences_rules_tune.jsonl")
HELDOUT = packaged_cases("sentences_rules_heldout.jsonl")
KINDS = {
    "list_numbered", "list_lettered", "list_roman", "list_bullet", "quote_speech_tag", "quote_end",
    "exclamation_name", "ellipsis_mid", "ellipsis_final", "abbrev_number", "pronoun_i", "initial",
    "honorific", "geographic", "time", "decimal", "email_url", "paren", "abbrev_end", "abbrev_lower",
    "newline", "double_punct", "basic", "mixed",
}


@pytest.fixture(scope="module")
def results():
    """Every segmenter on both splits, normalised ingest (the default path)."""
    return {name: run(load_cases(path), ("spacy", "presslens", "pysbd", "document"))
            for name, path in (("tune", TUNE), ("heldout", HELDOUT))}


def test_rule_case_files_are_well_formed():
    tune, held = load_cases(TUNE), load_cases(HELDOUT)
    assert len(tune) + len(held) >= 150
    ids = [c.id for c in tune + held]
    assert len(set(ids)) == len(ids)
    assert not {c.text for c in tune} & {c.text for c in held}
    assert {c.split for c in tune} == {"tune"} and {c.split for c in held} == {"heldout"}
    assert {c.category for c in tune} == KINDS
    assert {c.category for c in held} == KINDS  # the draw was made per kind
    assert 0.25 <= len(held) / (len(tune) + len(held)) <= 0.4
    for case in tune + held:
        assert case.format == "text"
        assert align(case.text, case.sentences) is not None, case.id


@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_presslens_beats_parser_and_pysbd(results, split):
    by = {name: summary for name, (summary, _) in results[split].items()}
    assert by["presslens"]["offset_exact"] == 1.0
    assert by["presslens"]["accuracy"] >= (0.97 if split == "tune" else 0.93)
    assert by["presslens"]["accuracy"] > by["pysbd"]["accuracy"] > by["spacy"]["accuracy"]


@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_document_path_holds_the_same_boundaries(results, split):
    """document.sentences (ingest + batch pipeline) equal the segmenter's sentences."""
    ours = [o.predicted for o in results[split]["presslens"][1]]
    doc = [o.predicted for o in results[split]["document"][1]]
    assert ours == doc


def test_keep_text_path():
    """--keep-text: the rules see the raw line layout; the document path agrees."""
    found = run(load_cases(TUNE), ("presslens", "document"), keep_text=True)
    assert found["presslens"][0]["accuracy"] >= 0.97
    assert [o.predicted for o in found["presslens"][1]] == [o.predicted for o in found["document"][1]]


def _normalised_sentences(nlp, text):
    """Sentences of ``text`` after the default ingest (reflow), whitespace-normalised."""
    from presslens.ingest import ingest_text
    from presslens.nlp.language import sentence_spans
    from presslens.settings import Settings

    doc_text = ingest_text(text, source="t.txt", settings=Settings(require_english=False)).text
    return [" ".join(doc_text[s.start : s.end].split()) for s in sentence_spans(nlp(doc_text))]


def test_normalised_path_keeps_lettered_list_lines(nlp):
    """Reflow joins "a." lines; the in-line list rule still splits the items."""
    text = "Pack these:\na. a kettle\nb. two mugs\nc. a stove"
    assert _normalised_sentences(nlp, text) == ["Pack these:", "a. a kettle", "b. two mugs", "c. a stove"]


def test_normalised_path_keeps_short_lines(nlp):
    """Reflow keeps a block of 3+ label lines (1-3 words each) as separate lines (found-ingest)."""
    text = "parking\nopening times\naccessibility"
    assert _normalised_sentences(nlp, text) == ["parking", "opening times", "accessibility"]
