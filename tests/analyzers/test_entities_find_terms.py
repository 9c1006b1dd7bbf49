"""``find_terms`` finds what the whole-word alternation regex of the repeats step found.

The regex is the definition (``(?<![\\w-])(?:t1|t2|…)(?![\\w])``, longest terms first); the
fast search must give the same (start, end, term) triples on any text and terms, including
overlapping terms, a term inside a longer one, hyphens, underscores, digits and non-ASCII
word characters around them.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from presslens.analyzers.entities.build import find_terms

ALPHABET = "AaBb -_1é,.ß’"


def by_regex(text: str, terms: list[str]) -> list[tuple[int, int, str]]:
    """The reference: one compiled alternation, longest first."""
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(terms, key=len, reverse=True))) + r")(?![\w])")
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, max_size=40), st.lists(st.text(ALPHABET, min_size=1, max_size=4), min_size=1, max_size=5, unique=True))
def test_same_as_regex(text, terms):
    """Random texts and terms from a small alphabet rich in boundary cases."""
    assert find_terms(text, terms) == by_regex(text, terms)


def test_cases_of_the_rules():
    """Whole words only; the longest term wins at a start; scanning resumes after a match."""
    text = "New York-based New Yorkers met in New York, not NewYork; ex-New York_ New York2 New York."
    terms = ["New York", "York", "New"]
    assert find_terms(text, terms) == by_regex(text, terms)
    assert [t for _, _, t in find_terms(text, terms)] == ["New York", "New", "New York", "New", "New York"]
    assert find_terms("Ann Annan", ["Ann", "Annan"]) == [(0, 3, "Ann"), (4, 9, "Annan")]
