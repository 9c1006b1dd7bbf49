"""Load the shipped technique model (numpy weights + JSON vocabulary) once per process."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presslens import resources
from presslens.analyzers.techniques.features import Vocab
from presslens.analyzers.techniques.linear import LinearModel

RESOURCE = "techniques/model"


@dataclass(frozen=True)
class Model:
    """Run-time model: vocabulary, tagger, classifier and decoding parameters."""

    vocab: Vocab
    tagger: LinearModel
    classifier: LinearModel
    params: dict[str, Any]


def load_model_dir(folder: Path) -> Model:
    """Read tagger.npz, classifier.npz and vocab.json from a folder written by training."""
    doc = json.loads(folder.joinpath("vocab.json").read_text(encoding="utf-8"))
    with folder.joinpath("tagger.npz").open("rb") as fh:
        tagger = LinearModel.load(fh)
    with folder.joinpath("classifier.npz").open("rb") as fh:
        classifier = LinearModel.load(fh)
    return _model(doc, tagger, classifier)


def _model(doc: dict[str, Any], tagger: LinearModel, classifier: LinearModel) -> Model:
    """A Model from the vocabulary document and the two linear models."""
    return Model(Vocab(tuple(doc["words"]), tuple(doc["tags"])), tagger, classifier, doc["params"])


def load_packaged() -> Model:
    """The model shipped under ``resources/techniques/model/``."""
    with resources.open_binary(f"{RESOURCE}/tagger.npz") as fh:
        tagger = LinearModel.load(fh)
    with resources.open_binary(f"{RESOURCE}/classifier.npz") as fh:
        classifier = LinearModel.load(fh)
    return _model(resources.json_data(f"{RESOURCE}/vocab.json"), tagger, classifier)


@functools.cache
def load_model(folder: str | None = None) -> Model:
    """The bundled model (or one from ``folder``), loaded once."""
    if folder:
        return load_model_dir(Path(folder))
    return load_packaged()
