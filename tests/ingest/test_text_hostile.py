"""Hostile plain text: lone surrogates, control characters, giant 'words', no real words."""

from __future__ import annotations

import pytest

from presslens.errors import LanguageError
from presslens.ingest import ingest_text
from presslens.ingest.language import guess_language, is_junk
from presslens.model.span import Span
from presslens.settings import Settings

ARTICLE = "The port of Valdora reopened on Monday after a three-week strike, officials said."


@pytest.mark.parametrize("keep_text", [False, True])
def test_lone_surrogates_become_replacement_characters_in_place(keep_text):
    raw = "The port \ud800reopened on \udfffMonday after a strike, officials said \ud83d."
    doc = ingest_text(raw, settings=Settings(keep_text=keep_text), title="Port \udc80 reopens")
    assert doc.text.encode("utf-8")  # encodable: no surrogate left
    assert doc.title == "Port \ufffd reopens"
    assert doc.text.count("\ufffd") == 3
    for i, ch in enumerate(doc.text):  # every character maps to the same character of the input
        src = doc.to_source(Span(i, i + 1))
        assert raw[src.start : src.end] in (ch, "\ud800", "\udfff", "\ud83d") or ch == " "


def test_control_characters_are_cleaned():
    raw = "The port\x00 reopened\x1b on Mon\x7fday\x85after a strike\u2029It cost \x9b\u00a34m, officials\x1csaid."
    doc = ingest_text(raw)
    assert doc.text == "The port reopened on Monday after a strike\n\nIt cost \u00a34m, officials said."
    assert [doc.text_of(p.span) for p in doc.paragraphs][1].startswith("It cost")
    word = doc.text.index("Monday")
    src = doc.to_source(Span(word, word + 6))
    assert raw[src.start : src.end] == "Mon\x7fday"


def test_a_giant_word_is_not_english():
    with pytest.raises(LanguageError):
        ingest_text("a" * 5_000_000)
    with pytest.raises(LanguageError):
        ingest_text(ARTICLE + " " + "Q" * 200_000)
    assert is_junk("x" * 1001) and not is_junk("x" * 1000)


def test_links_and_short_english_texts_still_pass():
    url = "https://courier.example/" + "a" * 300
    assert guess_language(f"{ARTICLE} The full report is at {url} and runs to 40 pages.") == "en"
    assert guess_language("Ferry resumes") == "en"
    assert guess_language("Hello") == "en"


@pytest.mark.parametrize("text", ["qwzx vbnm", "zzzzzz", "12345 678", "\u00e9\u00e8\u00ea", "Xkq7 Rrvt"])
def test_texts_without_real_words_are_not_english(text):
    assert guess_language(text) == "und"


def test_analyze_accepts_lone_surrogates_and_controls(nlp):
    import json

    import presslens

    text = ("Port \ud800 Reopens\n\nThe port of Valdora reopened on Monday\x00 after a strike that cost "
            "\u00a385 million, said Mara Quintel \udfff of the dockers' union.\u2028It was the longest strike.")
    analysis = presslens.analyze(text, title="Port \ud83d reopens")
    data = json.loads(json.dumps(analysis.to_dict(), ensure_ascii=False).encode("utf-8"))
    body = data["document"]["text"]
    assert "\ufffd" in body and "\x00" not in body
    for entity in data["entities"]:
        for mention in entity["mentions"]:
            assert body[mention["start"] : mention["end"]] == mention["text"]
