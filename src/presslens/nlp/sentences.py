"""Sentence-boundary rules the parser must respect (a spaCy component before it).

Setting ``is_sent_start`` before the parser makes the parse itself follow
these boundaries (spaCy's parser never overrides preset values); everything
the rules are not sure about is left to the parser.  The rules are written
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
   A, B, C; bullets "•", "▪", "⁃" …) whose items open with a capital letter.
   A run whose items are lower-case is a run-in list inside one sentence
   ("apply to (a) buyers and (b) sellers").  A marker's own period never ends
   a sentence.
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
   after an abbreviation that may also end a sentence ("U.S.", "a.m.",
   "Inc.", "Jr.", "Ph.D.", "etc.", a state after a comma: "Springfield,
   Ill."), a break only before a sentence-opening word; a lone "I." after a
   lower-case word is the pronoun and ends a sentence ("you and I. Did");
   a name spelled with "!" ("Yahoo! Japan") ends one only before an opener.

Hand-written rather than pySBD because pySBD is not offset-exact in
``char_span`` mode, rewrites nothing the parser could use, and scores lower on
the cases above (``presslens eval sentences`` prints both).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from typing import Any

COMPONENT = "presslens_sentences"
REPAIR = "presslens_sentences_repair"
_PRESETS = "presslens.sentence_presets"

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
# "St." and "Dr." are also streets: "on Baker St. The house …"
_STREET_OR_TITLE = frozenset({"st", "dr"})
# AP state abbreviations; they count after "Place," only ("Springfield, Ill.")
_STATES = frozenset(
    """Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont
    Neb Nev Okla Ore Pa Tenn Tex Vt Va Wash Wis Wyo""".split()
)
# names written with "!" (titles, firms): a break after them only before an opener
_BANG_NAMES = frozenset("yahoo jeopardy oklahoma mia hello airplane wham oliver panic yum".split())
# shared with ingest's paragraph-end rule: abbreviations that do not end a sentence
TITLE_ABBREVIATIONS = _NEVER | _BEFORE_NUMBER
_OPENER_TAGS = frozenset({"PRP", "PRP$", "DT", "WP", "WRB", "EX", "CC", "IN", "RB", "PDT"})
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_FINAL = frozenset({".", "!", "?", "...", "\u2026", "?!", "!?", "!!", "??", "...."})
_CLOSERS = frozenset("\"'\u201d\u2019)]\u00bb") | {"''"}
_GLUE = frozenset({",", ";", ":", ")"})

# --- list markers -------------------------------------------------------------------------
_BULLETS = "\u2022\u25aa\u25e6\u2023\u2043\u25cf\u25a0\u25ba\u27a2\u2219"
_LINE_BULLETS = _BULLETS + "-*\u2013\u2014"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12}
_MARKER = re.compile(
    r"(?:(?<=\s)|^)(?P<bullet>[" + _BULLETS + r"][ \t]?)?"
    r"(?:\((?P<pv>\d{1,2}|[a-zA-Z]|[ivxIVX]{2,4})\)"
    r"|(?P<v>\d{1,2}|[a-zA-Z]|[ivxIVX]{2,4})(?P<suffix>\.\)|\.|\)))"
    r"(?=[ \t]+\S)"
)
_INLINE_BULLET = re.compile(r"(?:(?<=\s)|^)[" + _BULLETS + r"](?=[ \t]*[^\s\d(])")
_LINE_BULLET = re.compile(r"[" + re.escape(_LINE_BULLETS) + r"](?=[ \t]+\S)")
_ELLIPSIS = re.compile(r"\[(?:\.{3}|\u2026)\]|\u2026(?:[ ]?\.)?|\.(?:[ ]?\.){2,}")
_BRACKETS = re.compile(r"\([^()\n]{1,300}\)|\[[^\[\]\n]{1,300}\]")
_MENU_LINE_WORDS = 5
# (token index or None, True = starts a sentence / False = does not / None = no decision)
_Decisions = Iterator[tuple[int | None, bool | None]]


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


def _lower_start(tok: Any) -> bool:
    """A word starting in lower case (not a brand like "iPhone" or "eBay")."""
    t = tok.text
    return bool(t[:1].islower() and t[:1].isalpha() and not any(c.isupper() for c in t[1:]))


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
        doc.user_data[_PRESETS] = numpy.flatnonzero(arr[:, 0] == -1)
    return doc


def repair_boundaries(doc: Any) -> Any:
    """The component after the parser: undo a sentence start the presets forbade.

    The parser respects presets in its transitions, but a token it leaves
    unattached still becomes a root and so starts a sentence.  Such a sentence
    is joined to the one before it: its root is attached to that sentence's
    root with the unlabelled ``dep`` relation (offsets and tokens unchanged).
    """
    forbidden = doc.user_data.pop(_PRESETS, None)
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


class _Tokens:
    """Character offsets → token indexes for one Doc (non-space tokens only)."""

    def __init__(self, doc: Any) -> None:
        """Index the starts of the Doc's non-space tokens."""
        self.doc = doc
        self.idx: list[int] = []
        self.ids: list[int] = []
        for tok in doc:
            if not tok.is_space:
                self.idx.append(tok.idx)
                self.ids.append(tok.i)

    def at(self, offset: int) -> int | None:
        """The token starting exactly at ``offset``."""
        k = bisect.bisect_left(self.idx, offset)
        return self.ids[k] if k < len(self.idx) and self.idx[k] == offset else None

    def from_(self, start: int, end: int | None = None) -> list[int]:
        """Tokens starting in ``[start, end)`` (to the end of the text when ``end`` is None)."""
        lo = bisect.bisect_left(self.idx, start)
        hi = len(self.idx) if end is None else bisect.bisect_left(self.idx, end)
        return self.ids[lo:hi]

    def next_after(self, offset: int) -> int | None:
        """The first token starting at or after ``offset``."""
        k = bisect.bisect_left(self.idx, offset)
        return self.ids[k] if k < len(self.idx) else None


