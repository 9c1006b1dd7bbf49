"""Check each trigger's sense against its arguments (selectional restrictions).

A trigger word names an event only in one of its senses, and the arguments say which: a
RETREAT releases people or seized property, not a statement or a product; an ASSAULT has a
deliberate agent and a physical target, not a storm, a virus or "the problem of rising costs";
a PROTEST is collective civilian dissent, not a campaign rally; a meeting has a counterpart, not
a wife; a warning is a threat only when it announces force or a penalty.  The rules read the
PLOVER definitions (DESIGN.md taxonomy) against CAMEO's verb-object codings; each returns the
trigger's type (possibly another one, e.g. a hand-over of suspects to a government is
COOPERATE) or None when the words are not an event in this sentence.

Why hand-written: no maintained library does word-sense checks for PLOVER triggers; the
argument classes are small lists in ``resources/events/`` (see ``args``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from presslens import resources
from presslens.analyzers.events import args
from presslens.analyzers.events import lexicon as lx
from presslens.analyzers.events.syntax import children, is_passive, prep_objects, subjects

Token = Any
SPORTS = resources.entries("events/sports_words.txt")
SPORTS_RE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in SPORTS) + r")s?\b")
CAMPAIGN = resources.words("events/campaign_words.txt")
NONANSWER = resources.words("events/nonanswer_verbs.txt")
CROWD_CONTROL = resources.words("events/crowd_control.txt")
PEOPLE = resources.words("events/people_nouns.txt")


SENSE_OBJECTS = "events/sense_objects.tsv"
FREEZABLE = resources.words(SENSE_OBJECTS, use="freeze")
STRIPPABLE = resources.words(SENSE_OBJECTS, use="strip")
RECALLABLE = resources.words(SENSE_OBJECTS, use="recall")
DOWNGRADABLE = resources.words(SENSE_OBJECTS, use="downgrade")
CONCESSIONS = resources.words(SENSE_OBJECTS, use="concession")
CUTOFF = resources.words(SENSE_OBJECTS, use="cutoff")
HOSTABLE = resources.words(SENSE_OBJECTS, use="hostable")
NOT_SEIZED = resources.words(SENSE_OBJECTS, use="seizable_not")
OFFICES = resources.words(SENSE_OBJECTS, use="office")
FIGURATIVE_VIOLENCE = frozenset("attack batter blast clash crush destroy fight hammer hit kill pound shoot strike target".split())


class Reading:
    """The words a sense rule reads: trigger lemma, subjects, objects, sentence."""

    def __init__(self, trig: Any, lemma: str, sent: Any) -> None:
        """Collect the arguments of a trigger once."""
        self.trig, self.lemma, self.sent = trig, lemma, sent
        verb, noun = trig.verb, trig.noun
        self.subj = [s for s in subjects(verb) if s.lower_ not in ("which", "that", "who")] if verb is not None else []
        if verb is not None and is_passive(verb):
            self.subj = prep_objects(verb, {"by"})  # the agent acts: "was attacked by Mr Khan"
        if verb is None:
            self.subj = _noun_actors(noun)
        self.objs = args.condition_objects(verb) if verb is not None else prep_objects(noun, {"of"})
        if verb is not None and noun is not None:
            self.objs = prep_objects(noun, {"of"}) or [o for o in self.objs if o.i != noun.i]
        self.noun_lemma = noun.lemma_.lower() if noun is not None else ""

    def obj_lemmas(self) -> set[str]:
        """Head lemmas (and forms) of the objects."""
        return args.lemmas(self.objs)

    def has_prep(self, *words: str) -> bool:
        """True when the verb (or the trigger noun) has one of these prepositions."""
        head = self.trig.verb if self.trig.verb is not None else self.trig.noun
        return bool(args.preps(head) & set(words))

    def pobjs(self, *words: str) -> list[Token]:
        """Objects of the verb's (or noun's) prepositions ``words``."""
        head = self.trig.verb if self.trig.verb is not None else self.trig.noun
        return prep_objects(head, set(words))


def _noun_actors(noun: Token) -> list[Token]:
    """Possessive and proper-noun modifiers of an event noun ("Russia's invasion")."""
    return [c for c in noun.children if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN")]


def sports(sent: Any) -> bool:
    """True when the sentence is about sport ("the striker", "the cup final", "the squad")."""
    return bool(SPORTS_RE.search(sent.text.lower()))


VIOLENT = frozenset("kill wound injure dead death troop soldier force police militant gunman gunmen rebel fighter army "
                    "military bomb rocket missile shell shelling gunfire weapon artillery airstrike casualty".split())


def violent(sent: Any) -> bool:
    """True when the sentence speaks of armed force or casualties."""
    return any(t.lemma_.lower() in VIOLENT | lx.MILITARY_NOUNS or t.lower_ in VIOLENT for t in sent)


def campaign(sent: Any) -> bool:
    """True when the sentence speaks of an election campaign."""
    return any(t.lemma_.lower() in CAMPAIGN or t.lower_ in CAMPAIGN for t in sent)


# --- per type ------------------------------------------------------------------------------


def assault(r: Reading) -> str | None:
    """Deliberate violence: a human agent, a physical target, not sport or a figure of speech."""
    if args.natural(r.subj) or (r.lemma in FIGURATIVE_VIOLENCE | {"clash", "offensive", "attack"} and sports(r.sent)):
        return None
    if r.noun_lemma == "offensive" and r.trig.noun.head.lower_ == "on" and not _military(r.subj):
        return None  # "went on the offensive against her rival"
    if r.lemma in FIGURATIVE_VIOLENCE and r.objs and args.criticisable(r.objs):
        return "ACCUSE" if r.lemma in ("attack", "hit", "blast") else None  # "attacked the budget plans"
    if r.lemma in FIGURATIVE_VIOLENCE and r.objs and args.abstract(r.objs):
        return None  # "attacked the problem", "fight inflation"
    if r.lemma in ("shoot", "fire") and r.objs and args.lemmas(r.objs) & CROWD_CONTROL:
        return "COERCE"  # "fired tear gas at the crowd"
    if r.lemma == "shoot" and r.obj_lemmas() & NOT_SHOT:
        return None  # "shot a film", "shot flares"
    if r.lemma == "attack" and r.trig.noun is None:
        return attack_type(r)
    if r.noun_lemma == "attack" and (_amod(r.trig.noun, VERBAL_ATTACKS) or (campaign(r.sent) and not violent(r.sent))):
        return "ACCUSE"  # "his caustic attacks on Islam", "attacks from a fellow candidate"
    if (r.noun_lemma or r.lemma) == "clash" and not violent(r.sent):
        return None  # "the clash has entangled the candidate in an argument": a quarrel
    if r.lemma == "clash" and _civilian(r.subj) and args.lemmas(r.pobjs("with")) & {"police", "security", "force", "troop"}:
        return "PROTEST"  # protesters clashing with police: a riot (PLOVER PROTEST)
    return "ASSAULT"


def _civilian(toks: list[Token]) -> bool:
    """True for civilians as subject (protesters, supporters, students …)."""
    return bool(args.lemmas(toks) & (lx.CIVILIANS | {"supporter", "protester", "demonstrator", "people", "youth"}))


def _military(toks: list[Token]) -> bool:
    """True for an armed force as subject."""
    return any(args.head_lemma(t) in lx.MILITARY_NOUNS | {"rebel", "militant", "insurgent", "fighter"} for t in toks)


def retreat(r: Reading) -> str | None:
    """Withdrawal, release of people or property, resignation, disarmament, surrender."""
    lemma = r.noun_lemma or r.lemma
    if lemma in ("release", "free"):
        return _released(r)
    if lemma == "return":
        return "RETREAT" if args.captive(r.objs) or (not r.objs and _military(r.subj)) else None
    if lemma == "leave":
        return _left(r)
    if lemma in ("withdraw", "pull", "quit", "leave") and args.lemmas([*r.pobjs("from", "of"), *r.objs]) & TREATIES:
        return "REJECT"  # "withdrew from the nuclear deal", "quit the treaty": a rejection
    if lemma == "withdraw" and r.objs:
        objs = r.obj_lemmas()
        if objs & RECALLABLE:
            return "SANCTION"
        if objs & CONCESSIONS:
            return "CONCEDE"
        if objs & CUTOFF:
            return "SANCTION"
    if lemma == "hand" and r.objs:
        return _handed(r)
    if lemma in ("quit", "resign") and r.objs and all(o.tag_ == "VBG" for o in r.objs):
        return None  # "quit smoking"
    if lemma == "surrender" and r.objs and not (args.captive(r.objs) or r.obj_lemmas() & (lx.WEAPONS | {"weapon", "arm", "control", "city", "town"})):
        return None  # "surrendered its authority": a figure of speech
    return "RETREAT"


TREATIES = frozenset("deal treaty agreement accord pact convention talks negotiation protocol framework".split())


def _released(r: Reading) -> str | None:
    """A release of captives or seized property; a statement, report or product is no event."""
    if r.objs:
        return "RETREAT" if args.captive(r.objs) else None
    if r.trig.noun is not None and r.trig.verb is None:
        owners = [c for c in r.trig.noun.children if c.dep_ == "poss"]
        return "RETREAT" if owners and args.people(owners) else None
    return "RETREAT" if r.subj and _military(r.subj) else None


def _left(r: Reading) -> str | None:
    """Leaving a party, post or alliance, or forces leaving a place."""
    if r.obj_lemmas() & OFFICES or any(o.ent_type_ == "ORG" for o in r.objs):
        return "RETREAT"
    return "RETREAT" if _military(r.subj) else None


def _handed(r: Reading) -> str | None:
    """Handing suspects to a government is judicial cooperation; weapons, power or land a retreat."""
    if args.people(r.objs) and args.official(r.pobjs("to")) | args.party(r.pobjs("to")):
        return "COOPERATE"
    objs = r.obj_lemmas()
    if args.captive(r.objs) or objs & (lx.WEAPONS | {"weapon", "arm", "power", "control", "territory", "area"}) \
            or any(args.place_noun(o) for o in r.objs):
        return "RETREAT"
    return None


def protest(r: Reading) -> str | None:
    """Collective civilian dissent: not a campaign rally, not markets rallying."""
    lemma = r.noun_lemma or r.lemma
    if lemma == "rally" and campaign(r.sent):
        return None
    if r.subj and not args.animate(r.subj) and r.trig.verb is not None:
        return None  # "stocks rallied", "lightning struck"
    if lemma == "march" and _military(r.subj):
        return None
    if r.noun_lemma == "protest" and r.trig.verb is None and r.trig.noun.head.lower_ == "in":
        return None  # "resigned in protest at the decision": a manner, the resignation is the event
    if lemma == "boycott" and args.official(r.subj):
        return "SANCTION"  # a state boycotting is a sanction, citizens boycotting protest
    return "PROTEST"


def consult(r: Reading) -> str | None:
    """A meeting needs a counterpart: not a wife, a show, a store or a topic."""
    lemma = r.noun_lemma or r.lemma
    if args.personal(r.objs) or args.personal(r.pobjs("with", "to")):
        return None
    if lemma in ("speak", "talk") and (args.lemmas(r.pobjs("to", "with")) & PRESS or _audience(r.pobjs("to", "with"))):
        return None  # speaking to reporters or to an organisation is a statement or a speech
    if r.noun_lemma == "talk" and r.trig.noun.head.lemma_.lower() in ("deliver", "give"):
        return None  # "deliver their talks": speeches
    if lemma == "host" and not (args.party(r.objs) or r.obj_lemmas() & HOSTABLE):
        return None  # "hosted the ceremony", "hosted children's shows"
    if lemma == "talk" and r.trig.verb is not None and r.noun_lemma == "" and not args.party(r.pobjs("with", "to")):
        return None  # "talked about education"
    if lemma == "visit" and ((r.subj and not args.animate(r.subj)) or r.obj_lemmas() & NOT_VISITED or campaign(r.sent)):
        return None  # a visit to a store, or a campaign stop
    if lemma == "discuss" and not (len(r.subj) > 1 or _plural(r.subj) or args.party(r.pobjs("with"))):
        return None  # a meeting is discussing together, not "the report discusses"
    return "CONSULT"


def _audience(toks: list[Token]) -> bool:
    """An organisation spoken to (not a person, a state or an official)."""
    return bool(toks) and all(t.ent_type_ in ("ORG", "FAC") and not args.official([t]) for t in toks)


def _plural(toks: list[Token]) -> bool:
    """True for a plural or coordinated noun subject that names people or states."""
    return any(t.tag_ in ("NNS", "NNPS") and args.party([t]) for t in toks) or len(toks) > 1


def support(r: Reading) -> str | None:
    """Verbal backing of a party or policy: not thanking one's family, not military defence."""
    lemma = r.lemma
    if lemma == "thank" and (not r.objs or args.personal(r.objs) or any(o.lower_ in ("you", "god") for o in r.objs)):
        return None
    if lemma == "defend" and (not r.objs or any(o.lower_.endswith("self") or o.lower_.endswith("selves") or args.place_noun(o)
                                                  or o.ent_type_ in ("GPE", "LOC") or o.lemma_.lower() in TERRITORY
                                                  for o in r.objs) or _military(r.subj)):
        return None  # "defend the continent", "Europe must defend itself"
    actors = r.subj + (r.pobjs("by") if r.trig.verb is not None and is_passive(r.trig.verb) else [])
    if args.lemmas(actors) & PUBLIC:
        return None  # "welcomed by Apple fans and PC users": a product's reception
    if lemma in ("support", "vote") and (campaign(r.sent) or args.lemmas(r.subj) & ELECTORATE):
        return None  # voters supporting a candidate
    return "SUPPORT"


