"""Audit scorers, group ``what``: events, claims, techniques and genre against hand labels.

Protocol (shared with the ``who`` group): ``score(layer, gold, analysis, text)`` returns counts
for one article; the audit framework sums them per layer and split and prints precision =
``correct / predicted`` and coverage = ``found / gold``.  Gold files live in ``labels/what/``
(offsets only; conventions in ``labels/what/README.md``).  Two spans *match* when they share at
least one character.

events
    ``predicted`` = the system events shown as resolved (those marked ``uncertain`` are kept but
    shown as uncertain: extra ``uncertain``, and ``uncertain_right`` of them would have been
    correct).  One is ``correct`` when its trigger overlaps a gold trigger of the same PLOVER
    type with a compatible status (see :func:`status_compatible`).  Otherwise it counts as
    ``status_error`` (right type, wrong status or polarity), ``type_error`` (a gold event there,
    another type), ``on_non_trigger`` (on a labelled non-event: metaphor, statement, rally …) or
    ``spurious`` (nothing there).  ``found`` = gold events overlapped by a system event of the
    same type, whatever its status or confidence (``found_resolved``: by a resolved one).
    Extras: ``found_any_type``, ``status_exact``, ``actor_checked`` / ``actor_agree`` (correct
    events with a gold actor; agree when a system actor span overlaps one), and the calibration
    of every event's confidence against its verdict (uncertain ones included): ``conf_n``,
    ``brier_e4`` (sum of squared errors × 10⁴) and per fifth of the scale ``cal{k}_n`` /
    ``cal{k}_right`` / ``cal{k}_conf_e4`` (k = 0 for 0–0.2 … 4 for 0.8–1).
claims
    Each system claim is paired with the gold claim it overlaps most; claims overlapping no gold
    unit (bylines, lists) are counted as ``unmatched`` and left out of precision.  A paired claim
    whose kind and attribution the layer marks ``uncertain`` is shown as unresolved: it counts
    as ``uncertain`` and is left out of precision (``uncertain_correct`` says how many of them
    were right anyway).  ``predicted`` = paired resolved claims; ``correct`` = kind and
    attribution type agree and, for a named gold source, the system's source entity has a
    mention overlapping the gold source span.  ``gold`` = gold check-worthy claims; ``found`` =
    those overlapped by a system claim flagged check-worthy (score at or above the layer's
    flag, :func:`checkworthy_threshold`).  Extras: ``kind_correct``, ``attribution_correct``
    (over resolved claims), ``all_paired`` / ``all_correct`` (every paired claim, resolved or
    not), ``cw_predicted`` / ``cw_correct`` (precision of the check-worthy flag on paired
    claims), ``gold_claims`` / ``claims_found``, and ``cw_bin<k>_n`` / ``cw_bin<k>_yes``: paired
    claims whose score falls in tenth ``k`` and how many of them are gold check-worthy (a
    reliability table of the scores).
techniques
    ``predicted`` = every span shown as found (not marked uncertain); ``correct`` = it overlaps a
    gold span (``label_agree`` when that gold span has the same technique, finer names mapped to
    their PTC group).  ``gold`` = gold spans in the author's voice; ``found`` = those hit by any
    system span, uncertain ones included (they are kept and shown as uncertain).  Extras:
    ``author_predicted`` / ``author_correct`` (shown spans not marked quoted), ``gold_quoted`` /
    ``found_quoted``, ``uncertain`` / ``uncertain_correct`` (spans shown as uncertain),
    ``quoted_agree`` (shown spans on a gold span whose quoted flag matches theirs), ``found_shown``
    (author-voice gold spans hit by a span shown as found: the coverage of what a reader sees).
genre
    One prediction per article: ``correct`` = ``found`` = the label agrees; per-class extras
    ``gold_<label>``, ``predicted_<label>``, ``correct_<label>`` give per-class F1.

Written by hand: this is the project's own label format and matching rule; no library scores it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from presslens.model.analysis import Analysis
from presslens.model.records import TECHNIQUES, Claim, Event, Technique
from presslens.model.span import Span

LAYERS: tuple[str, ...] = ("events", "claims", "techniques", "genre")


def checkworthy_threshold() -> float:
    """The score at or above which the claims layer flags a claim check-worthy (its calibration)."""
    from presslens.analyzers.claims.calibrate import packaged_calibration

    return packaged_calibration().flag

IRREALIS = frozenset(("planned", "demanded", "hypothetical"))


def score(layer: str, gold: dict[str, Any], analysis: Analysis, text: str) -> dict[str, int]:
    """Counts for one article and one layer (keys: predicted, correct, gold, found, extras)."""
    scorers = {"events": score_events, "claims": score_claims,
               "techniques": score_techniques, "genre": score_genre}
    if layer not in scorers:
        raise ValueError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}")
    check_spans(gold, len(text))
    return scorers[layer](gold, analysis)


def check_spans(gold: dict[str, Any], size: int) -> None:
    """Raise ValueError when a gold span is empty or outside a text of ``size`` characters."""
    for start, end in _gold_spans(gold):
        if not 0 <= start < end <= size:
            raise ValueError(f"gold span [{start}, {end}) outside the text (length {size})")


def _gold_spans(gold: dict[str, Any]) -> Iterable[list[int]]:
    """Every [start, end] pair of a label file."""
    for ev in gold.get("events", ()):
        yield ev["trigger"]
        yield from ev.get("actor", ())
        yield from ev.get("target", ())
    for item in gold.get("event_non_triggers", ()):
        yield item["span"]
    for claim in gold.get("claims", ()):
        yield claim["span"]
        attribution = claim.get("attribution") or {}
        yield from (attribution[k] for k in ("source", "cue") if attribution.get(k))
    for tech in gold.get("techniques", ()):
        yield tech["span"]


def span(pair: Sequence[int]) -> Span:
    """A Span from a gold ``[start, end]`` pair."""
    return Span(int(pair[0]), int(pair[1]))


def overlap(a: Span, b: Span) -> int:
    """Number of characters two spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


