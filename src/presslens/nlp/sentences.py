"""Sentence-boundary rules the parser must respect (a spaCy component before it).

The rules follow the English "golden rules" of sentence segmentation (Kevin
Dias, pragmatic_segmenter, also behind pySBD), restricted to what the small
model's parser gets wrong on news text (measured with ``presslens eval
sentences`` on ``eval/cases/sentences_golden.jsonl``):

* a paragraph break (``\\n\\n``) always starts a sentence; so does a list
  marker ("1.", "2)", "-", "•") at the start of a line, and the marker's own
  period never ends one;
* no break after an honorific or title ("Mr.", "Gen.", "Supt.", "Cllr."), an
  initial ("Richard T. Perle", "J. R."), a Latin or measure abbreviation
  ("e.g.", "approx.", "No. 1", "Fig. 3"), or a month abbreviation before a
  number ("Oct. 12");
* after an abbreviation that may also end a sentence ("U.S.", "a.m.",
  "Inc.", "etc."), a break only when a sentence-opening word follows
  (a capitalised function word or pronoun, or an honorific: "… in the U.S.
  The talks …", "… at 5 a.m. Mr. Dalca …");
* an ellipsis followed by a sentence-opening word ends a sentence
  ("Wait … The vote is tied"); before a lowercase word it does not;
* a closing quote or bracket glued to final punctuation ('."', '?"') stays in
  the sentence, and so do ``, ; : )`` after a period.

Everything else is left to the parser.  Setting ``is_sent_start`` before the
parser makes the parse itself follow these boundaries (spaCy's parser never
overrides preset values).  Hand-written rather than pySBD because pySBD costs
more than the whole rule pass, is not offset-exact in ``char_span`` mode, and
scores no better on our cases (see benchmarks/README.md).
"""

from __future__ import annotations

import re
from typing import Any

# never followed by a break
_TITLES = frozenset(
    """mr mrs ms mx dr prof gen sen rep gov lt col sgt capt cpt maj adm cmdr cdr brig cpl pte
    st mt ft rev hon pres supt insp det cllr fr messrs mme mlle sra srta dott gen
    no nos vol fig figs pp ch sec art para approx est ca cf vs viz e.g i.e ph.d al""".split()
)
# may end a sentence: break only before a sentence-opening word
TITLE_ABBREVIATIONS = _TITLES  # shared with ingest's paragraph-end rule
_ENDABLE = frozenset(
    """u.s u.k u.n u.s.a e.u a.m p.m d.c etc inc ltd co corp bros plc llc jr sr dept univ
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_OPENER_TAGS = frozenset({"PRP", "PRP$", "DT", "WP", "WRB", "EX", "CC", "IN", "RB", "PDT"})
_INITIAL = re.compile(r"^[A-Z]\.$|^(?:[A-Za-z]\.){2,}$")
_LIST_MARKER = re.compile(r"(?:\d{1,2}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\)|[-*\u2022\u25aa\u2013\u2014])(?=[ \t])")
_ELLIPSIS = frozenset({"...", "\u2026", ". . ."})
_FINAL = frozenset({".", "!", "?", "...", "\u2026", "?!", "!?"})
_CLOSERS = frozenset("\"'\u201d\u2019)]\u00bb")
_GLUE = frozenset({",", ";", ":", ")"})
COMPONENT = "presslens_sentences"


def _word_before(doc: Any, i: int) -> str:
    """The whitespace-delimited word that token ``i`` ends ("approx" + "." → "approx.")."""
    j = i
    while j > 0 and not doc[j - 1].whitespace_ and not doc[j - 1].is_space:
        j -= 1
    return doc[j : i + 1].text


def _opens_sentence(tok: Any) -> bool:
    """A word that typically opens a new sentence after an ambiguous abbreviation."""
    if not tok.is_title and not tok.is_upper:
        return False
    low = tok.lower_.rstrip(".")
    return tok.is_stop or tok.tag_ in _OPENER_TAGS or low in _TITLES


def _after_period(doc: Any, i: int) -> bool | None:
    """Decision for the token after a word ending in ".": False, True or None (parser)."""
    word = _word_before(doc, i)
    low = word.lower().rstrip(".").lstrip("(\"'\u201c")
    nxt = doc[i + 1]
    if _INITIAL.match(word) and len(word) == 2:
        return False
    if low in _MONTHS:
        return False if nxt.like_num else (True if _opens_sentence(nxt) else None)
    if low in _ENDABLE or (_INITIAL.match(word) and len(word) > 2):
        return bool(_opens_sentence(nxt))
    if low in _TITLES:
        return False
    return None


def _list_marker_end(text: str, start: int) -> int:
    """End offset of a list marker starting at ``start``, or -1."""
    m = _LIST_MARKER.match(text, start)
    return m.end() if m else -1


def set_boundaries(doc: Any) -> Any:
    """The component: preset ``is_sent_start`` where the rules are sure.

    Decisions are collected first and written in one ``Doc.from_array``:
    the ``Token.is_sent_start`` setter scans the whole Doc on every call.
    """
    decisions = _decide(doc)
    if decisions:
        import numpy

        arr = doc.to_array(["SENT_START"]).astype(numpy.int64).reshape(-1, 1)
        for i, value in decisions.items():
            arr[i, 0] = 1 if value else -1
        doc.from_array(["SENT_START"], arr.view(numpy.uint64))
    return doc


def _decide(doc: Any) -> dict[int, bool]:
    """Token index → preset sentence start (True) or continuation (False)."""
    text = doc.text
    n = len(doc)
    out: dict[int, bool] = {}
    last_end = 0
    marker_end = _list_marker_end(text, 0)
    for i in range(n):
        tok = doc[i]
        if tok.is_space:
            continue
        if i > 0:
            gap = text[last_end : tok.idx]
            line_start = "\n" in gap
            if line_start:
                marker_end = _list_marker_end(text, tok.idx)
            if "\n\n" in gap or (line_start and marker_end > 0):
                out[i] = True
            elif tok.idx < marker_end or (marker_end > 0 and last_end <= marker_end <= tok.idx):
                out[i] = False
        last_end = tok.idx + len(tok.text)
        if i + 1 < n and (i + 1) not in out and not doc[i + 1].is_space:
            decision = _inside(doc, i)
            if decision is not None:
                out[i + 1] = decision
    return out


def _inside(doc: Any, i: int) -> bool | None:
    """Rules between token ``i`` and the next token (no line break between them)."""
    tok, nxt = doc[i], doc[i + 1]
    if "\n" in tok.whitespace_:
        return None  # line and paragraph breaks are decided in _decide
    if tok.text in _ELLIPSIS:
        return True if _opens_sentence(nxt) else None
    if tok.text.endswith("."):
        decision = _after_period(doc, i)
        if decision is not None:
            return decision
    if not tok.whitespace_ and tok.text in _FINAL and nxt.text in _CLOSERS:
        return False
    if nxt.text in _GLUE:
        return False
    return None


def add_sentence_rules(nlp: Any) -> None:
    """Register the component (once) and put it before the parser."""
    from spacy.language import Language

    if COMPONENT not in Language.factories:
        Language.component(COMPONENT)(set_boundaries)
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
