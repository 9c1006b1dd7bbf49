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
from presslens.analyzers.events import args, senses
from presslens.analyzers.events import lexicon as lx
from presslens.analyzers.events.args import head_lemma
from presslens.analyzers.events.syntax import children, is_passive, subjects

Token = Any
MIL_MOVE = resources.words("events/mil_move_verbs.txt")
CIVIL_ACTIONS = resources.words("events/civil_action_verbs.txt")
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
    refused: bool = False  # a negated agreement retyped REJECT: the refusal itself happened

    @property
    def anchor(self) -> Token:
        """The token whose position in the parse decides governance."""
        return self.verb if self.verb is not None else self.noun


def noun_entry(tok: Token, lex: lx.Lexicon) -> lx.Entry | None:
    """The lexicon entry of an event noun (with "strike" disambiguated), or None."""
    if tok.pos_ not in ("NOUN", "PROPN") or (tok.text[:1].isupper() and not tok.is_sent_start):
        return None
    entry = lex.nouns.get(tok.lower_) or lex.nouns.get(tok.lemma_.lower())
    if entry is None and tok.lemma_.lower() in CARRIERS:  # "a rescue package": the event is in the compound
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
    return contextual(tok, entry)


CARRIERS = frozenset("package operation mission effort programme program plan campaign bid attempt drive flight "
                     "scheme deal warrant".split())
MILITARY_MODIFIERS = frozenset("military naval joint war air army nuclear missile amphibious live-fire large-scale "
                               "snap combat artillery".split())
THREAT_MODIFIERS = frozenset("verbal explicit bellicose repeated veiled".split())
LEGAL_MODIFIERS = frozenset("formal official legal civil criminal".split())


_CONTEXT_LEMMAS = frozenset({"call", "state", "readiness", "alert", "raid", "threat"})


def contextual(tok: Token, entry: lx.Entry | None) -> lx.Entry | None:
    """Nouns whose modifiers decide whether they stand alone as events (or their type).

    "a call for talks" is a request, "a phone call" a consultation; "military exercises", "a
    formal complaint", "Kremlin verbal threats" and "a test of a missile" are events on their
    own, "a state of emergency" is a coercive measure.
    """
    lemma = tok.lemma_.lower()
    if entry is None and lemma not in _CONTEXT_LEMMAS:
        return None  # only the lemmas below make an event of a noun the lexicon lacks
    mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    owner = any(c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN") for c in tok.children)
    if lemma == "call" and ("for" in preps or any(c.dep_ == "acl" and c.tag_ == "VB" for c in tok.children)):
        return lx.Entry("REQUEST", strong=True)
    of_objs = {o.lemma_.lower() for p in children(tok, "prep") for o in children(p, "pobj")}
    if lemma == "state" and of_objs & {"emergency", "siege"}:
        return lx.Entry("COERCE", strong=False)
    if lemma in ("readiness", "alert") and mods & {"combat", "military", "battle", "high", "full"}:
        return lx.Entry("MOBILIZE", strong=False)
    if lemma == "raid" and any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in ("kill", "wound", "shoot") for c in tok.children):
        return lx.Entry("ASSAULT", strong=True)  # "the raid that killed bin Laden"
    if lemma == "threat" and tok.head.lemma_.lower() in ("pose", "represent", "constitute", "face"):
        return None  # "posed a direct threat": a capability, not a threat made
    if entry is None or entry.strong:
        return entry
    strong = (
        (entry.type == "MOBILIZE" and bool(mods & MILITARY_MODIFIERS))
        or (entry.type == "THREATEN" and (owner or bool(mods & THREAT_MODIFIERS)))
        or (lemma in ("complaint", "lawsuit", "allegation", "summit") and (bool(mods & LEGAL_MODIFIERS) or owner
                                                                        or bool(preps & {"against", "of", "by"}) or lemma == "summit"))
        or (lemma == "test" and bool(args.lemmas([o for p in children(tok, "prep") for o in children(p, "pobj")]) & ARMS))
        or (lemma in ("violence", "exit") and owner)
        or (lemma == "discussion" and tok.tag_ == "NNS")
        or (lemma == "case" and "against" in preps)
    )
    return lx.Entry(entry.type, entry.mode, strong=True) if strong else entry


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
    for obj in list(found):  # "put the army on the highest level of combat readiness"
        if obj.lemma_.lower() in ("level", "state"):
            found.extend(o for p in children(obj, "prep") if p.lower_ == "of" for o in children(p, "pobj"))
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
    if lemma in ("break", "violate", "breach") and entry.type == "AGREE":
        return None  # breaking an agreement is no agreement
    if lemma in ("simulate", "rehearse") and entry.type == "ASSAULT":
        return "MOBILIZE"  # a simulated attack is military posturing
    if lemma in ("come", "be") and entry.type == "ASSAULT" and not senses.violent(verb.sent):
        return None  # "came under fire from critics": criticism, not an attack
    return entry.type