# --- events -------------------------------------------------------------------------------


def polarity(status: str, negated: bool) -> str:
    """``asserted`` (it occurred), ``negative`` (it did not) or the irrealis status itself."""
    if status in IRREALIS:
        return f"{status}{'-neg' if negated else ''}"
    if negated or status == "denied":
        return "negative"
    return "asserted"


def status_compatible(gold_status: str, gold_negated: bool, status: str, negated: bool) -> bool:
    """Whether a system status may stand for the gold one.

    happened and reported both assert that the event occurred (they differ only in whose voice
    says so) and are compatible; a negated or denied event is compatible only with a negated or
    denied one; planned, demanded and hypothetical must agree exactly, negation included.
    """
    return polarity(gold_status, gold_negated) == polarity(status, negated)


def event_verdict(ev: Event, gold_events: Sequence[dict[str, Any]], non_triggers: Sequence[Span]) -> str:
    """correct | status_error | type_error | on_non_trigger | spurious for one system event."""
    here = [g for g in gold_events if ev.trigger.overlaps(span(g["trigger"]))]
    same_type = [g for g in here if g["type"] == ev.type]
    if any(status_compatible(g["status"], g.get("negated", False), ev.status, ev.negated) for g in same_type):
        return "correct"
    if same_type:
        return "status_error"
    if here:
        return "type_error"
    if any(ev.trigger.overlaps(nt) for nt in non_triggers):
        return "on_non_trigger"
    return "spurious"


def _actor_agrees(ev: Event, gold_events: Sequence[dict[str, Any]]) -> bool | None:
    """None when no matching gold event names an actor; else whether a system actor span hits one."""
    actors = [span(a) for g in gold_events if g["type"] == ev.type and ev.trigger.overlaps(span(g["trigger"]))
              for a in g.get("actor", ())]
    if not actors:
        return None
    return any(s.overlaps(a) for s in ev.actor_spans for a in actors)


