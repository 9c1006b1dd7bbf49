"""Hedges and boosters of a claim: how sure its wording is.

Lexicon matches (Hyland 2005, *Metadiscourse*: hedges and boosters, trimmed to news usage)
inside the claim; approximators ("about", "nearly", "some") count only before a number, and
"May" only when it is not a month.  Hand-written: no packaged tool tags hedges.
"""

from __future__ import annotations

import functools
import re

from presslens import resources
from presslens.analyzers.claims import lexicon as lx
from presslens.model.span import Span

_RX = {"hedge": lx.phrase_regex(lx.HEDGES), "booster": lx.phrase_regex(lx.BOOSTERS)}
_HEDGE_FIRST = frozenset(re.split(r"[\s-]", w)[0] for w in lx.HEDGES + lx.BOOSTERS)
_APPROX = resources.words("lexicon/hedges.tsv", use="approximator")
_NUMBER_AHEAD = re.compile(
    r"\s*(?:\$|€|£)?\s*(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|a dozen|dozens|half)",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[a-z]+")
_ASCII_LETTER_I = re.compile(r"[a-z]", re.IGNORECASE)


@functools.cache
def _letter_like(ch: str) -> bool:
    """True for a non-ASCII character that matches an ASCII letter case-insensitively ("ſ", "K")."""
    return _ASCII_LETTER_I.match(ch) is not None


def may_have_cue(text: str) -> bool:
    """False only when no hedge or booster can match in ``text`` (an exact pre-check).

    Hand-written speed-up for the per-sentence features: every cue's first word is plain
    letters, so a match needs that word as a run of letters of ``text.lower()`` -- unless the
    text holds a character the case-insensitive regexes take for an ASCII letter, when the
    regexes are always run.
    """
    if not text.isascii() and any(_letter_like(ch) for ch in set(text) if not ch.isascii()):
        return True
    return not _HEDGE_FIRST.isdisjoint(_LETTERS.findall(text.lower()))


def hedge_spans(text: str, start: int, end: int) -> tuple[Span, ...]:
    """Hedge and booster spans inside [start, end) of ``text``, in text order."""
    if _HEDGE_FIRST.isdisjoint(_LETTERS.findall(text[start:end].lower())):
        return ()
    found = cue_spans(text, start, end, "hedge") + cue_spans(text, start, end, "booster")
    return tuple(sorted(found, key=lambda s: (s.start, s.end)))


def cue_spans(text: str, start: int, end: int, kind: str) -> tuple[Span, ...]:
    """Spans of one class (``hedge`` or ``booster``) inside [start, end) of ``text``."""
    out = []
    for m in _RX[kind].finditer(text, start, end):
        word = m.group(0).lower()
        if word in _APPROX and not _NUMBER_AHEAD.match(text, m.end()):
            continue
        if word == "may" and ((m.group(0) == "May" and m.start() > start) or _NUMBER_AHEAD.match(text, m.end())):
            continue
        out.append(Span(m.start(), m.end()))
    return tuple(out)
