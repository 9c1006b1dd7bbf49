"""Sentence boundaries: the rule component by kind, the repair after the parser, the scorer.

Every text here was written for these tests, from the rules of English punctuation.
"""

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
        # honorifics, initials, abbreviations that may end a sentence
        ("The inquiry heard from Supt. Gareth Lyle. He was brief.", 2),
        ("Adviser Walter H. Brenning denied it.", 1),
        ("The talks moved to the U.S. The envoys flew in.", 2),
        ("The U.S. Navy sent a frigate.", 1),
        ("The bakery on Quarry St. The owner left.", 2),
        ("The fire reached Elm St. and spread east.", 1),
        ("The depot in Salem, Ore. The trucks left at dawn.", 2),
        # abbreviations before numbers
        ("It holds approx. 4,000 maps.", 1),
        ("Table No. 7 lists the ships.", 1),
        ("The answer was no. The board moved on.", 2),
        ("On Oct. 12 the port closed.", 1),
        # times
        ("It began at 9 a.m. Mr. Dalca was late.", 2),
        ("Doors close at 11 p.m. Guests were asked to leave.", 2),
        ("Doors open at 9 a.m. Saturday and Sunday.", 1),
        # quotations and speech tags
        ("\"We will not back down,\" she said. \"Not this time.\"", 2),
        ("He called it \"insulting.\" The talks collapsed.", 2),
        ("\u201cThe pier is unsafe.\u201d the inspector warned.", 1),
        ("\"Who signed this?\" asked a clerk.", 1),
        # names with "!", the pronoun I
        ("The quiz aired on Jeopardy! last spring.", 1),
        ("Nobody argued more than I. The chair noted it.", 2),
        ("Lena I. Marsh chaired the panel.", 1),
        # ellipses
        ("Wait \u2026 The vote is tied!", 2),
        ("She would think about it \u2026 and then left.", 1),
        ("The pumps stopped. . . . Then the water rose.", 2),
        ("It was . . . unexpected, she said.", 1),
        # brackets
        ("The ferry (it was the last one) left late.", 1),
        ("The ferry left late (It was the last one.) and the port closed.", 1),
        ("The ferry left late. (It was the last one.) The port closed.", 3),
        # nothing but final punctuation ends a sentence on a line
        ("The result \u2014 a narrow loss \u2014 surprised nobody; the party regrouped.", 1),
    ],
)
def test_rules_cases(nlp, text, expected):
    assert len(_sents(nlp, text)) == expected, _sents(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Book a room 2. Pay the deposit 3. Collect the key",
         ["1. Book a room", "2. Pay the deposit", "3. Collect the key"]),
        ("1) Seal the crate. 2) Label it.", ["1) Seal the crate.", "2) Label it."]),
        ("1.) Sweep the deck 2.) Coil the ropes", ["1.) Sweep the deck", "2.) Coil the ropes"]),
        ("(1) The fee is due in May (2) The fee is refundable",
         ["(1) The fee is due in May", "(2) The fee is refundable"]),
        ("a. Lock the gate b. Switch off the lights", ["a. Lock the gate", "b. Switch off the lights"]),
        ("i. Costs ii. Risks iii. Benefits", ["i. Costs", "ii. Risks", "iii. Benefits"]),
        ("A. Roads B. Bridges C. Tunnels", ["A. Roads", "B. Bridges", "C. Tunnels"]),
        ("\u2022 Fresh bread \u2022 Hot soup", ["\u2022 Fresh bread", "\u2022 Hot soup"]),
        ("\u2022 1. Queue here \u2022 2. Show your pass", ["\u2022 1. Queue here", "\u2022 2. Show your pass"]),
        ("The orders were: 1. Hold the bridge. 2. Wait for dawn.",
         ["The orders were:", "1. Hold the bridge.", "2. Wait for dawn."]),
        # a run-in list with lower-case items stays in its sentence
        ("The fund pays (a) rent and (b) heating.", ["The fund pays (a) rent and (b) heating."]),
        ("Pick 1) the red door or 2) the blue one.", ["Pick 1) the red door or 2) the blue one."]),
    ],
)
def test_inline_lists(nlp, text, expected):
    assert _sents(nlp, text) == expected


def test_paragraph_break_and_list_markers_start_sentences(nlp):
    text = "Port Reopens\n\nThe demands were:\n\n1. Higher pay.\n\n2. Shorter shifts."
    assert _sents(nlp, text) == ["Port Reopens", "The demands were:", "1. Higher pay.", "2. Shorter shifts."]


def test_line_layout_of_unreflowed_text(nlp):
    """--keep-text: an errant line break joins; short unpunctuated lines are items."""
    assert len(_sents(nlp, "The ferry did not\nsail on Monday.")) == 1
    assert _sents(nlp, "timetable\nfares\nlost property\n") == ["timetable", "fares", "lost property"]
    assert _sents(nlp, "Bring:\n- a coat\n- a torch") == ["Bring:", "- a coat", "- a torch"]
    assert _sents(nlp, "Contents\nI. Aims\nII. Methods") == ["Contents", "I. Aims", "II. Methods"]


def test_repair_joins_a_sentence_the_presets_forbade(nlp):
    import numpy

    from presslens.nlp import sentences

    text = "The gate was shut. Nobody could leave."
    with nlp.select_pipes(disable=[sentences.REPAIR]):
        doc = nlp(text)
    second = next(t for t in doc if t.text == "Nobody")
    assert second.is_sent_start
    # as if the rule component had forbidden a sentence start at "Nobody"
    sentences._PRESETS[doc] = numpy.array([second.i])
    repaired = nlp.get_pipe(sentences.REPAIR)(doc)
    assert [s.text for s in repaired.sents] == [text]
    assert repaired.text == text
    assert sum(1 for t in repaired if t.head.i == t.i) == 1  # one tree, one root
    assert repaired not in sentences._PRESETS


def test_no_preset_is_overridden_on_the_case_files(nlp):
    """After the pipeline, every token the rules said does not start a sentence does not."""
    from presslens.nlp.sentences import COMPONENT, decide

    texts = [c.text for name in ("sentences_rules_tune.jsonl", "sentences_golden.jsonl")
             for c in load_cases(packaged_cases(name)) if c.format == "text"]
    for text in texts:
        with nlp.select_pipes(enable=["tok2vec", "tagger", COMPONENT]):
            tagged = nlp(text)
        forbidden = [i for i, v in decide(tagged).items() if not v]
        doc = nlp(text)
        assert not [doc[i].text for i in forbidden if doc[i].is_sent_start], text


def test_scorer_on_hand_made_gold():
    case = Case("x", "t", "text", "A b. C d.", ("A b.", "C d."))
    good = score_case(case, case.text, [Span(0, 4), Span(5, 9)])
    bad = score_case(case, case.text, [Span(0, 9)])
    assert good.correct and good.offset_exact
    assert not bad.correct
    summary = summarise([good, bad])
    assert summary["accuracy"] == 0.5
    assert summary["by_category"] == {"t": 0.5}
    assert summary["by_split"] == {"dev": 0.5}
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
