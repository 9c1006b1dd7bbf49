"""Who asserts a claim: the author, a named or anonymous source, or a document.

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

Hand-written: no packaged tool attributes claims.  Hedges and boosters are
found by ``hedges.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from presslens import resources
from presslens.analyzers.claims import lexicon as lx
from presslens.analyzers.index import SpanIndex
from presslens.model.records import Attribution, Entity, Quote
from presslens.model.span import Span
from presslens.nlp.syntax import according_to, is_speech_verb, object_of, subject

INSTITUTIONS = resources.words("lexicon/institutions.tsv", use="source")
Mention = tuple[Span, str, str]  # (mention span, entity id, entity type)
_LETTERS = re.compile(r"[a-z]+")
_IRREGULAR = resources.words("lexicon/speech_verbs.tsv", use="prefilter")
SPEECH_FORMS = _IRREGULAR | frozenset(
    form for lemma in lx.SPEECH_LEMMAS for form in (lemma, lemma + "s", lemma + "es", lemma + "d", lemma + "ed", lemma[:-1] + "ied")
)
_DOCS = frozenset(w for w in lx.DOCUMENT_SOURCES if " " not in w)


def _overlap(a: Span, b: Span) -> int:
    """Characters shared by two spans."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _best_quote(claim: Span, quotes: Sequence[Quote], root: int) -> Quote | None:
    """The Quote record that carries the claim: it covers half of it, or its cue is the main verb.

    A quote nested in a larger assertion ("Parliament passed a resolution
    demanding …") leaves the assertion to whoever makes it.
    """
    best, best_share = None, 0.0
    for q in quotes:
        share = _overlap(q.span, claim) / max(len(claim), 1)
        cue_is_root = q.cue is not None and q.cue.start <= root < q.cue.end
        if share > best_share and (share >= 0.5 or (cue_is_root and share > 0)):
            best, best_share = q, share
    return best


def _quote_cue(quote: Quote, text: str) -> Span | None:
    """The quote's cue, widened over its source for "according to X"."""
    cue = quote.cue
    if cue is not None and quote.source is not None and text[cue.start : cue.end].lower().startswith("according"):
        cue = Span(min(cue.start, quote.source.start), max(cue.end, quote.source.end))
    return cue


def _from_quote_source(quote: Quote, text: str) -> Attribution:
    """A quote without a resolved speaker: classify the words naming its source."""
    words = text[quote.source.start : quote.source.end].split() if quote.source else []
    proper = any(w[:1].isupper() for w in words[1:])
    return Attribution(_source_type(_head_word(words), proper=proper), None, _quote_cue(quote, text))  # type: ignore[arg-type]


def _head_word(words: list[str]) -> str:
    """The head noun of a source phrase: its last word before "of/for/at/from/," ("leaders")."""
    head = ""
    for w in words:
        bare = w.strip(".,;:'\"’”").lower()
        if bare in ("of", "for", "at", "from", "in", "with", "who", "which", "") or w.startswith(","):
            break
        head = bare
    return head


def _source_type(head: str, *, proper: bool) -> str:
    """Type of a source from its head noun: document, named or anonymous."""
    if head in _DOCS:
        return "document"
    if proper or head in INSTITUTIONS:
        return "named"
    return "anonymous"


def _phrase_attribution(tokens: Any, head: Any, cue: Span, mentions: Mentions) -> Attribution:
    """Attribution from a source phrase (spaCy tokens), its head token and the cue span.

    Only the head and its apposition/compound daughters name the source: in
    "some Iraqi units" the nationality does not make the units a named source.
    """
    if len(tokens) == 1 and tokens[0].lower_ in ("he", "she"):
        return Attribution("named", mentions.antecedent(tokens[0].idx), cue)
    core = [head] + [c for c in head.children if c.dep_ in ("appos", "compound", "flat")]
    eid = next((e for t in core if (e := mentions.entity_at(Span(t.idx, t.idx + len(t))))), None)
    proper = any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE") for t in core)
    kind = _source_type(head.lower_, proper=proper)
    if eid and kind != "document":
        return Attribution("named", eid, cue)
    return Attribution(kind, eid if kind == "named" else None, cue)  # type: ignore[arg-type]


_NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART"})


def _np_after(to: Any) -> tuple[list[Any], Any] | None:
    """The noun phrase after "according to" and its head, when the parse has no pobj."""
    phrase, head = [], None
    for tok in to.doc[to.i + 1 : to.i + 12]:
        if tok.pos_ in _NP_POS or (tok.lower_ == "of" and head is not None):
            phrase.append(tok)
            if tok.pos_ in ("NOUN", "PROPN") and not any(t.lower_ == "of" for t in phrase):
                head = tok
            continue
        break
    return (phrase, head) if phrase and head is not None else None


