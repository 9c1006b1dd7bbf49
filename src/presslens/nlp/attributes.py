"""The model's attribute rules (tag map, morph and lemma exceptions) applied by table look-up.

spaCy's ``AttributeRuler`` runs its ~180 rules through a ``Matcher`` over every token and
builds a ``Span`` per match: about 12% of the whole parse of ``en_core_web_sm``, although
all but a handful of its rules are one token with an equality on ``TAG``, ``LOWER`` or
``DEP``.  No library offers a faster drop-in, so this module reads the packaged ruler's own
rules and applies them by hash look-up: each rule is filed under one value its first token
must have, a token checks only the rules filed under its own values, and the matching rules'
attributes are set in rule order, as spaCy does (``AttributeRuler.match`` sorts the matches
by rule and ``set_annotations`` sets them one after another, so later rules win).

Only what the packaged rules use is supported: token keys ``TAG``, ``LOWER``, ``DEP`` and
``IS_SPACE`` with a value, ``IN``, ``NOT_IN`` or ``REGEX``, fixed-length patterns without
operators.  :func:`install` keeps spaCy's ruler when a rule uses anything else.  The result is
checked token by token against spaCy's ruler (``tests/nlp/test_attributes.py``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens._retokenize import set_token_attrs

NAME = "attribute_ruler"
FACTORY = "presslens_attribute_ruler"
_KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMN = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
Test = Callable[[tuple[int, ...]], bool]


class Unsupported(ValueError):
    """A rule uses a pattern feature this module does not implement."""


def _test(key: str, value: Any, strings: Any) -> Test:
    """A predicate on one token's ``(tag, lower, dep, is_space)`` hashes for ``key: value``."""
    if key not in _COLUMN:
        raise Unsupported(key)
    col = _COLUMN[key]
    if key == "IS_SPACE":
        if not isinstance(value, bool):
            raise Unsupported(f"IS_SPACE {value!r}")
        return lambda row: bool(row[col]) == value
    if isinstance(value, str):
        want = strings.add(value)
        return lambda row: row[col] == want
    if not isinstance(value, dict) or len(value) != 1:
        raise Unsupported(f"{key} {value!r}")
    (op, arg), = value.items()
    if op in ("IN", "NOT_IN"):
        keys = frozenset(strings.add(v) for v in arg)
        return (lambda row: row[col] in keys) if op == "IN" else (lambda row: row[col] not in keys)
    if op == "REGEX":
        rx = re.compile(arg)
        return lambda row: bool(rx.search(strings[row[col]]))
    raise Unsupported(f"{key} {op}")


def _file_keys(token: dict[str, Any], strings: Any) -> list[tuple[int, int]]:
    """The ``(column, hash)`` keys a rule is filed under: values its first token must have.

    An empty list means the rule is checked at every token.
    """
    for key in ("LOWER", "TAG", "DEP"):  # the most selective first
        value = token.get(key)
        if isinstance(value, str):
            return [(_COLUMN[key], strings.add(value))]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [(_COLUMN[key], strings.add(v)) for v in value["IN"]]
    if token.get("IS_SPACE") is True:
        return [(_COLUMN["IS_SPACE"], 1)]
    return []


class Rule:
    """One pattern of one rule: its token tests, the token it sets and the attributes."""

    def __init__(self, order: int, pattern: list[dict[str, Any]], index: int, attrs: dict[Any, Any],
                 strings: Any) -> None:
        """Compile the pattern's token tests."""
        if not pattern or any(not isinstance(t, dict) or "OP" in t for t in pattern):
            raise Unsupported("operators or empty pattern")
        self.order = order
        self.tests = [[_test(k, v, strings) for k, v in t.items()] for t in pattern]
        self.index = index if index >= 0 else len(pattern) + index
        if not 0 <= self.index < len(pattern):
            raise Unsupported(f"index {index}")
        self.attrs = attrs
        self.keys = _file_keys(pattern[0], strings)

    def target(self, rows: list[tuple[int, ...]], i: int) -> int | None:
        """The token this rule sets when its pattern starts at token ``i`` (None: no match)."""
        if i + len(self.tests) > len(rows):
            return None
        for k, tests in enumerate(self.tests):
            row = rows[i + k]
            if not all(t(row) for t in tests):
                return None
        return i + self.index


