"""Direct quotes from quotation marks: pairing, nesting, apostrophes, unclosed quotes.

A character scanner rather than a library: spaCy tokenises quote marks but
does not pair them, and no offline package pairs curly, straight, single and
guillemet marks while telling a closing single quote from an apostrophe
("didn't", "the students' books").  Rules follow common newsroom usage
(AP / Chicago style): double marks outside, single marks nested inside (or as
the outer marks in British-style text), guillemets in European texts, and a
quote that runs to the end of a paragraph without its closing mark ends there
(the convention for multi-paragraph quotes).  Only outermost quotes are
returned; nested ones are part of the outer content.
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN_DOUBLE = "“„"
CLOSE_DOUBLE = "”"
OPEN_SINGLE = "‘‚"
CLOSE_SINGLE = "’"
OPEN_GUILL = "«‹"
CLOSE_GUILL = "»›"
_OPEN_CONTEXT = " \t\n([{—–-:;/" + OPEN_DOUBLE + OPEN_SINGLE + OPEN_GUILL + '"\''
MAX_SINGLE_CHARS = 600


@dataclass(frozen=True, slots=True)
class Marked:
    """A direct quote found by its marks: outer [start, end) and content [cstart, cend)."""

    start: int
    end: int
    cstart: int
    cend: int
    closed: bool = True


def _family(ch: str) -> str:
    """The family of a quote mark: "d" double, "s" single, "g" guillemet."""
    if ch in OPEN_DOUBLE + CLOSE_DOUBLE + '"':
        return "d"
    if ch in OPEN_GUILL + CLOSE_GUILL:
        return "g"
    return "s"


def _role(text: str, i: int, single_open: bool) -> str | None:
    """Classify the mark at ``text[i]`` as "open", "close" or None (not a quote mark)."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in OPEN_DOUBLE or ch in OPEN_GUILL:
        return "open"
    if ch in CLOSE_DOUBLE or ch in CLOSE_GUILL:
        return "close"
    if ch == "‘" or ch == "‚":
        return "open" if not prev.isalnum() else None
    if ch == '"':
        if prev in _OPEN_CONTEXT and not nxt.isspace():
            return "open"
        return "close" if not prev.isspace() else "open"
    # ’ or ': an apostrophe inside a word is never a quote mark
    if prev.isalnum() and nxt.isalnum():
        return None
    if ch == "'" and prev in _OPEN_CONTEXT and nxt.isalnum():
        return "open"
    if single_open and not prev.isspace() and not nxt.isalnum():
        return "close"
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding whitespace and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def scan_paragraph(text: str, pstart: int, pend: int) -> list[Marked]:
    """Outermost direct quotes of one paragraph ``text[pstart:pend]``."""
    found: list[Marked] = []
    stack: list[tuple[str, int]] = []
    for i in range(pstart, pend):
        ch = text[i]
        if ch not in "“”„‘’‚«»‹›\"'":
            continue
        role = _role(text, i, any(f == "s" for f, _ in stack))
        if role is None:
            continue
        fam = _family(ch)
        if role == "close":
            _close(text, stack, fam, i, found)
        elif fam == "d" and ch == '"' and stack and stack[-1][0] == "d":
            _close(text, stack, fam, i, found)  # a straight mark after an open one closes it
        else:
            stack.append((fam, i))
    _unclosed(text, stack, pend, found)
    return found


def _close(text: str, stack: list[tuple[str, int]], fam: str, i: int, found: list[Marked]) -> None:
    """Pop the stack up to the matching opener of ``fam``; record outermost quotes."""
    depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == fam), None)
    if depth is None:
        return  # a stray closer or an apostrophe
    opener = stack[depth][1]
    del stack[depth:]
    if stack:
        return  # nested quote: part of the outer content
    if fam == "s" and i - opener > MAX_SINGLE_CHARS:
        return
    cstart, cend = _trim(text, opener + 1, i)
    if cend > cstart:
        found.append(Marked(opener, i + 1, cstart, cend))


def _unclosed(text: str, stack: list[tuple[str, int]], pend: int, found: list[Marked]) -> None:
    """A double or guillemet quote left open at paragraph end runs to the paragraph end."""
    bottom = next(((f, i) for f, i in stack if f in "dg"), None)
    if bottom is None:
        return
    opener = bottom[1]
    if any(m.start <= opener < m.end for m in found):
        return
    cstart, cend = _trim(text, opener + 1, pend)
    if cend - cstart > 1:
        found.append(Marked(opener, pend, cstart, cend, closed=False))


def scan(text: str, paragraphs: list[tuple[int, int]]) -> list[Marked]:
    """Outermost direct quotes of every paragraph, in text order."""
    out: list[Marked] = []
    for pstart, pend in paragraphs:
        out.extend(scan_paragraph(text, pstart, pend))
    return sorted(out, key=lambda m: m.start)