def decide(doc: Any) -> dict[int, bool]:
    """Token index → preset sentence start (True) or continuation (False).

    Rules run in order of precedence; a later rule never overrides an earlier one.
    """
    text = doc.text
    toks = _Tokens(doc)
    out: dict[int, bool] = {}
    for rule in (_layout_rules, _list_rules, _ellipsis_rules, _bracket_rules):
        for i, value in rule(text, toks):
            if i is not None and i > 0 and value is not None:
                out.setdefault(i, value)
    capitalised = _capitalises_sentences(text)
    for k in range(len(toks.ids) - 1):
        i, j = toks.ids[k], toks.ids[k + 1]
        if j in out:
            continue
        value = _between(doc, i, j, capitalised)
        if value is not None:
            out[j] = value
    return out


# --- 1. layout ----------------------------------------------------------------------------


def _layout_rules(text: str, toks: _Tokens) -> _Decisions:
    """Paragraph breaks, errant line breaks and blocks of short lines."""
    for block in re.finditer(r"[^\n]+(?:\n[ \t]*[^\n \t][^\n]*)*", text):
        start = block.start()
        if start > 0:
            yield toks.next_after(start), True
        lines = list(re.finditer(r"[^\n]+", block.group()))
        menu = _is_menu(lines)
        for prev, line in itertools.pairwise(lines):
            first = toks.next_after(start + line.start() + len(line.group()) - len(line.group().lstrip()))
            if menu:
                yield first, True
            elif (first is not None and _lower_start(toks.doc[first]) and not _ends_final(prev.group())
                  and not _line_marker(line.group().lstrip())):
                yield first, False


def _is_menu(lines: list[re.Match[str]]) -> bool:
    """Three or more short lines, none ending in punctuation: each line is an item."""
    if len(lines) < 3:
        return False
    for m in lines:
        line = m.group().strip()
        if not line or len(line.split()) > _MENU_LINE_WORDS or line[-1] in ".!?:;,\u2026\"\u201d":
            return False
    return True


