"""Throughput of the static sentence embeddings on one core, against two baselines in the same run.

Usage: ``python benchmarks/bench_embeddings.py``; ``BENCH_LIMIT=N`` caps the number of
sentences (default 20,000), ``BENCH_DATA=DIR`` picks the corpus (default ``../shared/data/bbc``,
else the bundled ``examples/``), ``BENCH_ROUNDS=R`` the number of interleaved rounds (default 5).

Sentences are cut from the articles with a plain punctuation split (only their length matters
here).  ``TOKENIZERS_PARALLELISM=false`` keeps the Rust tokenizer on one thread, so every figure
is one core's.  Measured, interleaved over R rounds on the same sentences (CPU time):
1. ``presslens.nlp.embeddings.embed`` (tokenize, look up, average, normalise);
2. the same WordPiece tokenizer alone (``tokenizers``' ``encode_batch_fast``): the floor;
3. scikit-learn's ``TfidfVectorizer.transform`` (fitted once beforehand): the sparse vectors a
   claim matcher would use without embeddings.
Ends with one JSON line: sentences/s of each and the median ratios to the two baselines.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ["TOKENIZERS_PARALLELISM"] = "false"

ROOT = Path(__file__).resolve().parent.parent
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences() -> list[str]:
    """Sentence-sized texts from the corpus, capped at ``BENCH_LIMIT``."""
    data = Path(os.environ.get("BENCH_DATA") or ROOT.parent / "shared" / "data" / "bbc")
    if not data.is_dir():
        data = ROOT / "examples"
    limit = int(os.environ.get("BENCH_LIMIT") or 20000)
    out: list[str] = []
    for path in sorted(data.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        out += [s.strip() for s in _SENTENCE_END.split(text) if len(s.split()) >= 4]
        if len(out) >= limit:
            break
    return out[:limit]


def cpu_seconds(run: Callable[[], object]) -> float:
    """CPU time of one call."""
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> int:
    """Run the interleaved rounds and print the figures."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from tokenizers import Tokenizer

    from presslens.nlp.embeddings import embed, resource_dir

    texts = sentences()
    tokenizer = Tokenizer.from_file(str(resource_dir() / "tokenizer.json"))
    tfidf = TfidfVectorizer(sublinear_tf=True).fit(texts)
    sides: dict[str, Callable[[], object]] = {
        "embed": lambda: embed(texts),
        "tokenize": lambda: tokenizer.encode_batch_fast(texts, add_special_tokens=False),
        "tfidf": lambda: tfidf.transform(texts),
    }
    embed(texts[:100])
    rounds = int(os.environ.get("BENCH_ROUNDS") or 5)
    times: dict[str, list[float]] = {name: [] for name in sides}
    for r in range(rounds):
        order = list(sides) if r % 2 == 0 else list(reversed(sides))
        for name in order:
            times[name].append(cpu_seconds(sides[name]))
    per_s = {name: len(texts) / statistics.median(t) for name, t in times.items()}
    for name, rate in per_s.items():
        print(f"{name:9s} {rate:12,.0f} sentences/s (CPU, one core)")
    ratios = {
        f"embed_vs_{b}": statistics.median(e / t for e, t in zip(times["embed"], times[b], strict=True))
        for b in ("tokenize", "tfidf")
    }
    for name, value in ratios.items():
        print(f"{name}: embed takes {value:.2f}x the CPU time")
    print(json.dumps({"sentences": len(texts), "rounds": rounds, **{f"{k}_per_s": round(v) for k, v in per_s.items()},
                      **{k: round(v, 3) for k, v in ratios.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
