"""What a document brings to story grouping: dates, places, people, figures and words, from its analysis.

A :class:`Profile` is read from an :class:`~presslens.model.analysis.Analysis` (the stored one
in a corpus, a fresh one in the evals): the publication date, every day-precise date the text
resolves, place and organisation names (folded, aliases included), people's full names and
surnames, figures with what they count ("4 people"), the PLOVER types of its events, and its
content words.  Names are folded (case, accents) so "Zoë Park" and "ZOE PARK" meet.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from presslens.corpus.crossdoc.text import fold, words
from presslens.model.analysis import Analysis

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
YEAR = re.compile(r"^(\d{4})(?:$|-)")
STOP = frozenset("""a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours ourselves out over own same she should so some such than that
the their theirs them themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves said says say told
according one two three new year years day days week weeks time people also would could may might must last
first news report reported reports monday tuesday wednesday thursday friday saturday sunday""".split())


@dataclass(frozen=True, slots=True)
class Profile:
    """The story-grouping features of one document."""

    id: str
    published: dt.date | None = None
    dates: frozenset[dt.date] = frozenset()
    years: frozenset[int] = frozenset()  # every year a date of the text names (publication year included)
    places: frozenset[str] = frozenset()
    orgs: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()  # full names (two words or more)
    surnames: frozenset[str] = frozenset()
    figures: frozenset[str] = frozenset()
    lead: str | None = None  # surname of the person named most often (who the story is about)
    event_types: frozenset[str] = frozenset()
    terms: Counter[str] = field(default_factory=Counter)

    @property
    def latest_year(self) -> int | None:
        """The latest year the document names: the year it was most likely written (None when it names none)."""
        return max(self.years) if self.years else None

    @property
    def when(self) -> dt.date | None:
        """The date the story most likely happened: the publication date, else the earliest date named."""
        return self.published or (min(self.dates) if self.dates else None)


def day(value: str | None) -> dt.date | None:
    """A ``YYYY-MM-DD…`` value as a date (None when not day-precise or invalid)."""
    match = DAY.match(value or "")
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


MAX_TERMS = 60  # content words kept per document (the highest tf-idf), so 100,000 profiles fit in memory


def content_words(text: str) -> list[str]:
    """The words of a text that can tell stories apart (no stop words, numbers or short words)."""
    return [w for w in words(text) if len(w) > 2 and w not in STOP and not w[0].isdigit()]


def prune(p: Profile, df: Mapping[str, int], n: int) -> Profile:
    """The profile keeping its :data:`MAX_TERMS` highest tf-idf words (document frequencies ``df`` over ``n``)."""
    if len(p.terms) <= MAX_TERMS:
        return p
    def weight(t: str) -> float:
        return (1 + math.log(p.terms[t])) * math.log((n + 1) / (df.get(t, 0) + 1))
    kept = sorted(p.terms, key=lambda t: (-weight(t), t))[:MAX_TERMS]
    return replace(p, terms=Counter({t: p.terms[t] for t in kept}))


def profile(analysis: Analysis, id: str | None = None) -> Profile:
    """The profile of one analysed document (``id``: a name other than its content hash)."""
    doc = analysis.document
    names: dict[str, set[str]] = {"place": set(), "org": set(), "person": set(), "surname": set()}
    for ent in analysis.entities:
        _add_names(names, ent.type, (ent.name, *ent.aliases))
    dates = {d for t in analysis.timexes if t.type == "DATE" and (d := day(t.value)) is not None}
    years = {int(m[1]) for t in analysis.timexes if t.type == "DATE" and (m := YEAR.match(t.value or ""))}
    published = day(doc.published.value)
    return Profile(
        id=id or doc.id, published=published, dates=frozenset(dates),
        years=frozenset(years | ({published.year} if published else set())),
        places=frozenset(names["place"]), orgs=frozenset(names["org"]), people=frozenset(names["person"]),
        surnames=frozenset(names["surname"]), figures=frozenset(_figures(analysis)),
        event_types=frozenset(e.type for e in analysis.events if e.status != "hypothetical"),
        terms=Counter(content_words(doc.text)), lead=_lead(analysis),
    )


def _lead(analysis: Analysis) -> str | None:
    """Folded surname of the person the text names most often (None without a person named twice or more).

    Ties go to the person named first, so the choice does not depend on the order of the entities.
    """
    best: tuple[int, int, str] | None = None
    for ent in analysis.entities:
        key = words(ent.name)
        if ent.type != "PERSON" or not key or len(ent.mentions) < 2:
            continue
        rank = (-len(ent.mentions), min(m.start for m in ent.mentions), key[-1])
        best = rank if best is None or rank < best else best
    return best[2] if best else None


def _add_names(names: dict[str, set[str]], etype: str, forms: tuple[str, ...]) -> None:
    """File an entity's folded name and aliases under place, org or person (with surnames)."""
    for form in forms:
        key = " ".join(words(form))
        if not key:
            continue
        if etype in PLACE_TYPES:
            names["place"].add(key)
        elif etype == "ORG":
            names["org"].add(key)
        elif etype == "PERSON" and " " in key:
            names["person"].add(key)
            names["surname"].add(key.rsplit(" ", 1)[1])


def _figures(analysis: Analysis) -> set[str]:
    """Figures with what they count ("4 people"), folded; bare numbers are too common to tell stories apart."""
    out = set()
    for q in analysis.quantities:
        counted = words(q.counts or q.unit or "")
        if counted:
            out.add(f"{q.value:g} {counted[-1]}")
    return out


def folded(name: str) -> str:
    """A name's comparison key."""
    return fold(" ".join(words(name)))
