"""Who asserts a claim, and how sure the wording is (hedges and boosters).

Attribution, in order of evidence:

1. a Quote record (quotes layer) covering the claim: its speaker entity
   → ``named``; no entity but words naming a source → ``anonymous`` or
   ``document`` by the head noun;
2. "according to X" inside the claim: X an entity mention, a proper noun or an
   institution → ``named``; a report/study/statement → ``document``;
   officials/sources/critics → ``anonymous``;
3. a speech verb governing the claim ("X said", "officials said"), its
   subject classified the same way;
4. otherwise the author's own voice.

Hedges/boosters are lexicon matches (Hyland 2005) inside the claim;
approximators ("about", "nearly", "some") count only before a number, and
"May" only when it is not a month.  Hand-written: no packaged tool tags
hedges or attributes claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from presslens.checkworthy import lexicon as lx
from presslens.model.records import Attribution, Entity, Quote
from presslens.model.span import Span

_HEDGE_RX = lx.phrase_regex(lx.HEDGES + lx.BOOSTERS)
_APPROX = frozenset({"about", "around", "nearly", "almost", "some", "up to", "at least", "roughly", "approximately"})
_NUMBER_AHEAD = re.compile(
    r"\s*(?:\$|€|£)?\s*(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|a dozen|dozens|half)",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
INSTITUTIONS = frozenset(
    "ministry government department agency company embassy office council committee court army "
    "military administration commission parliament congress senate bank union authority "
    "presidency cabinet organisation organization un nato police".split()
)
Mention = tuple[Span, str, str]
_DOCS = frozenset(w for w in lx.DOCUMENT_SOURCES if " " not in w)
_ANON = frozenset(w for w in lx.ANONYMOUS_SOURCES if " " not in w) | {"spokesman", "spokeswoman", "spokesperson", "official", "people", "leaders"}


def hedge_spans(text: str, start: int, end: int) -> tuple[Span, ...]:
    """Hedge and booster spans inside [start, end) of ``text``."""
    out = []
    for m in _HEDGE_RX.finditer(text, start, end):
        word = m.group(0).lower()
        if word in _APPROX and not _NUMBER_AHEAD.match(text, m.end()):
            continue
        if word == "may" and ((m.group(0) == "May" and m.start() > start) or _NUMBER_AHEAD.match(text, m.end())):
            continue
        out.append(Span(m.start(), m.end()))
    return tuple(out)


def _overlap(a: Span, b: Span) -> int:
    """Characters shared by two spans."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _from_quote(claim: Span, quotes: Sequence[Quote], text: str) -> Attribution | None:
    """Attribution from the Quote record that covers most of the claim."""
    best, best_share = None, 0.0
    for q in quotes:
        share = _overlap(q.span, claim) / max(len(claim), 1)
        cue_inside = q.cue is not None and claim.contains(q.cue)
        if share > best_share and (share >= 0.3 or cue_inside):
            best, best_share = q, share
    if best is None:
        return None
    cue = best.cue
    if cue is not None and best.source is not None and text[cue.start : cue.end].lower().startswith("according"):
        cue = Span(min(cue.start, best.source.start), max(cue.end, best.source.end))
    if best.speaker:
        return Attribution("named", best.speaker, cue)
    words = text[best.source.start : best.source.end].lower().split() if best.source else []
    return Attribution(_source_type(words, proper=False), None, cue)


def _source_type(words: list[str], *, proper: bool) -> str:
    """Type of a source phrase from its words: document, named or anonymous."""
    bare = {w.strip(".,;:'\"’”") for w in words}
    if bare & _DOCS:
        return "document"
    if proper or bare & INSTITUTIONS:
        return "named"
    return "anonymous"


def _entity_at(span: Span, mentions: Sequence[Mention]) -> str | None:
    """The entity id whose mention overlaps the span, if any."""
    for m, eid, _ in mentions:
        if m.overlaps(span):
            return eid
    return None


def _antecedent(offset: int, mentions: Sequence[Mention]) -> str | None:
    """The nearest PERSON mentioned before ``offset`` (a "he"/"she" speaker)."""
    before = [eid for m, eid, etype in mentions if m.end <= offset and etype == "PERSON"]
    return before[-1] if before else None


def _phrase_attribution(tokens: Any, cue: Span, mentions: Sequence[Mention]) -> Attribution:
    """Attribution from a source phrase (spaCy tokens) and its cue span."""
    span = Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    if len(tokens) == 1 and tokens[0].lower_ in ("he", "she"):
        return Attribution("named", _antecedent(span.start, mentions), cue)
    eid = _entity_at(span, mentions)
    proper = any(t.pos_ == "PROPN" for t in tokens)
    kind = _source_type([t.lower_ for t in tokens], proper=proper)
    if eid and kind != "document":
        return Attribution("named", eid, cue)
    return Attribution(kind, eid if kind == "named" else None, cue)  # type: ignore[arg-type]


def _according_to(unit: Any, mentions: Sequence[Mention]) -> Attribution | None:
    """"according to X" inside the unit."""
    for tok in unit:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
            if not objs:
                continue
            phrase = list(objs[0].subtree)
            cue = Span(tok.idx, phrase[-1].idx + len(phrase[-1]))
            return _phrase_attribution(phrase, cue, mentions)
    return None


def _speech_verb(unit: Any, mentions: Sequence[Mention]) -> Attribution | None:
    """"X said (that) …" / "…, officials said": the speech verb and its subject."""
    for tok in unit:
        if tok.lemma_.lower() not in lx.SPEECH_LEMMAS or tok.pos_ not in ("VERB", "AUX"):
            continue
        if not any(c.dep_ in ("ccomp", "parataxis") for c in tok.children) and tok.dep_ not in ("parataxis",):
            continue
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj:
            continue
        phrase = [t for t in subj[0].subtree if not t.is_punct]
        if phrase and phrase[0].lower_ in ("i", "we"):
            return None
        return _phrase_attribution(phrase or [subj[0]], Span(tok.idx, tok.idx + len(tok)), mentions)
    return None


def attribute(unit: Any, claim: Span, text: str, quotes: Sequence[Quote], mentions: Sequence[Mention]) -> Attribution:
    """The attribution of one claim unit (see module docstring for the order)."""
    return (
        _from_quote(claim, quotes, text)
        or _according_to(unit, mentions)
        or _speech_verb(unit, mentions)
        or Attribution("author")
    )


def mention_index(entities: Sequence[Entity]) -> list[Mention]:
    """Every entity mention as (span, entity id, entity type), sorted by position."""
    return sorted(((m, e.id, e.type) for e in entities for m in e.mentions), key=lambda x: x[0].start)
