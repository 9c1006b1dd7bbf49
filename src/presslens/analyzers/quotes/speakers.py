"""Who speaks: the subject of a speech cue, the words naming it, and its entity.

The speaker of a cue is its grammatical subject in the spaCy dependency parse
(``nsubj``; the ``agent`` of a passive; the object of "according to"; the
possessor of "X's statement"), climbing through participles and coordinated
verbs ("…, adding that", "met X and stressed") to the verb that has one.  A
relative "who" stands for the noun it modifies.  The subject is then resolved
to an entity of the entities layer, recording *how* (the ``method`` the confidence model
reads): ``name`` when the subject word is a mention; ``modifier`` when only a word inside
its phrase is ("Clinton's spokesman", "analysts at Gartner", "Former White House doctor":
often the employer or the person the speaker works for, so the model trusts it little);
``pronoun`` / ``neuter`` through the discourse model (``discourse.py``: focus, last
speaker, gender agreement); ``description`` for a role noun ("the ambassador") by the
nearest entity holding that title, or an organisation noun by name.  These are the sieves
of rule-based coreference (Lappin & Leass 1994; Raghunathan et al. 2010).

No coreference package serves here: coreferee 1.5.0's wheel ships empty model folders (its
model is fetched from GitHub at install), fastcoref and maverick-coref load their weights
from a model hub at run time and need torch, spaCy's experimental coref model is not on
PyPI, and no larger English spaCy model is a real PyPI package (only placeholders).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from presslens import resources
from presslens.analyzers.quotes.discourse import Discourse, Option
from presslens.model.records import Entity
from presslens.model.span import Span
from presslens.nlp.language import doc_text
from presslens.nlp.syntax import subject

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "acl", "parataxis", "relcl"})
NP_RIGHT_DEPS = frozenset({"compound", "flat", "prep", "pobj", "nummod", "amod", "nmod"})
PERSON_PRONOUNS = resources.words("lexicon/pronouns.tsv", use="speaker", where=("type", "third"))
ORG_PRONOUNS = resources.words("lexicon/pronouns.tsv", use="speaker", where=("type", "neuter"))
RELATIVE = resources.words("lexicon/pronouns.tsv", use="relative")
ORG_NOUNS = resources.words("lexicon/institutions.tsv", use="speaker")
ORG_TYPES = ("ORG", "GPE", "NORP")
PERSON = frozenset({"PERSON"})
ORGS = frozenset({"ORG"})
TYPE_FEATURES = {"PERSON": "type_person", "ORG": "type_org", "GPE": "type_place", "LOC": "type_place",
                 "FAC": "type_place", "NORP": "type_norp"}


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a speaker was (or was not) found: the method and the ranked candidate entities."""

    method: str
    options: tuple[Option, ...] = ()


NONE = Resolution("none")


def find_subject(cue: Any, is_cue: Any = None, max_climb: int = 3) -> Any | None:
    """The token naming who speaks for a cue token, climbing to governing verbs.

    A participle cue the parser hung inside another speaker's reported clause
    ("X added that …, stressing that …") climbs straight to that speech verb.
    """

    def step(tok: Any) -> Any:
        """The head to climb to: a participle under another speaker's clause goes to that cue."""
        head = tok.head
        if is_cue is not None and tok.dep_ == "advcl" and head.dep_ == "ccomp" and is_cue(head.head):
            return head.head
        return head

    return subject(cue, SUBJECT_DEPS, agent=True, relative_head=True, climb=CLIMB_DEPS, steps=max_climb, step=step)


def noun_phrase(tok: Any, max_tokens: int = 40, avoid: tuple[Span, ...] = ()) -> Span:
    """The words naming a speaker: the subject's whole phrase, appositions included
    ("Robert Klein, chairman of …"), unless it runs into a quote or grows too long,
    then the core noun phrase (no appositions or clauses); never overlapping ``avoid``."""
    doc = tok.doc
    if tok.pos_ == "PRON":
        return Span(tok.idx, tok.idx + len(tok.text))
    left, right = _trim_edges(tok)
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (_trailing_punct(doc[right]) or doc[right].is_space or doc[right].dep_ == "case"):
        right -= 1
    right = _close_bracket(doc, left, right)
    span = Span(doc[left].idx, doc[right].idx + len(doc[right].text))
    if any(span.overlaps(a) for a in avoid):
        return _core_phrase(tok)
    if right - left < max_tokens and not any(t.is_quote for t in doc[left : right + 1]):
        return span
    return _core_phrase(tok)


DASHES = frozenset({"—", "–", "--", "―"})


def _trim_edges(tok: Any) -> tuple[int, int]:
    """The token range of a speaker's phrase without what merely describes an act or a place.

    Cut on the left a dateline or heading the parser hung on the name ("WASHINGTON -- President
    Obama"; the name begins after the last spaced dash before its head); cut on the right a
    comma-set participle clause ("Trump, speaking to veterans, said"), which tells what the
    speaker was doing, not who speaks.  A focus word stays ("Both X and Y": PolNeAR keeps it).  A relative clause
    stays (PolNeAR keeps "Luis Rubio, who heads the Center …" whole).
    """
    doc = tok.doc
    left, right = tok.left_edge.i, tok.right_edge.i
    dashes = [t.i for t in doc[left : tok.i] if t.text in DASHES and t.i > 0 and doc[t.i - 1].whitespace_]
    if dashes:
        left = dashes[-1] + 1
    for child in tok.rights:
        if child.dep_ == "acl" and child.tag_ in ("VBG", "VBN") and doc[child.left_edge.i - 1].text == ",":
            right = min(right, child.left_edge.i - 1)
    return left, right


