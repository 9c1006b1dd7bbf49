"""Fit the confidence of quantity readings (``resources/quantities/confidence.json``).

Examples: every quantity the layer reads in the tune case file and in the audit set's dev
articles, labelled right when it pairs with a gold quantity whose value, unit and counted
thing it reads right (the scorers of ``eval.quantities`` and ``eval.audit.who``), wrong
otherwise (a spurious number included).  The held-out case file and the audit's held-out
articles are never read here.  Groups for the cross-validation: one case file sentence or
one article.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from presslens.training.calibrator import Example, Fit, fit


def _finder() -> Any:
    """The quantities analyzer (its ``scan`` gives readings with their features)."""
    from presslens.analyzers.quantities import QuantityFinder

    return QuantityFinder()


def _date_spans(text: str) -> list[tuple[int, int]]:
    """Date, time and set spans of a text (the timexes tagger)."""
    from presslens.analyzers.timexes import find

    return [(c.start, c.end) for c in find(text) if c.type != "DURATION"]


def case_examples(paths: Sequence[Path]) -> Iterator[tuple[Example, str]]:
    """(example, group) for every quantity read in the case files."""
    from presslens.eval.quantities import _best, counts_right, load_cases, reading, value_right
    from presslens.eval.quantities import norm_unit as case_unit
    from presslens.nlp import make_doc

    finder = _finder()
    for path in paths:
        for case in load_cases(path):
            doc = make_doc(case.text)
            for q, feats in finder.scan(doc, _date_spans(case.text)):
                i = _best((q.span.start, q.span.end), case.golds)
                ok = False
                if i is not None:
                    g = case.golds[i]
                    value, vmax, unit = reading(q)
                    ok = value_right(g, value, vmax, case.text) and unit == case_unit(g.unit) and counts_right(g, q, case.text)
                yield (feats, ok), case.id


def audit_examples(data_dir: Path, split: str = "dev") -> Iterator[tuple[Example, str]]:
    """(example, group) for every quantity read in the audit articles of one split."""
    from presslens.eval import audit
    from presslens.eval.audit import who
    from presslens.ingest import ingest_bytes
    from presslens.nlp import make_doc
    from presslens.settings import Settings

    finder = _finder()
    group = next(g for g in audit.load_groups(names=["who"]))
    for article, _ in audit.select_articles([group], split):
        label = group.labels[article]
        raw = audit.read_article(data_dir, article, [label])
        text = ingest_bytes(raw, source=article, settings=Settings(keep_text=True, require_english=False)).text
        golds = list(label.get("quantities", ()))
        spans = [who._pair(g["span"]) for g in golds]
        for q, feats in finder.scan(make_doc(text), _date_spans(text)):
            i = who.best_match((q.span.start, q.span.end), spans)
            ok = i is not None and who.quantity_right(golds[i], q, text)
            yield (feats, ok), article


def train(cases: Sequence[Path], data_dir: Path, *, c: float = 0.5, target: float = 0.95) -> tuple[Fit, int]:
    """Fit on the tune cases and the audit dev articles; return the fit and the example count."""
    rows = list(case_examples(cases)) + list(audit_examples(data_dir, "dev"))
    examples = [ex for ex, _ in rows]
    return fit(examples, [g for _, g in rows], c=c, target=target), len(examples)


def save(result: Fit, out: Path, report: dict[str, Any]) -> Path:
    """Write the weights, threshold and what training measured as JSON."""
    out.parent.mkdir(parents=True, exist_ok=True)
    data = {"about": "Confidence of a quantity reading: logistic weights over the features of "
                     "presslens.analyzers.quantities.confidence; written by 'presslens train quantities'.",
            "threshold": result.threshold, "weights": result.weights, "trained": report}
    out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return out
