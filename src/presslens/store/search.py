"""Full-text search helpers shared by both backends: the query language and the snippets.

Users type web-search syntax (words are ANDed, ``"a phrase"``, ``OR``,
``-word`` excludes).  PostgreSQL parses it itself (``websearch_to_tsquery``);
for SQLite FTS5 :func:`fts5_query` rewrites it into FTS5 syntax with every
word quoted, so no user text is ever read as FTS5 operators.  Both backends
mark matches in their snippet with :data:`START`/:data:`STOP` (private-use
characters); :func:`make_hit` strips them and turns the fragment and each match
into exact spans of the document text.
"""

from __future__ import annotations

import re

from presslens.errors import CorpusQueryError
from presslens.store.base import DocSpan, SearchHit

START = "\ue000"
STOP = "\ue001"
ELLIPSIS = "…"
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def _quote(words: str) -> str:
    """An FTS5 string literal (double quotes doubled)."""
    return '"' + words.replace('"', '""') + '"'


def fts5_query(query: str) -> str:
    """Rewrite web-search syntax into a safe FTS5 MATCH expression.

    ``storm surge -flood "sea wall" OR dyke`` → ``"storm" "surge" ("sea wall" OR "dyke") NOT "flood"``.
    Raises CorpusQueryError when nothing positive is left to search for.
    """
    groups: list[list[str]] = []
    negatives: list[str] = []
    join_next = False
    for m in _TOKEN.finditer(query):
        neg, phrase, word = m.group(1), m.group(2), m.group(3)
        if word == "OR":
            join_next = bool(groups)
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            neg, word = "-", word[1:]
        text = (phrase if phrase is not None else word or "").strip()
        if not _has_word(text):
            continue
        if neg:
            negatives.append(_quote(text))
        elif join_next:
            groups[-1].append(_quote(text))
        else:
            groups.append([_quote(text)])
        join_next = False
    if not groups:
        raise CorpusQueryError(f"search {query!r}: give at least one word to look for")
    parts = [g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups]
    expr = " ".join(parts)
    return expr + "".join(f" NOT {n}" for n in negatives)


def _has_word(text: str) -> bool:
    """True when the text holds a letter or digit (the tokenizer keeps nothing else)."""
    return any(ch.isalnum() for ch in text)


def check_query(query: str) -> None:
    """Raise CorpusQueryError for a query without any word (both backends)."""
    fts5_query(query)


def make_hit(document: str, source: str, title: str | None, score: float, snippet: str, text: str) -> SearchHit:
    """A SearchHit whose fragment and highlights are located in the document text."""
    marked = snippet.strip()
    if marked.startswith(ELLIPSIS):
        marked = marked[len(ELLIPSIS):]
    if marked.endswith(ELLIPSIS):
        marked = marked[: -len(ELLIPSIS)]
    plain, marks = _strip_marks(marked)
    shown = snippet.replace(START, "").replace(STOP, "")
    at = text.find(plain) if plain else -1
    if at < 0:
        return SearchHit(document, source, title, score, shown, None, ())
    fragment = DocSpan(document, at, at + len(plain), plain)
    highlights = tuple(DocSpan(document, at + s, at + e, plain[s:e]) for s, e in marks)
    return SearchHit(document, source, title, score, shown, fragment, highlights)


def _strip_marks(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove the START/STOP marks; return the plain text and the marked intervals in it."""
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    pos, opened = 0, -1
    for ch in marked:
        if ch == START:
            opened = pos
        elif ch == STOP:
            if opened >= 0 and pos > opened:
                marks.append((opened, pos))
            opened = -1
        else:
            out.append(ch)
            pos += 1
    return "".join(out), marks
