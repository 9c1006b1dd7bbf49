"""Infer the document date from its own text, with a calibrated confidence.

When no metadata gives the date, the text still says a lot: news is written in (or just
after) the latest year it reports in the past tense; years after that appear in future
clauses ("the 2020 election will …"); "N years ago, on <full date>" fixes the year; bare
month-days ("on Sept. 12") sit in the weeks around the writing.  The inference is two
choices, each a small logistic model over such cues (``date_features``), fitted by
``presslens train timex`` on dated news the project may read (PolNeAR train, TempEval-3 tune
documents) and shipped as ``resources/timexes/published.json``:

1. the year: every year the text names explicitly is a candidate, and so is the year after
   the latest one (a text of January naming last December);
2. the month within it: every month named in that year (bare month-days taken in it), and
   the month after the latest one.

A choice is shown only when its calibrated probability reaches the shipped threshold; the
month is shown only when the year is.  Below the threshold the date stays unset and the
guesses are kept as ``candidates`` with their confidences: relative dates then stay
underspecified instead of being anchored to a wrong year.  There is no public tool for
this; the cues are the ones a fact-checker uses.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from presslens import resources
from presslens.analyzers.timexes.calendar import parse_value
from presslens.analyzers.timexes.candidate import Cand
from presslens.analyzers.timexes.tense import tense_at
from presslens.errors import ModelError
from presslens.model.document import DateCandidate, Published
from presslens.model.span import Span

RESOURCE = "timexes/published.json"
_AS_OF = re.compile(r"\b(?:as\s+of|as\s+at)\s+$", re.I)
_SINCE = re.compile(r"\b(?:since|after)\s+(?:the\s+)?$", re.I)
_BARE_RULES = frozenset({"md", "dm", "month"})
_MODIFIER = re.compile(r"(?:'s)?\s+(?!and\b|or\b|to\b|in\b|of\b|when\b|that\b|the\b|a\b)[a-z]{3,}")
_IN_YEAR = re.compile(r"\bin\s+$", re.I)
_RELATIVE_YEARS = frozenset({"relunit"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A dated mention: its candidate, representative day, granularity and clause tense."""

    cand: Cand
    day: date
    gran: str
    tense: str


TenseOf = Callable[[Cand], str]


def tenses(doc: Any) -> TenseOf:
    """The tense of a candidate's clause, read from the parse."""
    return lambda c: tense_at(doc, c.start, c.end)


def explicit_mentions(cands: Sequence[Cand], tense: TenseOf) -> list[Mention]:
    """Fully specified DATE mentions with a year (not decades or centuries)."""
    out = []
    for c in cands:
        if c.need or c.type != "DATE":
            continue
        parsed = parse_value(c.value)
        if parsed is None or not re.match(r"\d{4}", c.value):
            continue
        out.append(Mention(c, parsed[0], parsed[1], tense(c)))
    return out


def bare_mentions(cands: Sequence[Cand], tense: TenseOf) -> list[tuple[Cand, int, str]]:
    """Month(-day) mentions without a year: (candidate, month, tense)."""
    return [(c, c.month, tense(c)) for c in cands
            if c.rule in _BARE_RULES and c.need == "year" and not c.direction and c.month]


def _year_fix(cands: Sequence[Cand], text: str) -> int | None:
    """The writing year from "N years ago" beside an explicit date ("22 years ago, in 1994")."""
    for i, c in enumerate(cands):
        if c.rule == "amount" and c.need == "shift" and c.base == "DCT" and c.unit == "year" and c.n < 0:
            for other in (cands[j] for j in (i + 1, i - 1) if 0 <= j < len(cands)):
                parsed = parse_value(other.value) if not other.need and other.type == "DATE" else None
                gap = text[min(c.end, other.end) : max(c.start, other.start)]
                if parsed and len(gap) < 20 and not any(ch in gap for ch in ".\n;"):
                    return parsed[0].year - c.n
    return None


def _count_feature(n: int, name: str) -> str:
    """A bucketed count feature name ("n=1", "n=2-3", "n=4+")."""
    return f"{name}=1" if n == 1 else f"{name}=2-3" if n <= 3 else f"{name}=4+"


