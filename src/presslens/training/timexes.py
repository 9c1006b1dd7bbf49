"""Fit the document-date model of the timexes layer (``resources/timexes/published.json``).

Examples come from dated news the project may read, never from held-out splits: PolNeAR's
train articles (the date is in the file name) and the TempEval-3 tune documents (their DCT;
documents dated 1999 or later are held out, ``eval.timeml.split_of``).  Each text gives one
example per year candidate (right when it is the true year) and, for the true year, one per
month candidate (right when it is the true month): the month model is the choice given a
right year.  Out-of-fold probabilities of the top choice per text give the thresholds and the
calibration report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from presslens.training.calibrator import Example, choose_threshold, fit

_DATED_NAME = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


@dataclass
class DatedText:
    """A text with its true date and a group name (one article)."""

    id: str
    text: str
    date: date


@dataclass
class DateData:
    """Year and month examples with their groups, and each text's candidates for the report."""

    years: list[Example] = field(default_factory=list)
    year_groups: list[str] = field(default_factory=list)
    months: list[Example] = field(default_factory=list)
    month_groups: list[str] = field(default_factory=list)


def polnear_texts(folder: Path) -> Iterator[DatedText]:
    """PolNeAR articles of one split, dated by their file names."""
    from presslens.ingest import ingest_bytes
    from presslens.settings import Settings

    for path in sorted((folder / "text").glob("*.txt")):
        found = _DATED_NAME.search(path.name)
        if found is None:
            continue
        text = ingest_bytes(path.read_bytes(), source=str(path), settings=Settings(require_english=False)).text
        yield DatedText(path.stem, text, date.fromisoformat(found.group(1)))


def timeml_texts(folders: Sequence[Path], split: str) -> Iterator[DatedText]:
    """TempEval-3 documents of one split with their DCT."""
    from presslens.eval.timeml import iter_tml, split_of

    for folder in folders:
        for doc in iter_tml(folder):
            if doc.dct and doc.text.strip() and split_of(doc) == split:
                yield DatedText(doc.id, doc.text, date.fromisoformat(doc.dct))


def collect(texts: Sequence[DatedText]) -> DateData:
    """Year and month examples of some dated texts."""
    from presslens.analyzers.timexes import find
    from presslens.analyzers.timexes.published import choices, tenses
    from presslens.nlp import make_doc

    data = DateData()
    for t in texts:
        found = choices(find(t.text), t.text, tenses(make_doc(t.text)))
        if found is None:
            continue
        for year, feats in found.years:
            data.years.append((feats, year == t.date.year))
            data.year_groups.append(t.id)
        for month, feats in found.months.get(t.date.year, ()):
            data.months.append((feats, month == t.date.month))
            data.month_groups.append(t.id)
    return data


def top_pairs(probs: Sequence[float], examples: Sequence[Example], groups: Sequence[str]) -> list[tuple[float, bool]]:
    """Per group: the probability of its top candidate and whether that candidate is right."""
    best: dict[str, tuple[float, bool]] = {}
    for p, (_, ok), g in zip(probs, examples, groups, strict=True):
        if g not in best or p > best[g][0]:
            best[g] = (p, ok)
    return list(best.values())


def train(texts: Sequence[DatedText], *, c: float = 1.0, year_target: float = 0.9,
          month_target: float = 0.85) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fit both choices; return the resource data and a report of the out-of-fold checks."""
    from presslens.eval.calibration import summary

    data = collect(texts)
    out: dict[str, Any] = {}
    report: dict[str, Any] = {"texts": len(texts)}
    for name, examples, groups, target in (("year", data.years, data.year_groups, year_target),
                                           ("month", data.months, data.month_groups, month_target)):
        result = fit(examples, groups, c=c, target=target)
        pairs = top_pairs([p for p, _ in result.oof], examples, groups)
        threshold = choose_threshold(pairs, target)
        out[name] = {"weights": result.weights, "threshold": threshold}
        report[name] = {"examples": len(examples), **summary(pairs, threshold)}
    return out, report


def save(data: dict[str, Any], report: dict[str, Any], out: Path) -> Path:
    """Write the document-date model as JSON (weights, thresholds, what training measured)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"about": "Document-date choices of the timexes layer (year, then month): logistic weights over "
                        "presslens.analyzers.timexes.published features; written by 'presslens train timex'.",
               **data, "trained": {k: ({kk: vv for kk, vv in v.items() if kk != "reliability"} if isinstance(v, dict) else v)
                                   for k, v in report.items()}}
    out.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return out


def anchor_examples(folders: Sequence[Path], split: str, date_model: Any) -> Iterator[tuple[Example, str]]:
    """(example, document) for every timex of the TimeML documents of a split, analysed twice:
    with the DCT given and without it (the document date inferred, or none)."""
    from presslens.analyzers.timexes import resolve_text
    from presslens.analyzers.timexes.confidence import features, is_underspecified
    from presslens.eval.timeml import iter_tml, match, split_of
    from presslens.model.span import Span
    from presslens.nlp import make_doc

    for folder in folders:
        for doc in iter_tml(folder):
            if not (doc.dct and doc.text.strip() and split_of(doc) == split):
                continue
            nlp_doc = make_doc(doc.text)
            sentences = [Span(s.start_char, s.end_char) for s in nlp_doc.sents]
            for given in (doc.dct, None):
                cands, _, anchoring = resolve_text(doc.text, sentences, nlp_doc, given, date_model)
                gold = list(doc.timexes)
                pairs = dict(match([(c.start, c.end) for c in cands], [(g.start, g.end) for g in gold]))
                for i, c in enumerate(cands):
                    right = i in pairs and c.value == gold[pairs[i]].value
                    yield (features(c, anchoring, is_underspecified(c.value)), right), doc.id


def train_anchors(folders: Sequence[Path], date_model: Any, *, c: float = 1.0, target: float = 0.8
                  ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fit the timex value confidence on the tune documents; return resource data and a report."""
    from presslens.eval.calibration import summary

    rows = list(anchor_examples(folders, "tune", date_model))
    result = fit([ex for ex, _ in rows], [g for _, g in rows], c=c, target=target)
    return ({"weights": result.weights, "threshold": result.threshold},
            {"examples": len(rows), **summary(result.oof, result.threshold)})


def save_anchors(data: dict[str, Any], report: dict[str, Any], out: Path) -> Path:
    """Write the timex value confidence model as JSON."""
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"about": "Confidence of a timex value: logistic weights over presslens.analyzers.timexes.confidence "
                        "features; written by 'presslens train timex'.",
               **data, "trained": {k: v for k, v in report.items() if k != "reliability"}}
    out.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return out
