"""Events layer (``presslens.events.v1``): PLOVER-typed who-did-what-to-whom.

For each sentence of the already-parsed spaCy Doc: find triggers (``triggers``) and check
each one's sense against its arguments (``senses``), drop those that are the content of a
speech act or duplicate a governing event (``status.governance``), give each its status
(happened, planned, demanded, hypothetical, reported, denied, negated), read actors and
targets off the dependency parse (``roles``), ground them in the entities and timexes layers
(``linking``), tell reported events from passing references (``signals``) and give each a
calibrated confidence (``confidence``); events below the threshold are kept and marked
``uncertain``.

Why hand-written: no maintained Python library codes PLOVER events offline.
PETRARCH-2 (Norris, Schrodt & Beieler 2017) is Python 2 and needs CoreNLP parses
and the large CAMEO dictionaries; the POLECAT/NGEC coder needs transformer models.
We keep their design (a verb and noun lexicon over a dependency parse, actors
from subjects, targets from objects, passives swapped) with a compact lexicon of
our own (``resources/events/*.tsv``), PLOVER types from Halterman et al. (2019)
and the CAMEO verb codings they merge.  Plain statements are not events.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.analyzers.events import confidence
from presslens.analyzers.events.lexicon import Lexicon, load_lexicon
from presslens.analyzers.events.linking import EntityIndex, TimexIndex, country_of, location_of, pick_date
from presslens.analyzers.events.roles import noun_roles, roles
from presslens.analyzers.events.signals import is_reference, signals
from presslens.analyzers.events.status import (
    governance,
    is_negated,
    mode_of,
    refusal,
    status_of,
    vow_to_threat,
)
from presslens.analyzers.events.syntax import phrase
from presslens.analyzers.events.triggers import Trigger, find_triggers, verb_lemma
from presslens.analyzers.index import paragraph_finder
from presslens.model.document import Document
from presslens.model.records import Event
from presslens.model.span import Span
from presslens.nlp.language import sentence_table
from presslens.settings import Settings

Token = Any
FACTUAL = frozenset(("happened", "reported"))


@register("presslens.events.v1", layer="events", produces=("events",), requires=("entities",), uses=("timexes",))
def make_events(settings: Settings | None = None) -> Any:
    """Build the events analyzer (the lexicon is loaded here, once)."""
    lex = load_lexicon()
    calibrator = confidence.load()

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        """Extract the events of one document."""
        if ctx.nlp_doc is None:
            return {"events": ()}
        return {"events": tuple(extract(document, ctx, lex, calibrator))}

    return analyze


def extract(document: Document, ctx: Context, lex: Lexicon, calibrator: confidence.Calibrator | None = None) -> list[Event]:
    """Events of every sentence, numbered V1, V2, … in text order."""
    entities = EntityIndex(ctx.entities)
    timexes = TimexIndex(ctx.timexes, ctx.nlp_doc)
    events: list[Event] = []
    narrative: dict[int, tuple[str | None, Span | None]] = {}
    paragraph_of = paragraph_finder(document)
    for sent in sentence_table(ctx.nlp_doc)[0]:
        kept = sentence_triggers(sent, lex)
        verbs = {item[0].verb.i: item[0].type for item in kept if item[0].verb is not None}
        for item in kept:
            event, sets_time = build_event(item, sent, (entities, timexes), verbs, len(events) + 1)
            para = paragraph_of(item[0].start)
            factual = event.status in FACTUAL and not event.reference
            if event.date is None and factual and para in narrative:
                event = replace(event, date=narrative[para][0], date_evidence=narrative[para][1])
            elif sets_time and factual:
                narrative[para] = (event.date, event.date_evidence)
            events.append(scored(event, item[0], sent, lex, calibrator or confidence.load()))
    return events


def scored(event: Event, trig: Trigger, sent: Any, lex: Lexicon, calibrator: confidence.Calibrator) -> Event:
    """The event with its signals, calibrated confidence and uncertainty."""
    lemma = verb_lemma(trig.verb, lex) if trig.verb is not None else trig.anchor.lemma_.lower()
    found = signals(trig, event, sent, lemma)
    prob = round(calibrator.probability(found), 4)
    return replace(event, signals=found, confidence=prob, uncertain=calibrator.uncertain(prob))


def sentence_triggers(sent: Any, lex: Lexicon) -> list[tuple[Trigger, str, bool, dict[int, Any]]]:
    """Triggers kept after governance, with their status, negation and nominal roles."""
    trigs = find_triggers(sent, lex)
    by_token = {t.i: trig for trig in trigs for t in (trig.verb, trig.noun) if t is not None}
    kept, nominal = [], {}
    for trig in trigs:
        if trig.noun is not None:
            nominal[trig.noun.i] = noun_roles(trig.noun)
    for trig in trigs:
        gov = governance(trig, by_token)
        negated = is_negated(trig) != gov.negated
        negated = negated and not refusal(trig, negated)
        owner = gov.merged_into or gov.absorbed_by
        if owner is not None:
            owner.mode = owner.mode or (trig.mode if gov.merged_into else None)
            owner.lent.append(trig)
            if gov.absorbed_by is not None:
                vow_to_threat(gov.absorbed_by, trig, negated)
        else:
            kept.append((trig, status_of(trig, gov, sent, negated), negated, nominal))
    return kept


def build_event(item: tuple[Trigger, str, bool, dict[int, Any]], sent: Any,
                layers: tuple[EntityIndex, TimexIndex], verbs: dict[int, str], number: int) -> tuple[Event, bool]:
    """One Event record from a kept trigger (``verbs``: the sentence's event verbs and types).

    The flag is True when the event's date is its clause's own and may set the narrative time.
    """
    trig, status, negated, nominal = item
    entities, timexes = layers
    share = frozenset(i for i, t in verbs.items() if t == trig.type)
    actors, targets = roles(trig, nominal, share)
    for other in trig.lent:
        targets = targets or [t for t in roles(other, nominal)[1] if t.i not in {a.i for a in actors}]
    actor_ents = [entities.link(t) for t in actors]
    target_ents = [entities.link(t) for t in targets]
    actor_ids = _ids(actor_ents)
    target_ids = tuple(i for i in _ids(target_ents) if i not in actor_ids)
    busy = set(verbs) - {trig.verb.i if trig.verb is not None else -1}
    date = pick_date(trig, timexes.in_sentence(sent), busy)
    event = Event(
        id=f"V{number}", type=trig.type, trigger=Span(trig.start, trig.end),  # type: ignore[arg-type]
        sentence=Span(sent.start_char, sent.end_char), mode=mode_of(trig), status=status,  # type: ignore[arg-type]
        actor=actor_ids, target=target_ids,
        actor_country=_countries(actor_ents), target_country=_countries(target_ents),
        location=location_of(trig.anchor, entities, set(actor_ids) | set(target_ids), targets),
        date=date[0] if date else None, negated=negated, date_evidence=date[1] if date else None,
        actor_spans=tuple(Span(*phrase(t)) for t in actors), target_spans=tuple(Span(*phrase(t)) for t in targets),
        reference=is_reference(trig, verbs),
    )
    return event, bool(date and date[2])


def _ids(ents: list[Any]) -> tuple[str, ...]:
    """Distinct entity ids, in order."""
    return tuple(dict.fromkeys(e.id for e in ents if e is not None))


def _countries(ents: list[Any]) -> tuple[str, ...]:
    """Distinct alpha-3 codes of the linked entities, in order."""
    return tuple(dict.fromkeys(c for c in (country_of(e) for e in ents) if c))
