"""Find event triggers in a sentence: verbs, light-verb + noun pairs, nominal events.

Three trigger shapes, tried in this order for each verb:
1. a light verb whose object is an event noun ("held talks", "imposed a curfew",
   "opened fire", "ordered the assassination"): the noun gives the type, the verb the
   arguments;
2. a lexicon verb, with its particle ("call for", "pull out") and object condition;
3. left-over event nouns that stand alone ("the invasion", "a drone strike").
Small overrides follow CAMEO's verb-object codings: sending *troops* is MOBILIZE, not AID;
doing something *jointly* is COOPERATE; banning a *party* is COERCE, banning imports SANCTION.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from presslens import resources
from presslens.analyzers.events import lexicon as lx
from presslens.analyzers.events.syntax import children, is_passive

Token = Any
MIL_MOVE = resources.words("events/mil_move_verbs.txt")
CIVIL_ACTIONS = resources.words("events/civil_action_verbs.txt")
OFFICIAL = resources.words("events/official_nouns.txt")
ORG_OBJECTS = resources.words("events/org_objects.txt")
NOUN_MODES = resources.mapping("events/noun_modes.tsv", "mode")


@dataclass(slots=True)
class Trigger:
    """A candidate event: its type, the verb owning its arguments, the event noun, its span."""

    type: str
    start: int
    end: int
    verb: Token | None = None
    noun: Token | None = None
    mode: str | None = None
    lent: list[Trigger] = field(default_factory=list)  # absorbed or merged triggers

    @property
    def anchor(self) -> Token:
        """The token whose position in the parse decides governance."""
        return self.verb if self.verb is not None else self.noun


def noun_entry(tok: Token, lex: lx.Lexicon) -> lx.Entry | None:
    """The lexicon entry of an event noun (with "strike" disambiguated), or None."""
    if tok.pos_ not in ("NOUN", "PROPN") or (tok.text[:1].isupper() and not tok.is_sent_start):
        return None
    entry = lex.nouns.get(tok.lower_) or lex.nouns.get(tok.lemma_.lower())
    if entry is None:  # "a rescue package": the event is in the compound
        for c in tok.children:
            found = lex.nouns.get(c.lemma_.lower()) if c.dep_ == "compound" else None
            if found is not None and found.strong:
                return found
    if tok.lemma_.lower() == "strike":
        mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
        if mods & lx.ASSAULT_STRIKE:
            return lx.Entry("ASSAULT", _mode_of(tok), strong=True)
        if mods & lx.PROTEST_STRIKE:
            return lx.Entry("PROTEST", strong=True)
    return entry


def _mode_of(tok: Token) -> str | None:
    """Mode words among a noun's modifiers ("drone strike" → drone)."""
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.lower_ in NOUN_MODES:
            return NOUN_MODES[c.lower_]
    return NOUN_MODES.get(tok.lower_)


def _light_objects(verb: Token) -> list[Token]:
    """Objects a light verb may carry its event in: dobj, passive subject, on/in objects."""
    found = children(verb, "dobj", "nsubjpass")
    for prep in children(verb, "prep"):
        if prep.lower_ in ("on", "in", "into", "to", "under", "for"):
            found.extend(children(prep, "pobj"))
    return found


def _light_type(verb: Token, entry: lx.Entry) -> str | None:
    """The type a light verb gives its event noun (None: the pair is not an event)."""
    lemma = verb.lemma_.lower()
    if lemma in lx.NEGATIVE_LIGHT:
        return "SANCTION" if entry.type in ("AID", "SANCTION") else None
    if lemma in lx.COMPLAINT_LIGHT and entry.type == "PROTEST":
        return "ACCUSE"
    if lemma == "announce" and entry.type == "RETREAT":
        return "CONCEDE"
    return entry.type


def _verbal_attack(noun: Token, etype: str) -> str:
    """An "attack on the plans" is criticism (ACCUSE); an attack on a person, place or force is ASSAULT."""
    if etype != "ASSAULT":
        return etype
    aimed = [o for p in children(noun, "prep") if p.lower_ in ("on", "against") for o in children(p, "pobj")]
    return "ACCUSE" if aimed and not _foe(aimed) else etype


def light_trigger(verb: Token, lex: lx.Lexicon) -> Trigger | None:
    """A light verb + event noun ("held talks"), or a joint action ("carried out joint patrols")."""
    for obj in _light_objects(verb):
        if any(c.lower_ == "joint" for c in obj.children):
            return _span_trigger("COOPERATE", verb, obj, None)
        entry = noun_entry(obj, lex)
        etype = _light_type(verb, entry) if entry is not None else None
        if entry is not None and etype is not None:
            return _span_trigger(_verbal_attack(obj, etype), verb, obj, _mode_of(obj) or entry.mode)
    return None


def _span_trigger(etype: str, verb: Token, noun: Token, mode: str | None) -> Trigger:
    """A trigger covering a light verb and its noun."""
    first, last = (verb, noun) if verb.i < noun.i else (noun, verb)
    return Trigger(etype, first.idx, last.idx + len(last.text), verb, noun, mode)


