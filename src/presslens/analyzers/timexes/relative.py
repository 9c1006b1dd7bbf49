"""Relative, deictic, duration, time-of-day and set rules of the temporal tagger.

Rule families after HeidelTime's English resources (Strötgen & Gertz 2013):
``N UNIT ago / later / before X`` (shifts from the document date, from the
narrative reference time, or from the date of event X), ``last/this/next
UNIT``, ``yesterday/today/tomorrow``, reference words (TimeML ``PRESENT_REF``,
``PAST_REF``, ``FUTURE_REF``), weekdays, parts of day and clock times,
durations ("eight years" → ``P8Y``) and sets ("every year" → ``P1Y`` quant
``EVERY``).  Values for decades and centuries inside durations are given in
years (``P20Y``), as the TempEval-3 gold annotates them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from presslens import resources
from presslens.analyzers.timexes import lexicon as lx
from presslens.analyzers.timexes.candidate import Cand
from presslens.analyzers.timexes.grammar import _MON, _NUMW, _POD, _QMOD, _SEASON, _UNIT, _WD, _YEAR, rule

_DATE_AHEAD = re.compile(
    rf"\s+(?:the\s+)?(?:{_MON}|{_WD}|{_YEAR}\b|today|yesterday|tomorrow|noon|midnight|last|next|this)", re.I
)
_NOUN_AHEAD = re.compile(r"\s+(?!and\b|or\b|to\b|of\b|in\b|later\b|ago\b|before\b|after\b)[a-z]{3,}")
_RATE = re.compile(r"(?:\d|[a-z]s|\bper)\s+$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP = resources.words("lexicon/function_words.tsv", use="event-chain")


def unit_key(raw: str) -> str:
    """Canonical unit name of a unit word ("trading days" → "day", "centuries" → "century")."""
    w = raw.lower().split()[-1]
    w = {"centuries": "century", "millennia": "millennium", "nights": "night"}.get(w, w)
    w = w[:-1] if w.endswith("s") and w not in ("hours",) else w
    w = w.rstrip("s") if w == "hours" else w
    return "day" if w == "night" else w


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration value: P8Y, PT3H, P20Y for two decades, PXM when vague."""
    scale = {"decade": (10, "Y"), "century": (100, "Y"), "millennium": (1, "L"), "quarter": (3, "M"),
             "weekend": (2, "D")}
    if unit in scale:
        k, code = scale[unit]
        amount = "X" if n is None else _num(n * k)
    else:
        code = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
                "year": "Y"}.get(unit, "X")
        amount = "X" if n is None else _num(n)
    prefix = "PT" if unit in lx.TIME_UNITS else "P"
    if n is not None and n % 1 == 0.5 and code in _HALVES and not (code == "M" and unit == "month"):
        return prefix + str(int(n)) + _HALVES[code]
    return prefix + amount + code


_HALVES = {"Y": "Y6M", "D": "DT12H", "H": "H30M", "M": "M30S"}


