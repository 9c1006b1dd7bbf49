"""Status, negation, governance and mode of triggers.

Status cues follow the FactBank / TimeML modality distinctions (Saurí & Pustejovsky 2009)
reduced to the statuses of DESIGN.md:

* planned: a planning verb ("plans to"), "will", "is due to", a "would" that is not under a
  condition (the future of reported plans), "ahead of" a meeting, a planned/upcoming noun;
* demanded: a deontic modal ("should be hanged", "must withdraw");
* hypothetical: "could/might/may", a condition ("if", "unless", an inverted "Had police …")
  anywhere above the trigger, a yes/no question, a noun of possibility ("the risk of an attack",
  "the potential for being fined");
* denied: a denial verb above the trigger;
* reported: a speech verb above it ("police said …"), "according to", a reporting adverb;
* negated: "not/never/no/nor", a negative implicative above it ("failed to back it", "avoids
  condemning", "escaped charges") or "without" — the event is said not to have happened
  (``negated`` stays true as well, for planned or hypothetical events too).

A complement of a speech-act event ("demanded the withdrawal", "agreed to share") is that
event's content and is absorbed, as CAMEO/PLOVER coders do; a vow to do violence is a threat;
a refusal ("would not accept", "will not recognise") is a REJECT.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from presslens import resources
from presslens.analyzers.events import lexicon as lx
from presslens.analyzers.events.syntax import children, clause_verb, governors
from presslens.analyzers.events.triggers import NOUN_MODES, Trigger

Token = Any
VOW_VERBS = resources.words("events/vow_verbs.txt")
INSTRUMENT = resources.words("events/instrument_prepositions.txt")
NEG_IMPLICATIVE = resources.words("events/negative_implicatives.txt")
HYPO_NOUNS = resources.words("events/hypothetical_nouns.txt")
PLANNED_MODS = resources.words("events/planned_modifiers.txt")
DEONTIC = resources.words("lexicon/modality.tsv", use="deontic")
REPORTING_ADVERBS = resources.words("lexicon/hedges.tsv", use="events")
PLAN_NOUNS = {**dict.fromkeys("proposal plan idea scheme bid offer pledge promise vow".split(), "planned"),
              **dict.fromkeys("call demand request appeal".split(), "demanded")}
CONDITION_MARKS = frozenset(("if", "unless", "whether", "lest"))
OCCURRENCE = frozenset("take happen occur begin start resume go open continue hold come convene".split())
WH_WORDS = frozenset("who whom whose what which why how when where".split())
REFUSABLE = frozenset(("AGREE", "SUPPORT", "CONCEDE"))


@dataclass(slots=True)
class Governance:
    """What governs a trigger: the trigger absorbing or merging it, and status cues above it."""

    absorbed_by: Trigger | None = None
    merged_into: Trigger | None = None
    cue: str | None = None
    negated: bool = False


def _cue_of(tok: Token) -> str | None:
    """The status a governing word lends to its complement, if any."""
    lemma = tok.lemma_.lower()
    if lemma in lx.DENY_VERBS:
        return "denied"
    if lemma in lx.PLAN_VERBS or (lemma == "due" and children(tok, "xcomp")):
        return "planned"
    if lemma in lx.SAY_VERBS or lemma == "accord":
        return "reported"
    if (lemma in HYPO_NOUNS and tok.pos_ == "NOUN") or _conditional_clause(tok):
        return "hypothetical"
    return None


def _conditional_clause(verb: Token) -> bool:
    """An "if/unless/lest/so that" clause, or an inverted conditional auxiliary ("Had police arrested …")."""
    marks = [c for c in verb.children if c.dep_ == "mark"]
    if any(m.lower_ in CONDITION_MARKS for m in marks):
        return True
    if any(m.lower_ == "that" and m.i > 0 and verb.doc[m.i - 1].lower_ == "so" for m in marks) and verb.dep_ == "advcl":
        return True  # a purpose clause: "so that prosecutions were not encouraged"
    subj = children(verb, "nsubj", "nsubjpass")
    return bool(subj) and verb.dep_ in ("advcl", "ROOT") and any(
        a.dep_ in ("aux", "auxpass") and a.lower_ in ("had", "were", "should") and a.i < subj[0].i
        and a.i == verb.sent.start + (1 if verb.sent[0].is_punct else 0) for a in verb.children)


def governance(trig: Trigger, by_token: dict[int, Trigger]) -> Governance:
    """Walk up from a trigger to the first governing trigger, collecting status cues."""
    gov = Governance()
    anchor = trig.anchor
    if trig.verb is None and anchor.dep_ in ("nsubj", "nsubjpass"):
        head = by_token.get(anchor.head.i)
        if head is not None and head.type == trig.type:
            gov.merged_into = head
            return gov
    for steps, (tok, dep) in enumerate(governors(anchor), 1):
        other = by_token.get(tok.i)
        if other is trig:
            continue
        if other is not None:
            _attach(gov, trig, other, dep, steps)
            return gov
        _note(gov, tok, dep, steps)
        if trig.type == "RETREAT" and tok.lemma_.lower() == "announce":
            trig.type = "CONCEDE"  # an announced withdrawal is a verbal concession (DESIGN.md)
    return gov


def _note(gov: Governance, tok: Token, dep: str, steps: int) -> None:
    """Record the status cue of one governing word, and the negative implicature of the word
    right above the trigger ("failed to back", "escaped charges", "without facing")."""
    cue = _cue_of(tok)
    if cue and (gov.cue is None or cue in ("denied", "hypothetical")):
        gov.cue = cue
    implicative = tok.lemma_.lower() in NEG_IMPLICATIVE or (tok.lower_ == "without" and dep in ("pcomp", "pobj"))
    if implicative and (steps == 1 or (steps == 2 and tok.lower_ == "without")):
        gov.negated = not gov.negated


def _attach(gov: Governance, trig: Trigger, other: Trigger, dep: str, steps: int) -> None:
    """Decide whether a governing trigger absorbs or merges this one."""
    close = dep == "advcl" if trig.verb is not None else steps <= 2 and trig.anchor.head.lower_ in INSTRUMENT
    if other.type == trig.type and close:
        gov.merged_into = other
    elif other.type == "PROTEST" and trig.type in ("REQUEST", "ACCUSE", "REJECT") and dep in ("advcl", "xcomp", "conj"):
        gov.absorbed_by = other  # "marched … demanding a ceasefire": the demand is the protest's
    elif other.type in lx.ABSORBING and (dep not in ("advcl", "relcl", "parataxis") or _conditional(trig)):
        if other.type == "CONSULT" and dep in ("xcomp", "ccomp"):
            return
        gov.absorbed_by = other


def _conditional(trig: Trigger) -> bool:
    """True when the trigger's clause is an "if/unless" condition ("warned of action if they stayed")."""
    verb = trig.verb if trig.verb is not None else clause_verb(trig.noun)
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


