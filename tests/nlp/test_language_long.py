"""Documents beyond spaCy's max_length are parsed in pieces with exact offsets."""

from __future__ import annotations

from presslens.nlp.language import PIECE_CHARS, _pieces, make_docs, sentence_spans
from presslens.nlp.sentences import COMPONENT

PARAGRAPHS = [
    "The ferry to Brisk ran late again on Monday, Mr. Oduya said. Passengers waited for three hours.",
    "Council Votes\n\nThe council voted 9-4 to fund a new pier. The U.S. consulate sent an observer.",
    "\"We are tired of waiting,\" said Ines Vidal, a nurse. She commutes every day.",
]


def _long_text(min_chars: int) -> str:
    parts, size, i = [], 0, 0
    while size < min_chars:
        para = PARAGRAPHS[i % len(PARAGRAPHS)]
        parts.append(para)
        size += len(para) + 2
        i += 1
    return "\n\n".join(parts)


def test_pieces_cover_text_and_cut_at_paragraphs():
    text = _long_text(3 * PIECE_CHARS)
    pieces = _pieces(text)
    assert "".join(pieces) == text
    assert len(pieces) >= 3
    for piece in pieces[:-1]:
        assert piece.endswith("\n\n") and len(piece) <= PIECE_CHARS


def test_over_one_million_chars_keeps_offsets(nlp):
    text = _long_text(1_050_000)
    assert len(text) > nlp.max_length or len(text) > 1_000_000
    # tokenizer + sentence rules only: the full parser on 1M chars takes a minute
    with nlp.select_pipes(enable=[COMPONENT]):
        doc = next(make_docs([text], nlp=nlp))
    assert doc.text == text
    tail = [t for t in doc if t.idx > len(text) - 2000 and not t.is_space]
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in tail)
    starts = {t.idx for t in doc if t.is_sent_start}
    # every paragraph start (after "\n\n") is a preset sentence start, in every piece
    para_starts = [i + 2 for i in range(len(text) - 2) if text.startswith("\n\n", i)][-50:]
    assert all(p in starts for p in para_starts)


def test_long_document_sentences_through_pipeline_pieces(nlp, monkeypatch):
    import presslens.nlp.language as language

    text = _long_text(6_000)
    monkeypatch.setattr(language, "PIECE_CHARS", 1_000)
    doc = next(make_docs([text]))
    assert doc.text == text
    spans = sentence_spans(doc)
    assert all(text[s.start : s.end].strip() == text[s.start : s.end] for s in spans)
    assert any(text[s.start : s.end] == "Council Votes" for s in spans)