def _num(x: float) -> str:
    """A number as TIMEX3 writes it: 8 → "8", 1.5 → "1.5"."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _amount(raw: str) -> float | None:
    """Numeric value of an amount phrase; None when vague ("several")."""
    low = " ".join(raw.lower().split())
    if low.endswith(" 1/2") and low[:-4].isdigit():
        return int(low[:-4]) + 0.5
    if low in ("a half", "half a", "half an"):
        return 0.5
    if low == "one and a half":
        return 1.5
    if re.fullmatch(r"\d+\.\d+", low):
        return float(low)
    return lx.number_value(low)


_UNIT_TRIGGER = r"\b(?:second|minute|hour|day|night|week|month|quarter|year|decade|centur|millenni)"


@rule("amount", trigger=_UNIT_TRIGGER, pattern=rf"(?:(?P<qm>{_QMOD})\s+)?(?P<the>the\s+)?(?:(?P<rel>past|last|next|first|coming|previous|following|final|remaining|latest|other)\s+)?(?P<num>{_NUMW})(?:\s+(?:to|or)\s+(?P<num2>{_NUMW}))?[-\s]+(?:(?:more|additional|full|straight|consecutive)\s+)?(?P<unit>{_UNIT})(?P<half>\s+and\s+a\s+half)?(?!-old|\s+old\b|-long\b)(?:\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence|since))?")
def _amount_rule(m: re.Match[str]) -> Cand | None:
    """"eight years", "about three weeks", "two days later/after X", "seventeen years ago"."""
    unit, n = unit_key(m["unit"]), _amount(m["num"])
    if m["unit"][0].isupper() and m["num"][0].isdigit():
        return None  # "60 Minutes": a title, not a duration
    if unit == "second" and m["num"].lower() in ("a", "the") and _NOUN_AHEAD.match(m.string, m.end()):
        return None  # "a second betrayal": the ordinal
    if n is not None and m["half"]:
        n += 0.5
    if m["num"].lower() in ("a", "an", "some") and not (m["dir"] or m["rel"] or m["qm"]) and _RATE.search(
            m.string, max(0, m.start() - 30), m.start()):
        return None
    direction = (m["dir"] or "").lower().split()[0] if m["dir"] else ""
    signal = direction if direction in ("before", "after") and n is not None else ""
    vague = n is None and direction in ("later", "earlier", "before", "after")
    if vague or direction in ("before", "after") or (direction == "since" and _DATE_AHEAD.match(m.string, m.end())):
        # "two days after the attack": TimeML marks the duration, "after" is a signal outside it
        direction, end = "", m.start("dir")
        end = len(m.string[:end].rstrip())
    else:
        end = m.end()
    c = Cand(m.start(), end, "DURATION", duration_value(n, unit), "amount")
    if signal:
        _chain_to_event(c, m, unit, n or 0, signal)
    if m["the"] and not m["rel"] and not m["qm"] and "-" in m.string[m.end("num") : m.start("unit")]:
        c.start = m.start("num")  # "the 30-day period": an adjective, the article belongs to the noun
    if m["qm"]:
        key = " ".join(m["qm"].lower().split())
        c.mod = lx.QUANT_MODS[key]
        if key in lx.MOD_OUTSIDE:
            c.start = m.start("num") if not (m["the"] or m["rel"]) else m.start("the" if m["the"] else "rel")
    if direction:
        _make_shift(c, m, unit, n, direction)
    return c


def _make_shift(c: Cand, m: re.Match[str], unit: str, n: float | None, direction: str) -> None:
    """Turn a duration into a date shifted from DCT (ago) or the reference time (later)."""
    sign = -1 if direction in ("ago", "earlier") else 1
    c.type, c.need, c.unit = "DATE", "shift", unit
    c.base = "DCT" if direction in ("ago", "from", "hence") else "REF"
    if n is None or (unit in ("decade", "century") and n != int(n)):
        c.need, c.value = "", "PAST_REF" if sign < 0 else "FUTURE_REF"
        return
    c.n = sign * int(n)


def _chain_to_event(c: Cand, m: re.Match[str], unit: str, n: float, signal: str) -> None:
    """ "three days after the defeat": the duration stays; the date it implies is looked up
    from the event's earlier dated mention (``implies``)."""
    clause = re.split(r"[;:,.!?]", m.string[m.end() : m.end() + 60], maxsplit=1)[0]
    words = [w.lower() for w in _WORD.findall(clause)[:6]]
    c.event_words = tuple(w for w in words if w not in _STOP and len(w) > 3)
    if c.event_words:
        c.need, c.unit, c.n = "chain", unit, (-1 if signal == "before" else 1) * int(n)


@rule("bareplural", trigger=r"\b(?:centuries|decades|years|months|weeks|days|hours|minutes)\b",
      pattern=r"(?:for|within|in|over|after|during)\s+(?P<the>the\s+)?(?P<unit>centuries|decades|years|months|weeks|days|hours|minutes)(?!\s+(?:old|of\s+age|ago|later|earlier)\b)")
def _bare_plural(m: re.Match[str]) -> Cand | None:
    """ "for years", "within weeks", "for centuries", "over the years": a vague duration (TimeML)."""
    start = m.start("the") if m["the"] else m.start("unit")
    return Cand(start, m.end(), "DURATION", duration_value(None, unit_key(m["unit"])), "bareplural")


