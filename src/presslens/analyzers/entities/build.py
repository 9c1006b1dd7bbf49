"""From clusters to ``Entity`` records: repeats, type, country, geo, titles.

Country rules: a country/bloc name or code is its own country; a city gets the
country of its gazetteer entry; a demonym (NORP "Iraqi") links to its country;
a national body ("Iraqi Parliament", "the US Embassy") gets the country named
by its first word, i.e. the sending state for an embassy, never its location,
or by a possessive ("Iran's Quds Force"); a person gets the country their role
names ("US Ambassador", "Israeli PM"), which the events layer needs for
``actor_country``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from presslens.analyzers.entities.cluster import canonical_name, label_of
from presslens.analyzers.entities.confidence import Calibration
from presslens.analyzers.entities.lexicon import Lexicon
from presslens.analyzers.entities.mentions import Mention, TokenIndex
from presslens.analyzers.entities.names import initials, is_acronym
from presslens.model.records import Entity, EntityCandidate, Geo
from presslens.model.span import Span
from presslens.resources.gazetteer import Gazetteer, name_key

_PLACES = frozenset({"GPE", "LOC", "FAC"})
_BODIES = frozenset({"ORG", "FAC", "NORP", "EVENT", "LAW"})
_LEGAL = re.compile(r",? (?:Ltd|Inc|plc|PLC|LLC|Corp|Co|SA|AG|GmbH)\.?$")
_POSSESSIVE = re.compile(r"['’]s?\b")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][\w'-]*")
_WORD_CHAR = re.compile(r"\w")


def search_terms(clusters: list[list[Mention]], text: str, lex: Lexicon) -> dict[str, int]:
    """Surface forms worth searching for elsewhere → cluster index (forms two clusters share: none)."""
    owners: dict[str, set[int]] = {}
    lowered = set(_LOWER_WORD.findall(text))
    for idx, group in enumerate(clusters):
        forms = {m.text for m in group}
        if label_of(group) == "PERSON":
            forms |= {m.text.split()[-1] for m in group if len(m.text.split()) > 1}
        forms |= {_LEGAL.sub("", f) for f in forms}  # "Harrow Builders" of "Harrow Builders Ltd."
        if label_of(group) == "ORG":
            forms |= _acronyms(forms)  # "S.E.C." after "Securities and Exchange Commission"
        for form in forms:
            if _searchable(form, lowered, lex):
                owners.setdefault(form, set()).add(idx)
    return {form: idx.pop() for form, idx in owners.items() if len(idx) == 1}  # "Thomas": which one?


def _acronyms(forms: set[str]) -> set[str]:
    """Initials of an organisation's multi-word names (3+ letters, bare and dotted): "SEC", "S.E.C."."""
    out: set[str] = set()
    for form in forms:
        if len(form.split()) > 1 and not is_acronym(form):
            letters = initials(form)[0]
            if len(letters) >= 3:
                out |= {letters, "".join(f"{c}." for c in letters)}
    return out


def _searchable(form: str, lowered: set[str], lex: Lexicon) -> bool:
    """A form safe to search verbatim: capitalised, not a common word or title."""
    if len(form) < 3 and not is_acronym(form):
        return False
    if not form[:1].isupper() or form.lower() in lex.not_entities or lex.is_prefix_word(form):
        return False
    return " " in form or form.lower() not in lowered


def add_repeats(clusters: list[list[Mention]], index: TokenIndex, lex: Lexicon) -> None:
    """Add verbatim repeats of known names that NER missed (token-aligned, non-overlapping)."""
    terms = search_terms(clusters, index.text, lex)
    if not terms:
        return
    taken = sorted((m.start, m.end) for g in clusters for m in g)
    for start, end, term in find_terms(index.text, terms):
        bounds = index.tokens(start, end)
        if bounds is None or _overlaps(taken, start, end):
            continue
        group = clusters[terms[term]]
        group.append(Mention(start, end, label_of(group), term, *bounds, origin="repeat", attach="repeat"))
    for group in clusters:
        group.sort(key=lambda m: m.start)


def find_terms(text: str, terms: Iterable[str]) -> list[tuple[int, int, str]]:
    """Whole-word occurrences of literal terms, leftmost first, the longest at each start.

    The same matches as ``re.finditer`` of the alternation ``(?<![\\w-])(?:t1|t2|…)(?![\\w])``
    with the terms longest first (non-overlapping, scanning resumes after each match), found
    with ``str.find`` instead of compiling a new regex for every document.
    """
    found: dict[int, tuple[int, str]] = {}
    for term in terms:
        if not term:
            raise ValueError("empty search term")
        at = text.find(term)
        while at >= 0:
            end = at + len(term)
            if not _word_or_hyphen_before(text, at) and not _word_at(text, end) and end > found.get(at, (0, ""))[0]:
                found[at] = (end, term)
            at = text.find(term, at + 1)
    out: list[tuple[int, int, str]] = []
    for start in sorted(found):
        if not out or start >= out[-1][1]:
            out.append((start, *found[start]))
    return out


def _word_at(text: str, i: int) -> bool:
    """A regex word character (``\\w``) at ``text[i]``."""
    return i < len(text) and _WORD_CHAR.match(text, i) is not None


def _word_or_hyphen_before(text: str, i: int) -> bool:
    """A word character or a hyphen just before ``text[i]``."""
    return i > 0 and (text[i - 1] == "-" or _WORD_CHAR.match(text, i - 1) is not None)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps one of the (sorted) taken intervals."""
    import bisect

    i = bisect.bisect_left(taken, (end, end))
    return any(s < end and start < e for s, e in taken[max(0, i - 3) : i])


def country_of(name: str, aliases: list[str], label: str, gaz: Gazetteer) -> str | None:
    """ISO alpha-3 of a place, demonym or national body, when derivable (blocs: None)."""
    found = _country_key(name, aliases, label, gaz)
    return found if gaz.is_country(found) else None


def _country_key(name: str, aliases: list[str], label: str, gaz: Gazetteer) -> str | None:
    """Country or bloc key named or implied by an entity's names."""
    for form in [name, *aliases]:
        key = gaz.country_of_name(form)
        if key:
            return key
    if label == "NORP":
        return gaz.demonym(name) or gaz.demonym(name.split()[-1])
    if label in _BODIES:
        first = name.split()[0]
        found = gaz.country_of_name(first) or gaz.demonym(first)
        if found:
            return found
        tail = re.search(r"\bof (?:the )?([A-Z][\w.' ]+)$", name)
        return gaz.country_of_name(tail.group(1)) if tail else None
    if label in _PLACES:
        return gaz.regions.get(name_key(name))
    return None


def title_country(titles: Iterable[str], gaz: Gazetteer) -> str | None:
    """The country a person's role names: "US Ambassador", "Iraqi member of Parliament" → alpha-3."""
    for title in titles:
        words = [w.strip(".,;:") for w in _POSSESSIVE.sub("", title).split()]
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i : i + n])
                found = gaz.country_of_name(phrase) or (gaz.demonym(phrase) if n == 1 else None)
                if gaz.is_country(found):
                    return found
    return None


def context_countries(clusters: list[list[Mention]], gaz: Gazetteer) -> set[str]:
    """Countries the document names (also by demonym or region), plus those of its unambiguous cities."""
    found: set[str] = set()
    for group in clusters:
        text, label = group[0].text, label_of(group)
        key = gaz.country_of_name(text) or gaz.regions.get(name_key(text))
        key = key or (gaz.demonym(text) if label == "NORP" else None)
        if key:
            found.add(key)
        elif label in _PLACES:
            cands = {p.country for p in gaz.city_candidates(text) if p.country}
            found |= cands if len(cands) == 1 else set()
    return found


def make_entity(idx: int, group: list[Mention], gaz: Gazetteer, context: set[str]) -> Entity:
    """One Entity record from a cluster."""
    label = label_of(group)
    name = canonical_name(group, gaz)
    aliases = list(dict.fromkeys(" ".join(m.text.split()) for m in group))
    titles = _distinct_titles(t for m in group for t in m.titles)
    geo: Geo | None = None
    country = country_of(name, aliases, label, gaz)
    if label == "PERSON":
        country = title_country(titles, gaz) or next((m.owner for m in group if m.owner), None)
    elif label in ("ORG", "FAC") and country is None:
        country = next((m.owner for m in group if m.owner), None)
    if label in ("GPE", "LOC"):  # the gazetteer has no facilities: "Dome" is no town in Ghana
        geo = _geo(name, aliases, gaz, context)
        country = country or (geo.country if geo else None)
    mentions = tuple(dict.fromkeys(Span(m.start, m.end) for m in group))
    return Entity(f"E{idx}", name, label, tuple(aliases), tuple(titles), mentions, geo, country)


def _distinct_titles(titles: Iterable[str]) -> list[str]:
    """Titles in order, dropping one contained in a longer one ("Ambassador" in "US Ambassador")."""
    by_case = {t.lower(): t for t in reversed(list(titles))}  # first spelling of each wins
    unique = list(by_case.values())[::-1]
    low = [t.lower() for t in unique]
    return [t for t, lt in zip(unique, low, strict=True)
            if not any(lt != other and re.search(rf"\b{re.escape(lt)}\b", other) for other in low)]


def _geo(name: str, aliases: list[str], gaz: Gazetteer, context: set[str]) -> Geo | None:
    """Gazetteer geo of a place from its canonical name or any alias."""
    for form in [name, *aliases]:
        geo = gaz.geo_for(form, context)
        if geo:
            return geo
    return None


def with_confidence(entity: Entity, group: list[Mention], bins: tuple[str, str], calib: Calibration,
                    ids: dict[int, str]) -> Entity:
    """``entity`` with its calibrated confidences, ``uncertain`` flag and candidates.

    ``bins`` are its entity and type bins; ``ids`` maps ``id(mention)`` of each cluster's
    mentions to the entity id, to name the candidates of an unattached mention.
    """
    first: dict[Span, Mention] = {}
    for m in group:
        first.setdefault(Span(m.start, m.end), m)
    members = tuple(round(calib.member_p("exact" if first[span].unlinked else first[span].attach), 4)
                    for span in entity.mentions)
    exists = calib.entity_p(bins[0])
    unlinked = [m for m in group if m.unlinked]
    candidates = _candidates(unlinked[0], calib, ids) if unlinked else ()
    detached = any(m.detached for m in group)
    if detached:
        exists = min(exists, max((c.confidence for c in candidates), default=0.0))
    uncertain = detached or exists < calib.thresholds["entity"]
    from dataclasses import replace

    type_p = calib.type_p(bins[1])
    return replace(entity, confidence=round(exists, 4), type_confidence=round(type_p, 4),
                   mention_confidence=members, uncertain=uncertain, candidates=candidates,
                   type_uncertain=type_p < calib.thresholds["type"])


def _candidates(m: Mention, calib: Calibration, ids: dict[int, str]) -> tuple[EntityCandidate, ...]:
    """The entities an unattached mention may denote: the nearest earlier full name gets the
    calibrated probability of its kind of link, the others share the rest evenly."""
    named = list(dict.fromkeys(ids[id(c)] for c in m.candidates if id(c) in ids))
    if not named:
        return ()
    p = calib.member_p(m.attach)
    rest = (1 - p) / (len(named) - 1) if len(named) > 1 else 0.0
    return tuple(EntityCandidate(e, round(p if n == 0 else rest, 4)) for n, e in enumerate(named))
