"""Sentence-boundary rules the parser must respect (a spaCy component before it).

The rules come from the English "golden rules" of sentence segmentation
(Kevin Dias, pragmatic_segmenter): no break after an honorific, a title or an
initial ("Mr.", "Gen.", "Richard T. Perle", "U.S."), after a number's period
inside a list marker, or before a closing quote; always a break at a paragraph
break.  Setting ``is_sent_start`` before the parser makes the parse itself
follow these boundaries (spaCy's parser never overrides preset values).
"""

from __future__ import annotations

import re
from typing import Any

_ABBREV = frozenset(
    """mr mrs ms dr prof gen sen rep gov lt col sgt capt cpt maj adm cmdr st mt ft jr sr
    no nos vol fig inc ltd co corp bros dept univ est approx vs etc al jan feb mar apr jun
    jul aug sep sept oct nov dec rev hon pres supt insp det messrs mme mlle
    u.s u.k u.n e.g i.e a.m p.m d.c""".split()
)
_MONTH_ABBREV = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_INITIAL = re.compile(r"^[A-Z]\.$|^(?:[A-Za-z]\.){2,}$")
_CLOSERS = frozenset("\"'\u201d\u2019)]\u00bb")
COMPONENT = "presslens_sentences"


def _no_break_after(tok: Any) -> bool:
    text = tok.text
    if _INITIAL.match(text):
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        # "U.S." ends a sentence when the next word is a capitalised function word
        if nxt is not None and len(text) > 2 and nxt.is_title and nxt.is_stop:
            return False
        return True
    low = text.lower().rstrip(".")
    if text.endswith(".") and low in _ABBREV:
        return low not in _MONTH_ABBREV or tok.i + 1 < len(tok.doc) and tok.nbor(1).like_num
    return False


def set_boundaries(doc: Any) -> Any:
    """The component: preset ``is_sent_start`` where the rules are sure."""
    n = len(doc)
    for i, tok in enumerate(doc):
        if i + 1 >= n:
            break
        nxt = doc[i + 1]
        if "\n\n" in tok.text_with_ws or (tok.is_space and "\n" in tok.text and i > 0 and "\n" in doc[i - 1].whitespace_):
            nxt.is_sent_start = True
        elif tok.is_space and "\n\n" in tok.text:
            nxt.is_sent_start = True
        elif _no_break_after(tok) and not nxt.is_space:
            nxt.is_sent_start = False
        elif nxt.text in _CLOSERS and tok.text in {".", "!", "?", "...", "\u2026"}:
            nxt.is_sent_start = False
        elif nxt.is_punct and nxt.text in {",", ";", ":", ")"}:
            nxt.is_sent_start = False
    return doc


def add_sentence_rules(nlp: Any) -> None:
    """Register the component (once) and put it before the parser."""
    from spacy.language import Language

    if COMPONENT not in Language.factories:
        Language.component(COMPONENT)(set_boundaries)
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