def refusal(trig: Trigger, negated: bool) -> bool:
    """"Would not accept", "will not recognise" is a refusal (CAMEO 12): retypes the trigger REJECT."""
    if not negated or trig.type not in REFUSABLE or trig.verb is None or trig.verb.pos_ != "VERB":
        return False
    auxes = {c.lower_ for c in trig.verb.children if c.dep_ == "aux"}
    if trig.type == "AGREE" or auxes & {"will", "would", "wo", "can", "ca", "could", "'ll"}:
        trig.type, trig.refused = "REJECT", True
        return True
    return False


def vow_to_threat(gov_trig: Trigger, trig: Trigger, negated: bool) -> None:
    """A vow or pledge to do violence is a THREATEN event (CAMEO 13 vs 03)."""
    verb = gov_trig.verb
    vow = gov_trig.type == "AGREE" and verb is not None and verb.lemma_.lower() in VOW_VERBS
    if vow and trig.type in lx.HOSTILE and not negated:
        gov_trig.type = "THREATEN"


def is_negated(trig: Trigger) -> bool:
    """True when the trigger's verb carries "not/never/nor" before it (or its subject "no"), or
    its noun "no" ("no talks"), or the noun is the subject of a negated occurrence ("the talks
    did not take place")."""
    if trig.verb is not None:
        verb = trig.verb
        if any(c.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ == "no" for d in c.children) for c in verb.children):
            return True  # "no shots were fired"
        if any(t.lower_ == "longer" and t.i > 0 and t.doc[t.i - 1].lower_ == "no" for t in verb.doc[max(verb.i - 3, 0):verb.i]):
            return True  # "no longer accepting"
        return any((c.dep_ == "neg" or c.lower_ in ("never", "nor", "neither")) and c.i < verb.i for c in verb.children)
    noun = trig.noun
    if noun is not None and any(c.lower_ == "no" and c.dep_ == "det" for c in noun.children):
        return True
    return (noun is not None and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in OCCURRENCE
            and any(c.dep_ == "neg" for c in noun.head.children))


def own_status(trig: Trigger) -> str | None:
    """Status from the trigger's own clause: modals, "will", "if", questions, planned nouns."""
    if trig.verb is None:
        return _nominal_status(trig.noun)
    verb = trig.verb
    if _question(verb):
        return "hypothetical"
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if trig.refused:  # "will not accept": the refusal is made now
        auxes -= lx.PLAN_AUX | {"would", "could", "can", "ca"}
    if verb.dep_ in ("xcomp", "oprd"):  # "must be forced to leave", "could find themselves prosecuted"
        auxes |= {c.lower_ for c in verb.head.children if c.dep_ == "aux"} & (lx.HYPO_AUX | lx.PLAN_AUX)
        if verb.head.pos_ == "ADJ" and verb.head.lower_ not in ("due",):
            return "hypothetical"  # "ready to deploy", "able to strike": a capacity, not an act
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
        return "planned"
    if trig.noun is not None and verb.lemma_.lower() in lx.PLAN_VERBS:
        return "planned"
    return _modal_status(verb, auxes)