def _particles(verb: Token) -> set[str]:
    """Particles, prepositions and adjacent adverbs of a verb ("pull out", "call for", "pull back")."""
    return {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "agent", "dobj")
            or (c.dep_ == "advmod" and 0 < c.i - verb.i <= 2)}


def head_lemma(tok: Token) -> str:
    """The lemma of a noun, looking through quantity heads ("thousands of troops" → troop)."""
    lemma = tok.lemma_.lower()
    if lemma in lx.QUANTITY_HEADS or tok.lower_ in lx.QUANTITY_HEADS:
        for prep in children(tok, "prep"):
            if prep.lower_ == "of":
                objs = children(prep, "pobj")
                return objs[0].lemma_.lower() if objs else lemma
    return lemma


def _party(toks: list[Token]) -> bool:
    """True when some token names a person, group, state or force ("met the envoy", "fought ISIS")."""
    return any(t.ent_type_ in lx.ACTOR_TYPES or t.pos_ == "PROPN" or head_lemma(t) in lx.PERSON_NOUNS | lx.HUMANS | lx.MILITARY_NOUNS
               for t in toks)


def _foe(toks: list[Token]) -> bool:
    """True when violence could be aimed at these: people, groups, places, forces."""
    return _party(toks) or any(_place_noun(t) for t in toks)


def _place_noun(tok: Token) -> bool:
    """A place noun by lemma or by plural form: the lemmatizer reads "bases" as "basis"."""
    low = tok.lower_
    return head_lemma(tok) in lx.PLACE_NOUNS or low in lx.PLACE_NOUNS or (
        low.endswith("s") and low[:-1] in lx.PLACE_NOUNS
    )


def _official(toks: list[Token]) -> bool:
    """True for a state or its organs as subject ("Seoul protested", "the ministry protested")."""
    return any(t.ent_type_ == "GPE" or head_lemma(t) in OFFICIAL for t in toks)


def _preps(verb: Token) -> set[str]:
    """The prepositions attached to a verb."""
    return {c.lower_ for c in verb.children if c.dep_ == "prep"}


def _future_complement(verb: Token) -> bool:
    """A "that" clause in the future or conditional ("warned that it would strike")."""
    return any(a.lower_ in ("would", "will", "could") for c in children(verb, "ccomp")
               for a in children(c, "aux"))


def _pobj_lemmas(verb: Token) -> set[str]:
    """Lemmas of the verb's prepositional objects."""
    return {o.lemma_.lower() for p in children(verb, "prep") for o in children(p, "pobj")}


def _objects_for_condition(verb: Token) -> list[Token]:
    """Objects (or the passive subject) used by lexicon conditions."""
    return children(verb, "dobj", "nsubjpass") if is_passive(verb) else children(verb, "dobj")


def _condition_ok(cond: str | None, verb: Token) -> bool:
    """Check a lexicon condition (obj, noobj, mil, place, person, xobj) on a verb."""
    if cond is None:
        return True
    objs = _objects_for_condition(verb)
    lemmas = {head_lemma(o) for o in objs}
    subj = {head_lemma(s) for s in children(verb, "nsubj")}
    checks = {
        "subjperson": bool(subj & (lx.PERSON_NOUNS | {"delegation", "team"}))
        or any(s.ent_type_ == "PERSON" for s in children(verb, "nsubj")),
        "favour": bool(_pobj_lemmas(verb) & {"favour", "favor"}),
        "street": bool(_pobj_lemmas(verb) & {"street", "streets"}),
        "milsubj": bool(subj & lx.MILITARY_NOUNS),
        "weapon": bool(lemmas & lx.WEAPONS),
        "info": bool(lemmas & lx.INFO_OBJECTS),
        "explosive": bool(subj & lx.EXPLOSIVES),
        "obj": bool(objs),
        "noobj": not children(verb, "dobj") and not is_passive(verb),
        "xcomp": bool(children(verb, "xcomp")),
        "for": "for" in _preps(verb),
        "patient": bool(lemmas & {"patient", "wounded", "casualty", "victim", "injured", "survivor"}),
        "askfor": bool(children(verb, "xcomp")) or "for" in _preps(verb),
        "restriction": bool(lemmas & lx.RESTRICTIONS),
        "restorable": bool(lemmas & lx.RESTORABLE),
        "shareable": bool(lemmas & lx.SHAREABLE),
        "meet": not children(verb, "dobj") or "with" in _preps(verb) or _party(objs),
        "foe": not objs or _foe(objs),
        "animate": _party(children(verb, "nsubj")) or any(s.pos_ == "PRON" for s in children(verb, "nsubj")),
        "agent": bool(children(verb, "agent")) or (not is_passive(verb) and bool(children(verb, "nsubj"))),
        "agree": bool(children(verb, "xcomp")) or bool(_preps(verb) & {"to", "on", "upon"}),
        "with": "with" in _preps(verb),
        "aidobj": bool(lemmas & lx.AID_OBJECTS) or any(o.ent_type_ == "MONEY" for o in objs),
        "warn": bool(children(verb, "dobj")) or "against" in _preps(verb) or _future_complement(verb),
        "mil": bool(lemmas & lx.MILITARY_NOUNS),
        "place": bool(lemmas & lx.PLACE_NOUNS) or any(o.ent_type_ in ("GPE", "LOC", "FAC") for o in objs),
        "person": bool(lemmas & lx.PERSON_NOUNS) or any(o.ent_type_ == "PERSON" for o in objs),
        "xobj": bool(objs) or bool(children(verb, "xcomp")),
    }
    return checks.get(cond, True)


