"""Layout and list rules for sentence boundaries (used by ``nlp/sentences.py``).

A paragraph break starts a sentence; an errant line break inside running
text does not; a block of short unpunctuated lines is a list of items; a list
marker starts an item, at a line start or as one of an in-line run of markers
in sequence.  See the module docstring of ``presslens.nlp.sentences`` for the
whole rule set and how it is measured.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from typing import Any

CLOSERS = frozenset("\"'\u201d\u2019)]\u00bb") | {"''"}
_MENU_LINE_WORDS = 5
# (token index or None, True = starts a sentence / False = does not / None = no decision)
Decisions = Iterator[tuple[int | None, bool | None]]

_BULLETS = "\u2022\u25aa\u25e6\u2023\u2043\u25cf\u25a0\u25ba\u27a2\u2219"
_LINE_BULLETS = _BULLETS + "-*\u2013\u2014"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12}
_MARKER = re.compile(
    r"(?:(?<=\s)|^)(?P<bullet>[" + _BULLETS + r"][ \t]?)?"
    r"(?:\((?P<pv>\d{1,2}|[a-zA-Z]|[ivxIVX]{2,4})\)"
    r"|(?P<v>\d{1,2}|[a-zA-Z]|[ivxIVX]{2,4})(?P<suffix>\.\)|\.|\)))"
    r"(?=[ \t]+\S)"
)
_INLINE_BULLET = re.compile(r"(?:(?<=\s)|^)[" + _BULLETS + r"](?=[ \t]*[^\s\d(])")
_ITEM_START = re.compile(r"[ \t]*[\"'\u201c\u2018]?(?:[A-Z][a-z]|[A-Z]\b|\d)")
_LINE_BULLET = re.compile(r"[" + re.escape(_LINE_BULLETS) + r"](?=[ \t]+\S)")


def lower_start(tok: Any) -> bool:
    """A word starting in lower case (not a brand like "iPhone" or "eBay")."""
    t = tok.text
    return bool(t[:1].islower() and t[:1].isalpha() and not any(c.isupper() for c in t[1:]))


class Tokens:
    """Character offsets → token indexes for one Doc (non-space tokens only)."""

    def __init__(self, doc: Any) -> None:
        """Index the starts of the Doc's non-space tokens; keep every token's text and trailing space."""
        self.doc = doc
        self.idx: list[int] = []
        self.ids: list[int] = []
        self.texts: list[str] = []
        self.spaces: list[str] = []
        for tok in doc:
            self.texts.append(tok.text)
            self.spaces.append(tok.whitespace_)
            if not tok.is_space:
                self.idx.append(tok.idx)
                self.ids.append(tok.i)

    def at(self, offset: int) -> int | None:
        """The token starting exactly at ``offset``."""
        k = bisect.bisect_left(self.idx, offset)
        return self.ids[k] if k < len(self.idx) and self.idx[k] == offset else None

    def from_(self, start: int, end: int | None = None) -> list[int]:
        """Tokens starting in ``[start, end)`` (to the end of the text when ``end`` is None)."""
        lo = bisect.bisect_left(self.idx, start)
        hi = len(self.idx) if end is None else bisect.bisect_left(self.idx, end)
        return self.ids[lo:hi]

    def next_after(self, offset: int) -> int | None:
        """The first token starting at or after ``offset``."""
        k = bisect.bisect_left(self.idx, offset)
        return self.ids[k] if k < len(self.idx) else None



# --- 1. layout ----------------------------------------------------------------------------


def layout_rules(text: str, toks: Tokens) -> Decisions:
    """Paragraph breaks, errant line breaks and blocks of short lines."""
    for block in re.finditer(r"[^\n]+(?:\n[ \t]*[^\n \t][^\n]*)*", text):
        start = block.start()
        if start > 0:
            yield toks.next_after(start), True
        lines = list(re.finditer(r"[^\n]+", block.group()))
        menu = _is_menu(lines)
        for prev, line in itertools.pairwise(lines):
            first = toks.next_after(start + line.start() + len(line.group()) - len(line.group().lstrip()))
            if menu:
                yield first, True
            elif (first is not None and lower_start(toks.doc[first]) and not _ends_final(prev.group())
                  and not _line_marker(line.group().lstrip())):
                yield first, False


def _is_menu(lines: list[re.Match[str]]) -> bool:
    """Three or more short lines, none ending in punctuation: each line is an item."""
    if len(lines) < 3:
        return False
    for m in lines:
        line = m.group().strip()
        if not line or len(line.split()) > _MENU_LINE_WORDS or line[-1] in ".!?:;,\u2026\"\u201d":
            return False
    return True


def _ends_final(line: str) -> bool:
    """Does the line end in final punctuation (possibly followed by closers)?"""
    s = line.rstrip().rstrip("".join(CLOSERS))
    return bool(s) and s[-1] in ".!?\u2026:"


def _line_marker(line: str) -> int:
    """Length of an unambiguous list marker opening ``line`` (0 when there is none).

    A single capital letter or a Roman numeral needs a run (``_list_rules``):
    "A. Smith" opening a wrapped line is an initial.
    """
    m = _LINE_BULLET.match(line)
    if m:
        return m.end()
    m = _MARKER.match(line)
    return m.end() if m and _unambiguous(m) else 0


def _unambiguous(m: re.Match[str]) -> bool:
    """A marker that is a list marker even alone: a number, a lower-case letter, a bullet."""
    value = m.group("pv") or m.group("v") or ""
    return bool(m.group("bullet")) or value.isdigit() or (len(value) == 1 and value.islower())


# --- 2. lists -----------------------------------------------------------------------------


def _marker_values(m: re.Match[str]) -> list[tuple[str, int]]:
    """(style, value) readings of a marker: "i." is letter 9 or Roman 1."""
    paren = m.group("pv") is not None
    value = m.group("pv") if paren else m.group("v")
    shape = "()" if paren else m.group("suffix")
    case = "upper" if value.isupper() else "lower"
    out: list[tuple[str, int]] = []
    if value.isdigit():
        return [(f"num{shape}", int(value))]
    if len(value) == 1:
        out.append((f"alpha-{case}{shape}", ord(value.lower()) - 96))
    if value.lower() in _ROMAN:
        out.append((f"roman-{case}{shape}", _ROMAN[value.lower()]))
    return out


def list_rules(text: str, toks: Tokens) -> Decisions:
    """List items: line-start markers, in-line runs of markers, in-line bullets."""
    markers = list(_MARKER.finditer(text))
    items, run_in = _marker_runs(text, markers)
    for m in markers:
        at_line = at_line_start(text, m.start())
        if m.start() in items or (at_line and _unambiguous(m)):
            yield from _item(toks, m.start(), m.end(), True)
        elif m.start() in run_in:
            yield from _item(toks, m.start(), m.end(), False)
    for m in _INLINE_BULLET.finditer(text):
        yield from _item(toks, m.start(), m.end(), True)
    for line in re.finditer(r"(?:^|(?<=\n))[ \t]*(?=\S)", text):
        bullet = _LINE_BULLET.match(text, line.end())
        if bullet:
            yield from _item(toks, bullet.start(), bullet.end(), True)


def _item(toks: Tokens, start: int, end: int, new: bool) -> Decisions:
    """Decisions for one marker: its first token (``new``), none inside it or right after it."""
    first = toks.at(start)
    if first is None:
        return
    yield first, new
    for i in toks.from_(start + 1, end):
        yield i, False
    yield toks.next_after(end), False


def at_line_start(text: str, offset: int) -> bool:
    """Only spaces between the previous line break (or the text start) and ``offset``."""
    k = offset - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] == "\n"


def _marker_runs(text: str, markers: list[re.Match[str]]) -> tuple[set[int], set[int]]:
    """Starts of in-line list items, and of run-in markers (one sentence).

    A run is two or more markers of one style with consecutive values in one
    paragraph; it must begin at 1 (a, i), at a line start or after a colon.
    Markers with a period ("1.", "a.") are those of vertical lists (Chicago
    6.127-6.130), so their items are sentences even when a reflow has put
    them on one line; parenthesised markers ("(a)", "1)") run in a sentence
    unless every item opens with a capital.
    """
    by_style: dict[str, list[tuple[int, re.Match[str]]]] = {}
    for m in markers:
        for style, value in _marker_values(m):
            by_style.setdefault(style, []).append((value, m))
    items: set[int] = set()
    run_in: set[int] = set()
    for seq in by_style.values():
        for run in _consecutive(text, seq):
            if not _run_opens(text, run):
                continue
            vertical = run[0].group("suffix") in (".", ".)")
            capital = all(_item_capitalised(text, m) for m in run)
            (items if vertical or capital else run_in).update(m.start() for m in run)
    return items, run_in


def _consecutive(text: str, seq: list[tuple[int, re.Match[str]]]) -> Iterator[list[re.Match[str]]]:
    """Maximal runs (length ≥ 2) of markers whose values go up by one, within a paragraph."""
    run: list[re.Match[str]] = []
    last = -1
    for value, m in seq:
        linked = run and value == last + 1 and "\n\n" not in text[run[-1].end() : m.start()]
        if not linked:
            if len(run) >= 2:
                yield run
            run = []
        run.append(m)
        last = value
    if len(run) >= 2:
        yield run


def _run_opens(text: str, run: list[re.Match[str]]) -> bool:
    """A run starts at value 1, at a line start, or after a colon."""
    first = run[0]
    values = [v for _, v in _marker_values(first)]
    before = text[max(0, first.start() - 20) : first.start()].rstrip()
    return 1 in values or at_line_start(text, first.start()) or before.endswith(":")


def _item_capitalised(text: str, m: re.Match[str]) -> bool:
    """The item after a marker opens with a capital letter or a digit (or has a bullet)."""
    return bool(m.group("bullet")) or bool(_ITEM_START.match(text, m.end()))
