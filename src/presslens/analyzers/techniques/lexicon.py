"""Cue lexicons for persuasion techniques, compiled to spaCy string hashes.

The word and phrase lists (``resources/lexicon/cues.tsv``, rows used by ``techniques``) are
written by the team after the cue families the PTC annotation guidelines describe (Da San Martino et al.,
EMNLP 2019, appendix): loaded/emotional words, pejorative labels, intensifiers, exaggeration
and minimisation cues, doubt cues, fear cues, flag-waving pronoun patterns, causal connectives,
authority cues, black-and-white framings, whataboutism openers, thought-terminating clichés and
bandwagon / reductio-ad-Hitlerum cues.  No package ships a lexicon we may redistribute
(VADER is not installed), hence hand-written lists.  Matching is vectorised over token hashes
(``spacy.strings.hash_string`` of the lower-cased form) so it costs microseconds per document.
The genre signals' word lists (first and second person, hedges, attribution, satire) come
from the shared resources too.  The classes are features of the trained tagger and classifier:
change the lists only with a retrain.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from presslens import resources

WORD_CLASSES: tuple[str, ...] = (
    "loaded", "pejorative", "intensifier", "exaggeration", "doubt", "fear", "flag", "causal",
    "authority", "blackwhite", "whatabout", "cliche", "bandwagon",
)
PHRASE_CLASSES: tuple[str, ...] = (
    "fear_phrases", "flag_phrases", "doubt_phrases", "causal_phrases", "blackwhite_phrases",
    "whatabout_phrases", "authority_phrases", "cliche_phrases", "bandwagon_phrases", "pejorative_phrases",
)
CLASSES: tuple[str, ...] = WORD_CLASSES + PHRASE_CLASSES

# Which technique a cue class points to (used in explanations and rule spans).
CLASS_TECHNIQUE: dict[str, str] = {
    "loaded": "Loaded_Language",
    "pejorative": "Name_Calling,Labeling",
    "intensifier": "Loaded_Language",
    "exaggeration": "Exaggeration,Minimisation",
    "doubt": "Doubt",
    "fear": "Appeal_to_fear-prejudice",
    "flag": "Flag-Waving",
    "causal": "Causal_Oversimplification",
    "authority": "Appeal_to_Authority",
    "blackwhite": "Black-and-White_Fallacy",
    "whatabout": "Whataboutism,Straw_Men,Red_Herring",
    "cliche": "Thought-terminating_Cliches",
    "bandwagon": "Bandwagon,Reductio_ad_hitlerum",
    "fear_phrases": "Appeal_to_fear-prejudice",
    "flag_phrases": "Flag-Waving",
    "doubt_phrases": "Doubt",
    "causal_phrases": "Causal_Oversimplification",
    "blackwhite_phrases": "Black-and-White_Fallacy",
    "whatabout_phrases": "Whataboutism,Straw_Men,Red_Herring",
    "authority_phrases": "Appeal_to_Authority",
    "cliche_phrases": "Thought-terminating_Cliches",
    "bandwagon_phrases": "Bandwagon,Reductio_ad_hitlerum",
    "pejorative_phrases": "Name_Calling,Labeling",
}


def hash_word(word: str) -> int:
    """spaCy's 64-bit string hash (the ``LOWER`` attribute value of a token)."""
    from spacy.strings import hash_string  # type: ignore[attr-defined]

    return int(hash_string(word))


def _tokenise_phrase(phrase: str) -> list[str]:
    """Split a lexicon phrase into tokens the way spaCy splits simple English."""
    out: list[str] = []
    for part in phrase.split():
        if part.endswith("'s") and len(part) > 2:
            out.extend([part[:-2], "'s"])
        elif part.endswith("n't"):
            out.extend([part[:-3], "n't"])
        elif part.endswith(".") and len(part) > 1:
            out.extend([part[:-1], "."])
        else:
            out.append(part)
    return out