ELECTORATE = frozenset("we you voter people electorate american citizen".split())
TERRITORY = frozenset("continent country homeland border territory nation region soil".split())
PUBLIC = frozenset("fan user customer consumer viewer reader listener buyer shopper audience".split())


def concede(r: Reading) -> str | None:
    """Concessions: dropping demands, charges or bans (not a product line)."""
    if r.lemma == "drop" and not r.obj_lemmas() & (CONCESSIONS | lx.RESTRICTIONS | {"sanction", "case", "requirement", "condition"}):
        return None
    return "CONCEDE"


def aid(r: Reading) -> str | None:
    """One-way material help: people sheltered, aid objects distributed."""
    if r.lemma == "shelter" and not args.people(r.objs):
        return None  # "shelter profits offshore"
    return "AID"


def coerce(r: Reading) -> str | None:
    """Repression short of violence: groups outlawed, people or property seized."""
    if r.lemma == "outlaw" and not (args.party(r.objs) and not args.abstract(r.objs)):
        return None  # legislation outlawing a practice
    if r.lemma == "seize" and r.obj_lemmas() & NOT_SEIZED:
        return None
    if r.lemma == "restrict" and r.obj_lemmas() & {"video", "content", "page", "file", "item", "article", "playback"}:
        return None  # a web page's notice
    if r.lemma in ("seize", "capture", "grab") and (args.people(r.objs) or "control" in r.obj_lemmas()) and _armed_group(r.subj):
        return "ASSAULT"  # gunmen seizing students is an abduction, rebels seizing control an attack
    return "COERCE"


