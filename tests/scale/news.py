"""Invented news articles for the scale-out tests (written for these tests; no real text).

Every article differs in its town, person, figure and date, so each has its own content hash.
"""

from __future__ import annotations

from pathlib import Path

TOWNS = ("Harrowgate", "Pellin", "Oskar Bay", "Mirefield", "Tansy Cross", "Velmont", "Garrow", "Lunn")
PEOPLE = ("Edda Marsh", "Colin Perrault", "Yusra Kade", "Bram Tolliver", "Signe Haldor", "Felix Oduya",
          "Rosa Quill")
ROLES = ("Mayor", "Councillor", "Chief Constable", "Health Minister")
MONTHS = ("March", "April", "May", "June", "July", "August", "September")
TEMPLATES = (
    "{role} {person} said on {day} {month} 2024 that {town} would hire {n} more nurses next year.\n\n"
    "The hospital trust in {town} has {m} empty posts, according to its annual report. "
    "\"We cannot keep wards open without them,\" {person} told the council.\n",
    "Flooding closed the main road into {town} on {day} {month} 2024 for the third time this year.\n\n"
    "Engineers estimated the repair bill at {n} thousand pounds. {role} {person} blamed the county for "
    "delaying the drainage works, which the county denied.\n",
    "Workers at the {town} bottling plant voted on {day} {month} 2024 to strike over pay.\n\n"
    "The union said {n} of its {m} members took part. {role} {person} urged both sides to return to talks "
    "and warned that a long strike would hurt local shops.\n",
)


def article(i: int) -> str:
    """The i-th invented article (distinct for every i)."""
    return TEMPLATES[i % len(TEMPLATES)].format(
        town=TOWNS[i % len(TOWNS)], person=PEOPLE[i % len(PEOPLE)], role=ROLES[i % len(ROLES)],
        month=MONTHS[i % len(MONTHS)], day=1 + i % 28, n=40 + 13 * i, m=300 + 7 * i)


def write_news(folder: Path, n: int) -> list[Path]:
    """Write ``n`` articles as ``folder/news_NNN.txt``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"news_{i:03d}.txt"
        path.write_text(article(i), encoding="utf-8")
        paths.append(path)
    return paths
