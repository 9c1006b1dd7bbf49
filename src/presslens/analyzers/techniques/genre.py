"""Genre (reporting / opinion / satire): a trained log-linear model with reasons that hold in the text.

Features are style rates that travel across outlets and topics (Krüger et al. 2017, "Classifying
news versus opinions in newspapers"; stylometry's function-word rates): pronouns of the first and
second person, attribution verbs, the share of quoted words, questions and exclamations, sentence
length, part-of-speech and tense rates, evaluative and hedging words, capitals and contractions —
counted in the author's own voice (outside quotation marks) unless said otherwise, and the mean
probability the technique tagger gives the author's words (so retrain genre after the tagger).  Function-word
rates (stylometry) were tried and left out: they fitted the training sources a little better in
cross-validation and carried worse to short texts and other sources.  Each feature is ``log1p(rate)``, standardised with the training
mean and scale; a multinomial logistic regression fitted by ``presslens train genre`` (SemEval-2023
Task 3 genre articles plus BBC reporting, classes balanced; see ``resources/techniques/genre/
MODEL_CARD.md``) gives the three probabilities.  No weight is set by hand.

Reasons: the features that pushed the chosen label most (contribution above the class average),
shown only when the feature is present in the text above its training average; lexical features
carry example spans of the words counted, so every reason can be checked against the text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from presslens import resources
from presslens.analyzers.techniques.features import TokenTable
from presslens.analyzers.techniques.lexicon import CLASSES, Lexicon, hash_word
from presslens.model.records import Genre, GenreReason
from presslens.model.span import Span

RESOURCE = "techniques/genre/genre.json"
LABELS = ("reporting", "opinion", "satire")
_PUNCT, _SYM, _ADJ, _ADV, _NUM, _PROPN = 14, 15, 1, 3, 12, 13
_EVAL = [CLASSES.index(c) for c in ("loaded", "pejorative", "intensifier")]
MAX_REASONS = 3
MAX_EXAMPLES = 3

# Word groups counted as style features (closed-class words of English grammar).
WORD_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "first_singular": ("first-person singular pronouns", ("i", "me", "my", "mine", "myself")),
    "first_plural": ("first-person plural pronouns", ("we", "us", "our", "ours", "ourselves")),
    "second_person": ("second-person pronouns", ("you", "your", "yours", "yourself", "yourselves")),
    "contractions": ("contractions", ("n't", "'m", "'re", "'ve", "'ll", "'d", "’m", "’re", "’ve", "’ll", "’d")),
}
TAG_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "past_tense": ("past-tense verbs", ("VBD",)),
    "present_tense": ("present-tense verbs", ("VBP", "VBZ")),
    "modals": ("modal verbs (should, must, would …)", ("MD",)),
    "superlatives": ("superlatives", ("JJS", "RBS")),
}
POS_GROUPS: dict[str, tuple[str, int]] = {
    "adjectives": ("adjectives", _ADJ), "adverbs": ("adverbs", _ADV),
    "proper_nouns": ("proper nouns", _PROPN), "numbers": ("numbers", _NUM),
}
LEXICON_GROUPS: dict[str, tuple[str, str]] = {
    "attribution": ("attribution verbs (said, told …)", "attribution"),
    "hedges": ("hedging words", "hedges"),
    "satire_cues": ("parody markers", "satire"),
}
def feature_names() -> tuple[str, ...]:
    """Every feature of the model, in matrix order."""
    style = ("quoted_share", "questions", "exclamations", "sentence_length", "evaluative", "capitals", "persuasive")
    return (*style, *WORD_GROUPS, *TAG_GROUPS, *POS_GROUPS, *LEXICON_GROUPS)


def describe(name: str) -> str:
    """Human description of a feature."""
    fixed = {"quoted_share": "share of words in quotation marks", "questions": "questions in the author's voice",
             "exclamations": "exclamations in the author's voice", "sentence_length": "words per sentence",
             "evaluative": "evaluative and intensifying words", "capitals": "words in capitals",
             "persuasive": "author's words the technique tagger finds persuasive (share)"}
    groups: dict[str, Any] = {**WORD_GROUPS, **TAG_GROUPS, **POS_GROUPS, **LEXICON_GROUPS}
    if name in fixed:
        return fixed[name]
    return str(groups[name][0])


@dataclass(frozen=True)
class GenreHashes:
    """Hash arrays of the word groups, compiled once per process."""

    words: dict[str, np.ndarray]
    tags: dict[str, np.ndarray]


def genre_hashes(lexicon: Lexicon) -> GenreHashes:
    """Hash arrays of every word and tag group (build once, in the factory)."""
    words = {k: v[1] for k, v in WORD_GROUPS.items()}
    for name, (_, listname) in LEXICON_GROUPS.items():
        words[name] = tuple(w.lower() for w in lexicon.words.get(listname, ()) if " " not in w)
    return GenreHashes({k: _hashes(v) for k, v in words.items()},
                       {k: _hashes(v[1]) for k, v in TAG_GROUPS.items()})


def _hashes(items: tuple[str, ...]) -> np.ndarray:
    """spaCy hashes of strings."""
    return np.array([hash_word(w) for w in items], dtype=np.uint64)


@dataclass(frozen=True)
class Counted:
    """Raw feature values of one document, with the tokens each lexical feature counted."""

    values: np.ndarray
    tokens: dict[str, np.ndarray]


def count_features(table: TokenTable, hs: GenreHashes, tagger_p: np.ndarray | None = None) -> Counted:
    """Raw rates of every feature (per 100 words unless the feature is a share or a length).

    ``tagger_p`` is the technique tagger's per-token probability (``persuasive`` = its mean over
    the author's words; 0 when not given).
    """
    words = ~table.space & (table.pos != _PUNCT) & (table.pos != _SYM)
    own = words & ~table.quoted
    n_all, n_own = max(int(words.sum()), 1), max(int(own.sum()), 1)
    n_sent = int(table.sent[-1]) + 1 if len(table) else 1
    tokens: dict[str, np.ndarray] = {}

    def rate(mask: np.ndarray, name: str, base: int = n_own) -> float:
        tokens[name] = np.flatnonzero(mask)
        return 100.0 * len(tokens[name]) / base

    values = {"quoted_share": float((words & table.quoted).sum()) / n_all,
              "questions": _marks(table, "?", n_sent), "exclamations": _marks(table, "!", n_sent),
              "sentence_length": n_all / max(n_sent, 1),
              "evaluative": rate(own & (table.lex[:, _EVAL].max(axis=1) > 0 if len(table) else own), "evaluative"),
              "capitals": rate(own & _capitals(table), "capitals"),
              "persuasive": float(tagger_p[own].mean()) if tagger_p is not None and own.any() else 0.0}
    for name, arr in hs.words.items():
        values[name] = rate(own & np.isin(table.lower, arr), name)
    for name, arr in hs.tags.items():
        values[name] = rate(own & np.isin(table.tag, arr), name)
    for name, (_, pos) in POS_GROUPS.items():
        values[name] = rate(words & (table.pos == pos), name, n_all)
    return Counted(np.array([values[k] for k in feature_names()], dtype=np.float64), tokens)


def _marks(table: TokenTable, mark: str, n_sent: int) -> float:
    """Question or exclamation marks outside quotations, per sentence."""
    hit = (table.lower == np.uint64(hash_word(mark))) & ~table.quoted
    return float(hit.sum()) / max(n_sent, 1)


def _capitals(table: TokenTable) -> np.ndarray:
    """Tokens of two or more letters, all capitals (not a one-word acronym list: any word)."""
    text = table.text
    return np.array([(w := text[s:e]).isalpha() and len(w) > 2 and w.isupper()
                     for s, e in zip(table.start.tolist(), table.end.tolist(), strict=True)], dtype=bool)


@dataclass(frozen=True)
class GenreModel:
    """Standardisation and logistic-regression weights (from ``presslens train genre``)."""

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (n_labels, n_features)
    intercept: np.ndarray
    labels: tuple[str, ...]

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> GenreModel:
        """Read the JSON document written by training (feature names must match this code)."""
        names = tuple(doc["features"])
        if names != feature_names():
            raise ValueError("genre model features differ from the code's: retrain with 'presslens train genre'")
        return cls(names, np.array(doc["mean"]), np.array(doc["scale"]), np.array(doc["coef"]),
                   np.array(doc["intercept"]), tuple(doc["labels"]))

    def standardise(self, raw: np.ndarray) -> np.ndarray:
        """log1p, centred and scaled (rows or one vector)."""
        return np.asarray((np.log1p(raw) - self.mean) / self.scale)

    def proba(self, raw: np.ndarray) -> np.ndarray:
        """Class probabilities of raw feature rows (n, f) or one vector (f,)."""
        z = self.standardise(raw) @ self.coef.T + self.intercept
        z = z - z.max(axis=-1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=-1, keepdims=True))


@functools.cache
def load_genre_model() -> GenreModel:
    """The packaged genre model, loaded once."""
    return GenreModel.from_dict(resources.json_data(RESOURCE))


def predict(model: GenreModel, counted: Counted, table: TokenTable) -> Genre:
    """Genre record: label, probabilities and the reasons for the label."""
    p = model.proba(counted.values)
    j = int(np.argmax(p))
    scores = tuple((model.labels[i], round(float(p[i]), 3)) for i in range(len(model.labels)))
    reasons = explain(model, counted, table, j)
    return Genre(model.labels[j], round(float(p[j]), 3), scores, reasons)  # type: ignore[arg-type]


def explain(model: GenreModel, counted: Counted, table: TokenTable, j: int) -> tuple[GenreReason, ...]:
    """Top features pushing label ``j`` that are present in the text above their training average."""
    z = model.standardise(counted.values)
    contrib = z * (model.coef[j] - model.coef.mean(axis=0))
    order = np.argsort(-contrib)
    out: list[GenreReason] = []
    for i in order.tolist():
        if contrib[i] <= 0 or len(out) >= MAX_REASONS:
            break
        if counted.values[i] <= 0 or z[i] <= 0:
            continue  # a reason must be something the text has, not something it lacks
        name = model.names[i]
        out.append(GenreReason(name, describe(name), round(float(counted.values[i]), 3),
                               round(float(contrib[i]), 3), _examples(table, counted.tokens.get(name))))
    return tuple(out)


def _examples(table: TokenTable, idx: np.ndarray | None) -> tuple[Span, ...]:
    """Spans of the first tokens a lexical feature counted."""
    if idx is None:
        return ()
    return tuple(Span(int(table.start[i]), int(table.end[i])) for i in idx[:MAX_EXAMPLES].tolist())


def genre_of(model: GenreModel, hs: GenreHashes) -> Callable[[TokenTable, np.ndarray], Genre]:
    """The per-document genre function of the analyzer (token table, tagger probabilities)."""
    return lambda table, tagger_p: predict(model, count_features(table, hs, tagger_p), table)
