"""Shared dependency-parse helpers: children by label, subjects, speech verbs, "according to".

One copy of the parse readings several layers need (claims, quotes, events, consistency).  The
labels are spaCy's ClearNLP-style scheme of the English models we ship (nsubj, nsubjpass,
agent, pobj, ccomp, xcomp, advcl, conj, relcl, acl).  Tokens are spaCy Tokens (untyped: spaCy
ships no stubs).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

Token = Any
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def children(tok: Token, *deps: str) -> list[Token]:
    """Children of ``tok`` with one of the given dependency labels, in text order."""
    return [c for c in tok.children if c.dep_ in deps]


def with_conjuncts(toks: list[Token]) -> list[Token]:
    """Expand coordinated nominals: "US and France" → [US, France]."""
    out: list[Token] = []
    for tok in toks:
        for t in (tok, *tok.conjuncts):
            nominal = t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or (t.pos_ == "ADJ" and t.ent_type_ in ("NORP", "GPE"))
            if t not in out and nominal:
                out.append(t)
    return out


def object_of(prep: Token) -> Token | None:
    """The object (``pobj``) of a preposition, if the parse gives one."""
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def subject(
    tok: Token,
    deps: Collection[str] = SUBJECTS,
    *,
    agent: bool = False,
    relative_head: bool = False,
    climb: Collection[str] = (),
    steps: int = 0,
    step: Callable[[Token], Token] | None = None,
) -> Token | None:
    """The token naming the subject of ``tok``: its first child with a subject label.

    Args:
        tok: a verb (or any head) token.
        deps: the labels that count as subjects.
        agent: also take the object of a passive's ``agent`` ("said by X"), whichever comes first.
        relative_head: a relative or participial clause's subject is the noun it modifies
            ("Smith, who said …" → Smith).
        climb: labels through which a subject-less token climbs to its head ("…, adding that").
        steps: how many times it may climb.
        step: the head to climb to from a token (default: ``tok.head``).
    """
    for _ in range(steps + 1):
        for child in tok.children:
            if child.dep_ in deps:
                return child
            if agent and child.dep_ == "agent":
                obj = object_of(child)
                if obj is not None:
                    return obj
        if relative_head and tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("PROPN", "NOUN"):
            return tok.head
        if tok.dep_ not in climb or tok.head.i == tok.i:
            return None
        tok = step(tok) if step is not None else tok.head
    return None


def has_subject(tok: Token, deps: Collection[str] = SUBJECTS) -> bool:
    """True when ``tok`` has its own subject child."""
    return any(c.dep_ in deps for c in tok.children)


def is_speech_verb(tok: Token, lemmas: Collection[str]) -> bool:
    """True for a verb (or auxiliary) token whose lemma is one of the speech-cue lemmas."""
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lemmas


def according_to(tok: Token) -> Token | None:
    """The "to" token when ``tok`` is the "according" of "according to", else None."""
    doc = tok.doc
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    return doc[tok.i + 1]
