"""quotes layer: direct quotes and reported speech, with cue, speaker and source.

Direct quotes come from pairing quotation marks (``marks.py``); reported speech
from speech cues in the dependency parse (``cues.py``); speakers from the cue's
subject resolved to entities (``speakers.py``).  Hand-written rules because no
offline library does quotation attribution for English (the PolNeAR and
Stanford QuoteAnnotator approaches are the model: quote → cue verb → subject →
mention; Pareti 2016; Muzny et al. 2017).  A short quoted phrase with no speech
verb governing it is a scare quote ("an “American Puppet”"), not speech; a long
quote with no cue continues the previous quote's speaker when it follows it in
the same or the next paragraph.  Works without the entities layer (speaker
None; ``source`` still names the words).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.analyzers.index import SpanIndex, paragraph_finder
from presslens.analyzers.quotes.cues import (
    Found,
    Lexicon,
    according_to,
    cue_span,
    is_cue_verb,
    lexicon,
    reported,
)
from presslens.analyzers.quotes.marks import Marked, scan
from presslens.analyzers.quotes.speakers import EntityIndex, find_subject, noun_phrase, resolve
from presslens.model.document import Document
from presslens.model.records import Quote
from presslens.model.span import Span
from presslens.nlp.language import doc_text, sent_of
from presslens.settings import Settings

SCARE_MAX_WORDS = 4
MIN_OUTSIDE = 4

__all__ = ["find_quotes", "make_quotes"]


@register("presslens.quotes.v1", layer="quotes", produces=("quotes",), requires=("entities",))
def make_quotes(settings: Settings | None = None) -> Any:
    """Build the quotes analyzer (the cue lexicon is loaded once, here)."""
    lex = lexicon()

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        """Quotes of one document."""
        if ctx.nlp_doc is None:
            return {"quotes": ()}
        index = EntityIndex(ctx.entities)
        return {"quotes": find_quotes(document, ctx.nlp_doc, index, lex)}

    return analyze


def find_quotes(document: Document, doc: Any, index: EntityIndex, lex: Lexicon) -> tuple[Quote, ...]:
    """Every direct quote and reported speech of a parsed document, in text order."""
    paragraphs = [(p.span.start, p.span.end) for p in document.paragraphs] or [(0, len(document.text))]
    marked = scan(document.text, paragraphs)
    in_quote = _inside(doc, marked)
    direct = _direct_quotes(document, doc, marked, in_quote, index, lex)
    found = _reported(doc, in_quote, marked, lex)
    indirect = [_quote(f, index, direct=False) for f in found]
    ordered = sorted(direct + indirect, key=lambda q: (q.span.start, q.span.end))
    return tuple(Quote(f"QT{i}", q.span, q.speaker, q.cue, q.direct, q.source) for i, q in enumerate(ordered, 1))


def _inside(doc: Any, marked: Sequence[Marked]) -> list[bool]:
    """Per token: does it lie inside a direct quote (marks included)?"""
    flags = [False] * len(doc)
    k = 0
    for tok in doc:
        while k < len(marked) and marked[k].end <= tok.idx:
            k += 1
        flags[tok.i] = k < len(marked) and marked[k].start <= tok.idx
    return flags


def _quote(found: Found, index: EntityIndex, *, direct: bool, span: Span | None = None) -> Quote:
    """A Quote record from a cue finding, resolving its speaker."""
    subject, source, speaker = found.subject, None, None
    if subject is not None:
        avoid = (span or found.content, found.cue)
        source = noun_phrase(subject, avoid=avoid)
        if any(source.overlaps(a) for a in avoid):
            source = Span(subject.idx, subject.idx + len(subject.text))
        if any(source.overlaps(a) for a in avoid):
            return Quote("", span or found.content, None, found.cue, direct, None)
        speaker = resolve(subject, source, index)
    return Quote("", span or found.content, speaker, found.cue, direct, source)


def _direct_quotes(
    document: Document, doc: Any, marked: Sequence[Marked], in_quote: list[bool], index: EntityIndex, lex: Lexicon
) -> list[Quote]:
    """Quotes from marks, each with its cue, or its predecessor's speaker, or dropped as scare quotes."""
    paragraph_of = paragraph_finder(document)
    starts = [t.idx for t in doc]
    out: list[Quote] = []
    previous: tuple[Quote, int] | None = None
    for m in marked:
        cue = _direct_cue(doc, starts, m, in_quote, lex) or _colon_cue(doc, starts, m)
        content = Span(m.cstart, m.cend)
        speech_like = _speech_like(document.text, m)
        if cue is not None and (speech_like or cue.text == ":" or _governs(cue, starts, m)):
            if cue.text == ":":
                subject = _colon_subject(cue)
            else:
                subject = find_subject(cue, lambda t: is_cue_verb(t, lex))
            quote = _quote(Found(content, cue_span(cue), cue, subject), index, direct=True)
        elif speech_like:
            quote = _continued(paragraph_of(m.start), content, previous)
        else:
            continue
        out.append(quote)
        previous = (quote, paragraph_of(m.start))
    return out