def _verbal_attack(noun: Token, etype: str) -> str:
    """An "attack on the plans" is criticism (ACCUSE); an attack on a person, place or force is ASSAULT."""
    if etype != "ASSAULT":
        return etype
    aimed = [o for p in children(noun, "prep") if p.lower_ in ("on", "against") for o in children(p, "pobj")]
    return "ACCUSE" if aimed and not args.foe(aimed) else etype


def light_trigger(verb: Token, lex: lx.Lexicon) -> Trigger | None:
    """A light verb + event noun ("held talks"), or a joint action ("carried out joint patrols")."""
    if verb.lemma_.lower() in ("hold", "put", "take") and any(c.dep_ == "prt" and c.lower_ in ("up", "off") for c in verb.children):
        return None  # "held up his proposal as …", "put off the talks"
    for obj in _light_objects(verb):
        entry = noun_entry(obj, lex)
        if any(c.lower_ == "joint" for c in obj.children) and (entry is None or entry.type != "CONSULT"):
            return _span_trigger("COOPERATE", verb, obj, None)
        etype = _light_type(verb, entry) if entry is not None else None
        if entry is not None and etype is not None:
            return _span_trigger(_verbal_attack(obj, etype), verb, obj, _mode_of(obj) or entry.mode)
    return None


def _span_trigger(etype: str, verb: Token, noun: Token, mode: str | None) -> Trigger:
    """A trigger covering a light verb and its noun."""
    first, last = (verb, noun) if verb.i < noun.i else (noun, verb)
    return Trigger(etype, first.idx, last.idx + len(last.text), verb, noun, mode)


def _particles(verb: Token) -> set[str]:
    """Particles, prepositions and adjacent adverbs of a verb ("pull out", "call for", "pull back"),
    and the prepositions under a "by" phrase ("spoke by telephone with")."""
    found = {c.lower_ for c in verb.children if c.dep_ in ("prt", "agent", "dobj")
             or (c.dep_ == "prep" and not _dated(c)) or (c.dep_ == "advmod" and 0 < c.i - verb.i <= 2)}
    for by in children(verb, "prep"):
        if by.lower_ == "by":
            found |= {p.lower_ for o in children(by, "pobj") for p in children(o, "prep")}
    return found


def _dated(prep: Token) -> bool:
    """A preposition introducing a date or number ("gave … in early 2015" is not "give in")."""
    return any(o.ent_type_ in ("DATE", "TIME", "CARDINAL") for o in children(prep, "pobj"))


def _future_complement(verb: Token) -> bool:
    """A "that" clause in the future or conditional ("warned that it would strike")."""
    return any(a.lower_ in ("would", "will", "could") for c in children(verb, "ccomp")
               for a in children(c, "aux"))


