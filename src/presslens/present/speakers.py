"""How a quote's speaker reads in every presenter: a name, or "uncertain speaker" with candidates.

The quotes layer shows a speaker only when its calibrated confidence reaches the threshold;
below it the quote keeps ``speaker: null`` and ``candidates``.  Terminal, HTML and CSV all
word that the same way through these helpers, so an uncertain speaker is never shown as fact.
"""

from __future__ import annotations

from typing import Any

UNCERTAIN = "uncertain speaker"
UNKNOWN = "unknown speaker"


def candidates_text(analysis: Any, quote: Any, limit: int = 2) -> str:
    """"Name (62%) | Other (21%)": the candidates of a quote, best first."""
    parts = []
    for cand in quote.candidates[:limit]:
        entity = analysis.entity(cand.entity)
        parts.append(f"{entity.name if entity else cand.entity} ({cand.confidence:.0%})")
    return " | ".join(parts)


def speaker_label(analysis: Any, quote: Any) -> str:
    """The speaker's name; "uncertain speaker (maybe X 62%)"; or "unknown speaker"."""
    if quote.speaker:
        entity = analysis.entity(quote.speaker)
        return entity.name if entity else str(quote.speaker)
    if quote.candidates:
        return f"{UNCERTAIN} (maybe {candidates_text(analysis, quote, 1)})"
    return UNKNOWN


def group_key(quote: Any) -> str | None:
    """Key to group quotes by who said them: the speaker, "?<candidate>" when uncertain, None when unknown."""
    if quote.speaker:
        return str(quote.speaker)
    if quote.candidates:
        return "?" + quote.candidates[0].entity
    return None
