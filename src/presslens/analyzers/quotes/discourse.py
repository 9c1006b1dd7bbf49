"""Discourse for speaker pronouns: who is in focus, who spoke last, and agreement.

A quote's "he said" names nobody: the reader takes the person in focus, usually the subject
of a recent sentence or the one who spoke last, whose gender agrees with the pronoun.  The
rules are the salience factors of rule-based coreference (Lappin & Leass 1994; the
pronoun sieve of Lee et al. 2013): candidates are the people named in the pronoun's
sentence and the three before it (outside the quote itself: the person a quote is *about*
is not its speaker), ranked by recency, subjecthood, having spoken last and mention count,
and filtered by gender agreement.  Gender comes from the text itself (an honorific, a
gendered role noun among the person's titles or beside a mention, an unambiguous given
name: ``resources/quotes/gender.tsv``; a possessive "his"/"her" in a sentence the person is
the only one named in).  No coreference package runs offline here (see the module
``speakers``), so this is hand-written; every pick carries its features so that the
confidence model (``confidence.py``) can say how sure it is.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from presslens import resources
from presslens.model.records import Entity
from presslens.model.span import Span
from presslens.nlp.language import doc_text, sent_of, sentence_table

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
WINDOW_SENTENCES = 3
WINDOW_PARAGRAPHS = 2
PARAGRAPH_CHARS = 1500
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class GenderLexicon:
    """Gender evidence words by kind."""

    honorifics: dict[str, str]
    nouns: dict[str, str]
    names: dict[str, str]


@functools.cache
def gender_lexicon() -> GenderLexicon:
    """Load ``quotes/gender.tsv`` once."""
    kinds: dict[str, dict[str, str]] = {"honorific": {}, "noun": {}, "name": {}}
    for entry, gender, kind in resources.table("quotes/gender.tsv").select():
        kinds[kind][entry] = gender
    return GenderLexicon(kinds["honorific"], kinds["noun"], kinds["name"])


@dataclass(frozen=True, slots=True)
class Option:
    """One candidate speaker entity with the features the confidence model reads."""

    entity: str
    features: dict[str, float] = field(default_factory=dict)


class Discourse:
    """The parsed document's people: sentences, mentions by token, genders, last speakers."""

    def __init__(self, doc: Any, entities: Sequence[Entity]) -> None:
        """Index sentence starts, person mentions and each person's gender."""
        self.doc = doc
        self.text: str = doc_text(doc)
        self.by_id = {e.id: e for e in entities}
        self.sent_starts = [s.start_char for s in sentence_table(doc)[0]] or [0]
        self.tok_starts = [t.idx for t in doc]
        self.rows = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self.row_starts = [r[0] for r in self.rows]
        self.genders = {e.id: self._gender(e) for e in entities if e.type == "PERSON"}
        self.spoken: list[tuple[int, str]] = []  # (offset of the quote, speaker), in text order

    def sentence(self, offset: int) -> int:
        """Index of the sentence holding a character offset."""
        return max(bisect_right(self.sent_starts, offset) - 1, 0)

    def token(self, offset: int) -> Any:
        """The token starting at or containing an offset."""
        return self.doc[max(bisect_right(self.tok_starts, offset) - 1, 0)]

    def _gender(self, entity: Entity) -> str | None:
        """"m", "f" or None (no evidence, or evidence both ways)."""
        lex = gender_lexicon()
        votes: Counter[str] = Counter()
        for title in entity.titles:
            votes.update(lex.nouns[w] for w in title.lower().split() if w in lex.nouns)
        words = entity.name.lower().split()
        if words and words[0] in lex.names:
            votes[lex.names[words[0]]] += 1
        for m in entity.mentions:
            votes.update(self._local_gender(m, lex))
        if not votes:
            return None
        (top, n), *rest = votes.most_common()
        return top if not rest or n >= 3 * rest[0][1] else None

    def _local_gender(self, mention: Span, lex: GenderLexicon) -> list[str]:
        """Evidence around one mention: an honorific before it, a possessive pronoun after it."""
        out = []
        before = self.text[max(0, mention.start - 6) : mention.start].rstrip(". ").lower().split()
        if before and before[-1] in lex.honorifics:
            out.append(lex.honorifics[before[-1]])
        tok = self.token(mention.start)
        if tok.dep_ in SUBJECT_DEPS or tok.head.dep_ in SUBJECT_DEPS:
            pron = self._next_pronoun(mention)
            if pron is not None:
                out.append(pron)
        return out

    def _next_pronoun(self, mention: Span) -> str | None:
        """Gender of the first he/his/she/her after a subject mention in its sentence, if no one else is named between."""
        sent = sent_of(self.token(mention.start))
        i = bisect_left(self.row_starts, mention.end)
        nxt = self.rows[i][0] if i < len(self.rows) else len(self.text)
        for tok in sent:
            if tok.idx < mention.end or tok.is_quote:
                continue
            if tok.idx >= nxt or tok.is_quote:
                return None
            if tok.lower_ in PRONOUN_GENDER and tok.pos_ == "PRON":
                return PRONOUN_GENDER[tok.lower_]
        return None

    def heard(self, offset: int, speaker: str | None) -> None:
        """Record who spoke at an offset (quotes are resolved in text order)."""
        if speaker is not None:
            self.spoken.append((offset, speaker))

    def last_speaker(self, offset: int) -> str | None:
        """The speaker of the last quote before an offset within the window, if any."""
        if not self.spoken:
            return None
        at, who = self.spoken[-1]
        return who if self.sentence(offset) - self.sentence(at) <= WINDOW_SENTENCES + 1 else None

    def pronoun(self, tok: Any, avoid: Span, types: frozenset[str]) -> list[Option]:
        """Ranked candidates for a pronoun subject, with salience features (best first)."""
        gender = PRONOUN_GENDER.get(tok.lower_)
        here = self.sentence(tok.idx)
        lo = min(self.sent_starts[max(here - WINDOW_SENTENCES, 0)], self._paragraphs_back(tok.idx))
        found: dict[str, dict[str, float]] = {}
        for start, end, eid in self.rows[bisect_left(self.row_starts, lo) : bisect_left(self.row_starts, tok.idx)]:
            if end > tok.idx or avoid.start <= start < avoid.end or self.by_id[eid].type not in types:
                continue
            f = found.setdefault(eid, {"mentions": 0.0, "subject": 0.0, "quoted": 1.0})
            f["dist"] = float(here - self.sentence(start))
            f["mentions"] += 1
            m_tok = self.token(start)
            if m_tok.dep_ in SUBJECT_DEPS or m_tok.head.dep_ in SUBJECT_DEPS:
                f["subject"] = 1.0
            f["quoted"] = min(f["quoted"], float(self._quoted(start)))
        last = self.last_speaker(tok.idx)
        if last is not None and last not in found and self.by_id[last].type in types:
            return self._rank(found, None, gender)  # the last speaker was not named lately: no bonus
        return self._rank(found, last, gender)

    def _paragraphs_back(self, offset: int) -> int:
        """Start of the paragraph two paragraphs before the one holding ``offset`` (at most 1,500 characters back)."""
        floor = max(offset - PARAGRAPH_CHARS, 0)
        at = offset
        for _ in range(WINDOW_PARAGRAPHS + 1):
            nl = self.text.rfind("\n", floor, at)
            if nl < 0:
                return floor
            at = nl
            while at > floor and self.text[at - 1] == "\n":
                at -= 1
        return at

    def _quoted(self, offset: int) -> bool:
        """True when an offset lies inside quotation marks in its paragraph-line (odd count of marks before it)."""
        floor = max(offset - PARAGRAPH_CHARS, 0)
        nl = self.text.rfind("\n", floor, offset)
        line_start = nl + 1 if nl >= 0 else floor
        before = self.text[line_start:offset]
        return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1

    def _rank(self, found: dict[str, dict[str, float]], last: str | None, gender: str | None) -> list[Option]:
        """Score candidates, drop gender clashes, add margin features, best first."""
        scored: list[tuple[float, str, dict[str, float]]] = []
        for eid, f in found.items():
            g = self.genders.get(eid)
            if gender is not None and g is not None and g != gender:
                continue
            f["last_speaker"] = float(eid == last)
            f["gender_agree"] = float(gender is not None and g == gender)
            f["gender_unknown"] = float(g is None)
            salience = (1.0 / (1.0 + f["dist"]) + 0.6 * f["subject"] + 0.8 * f["last_speaker"]
                        + 0.1 * min(f["mentions"], 3.0) + 0.3 * f["gender_agree"] - 0.5 * f["quoted"])
            scored.append((salience, eid, f))
        scored.sort(key=lambda s: -s[0])
        out = []
        for k, (salience, eid, f) in enumerate(scored):
            others = [s[0] for j, s in enumerate(scored) if j != k]
            f["margin"] = salience - max(others) if others else 1.0
            f["rivals"] = float(len(scored) - 1)
            out.append(Option(eid, f))
        return out
