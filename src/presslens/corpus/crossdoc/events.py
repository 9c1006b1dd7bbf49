"""Event coreference across documents: mentions of one real event, in any article, linked.

A mention (an event trigger of the events layer, or a gold mention in the evals) is described by
its head lemma and part of speech (:mod:`.lemmas`), its document's story (:mod:`.stories`) and
the people and places named in its sentence.  Its *sense* is the class of ``data/event_classes.tsv``
its lemma belongs to ("killed", "death", "fatal" → death; "arrest", "nab", "custody" → arrest),
else the lemma itself, with inflections a lemmatiser missed undone ("nominated" → "nominate").

Linking: mentions of one sense inside one story are one event.  Event pronouns ("it", "this")
and generic words ("incident", "tragedy") form the story's "incident" event.  Two rules that
were tried on the tune topics and dropped because they lowered every score: keeping apart the
mentions whose sentences name different people, or different dates.  Hand-written: this is a
rule over the project's own structures (stories, lemmas, the sense classes).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

INCIDENT = "incident"
PRONOUNS = frozenset({"it", "this", "that", "which"})
GENERIC = frozenset({"incident", "tragedy", "event", "case", "episode", "matter", "situation", "affair"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One event mention with what linking compares."""

    id: str
    document: str
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    story: str


Classes = tuple[dict[str, str], dict[tuple[str, str], str], dict[tuple[str, frozenset[str]], str]]


@functools.lru_cache(maxsize=1)
def _classes() -> Classes:
    """Word → sense, (word, POS) → sense and (head, other words) → sense, from ``data/event_classes.tsv``."""
    text = resources.files("presslens.corpus.crossdoc").joinpath("data", "event_classes.tsv").read_text("utf-8")
    plain: dict[str, str] = {}
    tagged: dict[tuple[str, str], str] = {}
    phrases: dict[tuple[str, frozenset[str]], str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, entries = line.split("\t", 1)
        for entry in entries.split():
            word, _, pos = entry.partition("/")
            if "+" in word:
                head, *rest = word.split("+")
                phrases[(head, frozenset(rest))] = name
            elif pos:
                tagged[(word, pos)] = name
            else:
                plain.setdefault(word, name)
    return plain, tagged, phrases


def _phrase(word: str, text: str) -> str | None:
    """The sense of a phrase headed by ``word`` whose other words all occur in the mention ``text``."""
    found = set(text.lower().split())
    for (head, rest), name in sorted(_classes()[2].items(), key=lambda kv: (-len(kv[0][1]), kv[1])):
        if head == word and rest <= found:
            return name
    return None


VERBAL = frozenset({"ADJ", "PROPN", "ADV", "X"})  # tags a participle gets in a headline or as a modifier


def _lookup(word: str, pos: str) -> str | None:
    """The sense of a word used as ``pos`` (None when it is in no class).

    A word tagged as an adjective or a proper noun ("FIRED" in a headline, "the fired coach") is
    looked up as the verb it is a participle of when it is in no class as itself.
    """
    plain, tagged, _ = _classes()
    found = tagged.get((word, pos)) or plain.get(word)
    if found is None and pos in VERBAL:
        found = tagged.get((word, "VERB"))
    return found


def _inflections(word: str) -> Iterable[str]:
    """Candidate base forms of a word the lemmatiser left inflected ("nominated" → "nominate")."""
    yield word
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", "e"), ("ed", ""), ("d", ""),
                         ("ing", "e"), ("ing", ""), ("e", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            yield word[: len(word) - len(suffix)] + repl


def sense(lemma: str, pos: str = "", text: str = "") -> str:
    """The sense a mention is compared on: its phrase's class, its class, else its (uninflected) lemma."""
    word = lemma.lower().strip()
    if word in PRONOUNS or word in GENERIC:
        return INCIDENT
    if text and " " in text.strip() and (found := _phrase(word, text)):
        return found
    for form in _inflections(word):
        found = _lookup(form, pos) if pos else _classes()[0].get(form)
        if found:
            return found
    return word


def link(mentions: Sequence[Mention]) -> dict[str, str]:
    """Mention id → event id: one event per (story, sense)."""
    return {m.id: f"{m.story}|{sense(m.lemma, m.pos, m.text)}" for m in mentions}
