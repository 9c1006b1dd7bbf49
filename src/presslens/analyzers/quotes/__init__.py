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

Speakers are decided in two steps: ``draft_quotes`` finds each quote's candidate
speakers with the features of how they were found (``speakers.py``, ``discourse.py``);
``decide`` turns them into calibrated probabilities (``confidence.py``) and shows the
best one as ``speaker`` only at or above the shipped threshold.  Below it the quote
keeps ``speaker: None``, ``speaker_status: "uncertain"`` and its ``candidates``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.analyzers.index import SpanIndex, paragraph_finder
from presslens.analyzers.quotes.confidence import Calibrator, calibrator
from presslens.analyzers.quotes.cues import (
    Found,
    Lexicon,
    according_to,
    cue_span,
    is_cue_verb,
    lexicon,
    quotes_directly,
    reported,
)
from presslens.analyzers.quotes.discourse import Discourse, Option
from presslens.analyzers.quotes.headlines import dash_byline, headline_colons
from presslens.analyzers.quotes.marks import Marked, scan
from presslens.analyzers.quotes.speakers import (
    NONE,
    EntityIndex,
    Resolution,
    find_subject,
    noun_phrase,
    resolve,
)
from presslens.model.document import Document
from presslens.model.records import Entity, Quote, SpeakerCandidate
from presslens.model.span import Span
from presslens.nlp.language import doc_text, sent_of
from presslens.settings import Settings

SCARE_MAX_WORDS = 4
MIN_OUTSIDE = 4
MAX_CANDIDATES = 3

__all__ = ["Draft", "decide", "draft_quotes", "find_quotes", "make_quotes"]


@register("presslens.quotes.v1", layer="quotes", produces=("quotes",), requires=("entities",))
def make_quotes(settings: Settings | None = None) -> Any:
    """Build the quotes analyzer (the cue lexicon and the confidence model are loaded once, here)."""
    lex = lexicon()
    model = calibrator()

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        """Quotes of one document."""
        if ctx.nlp_doc is None:
            return {"quotes": ()}
        return {"quotes": find_quotes(document, ctx.nlp_doc, ctx.entities, lex, model)}

    return analyze


@dataclass(frozen=True, slots=True)
class Draft:
    """A quote before its speaker is decided: the words, the cue and how the speaker was found."""

    span: Span
    cue: Span | None
    direct: bool
    source: Span | None
    resolution: Resolution = NONE


def find_quotes(document: Document, doc: Any, entities: Sequence[Entity], lex: Lexicon,
                model: Calibrator | None = None) -> tuple[Quote, ...]:
    """Every direct quote and reported speech of a parsed document, in text order."""
    drafts = draft_quotes(document, doc, entities, lex)
    model = model or calibrator()
    return tuple(decide(f"QT{i}", d, model) for i, d in enumerate(drafts, 1))


def decide(qid: str, draft: Draft, model: Calibrator) -> Quote:
    """The Quote record: the best candidate as speaker when its probability reaches the threshold."""
    method, options = draft.resolution.method, draft.resolution.options
    ranked = sorted(((o.entity, model.probability(method, o.features)) for o in options), key=lambda c: -c[1])
    seen: dict[str, float] = {}
    for eid, p in ranked:
        seen.setdefault(eid, round(p, 3))
    candidates = tuple(SpeakerCandidate(e, p) for e, p in list(seen.items())[:MAX_CANDIDATES])
    confidence = candidates[0].confidence if candidates else None
    speaker = candidates[0].entity if confidence is not None and confidence >= model.threshold else None
    return Quote(qid, draft.span, speaker, draft.cue, draft.direct, draft.source, confidence, candidates)


def draft_quotes(document: Document, doc: Any, entities: Sequence[Entity], lex: Lexicon) -> list[Draft]:
    """Every quote with its speaker candidates (no confidence yet), in text order."""
    paragraphs = [(p.span.start, p.span.end) for p in document.paragraphs] or [(0, len(document.text))]
    marked = scan(document.text, paragraphs)
    in_quote = _inside(doc, marked)
    index = EntityIndex(entities)
    discourse = Discourse(doc, entities)
    pending = _direct_findings(document, doc, marked, in_quote, lex)
    pending += [(f.content, f, False) for f in _reported(doc, in_quote, marked, lex)]
    headlines = list(headline_colons(doc, paragraphs))  # scanned once, used twice
    heads = {content.start: source for content, _colon, source, _head in headlines}
    pending += [(content, Found(content, Span(colon.idx, colon.idx + 1), colon, head), False)
                for content, colon, _source, head in headlines]
    pending.sort(key=lambda p: (p[0].start, p[0].end))
    paragraph_of = paragraph_finder(document)
    out: list[Draft] = []
    previous: tuple[Draft, int] | None = None
    for content, found, direct in pending:
        if found is None:
            draft = _continued(document.text, paragraph_of(content.start), content, previous, index)
        elif found.cue_token.text == ":" and content.start in heads and not direct:
            draft = _headline(found, heads[content.start], index, discourse)
        else:
            draft = _draft(found, index, discourse, direct=direct)
        if draft.resolution.options and found is not None:
            discourse.heard(content.start, draft.resolution.options[0].entity)
        out.append(draft)
        if direct:
            previous = (draft, paragraph_of(content.start))
    return out


def _inside(doc: Any, marked: Sequence[Marked]) -> list[bool]:
    """Per token: does it lie inside a direct quote (marks included)?"""
    flags = [False] * len(doc)
    k = 0
    for tok in doc:
        while k < len(marked) and marked[k].end <= tok.idx:
            k += 1
        flags[tok.i] = k < len(marked) and marked[k].start <= tok.idx
    return flags


