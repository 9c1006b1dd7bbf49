"""Techniques: whole-word spans, one voice per span, repetition in the author's words, anaphora,
name-calling of groups and the press, calibrated confidence (invented texts, written from the
rules of English word formation and quotation)."""

from __future__ import annotations

import numpy as np
import pytest

from presslens.analyzers.base import Context
from presslens.analyzers.techniques.detect import split_voice, voice_mask, whole_words
from presslens.analyzers.techniques.features import TokenTable, token_table
from presslens.analyzers.techniques.lexicon import load_lexicon
from presslens.analyzers.techniques.rules import anaphora, name_calling, repetition
from presslens.ingest import ingest_text
from presslens.model.span import Span
from presslens.settings import Settings


@pytest.fixture(scope="module")
def table(nlp):
    """Build a token table from invented text."""

    def make(text: str) -> TokenTable:
        return token_table(nlp(text), load_lexicon())

    return make


@pytest.fixture(scope="module")
def run(nlp):
    """Analyse an invented text with the techniques layer only (no quotes layer)."""
    from presslens.analyzers.techniques import make_techniques

    analyzer = make_techniques()
    settings = Settings(layers=("techniques",), require_english=False)

    def go(text: str):
        doc = ingest_text(text, settings=settings)
        return doc, analyzer(doc, Context(nlp_doc=nlp(doc.text), settings=settings, layers={}))

    return go


@pytest.mark.parametrize(("text", "fragment", "word"), [
    ("The board was hi-jacked by lobbyists.", "-jacked", "hi-jacked"),
    ("Twenty-one members walked out.", "one", "Twenty-one"),
    ("He said it's the bravest move yet.", "'s the bravest", "it's the bravest"),
    ("Paulson relied on them.", "Paul", "Paulson"),
    ("They rely on rumours.", "ely", "rely"),
])
def test_whole_words_widen_fragments_to_the_word(text: str, fragment: str, word: str) -> None:
    start = text.index(fragment)
    s, e = whole_words(text, start, start + len(fragment))
    assert text[s:e] == word


def test_whole_words_do_not_cross_spaces_quotes_or_dashes() -> None:
    text = 'They called it "treason" - twice.'
    start = text.index("treason")
    assert whole_words(text, start, start + 7) == (start, start + 7)
    s, e = whole_words(text, text.index("- twice"), text.index(" twice") + 6)
    assert text[s:e] == "twice"


def test_a_span_is_cut_where_the_quotation_begins(table) -> None:
    text = 'The mayor dismissed the plan as "a shameful betrayal of every voter" on Monday.'
    t = table(text)
    quoted = voice_mask(t, ())
    pieces = split_voice(t, quoted, text.index("dismissed"), text.index(" on Monday"))
    got = [(text[s:e], q) for s, e, q in pieces]
    assert got[0] == ("dismissed the plan as", False)
    assert got[1][0].startswith("a shameful betrayal") and got[1][1] is True


def test_quote_records_mark_reported_speech_as_quoted(table) -> None:
    text = "The minister said that the critics were traitors to the nation."
    t = table(text)
    content = Span(text.index("the critics"), len(text) - 1)
    mask = voice_mask(t, (content,))
    words = [t.text[a:b] for a, b in zip(t.start, t.end, strict=True)]
    assert mask[words.index("traitors")] and not mask[words.index("minister")]


def test_a_quotation_repeated_three_times_is_not_the_authors_repetition(table) -> None:
    quote = '"we will crush the corrupt elite"'
    text = (f"At the rally she said {quote}. Later, on radio, she said {quote}. "
            f"Her spokesman repeated {quote}. Reporters asked what that meant.")
    t = table(text)
    assert repetition(t) == []


def test_the_authors_own_repeated_charged_phrase_is_repetition(table) -> None:
    text = ("They want to crush the corrupt elite. Every voter can crush the corrupt elite. "
            "Next year we crush the corrupt elite for good.")
    t = table(text)
    got = [text[r.start : r.end].lower() for r in repetition(t)]
    assert any("corrupt elite" in g for g in got)


def test_anaphora_of_seven_sentences_marks_each_opening(table) -> None:
    body = " ".join(f"They lied about the {x}." for x in ("war", "budget", "schools", "roads", "ports", "taxes", "border"))
    text = body + " Voters noticed."
    spans = anaphora(table(text))
    assert len(spans) == 7
    assert {text[s.start : s.end] for s in spans} == {"They lied about"}
    assert all(s.technique == "Repetition" for s in spans)


def test_sentences_with_different_openings_are_no_anaphora(table) -> None:
    text = "They lied about the war. Voters lied about their age. The budget was cut. They lied again."
    assert anaphora(table(text)) == []


def test_anaphora_inside_a_quotation_is_not_the_authors(table) -> None:
    text = ('The candidate shouted: "We will win. We will win. We will win." '
            "The crowd cheered and the rally ended.")
    assert anaphora(table(text)) == []


@pytest.mark.parametrize(("text", "label"), [
    ("The jihadis took the town overnight.", "jihadis"),
    ("Once again the fake news media ignored the story.", "fake news media"),
    ("He called the reporters the enemy of the people.", "enemy of the people"),
    ("Open borders let the illegals stay.", "illegals"),
])
def test_name_calling_of_groups_and_the_press(table, text: str, label: str) -> None:
    got = [text[r.start : r.end] for r in name_calling(table(text))]
    assert any(label in g for g in got), got


@pytest.mark.parametrize("text", [
    "Police said the terrorist attack killed four people.",
    "The charity works to protect farm animals from cruelty.",
    "Derek Hatton, a member of Militant, was expelled in 1986.",
])
def test_descriptive_news_words_and_names_are_no_name_calling(table, text: str) -> None:
    assert name_calling(table(text)) == []


def test_layer_spans_are_whole_words_with_calibrated_confidence(run) -> None:
    text = ("These corrupt, treacherous puppets have hi-jacked our great nation! Wake up, patriots: the "
            "lamestream media lies to you every single day, and only fools still believe them.\n\n"
            'Officials said on Tuesday that "the review will take several weeks".')
    doc, out = run(text)
    assert out["techniques"]
    for tech in out["techniques"]:
        s, e = tech.span.start, tech.span.end
        assert not (s > 0 and doc.text[s - 1].isalnum()) and not (e < len(doc.text) and doc.text[e].isalnum())
        assert tech.confidence is not None and 0.0 <= tech.confidence <= 1.0
    from presslens.analyzers.techniques.calibration import load_calibrator

    th = load_calibrator().threshold
    assert all(t.uncertain == (t.confidence < th) for t in out["techniques"])


def test_confidence_rises_with_the_evidence(run) -> None:
    """A loaded span in a propaganda-dense text is surer than a plain span in a plain report."""
    _, hot = run("Traitors! These vile, treacherous thugs betrayed every patriot. Disgraceful, shameful lies!")
    _, cold = run("The committee met on Tuesday. It reviewed the quarterly figures and adjourned at noon.")
    hot_max = max((t.confidence or 0.0) for t in hot["techniques"])
    cold_max = max([(t.confidence or 0.0) for t in cold["techniques"]] + [0.0])
    assert hot_max > cold_max


def test_layer_repetition_never_comes_from_a_quote_alone(run) -> None:
    quote = '"nobody is above the law"'
    text = (f"The senator said {quote}. Asked again, she said {quote}. In a statement she wrote {quote}. "
            "The committee meets next week.")
    doc, out = run(text)
    assert not [t for t in out["techniques"] if t.technique == "Repetition"]
    assert np.all([t.quoted for t in out["techniques"] if "above the law" in doc.text_of(t.span)])
