"""An invented long article of any length, for growth tests (written for presslens; no third-party text).

Paragraph templates with people, organisations, places, numbers, dates, quotes, reported speech,
events and loaded wording are filled from small invented name pools, so that longer articles
carry proportionally more distinct names, figures and dates, as long real documents do.
"""

from __future__ import annotations

import itertools

FIRST = ["Marta", "Tomas", "Ilse", "Jonah", "Priya", "Oskar", "Lena", "Rafael", "Nadia", "Callum", "Yusuf", "Greta"]
SYLLABLES = ["Bel", "Cor", "Dan", "Fen", "Gal", "Hol", "Kes", "Lor", "Mar", "Nor", "Pel", "Ros", "Sal", "Tor", "Vel"]
ENDINGS = ["ford", "ley", "ton", "wick", "mere", "stead", "by", "worth", "ham", "dale"]
TOWNS = ["Doverham", "Kestrel Bay", "Norwick", "Port Alder", "Saltmere", "Eastholm", "Brackwater", "Fennick"]
MONTHS = ["January", "February", "March", "April", "June", "July", "September", "October", "November"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

TEMPLATES = [
    ("{first} {last}, the transport minister, said on {day} that {n} dock workers in {town} would strike on "
     "{date} {year} after talks with the {org} Board collapsed."),
    ("\"We will not accept this disgraceful offer,\" union leader {first2} {last2} told reporters in {town}. "
     "{last2} said the board had cut wages by {pct} percent since {year0}."),
    ("According to a statement from the {org} Board, about {n2} workers took part, and police arrested {k} "
     "protesters near the harbour on {day}. {last} denied the claim and accused the union of lying."),
    ("The {org} Board signed an agreement with the {org2} Company in {month} {year}, two weeks after the "
     "strike began. Critics called the deal a shameful betrayal that will destroy the port."),
    ("Officials expected the minister to meet union leaders in {town2} next week. {first} {last} later "
     "said the government had spent {money} million pounds on the harbour since {year0}."),
]


def surname(i: int) -> str:
    """The i-th invented surname (a syllable and an ending; 150 before any repeats)."""
    return SYLLABLES[i % len(SYLLABLES)] + ENDINGS[(i // len(SYLLABLES)) % len(ENDINGS)]


def paragraph(i: int) -> str:
    """The i-th paragraph: one template filled with the i-th names, figures and dates."""
    fill = {
        "first": FIRST[i % len(FIRST)], "last": surname(3 * i), "first2": FIRST[(i + 5) % len(FIRST)],
        "last2": surname(3 * i + 1), "org": surname(3 * i + 2), "org2": TOWNS[(i + 3) % len(TOWNS)].split()[0],
        "town": TOWNS[i % len(TOWNS)], "town2": TOWNS[(i + 1) % len(TOWNS)], "day": DAYS[i % len(DAYS)],
        "date": f"{MONTHS[i % len(MONTHS)]} {1 + i % 27}", "month": MONTHS[(i + 2) % len(MONTHS)],
        "year": 2000 + i % 20, "year0": 1990 + i % 10, "n": 100 + 7 * i, "n2": 90 + 5 * i, "k": 2 + i % 9,
        "pct": 3 + i % 15, "money": 10 + i % 90,
    }
    return TEMPLATES[i % len(TEMPLATES)].format(**fill)


def article(words: int) -> str:
    """An article of about ``words`` words: a headline, then paragraphs until long enough."""
    parts = ["Port strike spreads along the coast"]
    count = 0
    for i in itertools.count():
        text = paragraph(i)
        parts.append(text)
        count += len(text.split())
        if count >= words:
            break
    return "\n\n".join(parts) + "\n"
