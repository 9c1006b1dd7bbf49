"""Name comparison: folding, surname spelling variants, acronyms and initials.

Spelling variants use rapidfuzz's Levenshtein distance on ASCII-folded,
lower-cased names with Arabic-style particles ("al-", "el-") removed, because
transliterated names vary in exactly those ways ("Kadhimi" / "Kadhemi",
"al-Muhandis" / "Al-Muhandis").  The guards (one substituted letter in names of
6+ letters, two edits in names of 10+ with the same ending, same first letter)
keep short or suffixed different names ("Khan" / "Kahn", "Lee" / "Lei",
"Malone" / "Maloney", "Martin" / "Martins") apart.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from presslens import resources
from presslens.resources.gazetteer import fold

_PARTICLE = re.compile(r"^(?:al|el|ul|ad|ar|as|at|an|az|ash)[-‐ ]", re.IGNORECASE)
_STOP = resources.words("lexicon/function_words.tsv", use="initials")
_DOUBLE = re.compile(r"(\w)\1")
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,7}$")


def words(text: str) -> list[str]:
    """Folded, lower-cased words of a name ("Abdul-Mahdi" stays one word)."""
    return fold(text).lower().replace("’", "'").split()


def core(word: str) -> str:
    """A surname without leading particle and punctuation: "al-Ghanimi" → "ghanimi"."""
    return _PARTICLE.sub("", word).strip(".,'")


def surname_match(a: str, b: str) -> bool:
    """True when two (folded, lower) surnames are the same name, maybe spelt differently."""
    ca, cb = core(a), core(b)
    if ca == cb:
        return True
    if not ca or not cb or ca[0] != cb[0]:
        return False
    shortest = min(len(ca), len(cb))
    dist = Levenshtein.distance(ca, cb, score_cutoff=2)
    if dist == 1:  # a letter swapped or doubled, never added: "Malone" / "Maloney" are two families
        if _DOUBLE.sub(r"\1", ca) == _DOUBLE.sub(r"\1", cb):
            return shortest >= 5  # "Renner" / "Rener"
        return shortest >= 6 and len(ca) == len(cb)
    return dist == 2 and shortest >= 10 and ca[-2:] == cb[-2:]


def first_names_agree(a: list[str], b: list[str]) -> bool:
    """Given-name words compatible: equal, an initial of the other, or one side absent."""
    if not a or not b:
        return True
    fa, fb = a[0].strip("."), b[0].strip(".")
    if fa == fb:
        return True
    return (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))


def same_person(short: list[str], long: list[str]) -> bool:
    """True when name ``short`` can denote the person named ``long`` (surname, variants)."""
    if not short or not long or len(short) > len(long):
        return False
    if not surname_match(short[-1], long[-1]):
        return False
    if len(short) == 1:
        return True
    return first_names_agree(short[:-1], long[:-1])


def is_acronym(text: str) -> bool:
    """True for "CIA", "U.N.", "ISIS": 2–7 capital letters, optional dots."""
    return bool(_ACRONYM.match(text.replace(" ", "")))


def initials(text: str) -> tuple[str, str]:
    """Initials of a name without and with function words: ("ISIS", "ISOIAS")."""
    parts = [w for w in re.split(r"[\s-]+", text) if w]
    bare = "".join(w[0] for w in parts if w.lower() not in _STOP and w[0].isalpha()).upper()
    full = "".join(w[0] for w in parts if w[0].isalpha()).upper()
    return bare, full


def expands(acronym: str, name: str) -> bool:
    """True when ``name`` is an expansion of ``acronym`` ("CIA" / "Central Intelligence Agency")."""
    letters = acronym.replace(".", "").upper()
    if len(name.split()) < 2:
        return False
    return letters in initials(name)
