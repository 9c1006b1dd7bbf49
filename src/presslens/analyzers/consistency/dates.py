"""``date_order``: events the text orders one way while their dates run the other.

An explicit order ("after", "following", "then", "later", "before", "prior to") whose two dated
sides are the wrong way round; and an appointment ("named / appointed … on the 19th") whose
appointee is said to have exercised the office ("had formed a cabinet on the 14th") on an
earlier date, within the next few sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from presslens import resources
from presslens.analyzers.index import SpanIndex
from presslens.model.records import Entity, Inconsistency, Timex
from presslens.model.span import Span
from presslens.nlp.language import doc_text, sentence_table
from presslens.nlp.syntax import subject

_DATE = re.compile(r"^(\d{4}|XXXX)-(\d\d)-(\d\d)$")
AFTER_CUES = resources.entries("consistency/order_cues.tsv", where=("order", "after"))
BEFORE_CUES = resources.entries("consistency/order_cues.tsv", where=("order", "before"))
SEQUENCE_CUES = resources.words("consistency/order_cues.tsv", where=("order", "sequence"))
APPOINT_VERBS = resources.words("consistency/appoint_verbs.txt")
OFFICE_ACTS: dict[str, set[str]] = {}
for _verb, _object in resources.table("consistency/office_acts.tsv").rows:
    OFFICE_ACTS.setdefault(_verb, set()).add(_object)
FOLLOW_SENTENCES = 3


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
    mentions = SpanIndex([(m, e.id) for e in entities for m in e.mentions], lambda row: row[0])
    out += _appointment_order(sents, by_sent, mentions)
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


def _appointment_order(
    sents: list[Any], by_sent: dict[int, list[Timex]], mentions: SpanIndex[tuple[Span, str]]
) -> list[Inconsistency]:
    """Someone named to a post on one date who exercises it on an earlier date just after."""
    out: list[Inconsistency] = []
    for i, txs in by_sent.items():
        for appointee in _appointees(sents[i]):
            for j in range(i + 1, min(i + 1 + FOLLOW_SENTENCES, len(sents))):
                act = _office_act(sents[j], appointee, mentions)
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


def _office_act(sent: Any, appointee: Any, mentions: SpanIndex[tuple[Span, str]]) -> str | None:
    """The office act ("selected a cabinet") the appointee performs in a sentence, if any."""
    for t in sent:
        objects = OFFICE_ACTS.get(t.lemma_.lower())
        if t.pos_ != "VERB" or objects is None:
            continue
        subj = _subject(t)
        if subj is None or not _same_person(subj, appointee, mentions):
            continue
        obj = next((c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in objects), None)
        if obj is not None:
            return f"{t.text} {obj.text}"
    return None


def _subject(verb: Any) -> Any | None:
    """The subject of a verb, climbing through clausal complements and conjuncts."""
    return subject(verb, climb=("ccomp", "conj", "xcomp", "advcl"), steps=2)


def _same_person(a: Any, b: Any, mentions: SpanIndex[tuple[Span, str]]) -> bool:
    """Two tokens naming the same entity (by mentions), else by the same surname."""
    ids_a = {eid for _, eid in mentions.at(a.idx)}
    if ids_a & {eid for _, eid in mentions.at(b.idx)}:
        return True
    return a.text.lower() == b.text.lower() or (a.pos_ == "PRON" and a.lower_ in ("he", "she"))
