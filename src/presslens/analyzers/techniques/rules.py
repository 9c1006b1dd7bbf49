"""Cue rules that complement the learned tagger with short lexical spans.

The PTC annotation guidelines (Da San Martino et al., 2019) define Name_Calling as a label
attached to a target ("installed dictator", "American puppet"), Loaded_Language as words with
strong emotional implications, usually 1–3 tokens, and Repetition as the same phrase used again
and again.  A linear token tagger finds these less reliably than the clause-level techniques, so
a few transparent rules propose them from the bundled lexicons:

- a pejorative label with its modifiers (adjectives, participles), or a multi-word pejorative
  label ("enemy of the people") → Name_Calling; words routine in news ("terrorist", "regime",
  "animals": the ``descriptive`` list) and capitalised names ("Militant" as a party) never fire alone;
- a loaded word (with a preceding intensifier, and a "by …" agent after a loaded participle)
  → Loaded_Language;
- a content phrase of 3–4 words recurring at least 3 times (2 words: 4 times) in the author's
  own words that carries a charged cue word → Repetition;
- anaphora: three or more sentences in a row, in the author's voice, opening with the same two or
  more words → Repetition on each opening.
Repetition counts the author's words only (``own``): a quotation repeated by the article is the
source's repetition, not the author's.  Every rule span carries the cue that fired as its
explanation and the rule's name.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from presslens.analyzers.techniques.features import TokenTable
from presslens.analyzers.techniques.lexicon import CLASSES, hash_word, load_lexicon, pair_keys

_PEJ, _LOAD, _INT = CLASSES.index("pejorative"), CLASSES.index("loaded"), CLASSES.index("intensifier")
_PEJ_PHRASE = CLASSES.index("pejorative_phrases")
_ADJ, _PROPN, _VERB, _NOUN, _DET, _ADP, _PUNCT = 1, 13, 17, 9, 7, 2, 14
_CONTENT = (_ADJ, _NOUN, _PROPN, _VERB)
_CHARGED = [CLASSES.index(c) for c in ("loaded", "pejorative", "fear", "flag", "exaggeration")]
ANAPHORA_MIN_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class RuleSpan:
    """A span proposed by a rule: characters, technique, score, explanation, rule name."""

    start: int
    end: int
    technique: str
    score: float
    explanation: str
    rule: str = ""


def _word(table: TokenTable, i: int) -> str:
    """Surface text of token i."""
    return table.text[int(table.start[i]) : int(table.end[i])]


def _extend_left(table: TokenTable, i: int, pos_ok: tuple[int, ...], limit: int = 2) -> int:
    """First token of the modifier run (ADJ/VERB-participle) before token i."""
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


def _is_name(table: TokenTable, i: int) -> bool:
    """A capitalised proper noun that does not open its sentence ("Militant", "Raging Bull")."""
    first = i == 0 or table.sent[i - 1] != table.sent[i]
    return bool(table.pos[i] == _PROPN and not first and _word(table, i)[:1].isupper())


def name_calling(table: TokenTable) -> list[RuleSpan]:
    """Pejorative labels with their modifiers, and multi-word pejorative labels."""
    out: list[RuleSpan] = []
    plain = (table.lex[:, _PEJ] > 0) & ~np.isin(table.lower, _descriptive())
    for first, i in _runs(table, np.flatnonzero(plain)):
        if table.pos[i] not in (_NOUN, _PROPN, _ADJ, _VERB) or _is_name(table, i):
            continue
        a = _extend_left(table, first, (_ADJ, _VERB))
        cue = table.text[int(table.start[first]) : int(table.end[i])]
        out.append(RuleSpan(int(table.start[a]), int(table.end[i]), "Name_Calling,Labeling", 0.55,
                            f"pejorative label '{cue}' (name-calling lexicon)", "name_calling"))
    for a, b, cls, phrase in table.hits:
        if cls == _PEJ_PHRASE:
            out.append(RuleSpan(int(table.start[a]), int(table.end[b - 1]), "Name_Calling,Labeling", 0.55,
                                f"pejorative label '{phrase}' (name-calling lexicon)", "name_calling"))
    return out


def loaded_language(table: TokenTable) -> list[RuleSpan]:
    """Loaded words, with a preceding intensifier and a 'by …' agent after participles."""
    out: list[RuleSpan] = []
    strong = (table.lex[:, _LOAD] > 0) & (table.lex[:, _PEJ] == 0) & ~np.isin(table.lower, _descriptive())
    for first, i in _runs(table, np.flatnonzero(strong)):
        if table.pos[i] not in (_NOUN, _ADJ, _VERB, 3) or _is_name(table, i):  # 3 = ADV
            continue
        j = first
        a = j - 1 if j > 0 and table.lex[j - 1, _INT] > 0 and table.sent[j - 1] == table.sent[j] else j
        b = _agent_end(table, i)
        cue = table.text[int(table.start[first]) : int(table.end[i])]
        out.append(RuleSpan(int(table.start[a]), int(table.end[b]), "Loaded_Language", 0.5,
                            f"emotionally loaded word '{cue}' (loaded-language lexicon)", "loaded_language"))
    return out


@functools.cache
def _descriptive() -> np.ndarray:
    """Hashes of words routine in news reports ("attack", "terrorist"): never a cue alone."""
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


def _ngram_keys(table: TokenTable, k: int, content: np.ndarray, own: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start indices and keys of author-voice k-grams that begin and end on content words in one sentence."""
    n = len(table) - k + 1
    if n <= 0:
        return np.zeros(0, np.int64), np.zeros(0, np.uint64)
    ok = content[:n] & content[k - 1 :] & (table.sent[:n] == table.sent[k - 1 :]) & own[:n] & own[k - 1 :]
    key = table.lower[:n].copy()
    for j in range(1, k):
        key = pair_keys(key, table.lower[j : j + n])
    idx = np.flatnonzero(ok)
    return idx, key[idx]


