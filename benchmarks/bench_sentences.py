"""Cost of the sentence rules, and of pySBD as a second opinion, as a share of the parse.

Usage: ``python benchmarks/bench_sentences.py``; ``BENCH_LIMIT=N`` caps the
number of documents (default 200), ``BENCH_DATA=DIR`` picks the corpus
(default ``../shared/data/bbc``, else the bundled ``examples/``).

Measured in one run on the same ingested texts (CPU time of this process):
1. parse: the shared pipeline's ``nlp.pipe`` (tagger, rules, parser, repair,
   NER …), as presslens runs it before any layer;
2. rules: ``presslens.nlp.sentences.decide`` alone on the tagged Docs (the
   component's work without the write-back);
3. repair: ``repair_boundaries`` on the parsed Docs, presets re-made;
4. pySBD: ``pysbd.Segmenter(char_span=False)`` and ``char_span=True`` on the
   texts, the price of a second opinion.
Ends with one JSON line: each cost as a share of the parse.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> list[str]:
    """Ingested texts of the benchmark files (BBC when present, else the examples)."""
    from presslens.ingest import ingest_path
    from presslens.settings import Settings

    data = Path(os.environ.get("BENCH_DATA", ROOT.parent / "shared" / "data" / "bbc"))
    files = sorted(p for p in data.rglob("*.txt") if p.name != "README.TXT") if data.is_dir() else []
    files = files or sorted((ROOT / "examples").glob("*.txt"))
    files = files[: int(os.environ.get("BENCH_LIMIT", "200") or 200)]
    settings = Settings(require_english=False)
    return [ingest_path(p, settings=settings).text for p in files]


def cpu(fn) -> float:  # type: ignore[no-untyped-def]
    """CPU seconds spent in ``fn()``."""
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def main() -> None:
    """Print the four costs and their shares of the parse."""
    from presslens.nlp import sentences
    from presslens.nlp.language import get_nlp
    from presslens.nlp.sentences import COMPONENT, REPAIR, decide, repair_boundaries, set_boundaries

    texts = corpus()
    nlp = get_nlp()
    list(nlp.pipe(texts[:5]))  # warm up
    docs: list = []
    parse = cpu(lambda: docs.extend(nlp.pipe(texts, batch_size=16)))
    with nlp.select_pipes(disable=[COMPONENT, REPAIR, "parser", "ner", "lemmatizer", "attribute_ruler"]):
        tagged = list(nlp.pipe(texts, batch_size=16))
    rules = cpu(lambda: [decide(d) for d in tagged])
    with nlp.select_pipes(disable=[REPAIR]):
        parsed = list(nlp.pipe(texts, batch_size=16))
    for doc in parsed:  # presets as the rule component leaves them for the repair
        fresh = set_boundaries(nlp.make_doc(doc.text))
        presets = sentences._PRESETS.pop(fresh, None)
        if presets is not None:
            sentences._PRESETS[doc] = presets
    repair = cpu(lambda: [repair_boundaries(d) for d in parsed])
    import pysbd

    plain = pysbd.Segmenter(language="en", clean=False, char_span=False)
    spans = pysbd.Segmenter(language="en", clean=False, char_span=True)
    sbd = cpu(lambda: [plain.segment(t) for t in texts])
    sbd_spans = cpu(lambda: [spans.segment(t) for t in texts])
    chars = sum(len(t) for t in texts)
    result = {
        "docs": len(texts), "chars": chars, "parse_s": round(parse, 2),
        "rules_share": round(rules / parse, 4), "repair_share": round(repair / parse, 4),
        "pysbd_share": round(sbd / parse, 4), "pysbd_char_span_share": round(sbd_spans / parse, 4),
    }
    print(f"{len(texts)} docs, {chars:,} chars; parse {parse:.2f} s CPU", file=sys.stderr)
    for key in ("rules", "repair", "pysbd", "pysbd_char_span"):
        print(f"  {key:<16} {result[key + '_share']:.2%} of the parse", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
