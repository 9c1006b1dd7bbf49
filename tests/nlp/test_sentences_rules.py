"""Sentence boundaries: golden-rules cases, the rule component, the scorer."""

from __future__ import annotations

import json

import pytest

from presslens.eval import packaged_cases
from presslens.eval.sentences import Case, align, load_cases, normalise, score_case, summarise
from presslens.model.span import Span
from presslens.nlp.language import sentence_spans

GOLDEN = packaged_cases("sentences_golden.jsonl")


def _sents(nlp, text):
    return [text[s.start : s.end] for s in sentence_spans(nlp(text))]


def test_golden_file_is_well_formed():
    cases = load_cases(GOLDEN)
    assert len(cases) >= 60
    assert len({c.id for c in cases}) == len(cases)
    cats = {c.category for c in cases}
    assert {"honorific", "initial", "country", "quote", "number", "list", "wrapped", "html"} <= cats
    for case in cases:
        if case.format == "text":  # gold sentences are in-order slices of the raw text
            assert align(case.text, case.sentences) is not None, case.id


def test_presslens_segmenter_beats_parser_alone_on_golden_rules():
    from presslens.eval.sentences import run

    cases = load_cases(GOLDEN)
    results = run(cases, ("spacy", "presslens"))
    ours, parser = results["presslens"][0], results["spacy"][0]
    assert ours["offset_exact"] == 1.0
    assert ours["accuracy"] >= 0.95
    assert ours["accuracy"] > parser["accuracy"]
    assert ours["heldout_accuracy"] >= 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The inquiry heard from Supt. Gareth Lyle. He was brief.", 2),
        ("Adviser Walter H. Brenning denied it.", 1),
        ("The talks moved to the U.S. The envoys flew in.", 2),
        ("The U.S. Navy sent a frigate.", 1),
        ("It began at 9 a.m. Mr. Dalca was late.", 2),
        ("It holds approx. 4,000 maps.", 1),
        ("\"We will not back down,\" she said. \"Not this time.\"", 2),
        ("He called it \"insulting.\" The talks collapsed.", 2),
        ("On Oct. 12 the port closed.", 1),
        ("Wait \u2026 The vote is tied!", 2),
        ("She would think about it \u2026 and then left.", 1),
    ],
)
def test_rules_cases(nlp, text, expected):
    assert len(_sents(nlp, text)) == expected, _sents(nlp, text)


def test_paragraph_break_and_list_markers_start_sentences(nlp):
    text = "Port Reopens\n\nThe demands were:\n\n1. Higher pay.\n\n2. Shorter shifts."
    assert _sents(nlp, text) == ["Port Reopens", "The demands were:", "1. Higher pay.", "2. Shorter shifts."]


def test_scorer_on_hand_made_gold():
    case = Case("x", "t", "text", "A b. C d.", ("A b.", "C d."))
    good = score_case(case, case.text, [Span(0, 4), Span(5, 9)])
    bad = score_case(case, case.text, [Span(0, 9)])
    assert good.correct and good.offset_exact
    assert not bad.correct
    summary = summarise([good, bad])
    assert summary["accuracy"] == 0.5
    assert summary["by_category"] == {"t": 0.5}
    assert normalise(" a\n b ") == "a b"
    assert align("A b. C d.", ["A b.", "X"]) is None


def test_load_cases_rejects_malformed(tmp_path):
    from presslens.errors import DatasetError

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "1"}) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError):
        load_cases(bad)
    with pytest.raises(DatasetError):
        load_cases(tmp_path / "missing.jsonl")
