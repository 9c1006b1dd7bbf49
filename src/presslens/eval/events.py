"""Scoring of PLOVER event cases (JSONL, format of DESIGN.md).

Each case is one sentence with its gold events, coded as PLOVER coders code: the events the
sentence reports.  The events scored are the ones presslens reports, whatever their confidence
(``confident_only`` keeps those above the threshold), not the passing references it marks as
such (``reference``: "after the attack"; ``with_references`` adds them).  Predicted and
gold events are aligned per sentence by type (greedy, preferring the candidate whose actors
overlap the gold actors), which gives event-type precision, recall and F1 (micro over all
events, macro over the 16 PLOVER types, as the POLECAT/NGEC reports do).  On aligned pairs we
measure actor / target agreement: the share whose strings share a content word
(case-insensitive), and country, status and negation agreement where the gold gives them.

Calibration: every reported event (uncertain ones included) is paired with whether it is right
(aligned with a gold event of its type, with a compatible status when the gold gives one), and
``calibration`` sums the Brier score and a reliability table over those pairs.  Pure functions;
``predict_cases`` runs the pipeline.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from presslens.eval.calibration import Reliability
from presslens.model.records import EVENT_TYPES

STOP = frozenset("the a an of and its their his her 's s to in on for from by".split())
WORD = re.compile(r"[\w'-]+")
Case = Mapping[str, Any]
EventDict = Mapping[str, Any]


def load_cases(path: Path) -> list[dict[str, Any]]:
    """Read a JSONL case file (blank lines skipped)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def is_heldout(case_id: str, digits: str = "012") -> bool:
    """True when a case id ends in one of the held-out digits."""
    return bool(case_id) and case_id[-1] in digits


def select(cases: Sequence[Case], split: str, digits: str = "012", prefix: str = "") -> list[Case]:
    """The cases of a split (all, dev = not held out, heldout) among ids starting with ``prefix``."""
    cases = [c for c in cases if str(c["id"]).startswith(prefix)]
    if split == "all":
        return list(cases)
    want = split == "heldout"
    return [c for c in cases if is_heldout(str(c["id"]), digits) == want]


def words(strings: Iterable[str]) -> set[str]:
    """Lower-cased content words of some strings."""
    found = (w.strip("'") for s in strings for w in WORD.findall(s.lower()))
    return {w[:-2] if w.endswith("'s") else w for w in found if w and w not in STOP}


def overlaps(pred: Iterable[str], gold: Iterable[str]) -> bool:
    """True when predicted and gold strings share a content word."""
    return bool(words(pred) & words(gold))


