"""The PLOVER trigger lexicon: verb and noun entries, light verbs and status cues.

The trigger data lives in ``resources/events/verbs.tsv`` and ``nouns.tsv`` (loaded once by
:func:`load_lexicon`); the word classes the dependency rules test (light verbs, aid objects,
military nouns …) in ``resources/events/*.txt``, and the ones other layers share (speech,
planning and modal verbs, place nouns) in ``resources/lexicon/``: each file's header says what
it holds and where its rule comes from.  The PLOVER type sets stay here: they are the
ontology, not vocabulary.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from presslens import resources

# Verbs that take their event meaning from their object: "held talks", "imposed a curfew".
LIGHT_VERBS = resources.words("events/light_verbs.tsv")
# light verbs that undo what their object names: "cut aid" is a sanction, not aid
NEGATIVE_LIGHT = resources.words("events/light_verbs.tsv", where=("kind", "negative"))
COMPLAINT_LIGHT = resources.words("events/light_verbs.tsv", where=("kind", "complaint"))
QUANTITY_HEADS = resources.words("events/quantity_heads.txt")
# what aid consists of (CAMEO 07): "sent a letter" is not aid, "sent food" is
AID_OBJECTS = resources.words("events/aid_objects.txt")
CIVILIANS = resources.words("events/civilians.txt")
WEAPONS = resources.words("events/weapons.txt")
EXPLOSIVES = resources.words("events/explosives.txt")
INFO_OBJECTS = resources.words("events/info_objects.txt")
RESTRICTIONS = resources.words("events/restrictions.txt")
RESTORABLE = resources.words("events/restorable.txt")
SHAREABLE = resources.words("events/shareable.txt")
ACTOR_TYPES = frozenset(("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"))
HUMANS = resources.words("events/humans.txt")
READY_ADJ = resources.words("events/ready_adjectives.txt")
# Verbs whose complement is the event and only colours its status (not events themselves).
PLAN_VERBS = resources.words("lexicon/planning_verbs.tsv", use="events")
DENY_VERBS = resources.words("events/deny_verbs.txt")
SAY_VERBS = resources.words("lexicon/speech_verbs.tsv", use="events")
HYPO_AUX = resources.words("lexicon/modality.tsv", use="hypothetical")
PLAN_AUX = resources.words("lexicon/modality.tsv", use="plan")
# Types whose complement is content, not a second event ("demanded the withdrawal").
ABSORBING = frozenset(
    "AGREE REQUEST REJECT THREATEN ACCUSE SUPPORT CONCEDE CONSULT".split()
)
HOSTILE = frozenset("ASSAULT COERCE SANCTION THREATEN MOBILIZE".split())
MILITARY_NOUNS = resources.words("events/military_nouns.txt")
PERSON_NOUNS = resources.words("events/person_nouns.txt")
PLACE_NOUNS = resources.words("lexicon/place_nouns.tsv", use="events")
ASSAULT_STRIKE = resources.words("events/strike_modifiers.tsv", where=("type", "ASSAULT"))
PROTEST_STRIKE = resources.words("events/strike_modifiers.tsv", where=("type", "PROTEST"))


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon line: event type, optional mode, particle and condition."""

    type: str
    mode: str | None = None
    particle: str | None = None
    condition: str | None = None
    strong: bool = True


@dataclass(frozen=True)
class Lexicon:
    """Verb entries by lemma (several per lemma), noun entries by lemma."""

    verbs: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    nouns: dict[str, Entry] = field(default_factory=dict)


def _cell(row: tuple[str, ...], i: int) -> str | None:
    """The i-th cell of a table row, or None when empty."""
    return row[i] or None


@functools.cache
def load_lexicon() -> Lexicon:
    """Load the verb and noun lexicons (once per process)."""
    verbs: dict[str, list[Entry]] = {}
    for row in resources.table("events/verbs.tsv").rows:
        lemma, _, particle = row[0].partition(" ")
        entry = Entry(row[1], _cell(row, 2), particle or None, _cell(row, 3))
        verbs.setdefault(lemma, []).append(entry)
    nouns = {row[0]: Entry(row[1], _cell(row, 2), None, None, _cell(row, 3) != "light") for row in resources.table("events/nouns.tsv").rows}
    # entries with a particle are tried first: "call for" before "call"
    ordered = {k: tuple(sorted(v, key=lambda e: e.particle is None)) for k, v in verbs.items()}
    return Lexicon(ordered, nouns)