def _trailing_punct(tok: Any) -> bool:
    """Punctuation trimmed from the end of a name (not "%": "42% say …")."""
    return tok.is_punct and tok.text != "%"


def _close_bracket(doc: Any, left: int, right: int) -> int:
    """Keep the ")" that closes a bracket opened inside the phrase ("Paul Ryan (R-Wis.)")."""
    words = [t.text for t in doc[left : right + 1]]
    if words.count("(") > words.count(")") and right + 1 < len(doc) and doc[right + 1].text == ")":
        return right + 1
    return right


def _core_phrase(tok: Any) -> Span:
    """The noun phrase headed by ``tok`` without appositions, clauses or trailing punctuation."""
    doc = tok.doc
    left = tok.left_edge.i
    while left < tok.i and doc[left].is_punct:
        left += 1
    right = tok.i
    for child in tok.rights:
        if child.dep_ not in NP_RIGHT_DEPS:
            break
        right = child.right_edge.i
    while right > tok.i and doc[right].is_punct:
        right -= 1
    return Span(doc[left].idx, doc[right].idx + len(doc[right].text))


class EntityIndex:
    """Entity mentions sorted by position, for overlap and nearest-antecedent look-ups."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        """Index every mention of every entity."""
        self.by_id = {e.id: e for e in entities}
        rows = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self.starts = [r[0] for r in rows]
        self.rows = rows

    def at(self, span: Span) -> str | None:
        """The entity with a mention overlapping ``span`` (the longest overlap wins)."""
        i = bisect_left(self.starts, span.end)
        best, best_len = None, 0
        for start, end, eid in self.rows[max(0, i - 50) : i]:
            overlap = min(end, span.end) - max(start, span.start)
            if overlap > best_len:
                best, best_len = eid, overlap
        return best

    def nearest_before(self, offset: int, accept: Any) -> str | None:
        """The entity of the closest mention ending before ``offset`` that ``accept`` likes."""
        i = bisect_left(self.starts, offset)
        for _start, end, eid in reversed(self.rows[:i]):
            if end <= offset and accept(self.by_id[eid]):
                return eid
        return None


def referent(subject: Any) -> Any:
    """The noun a relative pronoun stands for ("Smith, who said …" → Smith), else itself."""
    if subject.lower_ in RELATIVE and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


def resolve(subject: Any, source: Span, index: EntityIndex | None, discourse: Discourse | None = None,
            avoid: Span = Span(0, 0)) -> Resolution:
    """Resolve a subject token (and its phrase span) to ranked candidate entities.

    ``avoid``: the quote's content (people named inside it are what it is about, not its speaker).
    """
    if index is None or not index.rows:
        return NONE
    if subject.lower_ in RELATIVE:
        noun = referent(subject)
        return NONE if noun is subject else resolve(noun, noun_phrase(noun), index, discourse, avoid)
    if subject.pos_ == "PRON":
        return _pronoun(subject, discourse, avoid)
    # the subject word itself first: "X, assistant secretary of <Org>, said" is X, not <Org>
    found = index.at(Span(subject.idx, subject.idx + len(subject.text)))
    if found is not None:
        return Resolution("name", (_named(found, subject, index),))
    found = index.at(source)
    if found is not None:
        return Resolution("modifier", (_named(found, subject, index),))
    if subject.pos_ == "NOUN":
        return _description(subject, source, index, discourse)
    return NONE


def _named(eid: str, subject: Any, index: EntityIndex) -> Option:
    """A named candidate with its type and phrase features."""
    entity = index.by_id[eid]
    features = {"subj_noun": float(subject.pos_ == "NOUN")}
    kind = TYPE_FEATURES.get(entity.type)
    if kind is not None:
        features[kind] = 1.0
    return Option(eid, features)


def _pronoun(subject: Any, discourse: Discourse | None, avoid: Span) -> Resolution:
    """He/she → a person in focus that agrees; it → an organisation in focus; others unresolved."""
    lower = subject.lower_
    if discourse is None:
        return NONE
    if lower in PERSON_PRONOUNS:
        return Resolution("pronoun", tuple(discourse.pronoun(subject, avoid, PERSON)))
    if lower in ORG_PRONOUNS:
        return Resolution("neuter", tuple(discourse.pronoun(subject, avoid, ORGS)))
    return NONE


def _description(head: Any, source: Span, index: EntityIndex, discourse: Discourse | None) -> Resolution:
    """A role noun by title, an organisation noun by name (never any other organisation)."""
    noun = head.lemma_.lower()
    phrase = doc_text(head.doc)[source.start : source.end].lower()

    def has_title(e: Entity) -> bool:
        """The entity holds a title naming this role."""
        return any(t.lower() in phrase or noun in t.lower().split() for t in e.titles)

    found = index.nearest_before(source.start, has_title)
    if found is None and noun in ORG_NOUNS:
        found = index.nearest_before(source.start, lambda e: e.type in ORG_TYPES and noun in e.name.lower())
    if found is None:
        return NONE
    option = _named(found, head, index)
    if discourse is not None:
        last = [m.start for m in index.by_id[found].mentions if m.end <= source.start]
        option.features["dist"] = float(discourse.sentence(source.start) - discourse.sentence(last[-1])) if last else 0.0
    return Resolution("description", (option,))
