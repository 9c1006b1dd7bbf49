"""The hedge/booster pre-check never hides a cue the regexes would find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from presslens.analyzers.claims import lexicon as lx
from presslens.analyzers.claims.hedges import cue_spans, may_have_cue

# Cue words in several casings beside characters whose case folding is unusual ("ſ" and the
# Kelvin sign match "s"/"k" case-insensitively; "İ" lowers to two characters).
PIECES = [*lx.HEDGES[:12], *lx.BOOSTERS[:8], "MIGHT", "Perhaps", "ſeems", "li\u212aely", "İ", "é", "’",
          "-", "'", " ", "  ", ".", "5", "about 5", "May", "may", "x"]


def _found(text: str) -> bool:
    """Whether either cue class matches anywhere in ``text``."""
    return bool(cue_spans(text, 0, len(text), "hedge") or cue_spans(text, 0, len(text), "booster"))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_precheck_never_hides_a_cue(text: str) -> None:
    """A text the pre-check rules out holds no hedge or booster."""
    if not may_have_cue(text):
        assert not _found(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_precheck_on_any_text(text: str) -> None:
    """The same on arbitrary Unicode text."""
    if not may_have_cue(text):
        assert not _found(text)


def test_precheck_rules_out_plain_sentences() -> None:
    """A sentence without any cue word is ruled out; one with a folded-letter look-alike is not."""
    assert not may_have_cue("The council approved the budget on Tuesday.")
    assert may_have_cue("The budget might pass.")
    assert may_have_cue("The budget ſeems fine.")