ARMED_GROUPS = frozenset("gunman gunmen kidnapper pirate bandit militant insurgent jihadist rebel terrorist attacker assailant".split())


def _armed_group(toks: list[Token]) -> bool:
    """True for non-state armed men as subject."""
    return bool(args.lemmas(toks) & ARMED_GROUPS)


def accuse(r: Reading) -> str | None:
    """Criticism, allegation, charge or inquiry; military probing is MOBILIZE."""
    lemma = r.noun_lemma or r.lemma
    if lemma in ("probe", "probing") and _military_before(r.trig.noun or r.trig.verb):
        return "MOBILIZE"
    if lemma == "attack" and r.trig.noun is None:
        return attack_type(r)
    return "ACCUSE"


VERBAL_ATTACKS = {"caustic", "verbal", "personal", "scathing", "blistering", "withering", "bitter", "rhetorical",
                  "sharp", "stinging", "political", "fierce", "vicious"}
NOT_SHOT = frozenset("film video scene footage photo picture movie documentary advert ad goal ball flare glance look".split())
SPEECH_OBJECTS = frozenset("comment remark statement speech report record decision ruling view stance position "
                           "media press".split())
CRITICS = frozenset("critic opposition lawmaker legislator politician senator minister mp candidate rival "
                    "commentator columnist editorial newspaper".split())


