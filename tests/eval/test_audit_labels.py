"""The bundled audit label files: well formed, offsets valid on the real articles, no copied text."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

import pytest

from conftest import SHARED
from presslens.eval.audit import label_problems, labels_root

WHO = sorted((labels_root() / "who").glob("*.json"))
ALL = sorted(labels_root().glob("*/*.json"))
TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
KINDS = {"named", "anonymous", "document", "unknown"}


def _load(path):  # type: ignore[no-untyped-def]
    """One label file."""
    return json.loads(path.read_text("utf-8"))


def test_who_group_covers_the_audit_draw() -> None:
    labels = [_load(p) for p in WHO]
    assert len(labels) == 32
    assert Counter(x["split"] for x in labels) == {"dev": 20, "heldout": 12}
    assert Counter(x["article"].split("/")[0] for x in labels) == {"polnear": 16, "bbc": 16}
    for path, label in zip(WHO, labels, strict=True):
        dataset, stem = path.stem.split("__")
        assert label["article"].startswith(dataset + "/") and label["article"].endswith(f"/{stem}.txt")


@pytest.mark.parametrize("path", WHO, ids=lambda p: p.stem)
def test_who_label_file_is_consistent(path) -> None:  # type: ignore[no-untyped-def]
    label = _load(path)
    ids = {e["id"] for e in label["entities"]}
    assert len(ids) == len(label["entities"])
    assert all(e["type"] in TYPES and e["mentions"] for e in label["entities"])
    assert all(set(e.get("also", ())) <= ids for e in label["entities"])
    for q in label["quotes"]:
        assert q["speaker_kind"] in KINDS
        assert q["speaker"] is None or q["speaker"] in ids
        assert set(q.get("speaker_alternatives", ())) <= ids
    assert all(t["type"] in ("DATE", "TIME", "DURATION", "SET") for t in label["timexes"])
    assert all(t["value"] is not None or t.get("relative") for t in label["timexes"])
    assert all(isinstance(q["value"], (int, float)) for q in label["quantities"])
    assert label["published"] or label["published_bounds"]


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_label_offsets_fit_the_real_article(path) -> None:  # type: ignore[no-untyped-def]
    label = _load(path)
    article = SHARED / "data" / label["article"]
    if not article.exists():
        pytest.skip(f"../shared/data/{label['article']} is absent")
    raw = article.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == label["sha256"]
    from presslens.ingest import ingest_path
    from presslens.settings import Settings

    text = ingest_path(article, Settings(keep_text=True, require_english=False)).text
    assert text == raw.decode("utf-8")
    assert label_problems(label, text) == []