def _draft(found: Found, index: EntityIndex, discourse: Discourse, *, direct: bool) -> Draft:
    """A draft from a cue finding, resolving its speaker's candidates."""
    subject = found.subject
    if subject is None or _relative_that(subject):
        return Draft(found.content, found.cue, direct, None)
    avoid = (found.content, found.cue)
    source = noun_phrase(subject, avoid=avoid)
    if any(source.overlaps(a) for a in avoid):
        source = Span(subject.idx, subject.idx + len(subject.text))
    if any(source.overlaps(a) for a in avoid):
        return Draft(found.content, found.cue, direct, None)
    return Draft(found.content, found.cue, direct, source, resolve(subject, source, index, discourse, found.content))


def _relative_that(subject: Any) -> bool:
    """A relative "that" as the subject ("an ad that urges voters", "polls that show"): it names
    no one, and most such clauses report what a thing says, not a source (PolNeAR train: one
    in five marked as a source)."""
    return subject.lower_ == "that" and subject.head.dep_ in ("relcl", "acl")


def _headline(found: Found, source: Span, index: EntityIndex, discourse: Discourse) -> Draft:
    """A headline attribution ("Name: words"): the whole name before the colon is the source."""
    return Draft(found.content, found.cue, False, source, resolve(found.subject, source, index, discourse, found.content))


Pending = tuple[Span, Found | None, bool]


def _direct_findings(
    document: Document, doc: Any, marked: Sequence[Marked], in_quote: list[bool], lex: Lexicon
) -> list[Pending]:
    """Quotes from marks, each with its cue finding, or None (continues the previous speaker); scare quotes dropped."""
    starts = [t.idx for t in doc]
    out: list[Pending] = []
    for m in marked:
        cue = _direct_cue(doc, starts, m, in_quote, lex) or _colon_cue(doc, starts, m)
        content = Span(m.cstart, m.cend)
        speech_like = _speech_like(document.text, m)
        byline = dash_byline(doc, starts, m.start, m.end) if cue is None and speech_like else None
        if byline is not None:
            out.append((content, Found(content, cue_span(byline[0]), byline[0], byline[1]), True))
        elif cue is not None and (speech_like or cue.text == ":" or _governs(cue, starts, m)):
            if cue.text == ":":
                subject = _colon_subject(cue)
            else:
                subject = find_subject(cue, lambda t: is_cue_verb(t, lex))
            out.append((content, Found(content, cue_span(cue), cue, subject), True))
        elif speech_like:
            out.append((content, None, True))
    return out


def _speech_like(text: str, m: Marked) -> bool:
    """Long enough, or a whole sentence, to be speech rather than a scare-quoted phrase."""
    content = text[m.cstart : m.cend]
    if len(content.split()) > SCARE_MAX_WORDS:
        return True
    return content[:1].isupper() and content[-1:] in ".!?" and " " in content


def _continued(text: str, paragraph: int, content: Span, previous: tuple[Draft, int] | None,
               index: EntityIndex) -> Draft:
    """A cue-less quote right after another one (same or next paragraph) may keep its speaker."""
    if previous is None or paragraph - previous[1] > 1 or not previous[0].resolution.options:
        return Draft(content, None, True, None)
    before = previous[0]
    top = before.resolution.options[0]
    features = dict(top.features)
    features["gap"] = float(paragraph - previous[1])
    between = Span(before.span.end, content.start)
    features["intervening"] = float(_someone_else(text, between, top.entity, index))
    return Draft(content, None, True, None, Resolution("continued", (Option(top.entity, features),)))


def _someone_else(text: str, between: Span, speaker: str, index: EntityIndex) -> bool:
    """True when a person other than the speaker is named outside quotes between two quotes."""
    i = bisect_right(index.starts, between.start)
    for start, _end, eid in index.rows[i:]:
        if start >= between.end:
            return False
        if eid != speaker and index.by_id[eid].type == "PERSON":
            return True
    return False


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
    candidates = [doc[i] for i in range(lo, hi) if not in_quote[i] and is_cue_verb(doc[i], lex) and quotes_directly(doc[i])]
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
    """The name before a colon cue (head of its noun phrase), if it is one: a proper name, or a
    noun phrase that opens its sentence (a common noun inside a clause is what the clause's own
    subject delivered, "Sanders delivered a retort: “…”", not a speaker)."""
    tok = colon.doc[colon.i - 1]
    while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i and tok.head.i < colon.i:
        tok = tok.head
    if tok.pos_ == "PROPN":
        return tok
    if tok.pos_ in ("NOUN", "PRON") and tok.left_edge.i == sent_of(tok).start:
        return tok  # "The report: “…”" opens its sentence; "delivered a retort: “…”" names no speaker
    return None


def _reported(doc: Any, in_quote: list[bool], marked: Sequence[Marked], lex: Lexicon) -> list[Found]:
    """Reported speech introduced by cues outside direct quotes, not mostly quoted itself
    (a naming's content may be: "calling him “a total stiff”" names him with a quoted phrase)."""
    marks = SpanIndex(marked, lambda m: Span(m.start, m.end))
    out: list[Found] = []
    cue_lemmas = lex.verbs | lex.nouns | lex.namings
    for tok in doc:
        if in_quote[tok.i]:
            continue
        if tok.lower_ == "according":
            found = according_to(tok)
        elif tok.lemma_.lower() in cue_lemmas:
            found = reported(tok, lex)
        else:
            continue
        if found is None:
            continue
        naming = found.cue_token.lemma_.lower() in lex.namings
        if naming or not _covered(doc_text(doc), found.content, marks.overlapping(found.content)):
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