def attack_type(r: Reading) -> str | None:
    """"attacked the budget plans" is criticism, "attacked the problem" nothing, "attacked a convoy"
    violence; with a person or a government as target the attacker decides (critics or gunmen)."""
    objs = r.obj_lemmas()
    if r.objs and args.abstract(r.objs) and not args.criticisable(r.objs):
        return None
    if r.objs and (args.criticisable(r.objs) or objs & SPEECH_OBJECTS):
        return "ACCUSE"
    if any(args.place_noun(o) for o in r.objs) or objs & lx.MILITARY_NOUNS or _military(r.subj) or _armed_group(r.subj):
        return "ASSAULT"
    critics = args.lemmas(r.subj) & CRITICS or any(s.ent_type_ == "PERSON" for s in r.subj)
    return "ACCUSE" if critics else "ASSAULT"


def _military_before(tok: Token) -> bool:
    """"military probing": a military modifier on the trigger or just before it."""
    near = {t.lower_ for t in tok.doc[max(tok.i - 2, 0):tok.i]}
    return _amod(tok, MILITARY_WORDS) or bool(near & MILITARY_WORDS)


MILITARY_WORDS = {"military", "naval", "air", "army"}


def _amod(tok: Token | None, words: set[str]) -> bool:
    """True when a token has an adjectival or compound modifier among ``words``."""
    return tok is not None and any(c.dep_ in ("amod", "compound") and c.lower_ in words for c in tok.children)


