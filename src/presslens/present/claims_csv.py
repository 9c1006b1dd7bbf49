"""Claims as CSV: one row per claim, the table a verification desk works from.

``ClaimsCsvWriter(writer)`` takes any sink with ``write(str)``, ``commit()``
and ``abort()`` (``cli.outputs.AtomicWriter``); ``add(analysis)`` appends the
rows of one document, so a corpus streams through in constant memory.  The
csv module does the quoting (texts hold commas, quotes and line breaks).
"""

from __future__ import annotations

import csv
import io
from typing import Any, Protocol

COLUMNS: tuple[str, ...] = (
    "document", "source", "sentence", "claim", "start", "end", "text", "kind", "attribution",
    "speaker", "cue", "hedges", "quantities", "checkworthiness", "reasons",
)
JOIN = " | "


class Sink(Protocol):
    """Where the CSV text goes."""

    def write(self, text: str) -> None: ...

    def commit(self) -> None: ...

    def abort(self) -> None: ...


def _sentence_index(analysis: Any, offset: int) -> int | str:
    """Index of the sentence holding ``offset`` in ``document.sentences`` ('' if none)."""
    for i, s in enumerate(analysis.document.sentences):
        if s.start <= offset < s.end:
            return i
    return ""


def _clean(text: str) -> str:
    """One-line cell text (line breaks of the article become spaces)."""
    return " ".join(text.split())


def claim_rows(analysis: Any) -> list[list[Any]]:
    """The CSV rows (without header) for one analysis."""
    doc = analysis.document
    qtext = {q.id: doc.text_of(q.span) for q in analysis.quantities}
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
            f"{c.checkworthiness:.4f}", JOIN.join(c.reasons),
        ])
    return rows


class ClaimsCsvWriter:
    """Stream claims of many analyses into one CSV file (header written once)."""

    def __init__(self, writer: Sink) -> None:
        self.writer = writer
        self._header = False

    def _emit(self, rows: list[list[Any]]) -> None:
        """Format rows with the csv module and pass them to the sink."""
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        self.writer.write(buf.getvalue())

    def add(self, analysis: Any) -> None:
        """Append one document's claims."""
        if not self._header:
            self._emit([list(COLUMNS)])
            self._header = True
        self._emit(claim_rows(analysis))

    def commit(self) -> None:
        """Finish the file (a header alone when no document had claims)."""
        if not self._header:
            self._emit([list(COLUMNS)])
            self._header = True
        self.writer.commit()

    def abort(self) -> None:
        """Drop the partial file."""
        self.writer.abort()
