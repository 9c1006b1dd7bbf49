"""What a quantity counts or measures, read from spaCy's dependency parse.

Where English says it (Quirk et al. 1985 §5.6, §10.3; AP style on percentages):
  the noun the amount modifies       "1,400 workers", "a $500k grant", "a 26-year-old man"
  the object of "of" after it        "72% of farmers", "2,000 tonnes of wheat", "14 of the 87 candidates"
  what money is for                  "$12.3m in fees", "$3 trillion in reconstruction costs"
  the noun before "of" and it        "a loss of $4bn", "winds of 120 mph", "a fare rise of 7 per cent"
  the subject of a verb of measure   "unemployment fell to 4.2%", "turnout was 61 per cent",
                                     "the fine was set at 250,000 Swiss francs"
  the object a change applies to     "the bank cut its base rate to 0.75%"
  the person an age belongs to       "the driver, aged 43", "Tomas Reyl, 58,"
Each rule says which one found the words (``how``); the confidence model uses it.
"""

from __future__ import annotations

from typing import Any

from presslens import resources
from presslens.analyzers.quantities.grammar import Reading

MEASURE_VERBS = resources.words("quantities/measure_verbs.tsv", use="any")
BOUND_MEASURE_VERBS = resources.words("quantities/measure_verbs.tsv", use="bound")
RELATIONAL = resources.words("quantities/relational_nouns.txt")
_MEASURES = resources.words("quantities/measure_nouns.txt")
_BOUND_PREPS = frozenset({"to", "at", "by", "from", "above", "below", "around", "over", "under", "near", "of", "with"})
_RELATIVE = frozenset({"which", "whom", "them", "these", "those", "it"})
_TIME_NOUNS = frozenset({"time", "year", "month", "week", "day", "quarter", "period", "first", "season"})
_PRONOUNS = frozenset({"it", "they", "this", "that", "he", "she", "we", "i", "you", "which", "who", "what"})
_ORDER = {
    "count": ("of", "modified", "before_of", "verb_object"),
    "vague": ("of", "modified"),
    "fraction": ("of", "modified", "before_of"),
    "ratio": ("modified", "of"),
    "ordinal": ("modified",),
    "money": ("modified", "worth", "before_of", "subject", "money_for"),
    "percent": ("modified", "before_of", "of", "subject"),
    "points": ("before_of", "subject"),
    "measure": ("of", "modified", "before_of", "subject"),
    "duration": ("hyphen_modified",),
    "age": ("hyphen_modified", "aged", "apposition", "subject_noun"),
    "multiple": ("subject",),
}


