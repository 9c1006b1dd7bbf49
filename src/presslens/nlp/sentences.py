"""Sentence-boundary rules the parser must respect (a spaCy component before it).

Setting ``is_sent_start`` before the parser makes the parse itself follow
these boundaries (the parser's transitions respect preset values); where the
rules are not sure, the parser decides.  The rules are written
from the rules of English punctuation (Chicago, AP) by kind, and measured
with ``presslens eval sentences`` on ``eval/cases/sentences_rules_*.jsonl``
(cases written from those rules, with a held-out third) and
``eval/cases/sentences_golden.jsonl``.  In order of precedence:

1. **Layout.**  A paragraph break (``\\n\\n``) starts a sentence.  A single
   line break before a lower-case word inside running text does not (an
   errant PDF line break), except in a block of three or more short lines
   with no final punctuation, where every line is an item (a menu, a list).
2. **Lists.**  A list marker at the start of a line ("1.", "1)", "1.)", "(1)",
   "a.", "(a)", "ii.", "•", "-", "*", "–") starts an item; so does each marker
   of an in-line run of markers in sequence (1, 2, 3 / a, b, c / i, ii, iii /
   A, B, C; bullets "•", "▪", "⁃" …) with a period ("a. a torch b. a map":
   a vertical list joined onto one line) or whose items open with a capital.
   Parenthesised markers before lower-case items are a run-in list inside
   one sentence ("apply to (a) buyers and (b) sellers").  A marker's own
   period never ends a sentence.
3. **Ellipses** in any written form ("...", "…", ". . .", "....", "….",
   ". . . .", "[...]"): never a break inside one; after one, a break before a
   sentence-opening word (a capitalised function word or pronoun), none before
   a lower-case word, the parser's choice before anything else.
4. **Brackets.**  A parenthesis opened inside a sentence holds no break and
   ends none (a full sentence in parentheses mid-sentence stays inside); one
   opened after a full stop is a sentence of its own.
5. **After a full stop, "?" or "!"** (and any closing quotes or brackets): no
   break before a lower-case word (a speech tag after a quotation, "Yahoo! in",
   "etc. and"), nor before ``, ; : )``.  Abbreviations: never a break after a
   title or honorific ("Mr.", "Lt. Col.", "Supt."), an initial ("Harriet B.
   Lowell"), a Latin abbreviation ("e.g.", "vs."), or a reference abbreviation
   before a number ("No. 5", "pp. 12", "fig. 3", "approx. 20", "Oct. 12");
   after an abbreviation that may also end a sentence ("U.S.", "Inc.", "Jr.",
   "Ph.D.", a state after a comma: "Springfield, Ill."), a break only before
   a sentence-opening word; after "a.m.", "p.m." and "etc.", before any
   capitalised word but a day, a month or a time zone ("10 a.m. Tuesday");
   a lone "I." after a lower-case word is the pronoun and ends a sentence
   ("you and I. Did"); a name spelled with "!" ("Yahoo! Japan") ends one only
   before an opener.
6. **Nothing else.**  Within a line, a sentence ends only at final
   punctuation: the parser never starts one after a word, a comma or a dash.

Layout and list rules live in ``sentence_layout.py``.  A second component
after the parser (``repair_boundaries``) joins the rare sentence the parser
starts where a preset forbade it (a token it left unattached).

Hand-written rather than pySBD because pySBD is not offset-exact in
``char_span`` mode, costs about 14% of the parse on news text against under 2%
for these rules (``benchmarks/bench_sentences.py``), and scores lower on the
cases above (``presslens eval sentences`` prints both).
"""

from __future__ import annotations

import bisect
import re
import weakref
from typing import Any

from presslens.nlp.sentence_layout import (
    CLOSERS,
    Decisions,
    Tokens,
    at_line_start,
    layout_rules,
    list_rules,
    lower_start,
)

