"""Word lists of the entities layer, loaded once from ``resources/entities``.

The lists are hand-written (see each file's header): spaCy's small model ships
no role lexicon and no list of what it tends to mislabel (diseases, holy months
and weekdays tagged PERSON or ORG in news text).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from presslens import resources


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Title and role words, courtesy forms and never-entity strings."""

    offices: frozenset[str]  # titles that may introduce a name: "President", "PM"
    roles: frozenset[str]  # occupations: "singer", "economist"
    honorifics: frozenset[str]
    not_entities: frozenset[str]
    titles: frozenset[str] = field(init=False)  # offices | roles
    capitalised_title: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        """Merge the word lists; compile one regex finding capitalised offices ("President", "PM")."""
        object.__setattr__(self, "titles", self.offices | self.roles)
        forms = {f for w in self.offices if " " not in w for f in (w.capitalize(), w.upper())}
        alternation = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
        object.__setattr__(self, "capitalised_title", re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"))

    def is_title_word(self, word: str) -> bool:
        """True for a role word ("minister", "PM", "spy-chief", "Minister-designate")."""
        w = word.lower().strip(".")
        if w in self.titles:
            return True
        return "-" in w and any(p in self.titles for p in w.split("-"))

    def has_title(self, phrase: str) -> bool:
        """True when a phrase contains a role word."""
        return any(self.is_title_word(w) for w in phrase.replace(",", " ").split())

    def is_honorific(self, word: str) -> bool:
        """True for "Mr", "Ms.", "Sir" …: stripped from names, not recorded as roles."""
        return word.lower().strip(".") in self.honorifics

    def is_prefix_word(self, word: str) -> bool:
        """True for a word that may precede a name without being part of it."""
        return self.is_title_word(word) or self.is_honorific(word)


@functools.cache
def load_lexicon() -> Lexicon:
    """The entities lexicon (read once per process)."""
    return Lexicon(
        resources.words("entities/titles.txt"),
        resources.words("entities/roles.txt"),
        resources.words("entities/honorifics.txt"),
        resources.words("entities/not_entities.txt"),
    )
