"""Titles and roles of people, read from the dependency parse.

Three constructions give a person's role in news English (Quirk et al.'s
apposition and premodification; observed in BBC and wire copy):
- premodifiers: "former spy-chief Mustafa X", "US Ambassador Y", "President Z"
  (tokens left of the name whose heads lead into the name: compound, amod, nmod);
- appositions: "X, the head of Y's Z" (appos child of the name) and
  "A member of Parliament, X" (the name is the appos of a role noun);
- "X as Prime Minister-designate" (the "as" phrase right after the name).
A phrase counts as a title only when it contains a word of our role lexicon.
"""

from __future__ import annotations

from typing import Any

from presslens import resources
from presslens.analyzers.entities.lexicon import Lexicon
from presslens.analyzers.entities.mentions import Mention
from presslens.nlp.language import sent_of

_MAX_TOKENS = 10
_STOP_DEPS = frozenset({"det", "cc", "punct", "relcl", "acl", "advcl", "mark"})
_DETS = resources.words("lexicon/function_words.tsv", use="role-determiners")


def titles_of(m: Mention, doc: Any, lex: Lexicon) -> list[str]:
    """Every role phrase the text attaches to one PERSON mention."""
    found = [premodifier(m, doc, lex), *appositions(m, doc, lex), as_phrase(m, doc, lex)]
    return [t for t in found if t]


def _clean(doc: Any, start: int, end: int) -> str:
    """Text of tokens [start, end) without leading determiners / trailing punctuation, one-spaced."""
    while start < end and (doc[start].lower_ in _DETS or doc[start].is_punct):
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in ")":
        end -= 1
    return " ".join(doc[start:end].text.split()) if start < end else ""


def _leads_into(tok: Any, lo: int, m: Mention) -> bool:
    """True when the head chain of ``tok`` reaches the mention through nouns and prepositions
    of the same sentence before it ("State" → "of" → "Secretary" → "Pompeo")."""
    head = tok
    for _ in range(_MAX_TOKENS):
        if head.head.i == head.i or head.pos_ in ("VERB", "AUX"):
            return False
        head = head.head
        if m.tok_start <= head.i < m.tok_end:
            return True
        if not lo <= head.i < m.tok_start:
            return False
    return False


def premodifier(m: Mention, doc: Any, lex: Lexicon) -> str:
    """The role words before a name ("former spy-chief", "US Ambassador", "PM")."""
    lo = sent_of(doc[m.tok_start]).start
    i = m.tok_start - 1
    while i >= lo and m.tok_start - i <= _MAX_TOKENS:
        tok = doc[i]
        hyphen = tok.text in ("-", "‐") and i > lo
        stop = tok.dep_ in _STOP_DEPS or tok.lower_ in _DETS or tok.pos_ in ("PRON", "VERB", "AUX")
        if not hyphen and (stop or not _leads_into(tok, lo, m)):
            break
        i -= 1
    end = m.tok_start
    while end > i + 1 and lex.is_honorific(doc[end - 1].text.strip(".")):
        end -= 1  # "Chief Constable Mr X": the courtesy form is not part of the role
    phrase = _clean(doc, i + 1, end)
    return phrase if phrase and lex.has_title(phrase) else ""


def appositions(m: Mention, doc: Any, lex: Lexicon) -> list[str]:
    """Role appositions: "X, the head of …" and "a member of …, X"."""
    out: list[str] = []
    span = doc[m.tok_start : m.tok_end]
    for tok in span.root.children:
        if tok.dep_ == "appos" and not m.tok_start <= tok.i < m.tok_end and lex.is_title_word(tok.text):
            out.append(_clean(doc, tok.left_edge.i, _cut(doc, tok.left_edge.i, tok.right_edge.i + 1)))
    head = _role_head(span.root, lex) if span.root.dep_ == "appos" else None
    if head is not None and head.i < m.tok_start:
        out.append(_clean(doc, head.left_edge.i, _cut(doc, head.left_edge.i, m.tok_start)))
    return [t for t in out if t and len(t.split()) <= 12]


def _role_head(root: Any, lex: Lexicon) -> Any:
    """The role noun a name is in apposition to, climbing "of"-phrases ("member of Parliament, X")."""
    head = root.head
    for _ in range(3):
        if lex.is_title_word(head.text):
            return head
        if head.dep_ not in ("pobj", "prep") or head.head.i == head.i:
            return None
        head = head.head
    return None


def _cut(doc: Any, start: int, end: int) -> int:
    """End of a phrase at its first comma or relative pronoun (after the first token)."""
    for i in range(start + 1, end):
        if doc[i].text in (",", ";", "(", "—", "–") or doc[i].tag_ in ("WP", "WDT"):
            return i
    return end


def as_phrase(m: Mention, doc: Any, lex: Lexicon) -> str:
    """The role in "X as Prime Minister-designate"."""
    if m.tok_end >= len(doc) - 1 or doc[m.tok_end].lower_ != "as":
        return ""
    end = m.tok_end + 1
    while end < len(doc) and end - m.tok_end <= 6 and _role_token(doc[end]):
        end += 1
    phrase = _clean(doc, m.tok_end + 1, end)
    return phrase if lex.has_title(phrase) else ""


def _role_token(tok: Any) -> bool:
    """A token that can continue a role phrase after "as" (a role, not another person's name)."""
    if tok.text in ("-", "‐"):
        return True
    if tok.is_punct or tok.ent_type_ == "PERSON":
        return False
    return tok.pos_ not in ("VERB", "AUX", "SCONJ", "CCONJ", "PRON", "ADP")