def sanction(r: Reading) -> str | None:
    """Penalties with an object that can bear them: not a belief, prices or human qualities."""
    lemma = r.noun_lemma or r.lemma
    objs = r.obj_lemmas()
    if lemma == "conviction":
        return "SANCTION" if _legal_conviction(r.trig.noun) else None
    if lemma == "downgrade":
        return "SANCTION" if objs & DOWNGRADABLE else None
    if lemma == "strip":
        return "SANCTION" if args.lemmas(r.pobjs("of")) & STRIPPABLE else None
    if lemma == "freeze" and r.trig.noun is None:
        return "SANCTION" if objs & FREEZABLE else None
    if lemma == "recall":
        return "SANCTION" if objs & RECALLABLE else None
    if lemma == "suspend" and r.trig.noun is None and (objs & NOT_SUSPENDED or args.abstract(r.objs)):
        return None  # "suspended his speaking schedule", "suspend reality"
    return "SANCTION"


NOT_SUSPENDED = frozenset("schedule tour reality disbelief judgment judgement speaking production work trading play "
                          "game match season campaign activity".split())


def _legal_conviction(noun: Token) -> bool:
    """A conviction for a crime (not a belief): "for"/"on"/"over", a legal modifier, or of a person."""
    preps = {c.lower_ for c in noun.children if c.dep_ == "prep"}
    if preps & {"for", "on", "over"} or args.people(prep_objects(noun, {"of"})):
        return True
    legal = {"criminal", "murder", "fraud", "terrorism", "corruption", "wrongful", "previous", "prior", "felony"}
    return _amod(noun, legal) or noun.head.lemma_.lower() in ("overturn", "quash", "uphold", "appeal")


ACCEPTABLE = frozenset("offer proposal deal plan invitation terms ceasefire truce agreement condition demand "
                       "resignation mediation peace settlement compromise apology bid request help aid assistance "
                       "refugee migrant asylum-seeker framework roadmap accord pact treaty".split())


def agree(r: Reading) -> str | None:
    """Promises and offers to cooperate: not committing a crime, not accepting criticism or a gig."""
    if r.lemma == "commit" and not (children(r.trig.verb, "xcomp") or r.has_prep("to")):
        return None
    if r.lemma == "accept" and r.trig.noun is None and not r.obj_lemmas() & ACCEPTABLE:
        return None  # "accept criticism", "accepting speaking opportunities"
    return "AGREE"


def request(r: Reading) -> str | None:
    """Requests and demands: an appeal asks for something, a campaign for an office is no request."""
    verb = r.trig.verb
    to_objs = r.pobjs("to")
    if r.lemma == "appeal" and r.trig.noun is None and not (children(verb, "xcomp") or r.has_prep("for", "against")
                                                             or any(p.lower_ == "for" for o in to_objs for p in children(o, "prep"))):
        return None  # "appeal to younger buyers"
    if r.lemma == "campaign" and (any(o.ent_type_ == "PERSON" for o in r.pobjs("for"))
                                  or args.lemmas(r.pobjs("for")) & {"president", "office", "seat", "re-election", "reelection",
                                                                     "job", "post", "nomination", "presidency"}):
        return None
    return "REQUEST"


