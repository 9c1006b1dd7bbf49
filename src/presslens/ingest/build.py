"""Decoded text → Document: cleanup, reflow, paragraphs, title and language.

Title of plain text: news files and wires put the headline on the first line, alone (BBC,
SemEval genre and PolNeAR files do; so does most pasted article text).  The first paragraph is
taken as the title when it is one line of at most 25 words (40 in Title Case), does not start with a lower-case
letter, does not end like a lead-in (":", ",", ";", a hyphen) and is followed by a
longer paragraph (one of the next two: a kicker such as "ABSTRACT." may come first).  It keeps its place in ``document.text`` (offsets unchanged) and its
paragraph becomes kind "heading".  A title given by the input (HTML, JSONL, PDF metadata)
wins; the reflow's own heading detection (title-case lines) still applies as before.
"""

from __future__ import annotations

import re

from presslens.ingest.language import guess_language
from presslens.ingest.normalize import (
    cleanup,
    reflow,
    repair_split_words,
    replace_surrogates,
    title_case_share,
)
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
    if not lines_are_paragraphs:
        paragraphs = first_line_title(new_text, paragraphs)
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


_TITLE_MAX_WORDS = 25
_LEAD_IN_END = tuple(":,;-\u2013\u2014")
_TITLE_CASE_MAX_WORDS = 40


def first_line_title(text: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """``paragraphs`` with the first one made a heading when it reads as the article's title."""
    if len(paragraphs) < 2 or paragraphs[0].kind == "heading":
        return paragraphs
    first = text[paragraphs[0].span.start : paragraphs[0].span.end]
    after = max((text[p.span.start : p.span.end] for p in paragraphs[1:3]), key=len)  # "ABSTRACT." may come first
    if not is_title_line(first, after):
        return paragraphs
    return [Paragraph(paragraphs[0].span, "heading"), *paragraphs[1:]]


def is_title_line(line: str, following: str) -> bool:
    """True when a first paragraph is a headline: one short line before a longer paragraph."""
    words = line.split()
    if "\n" in line.strip() or not words or len(words) > _TITLE_CASE_MAX_WORDS:
        return False
    if len(words) > _TITLE_MAX_WORDS and title_case_share(words) < 0.75:
        return False
    if line.lstrip("\"'\u2018\u201c(")[:1].islower() or line.rstrip().endswith(_LEAD_IN_END):
        return False
    return len(following.split()) > len(words) or len(following) > len(line)


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