@rule("relunit", trigger=_UNIT_TRIGGER + "|season", pattern=r"(?:(?P<pm>early|late|earlier|later)\s+)?(?P<rel>this|last|next|past|coming|previous|following|current|same|that|the\s+(?:past|last|next|coming|previous|following|same|current|latest))\s+(?P<unit>week|weekend|month|quarter|year|decade|century|fiscal\s+year|day|night|season)(?P<pl>s)?")
def _relunit(m: re.Match[str]) -> Cand | None:
    """"last week", "this year", "the following month", "early next year", "the past year"."""
    rel = " ".join(m["rel"].lower().split())
    unit = unit_key(m["unit"])
    if m["pl"]:
        if rel.endswith(("coming", "next", "past", "last")):
            return Cand(m.start(), m.end(), "DURATION", duration_value(None, unit), "relunit")
        return None
    if rel in ("the past", "past") and not m["pm"]:
        return Cand(m.start(), m.end(), "DURATION", duration_value(1, unit), "relunit")
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1,
             "latest": -1 if unit == "quarter" else 0}.get(rel.split()[-1], 0)
    base = "REF" if rel in ("the previous", "the following", "the next", "that", "the same") else "DCT"
    c = Cand(m.start(), m.end(), "DATE", rule="relunit", need="shift", unit=unit, n=shift, base=base)
    if m["unit"].lower() == "night":
        c.type, c.unit, c.time = "TIME", "day", "TNI"
    if m["pm"]:
        c.mod = lx.PART_MODS[m["pm"].lower()]
    return c


@rule("dayword", trigger=r"today|yesterday|tomorrow|tonight", pattern=rf"(?:(?P<pm>early|late|earlier|later)\s+)?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight)(?:\s+(?P<pod>{_POD}))?")
def _dayword(m: re.Match[str]) -> Cand | None:
    """"yesterday", "today", "late tomorrow", "yesterday morning"."""
    shift = lx.DAY_WORDS[" ".join(m["w"].lower().split())]
    c = Cand(m.start(), m.end(), "DATE", rule="dayword", need="shift", unit="day", n=shift)
    if m["pod"]:
        c.type, c.time = "TIME", "T" + lx.PARTS_OF_DAY[m["pod"].lower()]
    if m["pm"] and m["pm"].lower() in ("early", "late"):
        c.mod = lx.PART_MODS[m["pm"].lower()]  # "earlier today": inside the extent (TimeML), no mod
    return c


@rule("refword", lx.alternation(lx.REFERENCE_WORDS))
def _refword(m: re.Match[str]) -> Cand | None:
    """Reference words with fixed values: "now", "recently", "the future"."""
    typ, value = lx.REFERENCE_WORDS[" ".join(m.group(0).lower().split())]
    return Cand(m.start(), m.end(), typ, value, "refword")


@rule("recentunits", trigger=r"\b(?:recent|coming|few|ahead)\b", pattern=r"(?:the\s+)?(?:recent|coming|next\s+few|past\s+few|last\s+few)\s+(?P<unit>days|weeks|months|quarters|decades)|(?:the\s+)?(?P<unit2>days|weeks|months|years)\s+ahead")
def _recentunits(m: re.Match[str]) -> Cand | None:
    """"recent months", "the coming weeks", "the weeks ahead": vague durations."""
    unit = unit_key(m["unit"] or m["unit2"])
    return Cand(m.start(), m.end(), "DURATION", duration_value(None, unit), "recentunits")


@rule("fiscalyear", trigger="year", pattern=r"the\s+(?:fiscal\s+)?year(?=\s+end(?:ed|ing)\b)|the\s+(?P<full>full|current|entire)\s+year|the\s+end\s+of\s+the\s+(?P<unit>year|month|week)")
def _fiscalyear(m: re.Match[str]) -> Cand | None:
    """"the year ended June 30" (a duration), "the full year", "the end of the month"."""
    if m["full"] or m["unit"]:
        c = Cand(m.start(), m.end(), "DATE", rule="fiscalyear", need="shift", unit=m["unit"] or "year", n=0)
        c.mod = "END" if m["unit"] else None
        return c
    return Cand(m.start(), m.end(), "DURATION", "P1Y", "fiscalyear")


@rule("theunit", trigger=r"weekend|quarter", pattern=r"(?:the|this|last|next)\s+(?P<unit>weekend)|the\s+(?P<q>quarter)")
def _theunit(m: re.Match[str]) -> Cand | None:
    """"the weekend" (nearest by tense) and "the quarter" (the one last mentioned)."""
    if m["q"]:
        return Cand(m.start(), m.end(), "DATE", rule="theunit", need="shift", unit="quarter")
    rel = m.group(0).split()[0].lower()
    return Cand(m.start(), m.end(), "DATE", rule="theunit", need="weekday", unit="weekend", weekday=5,
                direction={"last": -1, "next": 1}.get(rel, 0))