def score_events(gold: dict[str, Any], analysis: Analysis) -> dict[str, int]:
    """Event counts for one article (see the module docstring)."""
    gold_events = list(gold.get("events", ()))
    non_triggers = [span(n["span"]) for n in gold.get("event_non_triggers", ())]
    counts: Counter[str] = Counter(predicted=0, correct=0, gold=len(gold_events), found=0)
    for ev in analysis.events:
        verdict = event_verdict(ev, gold_events, non_triggers)
        _calibration(counts, ev.confidence, verdict == "correct")
        if ev.uncertain:
            counts["uncertain"] += 1
            counts["uncertain_right"] += verdict == "correct"
            continue
        counts["predicted"] += 1
        counts[verdict] += 1
        if verdict == "correct":
            counts["status_exact"] += any(
                g["status"] == ev.status and ev.trigger.overlaps(span(g["trigger"])) for g in gold_events)
            agree = _actor_agrees(ev, gold_events)
            if agree is not None:
                counts["actor_checked"] += 1
                counts["actor_agree"] += agree
    for g in gold_events:
        hits = [ev for ev in analysis.events if ev.trigger.overlaps(span(g["trigger"]))]
        counts["found"] += any(ev.type == g["type"] for ev in hits)
        counts["found_resolved"] += any(ev.type == g["type"] and not ev.uncertain for ev in hits)
        counts["found_any_type"] += bool(hits)
    return dict(counts)


def _calibration(counts: Counter[str], confidence: float | None, right: bool) -> None:
    """Add one event's confidence and verdict to the integer calibration counts."""
    if confidence is None:
        return
    k = min(int(confidence * 5), 4)
    counts["conf_n"] += 1
    counts["brier_e4"] += round((confidence - float(right)) ** 2 * 10_000)
    counts[f"cal{k}_n"] += 1
    counts[f"cal{k}_right"] += right
    counts[f"cal{k}_conf_e4"] += round(confidence * 10_000)


# --- claims -------------------------------------------------------------------------------


