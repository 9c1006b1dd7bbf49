"""``name_variant``: one name spelt two ways in the same article.

One entity (or two PERSON entities the clusterer kept apart) written with two spellings of the
same name token ("Kadhimi" / "Kadhemi"): Levenshtein distance ≤ 2 (rapidfuzz), relative
similarity ≥ 0.75, never a surname against a full name, an acronym, a possessive or a plural.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from presslens.model.records import Entity, Inconsistency
from presslens.model.span import Span

_NAME_TOKEN = re.compile(r"[A-Z][\w'’-]*\w|[A-Z]")


def _spellings(text: str, entity: Entity) -> dict[str, Span]:
    """The last name token of each mention (the surname slot) → its first span.

    Only the last token: comparing a first name with a surname of one person
    ("David" / "Davis") is not a spelling variant.
    """
    out: dict[str, Span] = {}
    for m in sorted(entity.mentions):
        surface = re.sub(r"['’]s$", "", text[m.start : m.end])
        hits = list(_NAME_TOKEN.finditer(surface))
        if hits and len(hits[-1].group()) >= 4 and not hits[-1].group().isupper():
            hit = hits[-1]
            out.setdefault(hit.group(), Span(m.start + hit.start(), m.start + hit.end()))
    return out


def _variant(a: str, b: str) -> bool:
    """Two spellings of one name: close by edit distance, not a prefix, plural or case change."""
    la, lb = a.lower(), b.lower()
    if la == lb or la.startswith(lb) or lb.startswith(la) or la[0] != lb[0]:
        return False
    if la.rstrip("s") == lb.rstrip("s"):
        return False
    dist = Levenshtein.distance(la, lb)
    return dist <= 2 and Levenshtein.normalized_similarity(la, lb) >= 0.75 and min(len(la), len(lb)) >= 5 - (dist == 1)


def name_variants(text: str, entities: Sequence[Entity]) -> list[Inconsistency]:
    """Name tokens spelt two ways within an entity, or as the surnames of two same-person entities.

    Two people are compared only when their surnames could be variants at all (same first
    letter, lengths within two), so the work grows with the people of similar names, not with
    the square of everyone named.
    """
    out: list[Inconsistency] = []
    seen: set[frozenset[str]] = set()
    named = [e for e in entities if e.type in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")]
    spellings = {e.id: _spellings(text, e) for e in named}
    blocks = _surname_blocks(named)
    for i, e in enumerate(named):
        for f in [e] + [named[j] for j in _look_alikes(e, i, blocks)]:
            for (a, sa), (b, sb) in _candidate_pairs(e, f, spellings):
                key = frozenset((a, b))
                if key in seen or not _variant(a, b):
                    continue
                seen.add(key)
                who = e.name if f is e else f"{e.name} / {f.name}"
                msg = f"{who} is spelt two ways: '{a}' and '{b}'"
                out.append(Inconsistency("name_variant", msg, tuple(sorted((sa, sb)))))
    return out


def _surname_key(e: Entity) -> tuple[str, int]:
    """First letter and length of a person's last name token (what ``_variant`` can match)."""
    last = e.name.split()[-1].lower()
    return last[:1], len(last)


def _surname_blocks(named: list[Entity]) -> dict[tuple[str, int], list[int]]:
    """Positions of the people in ``named`` by surname key."""
    blocks: dict[tuple[str, int], list[int]] = {}
    for i, e in enumerate(named):
        if e.type == "PERSON":
            blocks.setdefault(_surname_key(e), []).append(i)
    return blocks


def _look_alikes(e: Entity, i: int, blocks: dict[tuple[str, int], list[int]]) -> list[int]:
    """Positions after ``i`` of the people whose surname may be a variant of ``e``'s."""
    if e.type != "PERSON":
        return []
    letter, size = _surname_key(e)
    found = [j for n in range(size - 2, size + 3) for j in blocks.get((letter, n), ()) if j > i]
    return sorted(found)


def _candidate_pairs(e: Entity, f: Entity, spellings: dict[str, dict[str, Span]]) -> list[tuple[tuple[str, Span], ...]]:
    """Spelling pairs to compare: any two of one entity; the surnames of two look-alike people."""
    if e is f:
        items = list(spellings[e.id].items())
        return [(x, y) for k, x in enumerate(items) for y in items[k + 1 :]]
    if not _maybe_same_person(e, f):
        return []
    a, b = e.name.split()[-1], f.name.split()[-1]
    if a in spellings[e.id] and b in spellings[f.id]:
        return [((a, spellings[e.id][a]), (b, spellings[f.id][b]))]
    return []


def _maybe_same_person(e: Entity, f: Entity) -> bool:
    """Two PERSON entities the clusterer kept apart whose names differ in one long token.

    Only people: distinct places and organisations are often one letter apart
    (Iran / Iraq, Austria / Australia), people of one article rarely are.
    """
    if e.type != "PERSON" or f.type != "PERSON":
        return False
    ta, tb = e.name.split(), f.name.split()
    if min(len(w) for w in ta + tb) < 2 or max(len(ta[-1]), len(tb[-1])) < 6:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    return len(ta) == len(tb) and sum(x != y for x, y in zip(ta, tb, strict=True)) == 1