def _according_to(unit: Any, mentions: Mentions) -> Attribution | None:
    """"according to X" inside the unit."""
    for tok in unit:
        to = according_to(tok)
        if to is None:
            continue
        obj = object_of(to)
        found = (list(obj.subtree), obj) if obj is not None else _np_after(to)
        if found is None:
            continue
        phrase, head = found
        cue = Span(tok.idx, phrase[-1].idx + len(phrase[-1]))
        return _phrase_attribution(phrase, head, cue, mentions)
    return None


def _speech_verb(unit: Any, mentions: Mentions) -> Attribution | None:
    """"X said (that) …" / "…, officials said": the speech verb and its subject."""
    for tok in unit:
        if not is_speech_verb(tok, lx.SPEECH_LEMMAS):
            continue
        reports = any(c.dep_ in ("ccomp", "parataxis") for c in tok.children) or tok.dep_ == "parataxis"
        if not reports and tok.i != unit.root.i:  # "Critics accused X of Y": the main verb suffices
            continue
        subj = subject(tok)
        if subj is None:
            continue
        phrase = [t for t in subj.subtree if not t.is_punct]
        if phrase and phrase[0].lower_ in ("i", "we"):
            return None
        return _phrase_attribution(phrase or [subj], subj, Span(tok.idx, tok.idx + len(tok)), mentions)
    return None


def _may_cite(body: str) -> bool:
    """Cheap pre-check: could the unit hold "according to" or a speech verb?"""
    return not SPEECH_FORMS.isdisjoint(_LETTERS.findall(body.lower()))


def attribute(unit: Any, claim: Span, text: str, quotes: Sequence[Quote], mentions: Mentions) -> Attribution:
    """The attribution of one claim unit (see module docstring for the order).

    ``quotes`` may be only those overlapping the claim (no other can carry it).
    """
    quote = _best_quote(claim, quotes, unit.root.idx)
    if quote is not None and quote.speaker:
        return Attribution("named", quote.speaker, _quote_cue(quote, text))
    if quote is not None and quote.speaker_status == "uncertain":
        return _from_quote_source(quote, text)  # the quotes layer was not sure: see speaker_guess
    parsed = None
    if _may_cite(text[claim.start : claim.end]):
        parsed = _according_to(unit, mentions) or _speech_verb(unit, mentions)
    if parsed is not None:
        return parsed
    if quote is not None:
        return _from_quote_source(quote, text)
    return Attribution("author")


def speaker_guess(claim: Span, quotes: Sequence[Quote], root: int) -> tuple[str, float] | None:
    """The likeliest speaker of an uncertain quote carrying the claim, with its probability.

    The claim is attributed to it as ``named``, and the claim's confidence is capped by that
    probability, so such a claim is shown as uncertain unless the quotes layer was nearly sure.
    """
    quote = _best_quote(claim, quotes, root)
    if quote is None or quote.speaker or quote.speaker_status != "uncertain" or not quote.candidates:
        return None
    top = quote.candidates[0]
    return top.entity, top.confidence


class Mentions:
    """Every entity mention as (span, entity id, entity type), sorted by position and indexed."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        """Index the mentions of ``entities`` once per document."""
        rows = sorted(((m, e.id, e.type) for e in entities for m in e.mentions), key=lambda x: x[0].start)
        self.index = SpanIndex(rows, lambda row: row[0])
        self._people = [row for row in rows if row[2] == "PERSON"]
        self._people_starts = [row[0].start for row in self._people]

    def entity_at(self, span: Span) -> str | None:
        """The entity id of the first mention overlapping the span, if any."""
        found = self.index.overlapping(span)
        return found[0][1] if found else None

    def entity_ids(self, span: Span) -> tuple[str, ...]:
        """Distinct ids of the entities mentioned inside or across the span, in text order."""
        return tuple(dict.fromkeys(eid for _, eid, _ in self.index.overlapping(span)))

    def antecedent(self, offset: int) -> str | None:
        """The last PERSON mention (in text order) ending before ``offset``: a "he"/"she" speaker."""
        for k in range(bisect_left(self._people_starts, offset) - 1, -1, -1):
            mention, eid, _ = self._people[k]
            if mention.end <= offset:
                return eid
        return None
