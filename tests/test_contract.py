"""The JSON contract: keys present, every span's text equals its slice of document.text."""

from __future__ import annotations

import json

from presslens.about import SCHEMA_ID
from presslens.model.analysis import Analysis

TOP_KEYS = {"schema", "tool", "document", "entities", "quantities", "timexes", "events",
            "timeline", "claims", "quotes", "techniques", "inconsistencies"}


def _spans(obj):
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and "text" in obj:
            yield obj
        for value in obj.values():
            yield from _spans(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _spans(value)


def check_contract(analysis: Analysis) -> dict:
    data = json.loads(json.dumps(analysis.to_dict()))
    assert set(data) >= TOP_KEYS
    assert data["schema"] == SCHEMA_ID
    text = data["document"]["text"]
    for key, layer in data.items():
        if key == "document":
            continue
        for span in _spans(layer):
            assert text[span["start"] : span["end"]] == span["text"], (key, span)
    for para in data["document"]["paragraphs"]:
        assert 0 <= para["start"] < para["end"] <= len(text)
    return data


def test_contract_examples(example_analyses):
    assert example_analyses
    for analysis in example_analyses.values():
        check_contract(analysis)


def test_contract_seed(seed_analysis):
    data = check_contract(seed_analysis)
    assert data["document"]["language"] == "en"


def test_contract_round_trip(example_analyses):
    for analysis in example_analyses.values():
        again = Analysis.from_dict(analysis.to_dict())
        assert again.to_dict() == analysis.to_dict()
