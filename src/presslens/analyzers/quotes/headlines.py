"""Layout attributions: headline colons and dash bylines.

"Pat Caddell: Democrat Voters Worried About Clinton's Health" (a headline colon), and a quotation
with its speaker after or before a dash ("“…” — Paul Ryan", "Bernie Sanders - “…”", the layout
of embedded posts, epigraphs and quote lists).

News headlines and wire summaries attribute a claim to its source with a colon: a short
name-like phrase, a colon, then what the source says.  PolNeAR marks the name as Source, the
colon as Cue and the rest of the line as Content.  Only a short one-line paragraph counts, whose
part before the colon is a capitalised noun phrase (no verb, not an all-capital label such as
"UPDATE" or "FULL TEXT", not a clock time), with at least three words after it; a colon right
before a quotation mark is left to the direct-quote rules.  A dash byline needs a proper name
right after the dash that follows a quotation, or a name opening the line before the dash that
precedes one; only for a quotation no speech verb or colon introduces.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Any

from presslens.model.span import Span
from presslens.nlp.language import doc_text

MAX_NAME_TOKENS = 6
MAX_LINE_WORDS = 30
MIN_CONTENT_WORDS = 4
QUOTE_OPENERS = "\"'“‘«"
SOURCE_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
SOURCE_NOUNS = frozenset({"poll", "survey", "study", "report", "newspaper", "paper", "insider", "source",
                          "official", "expert", "aide", "camp", "campaign", "analysis", "analyst", "document",
                          "memo", "lawsuit", "leader", "senator", "governor", "president", "spokesman"})


def headline_colons(doc: Any, paragraphs: Sequence[tuple[int, int]]) -> Iterator[tuple[Span, Any, Span, Span]]:
    """(content, colon token, source span, source head token) of each headline attribution."""
    text = doc_text(doc)
    by_start = {tok.idx: tok for tok in doc}
    for start, end in paragraphs:
        line = text[start:end]
        if "\n" in line.strip() or len(line.split()) > MAX_LINE_WORDS:
            continue
        found = _colon_line(doc, by_start, start, end)
        if found is not None:
            yield found


def _colon_line(doc: Any, by_start: dict[int, Any], start: int, end: int) -> tuple[Span, Any, Span, Span] | None:
    """The attribution of one headline-like paragraph, if it has the shape."""
    text = doc_text(doc)
    k = start
    while k < end and text[k].isspace():
        k += 1
    first = by_start.get(k)
    if first is None:
        return None
    name: list[Any] = []
    tok = first
    while tok.i < len(doc) and tok.text != ":" and len(name) <= MAX_NAME_TOKENS:
        name.append(tok)
        if tok.i + 1 >= len(doc):
            return None
        tok = doc[tok.i + 1]
    colon = tok
    if colon.text != ":" or not name or len(name) > MAX_NAME_TOKENS or not _name_like(name):
        return None
    after = text[colon.idx + 1 : end].strip()
    if not text[colon.idx + 1 : colon.idx + 2].isspace() or after[:1] in QUOTE_OPENERS:
        return None
    if len(after.split()) < MIN_CONTENT_WORDS:
        return None
    content = _content(doc, colon, end)
    if content is None:
        return None
    head = next((t for t in reversed(name) if t.pos_ in ("PROPN", "NOUN")), name[-1])
    return content, colon, Span(name[0].idx, name[-1].idx + len(name[-1].text)), head


def _name_like(name: list[Any]) -> bool:
    """A capitalised phrase naming a source: a person, organisation or group the parser
    recognises, or a noun for a source ("Poll", "Report", "Insiders"); no verb, not an
    all-capital label ("UPDATE", "FULL TEXT")."""
    if not name[0].text[:1].isupper() or any(t.pos_ in ("VERB", "AUX") for t in name):
        return False
    if all(t.text.isupper() or not t.is_alpha for t in name):
        return False
    if any(t.ent_type_ in SOURCE_ENTITIES for t in name):
        return True
    nouns = [t for t in name if t.pos_ in ("PROPN", "NOUN")]
    return bool(nouns) and nouns[-1].lemma_.lower() in SOURCE_NOUNS


def _content(doc: Any, colon: Any, end: int) -> Span | None:
    """The words after the colon up to the paragraph end, less a closing full stop."""
    last = colon.i
    while last + 1 < len(doc) and doc[last + 1].idx < end:
        last += 1
    from presslens.analyzers.quotes.cues import tokens_span

    return tokens_span(doc, colon.i + 1, last)


BYLINE_DASHES = "―—–"


def dash_byline(doc: Any, starts: Sequence[int], start: int, end: int) -> tuple[Any, Any] | None:
    """(dash token, name token) of a quotation's dash byline, if it has one."""
    text = doc_text(doc)
    k = end
    while k < len(text) and text[k] in " \t":
        k += 1
    if k < len(text) and text[k] in BYLINE_DASHES:
        dash = doc[max(bisect_right(starts, k) - 1, 0)]
        name = doc[dash.i + 1] if dash.i + 1 < len(doc) else None
        if dash.idx == k and name is not None and name.pos_ == "PROPN":
            while name.dep_ in ("compound", "flat") and name.head.i > name.i and name.head.pos_ == "PROPN":
                name = name.head
            return dash, name
    k = start - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    if k < 1 or text[k] not in BYLINE_DASHES + "-":
        return None
    dash = doc[max(bisect_right(starts, k) - 1, 0)]
    if dash.idx != k or dash.i == 0 or doc[dash.i - 1].pos_ != "PROPN":
        return None
    first = dash.i - 1
    while first > 0 and doc[first - 1].pos_ == "PROPN":
        first -= 1
    line_start = text.rfind("\n", 0, doc[first].idx) + 1
    return (dash, doc[dash.i - 1]) if not text[line_start : doc[first].idx].strip() else None
