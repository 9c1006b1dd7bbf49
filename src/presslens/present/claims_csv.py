"""Claims as CSV: one row per claim, the table a verification desk works from.

``ClaimsCsvWriter(sink)`` follows the writer protocol of ``present.writers``
over any sink with ``write(str)``, ``commit()`` and ``abort()``
(``present.writers.OutputFile``); ``add(analysis)`` appends the rows of one
document, so a corpus streams through in constant memory.  The csv module
does the quoting (texts hold commas, quotes and line breaks).

Formula injection (OWASP, "CSV Injection"): a cell that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by
spreadsheet programs, so every text cell that does (claim text, ids, source
names, speakers…) gets a leading ``'``.  A claim "-5 degrees" thus reads
"'-5 degrees": the price OWASP accepts for safety.  Number columns are
written by presslens itself and never start with such a character.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Protocol

from presslens.analyzers.index import SpanIndex

COLUMNS: tuple[str, ...] = (
    "document", "source", "sentence", "claim", "start", "end", "text", "kind", "attribution",
    "speaker", "cue", "hedges", "quantities", "checkworthiness", "reasons",
    "speaker_status", "speaker_candidates", "confidence", "uncertain",
)
JOIN = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


class Sink(Protocol):
    """Where the CSV text goes."""

    def write(self, text: str) -> None: ...

    def commit(self) -> object: ...

    def abort(self) -> None: ...


def _sentence_index(analysis: Any, offset: int) -> int | str:
    """Index of the sentence holding ``offset`` in ``document.sentences`` ('' if none)."""
    for i, s in enumerate(analysis.document.sentences):
        if s.start <= offset < s.end:
            return i
    return ""


def neutralise(cell: object) -> object:
    """A cell safe from formula injection: text starting with = + - @ tab CR gets a leading '."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _clean(text: str) -> str:
    """One-line cell text (line breaks of the article become spaces)."""
    return " ".join(text.split())


def claim_rows(analysis: Any) -> list[list[Any]]:
    """The CSV rows (without header) for one analysis."""
    doc = analysis.document
    qtext = {q.id: doc.text_of(q.span) + (" (uncertain reading)" if q.uncertain else "") for q in analysis.quantities}
    quotes = SpanIndex(analysis.quotes, lambda q: q.span)
    rows = []
    for c in analysis.claims:
        att = c.attribution
        speaker = analysis.entity(att.source) if att.source else None
        rows.append([
            doc.id, doc.source, _sentence_index(analysis, c.span.start), c.id, c.span.start, c.span.end,
            _clean(doc.text_of(c.span)), c.kind, att.type, speaker.name if speaker else "",
            _clean(doc.text_of(att.cue)) if att.cue else "",
            JOIN.join(_clean(doc.text_of(h)) for h in c.hedges),
            JOIN.join(_clean(qtext.get(q, q)) for q in c.quantities),
            f"{c.checkworthiness:.4f}", JOIN.join(c.reasons), *_quote_speaker(analysis, quotes, c),
            "" if c.confidence is None else f"{c.confidence:.4f}", "yes" if c.uncertain else "no",
        ])
    return rows


def _quote_speaker(analysis: Any, quotes: Any, claim: Any) -> tuple[str, str]:
    """The speaker status and candidates of the quote carrying a claim ("", "" when none does).

    An uncertain speaker (the quotes layer's confidence under its threshold) reads
    ``uncertain`` with its candidates, so the empty ``speaker`` cell is never taken as "author".
    """
    from presslens.present.speakers import candidates_text

    best, share = None, 0.0
    for q in quotes.overlapping(claim.span):
        overlap = min(q.span.end, claim.span.end) - max(q.span.start, claim.span.start)
        if overlap > 0 and overlap / max(claim.span.end - claim.span.start, 1) > share:
            best, share = q, overlap / max(claim.span.end - claim.span.start, 1)
    if best is None or share < 0.5:
        return "", ""
    return str(best.speaker_status), candidates_text(analysis, best, 3)


class ClaimsCsvWriter:
    """Stream claims of many analyses into one CSV file (header written once)."""

    def __init__(self, writer: Sink) -> None:
        """Write through ``writer`` (a file, or any sink)."""
        self.writer = writer
        self._header = False

    def open(self) -> None:
        """Open the sink when it needs opening."""
        opener = getattr(self.writer, "open", None)
        if callable(opener):
            opener()

    def _emit(self, rows: list[list[Any]]) -> None:
        """Format rows with the csv module and pass them to the sink."""
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([neutralise(c) for c in row] for row in rows)
        self.writer.write(buf.getvalue())

    def add(self, analysis: Any) -> None:
        """Append one document's claims."""
        if not self._header:
            self._emit([list(COLUMNS)])
            self._header = True
        self._emit(claim_rows(analysis))

    def commit(self, *, interrupted: bool = False) -> str | None:
        """Finish the file (a header alone when no document had claims); return where it went."""
        if not self._header:
            self._emit([list(COLUMNS)])
            self._header = True
        where = self.writer.commit(interrupted=True) if interrupted else self.writer.commit()  # type: ignore[call-arg]
        return where if isinstance(where, str) else None

    def abort(self) -> None:
        """Drop the partial file."""
        self.writer.abort()