def align(gold: Sequence[EventDict], pred: Sequence[EventDict]) -> list[tuple[int, int]]:
    """Greedy one-to-one alignment of gold and predicted events of the same type."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        cands = [pi for pi, p in enumerate(pred) if pi not in used and p["type"] == g["type"]]
        if cands:
            best = max(cands, key=lambda pi: overlaps(pred[pi].get("actor", ()), g.get("actor", ())))
            used.add(best)
            pairs.append((gi, best))
    return pairs


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 when undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def status_compatible(gold: EventDict, pred: EventDict) -> bool:
    """Same polarity: happened and reported both assert the event; negated/denied deny it;
    planned, demanded and hypothetical must agree (the audit's rule, ``eval.audit.what``)."""
    if "status" not in gold:
        return True

    def polarity(status: str, negated: bool) -> str:
        if status in ("planned", "demanded", "hypothetical"):
            return f"{status}{'-neg' if negated else ''}"
        return "negative" if negated or status in ("denied", "negated") else "asserted"

    return polarity(gold["status"], bool(gold.get("negated"))) == polarity(pred.get("status", "happened"), bool(pred.get("negated")))


def reported(pred: Sequence[EventDict], *, confident_only: bool = False, with_references: bool = False) -> list[EventDict]:
    """The events presslens reports (optionally only the confident ones, or with the references)."""
    return [p for p in pred if not (confident_only and p.get("uncertain")) and (with_references or not p.get("reference"))]


class Tally:
    """Running counts over cases."""

    def __init__(self) -> None:
        """Start every counter at zero."""
        self.reliability = Reliability()
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.agree: Counter[str] = Counter()
        self.asked: Counter[str] = Counter()
        self.sentences = 0
        self.exact = 0

    def calibrate(self, gold: Sequence[EventDict], pred: Sequence[EventDict]) -> None:
        """Pair each reported event's confidence with whether it is right."""
        told = [p for p in pred if not p.get("reference") and p.get("confidence") is not None]
        right = {pi for gi, pi in align(gold, told) if status_compatible(gold[gi], told[pi])}
        for i, p in enumerate(told):
            self.reliability.add(float(p["confidence"]), i in right)

    def add(self, gold: Sequence[EventDict], pred: Sequence[EventDict]) -> None:
        """Count one sentence."""
        pairs = align(gold, pred)
        self.sentences += 1
        self.exact += sorted(g["type"] for g in gold) == sorted(p["type"] for p in pred)
        for gi, pi in pairs:
            self.tp[gold[gi]["type"]] += 1
            self._agreement(gold[gi], pred[pi])
        matched_g, matched_p = {g for g, _ in pairs}, {p for _, p in pairs}
        self.fn.update(g["type"] for i, g in enumerate(gold) if i not in matched_g)
        self.fp.update(p["type"] for i, p in enumerate(pred) if i not in matched_p)

    def _agreement(self, g: EventDict, p: EventDict) -> None:
        """Role, country, status and negation agreement of an aligned pair."""
        for role in ("actor", "target", "actor_country", "target_country"):
            if g.get(role):
                self.asked[role] += 1
                self.agree[role] += overlaps(p.get(role, ()), g[role])
        if "status" in g:
            self.asked["status"] += 1
            self.agree["status"] += p.get("status", "happened") == g["status"]
        self.asked["negated"] += 1
        self.agree["negated"] += bool(p.get("negated")) == bool(g.get("negated"))

    def metrics(self) -> dict[str, Any]:
        """Micro and macro P/R/F1 plus agreement shares."""
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        p, r, f = _prf(tp, fp, fn)
        macro = [_prf(self.tp[t], self.fp[t], self.fn[t])[2] for t in EVENT_TYPES]
        out: dict[str, Any] = {"sentences": self.sentences, "gold_events": tp + fn, "predicted_events": tp + fp,
                               "precision": p, "recall": r, "f1": f, "macro_f1": sum(macro) / len(macro),
                               "sentence_exact": self.exact / self.sentences if self.sentences else 0.0}
        for key in ("actor", "target", "actor_country", "target_country", "status", "negated"):
            out[f"{key}_agreement"] = self.agree[key] / self.asked[key] if self.asked[key] else None
        return out

    def per_type(self) -> list[tuple[str, float, float, float, int]]:
        """Per-type precision, recall, F1 and gold support."""
        return [(t, *_prf(self.tp[t], self.fp[t], self.fn[t]), self.tp[t] + self.fn[t]) for t in EVENT_TYPES]


def score(cases: Sequence[Case], predictions: Mapping[str, Sequence[EventDict]], *,
          confident_only: bool = False, with_references: bool = False) -> Tally:
    """Score predictions (by case id) against the gold cases (see the module docstring)."""
    tally = Tally()
    for case in cases:
        pred = predictions.get(str(case["id"]), [])
        gold = case.get("events", [])
        tally.add(gold, reported(pred, confident_only=confident_only, with_references=with_references))
        tally.calibrate(gold, pred)
    return tally


def event_dicts(analysis: Any) -> list[dict[str, Any]]:
    """An analysis's events as case-file dicts (actor strings: spans and entity names)."""
    text = analysis.document.text
    out = []
    for ev in analysis.events:
        def names(ids: Sequence[str], spans: Sequence[Any]) -> list[str]:
            linked = [e.name for e in (analysis.entity(i) for i in ids) if e is not None]
            return [text[s.start:s.end] for s in spans] + linked
        out.append({"type": ev.type, "actor": names(ev.actor, ev.actor_spans),
                    "target": names(ev.target, ev.target_spans), "actor_country": list(ev.actor_country),
                    "target_country": list(ev.target_country), "status": ev.status, "negated": ev.negated,
                    "confidence": ev.confidence, "uncertain": ev.uncertain, "reference": ev.reference,
                    "signals": list(ev.signals)})
    return out


def predict_cases(cases: Sequence[Case]) -> dict[str, list[dict[str, Any]]]:
    """Run entities, timexes and events over every case sentence."""
    from presslens.ingest import ingest_text
    from presslens.pipeline import Pipeline
    from presslens.settings import Settings

    pipe = Pipeline(Settings(layers=("entities", "timexes", "events"), require_english=False))
    docs = (ingest_text(c["text"], source=str(c["id"]), published=c.get("date"),
                        settings=pipe.settings) for c in cases)
    return {a.document.source: event_dicts(a) for a in pipe.analyze_many(docs)}


def judged_analyses(path: Path, data: Path, split: str) -> list[tuple[dict[str, Any], Any]]:
    """The hand-judged articles of a split (``events_judged.jsonl``) with their analyses.

    Each row names an article under ``data`` with its SHA-256 and the judgments of the events
    presslens gave it when it was judged (trigger offsets, type, status, right or wrong).
    """
    import hashlib

    import presslens
    from presslens.errors import DatasetError
    from presslens.ingest import ingest_bytes
    from presslens.settings import Settings

    out = []
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line) if line.strip() else None
        if row is None or (split != "all" and row["split"] != split):
            continue
        source = data / row["article"]
        if not source.is_file():
            raise DatasetError(f"{source}: judged article not found (pass --data DIR, the folder holding bbc/ and polnear/)")
        raw = source.read_bytes()
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            raise DatasetError(f"{row['article']}: the file differs from the one judged (SHA-256 mismatch)")
        settings = Settings(keep_text=True, require_english=False)
        out.append((row, presslens.analyze_document(ingest_bytes(raw, source=str(source), settings=settings), settings)))
    return out


def judged_precision(rows: Sequence[tuple[dict[str, Any], Any]]) -> dict[str, Any]:
    """Precision of the events shown as resolved and of all events, over those that were judged.

    An event is judged when its trigger, type and status are those of a judgment; events the
    system gives now but did not give when the article was judged are counted as ``unjudged``.
    """
    counts: Counter[str] = Counter()
    reliability = Reliability()
    for row, analysis in rows:
        verdicts = {(tuple(j["trigger"]), j["type"], j["status"]): j["right"] for j in row["judgments"]}
        for ev in analysis.events:
            right = verdicts.get(((ev.trigger.start, ev.trigger.end), ev.type, ev.status))
            if right is None:
                counts["unjudged"] += 1
                continue
            counts["judged"] += 1
            counts["right"] += right
            counts["resolved"] += not ev.uncertain
            counts["resolved_right"] += right and not ev.uncertain
            if ev.confidence is not None:
                reliability.add(ev.confidence, right)
    judged, resolved = counts["judged"], counts["resolved"]
    return {"articles": len(rows), **dict(counts),
            "precision_all": round(counts["right"] / judged, 4) if judged else None,
            "precision_resolved": round(counts["resolved_right"] / resolved, 4) if resolved else None,
            "share_resolved": round(resolved / judged, 4) if judged else None,
            "calibration": reliability.summary()}
