"""High-precision cue rules that complement the learned tagger with short lexical spans.

The PTC annotation guidelines (Da San Martino et al., 2019) define Name_Calling as a label
attached to a target ("installed dictator", "American puppet") and Loaded_Language as words
with strong emotional implications, usually 1–3 tokens; Repetition as the same phrase used
again and again.  A linear token tagger finds these less reliably than the clause-level
techniques, so a few transparent rules propose them from the bundled lexicons:

- a pejorative label with its modifiers (adjectives, proper nouns, participles) → Name_Calling;
- a loaded word (with a preceding intensifier, and a "by …" agent after a loaded participle)
  → Loaded_Language;
- a content phrase of 3–4 words recurring at least 3 times (2 words: 4 times) that carries a
  charged cue word (loaded, pejorative, fear, flag, exaggeration) → Repetition.
Every rule span carries the cue that fired as its explanation.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from presslens.analyzers.techniques.features import TokenTable
from presslens.analyzers.techniques.lexicon import CLASSES, hash_word, load_lexicon, pair_keys

_PEJ, _LOAD, _INT = CLASSES.index("pejorative"), CLASSES.index("loaded"), CLASSES.index("intensifier")
_ADJ, _PROPN, _VERB, _NOUN, _DET, _ADP = 1, 13, 17, 9, 7, 2
_CONTENT = (_ADJ, _NOUN, _PROPN, _VERB)
_CHARGED = [CLASSES.index(c) for c in ("loaded", "pejorative", "fear", "flag", "exaggeration")]


@dataclass(frozen=True, slots=True)
class RuleSpan:
    """A span proposed by a rule: characters, technique, score, explanation."""

    start: int
    end: int
    technique: str
    score: float
    explanation: str


def _word(table: TokenTable, i: int) -> str:
    """Surface text of token i."""
    return table.text[int(table.start[i]) : int(table.end[i])]


def _extend_left(table: TokenTable, i: int, pos_ok: tuple[int, ...], limit: int = 2) -> int:
    """First token of the modifier run (ADJ/PROPN/VERB-participle) before token i."""
    a = i
    while a > 0 and i - a < limit and table.pos[a - 1] in pos_ok and table.sent[a - 1] == table.sent[i]:
        a -= 1
    return a


def _runs(table: TokenTable, idx: np.ndarray) -> list[tuple[int, int]]:
    """Group consecutive token indices of one sentence into (first, last) runs."""
    runs: list[list[int]] = []
    for i in idx.tolist():
        if runs and i == runs[-1][1] + 1 and table.sent[i] == table.sent[runs[-1][0]]:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return [(a, b) for a, b in runs]


def name_calling(table: TokenTable) -> list[RuleSpan]:
    """Pejorative labels with their modifiers."""
    out: list[RuleSpan] = []
    for first, i in _runs(table, np.flatnonzero(table.lex[:, _PEJ] > 0)):
        if table.pos[i] not in (_NOUN, _PROPN, _ADJ, _VERB):
            continue
        a = _extend_left(table, first, (_ADJ, _PROPN, _VERB))
        cue = table.text[int(table.start[first]) : int(table.end[i])]
        out.append(RuleSpan(int(table.start[a]), int(table.end[i]), "Name_Calling,Labeling", 0.55,
                            f"pejorative label '{cue}' (name-calling lexicon)"))
    return out


def loaded_language(table: TokenTable) -> list[RuleSpan]:
    """Loaded words, with a preceding intensifier and a 'by …' agent after participles."""
    out: list[RuleSpan] = []
    descriptive = _descriptive()
    strong = (table.lex[:, _LOAD] > 0) & (table.lex[:, _PEJ] == 0) & ~np.isin(table.lower, descriptive)
    for first, i in _runs(table, np.flatnonzero(strong)):
        if table.pos[i] not in (_NOUN, _ADJ, _VERB, 3):  # 3 = ADV
            continue
        j = first
        a = j - 1 if j > 0 and table.lex[j - 1, _INT] > 0 and table.sent[j - 1] == table.sent[j] else j
        b = _agent_end(table, i)
        cue = table.text[int(table.start[first]) : int(table.end[i])]
        out.append(RuleSpan(int(table.start[a]), int(table.end[b]), "Loaded_Language", 0.5,
                            f"emotionally loaded word '{cue}' (loaded-language lexicon)"))
    return out


@functools.cache
def _descriptive() -> np.ndarray:
    """Hashes of words routine in news reports ("attack", "crisis"): never a loaded cue alone."""
    return np.array([hash_word(w) for w in load_lexicon().words.get("descriptive", ())], dtype=np.uint64)


def _agent_end(table: TokenTable, i: int) -> int:
    """Last token of a 'by [a group of] NOUN' agent after a participle, else i."""
    n = len(table)
    if i + 1 >= n or _word(table, i + 1).lower() != "by" or table.pos[i] != _VERB:
        return i
    j = i + 2
    while j < n and j - i < 7 and table.pos[j] in (_DET, _ADJ, _ADP, _NOUN, _PROPN):
        if table.pos[j] in (_NOUN, _PROPN) and (j + 1 >= n or table.pos[j + 1] not in (_ADP, _NOUN, _PROPN)):
            return j
        j += 1
    return i


def _ngram_keys(table: TokenTable, k: int, content: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start indices and 64-bit keys of k-grams that begin and end on content words in one sentence."""
    n = len(table) - k + 1
    if n <= 0:
        return np.zeros(0, np.int64), np.zeros(0, np.uint64)
    ok = content[:n] & content[k - 1 :] & (table.sent[:n] == table.sent[k - 1 :])
    key = table.lower[:n].copy()
    for j in range(1, k):
        key = pair_keys(key, table.lower[j : j + n])
    idx = np.flatnonzero(ok)
    return idx, key[idx]


def repetition(table: TokenTable, min_count: int = 3) -> list[RuleSpan]:
    """Content phrases of 2–4 words (not names) that recur at least ``min_count`` times."""
    content = np.isin(table.pos, _CONTENT) & (table.pos != _PROPN)
    out: list[RuleSpan] = []
    taken = np.zeros(len(table), dtype=bool)
    for k in (4, 3, 2):
        idx, keys = _ngram_keys(table, k, content)
        if len(keys) < min_count:
            continue
        _, inv, counts = np.unique(keys, return_inverse=True, return_counts=True)
        freq = counts[inv]
        need = min_count if k > 2 else min_count + 1  # two-word phrases recur by chance more often
        for i, c in zip(idx[freq >= need].tolist(), freq[freq >= need].tolist(), strict=True):
            e = i + k - 1
            if taken[i : e + 1].any() or not table.lex[i : e + 1, _CHARGED].any():
                continue
            taken[i : e + 1] = True
            phrase = table.text[int(table.start[i]) : int(table.end[e])]
            out.append(RuleSpan(int(table.start[i]), int(table.end[e]), "Repetition", 0.45,
                                f"phrase '{phrase}' repeated {c} times in the document"))
    return out


def rule_spans(table: TokenTable) -> list[RuleSpan]:
    """Every rule's spans."""
    return name_calling(table) + loaded_language(table) + repetition(table)
