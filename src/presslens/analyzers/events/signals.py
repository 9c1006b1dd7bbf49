"""What an event mention looks like: reference or report, and the cues its confidence reads.

*Reference* (after TimeML's distinction between an event a sentence asserts and one it only
mentions): a noun event in a circumstance ("after the attack", "over the crackdown", "ahead of
the summit"), modifying another noun ("suspects in the bombing", "victims of the attack") or a
participle modifier ("men accused of blasphemy", "people jailed during the protests").  Such an
event happened (or is planned) but the sentence does not report it: PLOVER coders do not code
it, and it carries no date of its own.

*Signals* are named binary cues of one event (trigger shape, arguments found, status, context);
``confidence`` turns them into a calibrated probability.  They are stored on the event so that a
user sees why it is uncertain and so that training reads exactly what the analyzer computed.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from presslens import resources
from presslens.analyzers.events import args
from presslens.analyzers.events.senses import campaign
from presslens.analyzers.events.syntax import children

Token = Any
WEAK = resources.words("events/weak_triggers.txt")
HABITUAL = resources.words("events/habitual_adverbs.txt")
VIEW_OBJECTS = resources.words("events/view_objects.txt")
REFERENCE_PREPS = frozenset("after amid because before despite during following since over until".split())
NOUN_PREPS = frozenset("in of from for into about on against".split())
QUOTES = "\"“”«»"
IRREALIS = frozenset(("planned", "demanded", "hypothetical"))
DEFINITE = frozenset("the this that these those".split())


def is_reference(trig: Any, verbs: Collection[int] = ()) -> bool:
    """True when the sentence mentions the event in passing instead of reporting it.

    ``verbs``: the indices of the sentence's event verbs (a definite event noun under another
    event's verb, "protested against the invasion", is that event's circumstance).
    """
    anchor = trig.verb if trig.verb is not None else trig.noun
    if _inside_modifier(anchor):
        return True
    if trig.verb is not None:
        return False
    noun = trig.noun
    if noun.dep_ in ("poss", "compound", "npadvmod"):
        return True
    if noun.dep_ != "pobj":
        return False
    prep = noun.head
    if prep.lower_ == "of" and prep.head.lower_ == "ahead":
        return True
    if prep.lower_ in REFERENCE_PREPS:
        return _definite(noun)
    if prep.head.pos_ in ("NOUN", "PROPN"):
        return prep.lower_ in NOUN_PREPS and not _event_head(prep.head)
    return prep.head.i in verbs and _definite(noun)


def _event_head(tok: Token) -> bool:
    """A noun that carries an event's arguments ("a wave of attacks", "a round of talks")."""
    return tok.lemma_.lower() in ("wave", "series", "spate", "string", "round", "campaign", "number")


def _definite(noun: Token) -> bool:
    """A definite or possessed noun phrase ("the attack", "last week's protests"): an event the
    reader is taken to know already."""
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in noun.children)


def _inside_modifier(tok: Token) -> bool:
    """True when a token sits in a passive participle modifier ("men accused of …", "people
    jailed during …") or a contact relative clause ("officials it accused of …", "elections it
    had promised to hold") of a noun."""
    cur = tok
    for _ in range(10):
        if cur.dep_ == "acl" and cur.tag_ == "VBN" and not children(cur, "aux", "auxpass", "nsubj", "agent"):
            return True
        if cur.dep_ == "relcl" and _restrictive(cur) and not _relative_pronoun(cur):
            return True
        if cur.head is cur or cur.dep_ in ("ROOT", "ccomp", "advcl", "parataxis"):
            return False
        cur = cur.head
    return False


def _relative_pronoun(verb: Token) -> bool:
    """A relative clause opened by who/which/that/whom (not a contact clause "the deal it signed")."""
    return any(t.lower_ in ("who", "which", "that", "whom", "whose") for t in verb.subtree if t.i < verb.i)


