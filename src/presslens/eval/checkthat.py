"""Read CheckThat! check-worthiness TSV files (the dataset reader of eval and training).

Layout: ``Sentence_id<TAB>Text<TAB>class_label`` (Yes/No) with a header; some
texts are CSV-quoted, so we read with the csv module (tab delimiter).  A stray
quote can glue two records into one row (``id, text, No<id>, text, label``):
we split such rows back apart rather than drop them.

Groups: the ClaimBuster sentence ids of the 2024 English data number sentences
debate by debate, so contiguous id blocks are (unions of) whole debates.
``id_blocks`` cuts the sorted ids into ``n`` contiguous blocks of similar size;
holding a block out approximates evaluating on debates never seen
(``presslens.training.checkworthy.id_blocks``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

_GLUED = re.compile(r"^(Yes|No)(\d+)$")


@dataclass(frozen=True)
class Example:
    """One labelled sentence."""

    sentence_id: str
    text: str
    label: bool | None


def _label(raw: str) -> bool | None:
    """Map Yes/No (any case) to a bool; anything else is unlabelled."""
    low = raw.strip().lower()
    return True if low == "yes" else False if low == "no" else None


def _split_row(row: list[str]) -> list[Example]:
    """One csv row → one example (or two when a stray quote glued records)."""
    if len(row) == 5 and _GLUED.match(row[2].strip()):
        m = _GLUED.match(row[2].strip())
        assert m is not None
        return [Example(row[0], row[1], _label(m.group(1))), Example(m.group(2), row[3], _label(row[4]))]
    if len(row) < 2:
        return []
    return [Example(row[0].strip(), row[1], _label(row[2]) if len(row) > 2 else None)]


def read_tsv(path: str | Path) -> list[Example]:
    """All examples of a CheckThat! TSV file (header skipped)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    if rows and rows[0] and rows[0][0].strip().lower().startswith("sentence"):
        rows = rows[1:]
    return [ex for row in rows for ex in _split_row(row)]