class Counted:
    """Finds what each reading counts, with the noun chunks of the parse indexed once."""

    def __init__(self, doc: Any) -> None:
        """Index the noun chunk of every token."""
        self.doc = doc
        self.chunk: dict[int, Any] = {}
        for chunk in getattr(doc, "noun_chunks", ()):
            for k in range(chunk.start, chunk.end):
                self.chunk[k] = chunk

    def find(self, r: Reading) -> tuple[str | None, str]:
        """The words saying what ``r`` counts and the rule that found them ("" when none)."""
        for how in _ORDER.get(r.kind, ()):
            phrase = getattr(self, f"_{how}")(r)
            if phrase:
                return phrase, how
        return None, ""

    # --- rules --------------------------------------------------------------------------

    def _of(self, r: Reading) -> str | None:
        """ "72% of farmers", "2,000 tonnes of wheat", "537 of which" (→ what "which" stands for)."""
        if r.end >= len(self.doc) or self.doc[r.end].lower_ != "of":
            return None
        obj = of_object(self.doc[r.end])
        if obj is not None and obj.lower() in _RELATIVE:
            return self._antecedent(self.doc[r.end])
        return obj

    def _antecedent(self, prep: Any) -> str | None:
        """The noun a relative "of which" refers back to (head of the relative clause)."""
        tok = prep
        for _ in range(4):
            if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
                return phrase(tok.head)
            if tok.head.i == tok.i:
                return None
            tok = tok.head
        return None

    def _modified(self, r: Reading) -> str | None:
        """The noun phrase right after the amount that it modifies ("1,400 workers", "$500k grant")."""
        doc = self.doc
        chunk = self.chunk.get(r.end) or self.chunk.get(r.end - 1)
        head = chunk.root if chunk is not None else None
        last = doc[r.num_end - 1] if 0 < r.num_end <= r.end else doc[r.end - 1]
        if (head is None or head.i < r.end) and last.dep_ in ("nummod", "quantmod", "compound", "amod"):
            head = last.head  # the parse found no noun chunk: trust the number's own head
        if head is None or head.i < r.end or head.pos_ not in ("NOUN", "PROPN") or head.i - r.end > 6:
            return None
        if any(t.is_punct and t.text not in ("-", "–") for t in doc[r.end : head.i]):
            return None
        text = doc[r.end : head.i + 1].text
        if head.lower_ in _MEASURES and head.i + 1 < len(doc) and doc[head.i + 1].lower_ == "of":
            obj = of_object(doc[head.i + 1])
            return f"{text} of {obj}" if obj else text
        return text

    def _hyphen_modified(self, r: Reading) -> str | None:
        """ "a 10-year sentence", "a 26-year-old man": only a hyphenated amount modifies a noun."""
        if "hyphen" not in r.flags and r.kind != "age":
            return None
        return self._modified(r)

    def _money_for(self, r: Reading) -> str | None:
        """ "$12.3m in fees", "$3 trillion in reconstruction costs"."""
        doc = self.doc
        if r.end < len(doc) and doc[r.end].lower_ in ("in", "for", "on") and doc[r.end].head.i < r.end:
            obj = of_object(doc[r.end])
            if obj and obj.split()[-1].lower() not in _TIME_NOUNS:
                return obj
        return None

    def _worth(self, r: Reading) -> str | None:
        """ "shares worth $1.75bn": the noun "worth" describes."""
        doc = self.doc
        if r.start > 0 and doc[r.start - 1].lower_ == "worth":
            head = doc[r.start - 1].head
            if head.pos_ in ("NOUN", "PROPN") and head.i < r.start:
                return phrase(head)
        return None

    def _before_of(self, r: Reading) -> str | None:
        """ "a loss of $4bn", "winds of 120 mph", "at a depth of 10 kilometres"."""
        doc = self.doc
        if r.start == 0 or doc[r.start - 1].lower_ != "of":
            return None
        head = doc[r.start - 1].head
        if head.i < r.start - 1 and head.pos_ in ("NOUN", "PROPN") and head.lower_ not in ("which", "one"):
            return phrase(head, relational=False)  # its "of" phrase is the amount itself
        return None

    def _root(self, r: Reading) -> Any:
        """The reading's token whose head lies outside it."""
        for tok in self.doc[r.start : r.end]:
            if not r.start <= tok.head.i < r.end or tok.head.i == tok.i:
                return tok
        return self.doc[r.end - 1]

    def _governing_verb(self, r: Reading) -> tuple[Any, bool] | None:
        """The verb before an amount that it completes ("fell to 4.2%", "was 61%"), and whether
        the amount is bound by a preposition ("to", "by", "with") rather than its object."""
        tok = self._root(r)
        bound = False
        for _ in range(3):
            head = tok.head
            if head.i == tok.i:
                return None
            if tok.dep_ in ("pobj", "pcomp") and head.lower_ in _BOUND_PREPS:
                bound = True
            if head.pos_ in ("VERB", "AUX"):
                return (head, bound) if head.i < r.start else None
            tok = head
        return None

    def _subject(self, r: Reading) -> str | None:
        """The subject of a verb of measure ("unemployment fell to 4.2%", "the fine was set at …")."""
        found = self._governing_verb(r)
        if found is None:
            return None
        verb, bound = found
        lemma = verb.lemma_.lower()
        if lemma not in MEASURE_VERBS and not (bound and lemma in BOUND_MEASURE_VERBS):
            return self._verb_object(r)
        subj = subject_of(verb)
        return phrase(subj) if subj is not None and subj.lower_ not in _PRONOUNS else None

    def _subject_noun(self, r: Reading) -> str | None:
        """Subject of "is 26 years old"-like clauses when it is a noun, not a pronoun."""
        return self._subject(r)

    def _verb_object(self, r: Reading) -> str | None:
        """ "cut its base rate to 0.75%", "led the nominations with 11": the verb's object."""
        found = self._governing_verb(r)
        if found is None or not found[1]:
            return None
        verb = found[0]
        root = self._root(r)
        objs = [c for c in verb.children if c.dep_ == "dobj" and not (r.start <= c.i < r.end) and c.i != root.i]
        if objs and objs[0].pos_ in ("NOUN", "PROPN") and objs[0].lower_ not in _PRONOUNS:
            return phrase(objs[0])
        return None

    def _aged(self, r: Reading) -> str | None:
        """ "the driver, aged 43": the noun "aged" describes."""
        doc = self.doc
        for tok in doc[max(0, r.start - 3) : r.start]:
            if tok.lower_ == "aged" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i:
                return phrase(tok.head)
        return None

    def _apposition(self, r: Reading) -> str | None:
        """ "Tomas Reyl, 58,": the name before the age."""
        if "apposition" not in r.flags or r.start < 2:
            return None
        name = self.doc[r.start - 2]
        left = name.i
        while left > 0 and self.doc[left - 1].pos_ == "PROPN" and self.doc[left - 1].whitespace_:
            left -= 1
        return str(self.doc[left : name.i + 1].text)


def subject_of(verb: Any) -> Any | None:
    """The subject of a verb, or of the verb it is chained to ("is expected to reach")."""
    for tok in (verb, verb.head):
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0]
        if tok.dep_ not in ("xcomp", "conj", "ccomp"):
            break
    return None


def phrase(noun: Any, relational: bool = True) -> str:
    """A noun with its compound, adjective and noun modifiers ("budget gap", "share of the vote")."""
    mods = [t for t in noun.lefts if t.dep_ in ("compound", "amod", "nmod", "npadvmod") and t.i < noun.i]
    left = min([noun.i] + [t.left_edge.i for t in mods])
    text = str(noun.doc[left : noun.i + 1].text)
    if relational and noun.lower_ in RELATIONAL:
        of = [t for t in noun.rights if t.lower_ == "of"]
        obj = of_object(of[0]) if of else None
        if obj:
            text = f"{text} of {obj}"
    return text


def of_object(prep: Any) -> str | None:
    """The object of a preposition with its modifiers ("of the town's voters" → "town's voters")."""
    objs = [t for t in prep.rights if t.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    mods = [t for t in obj.lefts if t.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss")]
    left = min([obj.i] + [t.left_edge.i for t in mods])
    if prep.doc[left].lower_ in ("the", "a", "an", "its", "their", "his", "her"):
        left += 1
    return str(prep.doc[left : obj.i + 1].text)
