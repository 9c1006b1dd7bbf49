"""Decoded text → Document: cleanup, reflow, paragraphs, title and language."""

from __future__ import annotations

import re

from presslens.ingest.language import guess_language
from presslens.ingest.normalize import cleanup, reflow, repair_split_words, replace_surrogates
from presslens.model.document import Document, Paragraph, Published
from presslens.model.offsets import OffsetMap, apply_edits
from presslens.model.span import Span
from presslens.settings import Settings

_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def build_document(
    text: str,
    *,
    source: str,
    settings: Settings,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    lines_are_paragraphs: bool = False,
    base_map: OffsetMap | None = None,
    extra_meta: dict[str, object] | None = None,
    repair_words: bool = False,
) -> Document:
    """Normalise ``text`` (unless ``keep_text``) and wrap it in a Document.

    Args:
        lines_are_paragraphs: each line is a paragraph (HTML extraction output).
        base_map: map from ``text`` to the original input, for multi-stage ingest.
        repair_words: join words split by stray spaces (PDF extractions).
    """
    text = replace_surrogates(text)  # same length: offsets into the input stay exact
    title, url = _clean_field(title), _clean_field(url)
    source_len = len(text)
    if settings.keep_text:
        new_text, omap = text, OffsetMap.identity(source_len)
        paragraphs = _paragraphs_of_raw(text)
    else:
        stage1, map1 = apply_edits(text, cleanup(text))
        if lines_are_paragraphs:
            stage1, map_lines = apply_edits(stage1, _lines_to_paragraph_edits(stage1))
            map1 = map1.then(map_lines)
        edits, blocks = reflow(stage1)
        new_text, map2 = apply_edits(stage1, edits)
        omap = map1.then(map2)
        if repair_words:
            new_text, map3 = apply_edits(new_text, repair_split_words(new_text))
            omap = omap.then(map3)
        paragraphs = _paragraphs_of_normalised(new_text, [b.kind for b in blocks])
    if base_map is not None:
        omap = base_map.then(omap)
    if title is None:
        title = _title_of(new_text, paragraphs)
    pub = Published(value=published, inferred=False) if published and _DATE.match(published) else Published()
    meta: dict[str, object] = {"url": url} if url else {}
    meta.update(extra_meta or {})
    return Document(
        text=new_text,
        source=source,
        title=title,
        language=guess_language(new_text),
        published=pub,
        paragraphs=tuple(paragraphs),
        offsets=omap,
        meta=meta,
    )


def _clean_field(value: str | None) -> str | None:
    """A metadata string without lone surrogates or control characters, or None when empty."""
    if value is None:
        return None
    value = "".join(ch if ch.isprintable() else " " for ch in replace_surrogates(value))
    return " ".join(value.split()) or None


def _title_of(text: str, paragraphs: list[Paragraph]) -> str | None:
    """The first heading; an all-capitals kicker ("CITY OF VALDORA") yields to the heading after it."""
    heads = [text[p.span.start : p.span.end] for p in paragraphs[:2] if p.kind == "heading"]
    if not paragraphs or paragraphs[0].kind != "heading":
        return None
    if len(heads) == 2 and heads[0].isupper() and not heads[1].isupper():
        return heads[1]
    return heads[0]


def _lines_to_paragraph_edits(text: str) -> list:
    """Edits turning every line break of extracted HTML text into a paragraph break."""
    from presslens.model.offsets import Edit

    return [Edit(m.start(), m.end(), "\n\n") for m in re.finditer(r"(?<=\S)[ ]*\n(?=[ ]*\S)", text)]


def _paragraphs_of_normalised(text: str, kinds: list[str]) -> list[Paragraph]:
    """Paragraph spans of normalised text (blocks split by ``\\n\\n``) with their kinds."""
    out = []
    pos = 0
    for i, block in enumerate(text.split("\n\n")):
        if block:
            kind = kinds[i] if i < len(kinds) else "paragraph"
            out.append(Paragraph(Span(pos, pos + len(block)), "heading" if kind == "heading" else "paragraph"))
        pos += len(block) + 2
    return out


def _paragraphs_of_raw(text: str) -> list[Paragraph]:
    """Paragraph spans of unnormalised text (``--keep-text``): blank-line separated blocks."""
    out = []
    for m in re.finditer(r"\S(?:.|\n(?![ \t\r]*\n))*", text):
        end = m.end()
        while end > m.start() and text[end - 1].isspace():
            end -= 1
        out.append(Paragraph(Span(m.start(), end)))
    return out