def _condition_ok(cond: str | None, verb: Token) -> bool:
    """Check a lexicon condition (obj, noobj, mil, place, person, xobj) on a verb."""
    if cond is None:
        return True
    objs = args.condition_objects(verb)
    lemmas = args.lemmas(objs)
    subj = args.lemmas(subjects(verb))
    checks = {
        "subjperson": bool(subj & (lx.PERSON_NOUNS | {"delegation", "team"}))
        or any(s.ent_type_ == "PERSON" for s in children(verb, "nsubj")),
        "favour": bool(args.pobj_lemmas(verb) & {"favour", "favor"}),
        "street": bool(args.pobj_lemmas(verb) & {"street", "streets"}),
        "milsubj": bool(subj & lx.MILITARY_NOUNS),
        "weapon": bool(lemmas & lx.WEAPONS),
        "info": bool(lemmas & lx.INFO_OBJECTS),
        "explosive": bool(subj & lx.EXPLOSIVES),
        "obj": bool(objs),
        "noobj": not children(verb, "dobj") and not is_passive(verb),
        "xcomp": bool(children(verb, "xcomp")),
        "for": "for" in args.preps(verb),
        "patient": bool(lemmas & {"patient", "wounded", "casualty", "victim", "injured", "survivor"}),
        "askfor": bool(children(verb, "xcomp")) or "for" in args.preps(verb),
        "restriction": bool(lemmas & lx.RESTRICTIONS),
        "restorable": bool(lemmas & lx.RESTORABLE),
        "shareable": bool(lemmas & lx.SHAREABLE),
        "meet": not children(verb, "dobj") or "with" in args.preps(verb) or args.party(objs),
        "foe": not objs or args.foe(objs),
        "animate": args.party(subjects(verb)) or any(s.lower_ in args.PRONOUN_PEOPLE | {"it"} for s in subjects(verb)),
        "helpdo": any(args.party([*objs, *children(c, "nsubj")]) for c in children(verb, "xcomp", "ccomp")),
        "agent": bool(children(verb, "agent")) or (not is_passive(verb) and bool(children(verb, "nsubj"))),
        "agree": bool(children(verb, "xcomp")) or bool(args.preps(verb) & {"to", "on", "upon"}),
        "with": "with" in args.preps(verb),
        "aidobj": bool((lemmas | _compounds(objs) | _pobjs(verb, "in")) & lx.AID_OBJECTS) or any(o.ent_type_ == "MONEY" for o in objs),
        "warn": bool(children(verb, "dobj")) or bool(args.preps(verb) & {"against", "of"}) or _future_complement(verb),
        "mil": bool(lemmas & lx.MILITARY_NOUNS),
        "place": bool(lemmas & lx.PLACE_NOUNS) or any(o.ent_type_ in ("GPE", "LOC", "FAC") for o in objs),
        "person": bool(lemmas & lx.PERSON_NOUNS) or any(o.ent_type_ == "PERSON" for o in objs),
        "xobj": bool(objs) or bool(children(verb, "xcomp")),
        "weaponarg": bool((subj | lemmas) & ARMS),
        "weaponagainst": bool(lemmas & ARMS) and "against" in args.preps(verb),
        "humanobj": args.people(objs),
        "subjunctive": any(_subjunctive(c) for c in children(verb, "ccomp")),
        "partyobj": args.party(objs),
        "milarg": bool((lemmas | subj) & (lx.MILITARY_NOUNS | FRONTS)),
        "recognised": args.party(objs) or bool(lemmas & RECOGNISED),
        "missiletest": bool(lemmas & {"missile", "rocket", "projectile"}) and not args.preps(verb) & {"at", "on", "against"}
        and not subj & {"militant", "rebel", "insurgent", "fighter"},
        "dispute": bool(lemmas & {"dispute", "case", "lawsuit", "suit", "difference", "conflict", "row", "claim"}),
        "proposal": bool(lemmas & PROPOSALS),
    }
    return checks.get(cond, True)