def _ends_final(line: str) -> bool:
    """Does the line end in final punctuation (possibly followed by closers)?"""
    s = line.rstrip().rstrip("".join(_CLOSERS))
    return bool(s) and s[-1] in ".!?\u2026:"


def _line_marker(line: str) -> int:
    """Length of an unambiguous list marker opening ``line`` (0 when there is none).

    A single capital letter or a Roman numeral needs a run (``_list_rules``):
    "A. Smith" opening a wrapped line is an initial.
    """
    m = _LINE_BULLET.match(line)
    if m:
        return m.end()
    m = _MARKER.match(line)
    return m.end() if m and _unambiguous(m) else 0


def _unambiguous(m: re.Match[str]) -> bool:
    """A marker that is a list marker even alone: a number, a lower-case letter, a bullet."""
    value = m.group("pv") or m.group("v") or ""
    return bool(m.group("bullet")) or value.isdigit() or (len(value) == 1 and value.islower())


# --- 2. lists -----------------------------------------------------------------------------


def _marker_values(m: re.Match[str]) -> list[tuple[str, int]]:
    """(style, value) readings of a marker: "i." is letter 9 or Roman 1."""
    paren = m.group("pv") is not None
    value = m.group("pv") if paren else m.group("v")
    shape = "()" if paren else m.group("suffix")
    case = "upper" if value.isupper() else "lower"
    out: list[tuple[str, int]] = []
    if value.isdigit():
        return [(f"num{shape}", int(value))]
    if len(value) == 1:
        out.append((f"alpha-{case}{shape}", ord(value.lower()) - 96))
    if value.lower() in _ROMAN:
        out.append((f"roman-{case}{shape}", _ROMAN[value.lower()]))
    return out


def _list_rules(text: str, toks: _Tokens) -> _Decisions:
    """List items: line-start markers, in-line runs of markers, in-line bullets."""
    markers = list(_MARKER.finditer(text))
    items, run_in = _marker_runs(text, markers)
    for m in markers:
        at_line = _at_line_start(text, m.start())
        if m.start() in items or (at_line and _unambiguous(m)):
            yield from _item(toks, m.start(), m.end(), True)
        elif m.start() in run_in:
            yield from _item(toks, m.start(), m.end(), False)
    for m in _INLINE_BULLET.finditer(text):
        yield from _item(toks, m.start(), m.end(), True)
    for line in re.finditer(r"(?:^|(?<=\n))[ \t]*(?=\S)", text):
        bullet = _LINE_BULLET.match(text, line.end())
        if bullet:
            yield from _item(toks, bullet.start(), bullet.end(), True)


def _item(toks: _Tokens, start: int, end: int, new: bool) -> _Decisions:
    """Decisions for one marker: its first token (``new``), none inside it or right after it."""
    first = toks.at(start)
    if first is None:
        return
    yield first, new
    for i in toks.from_(start + 1, end):
        yield i, False
    yield toks.next_after(end), False


def _at_line_start(text: str, offset: int) -> bool:
    """Only spaces between the previous line break (or the text start) and ``offset``."""
    k = text.rfind("\n", 0, offset)
    return not text[k + 1 : offset].strip()


def _marker_runs(text: str, markers: list[re.Match[str]]) -> tuple[set[int], set[int]]:
    """Starts of in-line list items, and of run-in markers (lower-case items, one sentence).

    A run is two or more markers of one style with consecutive values in one
    paragraph; it must begin at 1 (a, i), at a line start or after a colon.
    """
    by_style: dict[str, list[tuple[int, re.Match[str]]]] = {}
    for m in markers:
        for style, value in _marker_values(m):
            by_style.setdefault(style, []).append((value, m))
    items: set[int] = set()
    run_in: set[int] = set()
    for seq in by_style.values():
        for run in _consecutive(text, seq):
            if not _run_opens(text, run):
                continue
            capital = all(_item_capitalised(text, m) for m in run)
            (items if capital else run_in).update(m.start() for m in run)
    return items, run_in