COMPONENT = "presslens_sentences"
REPAIR = "presslens_sentences_repair"
# forbidden sentence starts per Doc, from the rules to the repair (never in Doc.user_data,
# which Doc.from_docs would warn about when the repair is switched off)
_PRESETS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()

# never followed by a break
_NEVER = frozenset(
    """mr mrs ms mx dr prof gen sen rep gov lt col sgt capt cpt maj adm cmdr cdr brig cpl pte pvt
    st mt ft rev hon pres supt insp det cllr fr msgr messrs mmes mme mlle sra srta dott atty amb
    approx ca cf vs viz e.g i.e""".split()
)
# never followed by a break when a number follows ("No. 5", "pp. 12")
_BEFORE_NUMBER = frozenset(
    """no nos nr n° p pp vol vols ch chap sec secs art arts para paras fig figs tab ex op
    col cols pt pts ed eds ref refs ca c est approx ext tel""".split()
)
# may end a sentence: break only before a sentence-opening word
_ENDABLE = frozenset(
    """u.s u.k u.n u.s.a e.u a.m p.m d.c etc inc ltd co corp bros plc llc jr sr esq dept univ
    ph.d m.d b.a m.a b.sc m.sc al govt assn ave rd blvd ln hwy pkwy sq""".split()
)
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# after "a.m."/"p.m." and "etc." a capitalised word starts a sentence unless it continues a time
_TIME_ABBREVIATIONS = frozenset({"a.m", "p.m", "etc"})
_TIME_FOLLOWERS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept oct
    nov dec est edt cst cdt mst mdt pst pdt gmt bst utc cet cest eet ist aest et pt ct mt eastern
    central mountain pacific local""".split()
)
# "St." and "Dr." are also streets: "on Baker St. The house …"
_STREET_OR_TITLE = frozenset({"st", "dr"})
# AP state abbreviations; they count after "Place," only ("Springfield, Ill.")
_STATES = frozenset(
    """Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont
    Neb Nev Okla Ore Pa Tenn Tex Vt Va Wash Wis Wyo""".split()
)
# names written with "!" (titles, firms): a break after them only before an opener
_BANG_NAMES = frozenset("yahoo jeopardy oklahoma mia hello airplane wham oliver panic yum".split())
# ingest's paragraph-end rule: a line ending in one of these does not end a paragraph
TITLE_ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof gen sen rep gov lt col sgt capt cpt maj adm cmdr cdr brig cpl pte
    st mt ft rev hon pres supt insp det cllr fr messrs mme mlle sra srta dott
    no nos vol fig figs pp ch sec art para approx est ca cf vs viz e.g i.e ph.d al""".split()
)
_OPENER_TAGS = frozenset({"PRP", "PRP$", "DT", "WP", "WRB", "EX", "CC", "IN", "RB", "PDT"})
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_FINAL = frozenset({".", "!", "?", "...", "\u2026", "?!", "!?", "!!", "??", "...."})
_GLUE = frozenset({",", ";", ":", ")"})

_ELLIPSIS = re.compile(r"\[(?:\.{3}|\u2026)\]|\u2026(?:[ ]?\.)?|\.(?:[ ]?\.){2,}")
_BRACKETS = re.compile(r"\([^()\n]{1,300}\)|\[[^\[\]\n]{1,300}\]")


def _word_before(doc: Any, i: int) -> str:
    """The whitespace-delimited word that token ``i`` ends ("approx" + "." → "approx.")."""
    j = i
    while j > 0 and not doc[j - 1].whitespace_ and not doc[j - 1].is_space:
        j -= 1
    return str(doc[j : i + 1].text)


def _opens_sentence(tok: Any) -> bool:
    """A word that typically opens a new sentence after an ambiguous abbreviation."""
    if not tok.is_title and not tok.is_upper:
        return False
    low = tok.lower_.rstrip(".")
    return bool(tok.is_stop or tok.tag_ in _OPENER_TAGS or low in _NEVER)

