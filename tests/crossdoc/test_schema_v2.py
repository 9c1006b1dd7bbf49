"""Schema ``presslens.analysis/2``: version 1 plus the ``crossdoc`` key; /1 documents still read."""

from __future__ import annotations

import pytest

from presslens.model.analysis import Analysis
from presslens.model.document import Document, content_id


def _analysis() -> Analysis:
    text = "Two ferries collided off Brisk on Tuesday."
    return Analysis(document=Document(id=content_id(text), text=text))


def test_plain_analysis_stays_version_1():
    data = _analysis().to_dict()
    assert data["schema"] == "presslens.analysis/1" and "crossdoc" not in data
    assert Analysis.from_dict(data).crossdoc is None


def test_crossdoc_fields_bump_the_schema_and_round_trip():
    ref = {"document": "abc", "start": 0, "end": 3, "text": "Two"}
    fields = {"syndication": None, "story": {"id": "story-abc", "documents": ["abc"]},
              "entities": [], "events": [{"event": "ev1", "same_as": [ref]}]}
    data = _analysis().with_layers(crossdoc=fields).to_dict()
    assert data["schema"] == "presslens.analysis/2" and data["crossdoc"] == fields
    back = Analysis.from_dict(data)
    assert back.crossdoc == fields
    v1 = {k: v for k, v in data.items() if k != "crossdoc"} | {"schema": "presslens.analysis/1"}
    assert Analysis.from_dict(v1).document.text == back.document.text


def test_unknown_schema_is_refused():
    data = _analysis().to_dict() | {"schema": "presslens.analysis/9"}
    with pytest.raises(ValueError, match="unsupported schema"):
        Analysis.from_dict(data)
