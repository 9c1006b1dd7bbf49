"""Stand-alone runner for the ``what`` audit group until ``presslens eval audit`` lands.

    .venv/bin/python tests/eval/audit_what_run.py [--split dev|heldout|all] [--data DIR]

Ingests each labelled article with ``keep_text=True``, checks its sha256, analyses it without a
publication date (as a user would), sums ``what.score`` counts per layer and prints precision
(with a 95% Wilson interval) and coverage, then one JSON line.  Not collected by pytest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "src" / "presslens" / "eval" / "audit" / "labels" / "what"


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of k successes out of n."""
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def run(split: str, data: Path) -> dict[str, Counter[str]]:
    """Summed counts per layer over the labelled articles of ``split``."""
    import presslens
    from presslens.eval.audit.what import LAYERS, score
    from presslens.ingest import ingest_path
    from presslens.settings import Settings

    settings = Settings(keep_text=True)
    totals: dict[str, Counter[str]] = {layer: Counter() for layer in LAYERS}
    for path in sorted(LABELS.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if split != "all" and gold["split"] != split:
            continue
        article = data / gold["article"]
        if hashlib.sha256(article.read_bytes()).hexdigest() != gold["sha256"]:
            sys.exit(f"{article}: sha256 differs from the labelled file")
        doc = ingest_path(article, settings)
        analysis = presslens.analyze_document(doc, settings)
        for layer in LAYERS:
            totals[layer].update(score(layer, gold, analysis, doc.text))
    return totals


def report(totals: dict[str, Counter[str]], split: str) -> None:
    """Print the per-layer table and the JSON line."""
    out: dict[str, dict[str, float | int]] = {}
    print(f"audit (what), split {split}")
    for layer, c in totals.items():
        p = c["correct"] / c["predicted"] if c["predicted"] else 0.0
        cov = c["found"] / c["gold"] if c["gold"] else 0.0
        lo, hi = wilson(c["correct"], c["predicted"])
        print(f"  {layer:<11} precision {p:.3f} [{lo:.2f}-{hi:.2f}] ({c['correct']}/{c['predicted']})"
              f"  coverage {cov:.3f} ({c['found']}/{c['gold']})")
        extras = {k: v for k, v in sorted(c.items()) if k not in ("predicted", "correct", "gold", "found")}
        print(f"  {'':<11} {extras}")
        out[layer] = {"precision": round(p, 4), "coverage": round(cov, 4), **dict(c)}
    print(json.dumps({"split": split, "layers": out}))


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "heldout", "all"))
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    report(run(args.split, args.data), args.split)


if __name__ == "__main__":
    main()