def reject(r: Reading) -> str | None:
    """Refusals: declining to comment is no event; dismissing a person "as" something is criticism."""
    verb = r.trig.verb
    if verb is not None and any(_nonanswer(x) for x in children(verb, "xcomp")):
        return None
    if args.personal(r.objs):
        return None
    if r.lemma == "dismiss" and args.party(r.objs) and r.has_prep("as"):
        return "ACCUSE"
    if r.lemma == "vote" and (campaign(r.sent) or args.lemmas(r.subj) & ELECTORATE):
        return None  # voters voting against a candidate
    return "REJECT"


INFORMATION = frozenset("list detail information figure name data comment explanation evidence document record".split())


def _nonanswer(verb: Token) -> bool:
    """Declining to comment, confirm or provide details is no refusal event."""
    lemma = verb.lemma_.lower()
    return lemma in NONANSWER or (lemma in ("provide", "give", "release") and bool(args.lemmas(children(verb, "dobj")) & INFORMATION))


def threaten(r: Reading) -> str | None:
    """A warning is a threat when it announces force or a penalty, not a forecast."""
    if r.subj and not args.animate(r.subj) and r.trig.verb is not None:
        return None  # "the crisis threatens the economy"
    if r.lemma != "warn" or r.trig.noun is not None:
        return "THREATEN"
    verb = r.trig.verb
    against = [c for p in children(verb, "prep") if p.lower_ == "against" for c in children(p, "pobj", "pcomp")]
    warned = args.party(r.objs) or args.official(r.objs)
    if any(_hostile(c) for c in [*children(verb, "ccomp", "xcomp"), *against]) or (against and warned):
        return "THREATEN"  # a party warned against doing something is coerced
    if any(_hostile(o) or args.head_lemma(o) in PENALTIES for o in r.pobjs("of")):
        return "THREATEN"
    return None  # a cautionary warning ("warned against placing too much weight on the data")


PRESS = frozenset("reporter journalist press media television radio newspaper broadcaster audience crowd supporter "
                  "gathering conference convention assembly congress rally student graduate".split())
NOT_VISITED = frozenset("store shop website site page blog museum exhibition restaurant cinema theatre theater".split())
PENALTIES = frozenset("action consequence measure penalty reprisal response retaliation retribution sanction step tariff".split())


def _hostile(tok: Token) -> bool:
    """True when a clause or noun names force, a penalty or retaliation."""
    from presslens.analyzers.events.lexicon import load_lexicon

    lex = load_lexicon()
    for t in tok.subtree:
        lemma = t.lemma_.lower()
        entry = lex.verbs.get(lemma, ()) if t.pos_ == "VERB" else ()
        noun = lex.nouns.get(lemma) if t.pos_ == "NOUN" else None
        if any(e.type in lx.HOSTILE for e in entry) or (noun and noun.type in lx.HOSTILE) or lemma in PENALTIES | {"retaliate"}:
            return True
    return False


def mobilize(r: Reading) -> str | None:
    """Military posturing: mobilising voters or resources is no event."""
    if r.lemma in ("mobilize", "mobilise") and r.objs and not args.lemmas(r.objs) & lx.MILITARY_NOUNS:
        return None
    return "MOBILIZE"


def cooperate(r: Reading) -> str | None:
    """Mutual material cooperation: exchanging fire is violence, working with a machine is nothing."""
    if r.lemma == "exchange" and r.obj_lemmas() & {"fire", "gunfire", "shot", "shots", "blow", "blows", "shell"}:
        return "MOBILIZE" if any(_amod(o, {"warning"}) for o in r.objs) else "ASSAULT"
    if r.lemma == "work" and r.has_prep("with") and not args.party(r.pobjs("with")):
        return None
    return "COOPERATE"


RULES: dict[str, Callable[[Reading], str | None]] = {
    "ASSAULT": assault, "RETREAT": retreat, "PROTEST": protest, "CONSULT": consult, "SUPPORT": support,
    "AID": aid, "COERCE": coerce, "CONCEDE": concede, "ACCUSE": accuse, "SANCTION": sanction, "AGREE": agree,
    "REQUEST": request, "REJECT": reject, "THREATEN": threaten, "MOBILIZE": mobilize, "COOPERATE": cooperate,
}


def check(trig: Any, lemma: str, sent: Any) -> str | None:
    """The trigger's type once its arguments are read (None: not an event here)."""
    rule = RULES.get(trig.type)
    return trig.type if rule is None else rule(Reading(trig, lemma, sent))
