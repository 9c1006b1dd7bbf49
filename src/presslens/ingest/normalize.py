"""Offset-preserving normalisers: each returns edits, never a bare string.

Reflowing hard-wrapped text (PDF extractions, e-mail, plain-text wires) is
hand-written: no maintained library both reflows and keeps a character map
back to the input (textacy's ``normalize_*`` are str→str, see STYLE.md).

Rules, applied to the decoded input:
0. ``replace_surrogates``: a lone surrogate (possible in a Python str, e.g. from JSON
   ``"\\ud800"``, never encodable) becomes U+FFFD, one character for one, so that
   offsets into the input stay exact even with ``keep_text``.
1. ``cleanup``: ``\\r\\n``/``\\r`` → ``\\n``; tabs, NBSP and other odd spaces → space;
   soft hyphens and zero-width characters are dropped; NEL and U+2028 are line breaks,
   U+2029 a paragraph break; the information separators U+001C–U+001F are spaces; other
   C0/C1 control characters and DEL are dropped.
2. ``reflow``: runs of spaces inside a line collapse to one; leading and
   trailing spaces of lines go; a blank line (or more) is a paragraph break
   ``\\n\\n``; a single line break inside a paragraph becomes a space, except
   before a list item and around a heading (a short title-like line standing
   alone or opening a block), where it is a paragraph break.
3. A word hyphenated across a line break is joined without the hyphen
   ("inter-\\nnational" → "international") unless the first part is a prefix
   that keeps its hyphen ("ex-", "anti-"), the second part is capitalised
   ("pro-\\nIranian"), or the second part is a frequent compound head
   ("spy-\\nchief", "US-\\nbacked") — news style keeps those hyphens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presslens.model.offsets import Edit

_CLEANUP = re.compile(
    "\u00ad[ \t]*(?:\r\n?|\n)[ \t]*|\r\n?|[\u00ad\u200b\u200c\u200d\u2060\ufeff]"
    "|[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v\x1c-\x1f]|[\u2010\u2011]"
    "|[\x85\u2028\u2029]|[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = {"\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_LINE_HYPHENS = "-\u2010\u2011\u00ad"
# List item starts: bullets (hyphen, asterisk, •▪–◦‣⁃●■►➢), "1. " "1) " "1.) ", "a) " "a. ",
# lower-case roman "ii. " "iv) ", "(a) " "(iv) " "(3) ".  A capital "A. " is an item only when a
# neighbouring line continues the sequence ("B. " after it, or "Z. " before): ``_capital_item``.
_LIST_ITEM = re.compile(
    r"(?:[-*\u2022\u25aa\u2013\u25e6\u2023\u2043\u25cf\u25a0\u25ba\u27a2]\s|\d{1,2}(?:\.\)|[.)])\s"
    r"|[a-z][.)]\s|[ivxlc]{1,5}[.)]\s|\([a-z0-9]{1,4}\)\s)"
)
_CAPITAL_ITEM = re.compile(r"([A-Z])\.\s")
_HYPHEN_END = re.compile(r"([^\W\d_]+)[" + _LINE_HYPHENS + "]$")
_WORD_START = re.compile(r"([^\W\d_]+)")
_DOC_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_FURNITURE = re.compile(r"(?i:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|[-\u2013]\s*\d{1,4}\s*[-\u2013]|\d{1,3})")
_KEEP_PREFIX = frozenset(
    "anti co counter cross ex multi non post pre pro self semi sub super ultra vice".split()
)
# Second halves of compounds that news style writes with a hyphen.
_COMPOUND_HEADS = frozenset(
    """chief based backed led owned run held funded born made style like free old year
    term time level scale wing minded term day week month long range class wide
    related designate elect general minister president general in law up down out off
    over back term care made shaped driven fuelled fueled linked affiliated aligned
    controlled dominated occupied inspired""".split()
)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or heading of the *input* text, by its input offsets."""

    start: int
    end: int
    kind: str