class FastAttributeRuler:
    """Applies an ``AttributeRuler``'s rules by look-up (the pipeline component).

    One-token rules depend only on the token's ``(tag, lower, dep, is_space)``, so the
    rules a row matches are worked out once per distinct row and remembered
    (``CACHE_ROWS`` rows at most); the few longer rules are checked where they start.
    """

    CACHE_ROWS = 200_000

    def __init__(self, nlp: Language, name: str = NAME) -> None:
        """An empty ruler; :meth:`adopt` loads the rules of spaCy's component."""
        self.name = name
        self.vocab = nlp.vocab
        self.filed: dict[tuple[int, int], list[Rule]] = {}
        self.everywhere: list[Rule] = []
        self._rows: dict[tuple[int, ...], tuple[tuple[Rule, ...], tuple[Rule, ...]]] = {}

    def adopt(self, ruler: Any) -> FastAttributeRuler:
        """Take the rules of spaCy's ``AttributeRuler`` (raises :class:`Unsupported`)."""
        strings = self.vocab.strings
        for order, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            for pattern in ruler.matcher.get(str(order))[1]:
                rule = Rule(order, pattern, index, attrs, strings)
                for key in rule.keys:
                    self.filed.setdefault(key, []).append(rule)
                if not rule.keys:
                    self.everywhere.append(rule)
        self._rows.clear()
        return self

    def __call__(self, doc: Any) -> Any:
        """Set the rules' attributes on the tokens of ``doc`` (later rules win)."""
        rows = [tuple(r) for r in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        hits: dict[int, list[Rule]] = {}
        for i, row in enumerate(rows):
            single, longer = self._row_rules(row)
            if single:
                hits.setdefault(i, []).extend(single)
            for rule in longer:
                j = rule.target(rows, i)
                if j is not None:
                    hits.setdefault(j, []).append(rule)
        for j, rules in hits.items():
            set_token_attrs(doc[j], _merged(tuple(sorted(rules, key=lambda r: r.order))))
        return doc

    def _row_rules(self, row: tuple[int, ...]) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
        """The one-token rules a token with this row matches, and the longer rules that may
        start at it (remembered per row)."""
        found = self._rows.get(row)
        if found is None:
            if len(self._rows) >= self.CACHE_ROWS:
                self._rows.clear()
            candidates = list(self._candidates(row))
            found = self._rows[row] = (
                tuple(r for r in candidates if len(r.tests) == 1 and r.target([row], 0) is not None),
                tuple(r for r in candidates if len(r.tests) > 1))
        return found

    def _candidates(self, row: tuple[int, ...]) -> Iterator[Rule]:
        """Rules filed under one of the token's values, then the rules checked everywhere.

        A rule is filed under values of one column only, so it comes at most once.
        """
        for col, value in enumerate(row):
            yield from self.filed.get((col, value), ())
        yield from self.everywhere

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        """Apply to a stream of Docs."""
        for doc in docs:
            yield self(doc)


@functools.lru_cache(maxsize=4096)
def _merged(rules: tuple[Rule, ...]) -> dict[Any, Any]:
    """The attributes of rules applied in order (a later rule overrides an earlier one).

    The returned dict is shared: callers must not change it.
    """
    merged: dict[Any, Any] = {}
    for rule in rules:
        merged.update(rule.attrs)
    return merged


@Language.factory(FACTORY)
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    """spaCy factory of the empty component (:func:`install` fills it)."""
    return FastAttributeRuler(nlp, name)


def install(nlp: Language) -> bool:
    """Replace the pipeline's ``attribute_ruler`` with the look-up version; False if kept."""
    if NAME not in nlp.pipe_names:
        return False
    old = nlp.get_pipe(NAME)
    try:
        fast = FastAttributeRuler(nlp, NAME).adopt(old)
    except Unsupported:
        return False
    component: Any = nlp.replace_pipe(NAME, FACTORY)
    component.filed, component.everywhere = fast.filed, fast.everywhere
    return True
