"""Extent rules of the temporal tagger: precompiled regexes → underspecified candidates.

Rule families after HeidelTime's English rule set (Strötgen & Gertz, "Multilingual
and cross-domain temporal tagging", LRE 2013): explicit dates, partial dates,
years / decades / centuries, seasons and quarters, relative expressions
(``last week``, ``two days later``, ``seventeen years ago``), deictic words,
weekdays, times of day, durations and sets.  Extents follow the TimeML 1.2.1
guidelines as annotated in TempEval-3: modifiers ("early", "about", "the") are
inside, prepositions ("on", "in", "for") outside.  The rules are written here;
no library finds these extents reliably (dateparser's search scores ~0.26 value
F1 on TempEval-3), so regexes are compiled once at import.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator

from presslens.analyzers.timexes import lexicon as lx
from presslens.analyzers.timexes.candidate import Cand

_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMW = (r"(?:\d+\s+1/2|\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s](?:one|two|three|four|five|six|seven|eight|nine)"
         r"|(?:" + lx.alternation(k for k in lx.SMALL if " " not in k) + r")|a\s+couple\s+of|couple\s+of"
         r"|a\s+few|several|few|many|a\s+dozen|dozens\s+of|some|a\s+half|half\s+an?|one\s+and\s+a\s+half)")
_UNIT = (r"(?:(?:trading|business|fiscal)\s+)?(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?"
         r"|months?|quarters?|years?|decades?|century|centuries|millennium|millennia)")
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_ORD = lx.alternation(k for k in lx.ORDINALS if k != "last")
_QMOD = lx.alternation(lx.QUANT_MODS)
_PMOD = r"(?:early|late|mid|the\s+(?:beginning|start|end|middle|close)\s+of|(?:beginning|end|middle)\s+of)"
_POD = r"(?:morning|afternoon|evening|night)"
_REL = r"(?:this|last|next|past|coming|previous|following|current|same|that|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+following|the\s+same)"

_MON_TRIGGER = r"(?-i:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))"
Builder = Callable[[re.Match[str]], Cand | None]
RULES: list[tuple[str, re.Pattern[str], Builder, re.Pattern[str] | None]] = []
_WINDOW_BACK, _WINDOW_AHEAD = 80, 50


def rule(name: str, pattern: str, flags: int = re.I, trigger: str | None = None) -> Callable[[Builder], Builder]:
    """Register an extent rule: a regex and the builder turning its match into a Cand.

    ``trigger`` is a cheap regex of a word every match must contain; the full rule
    then runs only on windows around its hits (keeps the layer fast on long texts).
    """

    def deco(fn: Builder) -> Builder:
        """Compile and register the rule."""
        compiled = re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w])", flags)
        RULES.append((name, compiled, fn, re.compile(trigger, re.I) if trigger else None))
        return fn

    return deco


_CASE_ESCAPE = re.compile(r"\\[A-Z]|\(\?-i")
_ASCII_WORD_I = re.compile(r"[a-z0-9_]", re.I)


@functools.cache
def folded_twin(trigger: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-sensitive twin of a case-insensitive trigger, for lower-cased text (else None).

    Hand-written speed-up: Python's ``re`` scans a case-insensitive alternation about twice as
    slowly as the same lower-case alternation over ``text.lower()``; the twin is only built for
    patterns whose escapes and atoms lowering cannot change (no ``\\D``-style escapes, no ``(?-i``).
    """
    if not trigger.flags & re.I or _CASE_ESCAPE.search(trigger.pattern):
        return None
    return re.compile(trigger.pattern.lower(), trigger.flags & ~re.I)


@functools.cache
def _foldable(ch: str) -> bool:
    """True when a non-ASCII character lower-cases to one character that, like it, matches no
    ASCII letter or digit case-insensitively ("ſ" matches "s", the Kelvin sign "k") and keeps its
    digit, space and word classes: then a twin over ``text.lower()`` finds exactly the spans the
    case-insensitive trigger finds over ``text``."""
    low = ch.lower()
    if len(low) != 1 or low.isascii() or _ASCII_WORD_I.match(ch) or _ASCII_WORD_I.match(low):
        return False
    return all(bool(re.match(c, ch)) == bool(re.match(c, low)) for c in (r"\d", r"\s", r"\w"))


def fold(text: str) -> str | None:
    """``text.lower()`` when every trigger twin finds the same spans on it as its trigger on ``text``."""
    if text.isascii() or all(_foldable(ch) for ch in set(text) if not ch.isascii()):
        return text.lower()
    return None


