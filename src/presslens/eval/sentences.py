"""Sentence-boundary scoring on case files (JSONL), for several segmenters.

Case format, one JSON object a line::

    {"id", "category", "format": "text"|"wrapped"|"html", "text", "sentences": [str, ...],
     "split": "dev"|"tune"|"heldout"}

Case files (``eval/cases/``):

* ``sentences_rules_tune.jsonl`` / ``sentences_rules_heldout.jsonl``: 207
  cases in 24 kinds (lists in every marker style, quotations with speech tags,
  names with "!", ellipses in every written form, abbreviations before
  numbers, the pronoun "I.", geographic and honorific abbreviations, times,
  decimals, e-mail and URLs, brackets, line breaks …), written from the rules
  of English punctuation (Chicago, AP) before the rules of
  ``nlp/sentences.py`` were changed, and split per kind by a seeded draw
  (``random.Random(10)``, a third held out) before anything was measured.
  The held-out file is never used for tuning.
* ``sentences_golden.jsonl``: the earlier 108 cases (``dev`` / ``heldout``),
  written while the first version of the rules was tuned.

Every case is ingested first (``wrapped`` and ``text`` as plain text, ``html``
through trafilatura) so that all segmenters see exactly ``document.text``, as
the pipeline does; ``keep_text`` ingests as ``--keep-text`` does (the text
unchanged).  The ``document`` segmenter runs the whole document path instead
(ingest, ``Pipeline.analyze_many`` as ``presslens analyze`` does, and
``document.sentences``), so that what the JSON output holds is measured too.  A case counts as correct when the segmenter's sentences,
whitespace-normalised, equal the gold list.  The metric is the share of cases
segmented exactly, as in the English golden rules of pragmatic_segmenter
(Kevin Dias) that pySBD reports.  ``offset_exact`` is the share of cases whose
sentences are exact, in-order slices of the text (a segmenter that rewrites
text cannot give offsets).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presslens.errors import DatasetError
from presslens.eval import read_case_file
from presslens.model.span import Span

Segmenter = Callable[[str], list[Span]]
SEGMENTERS: tuple[str, ...] = ("spacy", "presslens", "pysbd", "document")


@dataclass(frozen=True, slots=True)
class Case:
    """One golden-rules case."""

    id: str
    category: str
    format: str
    text: str
    sentences: tuple[str, ...]
    split: str = "dev"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One segmenter's result on one case."""

    case: Case
    predicted: tuple[str, ...]
    correct: bool
    offset_exact: bool


def load_cases(path: str | Path) -> list[Case]:
    """Read golden-rules cases from a JSONL file; raise DatasetError when malformed."""
    return read_case_file(path, _case, "sentence case")


def _case(rec: dict[str, Any]) -> Case:
    """One golden-rules case from its JSON record."""
    return Case(str(rec["id"]), rec.get("category", "other"), rec.get("format", "text"),
                rec["text"], tuple(rec["sentences"]), rec.get("split", "dev"))


def normalise(sentence: str) -> str:
    """Collapse whitespace so that reflowed and raw sentences compare equal."""
    return " ".join(sentence.split())


def ingest_case(case: Case, keep_text: bool = False) -> Any:
    """Ingest the case as ``presslens analyze`` would read it from a file; return the Document."""
    from presslens.ingest import ingest_bytes
    from presslens.settings import Settings

    name = "case.html" if case.format == "html" else "case.txt"
    settings = Settings(require_english=False, keep_text=keep_text)
    return ingest_bytes(case.text.encode("utf-8"), source=name, settings=settings)


def prepare(case: Case, keep_text: bool = False) -> str:
    """Ingest the case as the pipeline would and return ``document.text``."""
    return str(ingest_case(case, keep_text).text)


def document_path(cases: Sequence[Case], keep_text: bool = False) -> list[tuple[str, tuple[Span, ...]]]:
    """``(document.text, document.sentences)`` per case through the batch pipeline."""
    from presslens.pipeline import Pipeline
    from presslens.settings import Settings

    pipeline = Pipeline(Settings(layers=(), keep_text=keep_text, require_english=False))
    docs = (ingest_case(c, keep_text) for c in cases)
    return [(a.document.text, a.document.sentences) for a in pipeline.analyze_many(docs)]


def score_case(case: Case, text: str, spans: Sequence[Span]) -> Outcome:
    """Compare predicted spans of ``text`` with the case's gold sentences."""
    predicted = tuple(normalise(text[s.start : s.end]) for s in spans)
    predicted = tuple(p for p in predicted if p)
    gold = tuple(normalise(s) for s in case.sentences)
    ordered = all(a.end <= b.start for a, b in itertools.pairwise(spans))
    exact = ordered and all(0 <= s.start <= s.end <= len(text) for s in spans)
    return Outcome(case, predicted, predicted == gold, exact)