def _speech_like(text: str, m: Marked) -> bool:
    """Long enough, or a whole sentence, to be speech rather than a scare-quoted phrase."""
    content = text[m.cstart : m.cend]
    if len(content.split()) > SCARE_MAX_WORDS:
        return True
    return content[:1].isupper() and content[-1:] in ".!?" and " " in content


def _continued(paragraph: int, content: Span, previous: tuple[Quote, int] | None) -> Quote:
    """A cue-less quote right after another one (same or next paragraph) keeps its speaker."""
    if previous is not None and paragraph - previous[1] <= 1:
        return Quote("", content, previous[0].speaker, None, True, None)
    return Quote("", content, None, None, True, None)


def _token_at(starts: list[int], offset: int) -> int:
    """Index of the token containing (or just before) a character offset."""
    return max(bisect_right(starts, offset) - 1, 0)


def _governs(cue: Any, starts: list[int], m: Marked) -> bool:
    """True when the quote's first content token lies in the cue verb's subtree."""
    tok = cue.doc[_token_at(starts, m.cstart)]
    return cue.left_edge.i <= tok.i <= cue.right_edge.i


def _direct_cue(doc: Any, starts: list[int], m: Marked, in_quote: list[bool], lex: Lexicon) -> Any | None:
    """The speech verb outside quotes nearest to a direct quote, in its sentence(s)."""
    first = sent_of(doc[_token_at(starts, m.start)])
    last = sent_of(doc[_token_at(starts, max(m.end - 1, m.start))])
    lo, hi = first.start, last.end
    if hi < len(doc) and doc[hi].idx - m.end <= 3:
        follow = sent_of(doc[hi])
        if len(follow) <= 8:
            hi = follow.end
    candidates = [doc[i] for i in range(lo, hi) if not in_quote[i] and is_cue_verb(doc[i], lex)]
    if not candidates:
        return None
    return min(candidates, key=lambda t: m.start - t.idx if t.idx < m.start else t.idx - m.end)


def _colon_cue(doc: Any, starts: list[int], m: Marked) -> Any | None:
    """"Smith: “…”": a colon right before the quote, after a name, is the cue."""
    k = m.start - 1
    while k >= 0 and doc_text(doc)[k] == " ":
        k -= 1
    if k < 1 or doc_text(doc)[k] != ":":
        return None
    colon = doc[_token_at(starts, k)]
    if colon.text != ":" or colon.i == 0 or _colon_subject(colon) is None:
        return None
    return colon


def _colon_subject(colon: Any) -> Any | None:
    """The name before a colon cue (head of its noun phrase), if it is one."""
    tok = colon.doc[colon.i - 1]
    while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i and tok.head.i < colon.i:
        tok = tok.head
    return tok if tok.pos_ in ("PROPN", "NOUN", "PRON") else None


def _reported(doc: Any, in_quote: list[bool], marked: Sequence[Marked], lex: Lexicon) -> list[Found]:
    """Reported speech introduced by cues outside direct quotes, not mostly quoted itself."""
    marks = SpanIndex(marked, lambda m: Span(m.start, m.end))
    out: list[Found] = []
    cue_lemmas = lex.verbs | lex.nouns
    for tok in doc:
        if in_quote[tok.i]:
            continue
        if tok.lower_ == "according":
            found = according_to(tok)
        elif tok.lemma_.lower() in cue_lemmas:
            found = reported(tok, lex)
        else:
            continue
        if found is not None and not _covered(doc_text(doc), found.content, marks.overlapping(found.content)):
            out.append(found)
    return out


def _covered(text: str, span: Span, marked: Sequence[Marked]) -> bool:
    """True when a span is (nearly) nothing but direct quotes: fewer than 4 letters outside them.

    ``marked``: at least the quotes overlapping the span (found by offset, not scanned).
    """
    outside = [True] * len(span)
    for m in marked:
        for k in range(max(m.start, span.start), min(m.end, span.end)):
            outside[k - span.start] = False
    return sum(1 for k, out in enumerate(outside) if out and text[span.start + k].isalnum()) < MIN_OUTSIDE
