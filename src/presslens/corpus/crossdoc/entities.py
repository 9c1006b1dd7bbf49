"""Canonical entities across the corpus: one entity for every document's mentions of it.

Each document's entities (already clustered inside the document: surname, titles, acronyms)
are matched across documents on *name keys*: a folded full name or alias of two words or more,
and its transliteration skeleton (:func:`skeleton`: "Muammar Gaddafi", "Moammar Qaddafi" and
"Muammar al-Kadhafi" meet).  A shared key is never enough: two occurrences are joined only when
their contexts agree —

* they are in one story (:mod:`.stories`) → confidence 0.95;
* places resolved to the same coordinates by the gazetteer → 0.99;
* or they share another entity of their documents (a co-occurring name that is not a country or
  a name found in more than :data:`COMMON_CONTEXT` of the documents) and their titles do not
  disagree (both titled, no title word in common) → 0.6 + 0.1 per shared name (at most 0.9).

So "Jordan Hale" the striker (with "Kessel United") and "Jordan Hale" the judge (with "the
High Court") stay two entities, and so does any pair whose only common ground is the name.  A
one-word name (a surname, a mononym) joins only inside one story.  Occurrences are grouped by
union-find per key; the cost grows with the entities, not their pairs.  Hand-written: no
maintained library resolves entities over this store's structures with these rules.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from presslens.corpus.crossdoc.text import words

COARSE = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "NORP": "NORP"}
COMMON_CONTEXT = 0.05  # a co-occurring name in more than this share of documents says nothing
MIN_COMMON_DOCS = 20  # ... unless the corpus is small
SKELETON = ((r"(kh|gh|q|c(?=[aou])|ck|k|g)", "k"), (r"(dh|th|d|t)", "t"), (r"(ph|f|v)", "f"),
            (r"(sh|ch|tch|j|zh|dj)", "j"), (r"(ou|oo|u|w)", "u"), (r"[aeiy]+", ""), (r"(.)\1+", r"\1"))
PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "abu", "de", "van", "von", "der", "da", "di", "le", "la"})


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One document's entity: its names, type, titles, place, story and the other names around it."""

    document: str
    entity: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    mentions: int = 1
    story: str | None = None
    place: tuple[float, float] | None = None
    context: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class CanonicalEntity:
    """One entity across documents: canonical name, type, aliases, titles, members with confidence."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    titles: tuple[str, ...]
    members: tuple[tuple[str, str, float], ...]  # (document, entity id, confidence)

    @property
    def documents(self) -> int:
        """How many documents name it."""
        return len({d for d, _, _ in self.members})

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases),
                "titles": list(self.titles), "documents": self.documents,
                "members": [{"document": d, "entity": e, "confidence": round(c, 4)} for d, e, c in self.members]}


@dataclass(frozen=True, slots=True)
class Row:
    """One document's entity as read from a store or an analysis (before its context is known)."""

    document: str
    entity: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    mentions: int = 1
    coordinates: tuple[float, float] | None = None


def rows_of(analysis: Any, document: str | None = None) -> list[Row]:
    """The :class:`Row` of every entity of an analysis (``document``: its name if not its id)."""
    doc = document or analysis.document.id
    return [Row(doc, e.id, e.name, e.type, tuple(e.aliases), tuple(e.titles), len(e.mentions),
                (e.geo.lat, e.geo.lon) if e.geo else None) for e in analysis.entities]


def occurrences(rows: Iterable[Row], story: Mapping[str, str]) -> list[Occurrence]:
    """Occurrences of entity rows, each with its document's story and the other names of its document."""
    rows = list(rows)
    names: dict[str, set[str]] = {}
    for r in rows:
        if r.type in COARSE and not is_country(r.name):
            names.setdefault(r.document, set()).add(folded(r.name))
    out = []
    for r in rows:
        own = {folded(f) for f in (r.name, *r.aliases)}
        place = (round(r.coordinates[0], 2), round(r.coordinates[1], 2)) if r.coordinates else None
        out.append(Occurrence(r.document, r.entity, r.name, r.type, r.aliases, r.titles, r.mentions,
                              story.get(r.document), place, frozenset(names.get(r.document, set()) - own)))
    return out


def display_names(occurrences: Iterable[Occurrence]) -> dict[str, str]:
    """Folded name → the form most often written for it (for showing a story's places and people)."""
    counts: dict[str, Counter[str]] = {}
    for occ in occurrences:
        for form in (occ.name, *occ.aliases):
            counts.setdefault(folded(form), Counter())[form] += occ.mentions
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}


@functools.lru_cache(maxsize=4096)
def is_country(name: str) -> bool:
    """True when a name is a country's (pycountry's names, official and common names)."""
    import pycountry

    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


def folded(name: str) -> str:
    """A name's comparison form: folded words joined by spaces."""
    return " ".join(words(name))


def skeleton(name: str) -> str:
    """A transliteration-tolerant key: particles dropped, similar consonants merged, vowels removed."""
    parts = [w for w in re.split(r"[\s'-]+", folded(name)) if w and w not in PARTICLES]
    out = []
    for part in parts:
        for pattern, repl in SKELETON:
            part = re.sub(pattern, repl, part)
        out.append(part)
    return " ".join(out)


def keys(occ: Occurrence) -> set[str]:
    """The name keys an occurrence may be matched on (multi-word names and their skeletons)."""
    out = set()
    coarse = COARSE.get(occ.type, occ.type)
    for form in (occ.name, *occ.aliases):
        key = folded(form)
        if " " in key:
            out.add(f"{coarse}|{key}")
            out.add(f"{coarse}|~{skeleton(form)}")
        elif key and coarse == "PLACE":
            out.add(f"{coarse}|{key}")
    return out


