"""Sentence embeddings on the CPU with numpy only: a static model distilled from all-MiniLM-L6-v2.

The resource lives in ``presslens/resources/embeddings/`` in model2vec's folder layout
(``model.safetensors`` with one float16 row per WordPiece token, ``tokenizer.json``,
``config.json``); ``MODEL_CARD.md`` beside it says how it was distilled and how close it stays to
its teacher.  It was built once, at build time, by :mod:`presslens.training.distill_embeddings`
(the only code that needs torch); nothing here imports torch or downloads anything.

Inference is model2vec's own ``StaticModel`` (the library that distilled the table, so the two
cannot drift apart): the text is split into WordPiece tokens by Hugging Face ``tokenizers``, the
token rows are looked up and averaged, and the mean is L2-normalised.  Texts are not truncated
(``max_length=None``): a long text costs time linear in its length, and no part of it is dropped.

Thread safety: the model is loaded once under a lock.  ``StaticModel.encode`` re-sets the
truncation of its shared ``tokenizers.Tokenizer`` on every call (a mutation of a Rust object that a
concurrent call may be reading), so calls are serialised by a second lock; one call costs a few
microseconds per sentence, so the lock is cheap next to anything a caller does with the vectors.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from presslens.errors import ModelError

#: Files a usable resource folder must hold (model2vec's layout).
REQUIRED_FILES = ("model.safetensors", "tokenizer.json", "config.json")

_LOAD_LOCK = threading.Lock()
_ENCODE_LOCK = threading.Lock()
_MODELS: dict[Path, Any] = {}


def resource_dir() -> Path:
    """The folder of the bundled static model (it may be missing in a broken install)."""
    return Path(str(resources.files("presslens"))) / "resources" / "embeddings"


def _check_folder(folder: Path) -> None:
    """Raise :class:`ModelError` naming the first file the model folder lacks."""
    for name in REQUIRED_FILES:
        if not (folder / name).is_file():
            raise ModelError(
                f"sentence-embedding model incomplete: {folder / name} is missing "
                "(reinstall presslens, or rebuild it with python -m presslens.training.distill_embeddings)"
            )


def _load(folder: Path) -> Any:
    """Load model2vec's ``StaticModel`` from a local folder, never from a hub."""
    _check_folder(folder)
    try:
        from model2vec import StaticModel
    except ImportError as exc:  # pragma: no cover - a runtime dependency
        raise ModelError(f"sentence embeddings need the model2vec package: {exc}") from exc
    # model2vec logs a warning when max_length differs from its config's 512: expected here.
    log = logging.getLogger("model2vec")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        # A path that exists is read from disk; model2vec only asks a hub for names that do not.
        return StaticModel.from_pretrained(folder, max_length=None, normalize=True)
    except Exception as exc:  # safetensors and tokenizers raise their own error types
        raise ModelError(f"sentence-embedding model unreadable in {folder}: {exc}") from exc
    finally:
        log.setLevel(level)


def get_model(folder: Path | None = None) -> Any:
    """The static model of ``folder`` (default: the bundled one), loaded once per process."""
    key = (folder or resource_dir()).resolve()
    model = _MODELS.get(key)
    if model is None:
        with _LOAD_LOCK:
            model = _MODELS.get(key)
            if model is None:
                model = _MODELS[key] = _load(key)
    return model


def dimension(folder: Path | None = None) -> int:
    """Number of columns of :func:`embed`'s output."""
    return int(get_model(folder).dim)


def embed(texts: Sequence[str], folder: Path | None = None) -> np.ndarray:
    """Embed ``texts`` as an ``(len(texts), dim)`` float32 array of L2-normalised rows.

    A text with no known token (empty, only spaces or unknown symbols) gets a row of zeros, so
    its cosine with anything is 0 rather than a made-up similarity.
    """
    if isinstance(texts, str):
        raise TypeError("embed() takes a sequence of texts, not one string")
    model = get_model(folder)
    if not texts:
        return np.zeros((0, model.dim), dtype=np.float32)
    with _ENCODE_LOCK:
        vectors = model.encode(list(texts), use_multiprocessing=False, show_progress_bar=False)
    return _normalise(np.asarray(vectors, dtype=np.float32))


def _normalise(vectors: np.ndarray) -> np.ndarray:
    """Scale each row to unit length; rows of zeros stay zero."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarities between the rows of two :func:`embed` outputs (``len(a) x len(b)``)."""
    return np.asarray(a @ b.T, dtype=np.float32)
