"""The model's rule lemmatizer with every answer remembered.

spaCy's rule ``Lemmatizer`` remembers its answer per ``(orth, pos, morph)`` only when it ran
its suffix rules: a base form (a singular noun, an infinitive...), a proper noun or a space
token is worked out again at every occurrence, reading the token's morphology into a dict
each time.  Its answer depends on nothing else (``rule_lemmatize`` reads the token's text,
part of speech and morphology, and fixed tables), so this component asks spaCy's own
lemmatizer once per distinct ``(orth, pos, morph)`` and writes the lemmas of a whole Doc
with one ``Doc.from_array``.  Tokens that already have a lemma (set by the attribute rules)
keep it, as in spaCy (``overwrite=False``).  Checked token by token against spaCy's
component in ``tests/nlp/test_attributes.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language

NAME = "lemmatizer"
FACTORY = "presslens_lemmatizer"


class CachedLemmatizer:
    """Lemmas by ``(orth, pos, morph)`` look-up, spaCy's lemmatizer on a miss."""

    CACHE_KEYS = 500_000

    def __init__(self, nlp: Language, name: str = NAME) -> None:
        """An empty component; :func:`install` gives it spaCy's lemmatizer."""
        self.name = name
        self.base: Any = None
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        """Set the lemma of every token that has none."""
        if not len(doc):
            return doc
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        missing = [i for i, lemma in enumerate(table[:, 3].tolist()) if lemma == 0]
        if not missing:
            return doc
        lemmas = table[:, 3].copy()
        rows = table.tolist()
        for i in missing:
            lemmas[i] = self._lemma(doc, i, tuple(rows[i][:3]))
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def _lemma(self, doc: Any, i: int, key: tuple[int, int, int]) -> int:
        """The lemma hash of token ``i`` (spaCy's lemmatizer asked once per key)."""
        found = self.cache.get(key)
        if found is None:
            if len(self.cache) >= self.CACHE_KEYS:
                self.cache.clear()
            found = self.cache[key] = doc.vocab.strings.add(self.base.lemmatize(doc[i])[0])
        return found

    def __getattr__(self, name: str) -> Any:
        """Everything else is spaCy's lemmatizer's (``rule_lemmatize``, ``lookups``, ``mode``…)."""
        base = self.__dict__.get("base")
        if base is None:
            raise AttributeError(name)
        return getattr(base, name)

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        """Apply to a stream of Docs."""
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY)
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    """spaCy factory of the empty component (:func:`install` fills it)."""
    return CachedLemmatizer(nlp, name)


def install(nlp: Language) -> bool:
    """Put the cached lemmatizer in place of a rule lemmatizer; False when it is kept."""
    if NAME not in nlp.pipe_names:
        return False
    base = nlp.get_pipe(NAME)
    if getattr(base, "mode", None) != "rule" or getattr(base, "overwrite", True):
        return False
    component: Any = nlp.replace_pipe(NAME, FACTORY)
    component.base = base
    return True