def resolve(occurrences: Sequence[Occurrence]) -> list[CanonicalEntity]:
    """Canonical entities of all occurrences (each occurrence in exactly one)."""
    parent = list(range(len(occurrences)))
    strength = [1.0] * len(occurrences)
    common = _common_context(occurrences)
    for members in _blocks(occurrences).values():
        _link_block(occurrences, members, parent, strength, common)
    _link_single_names(occurrences, parent, strength)
    groups: dict[int, list[int]] = {}
    for i in range(len(occurrences)):
        groups.setdefault(_find(parent, i), []).append(i)
    return sorted((_canonical([occurrences[i] for i in g], [strength[i] for i in g]) for g in groups.values()),
                  key=lambda e: e.id)


def _blocks(occurrences: Sequence[Occurrence]) -> dict[str, list[int]]:
    """Name key → indexes of the occurrences that carry it."""
    blocks: dict[str, list[int]] = {}
    for i, occ in enumerate(occurrences):
        for key in keys(occ):
            blocks.setdefault(key, []).append(i)
    return {k: v for k, v in blocks.items() if len(v) > 1}


def _common_context(occurrences: Sequence[Occurrence]) -> frozenset[str]:
    """Context names too frequent to tell contexts apart."""
    docs = {o.document for o in occurrences}
    per_doc: dict[str, set[str]] = {}
    for o in occurrences:
        per_doc.setdefault(o.document, set()).update(o.context)
    df = Counter(n for names in per_doc.values() for n in names)
    limit = max(COMMON_CONTEXT * len(docs), MIN_COMMON_DOCS)
    return frozenset(n for n, c in df.items() if c > limit)


def _link_block(occs: Sequence[Occurrence], members: list[int], parent: list[int], strength: list[float],
                common: frozenset[str]) -> None:
    """Join the occurrences of one name key whose contexts agree (story, place, shared names)."""
    by_story: dict[str, int] = {}
    by_place: dict[tuple[float, float], int] = {}
    by_context: dict[str, int] = {}
    for i in members:
        occ = occs[i]
        if occ.story is not None:
            _join(parent, strength, by_story.setdefault(occ.story, i), i, 0.95)
        if occ.place is not None:
            _join(parent, strength, by_place.setdefault(occ.place, i), i, 0.99)
        shared: dict[int, int] = {}
        for name in occ.context - common:
            first = by_context.setdefault(name, i)
            if first != i:
                shared[first] = shared.get(first, 0) + 1
        for other, n in shared.items():
            if not _titles_disagree(occs[other], occ):
                _join(parent, strength, other, i, min(0.6 + 0.1 * n, 0.9))


def _titles_disagree(a: Occurrence, b: Occurrence) -> bool:
    """Both carry titles and no title word is common to them."""
    wa = {w for t in a.titles for w in words(t)}
    wb = {w for t in b.titles for w in words(t)}
    return bool(wa) and bool(wb) and not (wa & wb)


def _link_single_names(occs: Sequence[Occurrence], parent: list[int], strength: list[float]) -> None:
    """A one-word person or organisation name joins, inside its story, the entity whose names hold that word."""
    full: dict[tuple[str | None, str, str], int] = {}
    for i, occ in enumerate(occs):
        for form in (occ.name, *occ.aliases):
            key = folded(form)
            if " " in key:
                full.setdefault((occ.story, COARSE.get(occ.type, occ.type), key.rsplit(" ", 1)[1]), i)
                full.setdefault((occ.story, COARSE.get(occ.type, occ.type), key), i)
    for i, occ in enumerate(occs):
        key = folded(occ.name)
        if occ.story is None or " " in key or not key:
            continue
        target = full.get((occ.story, COARSE.get(occ.type, occ.type), key))
        if target is not None:
            _join(parent, strength, target, i, 0.8)


def _find(parent: list[int], x: int) -> int:
    """Union-find root."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _join(parent: list[int], strength: list[float], a: int, b: int, confidence: float) -> None:
    """Join two occurrences; each keeps the strongest confidence it was joined with."""
    if a == b:
        return
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)
    for x in (a, b):
        strength[x] = confidence if strength[x] == 1.0 else max(strength[x], confidence)


def _canonical(members: list[Occurrence], strengths: list[float]) -> CanonicalEntity:
    """The canonical entity of a group: most frequent full name, every alias and title."""
    names = Counter(folded(o.name) for o in members)
    forms = {folded(o.name): o.name for o in members}
    best = max(names, key=lambda k: (names[k], " " in k, len(k), k))
    types = Counter(o.type for o in members)
    aliases = sorted({a for o in members for a in (o.name, *o.aliases)} - {forms[best]})
    titles = sorted({t for o in members for t in o.titles})
    confidence = [1.0 if len(members) == 1 else s for s in strengths]
    rows = tuple(sorted((o.document, o.entity, c) for o, c in zip(members, confidence, strict=True)))
    return CanonicalEntity(f"X{rows[0][0]}.{rows[0][1]}", forms[best], types.most_common(1)[0][0],
                           tuple(aliases), tuple(titles), rows)


def entity_of(entities: Iterable[CanonicalEntity]) -> Mapping[tuple[str, str], str]:
    """(document, entity id) → canonical entity id."""
    return {(d, e): ent.id for ent in entities for d, e, _ in ent.members}
