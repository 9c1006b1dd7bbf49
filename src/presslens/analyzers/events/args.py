"""What an event's arguments are: people, forces, places, captives, abstractions.

Word-class tests on argument tokens that the trigger rules (``triggers``) and the sense checks
(``senses``) share.  A token is read through its head lemma ("thousands of troops" → troop) and
its named-entity type; the classes are hand-written lists in ``resources/events/``.
"""

from __future__ import annotations

from typing import Any

from presslens import resources
from presslens.analyzers.events import lexicon as lx
from presslens.analyzers.events.syntax import children, is_passive

Token = Any
OFFICIAL = resources.words("events/official_nouns.txt")
CAPTIVES = resources.words("events/captives.txt")
NATURAL = resources.words("events/natural_causes.txt")
ABSTRACT = resources.words("events/abstract_targets.txt")
CRITICISABLE = resources.words("events/criticisable.txt")
PERSONAL = resources.words("events/personal_relations.txt")
NON_AGENTS = resources.words("events/non_agents.txt")
PEOPLE_NOUNS = resources.words("events/people_nouns.txt")
PEOPLE_ENTS = frozenset(("PERSON", "NORP"))
PRONOUN_PEOPLE = frozenset("he she they we i you him her them us me who whom".split())


def core(tok: Token) -> Token:
    """The token that names what a noun phrase counts ("thousands of Israelis" → Israelis)."""
    if tok.lemma_.lower() in lx.QUANTITY_HEADS or tok.lower_ in lx.QUANTITY_HEADS:
        for prep in children(tok, "prep"):
            if prep.lower_ == "of":
                objs = children(prep, "pobj")
                return objs[0] if objs else tok
    return tok


def head_lemma(tok: Token) -> str:
    """The lemma of a noun, looking through quantity heads ("thousands of troops" → troop)."""
    return core(tok).lemma_.lower()


def forms(tok: Token) -> set[str]:
    """Lemma, lower-cased form and a naive singular of a token (the lemmatizer keeps "Rockets")."""
    low = tok.lower_
    out = {tok.lemma_.lower(), low}
    if low.endswith("s") and len(low) > 3:
        out.add(low[:-1])
    return out


def lemmas(toks: list[Token]) -> set[str]:
    """Head lemmas and forms of some tokens, looking through quantity heads."""
    return {f for t in toks for f in forms(core(t))} | {t.lower_ for t in toks}


def party(toks: list[Token]) -> bool:
    """True when some token names a person, group, state or force ("met the envoy", "fought ISIS")."""
    return any(c.ent_type_ in lx.ACTOR_TYPES or c.pos_ == "PROPN" or c.lemma_.lower() in lx.PERSON_NOUNS | lx.HUMANS | lx.MILITARY_NOUNS
               for c in map(core, toks))


def people(toks: list[Token]) -> bool:
    """True when some token names people (a person, civilians, prisoners, a crew), not things."""
    return any((c.ent_type_ in PEOPLE_ENTS and c.pos_ in ("PROPN", "ADJ")) or c.lower_ in PRONOUN_PEOPLE
               or c.lemma_.lower() in lx.PERSON_NOUNS | PEOPLE_NOUNS | lx.CIVILIANS | CAPTIVES
               for c in map(core, toks))


def captive(toks: list[Token]) -> bool:
    """True for what a RETREAT can release or hand back: people held, seized property, territory."""
    return people(toks) or any(_seized(t) or head_lemma(t) in CAPTIVES or t.ent_type_ in ("GPE", "LOC")
                               for t in toks)


def _seized(tok: Token) -> bool:
    """A noun modified by seized / captured / confiscated / occupied."""
    return any(c.dep_ == "amod" and c.lemma_.lower() in ("seize", "capture", "confiscate", "occupy", "detain", "jail",
                                                         "seized", "captured", "confiscated", "occupied", "detained")
               for c in tok.children)


def foe(toks: list[Token]) -> bool:
    """True when violence could be aimed at these: people, groups, places, forces, vehicles."""
    return (party(toks) or people(toks) or any(place_noun(t) for t in toks)) and not abstract_or_policy(toks)


def abstract(toks: list[Token]) -> bool:
    """True when every token is an abstraction ("the problem", "inflation", "the bill")."""
    return bool(toks) and all(head_lemma(t) in ABSTRACT and t.ent_type_ == "" for t in toks)


def criticisable(toks: list[Token]) -> bool:
    """True when every token is a policy, plan or decision ("the budget plans", "the ruling")."""
    return bool(toks) and all(head_lemma(t) in CRITICISABLE and t.ent_type_ == "" for t in toks)


def abstract_or_policy(toks: list[Token]) -> bool:
    """True when no token can be physically attacked (abstractions, policies)."""
    return bool(toks) and all((head_lemma(t) in ABSTRACT | CRITICISABLE) and t.ent_type_ == "" for t in toks)


def personal(toks: list[Token]) -> bool:
    """True when some token is a private relation ("his wife", "her parents", "God"), also as the
    title of a name ("his future wife Glenys")."""
    near = [c for t in toks for c in t.children if c.dep_ in ("compound", "appos")]
    return any(head_lemma(t) in PERSONAL or t.lower_ in PERSONAL for t in [*toks, *near])


def natural(toks: list[Token]) -> bool:
    """True when a subject is a natural cause or an accident ("the storm", "the virus"), not
    weapons fire ("artillery fire", "sniper fire")."""
    armed = {"artillery", "gun", "sniper", "mortar", "rocket", "tank", "machine-gun", "enemy", "hostile", "small-arms"}
    return any((head_lemma(t) in NATURAL or t.lower_ in NATURAL)
               and not any(c.lower_ in armed for c in t.children) for t in toks)


def place_noun(tok: Token) -> bool:
    """A place noun by lemma or by plural form: the lemmatizer reads "bases" as "basis"."""
    low = tok.lower_
    return head_lemma(tok) in lx.PLACE_NOUNS or low in lx.PLACE_NOUNS or (
        low.endswith("s") and low[:-1] in lx.PLACE_NOUNS
    )


def official(toks: list[Token]) -> bool:
    """True for a state or its organs as subject ("Seoul protested", "the ministry protested")."""
    return any(t.ent_type_ == "GPE" or head_lemma(t) in OFFICIAL for t in toks)


def animate(toks: list[Token]) -> bool:
    """True for a subject that can act: a party, a personal pronoun, or any noun that is not a
    market, price or abstraction ("dockworkers", "the army chief"; not "stocks", "it", "which")."""
    if party(toks) or any(t.lower_ in PRONOUN_PEOPLE for t in toks):
        return True
    return any(c.pos_ == "NOUN" and c.lemma_.lower() not in NON_AGENTS | ABSTRACT | NATURAL for c in map(core, toks))


def preps(verb: Token) -> set[str]:
    """The prepositions attached to a verb."""
    return {c.lower_ for c in verb.children if c.dep_ == "prep"}


def pobj_lemmas(verb: Token) -> set[str]:
    """Lemmas of the verb's prepositional objects."""
    return {o.lemma_.lower() for p in children(verb, "prep") for o in children(p, "pobj")}


def condition_objects(verb: Token) -> list[Token]:
    """Objects (or the passive subject) used by lexicon conditions."""
    return children(verb, "dobj", "nsubjpass") if is_passive(verb) else children(verb, "dobj")