def _numberish(tok: Any) -> bool:
    """A number, or a currency sign or "#" before one ("$40", "#3")."""
    t = tok.text
    return bool(tok.like_num or t[:1].isdigit() or t[:1] in "$\u00a3\u20ac#")


# --- the component ------------------------------------------------------------------------


def set_boundaries(doc: Any) -> Any:
    """The component: preset ``is_sent_start`` where the rules are sure.

    Decisions are collected first and written in one ``Doc.from_array``:
    the ``Token.is_sent_start`` setter scans the whole Doc on every call.
    """
    decisions = decide(doc)
    if decisions:
        import numpy

        arr = doc.to_array(["SENT_START"]).astype(numpy.int64).reshape(-1, 1)
        for i, value in decisions.items():
            arr[i, 0] = 1 if value else -1
        doc.from_array(["SENT_START"], arr.view(numpy.uint64))
        _PRESETS[doc] = numpy.flatnonzero(arr[:, 0] == -1)
    return doc


def repair_boundaries(doc: Any) -> Any:
    """The component after the parser: undo a sentence start the presets forbade.

    The parser respects presets in its transitions, but a token it leaves
    unattached still becomes a root and so starts a sentence.  Such a sentence
    is joined to the one before it: its root is attached to that sentence's
    root with the unlabelled ``dep`` relation (offsets and tokens unchanged).
    """
    forbidden = _PRESETS.pop(doc, None)
    if forbidden is None or not len(forbidden) or not doc.has_annotation("DEP"):
        return doc
    import numpy

    starts = doc.to_array(["SENT_START"]).astype(numpy.int64).reshape(-1)
    bad = [int(i) for i in forbidden[starts[forbidden] == 1]]
    if not bad:
        return doc

    sents = list(doc.sents)
    first = {s.start: k for k, s in enumerate(sents)}
    arr = doc.to_array(["HEAD", "DEP"]).astype(numpy.int64)
    dep = doc.vocab.strings.add("dep")
    for i in bad:
        k = first[i]
        root, prev_root = sents[k].root.i, sents[k - 1].root.i
        arr[root, 0] = prev_root - root
        arr[root, 1] = dep
    doc.from_array(["HEAD", "DEP"], arr.view(numpy.uint64))
    return doc

def decide(doc: Any) -> dict[int, bool]:
    """Token index → preset sentence start (True) or continuation (False).

    Rules run in order of precedence; a later rule never overrides an earlier one.
    """
    toks = Tokens(doc)
    text = "".join(map(str.__add__, toks.texts, toks.spaces))  # = doc.text, from strings already read
    out: dict[int, bool] = {}
    for rule in (layout_rules, list_rules, _ellipsis_rules, _bracket_rules):
        for i, value in rule(text, toks):
            if i is not None and i > 0 and value is not None:
                out.setdefault(i, value)
    capitalised = _capitalises_sentences(text)
    for k in range(len(toks.ids) - 1):
        i, j = toks.ids[k], toks.ids[k + 1]
        if j in out:
            continue
        value = _plain_gap(toks, i, j)
        if value is True:
            value = _between(doc, i, j, capitalised)
        if value is not None:
            out[j] = value
    return out


def _plain_gap(toks: Tokens, i: int, j: int) -> bool | None:
    """The first checks of ``_between`` on the cached token strings (no spaCy Token made).

    None: a line break (the layout rules decide); False: no break (glue after, or no final
    punctuation before); True: undecided here, ``_between`` decides.
    """
    texts, spaces = toks.texts, toks.spaces
    if "\n" in spaces[i] or any("\n" in texts[m] or "\n" in spaces[m] for m in range(i + 1, j)):
        return None
    if texts[j] in _GLUE:
        return False
    while texts[i] in CLOSERS:
        if i == 0 or spaces[i - 1]:
            return False
        i -= 1
    t = texts[i]
    return t in _FINAL or t.endswith(".") or t[-1:] in "!?\u2026"

