"""A small invented corpus for the end-to-end corpus tests (written for these tests, no real text).

``write_corpus(folder, n)`` writes ``n`` distinct short news articles built from
templates: a place, an official with a title, a dated event, a number and a
quote.  Every article differs in its place, person, number and date, so each
has its own content hash.
"""

from __future__ import annotations

from pathlib import Path

PLACES = ("Valdora", "Kessel", "Brisk", "Ostermark", "Lindqvist", "Marrow Bay", "Teller Falls", "Quinhaven")
PEOPLE = ("Mara Quintel", "Tobias Renner", "Ilse Varga", "Oren Falk", "Petra Lund", "Jonas Weir", "Alma Sorel",
          "Henrik Dahl", "Nadia Brook")
TITLES = ("Mayor", "Senator", "Minister", "Governor")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
TEMPLATES = (
    "{title} {person} of {place} announced on {day} {month} 2023 that the harbour would reopen after {n} days.\n\n"
    "The closure cost local traders about {n} thousand euros, the chamber of commerce said. "
    "\"We will rebuild the quay before winter,\" {person} told reporters in {place}.\n",
    "Protesters gathered in {place} on {day} {month} 2023 to demand cheaper bus fares.\n\n"
    "Police estimated the crowd at {n} people. {title} {person} rejected the demand and said the city "
    "could not afford it. \"The budget is already stretched,\" {person} said.\n",
    "The council of {place} approved a plan on {day} {month} 2023 to build {n} new homes by 2026.\n\n"
    "{title} {person} said the homes would house nurses and teachers. Critics said the plan "
    "ignored the flood risk on the river bank.\n",
)


def article(i: int) -> str:
    """The i-th invented article (distinct for every i)."""
    return TEMPLATES[i % len(TEMPLATES)].format(
        place=PLACES[i % len(PLACES)], person=PEOPLE[i % len(PEOPLE)], title=TITLES[i % len(TITLES)],
        month=MONTHS[i % len(MONTHS)], day=1 + i % 27, n=120 + 37 * i)


def write_corpus(folder: Path, n: int) -> list[Path]:
    """Write ``n`` articles as ``folder/article_NNN.txt``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"article_{i:03d}.txt"
        path.write_text(article(i), encoding="utf-8")
        paths.append(path)
    return paths
