"""The hand-labelled audit files of the ``what`` group: format, offsets, no article text.

The format checks run everywhere; the checks against the articles (sha256, spans inside the text,
no copied text) and the end-to-end scoring need ``../shared/data`` and skip without it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_data
from presslens.eval.audit.what import LAYERS, score
from presslens.model.records import EVENT_TYPES, TECHNIQUES

LABELS = Path(str(resources.files("presslens.eval.audit").joinpath("labels", "what")))
FILES = sorted(LABELS.glob("*.json"))
STATUSES = {"happened", "planned", "demanded", "denied", "hypothetical", "reported"}
KINDS = {"factual", "opinion", "prediction", "question", "other"}
ATTRIBUTIONS = {"author", "named", "anonymous", "document"}


def load(path: Path) -> dict[str, Any]:
    """One label file."""
    return json.loads(path.read_text(encoding="utf-8"))


def test_thirty_two_articles_twenty_dev_twelve_heldout():
    splits = Counter(load(p)["split"] for p in FILES)
    assert splits == {"dev": 20, "heldout": 12}
    for p in FILES:
        dataset, stem = p.stem.split("__", 1)
        assert load(p)["article"].endswith(f"{stem}.txt") and dataset in ("bbc", "polnear")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_label_vocabularies(path):
    lab = load(path)
    assert lab["genre"] in ("opinion", "reporting", "satire")
    for ev in lab["events"]:
        assert ev["type"] in EVENT_TYPES and ev["status"] in STATUSES and isinstance(ev["negated"], bool)
    for claim in lab["claims"]:
        assert claim["kind"] in KINDS and claim["checkworthy"] in ("yes", "no")
        attribution = claim["attribution"]
        assert attribution["type"] in ATTRIBUTIONS
        assert attribution["type"] != "named" or attribution["source"], "a named source needs its span"
    for tech in lab["techniques"]:
        assert tech["technique"] in TECHNIQUES and isinstance(tech["quoted"], bool)
    assert all(n["why"] for n in lab["event_non_triggers"])


def spans(value: Any) -> list[list[int]]:
    """Every [start, end] pair anywhere in a label structure."""
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in spans(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in spans(v)]
    return []


def strings(value: Any) -> list[str]:
    """Every string value of a label structure."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    return []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_offsets_fit_the_article_and_no_text_is_stored(path):
    lab = load(path)
    raw = (shared_data(lab["article"].split("/")[0]).parent / lab["article"]).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == lab["sha256"]
    text = raw.decode("utf-8")
    for start, end in spans({k: v for k, v in lab.items() if k in ("events", "event_non_triggers", "claims", "techniques")}):
        assert 0 <= start < end <= len(text) and text[start:end].strip()
    for value in strings(lab):
        copied = [value[i:i + 21] for i in range(max(0, len(value) - 20)) if value[i:i + 21] in text]
        assert not copied, f"article text in the label file: {copied[0]!r}"


@pytest.mark.slow
def test_scores_on_real_analyses_are_consistent():
    """End to end on two labelled articles: counts are coherent for every layer."""
    import presslens
    from presslens.ingest import ingest_path
    from presslens.settings import Settings

    data = shared_data("bbc").parent
    for path in FILES[:1] + FILES[-1:]:
        lab = load(path)
        doc = ingest_path(data / lab["article"], Settings(keep_text=True))
        result = presslens.analyze_document(doc, Settings(keep_text=True))
        for layer in LAYERS:
            c = score(layer, lab, result, doc.text)
            assert 0 <= c["correct"] <= c["predicted"] and 0 <= c["found"] <= c["gold"], (path.stem, layer, c)