def _modal_status(verb: Token, auxes: set[str]) -> str | None:
    """The status a clause's auxiliaries give: condition, deontic, would, could, will."""
    if _conditional_clause(verb):
        return "hypothetical"
    if auxes & DEONTIC and "have" not in auxes:
        return "demanded"
    if auxes & {"would", "'d"}:
        conditional = "have" in auxes or any(t.lower_ in CONDITION_MARKS for t in verb.sent)
        return "hypothetical" if conditional else "planned"
    if auxes & lx.HYPO_AUX:
        return "hypothetical"
    if auxes & lx.PLAN_AUX:
        return "planned"
    if verb.dep_ == "acl" and "to" in auxes and verb.head.lemma_.lower() in EFFORTS:
        return None  # "mounted a campaign to condemn him": the campaign is the condemning
    if verb.dep_ in ("advcl", "acl") and "to" in auxes:
        return "planned"
    return None


EFFORTS = frozenset("campaign effort drive push bid attempt crusade offensive".split())


def _question(verb: Token) -> str | None:
    """A yes/no question about the event is hypothetical (a wh-question presupposes it)."""
    sent = verb.sent
    last = [t for t in sent if not t.is_space]
    if not last or last[-1].text != "?" or sent[0].lower_ in WH_WORDS:
        return None
    return "hypothetical" if verb.dep_ in ("ROOT", "conj", "xcomp", "ccomp") else None


def _nominal_status(noun: Token) -> str | None:
    """A noun event: planned by its modifier or "ahead of"; else the modality of its clause when it
    is what the clause brings about ("will hold talks"), not when it is presupposed ("Will the
    investigations ever stop?") or a circumstance ("after last year's attacks")."""
    if any(c.dep_ in ("amod", "compound") and c.lower_ in PLANNED_MODS for c in noun.children):
        return "planned"
    while noun.dep_ == "conj" and noun.head is not noun:  # "after Brexit and Trump's threats"
        noun = noun.head
    prep = noun.head if noun.dep_ == "pobj" else None
    verb = clause_verb(noun)
    if prep is not None and prep.lower_ == "of" and prep.head.lower_ == "ahead":
        return None if verb.tag_ in ("VBD", "VBN") else "planned"  # past narrative: it has happened since
    if prep is not None and (prep.lower_ in CIRCUMSTANTIAL_REFERENCE or prep.head.pos_ in ("NOUN", "PROPN")):
        return None  # a circumstance, or nested in another noun phrase
    if noun.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() not in OCCURRENCE:
        return None
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.lemma_.lower() in lx.PLAN_VERBS:
        return "planned"
    return _modal_status(verb, auxes)


CIRCUMSTANTIAL_REFERENCE = frozenset("after amid because before despite during following since over".split())


def status_of(trig: Trigger, gov: Governance, sent: Any, negated: bool) -> str:
    """Combine own-clause and governing cues into one status."""
    own = own_status(trig)
    if gov.cue == "denied":
        return "denied"
    if own == "hypothetical" and gov.cue == "reported" and "would" in {c.lower_ for c in trig.anchor.children}:
        own = "planned"
    status = "hypothetical" if gov.cue == "hypothetical" else (own or gov.cue)
    if status is None and (any(t.lower_ == "according" for t in sent) or _reportedly(trig)):
        status = "reported"
    status = status or "happened"
    return "negated" if negated and status in ("happened", "reported") else status


def _reportedly(trig: Trigger) -> bool:
    """A reporting adverb (``lexicon/hedges.tsv``, use events) on the trigger's verb."""
    verb = trig.verb if trig.verb is not None else clause_verb(trig.noun)
    return any(c.lower_ in REPORTING_ADVERBS for c in verb.children)


def mode_of(trig: Trigger) -> str | None:
    """The mode: from the lexicon or trigger noun, else an instrument noun in the clause."""
    if trig.mode:
        return trig.mode
    verb = trig.verb
    if verb is None or trig.type not in ("ASSAULT", "CONSULT"):
        return None
    for prep in children(verb, "prep"):
        if prep.lower_ in ("in", "with", "by"):
            for obj in children(prep, "pobj"):
                word = obj.lower_ if obj.lower_ in NOUN_MODES else next(
                    (c.lower_ for c in obj.children if c.lower_ in NOUN_MODES), None)
                if word:
                    return NOUN_MODES[word]
    return None