def _compounds(toks: list[Token]) -> set[str]:
    """Lemmas of the compound modifiers of some nouns ("shelter kits" → shelter)."""
    return {c.lemma_.lower() for t in toks for c in t.children if c.dep_ == "compound"}


def _pobjs(verb: Token, prep: str) -> set[str]:
    """Lemmas of the objects of one of the verb's prepositions ("in financial support")."""
    return args.lemmas([o for p in children(verb, "prep") if p.lower_ == prep for o in children(p, "pobj")])


FRONTS = frozenset("position defence defense border garrison frontline presence base".split())
RECOGNISED = frozenset("independence sovereignty statehood government regime result election state annexation".split())
PROPOSALS = frozenset("proposal plan bill deal measure law resolution discussion motion nomination appointment reform "
                      "sanction agreement move bid attempt effort merger takeover sale vote legislation".split())
ARMS = lx.WEAPONS | lx.EXPLOSIVES | frozenset("shell mortar grenade mine ied rocket missile drone chemical".split())


def _subjunctive(clause: Token) -> bool:
    """A that-clause in the mandative subjunctive ("insisted that the first lady go")."""
    subj = children(clause, "nsubj", "nsubjpass")
    return clause.tag_ == "VB" and bool(subj) and not children(clause, "aux") and subj[0].lower_ not in ("i", "you", "we", "they")


def verb_trigger(verb: Token, lex: lx.Lexicon, joint: frozenset[int] = frozenset()) -> Trigger | None:
    """The lexicon entry matching a verb (particle and condition checked), with overrides.

    ``joint``: indices of verbs modified by "jointly"/"together" (COOPERATE).
    """
    lemma = verb_lemma(verb, lex)
    if lemma not in lex.verbs and lemma not in MIL_MOVE and verb.i not in joint:
        return None
    parts = _particles(verb)
    objs = {head_lemma(o) for o in args.condition_objects(verb)}
    etype, mode = None, None
    for entry in lex.verbs.get(lemma, ()):
        if (entry.particle is None or entry.particle in parts) and _condition_ok(entry.condition, verb):
            etype, mode = entry.type, entry.mode
            break
    if lemma in MIL_MOVE and objs & lx.MILITARY_NOUNS:
        etype, mode = _sent_arms(verb, objs)
    elif lemma == "fire" and any(c.lower_ == "test" for c in verb.children):
        etype, mode = "MOBILIZE", None  # "test-fired two missiles"
    elif lemma in ("gather", "assemble", "convene") and any(
            c.lemma_.lower() in MEETING_PURPOSES for c in children(verb, "xcomp", "advcl")):
        etype, mode = "CONSULT", "meeting"  # "leaders gathered to discuss …"
    elif lemma == "ban" and objs & ORG_OBJECTS:
        etype = "COERCE"
    elif lemma in CIVIL_ACTIONS and {head_lemma(s) for s in children(verb, "nsubj")} & lx.CIVILIANS:
        etype = "PROTEST"  # students occupying a library protest; an army occupying a town assaults
    elif etype == "PROTEST" and lemma == "protest" and args.official(children(verb, "nsubj")):
        etype = "ACCUSE"  # a state protesting is a diplomatic complaint (CAMEO 11), not a street protest
    if verb.i in joint and etype not in lx.HOSTILE:
        etype = "COOPERATE"
    if etype is None:
        return None
    return Trigger(etype, verb.idx, verb.idx + len(verb.text), verb, None, mode)


MEETING_PURPOSES = frozenset("discuss talk negotiate debate review consider plan".split())
PERSONNEL = frozenset("troop soldier force unit battalion brigade division marine paratrooper commando reservist "
                      "police policeman officer warship carrier destroyer frigate submarine ship vessel gunboat".split())


