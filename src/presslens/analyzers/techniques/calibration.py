"""Calibrated confidence of a technique span: P(a human judge finds a technique at that span).

A small logistic regression over a handful of features of each candidate span (the tagger's and
classifier's probabilities, which rule proposed it, its length and word classes, lexicon cues,
quotation, the technique, and how propaganda-dense the whole document looks to the tagger) is
fitted on out-of-fold predictions over PTC train articles (``presslens train techniques``; the
label is "overlaps a gold technique span", the audit's notion of a correct span).  The weights and
the threshold under which a span is shown as uncertain ship in
``resources/techniques/model/calibrator.json``; the threshold and its measured precision and
coverage are in the model card.  Hand-written: a dot product and a sigmoid over named features.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from presslens import resources
from presslens.analyzers.techniques.features import TokenTable

RESOURCE = "techniques/model/calibrator.json"
RULES = ("name_calling", "loaded_language", "repetition", "anaphora")
TECHNIQUE_FEATURES = ("Loaded_Language", "Name_Calling,Labeling", "Doubt", "Exaggeration,Minimisation",
                      "Flag-Waving", "Repetition", "Appeal_to_fear-prejudice", "Causal_Oversimplification")
_WORDS_POS = (1, 3, 9, 13, 17)  # ADJ ADV NOUN PROPN VERB
_PROPN, _PUNCT = 13, 14


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed technique span before calibration."""

    start: int
    end: int
    technique: str
    score: float
    explanation: str
    rule: str = ""  # "" = learned (tagger + classifier)
    span_p: float = 0.0  # mean tagger probability over the span (learned spans)
    class_p: float = 0.0  # classifier probability of the technique (learned spans)
    quoted: bool = False


def feature_names() -> tuple[str, ...]:
    """Calibrator features in matrix order."""
    return ("tagger_logit", "class_p", *(f"rule:{r}" for r in RULES), "log_tokens", "content_share",
            "propn_share", "cue_count", "quoted", "doc_density", *(f"tech:{t}" for t in TECHNIQUE_FEATURES))


def _logit(p: float) -> float:
    """Log-odds, clipped."""
    p = min(max(p, 1e-4), 1 - 1e-4)
    return float(np.log(p / (1 - p)))


def news_inputs(p1: np.ndarray) -> np.ndarray:
    """Clipped log-odds of first-stage probabilities."""
    p = np.clip(p1, 1e-4, 1 - 1e-4)
    return np.asarray(np.log(p / (1 - p)))


def candidate_features(cands: list[Candidate], table: TokenTable, doc_density: float) -> np.ndarray:
    """(n, n_features) matrix of the calibrator's features."""
    out = np.zeros((len(cands), len(feature_names())), dtype=np.float64)
    words = ~table.space & (table.pos != _PUNCT)
    for r, c in enumerate(cands):
        a = int(np.searchsorted(table.end, c.start, side="right"))
        b = max(int(np.searchsorted(table.start, c.end, side="left")), a + 1)
        sel = words[a:b]
        n = max(int(sel.sum()), 1)
        pos = table.pos[a:b][sel]
        row = [_logit(c.span_p) if not c.rule else 0.0, c.class_p if not c.rule else 0.0,
               *(float(c.rule == x) for x in RULES), float(np.log1p(n)),
               float(np.isin(pos, _WORDS_POS).sum()) / n, float((pos == _PROPN).sum()) / n,
               float(np.log1p((table.lex[a:b].sum(axis=1) > 0).sum())), float(c.quoted), doc_density,
               *(float(c.technique == t) for t in TECHNIQUE_FEATURES)]
        out[r] = row
    return out


@dataclass(frozen=True)
class Calibrator:
    """Logistic calibrator and the shown threshold."""

    names: tuple[str, ...]
    coef: np.ndarray
    intercept: float
    threshold: float
    news: tuple[float, float, float, float] | None = None  # weights of (stage-1 log-odds, quoted, opinion log-odds), bias

    def proba(self, x: np.ndarray) -> np.ndarray:
        """First-stage (PTC) probabilities of feature rows."""
        if len(x) == 0:
            return np.zeros(0)
        return np.asarray(1.0 / (1.0 + np.exp(-(x @ self.coef + self.intercept))))

    def final(self, p1: np.ndarray, quoted: np.ndarray, opinion: float | None) -> np.ndarray:
        """Second-stage (news) probabilities; the first stage when there is none or no genre."""
        if self.news is None or opinion is None or len(p1) == 0:
            return p1
        a, b, c, d = self.news
        z = a * news_inputs(p1) + b * quoted.astype(np.float64) + c * _logit(opinion) + d
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> Calibrator:
        """Read the JSON document written by training (feature names must match this code)."""
        if tuple(doc["features"]) != feature_names():
            raise ValueError("calibrator features differ from the code's: retrain with 'presslens train techniques'")
        news = tuple(float(v) for v in doc["news"]) if doc.get("news") else None
        return cls(tuple(doc["features"]), np.array(doc["coef"], dtype=np.float64), float(doc["intercept"]),
                   float(doc["threshold"]), news)  # type: ignore[arg-type]

    def to_dict(self, meta: dict[str, Any] | None = None) -> dict[str, Any]:
        """JSON-ready form."""
        return {"features": list(self.names), "coef": [round(float(x), 6) for x in self.coef],
                "intercept": round(self.intercept, 6), "threshold": self.threshold,
                "news": [round(float(x), 6) for x in self.news] if self.news else None, "meta": meta or {}}


@functools.cache
def load_calibrator(folder: str | None = None) -> Calibrator:
    """The packaged calibrator (or the one in a model folder written by training)."""
    if folder:
        return Calibrator.from_dict(json.loads(Path(folder, "calibrator.json").read_text(encoding="utf-8")))
    return Calibrator.from_dict(resources.json_data(RESOURCE))