def verb_trigger(verb: Token, lex: lx.Lexicon, joint: frozenset[int] = frozenset()) -> Trigger | None:
    """The lexicon entry matching a verb (particle and condition checked), with overrides.

    ``joint``: indices of verbs modified by "jointly"/"together" (COOPERATE).
    """
    lemma = verb_lemma(verb, lex)
    if lemma not in lex.verbs and lemma not in MIL_MOVE and verb.i not in joint:
        return None
    parts = _particles(verb)
    objs = {head_lemma(o) for o in _objects_for_condition(verb)}
    etype, mode = None, None
    for entry in lex.verbs.get(lemma, ()):
        if (entry.particle is None or entry.particle in parts) and _condition_ok(entry.condition, verb):
            etype, mode = entry.type, entry.mode
            break
    if lemma in MIL_MOVE and objs & lx.MILITARY_NOUNS:
        etype, mode = "MOBILIZE", None
    elif lemma == "ban" and objs & ORG_OBJECTS:
        etype = "COERCE"
    elif lemma in CIVIL_ACTIONS and {head_lemma(s) for s in children(verb, "nsubj")} & lx.CIVILIANS:
        etype = "PROTEST"  # students occupying a library protest; an army occupying a town assaults
    elif etype == "PROTEST" and lemma == "protest" and _official(children(verb, "nsubj")):
        etype = "ACCUSE"  # a state protesting is a diplomatic complaint (CAMEO 11), not a street protest
    if verb.i in joint and etype not in lx.HOSTILE:
        etype = "COOPERATE"
    if etype is None:
        return None
    return Trigger(etype, verb.idx, verb.idx + len(verb.text), verb, None, mode)


def verb_lemma(tok: Token, lex: lx.Lexicon) -> str:
    """The verb's lemma, repaired when spaCy's rules miss ("fined" → fin, "staged" → stag)."""
    lemma = tok.lemma_.lower()
    if lemma in lex.verbs or lemma in lx.LIGHT_VERBS:
        return lemma
    low = tok.lower_
    stems = []
    if low.endswith("ed"):
        stems = [low[:-1], low[:-2], low[:-3]]
    elif low.endswith("ing"):
        stems = [low[:-3] + "e", low[:-3], low[:-4]]
    return next((s for s in stems if s in lex.verbs or s in lx.LIGHT_VERBS), lemma)


def _is_candidate_verb(tok: Token) -> bool:
    """A verb heading a clause: not a participle adjective ("the seized tanker") nor inside "ride-hailing"."""
    if tok.pos_ != "VERB" or tok.dep_ in ("amod", "pobj", "compound"):
        return False
    if tok.i == 0:
        return True
    prev = tok.doc[tok.i - 1]
    return not (prev.text == "-" and not prev.whitespace_)


def find_triggers(sent: Any, lex: lx.Lexicon) -> list[Trigger]:
    """Every candidate trigger of a sentence, in text order."""
    found: list[Trigger] = []
    used: set[int] = set()
    joint = frozenset(t.head.i for t in sent if t.lower_ in ("jointly", "together"))
    for tok in sent:
        if not _is_candidate_verb(tok):
            continue
        trig = light_trigger(tok, lex) if verb_lemma(tok, lex) in lx.LIGHT_VERBS else None
        trig = trig or verb_trigger(tok, lex, joint)
        if trig is not None:
            found.append(trig)
            used.update(t.i for t in (trig.verb, trig.noun) if t is not None)
    for tok in sent:
        xcomp = children(tok, "xcomp") if tok.pos_ == "ADJ" and tok.lower_ in lx.READY_ADJ else []
        if xcomp and xcomp[0].i in used:  # "ready to hold talks": intent to do an event
            found.append(Trigger("AGREE", tok.idx, tok.idx + len(tok.text), tok, None, None))
        if tok.i in used or tok.dep_ == "compound":
            continue
        entry = noun_entry(tok, lex)
        if entry is not None and entry.strong:
            etype = _verbal_attack(tok, entry.type)
            found.append(Trigger(etype, tok.idx, tok.idx + len(tok.text), None, tok, _mode_of(tok) or entry.mode))
    return sorted(found, key=lambda t: t.start)
