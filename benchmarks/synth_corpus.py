"""Generated analyses for the store benchmark: news-like documents from templates, without spaCy.

Each document has a headline, four template sentences (a dated statement by a titled
person, a quote, an accusation, a reported figure) and a paragraph of filler words drawn
from a Zipf-like distribution, so search terms range from very common to rare.  People are
drawn with a heavy tail too (a few names in thousands of documents, most in a handful).
Entities, mentions, claims, quotes, events and timeline entries point at exact spans.
"""

from __future__ import annotations

import bisect
import itertools
import random

from presslens.model.analysis import Analysis
from presslens.model.document import Document, Published
from presslens.model.records import Attribution, Claim, Entity, Event, Quote, TimelineEntry
from presslens.model.span import Span

COMMON = ("government minister council police union port city health school budget election court report "
          "company market workers strike protest water energy housing transport farmers hospital tax trade "
          "border army river storm fire bridge festival museum league match coach players season").split()
FIRST = ("Mara Tobias Ilse Oren Petra Jonas Alma Henrik Nadia Lukas Greta Emil Sanna Viktor Lena Pavel Iris Tomas "
         "Edda Felix Ruth Anton Maja Karl Selma Bruno Vera Linus Hedda Otto").split()
LAST = ("Quintel Renner Varga Falk Lund Weir Sorel Dahl Brook Ander Holm Kessler Marsh Novak Strand Berg Ivers "
        "Lorne Mattis Okafor Pell Rask Soto Tamm Ueda Voss Wren Yates Zell Ahl Brandt Crane Dorn Eck Frey Gale "
        "Hart Irwin Janik Kade").split()
NAMES = [f"{f} {last}" for last, f in itertools.product(LAST, FIRST)]
ORGS = ["Port Authority", "City Council", "Health Board", "Transport Union", "Farmers League", "Water Company",
        "Housing Trust", "Energy Agency", "Teachers Union", "Harbour Police"]
PLACES = ["Valdora", "Kessel", "Brisk", "Ostermark", "Lindqvist", "Marrow Bay", "Teller Falls", "Quinhaven",
          "Arden", "Bellmoor", "Corvin", "Dunmore", "Elster", "Fenwick", "Garrow", "Holloway"]
TITLES = ["Mayor", "Minister", "Senator", "Governor", "union leader", "spokesperson"]
KINDS = ["factual", "factual", "factual", "opinion", "prediction"]
EVENT_TYPES = ["AGREE", "ACCUSE", "PROTEST", "REQUEST", "SUPPORT", "REJECT"]
_SYL = "ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru ta te ti to tu".split()
WORDS = COMMON + ["".join(p) for p in itertools.islice(itertools.product(_SYL, _SYL, _SYL), 6000)]


_CUM: dict[int, list[float]] = {}


def _zipf(rng: random.Random, n: int) -> int:
    """An index in [0, n) drawn with probability proportional to 1 / (index + 1) (Zipf, s = 1)."""
    if n not in _CUM:
        _CUM[n] = list(itertools.accumulate(1.0 / (k + 1) for k in range(n)))
    return bisect.bisect_left(_CUM[n], rng.random() * _CUM[n][-1])


def zipf_name(rng: random.Random) -> str:
    """A person's name, the first ones far more frequent (the top name is in about 13% of documents)."""
    return NAMES[_zipf(rng, len(NAMES))]


def _find(text: str, part: str, start: int = 0) -> Span:
    """The span of ``part`` in ``text`` at or after ``start``."""
    at = text.index(part, start)
    return Span(at, at + len(part))


def synth_analysis(i: int, rng: random.Random) -> Analysis:
    """The i-th generated document with its analysis."""
    person, other = NAMES[_zipf(rng, len(NAMES))], NAMES[rng.randrange(len(NAMES))]
    org, place, title = rng.choice(ORGS), rng.choice(PLACES), rng.choice(TITLES)
    year, month, day = rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28)
    n = rng.randint(2, 5000)
    s1 = f"{title.capitalize()} {person} of {place} said on {year}-{month:02d}-{day:02d} that the {org} would hire {n} workers."
    s2 = f"\"This is a turning point for {place},\" {person.split()[1]} said."
    s3 = f"The {org} rejected the plan and accused {other} of misleading the public."
    s4 = f"Officials in {place} reported {n * 3} complaints in {year}."
    filler = " ".join(WORDS[_zipf(rng, len(WORDS))] for _ in range(rng.randint(120, 260)))
    text = f"Report {i}: {org} and {place}\n\n{s1} {s2} {s3} {s4}\n\n{filler.capitalize()}."
    doc = Document(text=text, source=f"synthetic/{i}.txt", title=f"Report {i}: {org} and {place}",
                   published=Published(f"{year}-{month:02d}-{day:02d}"))
    sent = [_find(text, s) for s in (s1, s2, s3, s4)]
    surname = person.split()[1]
    ents = (
        Entity("E1", person, "PERSON", (person, surname), (title,), (_find(text, person), _find(text, surname, sent[1].start))),
        Entity("E2", org, "ORG", (org,), (), (_find(text, org), _find(text, org, sent[2].start))),
        Entity("E3", place, "GPE", (place,), (), (_find(text, place), _find(text, place, sent[0].start))),
        Entity("E4", other, "PERSON", (other,), (), (_find(text, other, sent[2].start),)),
    )
    claims = tuple(
        Claim(f"C{k + 1}", sent[k], rng.choice(KINDS), round(rng.random(), 4), ("generated",),
              Attribution("named", "E1", _find(text, "said", sent[k].start)) if k < 2 else Attribution(),
              entities=(("E1", "E2", "E3") if k == 0 else ("E2", "E3")) if k != 2 else ("E2", "E4"))
        for k in range(4)
    )
    quote_text = f"This is a turning point for {place},"
    quotes = (Quote("QT1", _find(text, quote_text), "E1", _find(text, "said", sent[1].start), True,
                    _find(text, surname, sent[1].start)),)
    date = f"{year}-{month:02d}-{day:02d}"
    events = (
        Event("V1", rng.choice(EVENT_TYPES), _find(text, "said", sent[0].start), sent[0], actor=("E1",),
              location="E3", date=date),
        Event("V2", "ACCUSE", _find(text, "accused", sent[2].start), sent[2], actor=("E2",), target=("E4",),
              date=str(year)),
    )
    timeline = (
        TimelineEntry(date, "day", f"statement by {person}", sent[0], event="V1"),
        TimelineEntry(str(year), "year", f"{org} accused {other}", sent[2], event="V2"),
        TimelineEntry(str(year), "year", "complaints reported", sent[3], claim="C4"),
    )
    return Analysis(document=doc, entities=ents, claims=claims, quotes=quotes, events=events, timeline=timeline)
