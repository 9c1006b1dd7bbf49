"""Actors and targets of a trigger from the dependency parse.

Verbal triggers: subject → actor, object → target; passives swap ("X was detained
by Y": actor Y, target X); aid goes *to* its recipient; a nominal subject that is
itself an event ("a drone strike killed …") lends its own actors.  Nominal triggers:
possessive, proper-noun compound or nationality adjective → actor ("the US invasion",
"Iran's attack"), "of" → target, or actor for intransitive nouns ("the withdrawal of
foreign troops"), "between X and Y" → both actors.
"""

from __future__ import annotations

from typing import Any

from presslens import resources
from presslens.analyzers.events.syntax import (
    children,
    governors,
    is_passive,
    objects,
    prep_objects,
    subjects,
    with_conjuncts,
)
from presslens.analyzers.events.triggers import Trigger

Token = Any
TARGET_PREPS = resources.words("events/target_prepositions.tsv", use="verb")
REFLEXIVE = resources.words("lexicon/pronouns.tsv", use="reflexive")
REFERRING = resources.words("lexicon/pronouns.tsv", use="referring")
NO_TARGET_PREP = frozenset(("RETREAT", "PROTEST", "MOBILIZE", "REJECT"))
NOUN_TARGET_PREPS = resources.words("events/target_prepositions.tsv", use="noun")
OF_IS_ACTOR = resources.words("events/of_is_actor.txt")


NOT_PARTICIPANT = frozenset(("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"))


def participant(tok: Token) -> bool:
    """False for dates, times and amounts parsed as arguments ("On January 3", "this time")."""
    return (tok.ent_type_ not in NOT_PARTICIPANT and tok.lemma_.lower() not in ("time", "priority")
            and tok.lower_ not in REFLEXIVE)


def verb_roles(trig: Trigger, share: frozenset[int] = frozenset()) -> tuple[list[Token], list[Token]]:
    """Actors and targets of a trigger owned by a verb."""
    verb = trig.verb
    if is_passive(verb):
        actors = prep_objects(verb, {"by"})
        targets = with_conjuncts(children(verb, "nsubjpass"))
    else:
        actors = subjects(verb)
        targets = [t for t in objects(verb, share) if _not(t, trig.noun)]
    if trig.type == "AID":
        recipients = prep_objects(verb, {"to"}) + [d for d in children(verb, "dative") if d.pos_ != "ADP"]
        targets = recipients or targets
    if trig.noun is not None:
        targets = [t for t in targets if _not(t, trig.noun)] or noun_roles(trig.noun)[1] or prep_objects(
            trig.noun, NOUN_TARGET_PREPS)
    if not targets and trig.type not in NO_TARGET_PREP:
        targets = prep_objects(verb, TARGET_PREPS)
    taken = {a.i for a in actors}
    return [a for a in actors if participant(a)], [t for t in targets if t.i not in taken and participant(t)]


def _not(tok: Token, other: Token | None) -> bool:
    """True when ``tok`` is not the token ``other`` (spaCy makes new Token objects per access)."""
    return other is None or tok.i != other.i


def noun_roles(noun: Token) -> tuple[list[Token], list[Token]]:
    """Actors and targets of a nominal trigger ("the assassination of X")."""
    actors = [c for c in noun.children if c.dep_ == "poss"
              or (c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE")))]
    actors = [a for a in with_conjuncts(actors) + prep_objects(noun, {"by", "between"}) if participant(a)]
    of_objs = prep_objects(noun, {"of"})
    targets = prep_objects(noun, NOUN_TARGET_PREPS - {"for"})
    if noun.lemma_.lower() in OF_IS_ACTOR or noun.lower_ in OF_IS_ACTOR:
        actors = actors or of_objs
    else:
        targets = of_objs + targets
    return actors, targets


def _antecedent(pron: Token, anchor: Token) -> Token:
    """A pronoun subject of a complement clause refers to the governing subject ("the army said it …")."""
    for gov, _ in governors(anchor):
        subj = [s for s in subjects(gov) if s.pos_ != "PRON"]
        if subj:
            return subj[0]
    return pron


def _content_targets(targets: list[Token], nominal: dict[int, Any]) -> list[Token]:
    """Replace an event-noun object by that event's targets ("ruled out talks with X" → X)."""
    out: list[Token] = []
    for tok in targets:
        if tok.lower_ in REFLEXIVE:
            continue
        if tok.i in nominal:
            out.extend(nominal[tok.i][1])
        else:
            out.append(tok)
    return out


def roles(trig: Trigger, nominal: dict[int, tuple[list[Token], list[Token]]],
          share: frozenset[int] = frozenset()) -> tuple[list[Token], list[Token]]:
    """Actors and targets of any trigger; event-noun subjects lend their own actors."""
    if trig.verb is None:
        return noun_roles(trig.noun)
    actors, targets = verb_roles(trig, share)
    lent: list[Token] = []
    for actor in actors:
        if actor.i in nominal:
            lent.extend(nominal[actor.i][0])
        elif actor.lower_ in REFERRING:
            lent.append(_antecedent(actor, trig.verb))
        else:
            lent.append(actor)
    return lent, _content_targets(targets, nominal)