def trigger_hits(text: str, folded: str | None, trigger: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The trigger's matches on ``text`` (through its case-sensitive twin on ``folded`` when it has one)."""
    twin = folded_twin(trigger) if folded is not None else None
    return twin.finditer(folded) if twin is not None and folded is not None else trigger.finditer(text)


def windows(text: str, trigger: re.Pattern[str], folded: str | None = None) -> list[tuple[int, int]]:
    """Merged ``[start, end)`` windows around the trigger's hits, ending at a non-word character.

    ``folded`` is ``fold(text)``, passed when the caller scans many triggers over one text.
    """
    out: list[tuple[int, int]] = []
    for m in trigger_hits(text, folded, trigger):
        start, end = max(0, m.start() - _WINDOW_BACK), min(len(text), m.end() + _WINDOW_AHEAD)
        while end < len(text) and (text[end].isalnum() or text[end] in "-'"):
            end += 1
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _month(text: str) -> int:
    """Month number of a month name or abbreviation."""
    return lx.MONTHS[text.lower().rstrip(".")]


def _int(text: str) -> int:
    """The digits of a day number ("19th" → 19)."""
    return int(re.sub(r"\D", "", text))


def _cap(m: re.Match[str], group: str) -> bool:
    """True when a month/weekday group is capitalised (avoids "may", "march" as words)."""
    g = m.group(group)
    return bool(g) and g[0].isupper()


def _date(m: re.Match[str], y: int | None, mo: int, d: int | None, name: str) -> Cand | None:
    """A date candidate; without a year it is left for ``resolve.py`` to complete."""
    if not 1 <= mo <= 12 or (d is not None and not 1 <= d <= 31):
        return None
    if y is None:
        return Cand(m.start(), m.end(), "DATE", rule=name, need="year", month=mo, day=d or 0,
                    suffix=f"-{mo:02d}" + (f"-{d:02d}" if d else ""))
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}" + (f"-{d:02d}" if d else ""), name)


@rule("mdy", trigger=_MON_TRIGGER, pattern=rf"(?:{_WD},?\s+)?(?P<mon>{_MON})\s+(?P<day>{_DAY}),?\s+(?P<year>{_YEAR})", flags=0)
def _mdy(m: re.Match[str]) -> Cand | None:
    """"March 19, 2003", "Wednesday, March 19, 2003"."""
    return _date(m, int(m["year"]), _month(m["mon"]), _int(m["day"]), "mdy")


@rule("dmy", trigger=_MON_TRIGGER, pattern=rf"(?:{_WD},?\s+)?(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+(?P<mon>{_MON}),?\s+(?P<year>{_YEAR})", flags=0)
def _dmy(m: re.Match[str]) -> Cand | None:
    """"19 March 2003", "the 19th of March, 2003"."""
    return _date(m, int(m["year"]), _month(m["mon"]), _int(m["day"]), "dmy")


@rule("iso", trigger=r"\d-\d", pattern=r"(?P<year>\d{4})-(?P<mon>\d\d)-(?P<day>\d\d)")
def _iso(m: re.Match[str]) -> Cand | None:
    """"2003-03-19"."""
    return _date(m, int(m["year"]), int(m["mon"]), int(m["day"]), "iso")


@rule("slash", trigger=r"\d/\d", pattern=r"(?P<mon>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d\d)")
def _slash(m: re.Match[str]) -> Cand | None:
    """"3/19/2003", "3/19/03" (US order)."""
    y = int(m["year"])
    y = y + (1900 if y > 30 else 2000) if y < 100 else y
    return _date(m, y, int(m["mon"]), int(m["day"]), "slash")


@rule("md", trigger=_MON_TRIGGER, pattern=rf"(?:(?P<wd>{_WD}),?\s+)?(?P<mon>{_MON})\s+(?P<day>{_DAY})(?![,.]?\s*\d)", flags=0)
def _md(m: re.Match[str]) -> Cand | None:
    """"March 19", "Wednesday, March 19" (year from the document date)."""
    c = _date(m, None, _month(m["mon"]), _int(m["day"]), "md")
    if c is not None and m["wd"]:
        c.weekday = lx.WEEKDAYS[m["wd"].lower()]
    return c


@rule("dm", trigger=_MON_TRIGGER, pattern=rf"(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+(?P<mon>{_MON})", flags=0)
def _dm(m: re.Match[str]) -> Cand | None:
    """"19 March", "the 19th of March"."""
    return _date(m, None, _month(m["mon"]), _int(m["day"]), "dm")