def best_gold(claim_span: Span, gold_claims: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The gold claim sharing most characters with ``claim_span`` (None if none overlaps)."""
    best, best_len = None, 0
    for g in gold_claims:
        shared = overlap(claim_span, span(g["span"]))
        if shared > best_len:
            best, best_len = g, shared
    return best


def source_agrees(claim: Claim, gold_claim: dict[str, Any], analysis: Analysis) -> bool:
    """Whether the attribution's source is right: only checked when the gold source is named."""
    attribution = gold_claim["attribution"]
    if attribution["type"] != "named" or not attribution.get("source"):
        return True
    entity = analysis.entity(claim.attribution.source)
    if entity is None:
        return False
    gold_source = span(attribution["source"])
    return any(m.overlaps(gold_source) for m in entity.mentions)


def score_claims(gold: dict[str, Any], analysis: Analysis) -> dict[str, int]:
    """Claim counts for one article (see the module docstring)."""
    gold_claims = list(gold.get("claims", ()))
    worthy = [g for g in gold_claims if g["checkworthy"] == "yes"]
    flag = checkworthy_threshold()
    counts: Counter[str] = Counter(predicted=0, correct=0, gold=len(worthy), found=0)
    counts["gold_claims"] = len(gold_claims)
    for claim in analysis.claims:
        g = best_gold(claim.span, gold_claims)
        if g is None:
            counts["unmatched"] += 1
            continue
        _score_paired(claim, g, analysis, flag, counts)
    for g in gold_claims:
        hits = [c for c in analysis.claims if c.span.overlaps(span(g["span"]))]
        counts["claims_found"] += bool(hits)
        if g["checkworthy"] == "yes":
            counts["found"] += any(c.checkworthiness >= flag for c in hits)
    return dict(counts)


def _score_paired(claim: Claim, g: dict[str, Any], analysis: Analysis, flag: float, counts: Counter[str]) -> None:
    """Add one paired claim's counts (resolved or uncertain, flag, reliability bin)."""
    kind_ok = claim.kind == g["kind"]
    attribution_ok = claim.attribution.type == g["attribution"]["type"] and source_agrees(claim, g, analysis)
    counts["all_paired"] += 1
    counts["all_correct"] += kind_ok and attribution_ok
    if claim.uncertain:
        counts["uncertain"] += 1
        counts["uncertain_correct"] += kind_ok and attribution_ok
    else:
        counts["predicted"] += 1
        counts["kind_correct"] += kind_ok
        counts["attribution_correct"] += attribution_ok
        counts["correct"] += kind_ok and attribution_ok
    if claim.checkworthiness >= flag:
        counts["cw_predicted"] += 1
        counts["cw_correct"] += g["checkworthy"] == "yes"
    k = min(int(claim.checkworthiness * 10), 9)
    counts[f"cw_bin{k}_n"] += 1
    counts[f"cw_bin{k}_yes"] += g["checkworthy"] == "yes"


# --- techniques ---------------------------------------------------------------------------


def technique_group(name: str) -> str:
    """The PTC name a technique label belongs to (finer names map to their group)."""
    if name in TECHNIQUES:
        return name
    for group in TECHNIQUES:
        if name in group.split(","):
            return group
    return name


def score_techniques(gold: dict[str, Any], analysis: Analysis) -> dict[str, int]:
    """Technique counts for one article (see the module docstring)."""
    gold_items = [(span(t["span"]), technique_group(t["technique"]), bool(t.get("quoted"))) for t in gold.get("techniques", ())]
    author = [g for g in gold_items if not g[2]]
    counts: Counter[str] = Counter(predicted=0, correct=0, gold=len(author), found=0)
    for tech in analysis.techniques:
        hits = [g for g in gold_items if tech.span.overlaps(g[0])]
        if tech.uncertain:
            counts["uncertain"] += 1
            counts["uncertain_correct"] += bool(hits)
            continue
        counts["quoted_agree"] += any(g[2] == tech.quoted for g in hits)
        counts["predicted"] += 1
        counts["correct"] += bool(hits)
        counts["label_agree"] += any(g[1] == technique_group(tech.technique) for g in hits)
        if not tech.quoted:
            counts["author_predicted"] += 1
            counts["author_correct"] += bool(hits)
    counts["found"] = _hit(author, analysis.techniques)
    counts["found_shown"] = _hit(author, [t for t in analysis.techniques if not t.uncertain])
    quoted = [g for g in gold_items if g[2]]
    counts["gold_quoted"] = len(quoted)
    counts["found_quoted"] = _hit(quoted, analysis.techniques)
    return dict(counts)


def _hit(gold_items: Sequence[tuple[Span, str, bool]], techniques: Sequence[Technique]) -> int:
    """How many gold spans some system technique span overlaps."""
    return sum(any(t.span.overlaps(g[0]) for t in techniques) for g in gold_items)


# --- genre --------------------------------------------------------------------------------


def score_genre(gold: dict[str, Any], analysis: Analysis) -> dict[str, int]:
    """Genre counts for one article: one gold label, at most one prediction."""
    label = gold.get("genre")
    if not label:
        return {"predicted": 0, "correct": 0, "gold": 0, "found": 0}
    predicted = analysis.genre.label if analysis.genre is not None else None
    right = int(predicted == label)
    counts = {"predicted": int(predicted is not None), "correct": right, "gold": 1, "found": right,
              f"gold_{label}": 1, f"correct_{label}": right}
    if predicted is not None:
        counts[f"predicted_{predicted}"] = 1
    return counts