@dataclass(frozen=True)
class Lexicon:
    """Compiled lexicons: sorted word hashes with class bitmasks, phrases by first hash."""

    hashes: np.ndarray  # sorted uint64
    masks: np.ndarray  # int64 bitmask over WORD_CLASSES, aligned with hashes
    phrases: dict[int, list[tuple[tuple[int, ...], int, str]]]  # first hash → (hashes, class, text)
    words: dict[str, tuple[str, ...]]  # raw lists, for genre signals
    pairs: np.ndarray  # pair keys of every phrase's first two tokens (candidate filter)

    def word_classes(self, lower: np.ndarray) -> np.ndarray:
        """(n, len(CLASSES)) 0/1 matrix of the word classes of each token hash."""
        out = np.zeros((len(lower), len(CLASSES)), dtype=np.float32)
        if len(lower) == 0 or len(self.hashes) == 0:
            return out
        pos = np.searchsorted(self.hashes, lower)
        pos = np.minimum(pos, len(self.hashes) - 1)
        found = self.hashes[pos] == lower
        mask = np.where(found, self.masks[pos], 0)
        bits = (mask[:, None] >> np.arange(len(WORD_CLASSES))) & 1
        out[:, : len(WORD_CLASSES)] = bits
        return out

    def phrase_matches(self, lower: np.ndarray) -> list[tuple[int, int, int, str]]:
        """Phrase hits as (first token, end token, class index, phrase text)."""
        hits: list[tuple[int, int, int, str]] = []
        n = len(lower)
        if not self.phrases or n < 2:
            return hits
        cand = np.flatnonzero(np.isin(pair_keys(lower[:-1], lower[1:]), self.pairs))
        for i in cand.tolist():
            for seq, cls, text in self.phrases[int(lower[i])]:
                k = len(seq)
                if i + k <= n and all(int(lower[i + j]) == seq[j] for j in range(1, k)):
                    hits.append((i, i + k, cls, text))
        return hits

    def classes(self, lower: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int, int, str]]]:
        """Word-class matrix with phrase classes filled in, plus the phrase hits."""
        mat = self.word_classes(lower)
        hits = self.phrase_matches(lower)
        for a, b, cls, _ in hits:
            mat[a:b, cls] = 1.0
        return mat, hits


def cue_lists() -> dict[str, tuple[str, ...]]:
    """Every word list of the layer by name: the cue classes, "descriptive" and the genre lists."""
    cues = resources.table("lexicon/cues.tsv")
    data = {name: cues.column("entry", use="techniques", where=("class", name)) for name in (*CLASSES, "descriptive")}
    for name in ("satire", "satire_phrases"):
        data[name] = cues.column("entry", use="genre", where=("class", name))
    data["hedges"] = resources.entries("lexicon/hedges.tsv", use="genre")
    data["first_person"] = resources.entries("lexicon/pronouns.tsv", use="genre", where=("type", "first"))
    data["second_person"] = resources.entries("lexicon/pronouns.tsv", use="genre", where=("type", "second"))
    data["attribution"] = resources.entries("lexicon/speech_verbs.tsv", use="genre")
    return data


def _compile(data: dict[str, tuple[str, ...]]) -> Lexicon:
    """Build the hash tables from the cue lists by class."""
    masks: dict[int, int] = {}
    phrases: dict[int, list[tuple[tuple[int, ...], int, str]]] = {}
    for bit, name in enumerate(WORD_CLASSES):
        for word in data.get(name, ()):
            h = hash_word(word.lower())
            masks[h] = masks.get(h, 0) | (1 << bit)
            if "-" in word.strip("-"):  # spaCy splits infix hyphens: "war-mongering" → war - mongering
                seq = tuple(hash_word(t) for t in word.lower().replace("-", " - ").split())
                phrases.setdefault(seq[0], []).append((seq, bit, word))
    for name in PHRASE_CLASSES:
        cls = CLASSES.index(name)
        for phrase in data.get(name, ()):
            seq = tuple(hash_word(t) for t in _tokenise_phrase(phrase.lower()))
            if len(seq) >= 2:
                phrases.setdefault(seq[0], []).append((seq, cls, phrase))
    keys = np.array(sorted(masks), dtype=np.uint64)
    vals = np.array([masks[int(k)] for k in keys], dtype=np.int64)
    words = {k: tuple(v) for k, v in data.items()}
    seqs = [seq for group in phrases.values() for seq, _, _ in group]
    pairs = pair_keys(np.array([s[0] for s in seqs], np.uint64), np.array([s[1] for s in seqs], np.uint64))
    return Lexicon(keys, vals, phrases, words, np.unique(pairs))


def pair_keys(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Combine two hash arrays into one 64-bit key per position (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        return a * np.uint64(0x9E3779B97F4A7C15) ^ b


@functools.cache
def load_lexicon() -> Lexicon:
    """Load and compile the bundled lexicons (once per process)."""
    return _compile(cue_lists())