@rule("dayref", trigger=r"\bday\b|morning", pattern=r"the\s+(?P<rel>next|following|previous|same)\s+(?:day|morning)")
def _dayref(m: re.Match[str]) -> Cand | None:
    """"the next day", "the previous morning": one day from the narrative time."""
    n = {"next": 1, "following": 1, "previous": -1}.get(m["rel"].lower(), 0)
    return Cand(m.start(), m.end(), "DATE", rule="dayref", need="shift", unit="day", n=n, base="REF")


@rule("weekday", trigger=r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day", pattern=rf"(?:(?P<rel>(?i:last|next|this|this\s+coming|this\s+past|coming|early|late|earlier|later|the\s+previous|the\s+following))\s+)?(?P<wd>{_WD})(?:\s+(?P<pod>{_POD}))?", flags=0)
def _weekday(m: re.Match[str]) -> Cand | None:
    """"Friday", "last Monday", "next Tuesday", "Friday night"."""
    rel = " ".join((m["rel"] or "").lower().split())
    c = Cand(m.start(), m.end(), "DATE", rule="weekday", need="weekday",
             weekday=lx.WEEKDAYS[m["wd"].lower()])
    c.direction = -1 if rel in ("last", "this past") else 1 if rel in ("next", "this coming", "coming") else 0
    if rel in ("the previous", "the following"):
        c.direction, c.base = (-1 if rel == "the previous" else 1), "REF"
    if rel in ("early", "late"):
        c.mod = lx.PART_MODS[rel]  # "earlier Sunday": inside the extent (TimeML), no mod
    if m["pod"]:  # "Friday night": a TIME with the part of day (TimeML; 5 of 7 such tune extents)
        c.type, c.time = "TIME", "T" + lx.PARTS_OF_DAY[m["pod"].lower()]
    return c


@rule("partofday", trigger="morning|afternoon|evening|night", pattern=rf"(?P<rel>this|that|the|last|yesterday|tomorrow)\s+(?P<pod>{_POD})|(?P<ov>overnight)")
def _partofday(m: re.Match[str]) -> Cand | None:
    """"this morning", "last night", "that evening", "overnight"."""
    rel = (m["rel"] or "this").lower()
    pod = "NI" if m["ov"] else lx.PARTS_OF_DAY[m["pod"].lower()]
    n = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0)
    base = "REF" if rel in ("that", "the") else "DCT"
    return Cand(m.start(), m.end(), "TIME", rule="partofday", need="shift", unit="day", n=n,
                base=base, time="T" + pod)