# --- 3. ellipses --------------------------------------------------------------------------


def _ellipsis_rules(text: str, toks: Tokens) -> Decisions:
    """No break inside an ellipsis; after one, the next word decides."""
    doc = toks.doc
    for m in _ELLIPSIS.finditer(text):
        if at_line_start(text, m.start()):
            continue
        # after a full stop (". … I think") the ellipsis itself may open a sentence
        opens = _after_final(text[max(0, m.start() - 20) : m.start()])
        for i in toks.from_(m.start() + 1 if opens else m.start(), m.end()):
            yield i, False
        end = m.end()
        while end < len(text) and text[end] in CLOSERS:
            end += 1
        for i in toks.from_(m.end(), end):
            yield i, False
        nxt = toks.next_after(end)
        if nxt is None or text[end : doc[nxt].idx].strip(" \t"):
            continue
        yield nxt, _after_ellipsis(toks, m, nxt)  # None: the parser decides


def _after_ellipsis(toks: Tokens, m: re.Match[str], nxt: int) -> bool | None:
    """The next word decides; the pronoun "I" is capitalised anyway and says nothing.

    After a four-dot ellipsis (a full stop and an omission) any capitalised
    word starts a sentence.  Before "I" after three dots: no break after an
    unfinished clause ("what I mean is … I"), a break otherwise.
    """
    doc = toks.doc
    tok = doc[nxt]
    if lower_start(tok):
        return False
    if m.group().count(".") + m.group().count("\u2026") * 3 >= 4 and tok.text[:1].isupper():
        return True  # a full stop and an ellipsis: the sentence has ended
    if tok.text != "I":
        return True if _opens_sentence(tok) else None
    k = bisect.bisect_left(toks.idx, m.start()) - 1
    while k >= 0 and doc[toks.ids[k]].is_punct:
        k -= 1
    return not (k >= 0 and doc[toks.ids[k]].is_stop)


def _after_final(before: str) -> bool:
    """Does the text before a position end in final punctuation (and closers), then space?"""
    stripped = before.rstrip(" \t")
    if stripped == before:
        return False
    return stripped.rstrip("".join(CLOSERS))[-1:] in (".", "!", "?", "\u2026")


# --- 4. brackets --------------------------------------------------------------------------


def _bracket_rules(text: str, toks: Tokens) -> Decisions:
    """Parenthetical inside a sentence: no break in it; after a full stop: its own sentence."""
    doc = toks.doc
    for m in _BRACKETS.finditer(text):
        before = text[max(0, m.start() - 20) : m.start()]
        if not before.strip(" \t") or before.rstrip(" \t")[-1] == "\n":
            continue
        inner = m.group()[1:-1].strip()
        if _after_final(before):
            if inner[:1].isupper() or inner[:1] in "\"'\u201c":
                yield toks.at(m.start()), True
                nxt = toks.next_after(m.end())
                if nxt is not None and inner[-1:] in ".!?" and doc[nxt].text[:1].isupper():
                    yield nxt, True
            continue
        yield toks.at(m.start()), False
        for i in toks.from_(m.start() + 1, m.end()):
            yield i, False
        nxt = toks.next_after(m.end())
        if nxt is not None and lower_start(doc[nxt]):
            yield nxt, False


# --- 5. after a full stop, "?" or "!" -----------------------------------------------------


def _capitalises_sentences(text: str) -> bool:
    """Does the text start its sentences with capitals?  (Not all-lower-case chat text.)"""
    lower = upper = 0
    for m in re.finditer(r"[.!?][\"')\]\u2019\u201d]*\s+([^\W\d_])", text[:20000]):
        if m.group(1).islower():
            lower += 1
        else:
            upper += 1
    return lower < 3 or upper >= lower


