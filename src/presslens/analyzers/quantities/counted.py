"""What a quantity counts: the noun it modifies, the object of "of", what money is for."""

from __future__ import annotations

from typing import Any

from presslens import resources

_MEASURES = resources.words("quantities/measure_nouns.txt")


def counted(doc: Any, start: int, end: int) -> str | None:
    """The noun phrase a count modifies: "600,000 Iraqi civilians" → "Iraqi civilians"."""
    last = doc[end - 1]
    head = last.head if last.dep_ in ("nummod", "compound", "quantmod") else None
    if head is not None and head.i >= end and head.pos_ in ("NOUN", "PROPN"):
        mods = [t for t in head.lefts if t.i >= end and t.dep_ in ("compound", "amod", "nmod")]
        first = max(end, min([head.i] + [t.left_edge.i for t in mods]))
        phrase = doc[first : head.i + 1].text
        of = [t for t in head.rights if t.lower_ == "of"]
        if of and head.lower_ in _MEASURES:
            obj = of_object(of[0])
            return f"{phrase} of {obj}" if obj else phrase
        return phrase
    if end < len(doc) and doc[end].lower_ == "of":
        return of_object(doc[end])
    return None


def money_for(doc: Any, end: int) -> str | None:
    """What money is for: "$2 trillion in war-related costs" → "war-related costs"."""
    if end < len(doc) and doc[end].lower_ in ("in", "for", "of", "on") and doc[end].head.i < end:
        return of_object(doc[end])
    return None


def of_object(prep: Any) -> str | None:
    objs = [t for t in prep.rights if t.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    mods = [t for t in obj.lefts if t.dep_ in ("compound", "amod", "nmod", "npadvmod")]
    left = min([obj.i] + [t.left_edge.i for t in mods])
    return str(prep.doc[left : obj.i + 1].text)
