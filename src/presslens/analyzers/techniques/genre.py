"""Genre (reporting / opinion / satire) and per-paragraph loadedness.

Genre follows the stylistic signals the genre-classification literature reports as robust
across outlets (Krüger et al. 2017, "Classifying news versus opinions in newspapers";
Rashkin et al. 2017 for satire cues): opinion pieces use the first and second person,
evaluative and intensified wording and persuasion techniques in the author's own voice, and
ask or exclaim; reporting attributes (``said``, ``according to``), quotes sources and hedges;
satire carries parody markers.  No labelled genre data ships with presslens, so the weights of
this small log-linear model are hand-set and checked on an invented calibration set
(tests/analyzers/test_rhetoric_genre.py).  Loadedness of a paragraph is the share of its
word tokens covered by techniques, each token weighted by the highest technique score on it;
``author_value`` counts only techniques outside quotations.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from presslens import resources
from presslens.analyzers.techniques.features import TokenTable
from presslens.analyzers.techniques.lexicon import CLASSES, Lexicon, hash_word
from presslens.model.document import Document
from presslens.model.records import Genre, Loadedness, Technique
from presslens.model.span import Span

_SATIRE_PHRASES = resources.entries("lexicon/cues.tsv", use="genre", where=("class", "satire_phrases"))
_EVAL = [CLASSES.index(c) for c in ("loaded", "pejorative", "intensifier")]
_PUNCT_POS = 14  # PUNCT - 83
LABELS = ("reporting", "opinion", "satire")
# Hand-set weights of the log-linear genre model (opinion and satire against reporting).
W_OPINION = {"bias": -2.2, "first": 35.0, "second": 30.0, "evaluative": 40.0, "techniques": 2.5,
             "punct": 1.5, "quoted": -2.5, "attribution": -2.0, "hedges": -10.0}
W_SATIRE = {"bias": -5.0, "satire": 1.6}


def genre_hashes(lexicon: Lexicon) -> dict[str, np.ndarray]:
    """Hash arrays of the word lists used as genre signals (build once, in the factory)."""
    sets = {"first": lexicon.words.get("first_person", ()), "second": lexicon.words.get("second_person", ()),
            "attribution": lexicon.words.get("attribution", ()),
            "hedges": tuple(w for w in lexicon.words.get("hedges", ()) if " " not in w),
            "satire": tuple(w for w in lexicon.words.get("satire", ()) if " " not in w)}
    return {k: np.array([hash_word(w) for w in v], dtype=np.uint64) for k, v in sets.items()}


def signals(table: TokenTable, techniques: Sequence[Technique], hs: dict[str, np.ndarray]) -> dict[str, float]:
    """Per-document genre signals (rates per word or per sentence)."""
    words = ~table.space & (table.pos != _PUNCT_POS)
    n = max(int(words.sum()), 1)
    n_sent = max(int(table.sent[-1]) + 1 if len(table) else 1, 1)
    own = words & ~table.quoted
    rate = {k: float(np.isin(table.lower[own], v).sum()) / n for k, v in hs.items()}
    flagged = sum(len(t.span) for t in techniques if not t.quoted)
    bangs = sum(table.text.count(c) for c in "!?")
    return {
        "first": rate["first"], "second": rate["second"],
        "evaluative": float(table.lex[own][:, _EVAL].max(axis=1).sum()) / n if own.any() else 0.0,
        "techniques": min(flagged / max(len(table.text), 1), 1.0),
        "punct": min(bangs / n_sent, 1.0),
        "quoted": float(table.quoted[words].mean()) if words.any() else 0.0,
        "attribution": min(rate["attribution"] * n / n_sent, 2.0),
        "hedges": rate["hedges"],
        "satire": rate["satire"] * n + _satire_phrases(table.text),
    }


def _satire_phrases(text: str) -> float:
    """Count of multiword parody markers ("area man", "at press time")."""
    low = text.lower()
    return float(sum(low.count(p) for p in _SATIRE_PHRASES))


def genre(sig: dict[str, float]) -> Genre:
    """Softmax over reporting / opinion / satire logits from the signals."""
    z_op = W_OPINION["bias"] + sum(w * sig.get(k, 0.0) for k, w in W_OPINION.items() if k != "bias")
    z_sa = W_SATIRE["bias"] + W_SATIRE["satire"] * sig.get("satire", 0.0)
    z = np.array([0.0, z_op, z_sa])
    p = np.exp(z - z.max())
    p /= p.sum()
    j = int(np.argmax(p))
    scores = tuple((LABELS[i], round(float(p[i]), 3)) for i in range(3))
    return Genre(LABELS[j], round(float(p[j]), 3), scores)  # type: ignore[arg-type]


def loadedness(document: Document, table: TokenTable, techniques: Sequence[Technique]) -> tuple[Loadedness, ...]:
    """Per-paragraph share of word tokens covered by techniques, weighted by score."""
    words = ~table.space & (table.pos != _PUNCT_POS)
    all_w = np.zeros(len(table), dtype=np.float32)
    own_w = np.zeros(len(table), dtype=np.float32)
    for t in techniques:  # tokens are sorted and disjoint: the covered ones are one slice
        first = int(np.searchsorted(table.end, t.span.start, side="right"))
        stop = int(np.searchsorted(table.start, t.span.end, side="left"))
        score = np.float32(t.score)
        np.maximum(all_w[first:stop], score, out=all_w[first:stop])
        if not t.quoted:
            np.maximum(own_w[first:stop], score, out=own_w[first:stop])
    out: list[Loadedness] = []
    for i, para in enumerate(document.paragraphs):
        lo = int(np.searchsorted(table.start, para.span.start, side="left"))
        hi = int(np.searchsorted(table.end, para.span.end, side="right"))
        sel = words[lo:hi]
        n = int(sel.sum())
        v = float(all_w[lo:hi][sel].sum()) / n if n else 0.0
        a = float(own_w[lo:hi][sel].sum()) / n if n else 0.0
        out.append(Loadedness(i, Span(para.span.start, para.span.end), round(v, 4), round(a, 4)))
    return tuple(out)