def _consecutive(text: str, seq: list[tuple[int, re.Match[str]]]) -> Iterator[list[re.Match[str]]]:
    """Maximal runs (length ≥ 2) of markers whose values go up by one, within a paragraph."""
    run: list[re.Match[str]] = []
    last = -1
    for value, m in seq:
        linked = run and value == last + 1 and "\n\n" not in text[run[-1].end() : m.start()]
        if not linked:
            if len(run) >= 2:
                yield run
            run = []
        run.append(m)
        last = value
    if len(run) >= 2:
        yield run


def _run_opens(text: str, run: list[re.Match[str]]) -> bool:
    """A run starts at value 1, at a line start, or after a colon."""
    first = run[0]
    values = [v for _, v in _marker_values(first)]
    before = text[max(0, first.start() - 20) : first.start()].rstrip()
    return 1 in values or _at_line_start(text, first.start()) or before.endswith(":")


def _item_capitalised(text: str, m: re.Match[str]) -> bool:
    """The item after a marker opens with a capital letter or a digit (or has a bullet)."""
    rest = text[m.end() :].lstrip(" \t")
    return bool(m.group("bullet")) or bool(re.match(r"[\"'\u201c\u2018]?(?:[A-Z][a-z]|[A-Z]\b|\d)", rest))


# --- 3. ellipses --------------------------------------------------------------------------


def _ellipsis_rules(text: str, toks: _Tokens) -> _Decisions:
    """No break inside an ellipsis; after one, the next word decides."""
    doc = toks.doc
    for m in _ELLIPSIS.finditer(text):
        if _at_line_start(text, m.start()):
            continue
        # after a full stop (". … I think") the ellipsis itself may open a sentence
        opens = _after_final(text[max(0, m.start() - 20) : m.start()])
        for i in toks.from_(m.start() + 1 if opens else m.start(), m.end()):
            yield i, False
        end = m.end()
        while end < len(text) and text[end] in _CLOSERS:
            end += 1
        for i in toks.from_(m.end(), end):
            yield i, False
        nxt = toks.next_after(end)
        if nxt is None or text[end : doc[nxt].idx].strip(" \t"):
            continue
        yield nxt, _after_ellipsis(toks, m, nxt)  # None: the parser decides


def _after_ellipsis(toks: _Tokens, m: re.Match[str], nxt: int) -> bool | None:
    """The next word decides; the pronoun "I" is capitalised anyway and says nothing.

    After a four-dot ellipsis (a full stop and an omission) any capitalised
    word starts a sentence.  Before "I" after three dots: no break after an
    unfinished clause ("what I mean is … I"), a break otherwise.
    """
    doc = toks.doc
    tok = doc[nxt]
    if _lower_start(tok):
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
    return stripped.rstrip("".join(_CLOSERS))[-1:] in (".", "!", "?", "\u2026")


# --- 4. brackets --------------------------------------------------------------------------


def _bracket_rules(text: str, toks: _Tokens) -> _Decisions:
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
        if nxt is not None and _lower_start(doc[nxt]):
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
    gap = doc.text[tok.idx + len(tok.text) : nxt.idx] if j > i + 1 else tok.whitespace_
    if "\n" in gap:
        return None  # line breaks are decided by the layout rules
    if nxt.text in _GLUE:
        return False
    ends = _ends_with_final(doc, i)
    if not ends:
        return False  # on one line, only final punctuation ends a sentence
    if capitalised and _lower_start(nxt):
        return False
    if tok.text == "." or (tok.text.endswith(".") and not tok.is_punct):
        decision = _after_period(doc, i, nxt)
        if decision is not None:
            return decision
    if tok.text == "!" and i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].lower_ in _BANG_NAMES:
        return _opens_sentence(nxt)
    if not gap and nxt.text in _CLOSERS:
        return False
    return None


def _ends_with_final(doc: Any, i: int) -> bool:
    """Token ``i`` is final punctuation, a word ending in ".", or a closer glued after one."""
    while doc[i].text in _CLOSERS:
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