def _sent_arms(verb: Token, objs: set[str]) -> tuple[str, str | None]:
    """Forces sent somewhere are a deployment (MOBILIZE); weapons sent to a state are military aid."""
    recipients = [o for p in children(verb, "prep", "dative") if p.lower_ == "to" for o in children(p, "pobj")]
    recipients += [d for d in children(verb, "dative") if d.pos_ != "ADP"]
    to_party = any(r.ent_type_ in ("GPE", "ORG", "NORP") and not args.place_noun(r) for r in recipients)
    if to_party and not objs & PERSONNEL and verb.lemma_.lower() in ("send", "ship", "deliver", "supply", "give"):
        return "AID", "military"
    return "MOBILIZE", None


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
    if tok.pos_ != "VERB" or tok.dep_ in ("pobj", "compound"):
        return False
    if tok.dep_ == "amod" and not (tok.tag_ == "VBD" and tok.sent.root.pos_ not in ("VERB", "AUX")):
        return False  # "the seized tanker"; a past verb under a verbless root is a misparse
    if tok.i == 0:
        return True
    if tok.text[:1].isupper() and not tok.is_sent_start and not _title_case(tok.sent):
        return False  # "Meet the Press": the name of a show, not a meeting
    prev = tok.doc[tok.i - 1]
    inside = prev.text == "-" and not prev.whitespace_
    return not inside or (tok.i >= 2 and tok.doc[tok.i - 2].lower_ == "test")  # "test-fired", not "ride-hailing"


def _title_case(sent: Any) -> bool:
    """A headline in title case ("Pence Announces Plans …"): most words capitalised."""
    words = [t for t in sent if t.is_alpha]
    return bool(words) and sum(t.text[:1].isupper() for t in words) >= 0.6 * len(words)


def find_triggers(sent: Any, lex: lx.Lexicon) -> list[Trigger]:
    """Every candidate trigger of a sentence whose sense its arguments confirm, in text order."""
    found: list[Trigger] = []
    used: set[int] = set()
    toks = list(sent)  # the sentence's tokens, made once for the three passes below
    joint = frozenset(t.head.i for t in toks if t.lower_ in ("jointly", "together"))
    for tok in toks:
        if not _is_candidate_verb(tok):
            continue
        lemma = verb_lemma(tok, lex)
        trig = light_trigger(tok, lex) if lemma in lx.LIGHT_VERBS else None
        trig = _confirmed(trig or verb_trigger(tok, lex, joint), lemma, sent)
        if trig is not None:
            found.append(trig)
            used.update(t.i for t in (trig.verb, trig.noun) if t is not None)
    for tok in toks:
        if _ready(tok, used):  # "ready to hold talks": intent to do an event
            found.append(Trigger("AGREE", tok.idx, tok.idx + len(tok.text), tok, None, None))
        if tok.i in used or tok.dep_ == "compound":
            continue
        entry = noun_entry(tok, lex)
        if entry is not None and entry.strong:
            etype = _verbal_attack(tok, entry.type)
            trig = Trigger(etype, tok.idx, tok.idx + len(tok.text), None, tok, _mode_of(tok) or entry.mode)
            trig = _confirmed(trig, tok.lemma_.lower(), sent)
            found.extend([trig] if trig is not None else [])
    return sorted(found, key=lambda t: t.start)


def _confirmed(trig: Trigger | None, lemma: str, sent: Any) -> Trigger | None:
    """The trigger retyped by its sense check, or None when its arguments rule the event out."""
    if trig is None:
        return None
    etype = senses.check(trig, lemma, sent)
    if etype is None:
        return None
    trig.type = etype
    return trig


def _ready(tok: Token, used: set[int]) -> bool:
    """"X is ready to hold talks": a predicative readiness adjective over an event (not "at the ready")."""
    if tok.pos_ != "ADJ" or tok.lower_ not in lx.READY_ADJ or tok.dep_ != "acomp":
        return False
    xcomp = children(tok, "xcomp")
    subj = children(tok.head, "nsubj")
    actor = args.party(subj) or any(t.pos_ == "PRON" and t.lower_ not in ("this", "that", "which", "what") for t in subj)
    return bool(xcomp) and xcomp[0].i in used and actor
