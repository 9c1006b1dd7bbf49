"""Status, negation, governance and mode of triggers.

Status cues follow the FactBank / TimeML modality distinctions reduced to the six
statuses of DESIGN.md: a planning verb or "will" → planned; a denial verb → denied;
"would/could/may", an "if" clause → hypothetical; a speech verb ("said that …") →
reported; a request with a complement → demanded.  A complement of a speech-act
event ("demanded the withdrawal", "agreed to share") is that event's content and
is absorbed, as CAMEO/PLOVER coders do; a vow to do violence is a threat.
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


@dataclass(slots=True)
class Governance:
    """What governs a trigger: the trigger absorbing or merging it, and status cues above it."""

    absorbed_by: Trigger | None = None
    merged_into: Trigger | None = None
    cue: str | None = None


def _cue_of(tok: Token) -> str | None:
    """The status a governing verb lends to its complement, if any."""
    lemma = tok.lemma_.lower()
    if lemma in lx.DENY_VERBS:
        return "denied"
    if lemma in lx.PLAN_VERBS or (lemma == "due" and children(tok, "xcomp")):
        return "planned"
    if lemma in lx.SAY_VERBS or lemma == "accord":
        return "reported"
    return None


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
        cue = _cue_of(tok)
        if cue and (gov.cue is None or cue == "denied"):
            gov.cue = cue
        if trig.type == "RETREAT" and tok.lemma_.lower() == "announce":
            trig.type = "CONCEDE"  # an announced withdrawal is a verbal concession (DESIGN.md)
    return gov


def _attach(gov: Governance, trig: Trigger, other: Trigger, dep: str, steps: int) -> None:
    """Decide whether a governing trigger absorbs or merges this one."""
    close = dep == "advcl" if trig.verb is not None else steps <= 2 and trig.anchor.head.lower_ in INSTRUMENT
    if other.type == trig.type and close:
        gov.merged_into = other
    elif other.type in lx.ABSORBING and (dep not in ("advcl", "relcl", "parataxis") or _conditional(trig)):
        if other.type == "CONSULT" and dep in ("xcomp", "ccomp"):
            return
        gov.absorbed_by = other


def _conditional(trig: Trigger) -> bool:
    """True when the trigger's clause is an "if/unless" condition ("warned of action if they stayed")."""
    verb = trig.verb if trig.verb is not None else clause_verb(trig.noun)
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


def refusal(trig: Trigger, negated: bool) -> bool:
    """"Would not accept" is a refusal (CAMEO 12), not a negated agreement; retypes the trigger."""
    if negated and trig.type == "AGREE" and trig.verb is not None and trig.verb.pos_ == "VERB":
        trig.type = "REJECT"
        return True
    return False


def vow_to_threat(gov_trig: Trigger, trig: Trigger, negated: bool) -> None:
    """A vow or pledge to do violence is a THREATEN event (CAMEO 13 vs 03)."""
    verb = gov_trig.verb
    vow = gov_trig.type == "AGREE" and verb is not None and verb.lemma_.lower() in VOW_VERBS
    if vow and trig.type in lx.HOSTILE and not negated:
        gov_trig.type = "THREATEN"


def is_negated(trig: Trigger) -> bool:
    """True when the trigger's verb carries "not/never" or its noun "no"."""
    if trig.verb is not None:
        return any(c.dep_ == "neg" or c.lower_ == "never" for c in trig.verb.children)
    return trig.noun is not None and any(c.lower_ == "no" and c.dep_ == "det" for c in trig.noun.children)


def own_status(trig: Trigger) -> str | None:
    """Status from the trigger's own clause: modals, "will", "if", purpose infinitives."""
    verb = trig.verb if trig.verb is not None else clause_verb(trig.noun)
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.dep_ == "xcomp":  # "must be forced to leave": the modal of the governing verb
        auxes |= {c.lower_ for c in verb.head.children if c.dep_ == "aux"} & lx.HYPO_AUX
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
        return "planned"
    if trig.noun is not None and verb.lemma_.lower() in lx.PLAN_VERBS:
        return "planned"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return "hypothetical"
    if auxes & lx.HYPO_AUX:
        return "hypothetical"
    if auxes & lx.PLAN_AUX:
        return "planned"
    if verb.dep_ in ("advcl", "acl") and "to" in auxes and trig.verb is not None:
        return "planned"
    return None


def status_of(trig: Trigger, gov: Governance, sent: Any) -> str:
    """Combine own-clause and governing cues into one status."""
    own = own_status(trig)
    if gov.cue == "denied":
        return "denied"
    if own == "hypothetical" and gov.cue == "reported" and "would" in {c.lower_ for c in trig.anchor.children}:
        return "planned"
    status = own or gov.cue
    complement = trig.verb is not None and (children(trig.verb, "xcomp", "ccomp", "dobj", "prep") or trig.noun)
    if status is None and trig.type == "REQUEST" and complement:
        status = "demanded"
    if status is None and any(t.lower_ == "according" for t in sent):
        status = "reported"
    return status or "happened"


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
