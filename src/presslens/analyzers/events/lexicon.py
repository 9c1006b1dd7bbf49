"""The PLOVER trigger lexicon: verb and noun entries, light verbs and status cues.

The data lives in ``resources/events/verbs.tsv`` and ``nouns.tsv`` (loaded once
by :func:`load_lexicon`).  The word lists below are closed classes of English
grammar (light verbs, modals, speech and planning verbs), kept in code because
they steer the dependency rules rather than name event types.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from presslens import resources

# Verbs that take their event meaning from their object: "held talks", "imposed a curfew".
LIGHT_VERBS = frozenset(
    "hold carry conduct stage launch impose issue reach express voice grant mount make give take "
    "go resume begin start open put lead organise organize strike seal attend join undertake "
    "perform continue announce declare pass break cut order propose plan schedule state approve place "
    "lodge file register slap travel arrive gather fly head come halt suspend freeze withhold stop end offer".split()
)
# light verbs that undo what their object names: "cut aid" is a sanction, not aid
NEGATIVE_LIGHT = frozenset("cut halt suspend freeze withhold stop end".split())
COMPLAINT_LIGHT = frozenset("lodge file register".split())
QUANTITY_HEADS = frozenset(
    "thousand hundred dozen million number lot tens hundreds thousands dozens tonne ton kilogram "
    "litre barrel shipment consignment batch".split()
)
# what aid consists of (CAMEO 07): "sent a letter" is not aid, "sent food" is
AID_OBJECTS = frozenset(
    "aid assistance support loan fund funding money cash food medicine medication supply supplies weapon "
    "arm equipment shelter vaccine dose relief help training ammunition tent blanket water fuel grant "
    "doctor nurse rescuer expert asylum package ration parcel drug oxygen generator wheat grain rice "
    "flour system missile tank howitzer ammunition armour aircraft jet helicopter troop".split()
)
CIVILIANS = frozenset(
    "student protester demonstrator activist worker farmer fisherman resident villager teacher doctor "
    "nurse driver union crowd supporter citizen".split()
)
WEAPONS = frozenset("missile rocket bomb weapon warhead drone torpedo".split())
EXPLOSIVES = frozenset("bomb device mine shell missile rocket grenade explosive ied".split())
INFO_OBJECTS = frozenset("access website site internet app account platform broadcast channel network".split())
RESTRICTIONS = frozenset(
    "ban sanction curfew restriction blockade embargo siege suspension lockdown emergency control limit "
    "measure boycott moratorium freeze closure tariff travel visa".split()
)
RESTORABLE = frozenset("tie relation access internet service connection aid funding flight link".split())
SHAREABLE = frozenset(
    "intelligence information data evidence technology expertise knowledge detail record experience "
    "resource file satellite".split()
)
ACTOR_TYPES = frozenset(("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"))
HUMANS = frozenset(
    "civilian people protester demonstrator militant rebel insurgent fighter jihadist terrorist soldier "
    "villager resident worker student journalist child woman man pilgrim worshipper refugee migrant "
    "convoy position school hospital mosque church embassy station checkpoint bus car vehicle "
    "plane enemy government authority regime ministry junta court group gang militia faction side "
    "delegation company opposition party union".split()
)
READY_ADJ = frozenset("ready willing prepared eager open".split())
# Verbs whose complement is the event and only colours its status (not events themselves).
PLAN_VERBS = frozenset("propose plan schedule intend prepare aim expect hope seek want".split())
DENY_VERBS = frozenset("deny".split())
SAY_VERBS = frozenset(
    "say tell report state claim announce insist add note confirm reveal write explain "
    "suggest argue assert declare".split()
)
HYPO_AUX = frozenset("would could might may should must".split())
PLAN_AUX = frozenset("will shall 'll wo".split())
# Types whose complement is content, not a second event ("demanded the withdrawal").
ABSORBING = frozenset(
    "AGREE REQUEST REJECT THREATEN ACCUSE SUPPORT CONCEDE CONSULT".split()
)
HOSTILE = frozenset("ASSAULT COERCE SANCTION THREATEN MOBILIZE".split())
MILITARY_NOUNS = frozenset(
    "troop soldier force army navy warship ship tank jet aircraft carrier reservist police "
    "policeman officer marine battalion brigade unit division fighter bomber submarine frigate "
    "destroyer warplane gunboat vessel paratrooper commando".split()
)
PERSON_NOUNS = frozenset(
    "president minister leader delegation envoy ambassador king queen prince premier chancellor "
    "secretary official diplomat governor mayor counterpart pope senator".split()
)
PLACE_NOUNS = frozenset(
    "town city country village base area region province capital territory border island "
    "district camp valley zone synagogue mosque church temple school hospital embassy station market "
    "building house home office shop checkpoint bridge airport port harbour plant facility compound "
    "headquarters barracks prison courthouse outpost garrison patrol convoy ship vessel tanker "
    "pipeline road highway neighbourhood street square".split()
)
ASSAULT_STRIKE = frozenset("drone air missile military rocket nuclear us israeli pre-emptive".split())
PROTEST_STRIKE = frozenset("hunger general national labour labor teacher worker".split())


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