def align(text: str, sentences: Iterable[str]) -> list[Span] | None:
    """Locate sentence strings in ``text`` in order; None when one is not a slice of it."""
    spans: list[Span] = []
    cursor = 0
    for sent in sentences:
        piece = sent.strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0:
            return None
        spans.append(Span(at, at + len(piece)))
        cursor = at + len(piece)
    return spans


def evaluate(cases: Sequence[Case], segment: Segmenter, texts: Sequence[str]) -> list[Outcome]:
    """Run one segmenter over prepared case texts."""
    return [score_case(case, text, segment(text)) for case, text in zip(cases, texts, strict=True)]


def summarise(outcomes: Sequence[Outcome], seconds: float = 0.0) -> dict[str, Any]:
    """Accuracy overall and per category, offset exactness and characters per second."""
    n = len(outcomes) or 1
    cats: dict[str, list[bool]] = {}
    for o in outcomes:
        cats.setdefault(o.case.category, []).append(o.correct)
    chars = sum(len(o.case.text) for o in outcomes)
    held = [o.correct for o in outcomes if o.case.split == "heldout"]
    splits: dict[str, list[bool]] = {}
    for o in outcomes:
        splits.setdefault(o.case.split, []).append(o.correct)
    return {
        "accuracy": sum(o.correct for o in outcomes) / n,
        "heldout_accuracy": sum(held) / len(held) if held else None,
        "by_split": {k: sum(v) / len(v) for k, v in sorted(splits.items())},
        "offset_exact": sum(o.offset_exact for o in outcomes) / n,
        "cases": len(outcomes),
        "chars_per_s": chars / seconds if seconds > 0 else 0.0,
        "by_category": {c: sum(v) / len(v) for c, v in sorted(cats.items())},
    }


def make_segmenter(name: str) -> Segmenter:
    """Build a segmenter by name: spacy (parser alone), presslens (rules + parser), pysbd.

    ``document`` is not a text segmenter (see ``document_path``); ``run`` handles it.
    """
    if name == "pysbd":
        return _pysbd_segmenter()
    from presslens.nlp.language import get_nlp, sentence_spans
    from presslens.nlp.sentences import COMPONENT, REPAIR

    nlp = get_nlp()
    if name == "presslens":
        return lambda text: list(sentence_spans(nlp(text)))
    if name == "spacy":
        def parser_only(text: str) -> list[Span]:
            """Sentences from the parser with the presslens rules switched off."""
            with nlp.select_pipes(disable=[COMPONENT, REPAIR]):
                return list(sentence_spans(nlp(text)))
        return parser_only
    raise DatasetError(f"unknown segmenter {name!r}; use one of {', '.join(SEGMENTERS)}")


def _pysbd_segmenter() -> Segmenter:
    """pySBD as a segmenter: its sentences re-aligned to the text for offsets."""
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)

    def segment(text: str) -> list[Span]:
        """Segment and align; an unalignable output counts as one sentence."""
        found = align(text, seg.segment(text))
        return found if found is not None else [Span(0, len(text))]

    return segment


def run(
    cases: Sequence[Case], names: Sequence[str] = SEGMENTERS, keep_text: bool = False
) -> dict[str, tuple[dict[str, Any], list[Outcome]]]:
    """Score every named segmenter; return ``{name: (summary, outcomes)}``.

    With ``keep_text`` only plain-text cases are scored: a ``wrapped`` or
    ``html`` case's gold sentences are those of the normalised text.
    """
    if keep_text:
        cases = [c for c in cases if c.format == "text"]
    texts = [prepare(c, keep_text) for c in cases]
    results = {}
    for name in names:
        t0 = time.perf_counter()
        if name == "document":
            found = document_path(cases, keep_text)
            outcomes = [score_case(c, t, spans) for c, (t, spans) in zip(cases, found, strict=True)]
        else:
            segment = make_segmenter(name)
            segment(texts[0] if texts else "Warm up.")
            t0 = time.perf_counter()
            outcomes = evaluate(cases, segment, texts)
        results[name] = (summarise(outcomes, time.perf_counter() - t0), outcomes)
    return results


def agreement(a: Sequence[Outcome], b: Sequence[Outcome]) -> float:
    """Share of cases on which two segmenters give the same sentences."""
    same = sum(x.predicted == y.predicted for x, y in zip(a, b, strict=True))
    return same / (len(a) or 1)