def replace_surrogates(text: str) -> str:
    """Rule 0: every lone surrogate becomes U+FFFD (same length, so offsets are unchanged)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def cleanup(text: str) -> list[Edit]:
    """Rule 1: line endings, odd spaces, invisible and control characters."""
    edits: list[Edit] = []
    for m in _CLEANUP.finditer(text):
        ch = m.group()
        if ch in _LINE_BREAKS:
            edits.append(Edit(m.start(), m.end(), _LINE_BREAKS[ch]))
        elif len(ch) == 1 and _is_control(ch):
            edits.append(Edit(m.start(), m.end(), ""))
        elif ch[0] in "\u2010\u2011":
            edits.append(Edit(m.start(), m.end(), "-"))
        elif ch.startswith("\u00ad") and len(ch) > 1:
            edits.append(Edit(m.start(), m.end(), ""))  # soft hyphen at a line end: split word
        elif ch.startswith("\r"):
            edits.append(Edit(m.start(), m.end(), "\n"))
        elif ch in _INVISIBLE:
            edits.append(Edit(m.start(), m.end(), ""))
        else:
            edits.append(Edit(m.start(), m.end(), " "))
    return edits


def _is_control(ch: str) -> bool:
    """A C0/C1 control character or DEL that cleanup drops (not tab, line or separator controls)."""
    code = ord(ch)
    return code <= 0x08 or 0x0E <= code <= 0x1B or (0x7F <= code <= 0x9F and code != 0x85)


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Content spans (leading/trailing spaces stripped) of every line."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        if _FURNITURE.fullmatch(text, start, end):
            end = start  # page furniture: treated as a blank line
        spans.append((start, end))
        pos += len(line) + 1
    return spans


_TRAILING_FUNCTION = frozenset(
    """a an the of and or but to in on at by for with from as that which who than into onto
    is are was were be his her its their our my your this these those said""".split()
)
_MINOR = frozenset("a an the of and or but to in on at by for with from as vs nor per".split())


def title_case_share(words: list[str]) -> float:
    """Share of non-minor words that start with a capital letter or a digit."""
    major = [w for w in words if w.lower() not in _MINOR] or words
    return sum(1 for w in major if w[:1].isupper() or w[:1].isdigit()) / len(major)


def is_heading_line(line: str, next_line: str | None) -> bool:
    """Is this line a heading?  ``next_line`` is given when the line opens a block.

    A heading is short (at most 12 words, 90 characters), starts with a capital
    or a digit, has no final punctuation or hyphen and does not end on a
    function word ("… shut the").  A line standing alone between blank lines
    needs nothing more; a line that opens a block without a blank line after it
    must also be in Title Case (or capitals) and clearly shorter than the line
    that follows, so that the short first or last line of a wrapped paragraph
    is never taken for a heading.
    """
    line = " ".join(line.split())
    words = line.split()
    if not words or len(words) > 12 or len(line) > 90:
        return False
    if line[-1] in ".,;:!?\"\u201d'\u2019" + _LINE_HYPHENS or not (line[0].isupper() or line[0].isdigit()):
        return False
    if words[-1].lower() in _TRAILING_FUNCTION:
        return False
    if next_line is None:
        return True
    next_len = len(" ".join(next_line.split()))
    return title_case_share(words) >= 0.75 and len(line) <= 0.75 * next_len


def _words_of(text: str) -> frozenset[str]:
    """Every word and hyphenated compound of ``text`` (for document evidence)."""
    return frozenset(_DOC_WORD.findall(text))


def _join_hyphenated(first_line: str, next_line: str, doc_words: frozenset[str] = frozenset()) -> str | None:
    """Return "join" / "keep" for a line ending in a hyphen, or None when not a split word.

    Evidence in order: the document itself (the joined or the hyphenated form
    occurs elsewhere in ``text``); a prefix that keeps its hyphen ("ex-") or a
    capitalised second part ("pro-Iranian"); the joined form is an English
    word ("inter-national"); both halves are words or the second is a
    compound head ("spy-chief", "deputy-mayor", "US-backed"); else join.
    """
    m1 = _HYPHEN_END.search(first_line)
    m2 = _WORD_START.match(next_line)
    if not m1 or not m2:
        return None
    first, second = m1.group(1), m2.group(1)
    joined, hyphenated = first + second, f"{first}-{second}"
    if hyphenated in doc_words:
        return "keep"
    if joined in doc_words:
        return "join"
    if first.lower() in _KEEP_PREFIX or second[0].isupper():
        return "keep"
    from presslens.ingest.lexicon import is_word

    if is_word(joined):
        return "join"
    if second.lower() in _COMPOUND_HEADS or (is_word(first) and is_word(second)):
        return "keep"
    return "join"


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
_PARAGRAPH_OPEN = re.compile(r"[\"'\u201c\u2018(]?[A-Z0-9]")


def _ends_sentence(line: str) -> bool:
    """Does the line end a sentence (not an honorific, an initial or a dotted abbreviation)?"""
    if not _SENTENCE_END.search(line):
        return False
    from presslens.nlp.sentences import TITLE_ABBREVIATIONS

    last = line.rsplit(" ", 1)[-1].rstrip("\"'\u201d\u2019)")
    if last.count(".") > 1 or re.fullmatch(r"[A-Z]\.", last):
        return False
    return last.lower().rstrip(".") not in TITLE_ABBREVIATIONS


def implied_breaks(lines: list[str], ends_block: list[bool]) -> set[int]:
    """Line indexes after which a paragraph ends although no blank line follows.

    Within a block of lines (between blank lines): when its longest line
    exceeds 150 characters the text is not hard-wrapped, so every line is a
    paragraph; in a wrapped block of 3+ lines, a line ending a sentence that
    is shorter than 70% of the wrap width, followed by a capitalised line, is
    the last line of a paragraph (PDF extractions often drop blank lines);
    a block of 3+ label lines (at most five words each, see ``_is_label_line``: a
    menu, an address, a list of headings) is not wrapped prose either: every
    line stands alone.  A block with a line of four or five words counts as labels
    only when no line of it ends a sentence ("Residents were told to leave / by
    noon. / Most did." is a wrapped paragraph).
    """
    out: set[int] = set()
    start = 0
    for end in (i for i, last in enumerate(ends_block) if last):
        block = range(start, end + 1)
        width = max(len(lines[i]) for i in block)
        labels = len(block) >= 3 and all(_is_label_line(lines[i]) for i in block)
        if labels and any(len(lines[i].split()) > 3 for i in block):  # longer labels: no sentence in the block
            labels = not any(_SENTENCE_END.search(lines[i]) for i in block)
        for i in block[:-1]:
            if width > 150 or labels:
                out.add(i)
            elif (len(block) >= 3 and len(lines[i]) < 0.7 * width and _ends_sentence(lines[i])
                  and _PARAGRAPH_OPEN.match(lines[i + 1])):
                out.add(i)
        start = end + 1
    return out


def _is_label_line(line: str) -> bool:
    """A short line that no wrapped paragraph would produce: 1–3 words, 30 characters, no hyphen
    or comma at the end; or 4–5 words in 40 characters that neither start in lower case nor end on
    punctuation or a function word ("Opening times and prices", not "a narrow column of")."""
    words = line.split()
    if len(line) <= 30 and len(words) <= 3:
        return line[-1] not in ",;" + _LINE_HYPHENS
    if len(line) > 40 or len(words) > 5 or line[0].islower() or line[-1] in ".,;:!?" + _LINE_HYPHENS:
        return False
    return words[-1].lower() not in _TRAILING_FUNCTION


def _capital_item(lines: list[str], j: int) -> bool:
    """Line ``j`` starts "A. "-style and the next or previous line holds the neighbouring letter."""
    m = _CAPITAL_ITEM.match(lines[j])
    if m is None:
        return False
    letter = ord(m.group(1))
    after = j + 1 < len(lines) and lines[j + 1].startswith(f"{chr(letter + 1)}. ")
    before = j > 0 and lines[j - 1].startswith(f"{chr(letter - 1)}. ")
    return after or before


def reflow(text: str) -> tuple[list[Edit], list[Block]]:
    """Rules 2–3 on text with ``\\n`` line endings: edits plus the blocks found."""
    spans = _line_spans(text)
    content = [(s, e) for s, e in spans if e > s]
    edits: list[Edit] = []
    blocks: list[Block] = []
    if not content:
        return ([Edit(0, len(text), "")] if text else []), []
    # which content lines are preceded by a blank line
    blank_before: set[int] = set()
    k = 0
    seen_blank = False
    for s, e in spans:
        if e == s:
            seen_blank = True
            continue
        if seen_blank and k > 0:
            blank_before.add(k)
        seen_blank = False
        k += 1
    n = len(content)
    lines = [text[s:e] for s, e in content]
    starts_block = [i == 0 or i in blank_before for i in range(n)]
    ends_block = [i == n - 1 or (i + 1) in blank_before for i in range(n)]
    heading = [False] * n
    for i in range(n):
        alone = starts_block[i] and ends_block[i]
        opens = starts_block[i] and not ends_block[i]
        nxt = lines[i + 1] if i + 1 < n and not ends_block[i] else None
        if (alone and i + 1 < n) or opens:
            heading[i] = is_heading_line(lines[i], nxt if opens else None)
    implied = implied_breaks(lines, ends_block)
    if content[0][0] > 0:
        edits.append(Edit(0, content[0][0], ""))
    doc_words: frozenset[str] | None = None
    block_start = content[0][0]
    for i, (s, e) in enumerate(content):
        edits.extend(Edit(s + m.start() + 1, s + m.end(), "") for m in re.finditer(" {2,}", lines[i]))
        if i == n - 1:
            break
        ns = content[i + 1][0]
        brk = (ends_block[i] or heading[i] or heading[i + 1] or i in implied
               or bool(_LIST_ITEM.match(lines[i + 1])) or _capital_item(lines, i + 1))
        if brk:
            blocks.append(Block(block_start, e, "heading" if heading[i] else "paragraph"))
            edits.append(Edit(e, ns, "\n\n"))
            block_start = ns
            continue
        how = None
        if lines[i][-1] in _LINE_HYPHENS:
            doc_words = _words_of(text) if doc_words is None else doc_words
            how = _join_hyphenated(lines[i], lines[i + 1], doc_words)
        if how == "join":
            edits.append(Edit(e - 1, ns, ""))
        elif how == "keep":
            edits.append(Edit(e, ns, ""))
        else:
            edits.append(Edit(e, ns, " "))
    last_end = content[-1][1]
    blocks.append(Block(block_start, last_end, "heading" if heading[-1] else "paragraph"))
    if last_end < len(text):
        edits.append(Edit(last_end, len(text), ""))
    return edits, blocks


_SPLIT_PAIR = re.compile(r"\b([a-z]{1,12}) ([a-z]{3,12})\b")


def repair_split_words(text: str) -> list[Edit]:
    """Rule 5 (PDF only): join a word split by a stray space ("gov ernment").

    Two lowercase pieces are joined when the second is not an English word
    but the two together are; real word pairs ("a part") are never touched.
    """
    from presslens.ingest.lexicon import english_words

    words = english_words()
    if not words:
        return []
    edits: list[Edit] = []
    pos = 0
    while m := _SPLIT_PAIR.search(text, pos):
        first, second = m.group(1), m.group(2)
        if second not in words and first + second in words:
            edits.append(Edit(m.end(1), m.start(2), ""))
            pos = m.end()
        else:
            pos = m.start(2)
    return edits
