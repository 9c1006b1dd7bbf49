"""The timex trigger scan over lower-cased text finds exactly what the case-insensitive scan finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from presslens.analyzers.timexes import (
    grammar,
    relative,  # noqa: F401  (registers its rules)
)

TRIGGERS = list(dict.fromkeys(t for _n, _p, _b, t in grammar.RULES if t is not None))
# Words of the triggers, mixed case, next to characters whose case folding is unusual:
# "ſ" (long s) and "\u212a" (Kelvin sign) match "s" / "k" case-insensitively, "İ" lowers to two
# characters, "ς"/"Σ" fold contextually, "Ⅻ" is a cased numeral, "٣" an Arabic-Indic digit.
PIECES = ["Spring", "SUMMER", "fall", "Quarter", "q3", "Q4 ", "Weekend", "ſpring", "wee\u212aend", "İ", "Σ",
          "ς", "Ⅻ", "٣", "É", "é", "ß", "ﬁ", "1990s", "nineties", "3 p.m.", "noon", "Christmas", "New Year",
          "year-", "Monday", "TUESDAY", "day", "today", "once", "Jan", "May", "2-3", "4/5", "—", "’",
          " ", "\n", "-", "a", "s", "k"]


def spans(text: str, folded: str | None, trigger: re.Pattern[str]) -> list[tuple[int, int]]:
    """Match spans through ``trigger_hits``."""
    return [m.span() for m in grammar.trigger_hits(text, folded, trigger)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_folded_scan_equals_case_insensitive_scan(text: str) -> None:
    """Every trigger's matches are the same spans as its own case-insensitive finditer."""
    folded = grammar.fold(text)
    for trigger in TRIGGERS:
        assert spans(text, folded, trigger) == [m.span() for m in trigger.finditer(text)]
        assert grammar.windows(text, trigger, folded) == grammar.windows(text, trigger)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_folded_scan_on_any_text(text: str) -> None:
    """The same on arbitrary Unicode text (the fold is refused when it could change a match)."""
    folded = grammar.fold(text)
    assert folded is None or len(folded) == len(text)
    for trigger in TRIGGERS:
        assert spans(text, folded, trigger) == [m.span() for m in trigger.finditer(text)]


def test_unsafe_characters_refuse_the_fold() -> None:
    """Characters that lowering would change in length or match class leave the text unfolded."""
    assert grammar.fold("Winter in İzmir") is None
    assert grammar.fold("ſpring") is None
    assert grammar.fold("Spring in Zürich — “soon”") == "spring in zürich — “soon”"


def test_case_sensitive_triggers_have_no_twin() -> None:
    """The month trigger is case-sensitive on purpose ("may" is a verb): it is scanned as it is."""
    month = next(t for n, _p, _b, t in grammar.RULES if n == "month")
    assert month is not None and grammar.folded_twin(month) is None
    assert any(grammar.folded_twin(t) is not None for t in TRIGGERS)
