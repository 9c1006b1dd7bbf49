"""Ground actors, targets, places and dates in the entities and timexes layers.

Entities are matched by character overlap with their mentions (the mention that
contains the argument's head word wins, else one inside its noun phrase); "he/she"
goes to the last person mentioned before it, a cheap stand-in for coreference.
Dates: the timex governing the trigger's clause, else the nearest in the sentence,
else the paragraph's narrative time (the last dated event before it), as TimeML
event-time anchoring does.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from presslens import resources
from presslens.analyzers.events.syntax import attachment, clause_verb, phrase
from presslens.model.records import Entity, Timex
from presslens.model.span import Span
from presslens.nlp.language import sent_of

Token = Any
DATE_VALUE = re.compile(r"^(\d{3,4})(?:-(\d\d|W\d\d|Q\d|SP|SU|FA|WI|H\d))?(?:-(\d\d))?")
PLACE_TYPES = frozenset(("GPE", "LOC", "FAC"))
LOC_PREPS = resources.words("events/location_prepositions.txt")
PERSONAL = resources.words("lexicon/pronouns.tsv", use="personal")
COLLECTIVE = resources.words("lexicon/pronouns.tsv", use="collective")
GROUP_TYPES = frozenset(("ORG", "GPE", "NORP"))


class EntityIndex:
    """Entity mentions sorted by start, for overlap look-ups."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        """Index every mention of every entity."""
        pairs = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda p: (p[0], p[1]))
        self.starts = [p[0] for p in pairs]
        self.pairs = pairs

    def _overlapping(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """Mentions overlapping [start, end)."""
        hi = bisect.bisect_left(self.starts, end)
        return [p for p in self.pairs[max(0, hi - 40):hi] if p[1] > start]

    def link(self, tok: Token) -> Entity | None:
        """The entity an argument token refers to, or None."""
        if tok.lower_ in PERSONAL:
            return self.last_person(tok.idx)
        if tok.lower_ in COLLECTIVE:
            return self.last_of(tok.idx, GROUP_TYPES)
        head = self._overlapping(tok.idx, tok.idx + len(tok.text))
        if head:
            return head[0][2]
        start, end = phrase(tok)
        inside = [p for p in self._overlapping(start, end) if p[0] >= start and p[1] <= end]
        if inside:
            return inside[0][2]
        for child in tok.children:  # "the commander, Qassem Soleimani"; "its forces" → its owner
            if child.dep_ == "appos" or (child.dep_ == "poss" and child.lower_ in COLLECTIVE):
                return self.link(child)
        return None

    def last_person(self, before: int) -> Entity | None:
        """The last PERSON entity mentioned before a character offset."""
        return self.last_of(before, frozenset(("PERSON",)))

    def last_of(self, before: int, types: frozenset[str]) -> Entity | None:
        """The last entity of one of ``types`` mentioned before a character offset."""
        hi = bisect.bisect_left(self.starts, before)
        for _, _, ent in reversed(self.pairs[max(0, hi - 60):hi]):
            if ent.type in types:
                return ent
        return None


def country_of(entity: Entity | None) -> str | None:
    """ISO alpha-3 country of an entity (its own or its place's)."""
    if entity is None:
        return None
    return entity.country or (entity.geo.country if entity.geo is not None else None)


def location_of(anchor: Token, index: EntityIndex, exclude: set[str], around: Sequence[Token] = ()) -> str | None:
    """A place entity in a locative phrase of the trigger's clause or its arguments ("in Baghdad")."""
    verb = clause_verb(anchor)
    heads = list(dict.fromkeys([anchor, verb, *around]))
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in LOC_PREPS:
                continue
            for obj in prep.children:
                ent = index.link(obj) if obj.dep_ == "pobj" else None
                if ent is not None and ent.type in PLACE_TYPES and ent.id not in exclude:
                    return ent.id
    return None


def date_value(timex: Timex) -> str | None:
    """The calendar part of a timex value ("2020-01-03", "2020-04", "2003"), or None."""
    if timex.type not in ("DATE", "TIME"):
        return None
    m = DATE_VALUE.match(timex.value or "")
    return m.group(0) if m else None


def precision(value: str) -> str:
    """day / month / year / decade / century from a TIMEX3 calendar value."""
    parts = value.split("-")
    if len(parts[0]) == 3:
        return "decade"
    if len(parts[0]) == 2:
        return "century"
    return {1: "year", 2: "month"}.get(len(parts), "day")


class TimexIndex:
    """Dated timexes of a document, with what each attaches to (a verb, or a noun it modifies)."""

    def __init__(self, timexes: Sequence[Timex], doc: Any) -> None:
        """Keep the timexes with calendar values and find their attachment."""
        self.items: list[tuple[Timex, str, Any]] = []
        for tx in timexes:
            value = date_value(tx)
            span = doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand") if value else None
            if value and span is not None and len(span):
                self.items.append((tx, value, attachment(span.root)))
        self.items.sort(key=lambda it: it[0].span.start)  # text order (already so: kept stable)
        self.starts = [it[0].span.start for it in self.items]

    def in_sentence(self, sent: Any) -> list[tuple[Timex, str, Any]]:
        """The dated timexes starting inside a sentence (by binary search on their starts)."""
        a = bisect.bisect_left(self.starts, sent.start_char)
        b = bisect.bisect_left(self.starts, sent.end_char)
        return self.items[a:b]


def _rank(item: tuple[Timex, str, Any], pos: int) -> tuple[int, int]:
    """Prefer precise values, then closeness to the trigger."""
    return (-len(item[1]), abs(item[0].span.start - pos))


def _clause(verb: Token) -> set[int]:
    """The verb, its conjuncts, and the verbs it is subordinate to ("passed a resolution demanding …")."""
    found: set[int] = set()
    cur = verb
    for _ in range(4):
        found |= {cur.i} | {c.i for c in cur.conjuncts}
        if cur.dep_ not in ("xcomp", "acl", "advcl", "conj") or cur.head is cur:
            break
        cur = clause_verb(cur.head)
    return found


def _own_nominal(trig: Any, items: list[tuple[Timex, str, Any]]) -> list[tuple[Timex, str, Any]]:
    """Timexes modifying the trigger noun, or a verb it is the subject of ("attacks occurring in March")."""
    noun = trig.noun
    if noun is None or trig.verb is not None:
        return [it for it in items if noun is not None and it[2].i == noun.i]
    verbs = {c.i for c in noun.children if c.dep_ in ("acl", "relcl")}
    if noun.dep_ in ("nsubj", "nsubjpass"):
        verbs.add(noun.head.i)
    return [it for it in items if it[2].i == noun.i or it[2].i in verbs]


def pick_date(trig: Any, candidates: list[tuple[Timex, str, Any]], busy: set[int]) -> tuple[str, Span, bool] | None:
    """The timex of the trigger's noun or clause, else one of the sentence's main clause.

    ``busy`` holds the verbs of the sentence's other events: their dates are theirs.
    A timex modifying some other noun ("the 2014 agreement") dates nothing else.
    The flag returned is True when the date is the trigger's own (not a fallback).
    """
    verbal = [it for it in candidates if it[2].pos_ in ("VERB", "AUX")]
    own = _own_nominal(trig, candidates)
    verb = trig.verb if trig.verb is not None else clause_verb(trig.noun)
    pool = own or [it for it in verbal if it[2].i in _clause(verb)]
    mine = bool(pool)
    if not pool:
        free = [it for it in verbal if it[2].i not in busy]
        root = sent_of(free[0][2]).root if free else None
        pool = [it for it in free if root is not None and (it[2].i == root.i or it[2] in root.conjuncts)] or free
    if not pool:
        return None
    best = min(pool, key=lambda it: _rank(it, trig.start))
    return best[1], best[0].span, mine and not (own and trig.verb is None and best[2].i == trig.noun.i)
