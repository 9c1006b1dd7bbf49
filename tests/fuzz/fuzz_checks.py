"""Offset invariants every Document (and Analysis) must hold, as violation lists.

- every span of an analysis has ``document.text[start:end] == text``;
- every word of ``document.text`` whose source region is marked exact maps to
  a region of the input that contains it: after removing markup and decoding
  entities (HTML), comparing word characters only (the normalisers drop soft
  hyphens, control characters and hyphens at line ends, which are not word
  characters);
- every region lies inside the input, and paragraphs and sentences lie inside the text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from presslens.model.span import Span

_WORDS = re.compile(r"\w+")
_NON_WORD = re.compile(r"\W+")
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)


def letters(text: str) -> str:
    """Only the word characters of ``text`` (what a word must keep through normalisation)."""
    return _NON_WORD.sub("", text).replace("_", "")


def source_words(region: str, *, markup: bool) -> str:
    """The word characters of an input region, with tags removed and entities decoded."""
    if markup:
        region = html.unescape(_TAG.sub("", region))
    return letters(region)


def document_violations(doc: Any, source: str, *, markup: bool, limit: int = 5) -> list[str]:
    """Offset violations of one Document against the text its offsets index."""
    out: list[str] = []
    n = len(doc.text)
    for para in doc.paragraphs:
        if not 0 <= para.span.start <= para.span.end <= n:
            out.append(f"paragraph {para.span} outside the text")
    for m in _WORDS.finditer(doc.text):
        span = Span(m.start(), m.end())
        src = doc.to_source(span)
        if not 0 <= src.start <= src.end <= len(source):
            out.append(f"word {m.group()!r} at {span} maps outside the input: {src}")
        elif _is_exact(doc, span) and letters(m.group()) not in source_words(source[src.start:src.end], markup=markup):
            out.append(f"word {m.group()!r} at {span} maps to {source[src.start:src.end][:60]!r}")
        if len(out) >= limit:
            break
    return out


def _is_exact(doc: Any, span: Span) -> bool:
    """Is the source region of ``span`` marked exact? (Older maps have no flag: exact.)"""
    check = getattr(doc, "source_is_exact", None)
    return bool(check(span)) if check is not None else True


def _spans(obj: Any) -> Iterator[dict[str, Any]]:
    """Every ``{start, end, text}`` dict inside a JSON-like structure."""
    if isinstance(obj, dict):
        if {"start", "end", "text"} <= obj.keys() and isinstance(obj["start"], int):
            yield obj
        for value in obj.values():
            yield from _spans(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _spans(value)


def analysis_violations(data: dict[str, Any], limit: int = 5) -> list[str]:
    """Spans of an analysis (``to_dict()``) whose text is not ``document.text[start:end]``."""
    text = data["document"]["text"]
    out = []
    for span in _spans({k: v for k, v in data.items() if k != "document"}):
        if text[span["start"] : span["end"]] != span["text"]:
            out.append(f"span {span['start']}:{span['end']} text {span['text'][:40]!r} differs")
            if len(out) >= limit:
                break
    return out