def _restrictive(verb: Token) -> bool:
    """A relative clause with no comma before it ("the deal it signed", not ", which …")."""
    left = verb.left_edge.i
    return left > 0 and verb.doc[left - 1].text != ","


def signals(trig: Any, event: Any, sent: Any, lemma: str) -> tuple[str, ...]:
    """The named cues of one event (see the module docstring), in a fixed order."""
    kind = "light" if trig.verb is not None and trig.noun is not None else ("verb" if trig.verb is not None else "noun")
    found = [f"trigger:{kind}"]
    checks = {
        "weak_trigger": lemma in WEAK or (trig.noun is not None and trig.noun.lemma_.lower() in WEAK),
        "reference": event.reference,
        "actor": bool(event.actor_spans),
        "actor_entity": bool(event.actor),
        "target": bool(event.target_spans),
        "irrealis": event.status in IRREALIS,
        "negative": event.negated or event.status in ("denied", "negated"),
        "reported": event.status == "reported",
        "quoted": _quoted(trig, sent),
        "generic": _generic(trig),
        "dated": event.date is not None,
        "headline": not sent.text.rstrip().endswith((".", "!", "?", '"', "”", "'", ")")),
        "view_object": _view_object(trig),
        "inanimate_actor": _inanimate(trig),
        "it_actor": _it_actor(trig),
        "campaign": campaign(sent),
        "long_sentence": len(sent) > 40,
        "first_person": _first_person(trig, sent),
    }
    return tuple([*found, f"type:{event.type}"] + [name for name, on in checks.items() if on])


FIRST_PERSON = frozenset("i we you my our me us your".split())


def _first_person(trig: Any, sent: Any) -> bool:
    """A first- or second-person pronoun outside quotation marks: the author's own voice or a
    personal account, where events are more often figures of speech or generalities."""
    people = [t for t in sent if t.lower_ in FIRST_PERSON]
    text = sent.text if people else ""
    return any(not _quoted_at(t.idx, sent, text) for t in people)


def _quoted_at(offset: int, sent: Any, text: str | None = None) -> bool:
    """True when a character offset lies inside quotation marks within its sentence (``text``:
    the sentence's text, when the caller has it; never the whole document's)."""
    before = (sent.text if text is None else text)[:offset - sent.start_char]
    opened = before.count("“") + before.count("«") - before.count("”") - before.count("»")
    return before.count('"') % 2 == 1 or opened > 0


def _quoted(trig: Any, sent: Any) -> bool:
    """True when the trigger lies inside quotation marks within its sentence."""
    return _quoted_at(trig.start, sent)


def _generic(trig: Any) -> bool:
    """A habitual or generic clause: a frequency adverb, or a bare present with no actor of its own."""
    verb = trig.verb
    if verb is None:
        return False
    if any(c.lower_ in HABITUAL for c in verb.children if c.dep_ == "advmod"):
        return True
    return verb.tag_ == "VBG" and verb.dep_ in ("csubj", "conj", "pcomp") and not children(verb, "nsubj")


def _view_object(trig: Any) -> bool:
    """A rejection or accusation whose object is a view ("rejected the idea that …")."""
    if trig.verb is None or trig.type not in ("REJECT", "ACCUSE", "SUPPORT", "AGREE"):
        return False
    return bool(args.lemmas(args.condition_objects(trig.verb)) & VIEW_OBJECTS)


def _inanimate(trig: Any) -> bool:
    """A verb event whose grammatical subject names no actor ("language calling for …", "stocks rallied")."""
    verb = trig.verb
    subj = children(verb, "nsubj") if verb is not None else []
    return bool(subj) and not args.animate(subj) and not any(s.pos_ == "PRON" for s in subj)


def _it_actor(trig: Any) -> bool:
    """A verb event whose subject is "it", "this" or "that" (an organisation, or a thing)."""
    verb = trig.verb
    return verb is not None and any(s.lower_ in ("it", "this", "that") for s in children(verb, "nsubj"))