def year_features(year: int, ms: Sequence[Mention], cands: Sequence[Cand], text: str,
                  fix: int | None, n_bare: int) -> dict[str, float]:
    """Cues for "the text was written in ``year``"."""
    years = [m.day.year for m in ms]
    top = max(years)
    mine = [m for m in ms if m.day.year == year]
    later = [m for m in ms if m.day.year > year]
    f = {"bias": 1.0, "max": float(year == top), "max+1": float(year == top + 1), "below_max": float(year < top)}
    if mine:
        f[_count_feature(len(mine), "n")] = 1.0
        f["share_half"] = float(len(mine) * 2 >= len(ms))
        f["day_in"] = float(any(m.gran == "day" for m in mine))
        f["month_in"] = float(any(m.gran == "month" for m in mine))
        f["past_in"] = float(any(m.tense == "past" for m in mine))
        f["future_in"] = float(any(m.tense == "future" for m in mine))
        f["since_in"] = float(any(_SINCE.search(text[max(0, m.cand.start - 12) : m.cand.start]) for m in mine))
        f["as_of_in"] = float(any(_AS_OF.search(text[max(0, m.cand.start - 10) : m.cand.start]) for m in mine))
        f["modifier_in"] = float(any(_MODIFIER.match(text, m.cand.end) for m in mine if m.gran == "year"))
        f["in_year_in"] = float(any(_IN_YEAR.search(text[max(0, m.cand.start - 4) : m.cand.start]) for m in mine))
        f["open_in"] = float(any(m.tense in ("present", "unknown") for m in mine))
    if later:
        f["later_all_future"] = float(all(m.tense in ("future", "unknown") for m in later))
        f["later_past"] = float(any(m.tense == "past" for m in later))
    lower = [y for y in years if y < year]
    if lower and year - max(lower) >= 3:
        f["gap_below"] = 1.0
    f["only_year"] = float(len(set(years)) == 1)
    f["bare_dates"] = float(n_bare > 0)
    f["relative_years"] = float(any(c.rule in _RELATIVE_YEARS and c.unit == "year" for c in cands))
    if fix is not None:
        f["fix_agrees" if fix == year else "fix_differs"] = 1.0
    return {k: v for k, v in f.items() if v}


def month_features(month: int, year: int, ms: Sequence[Mention], bare: Sequence[tuple[Cand, int, str]],
                   latest: int) -> dict[str, float]:
    """Cues for "the text was written in ``month`` of ``year``"."""
    dated = [(m.day.month, m.tense, m.gran) for m in ms if m.day.year == year and m.gran in ("day", "month")]
    dated += [(mo, tense, "bare") for _, mo, tense in bare]
    mine = [d for d in dated if d[0] == month]
    later = [d for d in dated if d[0] > month]
    past = [d[0] for d in dated if d[1] == "past"]
    f = {"bias": 1.0, "latest": float(month == latest), "after_latest": float(month == latest + 1)}
    f["latest_past"] = float(bool(past) and month == max(past))
    if mine:
        f[_count_feature(len(mine), "n")] = 1.0
        f["day_in"] = float(any(g == "day" for _, _, g in mine))
        f["bare_in"] = float(any(g == "bare" for _, _, g in mine))
        f["past_in"] = float(any(t == "past" for _, t, _ in mine))
    if later:
        f["later_all_future"] = float(all(t in ("future", "unknown") for _, t, _ in later))
        f["later_past"] = float(any(t == "past" for _, t, _ in later))
    return {k: v for k, v in f.items() if v}


@dataclass(frozen=True, slots=True)
class DateModel:
    """Logistic weights of the year and month choices and their thresholds."""

    year: Mapping[str, float]
    month: Mapping[str, float]
    year_threshold: float
    month_threshold: float


def load_model() -> DateModel | None:
    """The shipped model (``timexes/published.json``), or None when absent."""
    if RESOURCE not in resources.names():
        return None
    return model_from(resources.json_data(RESOURCE))


