"""Analysis: the immutable result of one article, and the versioned JSON contract.

``to_dict``/``from_dict`` own the schema id (``presslens.analysis/1``).  Every
top-level key of DESIGN.md is always present; extensions (``genre``,
``loadedness``, ``provenance``) are additive.  An analysis read from a corpus may
carry cross-document fields (``crossdoc``: its syndication group, story, canonical
entities and linked events, every reference into another document as
``{document, start, end, text}``); it is then written as ``presslens.analysis/2``,
which is version 1 plus that one key, so readers of /1 keep working.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from presslens.about import CROSSDOC_SCHEMA_ID, NAME, SCHEMA_ID, SCHEMA_IDS, __version__
from presslens.model.codec import decode, encode
from presslens.model.document import Document, Paragraph, Published
from presslens.model.records import (
    Claim,
    Entity,
    Event,
    Genre,
    Inconsistency,
    Loadedness,
    Quantity,
    Quote,
    Technique,
    TimelineEntry,
    Timex,
)
from presslens.model.span import Span

LAYER_TYPES: dict[str, type] = {
    "entities": Entity,
    "quantities": Quantity,
    "timexes": Timex,
    "events": Event,
    "timeline": TimelineEntry,
    "claims": Claim,
    "quotes": Quote,
    "techniques": Technique,
    "inconsistencies": Inconsistency,
    "loadedness": Loadedness,
}


@dataclass(frozen=True, slots=True)
class Provenance:
    """What produced an analysis: tool, model, layers, settings and resources, and what failed.

    ``analysis_version`` is one short hash over the tool version, the spaCy model package and
    its version, spaCy's version, the data packages' versions, every analyzer's registered name
    and version, the hash of the settings that change results and the hash of the bundled
    resources: two analyses with the
    same ``analysis_version`` were produced the same way (``presslens.analysis_version``).
    """

    analyzers: tuple[tuple[str, str], ...] = ()
    failures: tuple[tuple[str, str], ...] = ()
    tool_version: str | None = None
    model: str | None = None
    model_version: str | None = None
    spacy_version: str | None = None
    packages: tuple[tuple[str, str | None], ...] = ()  # data packages the layers read, with versions
    settings_hash: str | None = None
    resources_hash: str | None = None
    analysis_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON ``provenance`` object."""
        return {
            "analyzers": [{"name": n, "version": v} for n, v in self.analyzers],
            "failures": [{"analyzer": n, "error": e} for n, e in self.failures],
            "tool_version": self.tool_version,
            "model": {"name": self.model, "version": self.model_version},
            "spacy_version": self.spacy_version,
            "packages": dict(self.packages),
            "settings_hash": self.settings_hash,
            "resources_hash": self.resources_hash,
            "analysis_version": self.analysis_version,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Provenance:
        """Rebuild from :meth:`to_dict` output (keys added later may be absent)."""
        model = data.get("model") or {}
        return cls(
            tuple((a["name"], a["version"]) for a in data.get("analyzers", [])),
            tuple((f["analyzer"], f["error"]) for f in data.get("failures", [])),
            tool_version=data.get("tool_version"),
            model=model.get("name"),
            model_version=model.get("version"),
            spacy_version=data.get("spacy_version"),
            packages=tuple((data.get("packages") or {}).items()),
            settings_hash=data.get("settings_hash"),
            resources_hash=data.get("resources_hash"),
            analysis_version=data.get("analysis_version"),
        )


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document plus one tuple of records per layer; JSON via to_dict/from_dict."""

    document: Document
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    claims: tuple[Claim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    techniques: tuple[Technique, ...] = ()
    inconsistencies: tuple[Inconsistency, ...] = ()
    loadedness: tuple[Loadedness, ...] = ()
    genre: Genre | None = None
    provenance: Provenance = field(default_factory=Provenance)
    crossdoc: Mapping[str, Any] | None = None  # cross-document fields (schema /2), from a corpus

    def entity(self, entity_id: str | None) -> Entity | None:
        """Return the entity with this id, or None."""
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def with_layers(self, **layers: Any) -> Analysis:
        """Return a copy with some layers replaced."""
        return replace(self, **layers)

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        """Serialise to the versioned JSON contract (DESIGN.md)."""
        doc = self.document
        text = doc.text
        out: dict[str, Any] = {
            "schema": SCHEMA_ID if self.crossdoc is None else CROSSDOC_SCHEMA_ID,
            "tool": {"name": NAME, "version": __version__},
            "document": _document_dict(doc, include_text=include_text),
        }
        for key in LAYER_TYPES:
            out[key] = encode(getattr(self, key), text)
        out["genre"] = encode(self.genre, text)
        out["provenance"] = self.provenance.to_dict()
        if self.crossdoc is not None:
            out["crossdoc"] = dict(self.crossdoc)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild an Analysis from :meth:`to_dict` output (schema checked)."""
        if data.get("schema") not in SCHEMA_IDS:
            raise ValueError(f"unsupported schema {data.get('schema')!r}; expected one of {', '.join(SCHEMA_IDS)}")
        document = _document_from_dict(data["document"])
        layers: dict[str, Any] = {k: tuple(decode(t, item) for item in data.get(k, [])) for k, t in LAYER_TYPES.items()}
        provenance = Provenance.from_dict(data.get("provenance") or {})
        genre = decode(Genre | None, data.get("genre"))  # type: ignore[arg-type]
        crossdoc = data.get("crossdoc") if data.get("schema") == CROSSDOC_SCHEMA_ID else None
        return cls(document=document, genre=genre, provenance=provenance, crossdoc=crossdoc, **layers)


def _document_dict(doc: Document, *, include_text: bool) -> dict[str, Any]:
    return {
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "language": doc.language,
        "text": doc.text if include_text else None,
        "published": encode(doc.published, doc.text),
        "paragraphs": [
            {"start": p.span.start, "end": p.span.end, "kind": p.kind} for p in doc.paragraphs
        ],
        "sentences": [{"start": s.start, "end": s.end} for s in doc.sentences],
        "meta": dict(doc.meta),
    }


def _document_from_dict(data: dict[str, Any]) -> Document:
    return Document(
        text=data.get("text") or "",
        source=data.get("source", "<string>"),
        id=data.get("id", ""),
        title=data.get("title"),
        language=data.get("language", "en"),
        published=decode(Published, data.get("published") or {}),
        paragraphs=tuple(
            Paragraph(Span(p["start"], p["end"]), p.get("kind", "paragraph"))
            for p in data.get("paragraphs", [])
        ),
        sentences=tuple(Span(s["start"], s["end"]) for s in data.get("sentences", [])),
        meta=data.get("meta") or {},
    )