@rule("clock", trigger=r"\d\s*[ap]\.?m|noon|midnight|midday", pattern=rf"(?:(?P<h>\d{{1,2}})(?::(?P<mi>\d\d))?\s*(?P<ap>[ap]\.m\.|[ap]m\b|[ap]\.m\b)(?:\s+(?:EST|EDT|GMT|CST|PST|UTC|local\s+time))?|(?P<w>noon|midnight|midday))(?:\s+(?:on\s+)?(?P<wd>{_WD}|today|yesterday|tomorrow)|,?\s+(?P<mon>{_MON})\s+(?P<day>\d\d?)\b)?")
def _clock(m: re.Match[str]) -> Cand | None:
    """"7:15 p.m.", "noon Thursday", "5 p.m. EST Nov. 9"."""
    if m["w"]:
        hhmm = "24:00" if m["w"].lower() == "midnight" else "12:00"
    else:
        h = int(m["h"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
        if int(m["h"]) > 12:
            return None
        hhmm = f"{h:02d}:{m['mi'] or '00'}"
    c = Cand(m.start(), m.end(), "TIME", rule="clock", need="shift", unit="day", n=0, time="T" + hhmm)
    day = (m["wd"] or "").lower()
    if m["mon"]:
        mo, d = lx.MONTHS[m["mon"].lower().rstrip(".")], int(m["day"])
        c.need, c.month, c.day, c.suffix = "year", mo, d, f"-{mo:02d}-{d:02d}T{hhmm}"
    elif day in lx.WEEKDAYS:
        c.need, c.weekday = "weekday", lx.WEEKDAYS[day]
    elif day:
        c.n = lx.DAY_WORDS[day]
    return c


@rule("every", trigger="every|each", pattern=rf"(?P<q>every|each)\s+(?:other\s+)?(?:(?P<num>{_NUMW})\s+)?(?P<unit>{_UNIT}|{_WD}|{_SEASON}|{_MON})")
def _every(m: re.Match[str]) -> Cand | None:
    """"every year", "each Tuesday", "every other week": sets."""
    word = m["unit"]
    quant = m["q"].upper()
    if word.lower() in lx.WEEKDAYS:
        value = f"XXXX-WXX-{lx.WEEKDAYS[word.lower()] + 1}"
    elif word.lower() in lx.SEASONS:
        value = f"XXXX-{lx.SEASONS[word.lower()]}"
    elif word.lower().rstrip(".") in lx.MONTHS:
        value = f"XXXX-{lx.MONTHS[word.lower().rstrip('.')]:02d}"
    else:
        n = _amount(m["num"]) if m["num"] else 1
        value = duration_value(n, unit_key(word))
    return Cand(m.start(), m.end(), "SET", value, "every", quant=quant)


@rule("setadv", lx.alternation(lx.SET_ADVERBS))
def _setadv(m: re.Match[str]) -> Cand | None:
    """"daily", "weekly", "annually": sets."""
    return Cand(m.start(), m.end(), "SET", lx.SET_ADVERBS[m.group(0).lower()], "setadv")


@rule("freq", trigger="once|twice|thrice|times", pattern=r"(?:once|twice|thrice|(?:\w+)\s+times)\s+(?P<x>(?:a|an|per)\s+(?P<unit>day|week|month|year|hour|minute|decade))")
def _freq(m: re.Match[str]) -> Cand | None:
    """"twice a year": the set is "a year", the frequency 2X."""
    c = Cand(m.start("x"), m.end("x"), "SET", duration_value(1, m["unit"].lower()), "freq")
    word = m.group(0).split()[0].lower()
    c.freq = {"once": "1X", "twice": "2X", "thrice": "3X"}.get(word) or (
        f"{lx.number_value(word)}X" if lx.number_value(word) else None)
    return c


@rule("yearago", trigger=r"year-", pattern=r"(?P<the>the\s+)?year-(?:earlier|ago)(?P<noun>\s+(?:quarter|period|nine\s+months|six\s+months|results))?")
def _yearago(m: re.Match[str]) -> Cand | None:
    """"the year-earlier quarter", "year-ago" (financial news); "the" only with its noun."""
    start = m.start() if m["noun"] or not m["the"] else m.end("the")
    return Cand(start, m.end(), "DATE", rule="yearago", need="shift", unit="year", n=-1, base="DCT")


@rule("holiday", trigger=r"christmas|new year|independence|halloween|valentine|boxing", pattern=rf"(?:{lx.alternation(lx.HOLIDAYS)})(?:,?\s+(?P<year>{_YEAR}))?")
def _holiday(m: re.Match[str]) -> Cand | None:
    """"Christmas", "New Year's Eve 1999"."""
    name = " ".join(m.group(0).lower().split())
    key = next(k for k in sorted(lx.HOLIDAYS, key=len, reverse=True) if name.startswith(k))
    if not m.group(0)[0].isupper():
        return None
    md = lx.HOLIDAYS[key]
    if m["year"]:
        return Cand(m.start(), m.end(), "DATE", f"{m['year']}-{md}", "holiday")
    mo, d = (int(x) for x in md.split("-"))
    return Cand(m.start(), m.end(), "DATE", rule="holiday", need="year", month=mo, day=d, suffix=f"-{md}")


@rule("movable", trigger=r"thanksgiving|easter", pattern=rf"(?P<name>Thanksgiving|Easter)(?:\s+(?:Day|Sunday))?(?:,?\s+(?P<year>{_YEAR}))?", flags=0)
def _movable(m: re.Match[str]) -> Cand | None:
    """"Thanksgiving (Day)" (fourth Thursday of November), "Easter (Sunday)" (dateutil's easter)."""
    name = m["name"].lower()
    if m["year"]:
        return Cand(m.start(), m.end(), "DATE", movable_date(name, int(m["year"])).isoformat(), "movable")
    mo, d = (11, 25) if name == "thanksgiving" else (4, 10)  # typical dates, for choosing the year
    c = Cand(m.start(), m.end(), "DATE", rule="movable", need="year", month=mo, day=d)
    c.suffix = name
    return c


def movable_date(name: str, year: int) -> date:
    """The date of a movable feast in a given year."""
    if name == "easter":
        from dateutil.easter import easter

        return easter(year)
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
