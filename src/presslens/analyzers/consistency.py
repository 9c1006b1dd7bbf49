"""consistency layer: what a text contradicts in itself.

Four conservative checks, each reading earlier layers when they ran (and
skipping itself when they did not):

* ``name_variant`` — one entity (or two entities of one type the clusterer
  kept apart) written with two spellings of the same name token ("Kadhimi" /
  "Kadhemi"): Levenshtein distance ≤ 2 (rapidfuzz), relative similarity ≥ 0.75,
  never a surname against a full name, an acronym, a possessive or a plural.
* ``date_order`` — an explicit order ("after", "following", "then", "later",
  "before", "prior to") whose two dated sides are the wrong way round; and an
  appointment ("named / appointed … on the 19th") whose appointee is said to
  have exercised the office ("had formed a cabinet on the 14th") on an earlier
  date, within the next few sentences.
* ``number_mismatch`` — the same measure (quantities counting the same thing,
  same unit, same governing verb) given two values that neither an
  approximation (±10%) nor a range reconciles, in sentences with no
  differing dates.
* ``contradiction`` — a clause and its negation: same subject, predicate and
  object lemmas, opposite polarity, both asserted (no modal, no question, not
  inside a quote).

Hand-written because no offline library checks a single article against
itself; the checks follow the fact-checkers' "internal consistency" list
(Silverman, ed., *Verification Handbook*, 2014) and stay small and explainable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

from rapidfuzz.distance import Levenshtein

from presslens.analyzers.base import Context, register
from presslens.model.document import Document
from presslens.model.records import Entity, Inconsistency, Quantity, Timex
from presslens.model.span import Span
from presslens.nlp.language import doc_text, sent_of, sentence_table

_DATE = re.compile(r"^(\d{4}|XXXX)-(\d\d)-(\d\d)$")
_NAME_TOKEN = re.compile(r"[A-Z][\w'’-]*\w|[A-Z]")
AFTER_CUES = ("after", "following", "since")
BEFORE_CUES = ("before", "prior to", "ahead of")
SEQUENCE_CUES = frozenset({"then", "later", "afterwards", "afterward", "subsequently", "thereafter"})
APPOINT_VERBS = frozenset({"name", "appoint", "designate", "nominate", "elect", "choose", "swear", "confirm"})
OFFICE_ACTS = {
    "form": {"cabinet", "government", "coalition", "team"},
    "select": {"cabinet", "minister", "ministers", "team"},
    "appoint": {"cabinet", "minister", "ministers", "ambassador", "team"},
    "name": {"cabinet", "minister", "ministers", "team"},
    "present": {"cabinet", "government", "budget"},
    "sign": {"decree", "order", "law"},
}
LOWER_BOUNDS = ("more than", "over", "at least", "upwards of", "in excess of", "as many as", "as much as")
UPPER_BOUNDS = ("up to", "fewer than", "less than", "under", "at most", "no more than", "nearly", "almost")
MODALS = frozenset({"could", "might", "may", "would", "should", "must", "can"})
FOLLOW_SENTENCES = 3

__all__ = ["make_consistency"]


@register(
    "presslens.consistency.v1",
    layer="consistency",
    produces=("inconsistencies",),
    requires=(),
    uses=("entities", "timexes", "quantities", "events", "claims"),
)
def make_consistency() -> Any:
    """Build the consistency analyzer."""

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        """Inconsistencies of one document."""
        entities = tuple(ctx.layer("entities") or ())
        found: list[Inconsistency] = []
        found += name_variants(document.text, entities)
        if ctx.nlp_doc is not None:
            timexes = tuple(ctx.layer("timexes") or ())
            found += date_order(ctx.nlp_doc, timexes, entities)
            found += number_mismatches(ctx.nlp_doc, tuple(ctx.layer("quantities") or ()), timexes)
            found += contradictions(ctx.nlp_doc, _quoted_spans(ctx))
        return {"inconsistencies": tuple(sorted(found, key=lambda i: (i.spans[0].start, i.kind)))}

    return analyze


def _quoted_spans(ctx: Context) -> list[Span]:
    """Content spans of direct quotes (a speaker's words, not the text's own assertions)."""
    return [q.span for q in ctx.layer("quotes") or () if getattr(q, "direct", False)]


# --- name_variant -------------------------------------------------------------------------


def _spellings(text: str, entity: Entity) -> dict[str, Span]:
    """The last name token of each mention (the surname slot) → its first span.

    Only the last token: comparing a first name with a surname of one person
    ("David" / "Davis") is not a spelling variant.
    """
    out: dict[str, Span] = {}
    for m in sorted(entity.mentions):
        surface = re.sub(r"['’]s$", "", text[m.start : m.end])
        hits = list(_NAME_TOKEN.finditer(surface))
        if hits and len(hits[-1].group()) >= 4 and not hits[-1].group().isupper():
            hit = hits[-1]
            out.setdefault(hit.group(), Span(m.start + hit.start(), m.start + hit.end()))
    return out


def _variant(a: str, b: str) -> bool:
    """Two spellings of one name: close by edit distance, not a prefix, plural or case change."""
    la, lb = a.lower(), b.lower()
    if la == lb or la.startswith(lb) or lb.startswith(la) or la[0] != lb[0]:
        return False
    if la.rstrip("s") == lb.rstrip("s"):
        return False
    dist = Levenshtein.distance(la, lb)
    return dist <= 2 and Levenshtein.normalized_similarity(la, lb) >= 0.75 and min(len(la), len(lb)) >= 5 - (dist == 1)


def name_variants(text: str, entities: Sequence[Entity]) -> list[Inconsistency]:
    """Name tokens spelt two ways within an entity, or as the surnames of two same-person entities."""
    out: list[Inconsistency] = []
    seen: set[frozenset[str]] = set()
    named = [e for e in entities if e.type in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")]
    spellings = {e.id: _spellings(text, e) for e in named}
    for i, e in enumerate(named):
        for f in named[i:]:
            for (a, sa), (b, sb) in _candidate_pairs(e, f, spellings):
                key = frozenset((a, b))
                if key in seen or not _variant(a, b):
                    continue
                seen.add(key)
                who = e.name if f is e else f"{e.name} / {f.name}"
                msg = f"{who} is spelt two ways: '{a}' and '{b}'"
                out.append(Inconsistency("name_variant", msg, tuple(sorted((sa, sb)))))
    return out


def _candidate_pairs(e: Entity, f: Entity, spellings: dict[str, dict[str, Span]]) -> list[tuple[tuple[str, Span], ...]]:
    """Spelling pairs to compare: any two of one entity; the surnames of two look-alike people."""
    if e is f:
        items = list(spellings[e.id].items())
        return [(x, y) for k, x in enumerate(items) for y in items[k + 1 :]]
    if not _maybe_same_person(e, f):
        return []
    a, b = e.name.split()[-1], f.name.split()[-1]
    if a in spellings[e.id] and b in spellings[f.id]:
        return [((a, spellings[e.id][a]), (b, spellings[f.id][b]))]
    return []


def _maybe_same_person(e: Entity, f: Entity) -> bool:
    """Two PERSON entities the clusterer kept apart whose names differ in one long token.

    Only people: distinct places and organisations are often one letter apart
    (Iran / Iraq, Austria / Australia), people of one article rarely are.
    """
    if e.type != "PERSON" or f.type != "PERSON":
        return False
    ta, tb = e.name.split(), f.name.split()
    if min(len(w) for w in ta + tb) < 2 or max(len(ta[-1]), len(tb[-1])) < 6:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    return len(ta) == len(tb) and sum(x != y for x, y in zip(ta, tb, strict=True)) == 1


# --- dates --------------------------------------------------------------------------------


def _day(value: str) -> tuple[str, int] | None:
    """A TIMEX3 day value as (year or 'XXXX', month*100+day), else None."""
    m = _DATE.match(value or "")
    return (m.group(1), int(m.group(2)) * 100 + int(m.group(3))) if m else None


def _earlier(a: Timex, b: Timex) -> bool | None:
    """True when ``a`` is a strictly earlier day than ``b``; None when not comparable."""
    da, db = _day(a.value), _day(b.value)
    if da is None or db is None:
        return None
    if da[0] != db[0] and "XXXX" not in (da[0], db[0]):
        return da[0] < db[0]
    if da[0] != db[0]:
        return None
    return da[1] < db[1]


def _day_timexes(doc: Any, timexes: Sequence[Timex]) -> dict[int, list[Timex]]:
    """Day-precision DATE timexes grouped by the index of their spaCy sentence."""
    sents = sentence_table(doc)[0]
    starts = [s.start_char for s in sents]
    from bisect import bisect_right

    out: dict[int, list[Timex]] = {}
    for tx in timexes:
        if tx.type == "DATE" and _day(tx.value):
            out.setdefault(bisect_right(starts, tx.span.start) - 1, []).append(tx)
    return out


def date_order(doc: Any, timexes: Sequence[Timex], entities: Sequence[Entity]) -> list[Inconsistency]:
    """Explicit before/after orders and appointment-then-office orders that the dates contradict."""
    if not timexes:
        return []
    by_sent = _day_timexes(doc, timexes)
    sents = sentence_table(doc)[0]
    out = [x for i, txs in by_sent.items() for x in _cue_order(doc, sents[i], txs)]
    out += _sequence_order(doc, sents, by_sent)
    out += _appointment_order(sents, by_sent, entities)
    return out


def _cue_order(doc: Any, sent: Any, txs: list[Timex]) -> list[Inconsistency]:
    """"X on d1 after Y on d2" with d1 < d2 (or "before" the other way round)."""
    out: list[Inconsistency] = []
    text = doc_text(doc)
    for a, b in pairwise(txs):
        between = text[a.span.end : b.span.start].lower()
        lead = text[sent.start_char : a.span.start].lower()
        for cues, later_first in ((AFTER_CUES, True), (BEFORE_CUES, False)):
            if any(re.search(rf"\b{c}\b", between) for c in cues):
                wrong = _earlier(a, b) if later_first else _earlier(b, a)
            elif any(re.search(rf"\b{c}\b", lead) for c in cues) and "," in between:
                # "After Y on d1, X on d2": d1 is the earlier side
                wrong = _earlier(b, a) if later_first else _earlier(a, b)
            else:
                continue
            if wrong:
                msg = f"the text orders these events with '{cues[0]}'-type wording, but the dates run the other way"
                out.append(Inconsistency("date_order", msg, (a.span, b.span)))
    return out


def _sequence_order(doc: Any, sents: list[Any], by_sent: dict[int, list[Timex]]) -> list[Inconsistency]:
    """A sentence that says "then/later" yet is dated before the dated sentence just before it."""
    out: list[Inconsistency] = []
    for i, txs in by_sent.items():
        prev = by_sent.get(i - 1)
        if not prev or not any(t.lower_ in SEQUENCE_CUES for t in sents[i]):
            continue
        a, b = prev[-1], txs[0]
        if _earlier(b, a):
            msg = "this sentence says it came later, but its date is earlier than the one before it"
            out.append(Inconsistency("date_order", msg, (a.span, b.span)))
    return out


def _appointment_order(sents: list[Any], by_sent: dict[int, list[Timex]], entities: Sequence[Entity]) -> list[Inconsistency]:
    """Someone named to a post on one date who exercises it on an earlier date just after."""
    out: list[Inconsistency] = []
    for i, txs in by_sent.items():
        for appointee in _appointees(sents[i]):
            for j in range(i + 1, min(i + 1 + FOLLOW_SENTENCES, len(sents))):
                act = _office_act(sents[j], appointee, entities)
                if act is None or j not in by_sent:
                    continue
                a, b = txs[0], by_sent[j][0]
                if _earlier(b, a):
                    who = appointee.text
                    msg = f"{who} is said to have acted in office ({act}) on a date before being appointed"
                    out.append(Inconsistency("date_order", msg, (a.span, b.span)))
    return out


def _appointees(sent: Any) -> list[Any]:
    """Objects of appointment verbs in a sentence ("named X as prime minister")."""
    return [
        c
        for t in sent
        if t.pos_ == "VERB" and t.lemma_.lower() in APPOINT_VERBS
        for c in t.children
        if c.dep_ in ("dobj", "nsubjpass", "oprd") and c.pos_ == "PROPN"
    ]


def _office_act(sent: Any, appointee: Any, entities: Sequence[Entity]) -> str | None:
    """The office act ("selected a cabinet") the appointee performs in a sentence, if any."""
    for t in sent:
        objects = OFFICE_ACTS.get(t.lemma_.lower())
        if t.pos_ != "VERB" or objects is None:
            continue
        subj = _subject(t)
        if subj is None or not _same_person(subj, appointee, entities):
            continue
        obj = next((c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in objects), None)
        if obj is not None:
            return f"{t.text} {obj.text}"
    return None


def _subject(verb: Any) -> Any | None:
    """The subject of a verb, climbing through clausal complements and conjuncts."""
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None or verb.dep_ not in ("ccomp", "conj", "xcomp", "advcl"):
            return subj
        verb = verb.head
    return None


def _same_person(a: Any, b: Any, entities: Sequence[Entity]) -> bool:
    """Two tokens naming the same entity (by mentions), else by the same surname."""
    for e in entities:
        hits = [any(m.start <= t.idx < m.end for m in e.mentions) for t in (a, b)]
        if all(hits):
            return True
    return a.text.lower() == b.text.lower() or (a.pos_ == "PRON" and a.lower_ in ("he", "she"))


# --- numbers ------------------------------------------------------------------------------


def _measure(doc: Any, q: Quantity) -> tuple[str, str, str, str] | None:
    """What a quantity measures: (counted thing, unit, governing verb, that verb's subject).

    None unless all four are known, the figure is written in digits and is
    not a share (percentages of a whole usually break it down, not restate it).
    """
    text = doc_text(doc)[q.span.start : q.span.end]
    if not q.counts or not any(c.isdigit() for c in text) or "%" in text or (q.unit or "").startswith("percent"):
        return None
    counts = re.sub(r"^(the|a|an|some|of)\s+", "", q.counts.lower().strip())
    span = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ == "PRON" or subj.i in range(span.start, span.end) or subj.lemma_.lower() in counts:
        return None
    return counts, q.unit or "", tok.lemma_.lower(), subj.lemma_.lower()


def _bounds(q: Quantity) -> tuple[float, float]:
    """The interval a quantity allows: a range, or open-ended after "more than" / "up to"."""
    lo, hi = q.value, q.value_max if q.value_max is not None else q.value
    qual = (q.qualifier or "").lower()
    if any(w in qual for w in LOWER_BOUNDS):
        hi = float("inf")
    elif any(w in qual for w in UPPER_BOUNDS):
        lo = float("-inf")
    return lo, hi


def _agree(a: Quantity, b: Quantity) -> bool:
    """Two values that may describe the same measure: equal, within ranges, bounds or approximations."""
    lo_a, hi_a = _bounds(a)
    lo_b, hi_b = _bounds(b)
    if lo_a <= hi_b and lo_b <= hi_a:
        return True
    if a.approximate or b.approximate or a.qualifier or b.qualifier:
        return abs(a.value - b.value) <= 0.1 * max(abs(a.value), abs(b.value))
    return False


def number_mismatches(doc: Any, quantities: Sequence[Quantity], timexes: Sequence[Timex]) -> list[Inconsistency]:
    """The same measure given two different values in two sentences with no differing dates."""
    out: list[Inconsistency] = []
    measures = [(q, _measure(doc, q)) for q in quantities]
    keyed = [(q, m) for q, m in measures if m is not None]
    for i, (a, ma) in enumerate(keyed):
        for b, mb in keyed[i + 1 :]:
            if ma != mb or _agree(a, b) or _same_sentence(doc, a.span, b.span):
                continue
            if _dated_apart(doc, a.span, b.span, timexes):
                continue
            text = doc_text(doc)
            msg = (
                f"'{ma[0]}' is given as {text[a.span.start:a.span.end]} here "
                f"and as {text[b.span.start:b.span.end]} later"
            )
            out.append(Inconsistency("number_mismatch", msg, (a.span, b.span)))
    return out


def _sentence_of(doc: Any, span: Span) -> Any | None:
    """The spaCy sentence containing a span's start."""
    tok = doc.char_span(span.start, span.end, alignment_mode="expand")
    return sent_of(tok[0]) if tok is not None and len(tok) else None


def _same_sentence(doc: Any, a: Span, b: Span) -> bool:
    """True when two spans start in the same sentence."""
    sa, sb = _sentence_of(doc, a), _sentence_of(doc, b)
    return sa is not None and sb is not None and sa.start == sb.start


def _dated_apart(doc: Any, a: Span, b: Span, timexes: Sequence[Timex]) -> bool:
    """True when the two sentences carry different dates (figures at different times)."""
    sa, sb = _sentence_of(doc, a), _sentence_of(doc, b)
    if sa is None or sb is None:
        return False

    def dates(s: Any) -> set[str]:
        """DATE values inside sentence ``s``."""
        return {t.value for t in timexes if s.start_char <= t.span.start < s.end_char and t.type == "DATE"}

    da, db = dates(sa), dates(sb)
    return bool(da or db) and da != db


# --- contradictions -----------------------------------------------------------------------


def _proposition(root: Any) -> tuple[tuple[str, str, str], bool] | None:
    """(subject, predicate, object) lemmas of an asserted clause and its polarity."""
    kids = list(root.children)
    if any(k.lower_ in MODALS for k in kids) or sent_of(root).text.rstrip().endswith("?"):
        return None
    subj = next((k for k in kids if k.dep_ in ("nsubj", "nsubjpass")), None)
    obj = next((k for k in kids if k.dep_ in ("dobj", "attr", "acomp", "oprd")), None)
    if subj is None or obj is None or subj.pos_ == "PRON":
        return None
    negated = any(k.dep_ == "neg" or k.lower_ in ("never", "no") for k in kids + list(obj.children))
    return (subj.lemma_.lower(), root.lemma_.lower(), obj.lemma_.lower()), negated


def contradictions(doc: Any, quoted: Sequence[Span]) -> list[Inconsistency]:
    """A clause and its negation asserted by the text (same subject, predicate and object)."""
    seen: dict[tuple[str, str, str], list[tuple[bool, Span]]] = {}
    out: list[Inconsistency] = []
    for sent in sentence_table(doc)[0]:
        span = Span(sent.start_char, sent.end_char)
        if any(q.overlaps(span) for q in quoted):
            continue
        prop = _proposition(sent.root)
        if prop is None:
            continue
        key, negated = prop
        for other_neg, other in seen.get(key, []):
            if other_neg != negated:
                msg = f"the text both asserts and denies that {' '.join(key)}"
                out.append(Inconsistency("contradiction", msg, (other, span)))
        seen.setdefault(key, []).append((negated, span))
    return out