def load_file(path: Any) -> DateModel | None:
    """A model written by ``presslens train timex`` to a file (None when it does not exist)."""
    import json
    from pathlib import Path

    p = Path(path)
    return model_from(json.loads(p.read_text(encoding="utf-8"))) if p.is_file() else None


def model_from(data: Any) -> DateModel:
    """A DateModel from its JSON data."""
    try:
        return DateModel({k: float(v) for k, v in data["year"]["weights"].items()},
                         {k: float(v) for k, v in data["month"]["weights"].items()},
                         float(data["year"]["threshold"]), float(data["month"]["threshold"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"malformed resource {RESOURCE}: {exc}") from exc


def probability(weights: Mapping[str, float], feats: Mapping[str, float]) -> float:
    """Logistic probability of a feature dict."""
    z = sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class Choices:
    """Every year and month candidate with its features (what training and inference share)."""

    years: list[tuple[int, dict[str, float]]]
    months: dict[int, list[tuple[int, dict[str, float]]]]
    evidence: dict[int, list[Cand]]


def choices(cands: Sequence[Cand], text: str, tense: TenseOf) -> Choices | None:
    """Year candidates and, per year, month candidates with their features (None: no dated text)."""
    ms = explicit_mentions(cands, tense)
    if not ms:
        return None
    bare = bare_mentions(cands, tense)
    fix = _year_fix(cands, text)
    top = max(m.day.year for m in ms)
    years = sorted({m.day.year for m in ms} | {top + 1} | ({fix} if fix else set()))
    out = [(y, year_features(y, ms, cands, text, fix, len(bare))) for y in years]
    months: dict[int, list[tuple[int, dict[str, float]]]] = {}
    evidence: dict[int, list[Cand]] = {}
    for y in years:
        named = {m.day.month for m in ms if m.day.year == y and m.gran in ("day", "month")} | {mo for _, mo, _ in bare}
        evidence[y] = [m.cand for m in ms if m.day.year == y][:3]
        if named:
            latest = max(named)
            pool = sorted(named | ({latest + 1} if latest < 12 else set()))
            months[y] = [(mo, month_features(mo, y, ms, bare, latest)) for mo in pool]
    return Choices(out, months, evidence)


def infer_published(cands: Sequence[Cand], text: str, doc: Any, model: DateModel | None) -> Published | None:
    """``Published`` inferred from the text: shown when confident, else only its candidates."""
    found = choices(cands, text, tenses(doc))
    if found is None or model is None:
        return None
    scored = sorted(((probability(model.year, f), y) for y, f in found.years), reverse=True)
    p_year, year = scored[0]
    value, conf = f"{year:04d}", p_year
    month_scored = sorted(((probability(model.month, f), mo) for mo, f in found.months.get(year, ())), reverse=True)
    cands_out = [DateCandidate(f"{year:04d}", round(p_year, 3))]
    if month_scored:
        p_month, month = month_scored[0]
        both = p_year * p_month
        cands_out.insert(0, DateCandidate(f"{year:04d}-{month:02d}", round(both, 3)))
        if p_year >= model.year_threshold and both >= model.month_threshold:
            value, conf = f"{year:04d}-{month:02d}", both
    spans = tuple(sorted({Span(c.start, c.end) for c in found.evidence.get(year, [])}))
    if p_year < model.year_threshold:
        return Published(None, inferred=True, evidence=spans, confidence=None, candidates=tuple(cands_out))
    return Published(value, inferred=True, evidence=spans, confidence=round(conf, 3), candidates=())


def proxy_day(value: str, cands: Sequence[Cand], doc: Any) -> date | None:
    """A representative day for an inferred month or year (the latest past mention in it)."""
    parsed = parse_value(value)
    if parsed is None:
        return None
    d, gran = parsed
    if gran == "day":
        return d
    days = [m.day for m in explicit_mentions(cands, tenses(doc)) if m.gran == "day" and m.tense == "past"
            and m.day.year == d.year and (gran == "year" or m.day.month == d.month)]
    if days:
        return max(days)
    return date(d.year, 6, 30) if gran == "year" else d.replace(day=15)
