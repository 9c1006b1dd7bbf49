"""Dependency-parse helpers of the events layer: subjects, objects, phrases and governing chains.

``children`` and ``with_conjuncts`` are the shared ones of ``presslens.nlp.syntax``.

The rules read spaCy's ClearNLP-style labels (nsubj, nsubjpass, agent, dobj,
dative, prep/pobj, xcomp, ccomp, acl, relcl, advcl, conj, appos), the scheme of
the English models we ship; passives and control follow the usual
subject-inheritance rules of dependency-based event coders (PETRARCH-2 style).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from presslens import resources
from presslens.nlp.syntax import children, with_conjuncts

Token = Any  # spaCy Token (kept untyped: spaCy ships no stubs)

SUBJ = frozenset(("nsubj", "csubj"))
OBJ = frozenset(("dobj", "obj"))
# complements through which a governing verb "owns" an event ("demanded the withdrawal")
COMPLEMENT = frozenset(("xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr", "oprd", "dative"))
RELATIVE = resources.words("lexicon/pronouns.tsv", use="relative-events")
# circumstantial prepositions: what they introduce is not the content of the verb above
CIRCUMSTANTIAL = resources.words("events/circumstantial_prepositions.txt")


def prep_objects(tok: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    """Objects of ``tok``'s prepositions in ``preps``: "met with X" → [X]."""
    found = []
    for prep in children(tok, "prep", "agent", "dative"):
        if prep.lower_ in preps and prep.pos_ == "ADP":
            found.extend(children(prep, "pobj"))
    return with_conjuncts(found)


def is_passive(verb: Token) -> bool:
    """True for a passive clause ("was detained", "were freed by")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _relative_head(verb: Token) -> list[Token]:
    """For a relative clause verb, the noun it modifies when its subject is a relative pronoun."""
    subj = children(verb, "nsubj", "nsubjpass")
    if verb.dep_ == "relcl" and (not subj or subj[0].lower_ in RELATIVE):
        return [verb.head]
    return []


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The grammatical subject(s) of ``verb``, inherited through control and coordination."""
    own = children(verb, *SUBJ)
    if own:
        return [t for t in with_conjuncts(own) if t.lower_ not in RELATIVE] or _relative_head(verb)
    if depth > 4:
        return []
    rel = _relative_head(verb)
    if rel:
        return rel
    head = verb.head
    if verb.dep_ == "xcomp" and not children(head, *SUBJ) and children(head, "nsubjpass"):
        return with_conjuncts(children(head, "nsubjpass"))
    if verb.dep_ in ("xcomp", "conj", "acomp") or (verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN", "VB")):
        return subjects(head, depth + 1) if head is not verb else []
    if verb.dep_ == "acl" and head.dep_ in OBJ:
        return subjects(head.head, depth + 1)
    if verb.dep_ == "acl":
        return [head]
    return []


def objects(verb: Token, share: frozenset[int] = frozenset()) -> list[Token]:
    """Direct objects of ``verb``, shared with a coordinated verb in ``share`` ("attacked and invaded Iraq")."""
    own = children(verb, *OBJ)
    if not own:
        for conj in (*children(verb, "conj"), *([verb.head] if verb.dep_ == "conj" else [])):
            own = children(conj, *OBJ) if conj.i in share else []
            if own:
                break
    return with_conjuncts(own)


def phrase(tok: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``tok`` (modifiers and "of" phrase)."""
    left = tok.left_edge
    while left.i < tok.i and left.is_punct:
        left = left.nbor()
    end = tok.idx + len(tok.text)
    for prep in children(tok, "prep"):
        if prep.lower_ == "of" and prep.i > tok.i:
            right = prep.right_edge
            end = max(end, right.idx + len(right.text))
    return left.idx, end


def governors(tok: Token) -> Iterator[tuple[Token, str]]:
    """Walk up complement links: yields (ancestor, dependency label it was reached by)."""
    cur = tok
    for _ in range(8):
        dep = cur.dep_
        if cur.head is cur or dep not in COMPLEMENT | {"conj", "advcl", "parataxis", "relcl"}:
            return
        if dep == "conj":
            cur = cur.head
            continue
        if dep == "prep" and cur.lower_ in CIRCUMSTANTIAL:
            return
        yield cur.head, dep
        if dep in ("advcl", "relcl", "parataxis"):
            return
        cur = cur.head


def attachment(tok: Token) -> Token:
    """What a modifier phrase attaches to: the first verb or noun above it, skipping prepositions."""
    cur = tok.head
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX", "NOUN", "PROPN") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def clause_verb(tok: Token) -> Token:
    """The nearest verb governing ``tok`` (the token itself when it is a verb)."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur
