"""Cluster a document's mentions into entities.

Order of merges (each a union of mention groups):
1. exact key: countries and blocs by their alias-table key ("US", "America",
   "United States of America" → USA), everything else by label + folded text;
2. people: a shorter name joins the full name it can denote (surname alone,
   given name + surname, one-letter spelling variants; see ``names.py``); when
   several full names fit (two Clintons), the nearest one mentioned before is the
   first candidate, and the name joins it only when the calibrated probability of
   that kind of link (``keep``) is high enough: otherwise it stays apart, marked
   ``detached``, with every candidate listed;
3. acronyms join their expansion (initials of the capitalised words);
4. a one-word organisation ("Embassy") joins the only longer one ending in it
   that was mentioned before it (so a British "Parliament" stays apart from a
   "European Parliament" named later).
A hand-written union-find keeps it linear; scikit-learn's agglomerative
clustering would need a distance matrix and thresholds these rules avoid.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from presslens import resources
from presslens.analyzers.entities.mentions import Mention
from presslens.analyzers.entities.names import core, expands, is_acronym, same_person, words
from presslens.resources.gazetteer import Gazetteer

_MESSY = re.compile(r"\d| and | & |[()]")
_NORP_FORM = re.compile(r"s$|(?<=at)ic$")  # plural; adjective of a noun in -at: democrat-ic
_LEGAL_SUFFIXES = resources.words("entities/legal_suffixes.txt")
_GENERIC_TAILS = resources.words("entities/generic_tails.txt")
_ORGISH = frozenset({"ORG", "FAC", "GPE", "LOC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})


class _Union:
    """Minimal union-find over group indices."""

    def __init__(self, n: int) -> None:
        """Each of ``n`` groups starts in its own set."""
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """Root of ``i`` (with path halving)."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        """Merge the sets of ``a`` and ``b`` (the earlier index stays root)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def exact_key(m: Mention, gaz: Gazetteer) -> str:
    """The key under which identical names group: country key, demonym's country or folded text.

    Same text, same referent, whatever label spaCy gave each mention; "Iraqi" and
    "Iraqis" are one group; "Kessel Homes Ltd." is "Kessel Homes" and the
    "Labour Party" is "Labour".
    """
    if m.label in ("GPE", "LOC", "ORG"):
        country = gaz.country_of_name(m.text)
        if country:
            return f"C:{country}"
    if m.label == "NORP" and gaz.demonym(m.text):
        return f"N:{gaz.demonym(m.text)}"
    if m.label == "NORP" and " " not in m.text.strip():  # "Republican"/"Republicans", "Democrats"/"Democratic"
        return "N:" + _NORP_FORM.sub("", words(m.text)[0])
    w = words(m.text)
    while len(w) > 1 and w[-1].strip(".,") in _LEGAL_SUFFIXES:
        w = w[:-1]
    if m.label == "ORG" and len(w) == 2 and w[-1] in _GENERIC_TAILS:
        w = w[:-1]
    return " ".join(w)


def group_exact(mentions: list[Mention], gaz: Gazetteer) -> list[list[Mention]]:
    """Groups of mentions sharing an exact key, in order of first mention."""
    groups: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        groups.setdefault(exact_key(m, gaz), []).append(m)
    return list(groups.values())


Keep = Callable[[str], bool]
"""Whether a link of this attach kind is sure enough to be made (``confidence``)."""


def _always(kind: str) -> bool:
    """Make every link (no calibration at hand, or fitting one)."""
    return True


def cluster(mentions: list[Mention], gaz: Gazetteer, keep: Keep = _always) -> list[list[Mention]]:
    """Mentions → clusters (lists sorted by offset), ordered by first mention.

    Each mention's ``attach`` says how it joined (exact key, surname, variant, acronym …).
    """
    groups = group_exact(mentions, gaz)
    labels = [label_of(g) for g in groups]
    uf = _Union(len(groups))
    _merge_people(groups, labels, uf, keep)
    _merge_acronyms(groups, labels, uf, keep)
    _merge_heads(groups, labels, uf, keep)
    merged: dict[int, list[Mention]] = {}
    for i, g in enumerate(groups):
        merged.setdefault(uf.find(i), []).extend(g)
    out = [sorted(g, key=lambda m: m.start) for g in merged.values()]
    return sorted(out, key=lambda g: g[0].start)


def label_of(group: list[Mention]) -> str:
    """Majority label of a group (ties: the label of the earliest mention)."""
    return Counter(m.label for m in group).most_common(1)[0][0]


def _surname_key(name: list[str]) -> tuple[str, int]:
    """First letter and length of a name's surname core: only names within two letters of
    length and with the same first letter can be spellings of one surname (``surname_match``)."""
    last = core(name[-1]) if name else ""
    return last[:1], len(last)


def _mark(group: list[Mention], kind: str, candidates: list[Mention] | None = None) -> None:
    """Record on every mention of a group how it joined its cluster."""
    for m in group:
        m.attach = kind
        m.candidates = list(candidates or ())


def _link(groups: list[list[Mention]], uf: _Union, i: int, j: int, kind: str, keep: Keep,
          candidates: list[Mention] | None = None) -> None:
    """Join group ``i`` to group ``j`` when a link of this kind is sure enough; else leave it apart
    with the candidates recorded (a person's bare name left apart is ``detached``: unresolved)."""
    _mark(groups[i], kind, candidates or [groups[j][0]])
    if keep(kind):
        uf.union(i, j)
        return
    for m in groups[i]:
        m.unlinked = True
        m.detached = kind in _PERSON_KINDS


_PERSON_KINDS = frozenset({"ambiguous", "surname", "partial", "variant"})


def _person_kind(short: list[str], target: list[str], rivals: int) -> str:
    """Attach kind of a person link: ambiguous, surname, variant or partial name."""
    if rivals:
        return "ambiguous"
    if short[-1] != target[-1]:
        return "variant"
    return "surname" if len(short) == 1 else "partial"


def _merge_people(groups: list[list[Mention]], labels: list[str], uf: _Union, keep: Keep) -> None:
    """Join each shorter person name to the full name it denotes (nearest before wins).

    Candidates come from blocks of similar surnames, not from every earlier person, so the
    work grows with the people of similar names rather than with the square of everyone.
    """
    people = [i for i, label in enumerate(labels) if label == "PERSON"]
    people.sort(key=lambda i: -len(words(groups[i][0].text)))
    rank = {i: pos for pos, i in enumerate(people)}
    blocks: dict[tuple[str, int], list[int]] = {}
    for i in people:
        blocks.setdefault(_surname_key(words(groups[i][0].text)), []).append(i)
    for pos, i in enumerate(people):
        short = words(groups[i][0].text)
        letter, size = _surname_key(short)
        near = [j for n in range(size - 2, size + 3) for j in blocks.get((letter, n), ()) if rank[j] < pos]
        targets = [j for j in near if j != i and same_person(short, words(groups[j][0].text))]
        targets = [j for j in targets if len(words(groups[j][0].text)) >= len(short)]
        exact = [j for j in targets if words(groups[j][0].text)[-1] == short[-1]]
        targets = exact or targets  # a surname's own family before its spelling variants
        if not targets:
            continue
        first = groups[i][0].start
        before = [j for j in targets if groups[j][0].start < first]
        best = max(before, key=lambda j: groups[j][0].start) if before else min(targets, key=lambda j: groups[j][0].start)
        rivals = _distinct(uf, [j for j in targets if uf.find(j) != uf.find(best)])
        kind = _person_kind(short, words(groups[best][0].text), len(rivals))
        _link(groups, uf, i, best, kind, keep, [groups[best][0], *(groups[j][0] for j in rivals)])


def _distinct(uf: _Union, indices: list[int]) -> list[int]:
    """One group index per distinct cluster, in order."""
    seen: dict[int, int] = {}
    for j in indices:
        seen.setdefault(uf.find(j), j)
    return list(seen.values())


def _merge_acronyms(groups: list[list[Mention]], labels: list[str], uf: _Union, keep: Keep) -> None:
    """Join an acronym group to the one group it abbreviates."""
    names = [(i, groups[i][0].text) for i, label in enumerate(labels) if label in _ORGISH]
    for i, text in names:
        if not is_acronym(text):
            continue
        hits = [j for j, other in names if j != i and expands(text, _strip_the(other))]
        if len({uf.find(j) for j in hits}) == 1:
            _link(groups, uf, i, hits[0], "acronym", keep)


def _merge_heads(groups: list[list[Mention]], labels: list[str], uf: _Union, keep: Keep) -> None:
    """Join a one-word organisation ("Embassy") to the only earlier, longer one ending in it."""
    orgs = [i for i, label in enumerate(labels) if label in ("ORG", "FAC")]
    for i in orgs:
        w = words(groups[i][0].text)
        if len(w) != 1 or is_acronym(groups[i][0].text):
            continue
        first = groups[i][0].start  # anaphora only: "the Iraqi Parliament … Parliament"
        hits = {uf.find(j) for j in orgs if j != i and groups[j][0].start < first and _ends_with(groups[j], w[0])}
        if len(hits) == 1:
            _link(groups, uf, i, hits.pop(), "head", keep)


def _ends_with(group: Iterable[Mention], word: str) -> bool:
    """True when some mention of the group is a longer name ending in ``word``."""
    return any(len(w := words(m.text)) > 1 and w[-1] == word for m in group)


def _strip_the(text: str) -> str:
    """A name without a leading "the"."""
    return text[4:] if text.lower().startswith("the ") else text


def canonical_name(group: list[Mention], gaz: Gazetteer) -> str:
    """The most complete proper form: the longest non-acronym surface form (first wins ties),
    or a country's or bloc's name from the alias table when that is longer."""
    forms = [m.text for m in group]
    if label_of(group) == "NORP":  # "Iraqi" / "Iraqis": the usual form, not the longest
        return " ".join(Counter(forms).most_common(1)[0][0].split())
    full = [f for f in forms if not is_acronym(f)] or forms
    clean = [f for f in full if not _MESSY.search(f)] or full  # not "Clyde 0-5 Celtic", "X and Y"
    best = " ".join(max(clean, key=lambda f: (len(f.split()), len(f), -forms.index(f))).split())
    key = gaz.country_of_name(best)
    official = gaz.canonical.get(key, best) if key else best  # "US", "America" → "United States"
    return official if len(official) > len(best) else best