def repetition(table: TokenTable, own: np.ndarray | None = None, min_count: int = 3) -> list[RuleSpan]:
    """Content phrases of 2–4 words (not names) that recur at least ``min_count`` times in ``own`` tokens."""
    own = ~table.quoted if own is None else own
    content = np.isin(table.pos, _CONTENT) & (table.pos != _PROPN)
    out: list[RuleSpan] = []
    taken = np.zeros(len(table), dtype=bool)
    for k in (4, 3, 2):
        idx, keys = _ngram_keys(table, k, content, own)
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
                                f"phrase '{phrase}' repeated {c} times in the author's words", "repetition"))
    return out


def _openings(table: TokenTable, own: np.ndarray) -> list[tuple[int, tuple[int, ...]]]:
    """(first token, lower hashes of the first three word tokens) of every author-voice sentence."""
    n_sent = int(table.sent[-1]) + 1 if len(table) else 0
    firsts = np.searchsorted(table.sent, np.arange(n_sent))
    words = ~table.space & (table.pos != _PUNCT)
    out = []
    for s, f in enumerate(firsts.tolist()):
        stop = int(firsts[s + 1]) if s + 1 < n_sent else len(table)
        idx = [i for i in range(f, min(stop, f + 8)) if words[i]][:3]
        if len(idx) >= 2 and own[idx].all():
            out.append((idx[0], tuple(int(table.lower[i]) for i in idx)))
        else:
            out.append((-1, ()))
    return out


def anaphora(table: TokenTable, own: np.ndarray | None = None) -> list[RuleSpan]:
    """Runs of ≥ 3 consecutive author-voice sentences opening with the same two or more words."""
    own = ~table.quoted if own is None else own
    opens = _openings(table, own)
    out: list[RuleSpan] = []
    s = 0
    while s < len(opens):
        first, key = opens[s]
        run = s + 1
        while first >= 0 and run < len(opens) and opens[run][1][:2] == key[:2]:
            run += 1
        if first >= 0 and run - s >= ANAPHORA_MIN_SENTENCES:
            width = 3 if all(len(opens[r][1]) == 3 and opens[r][1] == key for r in range(s, run)) else 2
            out.extend(_anaphora_spans(table, opens[s:run], width))
        s = max(run, s + 1)
    return out


def _anaphora_spans(table: TokenTable, run: list[tuple[int, tuple[int, ...]]], width: int) -> list[RuleSpan]:
    """One Repetition span per sentence opening of an anaphora run."""
    out = []
    for first, _ in run:
        idx = [i for i in range(first, min(len(table), first + 8)) if not table.space[i] and table.pos[i] != _PUNCT]
        last = idx[width - 1]
        phrase = table.text[int(table.start[first]) : int(table.end[last])]
        out.append(RuleSpan(int(table.start[first]), int(table.end[last]), "Repetition", 0.5,
                            f"anaphora: {len(run)} sentences in a row open with '{phrase}'", "anaphora"))
    return out


def rule_spans(table: TokenTable, own: np.ndarray | None = None) -> list[RuleSpan]:
    """Every rule's spans (repetition rules count only the ``own`` tokens: the author's words)."""
    return name_calling(table) + loaded_language(table) + repetition(table, own) + anaphora(table, own)