@rule("my", trigger=_MON_TRIGGER, pattern=rf"(?P<mon>{_MON})(?:,|\s+of)?\s+(?:(?P<year>{_YEAR})|(?P<rel>last|this|next)\s+year)", flags=0)
def _my(m: re.Match[str]) -> Cand | None:
    """"March 2003", "March of 2003", "July last year"."""
    if m["rel"]:
        c = _date(m, None, _month(m["mon"]), None, "my")
        if c is not None:
            c.need, c.n = "thisyear", {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
        return c
    return _date(m, int(m["year"]), _month(m["mon"]), None, "my")


@rule("month", trigger=_MON_TRIGGER, pattern=rf"(?:(?P<rel>(?i:this|last|next|that|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of))(?:\s+|-))?(?P<mon>{_MON})(?!\s+\d)", flags=0)
def _month_only(m: re.Match[str]) -> Cand | None:
    """"June", "last June", "early April", "mid-June"."""
    name = m["mon"]
    if name.endswith(".") is False and name.lower() in ("mar", "jan", "jun", "jul", "aug", "oct", "nov", "dec", "sep", "sept", "feb", "apr"):
        return None
    if name in ("May", "March") and not m["rel"] and not _month_context(m):
        return None
    c = _date(m, None, _month(name), None, "month")
    if c is None:
        return None
    rel = " ".join((m["rel"] or "").lower().split())
    if rel in ("this", "last", "next", "that"):
        c.direction = {"last": -1, "next": 1}.get(rel, 0)
        c.need = "year" if rel != "this" else "thisyear"
    elif rel:
        c.mod = lx.PART_MODS.get(" ".join(rel.rstrip("-").split()), "MID")
    return c


_MONTH_CTX = re.compile(r"(?:\b(?:in|since|until|till|by|of|from|to|during|through|and|or|early|late|mid|last|next|this)\s+|-)$", re.I)


def _month_context(m: re.Match[str]) -> bool:
    """May/March are months only after a temporal preposition or before a year or comma."""
    before = m.string[max(0, m.start() - 12) : m.start()]
    return bool(_MONTH_CTX.search(before))


@rule("year", trigger=r"\b(?:1[5-9]|20)\d\d", pattern=rf"(?P<mid>mid-)?(?:(?P<fy>fiscal|the\s+year|calendar)\s+(?:year\s+)?)?(?P<year>{_YEAR})(?!\s*%|,\d|\.\d|-\d|s\b|'s\b)")
def _year(m: re.Match[str]) -> Cand | None:
    """"2017", "fiscal 1989", "mid-1996"."""
    before = m.string[max(0, m.start() - 2) : m.start()]
    if "$" in before or "#" in before:
        return None
    return Cand(m.start(), m.end(), "DATE", m["year"], "year", mod="MID" if m["mid"] else None)


_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"


@rule("spelled_year", trigger="thousand|nineteen", pattern=rf"(?:the\s+year\s+)?(?P<c>nineteen|two\s+thousand(?:\s+and)?)\s+(?P<y>(?:{_TENS})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|{_TEENS}|one|two|three|four|five|six|seven|eight|nine)|(?:the\s+year\s+)?(?P<tt>two\s+thousand)(?!\s+(?:years|people|troops|\w+s\b))")
def _spelled_year(m: re.Match[str]) -> Cand | None:
    """"nineteen ninety-six", "the year two thousand"."""
    if m["tt"]:
        return Cand(m.start(), m.end(), "DATE", "2000", "spelled_year")
    y = lx.number_value(m["y"].replace("-", " "))
    if y is None:
        return None
    century = 1900 if m["c"].lower() == "nineteen" else 2000
    return Cand(m.start(), m.end(), "DATE", f"{century + y:04d}", "spelled_year")


@rule("decade", trigger=r"\ds\b|ties\b", pattern=r"(?:the\s+)?(?:(?P<pm>early|mid|late)[-\s]?)?(?P<dec>(?:1[5-9]|20)\d0|')(?P<d2>\d0)?s|(?:the\s+)?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)")
def _decade(m: re.Match[str]) -> Cand | None:
    """"the 1990s", "the early 1980s", "the '90s", "the sixties"."""
    if m["word"]:
        idx = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
        value = f"19{idx.index(m['word'].lower()) + 2}"
    elif m["dec"] == "'":
        if not m["d2"]:
            return None
        value = f"19{m['d2'][0]}"
    else:
        value = m["dec"][:3]
    c = Cand(m.start(), m.end(), "DATE", value, "decade")
    if m["pm"]:
        c.mod = lx.PART_MODS[m["pm"].lower()]
    return c


@rule("century", trigger="centur", pattern=rf"(?:the\s+)?(?P<n>{_ORD}|\d\d?(?:st|nd|rd|th))[-\s]century")
def _century(m: re.Match[str]) -> Cand | None:
    """"the 20th century", "the nineteenth century"."""
    raw = m["n"].lower()
    n = lx.ORDINALS.get(raw) or _int(raw)
    return Cand(m.start(), m.end(), "DATE", f"{n - 1:02d}", "century")


@rule("season", trigger="spring|summer|fall|autumn|winter", pattern=rf"(?:(?P<rel>this|last|next|that|the|early|late)\s+(?:past\s+)?)?(?P<s>{_SEASON})(?:\s+(?:of\s+)?(?P<year>{_YEAR}|nineteen\s+\w+(?:-\w+)?))?")
def _season(m: re.Match[str]) -> Cand | None:
    """"summer 2018", "last winter", "the spring of 2021"."""
    code = lx.SEASONS[m["s"].lower()]
    month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    if m["year"]:
        year = m["year"] if m["year"].isdigit() else str(1900 + (lx.number_value(m["year"].split(None, 1)[1].replace("-", " ")) or 0))
        return Cand(m.start(), m.end(), "DATE", f"{year}-{code}", "season")
    rel = (m["rel"] or "").lower()
    if not rel or (rel == "the" and m["s"].lower() == "fall"):
        return None
    c = Cand(m.start(), m.end(), "DATE", rule="season", need="year", month=month, suffix=f"-{code}")
    c.direction = {"last": -1, "next": 1}.get(rel, 0)
    c.mod = {"early": "START", "late": "END"}.get(rel)
    return c


@rule("quarter", trigger="quarter", pattern=rf"(?:(?P<ry>this|last|next)\s+year's\s+|(?P<the>the\s+)?(?P<y2>{_YEAR})\s+|(?P<ya>the\s+)?year-(?:earlier|ago)\s+|(?P<the2>the\s+))?(?:(?:fiscal|calendar)[-\s])?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[-\s](?:fiscal\s+)?quarter(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>{_YEAR}))?")
def _quarter(m: re.Match[str]) -> Cand | None:
    """"the third quarter (of 2019)", "third-quarter", "this year's second quarter"."""
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(m["q"].lower()) or _int(m["q"])
    start = m.start()
    if m["the2"] and "-" in m.group(0)[len(m["the2"]):]:
        start = m.start("the2") + len(m["the2"])  # "the third-quarter results": adjective, no article
    year = m["year"] or m["y2"]
    if year:
        return Cand(start, m.end(), "DATE", f"{year}-Q{q}", "quarter")
    c = Cand(start, m.end(), "DATE", rule="quarter", need="year", month=3 * q - 2, suffix=f"-Q{q}")
    if m["ry"] or m["ya"]:
        c.need, c.unit = "thisyear", ""
        c.n = {"last": -1, "next": 1}.get((m["ry"] or "last").lower(), 0) if not m["ya"] else -1
    return c


@rule("qcode", trigger=r"Q[1-4]", pattern=rf"Q(?P<q>[1-4])\s+(?P<year>{_YEAR})", flags=0)
def _qcode(m: re.Match[str]) -> Cand | None:
    """"Q1 2020"."""
    return Cand(m.start(), m.end(), "DATE", f"{m['year']}-Q{m['q']}", "qcode")


def iter_candidates(text: str) -> Iterator[Cand]:
    """Every rule's matches on the text (overlapping; ``select`` keeps the best)."""
    from presslens.analyzers.timexes import relative  # noqa: F401  (registers more rules)

    shared: dict[re.Pattern[str] | None, list[tuple[int, int]]] = {None: [(0, len(text))]}
    folded = fold(text)
    for _name, pattern, build, trigger in RULES:
        if trigger is not None and trigger not in shared:  # rules share triggers: scan for each once
            shared[trigger] = windows(text, trigger, folded)
        spans = shared[trigger]
        seen: set[tuple[int, int]] = set()
        for start, end in spans:
            for m in pattern.finditer(text, start, end):
                c = build(m)
                if c is not None and (c.start, c.end) not in seen:
                    seen.add((c.start, c.end))
                    yield c


def select(cands: list[Cand]) -> list[Cand]:
    """Keep non-overlapping candidates, longest first (earlier rules win ties).

    The chosen extents are disjoint, so kept sorted by start their ends are sorted too: the
    one chosen extent that can overlap a candidate is the last one starting before its end,
    found by binary search instead of a scan of everything chosen so far.
    """
    chosen: list[Cand] = []
    starts: list[int] = []
    ends: list[int] = []
    order = {id(c): i for i, c in enumerate(cands)}
    for c in sorted(cands, key=lambda c: (-c.length, order[id(c)])):
        k = bisect.bisect_left(starts, c.end)
        if k > 0 and ends[k - 1] > c.start:  # that extent starts before c ends and ends after c starts
            continue
        chosen.append(c)
        at = bisect.bisect_left(starts, c.start)
        starts.insert(at, c.start)
        ends.insert(at, c.end)
    return sorted(chosen, key=lambda c: c.start)
