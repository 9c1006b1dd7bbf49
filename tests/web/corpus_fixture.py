"""A small invented corpus for the web tests: three hand-built articles, a hostile one, 45 generated.

Nothing here runs spaCy: the analyses are hand-built (tests/store/invented.py, the
hostile report fixture) or generated (benchmarks/synth_corpus.py), so every answer a
page shows is known.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for sub in ("tests/store", "tests/present", "benchmarks"):
    if str(ROOT / sub) not in sys.path:
        sys.path.insert(0, str(ROOT / sub))

from invented import invented  # noqa: E402
from synth_corpus import synth_analysis  # noqa: E402
from test_html_safety import hostile_analysis  # noqa: E402

from presslens.store import open_store  # noqa: E402

GENERATED = 45


def build_corpus(url: str) -> dict[str, str]:
    """Fill the store at ``url``; return the ids of the named documents (harbour, ferry, budget, hostile)."""
    store = open_store(url)
    named = invented()
    hostile = hostile_analysis()
    rng = random.Random(7)
    items = [(a, a.document.source, "test") for a in [*named, hostile]]
    items += [(synth_analysis(i, rng), f"synthetic/{i}.txt", "test") for i in range(GENERATED)]
    store.put_many(items, version="test")
    store.close()
    return {"harbour": named[0].document.id, "ferry": named[1].document.id, "budget": named[2].document.id,
            "hostile": hostile.document.id}
