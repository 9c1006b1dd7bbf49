"""Numbers that are not amounts: digits inside names, dates and clock times, labels, pronouns.

English writes numbers that count nothing: inside names ("Six Nations", "Fortune 500",
"Radio 4", "Apollo 11", "10 Downing Street", "Spider-Man 2", "F-35", "COVID-19"), as labels
("page 4", "flight 370", "number eight"), in calendar dates and clock times ("March 19",
"1300 GMT", "7.45 in the morning"; the timexes layer finds these), as list markers, and as the
pronoun "one" ("one of the aides", "only one could"), "the two" ("the two met"), or inside
idioms ("one-off", "five-alarm").  ``blocked`` is asked before a number is read at a token,
``not_amount`` after.  The rules are the ones a sub-editor applies; hand-written because no
library separates a name's digits from an amount.
"""

from __future__ import annotations

import re
from typing import Any

from presslens import resources
from presslens.analyzers.quantities.grammar import Reading

LABEL_NOUNS = resources.words("quantities/label_nouns.txt")
_NAME_ENTS = frozenset({"ORG", "EVENT", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "PERSON"})
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                     "sept", "oct", "nov", "dec"})
_CLOCK_AFTER = frozenset({"gmt", "utc", "bst", "cet", "est", "edt", "pst", "pdt", "am", "pm", "a.m.", "p.m.", "hrs", "local"})
_CLOCK = re.compile(r"^(?:[01]?\d|2[0-3])[:.][0-5]\d$")
_PRONOUN_DETS = frozenset({"the", "these", "those", "both", "all"})


def blocked(doc: Any, i: int, in_time: set[int]) -> bool:
    """True when the number at token ``i`` is part of a name, a label, a date or a list marker."""
    tok = doc[i]
    if tok.like_url or tok.like_email:
        return True
    prev = doc[i - 1] if i > 0 else None
    if prev is not None and _glued_to_name(prev, tok):
        return True
    if prev is not None and prev.lower_ in LABEL_NOUNS and not (prev.lower_ in ("day", "week") and prev.whitespace_ and tok.lower_ == "one"):
        return True
    if _in_name(doc, i):
        return True
    if _list_marker(doc, i) or _clock(doc, i):
        return True
    return i in in_time and not _time_amount(doc, i)


def _glued_to_name(prev: Any, tok: Any) -> bool:
    """ "F-35", "COVID-19", "#3", "A/2": digits glued to letters or a sign before them."""
    if prev.whitespace_:
        return False
    if prev.text in ("#", "/", "\\"):
        return True
    if prev.text in ("-", "–"):
        before = prev.nbor(-1) if prev.i > 0 else None
        return before is not None and not before.whitespace_ and before.is_alpha and before.lower_ not in _NUMBERISH
    return prev.is_alpha


_NUMBERISH = frozenset({"to", "and"})


def _in_name(doc: Any, i: int) -> bool:
    """Digits inside a name: after a capitalised word ("Radio 4") or starting one ("Six Nations")."""
    tok = doc[i]
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    follows_unit = nxt is not None and (nxt.text == "%" or nxt.lower_ in ("per", "percent", "pc", "points"))
    if (prev is not None and _capitalised(prev) and not prev.is_sent_start and not follows_unit
            and prev.lower_ not in _MONTHS and prev.ent_type_ not in ("GPE", "NORP", "MONEY")):
        return True
    if prev is not None and _capitalised(prev) and prev.is_sent_start and prev.ent_type_ in _NAME_ENTS and not follows_unit:
        return True
    if nxt is None or not _capitalised(nxt):
        return False
    if tok.is_alpha and tok.text[0].isupper() and not tok.is_sent_start:
        return True  # "the Six Nations", "Formula One" read from the number word
    return tok.ent_type_ in _NAME_ENTS and nxt.ent_type_ == tok.ent_type_ and nxt.ent_iob_ == "I"


def _capitalised(tok: Any) -> bool:
    """A word written with a capital (a name's part), not a lone capital or an acronym of one letter."""
    return tok.is_alpha and tok.text[0].isupper() and len(tok.text) > 1 and tok.pos_ in ("PROPN", "NOUN", "ADJ", "NUM")


def _list_marker(doc: Any, i: int) -> bool:
    """ "1." or "2)" opening a line: list numbering."""
    tok = doc[i]
    at_line_start = i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].text.strip() == ""
    return at_line_start and i + 1 < len(doc) and doc[i + 1].text in (".", ")") and tok.text.isdigit()


def _clock(doc: Any, i: int) -> bool:
    """Clock times: "1300 GMT", "7.45 in the morning", "10.30pm"."""
    tok = doc[i]
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if _CLOCK.match(tok.text) and (nxt in _CLOCK_AFTER or nxt == "in" or doc[i - 1].lower_ in ("at", "by", "until", "from")):
        return True
    return bool(re.fullmatch(r"\d{4}", tok.text)) and nxt in _CLOCK_AFTER


def _time_amount(doc: Any, i: int) -> bool:
    """Inside a date expression, a count of time units is still an amount ("22 years ago")."""
    from presslens.analyzers.quantities.units import TIME_UNITS

    for k in range(i + 1, min(len(doc), i + 4)):
        low = doc[k].lemma_.lower()
        if low in TIME_UNITS:
            return True
        if doc[k].text != "-" and not doc[k].like_num and doc[k].lower_ not in ("and", "a", "half"):
            return False
    return False


def not_amount(doc: Any, r: Reading) -> bool:
    """True for readings that count nothing: pronoun "one", "the two met", idioms ("one-off")."""
    if r.kind != "count":
        return False
    first = doc[_number_start(doc, r)]
    nxt = doc[r.end] if r.end < len(doc) else None
    if "hyphen_noun" in r.flags and r.words:
        return True  # "one-off", "five-alarm", "two-way"
    if first.lower_ == "one" and r.value == 1 and r.value_max is None:
        return True  # "one of the aides", "one vessel": a pronoun or determiner
    if r.words and first.i > 0 and doc[first.i - 1].lower_ in _PRONOUN_DETS:
        return nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")
    return "unknown_suffix" in r.flags


def _number_start(doc: Any, r: Reading) -> int:
    """Token index where the number itself starts (after a qualifier or currency sign)."""
    for k in range(r.start, r.end):
        if doc[k].like_num or doc[k].lower_ in ("a", "an") or doc[k].pos_ == "NUM":
            return k
    return r.start