def _between(doc: Any, i: int, j: int, capitalised: bool) -> bool | None:
    """Decision for token ``j``, the next non-space token after token ``i``, on the same line."""
    tok, nxt = doc[i], doc[j]
    gap = tok.whitespace_ + "".join(doc[k].text_with_ws for k in range(i + 1, j))
    if "\n" in gap:
        return None  # line breaks are decided by the layout rules
    if nxt.text in _GLUE:
        return False
    ends = _ends_with_final(doc, i)
    if not ends:
        return False  # on one line, only final punctuation ends a sentence
    if capitalised and lower_start(nxt):
        return False
    if tok.text == "." or (tok.text.endswith(".") and not tok.is_punct):
        decision = _after_period(doc, i, nxt)
        if decision is not None:
            return decision
    if tok.text == "!" and i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].lower_ in _BANG_NAMES:
        return _opens_sentence(nxt)
    if not gap and nxt.text in CLOSERS:
        return False
    return None


def _ends_with_final(doc: Any, i: int) -> bool:
    """Token ``i`` is final punctuation, a word ending in ".", or a closer glued after one."""
    while doc[i].text in CLOSERS:
        if i == 0 or doc[i - 1].whitespace_:
            return False
        i -= 1
    t = doc[i].text
    return t in _FINAL or t.endswith(".") or t[-1:] in "!?\u2026"


def _after_period(doc: Any, i: int, nxt: Any) -> bool | None:
    """Decision for the token after a word ending in ".": False, True or None (parser)."""
    word = _word_before(doc, i)
    core = word.lstrip("([\"'\u201c\u2018").rstrip(".")
    low = core.lower()
    if len(core) == 1 and core.isalpha():
        return _after_letter(doc, i, core, nxt)
    if low in _BEFORE_NUMBER and _numberish(nxt):
        return False
    if low in _MONTHS:
        return False if _numberish(nxt) else (True if _opens_sentence(nxt) else None)
    if low in _STREET_OR_TITLE:
        prev = _token_before_word(doc, i)
        return bool(prev is not None and prev.is_title and _opens_sentence(nxt))
    if low in _NEVER:
        return False
    if low in _TIME_ABBREVIATIONS and (nxt.is_title or nxt.is_upper):
        return nxt.lower_.rstrip(".") not in _TIME_FOLLOWERS
    if low in _ENDABLE or _DOTTED.match(word) or (core in _STATES and _after_place(doc, i)):
        return _opens_sentence(nxt)
    return None


def _token_before_word(doc: Any, i: int) -> Any:
    """The non-space token before the word that token ``i`` ends (None at the text start)."""
    j = i
    while j > 0 and not doc[j - 1].whitespace_ and not doc[j - 1].is_space:
        j -= 1
    j -= 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return doc[j] if j >= 0 else None


def _after_place(doc: Any, i: int) -> bool:
    """"Springfield, Ill.": the abbreviation follows a comma after a capitalised word."""
    prev = _token_before_word(doc, i)
    if prev is None or prev.text != "," or prev.i == 0:
        return False
    return bool(doc[prev.i - 1].is_title)


def _after_letter(doc: Any, i: int, letter: str, nxt: Any) -> bool | None:
    """A single letter and a period: an initial, or the pronoun "I" ending a sentence."""
    if letter.islower():
        return False if _numberish(nxt) else None
    prev = _token_before_word(doc, i)
    after_lower = prev is not None and (prev.text[:1].islower() or prev.text == ",")
    if after_lower and letter == "I" and (nxt.is_title or nxt.is_upper):
        return True
    return bool(after_lower and _opens_sentence(nxt))


def add_sentence_rules(nlp: Any) -> None:
    """Register the components (once): the rules before the parser, the repair after it."""
    from spacy.language import Language

    if COMPONENT not in Language.factories:
        Language.component(COMPONENT)(set_boundaries)
    if REPAIR not in Language.factories:
        Language.component(REPAIR)(repair_boundaries)
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    if REPAIR not in nlp.pipe_names:
        nlp.add_pipe(REPAIR, after="parser")
